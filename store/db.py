"""Opening the SQLite store: one file, WAL mode, a busy timeout, the schema migrated on open."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

BUSY_TIMEOUT_MS = 30_000


class StoreError(Exception):
    """The store cannot be opened or is not one of ours."""


def open_db(path: str | Path) -> Database:
    """Open (creating if needed) the store at `path`, migrated to the current schema."""
    from store.schema import migrate  # local import: schema imports helpers from this module

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        db = Database(path)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.enable_wal()
        # In WAL mode NORMAL never corrupts the store; a power cut may lose the last commits, which the next
        # night fetches again. It spares one fsync per document written.
        db.execute("PRAGMA synchronous = NORMAL")
        db.execute("PRAGMA foreign_keys = ON")
        migrate(db)
    except Exception as exc:  # sqlite3.DatabaseError and friends: turned into one clear error
        raise StoreError(f"cannot open store {path}: {exc}") from exc
    return db


@contextmanager
def transaction(db: Database) -> Iterator[Database]:
    """A write transaction, all or nothing, that takes the store's write lock when it begins (waiting up to the busy
    timeout for another process's). A transaction that reads first and takes the lock at its first write fails at
    once with "database is locked" when another connection wrote in between (a second crawl process, a
    reviewer). Within a transaction: a savepoint."""
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.conn.rollback()
        raise
    db.conn.commit()


def utcnow() -> str:
    """The current time, UTC, ISO 8601 to the second: the store's only time format."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def to_json(value: Any) -> str:
    """Stable JSON for storing lists and dicts."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def from_json(value: str | None, default: Any = None) -> Any:
    """Read JSON stored by `to_json`."""
    return default if value in (None, "") else json.loads(value)


def sha256(data: bytes | str) -> str:
    """Hex SHA-256 of bytes, or of text encoded as UTF-8."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def insert(db: Database, table: str, record: dict[str, Any]) -> int:
    """Insert one row and return its id (inside the caller's transaction, if any)."""
    columns = ", ".join(f"[{c}]" for c in record)
    marks = ", ".join("?" for _ in record)
    cursor = db.execute(f"INSERT INTO [{table}] ({columns}) VALUES ({marks})", list(record.values()))
    return int(cursor.lastrowid or 0)


def update(db: Database, table: str, row_id: int, changes: dict[str, Any]) -> None:
    """Update columns of one row by id."""
    assignments = ", ".join(f"[{c}] = ?" for c in changes)
    db.execute(f"UPDATE [{table}] SET {assignments} WHERE id = ?", [*changes.values(), row_id])


def rows(db: Database, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> list[dict[str, Any]]:
    """Run a query and return its rows as dicts."""
    return list(db.query(sql, list(params)))


def one(db: Database, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> dict[str, Any] | None:
    """The first row of a query, or None."""
    found = rows(db, sql, params)
    return found[0] if found else None
