"""Reviewer accounts: passwords hashed with werkzeug.security (scrypt), checked at login, and the session token
that every session of a reviewer carries: a new token (logout, a new password) ends the sessions holding the old
one, and a removed reviewer has none."""

from __future__ import annotations

import hmac
import logging
import secrets
from functools import cache

from sqlite_utils import Database
from werkzeug.security import check_password_hash, generate_password_hash

from review.workflow import ReviewError
from store.db import utcnow
from store.reviewers import (
    add_reviewer,
    get_reviewer,
    record_login,
    remove_reviewer,
    set_password,
    set_session_token,
)

logger = logging.getLogger(__name__)

MIN_PASSWORD_LENGTH = 10
HASH_METHOD = "scrypt"
TOKEN_BYTES = 16


@cache
def _dummy_hash() -> str:
    """Checked against when the name is unknown, so a wrong name takes as long as a wrong password."""
    return generate_password_hash("not a password", method=HASH_METHOD)


class AccountError(ReviewError):
    """A reviewer account cannot be created, changed or removed as asked."""


def _new_token() -> str:
    return secrets.token_hex(TOKEN_BYTES)


def _password_hash(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"the password must be at least {MIN_PASSWORD_LENGTH} characters")
    return generate_password_hash(password, method=HASH_METHOD)


def create_reviewer(db: Database, name: str, password: str, replace: bool = False) -> None:
    """Add a reviewer who may log in to the web review page (or, with `replace`, set a new password)."""
    name = name.strip()
    if not name:
        raise AccountError("a reviewer name is required")
    if not add_reviewer(db, name, _password_hash(password), utcnow(), replace, session_token=_new_token()):
        raise AccountError(f"reviewer {name!r} exists already (use `ocm reviewers passwd` to set a new password)")
    logger.info("reviewer %s %s", name, "updated" if replace else "added")


def require_reviewer(db: Database, name: str) -> None:
    """Raise AccountError unless `name` is a reviewer's (before asking for their new password)."""
    if get_reviewer(db, name.strip()) is None:
        raise AccountError(f"there is no reviewer {name.strip()!r}")


def change_password(db: Database, name: str, password: str) -> None:
    """Set a reviewer's new password; their sessions end (every browser logged in must log in again)."""
    if not set_password(db, name.strip(), _password_hash(password), _new_token()):
        raise AccountError(f"there is no reviewer {name.strip()!r}")
    logger.info("reviewer %s has a new password; their sessions ended", name.strip())


def remove(db: Database, name: str) -> None:
    """Remove a reviewer: they can no longer log in, their sessions end, their past decisions keep their name."""
    if not remove_reviewer(db, name.strip()):
        raise AccountError(f"there is no reviewer {name.strip()!r}")
    logger.info("reviewer %s removed; their sessions ended", name.strip())


def end_sessions(db: Database, name: str) -> None:
    """End every session of a reviewer (logout): a new token, which no session cookie holds."""
    set_session_token(db, name, _new_token())


def check_login(db: Database, name: str, password: str) -> dict | None:
    """The reviewer (`name`, `session_token`) whose name and password these are, or None; the login is recorded."""
    found = get_reviewer(db, name.strip())
    if found is None:
        check_password_hash(_dummy_hash(), password)
        return None
    if not check_password_hash(found["password_hash"], password):
        logger.warning("failed login for reviewer %s", found["name"])
        return None
    if not found["session_token"]:  # not expected after migration 8; a token is needed to hold a session
        end_sessions(db, found["name"])
        found = get_reviewer(db, found["name"]) or found
    record_login(db, found["name"], utcnow())
    return {"name": found["name"], "session_token": found["session_token"]}


def session_reviewer(db: Database, name: object, token: object) -> str | None:
    """The name of the reviewer a session holding `name` and `token` belongs to, or None when that reviewer is gone
    or the token is no longer theirs (they logged out, changed their password, or were removed and added again)."""
    if not isinstance(name, str) or not isinstance(token, str) or not token:
        return None
    found = get_reviewer(db, name)
    if found is None or not found["session_token"]:
        return None
    if not hmac.compare_digest(found["session_token"].encode(), token.encode()):
        return None
    return str(found["name"])
