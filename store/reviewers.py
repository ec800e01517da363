"""Reviewer accounts for the web review page: a name, a password hash (never the password) and a session token."""

from __future__ import annotations

import secrets

from sqlite_utils import Database

from store.db import one, rows, transaction


def add_reviewer(db: Database, name: str, password_hash: str, now: str, replace: bool = False,
                 session_token: str | None = None) -> bool:
    """Store a reviewer; with `replace`, set a new hash and session token for an existing one. Returns False if it
    exists. The session token is a new random one unless given."""
    session_token = session_token or secrets.token_hex(16)
    with transaction(db):
        if one(db, "SELECT name FROM reviewer WHERE name = ?", [name]) is not None:
            if not replace:
                return False
            return set_password(db, name, password_hash, session_token)
        db.execute("INSERT INTO reviewer (name, password_hash, session_token, created_at) VALUES (?, ?, ?, ?)",
                   [name, password_hash, session_token, now])
    return True


def set_password(db: Database, name: str, password_hash: str, session_token: str) -> bool:
    """A reviewer's new password hash, with a new session token; False when there is no such reviewer."""
    with transaction(db):
        cursor = db.execute("UPDATE reviewer SET password_hash = ?, session_token = ? WHERE name = ?",
                            [password_hash, session_token, name])
    return cursor.rowcount > 0


def set_session_token(db: Database, name: str, session_token: str) -> bool:
    """A reviewer's new session token (the sessions holding the old one end); False when there is no such reviewer."""
    with transaction(db):
        cursor = db.execute("UPDATE reviewer SET session_token = ? WHERE name = ?", [session_token, name])
    return cursor.rowcount > 0


def remove_reviewer(db: Database, name: str) -> bool:
    """Delete a reviewer's account (their decisions in `event`, `flag` and `published` keep their name); False when
    there is no such reviewer."""
    with transaction(db):
        cursor = db.execute("DELETE FROM reviewer WHERE name = ?", [name])
    return cursor.rowcount > 0


def get_reviewer(db: Database, name: str) -> dict | None:
    """One reviewer row (with its hash and session token), or None."""
    return one(db, "SELECT * FROM reviewer WHERE name = ?", [name])


def list_reviewers(db: Database) -> list[dict]:
    """Every reviewer, by name, without the hashes."""
    return rows(db, "SELECT name, created_at, last_login FROM reviewer ORDER BY name")


def record_login(db: Database, name: str, now: str) -> None:
    """Note when a reviewer last logged in."""
    with transaction(db):
        db.execute("UPDATE reviewer SET last_login = ? WHERE name = ?", [now, name])
