"""Reviewers' corrections as labelled passages, in the format of tests/data/passages/passages-dev.jsonl.

Everything comes from the audit trail: a `correct` event holds the reviewer's verdict, conditions and note
and the clauses they saw (with their snapshots); what was published then gives the other activities.
A row's text is those clauses, in document order. The other activities are labelled as they were published
for the same clauses (`not_stated` when none of them was quoted for it): a person checks every row before it
joins the development data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from rules.taxonomy import ACTIVITIES, CONFLICTING, NOT_STATED
from store.councils import council_rows
from store.documents import get_snapshot
from store.events import CORRECT, list_events
from store.policies import published_as_of
from store.records import Event, Evidence, PolicyEntry, entries_of

ROW_ID = "corr-{}"  # stable across exports: the event's number
CLAUSE_SEPARATOR = "\n"


@dataclass
class CorrectionExport:
    """The labelled rows, oldest correction first, and the corrections that quoted no clause (no text to label)."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    without_clause: list[int] = field(default_factory=list)  # event ids


def correction_rows(db: Database) -> CorrectionExport:
    """Every reviewer's correction as one labelled passage."""
    councils = {c["code"]: c for c in council_rows(db)}
    done = CorrectionExport()
    for event in reversed(list_events(db, action=CORRECT)):
        row = _row(db, event, councils.get(event.council, {}))
        if row is None:
            done.without_clause.append(event.id)
        else:
            done.rows.append(row)
    return done


def _same(quote: str) -> str:
    return " ".join(quote.split())


def _row(db: Database, event: Event, council: dict[str, Any]) -> dict[str, Any] | None:
    corrected = str(event.activity)
    entry = entries_of(event.after)[corrected]  # a new_council flag's event holds every activity
    clauses = _in_document_order(db, entry.evidence)
    if not clauses:
        return None
    said = {_same(e.quote) for e in clauses}
    verdicts, ambiguous = {corrected: entry.verdict}, False
    published = published_as_of(db, event.council, event.at)
    for activity in ACTIVITIES:
        if activity != corrected:
            found = _reading(published.get(activity), said)
            ambiguous = ambiguous or len(found) > 1
            verdicts[activity] = found[0] if len(found) == 1 else NOT_STATED
    urls = list(dict.fromkeys(e.source_url for e in clauses))
    snapshot = (get_snapshot(db, clauses[0].snapshot_id) if clauses[0].snapshot_id is not None else None) or {}
    return {
        "id": ROW_ID.format(event.id), "council": council.get("name") or event.council,
        "nation": council.get("nation"), "council_type": council.get("type") or None, "url": urls[0],
        "doc_type": snapshot.get("source_kind"), "year": None,
        "text": CLAUSE_SEPARATOR.join(e.quote for e in clauses),
        "verdicts": {activity: verdicts[activity] for activity in ACTIVITIES},
        "conditions": list(entry.conditions), "ambiguous": ambiguous,
        "why": {corrected: event.note}, "verdict_notes": _notes(corrected, urls, ambiguous),
        "corrected_by": event.reviewer, "corrected_at": event.at, "flag": event.flag_id,
        "classifier_version": event.classifier_version,
    }


def _in_document_order(db: Database, evidence: tuple[Evidence, ...]) -> list[Evidence]:
    """The quoted clauses, each once, by document (source) and then by where they stand in its stored text."""
    texts: dict[int | None, tuple[int, str]] = {None: (0, "")}
    for e in evidence:
        if e.snapshot_id is not None and e.snapshot_id not in texts:
            snapshot = get_snapshot(db, e.snapshot_id) or {"source_id": 0, "text": ""}
            texts[e.snapshot_id] = (snapshot["source_id"], snapshot["text"])

    def place(item: tuple[int, Evidence]) -> tuple[int, int, int]:
        index, e = item
        source, text = texts[e.snapshot_id]
        at = text.find(e.quote)
        return source, at if at >= 0 else len(text), index

    seen: set[str] = set()
    ordered = []
    for _index, e in sorted(enumerate(evidence), key=place):
        if _same(e.quote) not in seen:
            seen.add(_same(e.quote))
            ordered.append(e)
    return ordered


def _reading(entry: PolicyEntry | None, said: set[str]) -> list[str]:
    """The verdicts published for an activity on the strength of these clauses (none: they said nothing of it)."""
    if not entry or not any(_same(e.quote) in said for e in entry.evidence):
        return []
    if entry.verdict != CONFLICTING:  # one verdict for every clause (a reviewer's, if they corrected it)
        return [entry.verdict]
    return sorted({e.verdict for e in entry.evidence if _same(e.quote) in said and e.verdict})


def _notes(corrected: str, urls: list[str | None], ambiguous: bool) -> str:
    notes = [f"{corrected} corrected by a reviewer; the other activities as published for the same clauses "
             "(not_stated where none of them was quoted for it), not checked by a person"]
    if len(urls) > 1:
        notes.append(f"the clauses come from {len(urls)} documents: {', '.join(map(str, urls))}")
    if ambiguous:
        notes.append("the documents disagree on another activity: left not_stated and marked ambiguous")
    return "; ".join(notes) + "."
