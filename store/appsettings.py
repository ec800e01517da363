"""Named values the application keeps in the store (the `setting` table), e.g. the web session key."""

from __future__ import annotations

from sqlite_utils import Database

from store.db import one, transaction


def get_setting(db: Database, name: str) -> str | None:
    """A stored setting's value, or None."""
    found = one(db, "SELECT value FROM setting WHERE name = ?", [name])
    return None if found is None else str(found["value"])


def setting_once(db: Database, name: str, value: str, now: str) -> str:
    """Store `value` under `name` unless one is stored already; return the value in force."""
    with transaction(db):
        db.execute("INSERT OR IGNORE INTO setting (name, value, updated_at) VALUES (?, ?, ?)", [name, value, now])
    stored = get_setting(db, name)
    return value if stored is None else stored


def put_setting(db: Database, name: str, value: str, now: str) -> None:
    """Store `value` under `name`, replacing what was there (e.g. when the scheduler last fired)."""
    with transaction(db):
        db.execute("""INSERT INTO setting (name, value, updated_at) VALUES (?, ?, ?)
                      ON CONFLICT(name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at""",
                   [name, value, now])
