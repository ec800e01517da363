"""Council policy rows: derived each run (appended when it changed) and published after review (append-only)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlite_utils import Database

from store.db import insert, rows, to_json, transaction
from store.records import PolicyEntry, PublishedEntry, plain

# The `policy` table's columns that say where and when an entry was derived, not what it says.
_DERIVED_AT = ("id", "run_id", "council", "derived_at")


def _entry_columns(entry: PolicyEntry) -> dict[str, object]:
    """The columns both tables share: a PolicyEntry's fields. How sure the machine was (a DerivedEntry's confidence
    and doubts) stays on the flag that proposed the entry."""
    return {"activity": entry.activity, "verdict": entry.verdict, "conditions": to_json(list(entry.conditions)),
            "evidence": to_json(plain(entry.evidence)),
            "conflicts_with_statute": int(entry.conflicts_with_statute)}


def save_policy(db: Database, run_id: int | None, council: str, derived: Iterable[PolicyEntry], now: str) -> int:
    """Append the policy derived for a council in this run, one row per activity that differs from the last one
    derived (the same policy night after night adds nothing: 12,000 councils would add 48,000 rows a night).
    Returns how many rows were added."""
    with transaction(db):
        last = {r["activity"]: {k: r[k] for k in r if k not in _DERIVED_AT}
                for r in _latest_per_activity(db, "policy", council)}
        added = 0
        for entry in derived:
            columns = _entry_columns(entry)
            if last.get(entry.activity) != columns:
                insert(db, "policy", {"run_id": run_id, "council": council, **columns, "derived_at": now})
                added += 1
        return added


def latest_policy(db: Database, council: str) -> dict[str, PolicyEntry]:
    """The most recently derived policy of a council, by activity."""
    return {r["activity"]: PolicyEntry.from_dict({k: v for k, v in r.items() if k not in _DERIVED_AT})
            for r in _latest_per_activity(db, "policy", council)}


def published_policy(db: Database, council: str) -> dict[str, PublishedEntry]:
    """What reviewers have confirmed for a council, by activity (empty if never published)."""
    return {r["activity"]: PublishedEntry.from_row(r) for r in _latest_per_activity(db, "published", council)}


def _latest_per_activity(db: Database, table: str, council: str) -> list[dict]:
    return rows(db, f"""SELECT * FROM [{table}] t WHERE council = ? AND id = (
                           SELECT MAX(id) FROM [{table}] WHERE council = t.council AND activity = t.activity)
                        ORDER BY activity""", [council])


def publish(db: Database, council: str, entry: PolicyEntry, flag_id: int | None, reviewer: str, now: str,
            basis: Iterable[int] | None = None, template: str | None = None) -> None:
    """Append a published verdict for one activity of a council.

    `basis` (the snapshot ids of the evidence) marks the row as a reviewer's correction of the machine; `template`
    marks it as published with the review of the shared text the council's documents are (not on its own).
    """
    insert(db, "published", {
        "council": council, **_entry_columns(entry), "flag_id": flag_id, "reviewer": reviewer, "reviewed_at": now,
        "corrected": int(basis is not None), "basis": None if basis is None else to_json(sorted(basis)),
        "template": template,
    })


def published_as_of(db: Database, council: str, at: str) -> dict[str, PublishedEntry]:
    """What was published for a council at a moment (UTC, the store's format), by activity."""
    found = rows(db, """SELECT * FROM published t WHERE council = ? AND id = (
                            SELECT MAX(id) FROM published WHERE council = t.council AND activity = t.activity
                                                               AND reviewed_at <= ?)""", [council, at])
    return {r["activity"]: PublishedEntry.from_row(r) for r in found}


def published_history(db: Database, council: str) -> list[PublishedEntry]:
    """Every published row of a council, newest first."""
    return [PublishedEntry.from_row(r) for r in rows(db, "SELECT * FROM published WHERE council = ? ORDER BY id DESC",
                                                     [council])]


def last_reviewed_at(db: Database) -> str | None:
    """When a reviewer last published anything (None: never)."""
    return db.execute("SELECT max(reviewed_at) FROM published").fetchone()[0]


def published_councils(db: Database) -> list[str]:
    """Codes of every council with at least one published verdict."""
    return [r["council"] for r in rows(db, "SELECT DISTINCT council FROM published ORDER BY council")]
