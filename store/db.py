"""The store's helpers: its named faults, transactions, and the small SQL helpers every store module uses.

SQLite's failures of the store itself (a full disk, a read-only file or folder, corruption, I/O errors) become one
`StorageFault` with a one-line reason: they end a crawl, where a failure of one document would not. Opening a
store is `store/connection.py`; its schema, `store/schema.py`, which imports this module (never the reverse)."""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from clock import utcnow as utcnow  # the store's time format, for the store's modules

logger = logging.getLogger(__name__)

# SQLite's primary result codes that mean the store itself failed, and what that means for the operator.
FAULTS = {
    sqlite3.SQLITE_FULL: "the disk is full",
    sqlite3.SQLITE_READONLY: "the store is read-only",
    sqlite3.SQLITE_IOERR: "the disk failed",
    sqlite3.SQLITE_CORRUPT: "the store is corrupt",
    sqlite3.SQLITE_NOTADB: "the store is corrupt",
    sqlite3.SQLITE_CANTOPEN: "the store cannot be opened",
    sqlite3.SQLITE_PERM: "the store cannot be opened",
}


class StoreError(Exception):
    """The store cannot be opened or is not one of ours."""


class NotAStore(StoreError):
    """The file is not an Open Council Meetings store: another application's SQLite database, or not SQLite."""


class NewerSchema(StoreError):
    """The store was migrated by a newer version of Open Council Meetings than this one."""


class StorageFault(StoreError):
    """The store failed as storage: a full disk, a read-only file or folder, corruption, an I/O error. `reason` is
    the one line a run's finish reason keeps."""

    def __init__(self, path: str | Path, problem: str, detail: str) -> None:
        self.reason = f"{problem} ({detail})"
        super().__init__(f"store {path}: {self.reason}")


def storage_fault(exc: BaseException, path: str | Path) -> StorageFault | None:
    """The storage fault an SQLite error stands for, or None for an error of one statement (a constraint, a bug)."""
    if isinstance(exc, StorageFault):
        return exc
    code = getattr(exc, "sqlite_errorcode", None)
    if not isinstance(exc, sqlite3.Error) or code is None or (code & 0xFF) not in FAULTS:
        return None
    return StorageFault(path, FAULTS[code & 0xFF], str(exc))


@contextmanager
def storage_faults(path: str | Path) -> Iterator[None]:
    """Raise the SQLite errors that are failures of the store as `StorageFault`; others go through as they are."""
    try:
        yield
    except sqlite3.Error as exc:
        fault = storage_fault(exc, path)
        if fault is None:
            raise
        raise fault from exc


def store_path(db: Database) -> str:
    """The file of an open store."""
    found = [row[2] for row in db.execute("PRAGMA database_list").fetchall() if row[1] == "main"]
    return found[0] if found else "?"


def check_writable(db: Database) -> None:
    """Raise StorageFault when the store cannot be written (a read-only file, folder or file system): a write is
    begun and rolled back, so nothing changes."""
    with storage_faults(store_path(db)):
        version = int(db.execute("PRAGMA user_version").fetchone()[0])
        db.conn.execute("BEGIN IMMEDIATE")
        try:
            db.conn.execute(f"PRAGMA user_version = {version}")
        finally:
            db.conn.rollback()


def integrity_problems(db: Database, limit: int = 5) -> list[str]:
    """What SQLite's quick check finds wrong with the store (every page and index structure, not the contents of
    indexes): empty when it says ok."""
    try:
        found = [str(row[0]) for row in db.execute(f"PRAGMA quick_check({int(limit)})").fetchall()]
    except sqlite3.DatabaseError as exc:  # damage bad enough stops the check itself
        if (getattr(exc, "sqlite_errorcode", 0) & 0xFF) in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
            return [str(exc)]
        fault = storage_fault(exc, store_path(db))
        if fault is None:
            raise
        raise fault from exc
    return [] if found == ["ok"] else found


def check_integrity(db: Database) -> None:
    """Raise StorageFault when SQLite's quick check finds the store corrupt."""
    problems = integrity_problems(db, 1)
    if problems:
        raise StorageFault(store_path(db), "the store is corrupt", f"quick_check: {problems[0][:200]}")


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
        db.conn.commit()  # a full disk may fail here, where the pages reach the write-ahead log
    except BaseException:
        _rollback(db)
        raise


@contextmanager
def read_snapshot(db: Database) -> Iterator[Database]:
    """Reads that all see the store at one moment (a deferred transaction in WAL mode, which takes no write lock
    and ends without writing), e.g. a publication read while a reviewer confirms. Within a transaction: itself."""
    if db.conn.in_transaction:
        yield db
        return
    db.conn.execute("BEGIN")
    try:
        yield db
    finally:
        if db.conn.in_transaction:
            db.conn.rollback()


def _rollback(db: Database) -> None:
    """Roll back what a failed transaction wrote (SQLite may have done it already, e.g. on a full disk)."""
    if not db.conn.in_transaction:
        return
    try:
        db.conn.rollback()
    except sqlite3.Error as exc:  # the error that failed the transaction is the one to raise
        logger.error("could not roll back a failed transaction: %s", exc)


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
