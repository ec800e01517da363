"""Flags: changes awaiting a reviewer. One pending flag per council, activity, source and kind."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlite_utils import Database

from store.db import insert, one, rows, to_json, transaction, update
from store.records import Change, Flag, PublishedEntry, plain

PENDING = "pending"
CONFIRMED = "confirmed"
REJECTED = "rejected"
SUPERSEDED = "superseded"
CORRECTED = "corrected"  # a reviewer published their own verdict instead of the flag's


def _key_sql(activity: str | None, source_id: int | None) -> tuple[str, list[Any]]:
    return "IFNULL(activity, '') = ? AND IFNULL(source_id, 0) = ?", [activity or "", source_id or 0]


def _marks(values: Sequence[str]) -> str:
    return ", ".join("?" for _ in values)


def raise_flag(
    db: Database, *, council: str, kind: str, after: Change, fingerprint: str, run_id: int | None, now: str,
    before: PublishedEntry | None = None, activity: str | None = None, source_id: int | None = None,
    earlier: Sequence[str] = (), template: str | None = None,
) -> int | None:
    """Raise a flag unless the same change is already pending or was rejected; return its id or None.

    The change is recognised by `fingerprint` (stored) or any of its `earlier` fingerprints (older versions).
    A pending flag for the same council, activity, source and kind with a different change is superseded.
    """
    key, params = _key_sql(activity, source_id)
    known = [fingerprint, *earlier]
    with transaction(db):
        same = one(db, f"""SELECT id FROM flag WHERE council = ? AND kind = ? AND {key}
                           AND fingerprint IN ({_marks(known)}) AND status IN (?, ?) LIMIT 1""",
                   [council, kind, *params, *known, PENDING, REJECTED])
        if same:
            return None
        db.execute(f"UPDATE flag SET status = ?, decided_at = ? WHERE council = ? AND kind = ? AND {key} "
                   "AND status = ?", [SUPERSEDED, now, council, kind, *params, PENDING])
        return insert(db, "flag", {
            "council": council, "kind": kind, "activity": activity, "source_id": source_id,
            "before": to_json(plain(before)), "after": to_json(plain(after)), "fingerprint": fingerprint,
            "run_id": run_id, "raised_at": now, "status": PENDING, "template": template,
        })


def already_flagged(
    db: Database, *, council: str, kinds: tuple[str, ...], fingerprints: Sequence[str], activity: str | None = None,
    source_id: int | None = None,
) -> bool:
    """This change (by any of its fingerprints) is pending or was rejected under any of these kinds."""
    key, params = _key_sql(activity, source_id)
    return one(db, f"""SELECT id FROM flag WHERE council = ? AND kind IN ({_marks(kinds)}) AND {key}
                       AND fingerprint IN ({_marks(fingerprints)}) AND status IN (?, ?) LIMIT 1""",
               [council, *kinds, *params, *fingerprints, PENDING, REJECTED]) is not None


def supersede_pending(
    db: Database, *, council: str, kind: str, now: str, activity: str | None = None, source_id: int | None = None,
) -> int:
    """Retire a pending flag whose difference has gone away; return how many were retired."""
    key, params = _key_sql(activity, source_id)
    cursor = db.execute(f"UPDATE flag SET status = ?, decided_at = ? WHERE council = ? AND kind = ? AND {key} "
                        "AND status = ?", [SUPERSEDED, now, council, kind, *params, PENDING])
    return cursor.rowcount


def get_flag(db: Database, flag_id: int) -> Flag | None:
    """One flag, with before/after decoded."""
    row = one(db, "SELECT * FROM flag WHERE id = ?", [flag_id])
    return None if row is None else Flag.from_row(row)


def list_flags(db: Database, status: str | None = PENDING, council: str | None = None) -> list[Flag]:
    """Flags with this status (None = all), oldest first."""
    where, params = [], []
    if status:
        where, params = ["status = ?"], [status]
    if council:
        where.append("council = ?")
        params.append(council)
    sql = "SELECT * FROM flag" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY id"
    return [Flag.from_row(row) for row in rows(db, sql, params)]


def pending_for(db: Database, council: str, kind: str) -> list[Flag]:
    """Pending flags of one kind for one council (every council's, every night: only those rows are read)."""
    return [Flag.from_row(row) for row in rows(db, "SELECT * FROM flag WHERE council = ? AND kind = ? AND status = ? "
                                                   "ORDER BY id", [council, kind, PENDING])]


def decide_flag(db: Database, flag_id: int, status: str, reviewer: str, now: str, note: str | None = None) -> None:
    """Record a reviewer's decision on a flag."""
    update(db, "flag", flag_id, {"status": status, "reviewer": reviewer, "decided_at": now, "note": note})


def template_flags(db: Database, template: str, status: str = PENDING) -> list[Flag]:
    """The flags of one shared text (`template`) with this status, oldest first."""
    return [Flag.from_row(row) for row in rows(db, "SELECT * FROM flag WHERE template = ? AND status = ? ORDER BY id",
                                                   [template, status])]


def template_councils(db: Database, template: str) -> set[str]:
    """The councils that have had a flag of this shared text, whatever became of it (superseded ones aside)."""
    return {row["council"] for row in rows(db, "SELECT DISTINCT council FROM flag WHERE template = ? AND status != ?",
                                           [template, SUPERSEDED])}


def template_decision(db: Database, template: str) -> Flag | None:
    """The latest confirmed flag of this shared text: the review a council with the same text is published with."""
    row = one(db, "SELECT * FROM flag WHERE template = ? AND status = ? ORDER BY decided_at DESC, id LIMIT 1",
              [template, CONFIRMED])
    return None if row is None else Flag.from_row(row)


def count_decisions(db: Database) -> int:
    """How many decisions the pending flags take: the flags of one shared text are one decision."""
    row = one(db, "SELECT count(DISTINCT coalesce(template, 'flag ' || id)) AS n FROM flag WHERE status = ?",
              [PENDING])
    return int(row["n"]) if row else 0
