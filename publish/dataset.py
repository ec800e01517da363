"""The dataset a newsroom filters in one step: `councils.csv` (one row per council, a column per activity and per
condition), `changes.csv` / `changes.json` (every published change), their data dictionary `DATA.md` and the
Frictionless `datapackage.json` describing every column of every CSV.

Each column is defined once, with its type and meaning, in COUNCIL_COLUMNS and CHANGE_COLUMNS: the CSV headers,
DATA.md and datapackage.json are all written from those definitions.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from publish.export import CSV_COLUMNS as PUBLISHED_COLUMNS
from publish.export import csv_safe
from publish.licence import DATASET_LICENCE, DATASET_LICENCE_NAME, DATASET_LICENCE_URL, DISCLAIMER, licence_json
from publish.public import Change, PublicCouncil, PublicData
from publish.words import activity_words
from rules.taxonomy import ACTIVITIES, CONDITIONS, COUNCIL_VERDICTS, NATIONS, UNKNOWN

YES, NO = "yes", "no"


@dataclass(frozen=True)
class Column:
    """One column of a CSV: its name, Frictionless type, meaning, and the values it may take (if a closed set)."""

    name: str
    type: str
    description: str
    values: tuple[str, ...] = ()


def _yes_no(name: str, description: str) -> Column:
    return Column(name, "boolean", description + " (yes / no; empty when nothing is published)")


def _activity_columns(activity: str) -> list[Column]:
    noun = activity_words(activity).noun
    return [
        Column(activity, "string", f"the council's rule on {noun}: {', '.join(COUNCIL_VERDICTS)} (see DATA.md); "
                                   "empty when nothing is published", COUNCIL_VERDICTS),
        *(_yes_no(f"{activity}_{condition}", f"whether the rule on {noun} carries the condition {condition}")
          for condition in CONDITIONS),
        _yes_no(f"{activity}_conflicts_with_statute", f"whether the rule on {noun} conflicts with the nation's "
                                                       "statute (England only)"),
        Column(f"{activity}_previous", "string", f"the rule on {noun} before its last change (empty if it never "
                                                 "changed)", COUNCIL_VERDICTS),
        Column(f"{activity}_changed_on", "date", f"when the rule on {noun} last changed (empty if it never did)"),
    ]


COUNCIL_COLUMNS: tuple[Column, ...] = (
    Column("gss_code", "string", "the council's GSS code (ONS), e.g. E07000138"),
    Column("council_code", "string", "the council's local authority code (mySociety), e.g. LIC; the key"),
    Column("name", "string", "the council's name"),
    Column("nation", "string", "England, Wales, Scotland or Northern Ireland", NATIONS),
    Column("type", "string", "the council's type (county, district, unitary, ...)"),
    Column("website", "string", "the council's website"),
    Column("tier", "string", "principal (county, district, unitary, ...) or local (parish, town, community)"),
    Column("parent_code", "string", "a local council's principal council (its council_code)"),
    Column("unknown_reason", "string", "why the council's rules are `unknown`: it cannot be read (it has no "
                                       "website, say); empty otherwise"),
    _yes_no("published", "whether a reviewed answer is published for the council"),
    *(column for activity in ACTIVITIES for column in _activity_columns(activity)),
    _yes_no("conflicts_with_statute", "whether any of its rules conflicts with the nation's statute"),
    Column("sources", "string", "addresses of the documents the answers quote, separated by spaces"),
    Column("last_checked", "datetime", "when the council's documents were last fetched (UTC)"),
    Column("last_reviewed", "datetime", "when a reviewer last confirmed or corrected an answer in force (UTC)"),
    Column("last_reviewer", "string", "who did"),
    _yes_no("corrected", "whether a reviewer corrected the machine's reading of an answer in force"),
    _yes_no("shared_text", "whether its answers were published with the review of a text many councils share "
                           "word for word (a national model of standing orders), rather than reviewed on their own"),
    _yes_no("source_failing", "whether one of its documents failed at the last check (the last good copy stands)"),
    Column("page", "string", "the council's page on the public site, relative to the site's root"),
)
CHANGE_COLUMNS: tuple[Column, ...] = (
    Column("changed_at", "datetime", "when the change was published: the reviewer's decision (UTC)"),
    Column("council_code", "string", "the council's local authority code"),
    Column("gss_code", "string", "the council's GSS code"),
    Column("name", "string", "the council's name"),
    Column("nation", "string", "the council's nation", NATIONS),
    Column("activity", "string", "filming, audio_recording, photography or social_media", ACTIVITIES),
    Column("kind", "string", "first published, verdict changed, conditions changed or wording changed",
           ("first published", "verdict changed", "conditions changed", "wording changed")),
    Column("verdict_before", "string", "the rule before (empty the first time)", COUNCIL_VERDICTS),
    Column("verdict_after", "string", "the rule after", COUNCIL_VERDICTS),
    Column("conditions_before", "string", "conditions before, separated by \"; \""),
    Column("conditions_after", "string", "conditions after, separated by \"; \""),
    Column("clause_before", "string", "the deciding clause before, quoted"),
    Column("clause_after", "string", "the deciding clause after, quoted"),
    Column("source_before", "string", "the address of the document quoted before"),
    Column("source_after", "string", "the address of the document quoted after"),
    Column("reviewer", "string", "who confirmed or corrected the change"),
    _yes_no("corrected", "whether the reviewer corrected the machine's reading"),
    _yes_no("conflicts_with_statute", "whether the rule after conflicts with the nation's statute"),
)
PUBLISHED_DESCRIPTIONS = {
    "council_code": "the council's local authority code", "council_name": "the council's name",
    "nation": "the council's nation", "activity": "the activity", "verdict": "the rule in force",
    "conditions": "its conditions, separated by \"; \"",
    "evidence": "the clauses carrying it, as JSON: quote, source_url, page, verdict",
    "reviewed_at": "when a reviewer confirmed or corrected it (UTC)", "reviewer": "who",
    "conflicts_with_statute": "true when it conflicts with the nation's statute",
    "statute": "the statute it is compared with (England: the 2014 Regulations)",
}


def _flag(value: bool) -> str:
    return YES if value else NO


def council_row(council: PublicCouncil) -> dict[str, Any]:
    """One line of councils.csv."""
    row: dict[str, Any] = {"gss_code": council.gss_code, "council_code": council.code, "name": council.name,
                           "nation": council.nation, "type": council.type, "website": council.website,
                           "tier": council.tier, "parent_code": council.parent,
                           "unknown_reason": council.no_website_reason if not council.published else "",
                           "published": _flag(council.published), "page": f"council/{council.code}/"}
    for activity in ACTIVITIES:
        entry = council.entries.get(activity)
        # A council that cannot be read (no website) is `unknown`, for the reason given: never `not_stated`.
        row[activity] = entry.verdict if entry else (UNKNOWN if row["unknown_reason"] else "")
        for condition in CONDITIONS:
            row[f"{activity}_{condition}"] = _flag(condition in entry.conditions) if entry else ""
        row[f"{activity}_conflicts_with_statute"] = _flag(entry.conflicts_with_statute) if entry else ""
        last = next((c for c in council.changes if c.activity == activity and c.before is not None
                     and c.before.verdict != c.after.verdict), None)
        row[f"{activity}_previous"] = last.before.verdict if last and last.before else ""
        row[f"{activity}_changed_on"] = last.at[:10] if last else ""
    reviewed = council.last_reviewed
    sources = dict.fromkeys(e.source_url for entry in council.entries.values() for e in entry.evidence
                            if e.source_url)
    row.update({
        "conflicts_with_statute": _flag(council.conflicts) if council.published else "",
        "sources": " ".join(sources), "last_checked": council.last_checked or "",
        "last_reviewed": reviewed.reviewed_at if reviewed else "",
        "last_reviewer": (reviewed.reviewer or "") if reviewed else "",
        "corrected": _flag(any(e.corrected for e in council.entries.values())) if council.published else "",
        "shared_text": _flag(any(e.template for e in council.entries.values())) if council.published else "",
        "source_failing": _flag(bool(council.failing)),
    })
    return row


def change_row(change: Change, council: PublicCouncil) -> dict[str, Any]:
    """One line of changes.csv."""
    before, after = change.before, change.after

    def first(entry: Any, key: str) -> str:
        return (getattr(entry.evidence[0], key) or "") if entry and entry.evidence else ""

    return {"changed_at": change.at, "council_code": council.code, "gss_code": council.gss_code,
            "name": council.name, "nation": council.nation, "activity": change.activity, "kind": change.kind,
            "verdict_before": before.verdict if before else "", "verdict_after": after.verdict,
            "conditions_before": "; ".join(before.conditions) if before else "",
            "conditions_after": "; ".join(after.conditions),
            "clause_before": first(before, "quote"), "clause_after": first(after, "quote"),
            "source_before": first(before, "source_url"), "source_after": first(after, "source_url"),
            "reviewer": change.reviewer or "", "corrected": _flag(after.corrected),
            "conflicts_with_statute": _flag(after.conflicts_with_statute)}


def write_rows(path: Path, columns: tuple[Column, ...], rows: list[dict[str, Any]]) -> None:
    """A CSV with these columns, every cell safe to open in a spreadsheet."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=[c.name for c in columns])
        writer.writeheader()
        for row in rows:
            writer.writerow({key: csv_safe(value) for key, value in row.items()})


def write_dataset(data: PublicData, out: Path) -> tuple[Path, ...]:
    """councils.csv, changes.csv, changes.json, DATA.md and datapackage.json into `out`."""
    councils = {c.code: c for c in data.councils}
    changes = [change_row(change, councils[change.council_code]) for change in data.changes]
    files = (out / "councils.csv", out / "changes.csv", out / "changes.json", out / "DATA.md",
             out / "datapackage.json")
    write_rows(files[0], COUNCIL_COLUMNS, [council_row(c) for c in data.councils])
    write_rows(files[1], CHANGE_COLUMNS, changes)
    files[2].write_text(json.dumps({"generated_at": data.generated_at, "licence": licence_json(),
                                    "changes": changes}, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    files[3].write_text(data_dictionary(), encoding="utf-8")
    files[4].write_text(json.dumps(datapackage(data.generated_at), indent=1, ensure_ascii=False) + "\n",
                        encoding="utf-8")
    return files


def _field(column: Column) -> dict[str, Any]:
    field: dict[str, Any] = {"name": column.name, "type": column.type, "description": column.description}
    if column.type == "boolean":
        field.update(trueValues=[YES], falseValues=[NO])
    if column.type == "datetime":
        field["format"] = "any"  # ISO 8601 with its offset, 2026-11-27T02:30:00+00:00
    if column.values:
        field["constraints"] = {"enum": list(column.values)}
    return field


def datapackage(generated_at: str) -> dict[str, Any]:
    """The Frictionless Data Package (v1) describing the CSVs."""
    published = [{"name": name, "type": "boolean" if name == "conflicts_with_statute" else "string",
                  "description": PUBLISHED_DESCRIPTIONS[name]} for name in PUBLISHED_COLUMNS]
    published[[f["name"] for f in published].index("reviewed_at")].update(type="datetime", format="any")
    return {
        "profile": "tabular-data-package", "name": "open-council-meetings",
        "title": "Open Council Meetings: may the public film, record, photograph or report live at UK council "
                 "meetings?",
        "description": DISCLAIMER, "created": generated_at,
        "licenses": [{"name": DATASET_LICENCE, "title": DATASET_LICENCE_NAME, "path": DATASET_LICENCE_URL}],
        "resources": [
            _resource("councils", "councils.csv", "One row per council.", COUNCIL_COLUMNS, ["council_code"]),
            _resource("changes", "changes.csv", "Every published change, newest first.", CHANGE_COLUMNS, None),
            {"name": "published", "path": "published.csv", "profile": "tabular-data-resource", "format": "csv",
             "encoding": "utf-8", "description": "One row per council and activity, with the clauses.",
             "schema": {"fields": published, "primaryKey": ["council_code", "activity"]}},
        ],
    }


def _resource(name: str, path: str, description: str, columns: tuple[Column, ...],
              key: list[str] | None) -> dict[str, Any]:
    schema: dict[str, Any] = {"fields": [_field(c) for c in columns]}
    if key:
        schema["primaryKey"] = key
    return {"name": name, "path": path, "profile": "tabular-data-resource", "format": "csv", "encoding": "utf-8",
            "description": description, "schema": schema}


def data_dictionary() -> str:
    """DATA.md: every file and every column."""
    lines = ["# The data, column by column", "",
             f"{DISCLAIMER} Licence: [{DATASET_LICENCE_NAME}]({DATASET_LICENCE_URL}); see `LICENCE.md`.",
             "`datapackage.json` describes the same columns for programs (Frictionless Data Package).", "",
             "Verdicts: `allowed` (without asking), `notice` (tell the council first), `permission` (only with "
             "someone's consent), `prohibited`, `not_stated` (the documents say nothing), `conflicting` (they "
             "disagree), `unknown` (no readable document). Conditions, one column each per activity: "
             + ", ".join(f"`{c}`" for c in CONDITIONS) + ". Times are UTC, ISO 8601.", ""]
    for title, columns in (("councils.csv: one row per council", COUNCIL_COLUMNS),
                           ("changes.csv and changes.json: every published change, newest first", CHANGE_COLUMNS)):
        lines += [f"## {title}", "", "| column | type | meaning |", "| --- | --- | --- |"]
        lines += [f"| `{c.name}` | {c.type} | {c.description} |" for c in columns]
        lines.append("")
    lines += ["## published.csv: one row per council and activity (published.json nests them per council)", "",
              "| column | meaning |", "| --- | --- |"]
    lines += [f"| `{name}` | {PUBLISHED_DESCRIPTIONS[name]} |" for name in PUBLISHED_COLUMNS]
    return "\n".join(lines) + "\n"
