"""The audit trail: one append-only `event` row per reviewer decision (confirm, reject, correct)."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from store.db import insert, rows, to_json
from store.records import Change, Compared, Event, PublishedEntry, plain

CONFIRM = "confirm"
REJECT = "reject"
CORRECT = "correct"
ACTIONS: tuple[str, ...] = (CONFIRM, REJECT, CORRECT)


def record_event(
    db: Database, *, at: str, reviewer: str, action: str, flag_id: int | None, council: str,
    activity: str | None, before: PublishedEntry | None, after: Change | None, note: str | None,
    snapshots: Compared, classifier_version: str | None,
) -> int:
    """Append one decision to the audit trail (inside the caller's transaction); return its id."""
    return insert(db, "event", {
        "at": at, "reviewer": reviewer, "action": action, "flag_id": flag_id, "council": council,
        "activity": activity, "before": to_json(plain(before)), "after": to_json(plain(after)), "note": note,
        "snapshots": to_json(plain(snapshots)), "classifier_version": classifier_version,
    })


def list_events(db: Database, council: str | None = None, flag_id: int | None = None,
                action: str | None = None) -> list[Event]:
    """Events, newest first, optionally of one council, one flag or one action."""
    where: list[str] = []
    params: list[Any] = []
    for column, value in (("council", council), ("flag_id", flag_id), ("action", action)):
        if value is not None and value != "":
            where.append(f"{column} = ?")
            params.append(value)
    sql = "SELECT * FROM event" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY id DESC"
    return [Event.from_row(r) for r in rows(db, sql, params)]
