"""Reviewer accounts for the web review page: a name and a password hash (never the password)."""

from __future__ import annotations

from sqlite_utils import Database

from store.db import one, rows, transaction


def add_reviewer(db: Database, name: str, password_hash: str, now: str, replace: bool = False) -> bool:
    """Store a reviewer; with `replace`, set a new hash for an existing one. Returns False if it exists."""
    with transaction(db):
        if one(db, "SELECT name FROM reviewer WHERE name = ?", [name]) is not None:
            if not replace:
                return False
            db.execute("UPDATE reviewer SET password_hash = ? WHERE name = ?", [password_hash, name])
            return True
        db.execute("INSERT INTO reviewer (name, password_hash, created_at) VALUES (?, ?, ?)",
                   [name, password_hash, now])
    return True


def get_reviewer(db: Database, name: str) -> dict | None:
    """One reviewer row (with its hash), or None."""
    return one(db, "SELECT * FROM reviewer WHERE name = ?", [name])


def list_reviewers(db: Database) -> list[dict]:
    """Every reviewer, by name, without the hashes."""
    return rows(db, "SELECT name, created_at, last_login FROM reviewer ORDER BY name")


def record_login(db: Database, name: str, now: str) -> None:
    """Note when a reviewer last logged in."""
    with transaction(db):
        db.execute("UPDATE reviewer SET last_login = ? WHERE name = ?", [now, name])
