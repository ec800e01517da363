"""Council policy rows: derived each run (append-only) and published after review (append-only)."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from store.db import from_json, insert, rows, to_json, transaction


def _decode(row: dict) -> dict:
    row = dict(row)
    row["conditions"] = from_json(row["conditions"], [])
    row["evidence"] = from_json(row["evidence"], [])
    row["conflicts_with_statute"] = bool(row["conflicts_with_statute"])
    if "corrected" in row:  # published rows only
        row["corrected"] = bool(row["corrected"])
        row["basis"] = from_json(row["basis"], [])
    return row


def save_policy(db: Database, run_id: int | None, council: str, derived: list[dict[str, Any]], now: str) -> None:
    """Append the policy derived for a council in this run, one row per activity."""
    with transaction(db):
        for p in derived:
            insert(db, "policy", {
                "run_id": run_id, "council": council, "activity": p["activity"], "verdict": p["verdict"],
                "conditions": to_json(p["conditions"]), "evidence": to_json(p["evidence"]),
                "conflicts_with_statute": int(bool(p.get("conflicts_with_statute"))), "derived_at": now,
            })


def _latest_per_activity(db: Database, table: str, council: str) -> dict[str, dict]:
    found = rows(db, f"""SELECT * FROM [{table}] t WHERE council = ? AND id = (
                            SELECT MAX(id) FROM [{table}] WHERE council = t.council AND activity = t.activity)
                         ORDER BY activity""", [council])
    return {r["activity"]: _decode(r) for r in found}


def latest_policy(db: Database, council: str) -> dict[str, dict]:
    """The most recently derived policy of a council, by activity."""
    return _latest_per_activity(db, "policy", council)


def published_policy(db: Database, council: str) -> dict[str, dict]:
    """What reviewers have confirmed for a council, by activity (empty if never published)."""
    return _latest_per_activity(db, "published", council)


def publish(db: Database, council: str, entry: dict[str, Any], flag_id: int | None, reviewer: str, now: str,
            basis: list[int] | None = None) -> None:
    """Append a published verdict for one activity of a council.

    `basis` (the snapshot ids of the evidence) marks the row as a reviewer's correction of the machine.
    """
    insert(db, "published", {
        "council": council, "activity": entry["activity"], "verdict": entry["verdict"],
        "conditions": to_json(entry["conditions"]), "evidence": to_json(entry["evidence"]),
        "conflicts_with_statute": int(bool(entry.get("conflicts_with_statute"))), "flag_id": flag_id,
        "reviewer": reviewer, "reviewed_at": now, "corrected": int(basis is not None),
        "basis": None if basis is None else to_json(sorted(basis)),
    })


def published_as_of(db: Database, council: str, at: str) -> dict[str, dict]:
    """What was published for a council at a moment (UTC, the store's format), by activity."""
    found = rows(db, """SELECT * FROM published t WHERE council = ? AND id = (
                            SELECT MAX(id) FROM published WHERE council = t.council AND activity = t.activity
                                                               AND reviewed_at <= ?)""", [council, at])
    return {r["activity"]: _decode(r) for r in found}


def published_history(db: Database, council: str) -> list[dict]:
    """Every published row of a council, newest first."""
    found = rows(db, "SELECT * FROM published WHERE council = ? ORDER BY id DESC", [council])
    return [_decode(r) for r in found]


def published_councils(db: Database) -> list[str]:
    """Codes of every council with at least one published verdict."""
    return [r["council"] for r in rows(db, "SELECT DISTINCT council FROM published ORDER BY council")]
