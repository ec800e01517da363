"""The long open data: the published verdict per council and activity as `published.csv` and `published.json`.

Only what reviewers confirmed is exported; councils without a published policy are counted, not listed.
`publish.build` writes them with the rest of the dataset and the site (`ocm publish`, `ocm export`).
"""

from __future__ import annotations

import csv
import json
import logging
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from publish.licence import licence_json
from rules.taxonomy import ACTIVITIES, ENGLAND, STATUTE_ENGLAND
from store.councils import council_rows
from store.policies import published_councils, published_policy
from store.records import PublishedEntry

logger = logging.getLogger(__name__)

EVIDENCE_KEYS = ("quote", "source_url", "page", "verdict")


@dataclass(frozen=True)
class PublishedRow:
    """One published verdict as exported: a line of published.csv, its fields in the CSV's column order. The JSON
    holds the same fields, those of the council once per council (COUNCIL_KEYS) and the rest per activity."""

    council_code: str
    council_name: str
    nation: str
    activity: str
    verdict: str
    conditions: tuple[str, ...]
    evidence: tuple[dict[str, Any], ...]  # each clause's EVIDENCE_KEYS
    reviewed_at: str | None
    reviewer: str | None
    conflicts_with_statute: bool
    statute: str | None


CSV_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(PublishedRow))
# The row's fields that describe the council, by their name in the JSON's council object; the JSON's activities
# are keyed by `activity` and hold every other field.
COUNCIL_KEYS = {"council_code": "code", "council_name": "name", "nation": "nation", "statute": "statute"}


def published_rows(db: Database) -> list[PublishedRow]:
    """The published verdict in force per council and activity, joined with the council, in a stable order."""
    councils = {c["code"]: c for c in council_rows(db)}
    found = []
    for code in published_councils(db):
        council = councils.get(code, {})
        policy = published_policy(db, code)
        for activity in (a for a in ACTIVITIES if a in policy):
            found.append(_row(code, council, policy[activity]))
    return found


def _row(code: str, council: dict[str, Any], entry: PublishedEntry) -> PublishedRow:
    nation = council.get("nation") or ""
    return PublishedRow(
        council_code=code, council_name=council.get("name") or "", nation=nation, activity=entry.activity,
        verdict=entry.verdict, conditions=entry.conditions,
        evidence=tuple({key: getattr(e, key) for key in EVIDENCE_KEYS} for e in entry.evidence),
        reviewed_at=entry.reviewed_at, reviewer=entry.reviewer, conflicts_with_statute=entry.conflicts_with_statute,
        statute=STATUTE_ENGLAND if nation == ENGLAND else None,
    )


def _fields(row: PublishedRow) -> dict[str, Any]:
    """The row's fields by name, as JSON holds them (lists, not tuples)."""
    return {f.name: list(value) if isinstance(value := getattr(row, f.name), tuple) else value
            for f in fields(row)}


def write_csv(rows: list[PublishedRow], path: Path) -> None:
    """One line per council and activity; conditions joined by "; ", evidence as JSON text; every cell safe to open
    in a spreadsheet (`csv_safe`)."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        for row in rows:
            cells = {**_fields(row), "conditions": "; ".join(row.conditions),
                     "evidence": json.dumps(list(row.evidence), ensure_ascii=False),
                     "conflicts_with_statute": str(row.conflicts_with_statute).lower(),
                     "statute": row.statute or ""}
            writer.writerow({key: csv_safe(value) for key, value in cells.items()})


# What a spreadsheet reads as the start of a formula (OWASP, CSV injection): "=HYPERLINK(...)", "+1", "@SUM".
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula, neutralised with a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def nested(rows: list[PublishedRow], generated_at: str, without: int) -> dict[str, Any]:
    """The JSON document: metadata, then one object per council with its activities."""
    councils: dict[str, dict[str, Any]] = {}
    for row in rows:
        data = _fields(row)
        council = councils.setdefault(row.council_code, {
            **{name: data[key] for key, name in COUNCIL_KEYS.items()}, "activities": {}})
        council["activities"][row.activity] = {
            key: value for key, value in data.items() if key not in COUNCIL_KEYS and key != "activity"}
    return {"generated_at": generated_at, "licence": licence_json(),
            "councils_with_published_policy": len(councils), "councils_without_published_policy": without,
            "councils": list(councils.values())}


def write_json(document: dict[str, Any], path: Path) -> None:
    """Pretty, UTF-8 JSON."""
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
