"""Opening the SQLite store: one file, WAL mode, a busy timeout, the schema migrated on open.

A file that is not a store of ours, or a store of a newer schema, is refused before anything is written to it."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from store.db import NotAStore, StorageFault, StoreError, storage_fault
from store.schema import identify, migrate

BUSY_TIMEOUT_MS = 30_000


def _create_private(path: Path) -> None:
    """Create a new store readable by its owner only (it holds reviewers' password hashes); SQLite gives its WAL and
    shared-memory files the same mode. An existing store is left as it is."""
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        pass


def open_db(path: str | Path) -> Database:
    """Open (creating if needed) the store at `path`, migrated to the current schema.

    Raises NotAStore or NewerSchema for a file this version must not touch (nothing is written to it),
    StorageFault when the store cannot be read or written, StoreError for anything else that stops it opening."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _create_private(path)
        db = Database(path)
    except OSError as exc:
        raise StorageFault(path, "the store cannot be opened", exc.strerror or str(exc)) from exc
    except sqlite3.Error as exc:
        raise _store_error(exc, path) from exc
    try:
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        _identify(db, path)  # before any write: a file that is not ours is left as it was
        db.enable_wal()
        # In WAL mode NORMAL never corrupts the store; a power cut may lose the last commits, which the next
        # night fetches again. It spares one fsync per document written.
        db.execute("PRAGMA synchronous = NORMAL")
        db.execute("PRAGMA foreign_keys = ON")
        migrate(db)
    except StoreError:
        db.close()
        raise
    except Exception as exc:  # sqlite3.DatabaseError and friends: turned into one clear error
        db.close()
        raise _store_error(exc, path) from exc
    return db


def _identify(db: Database, path: Path) -> None:
    """Refuse a file that is not a store of ours. Its first page is read by SQLite, never by opening the file
    another way: closing another descriptor of the file would drop this process's locks on it (POSIX), which lets
    another process corrupt the store."""
    try:
        identify(db, path)
    except sqlite3.DatabaseError as exc:
        if (getattr(exc, "sqlite_errorcode", 0) & 0xFF) == sqlite3.SQLITE_NOTADB:
            raise NotAStore(f"cannot open store {path}: it is not an Open Council Meetings store (not a SQLite "
                            "database, or its first page is corrupt)") from exc
        raise


def _store_error(exc: BaseException, path: Path) -> StoreError:
    return storage_fault(exc, path) or StoreError(f"cannot open store {path}: {exc}")
