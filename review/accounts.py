"""Reviewer accounts: passwords hashed with werkzeug.security (scrypt), checked at login."""

from __future__ import annotations

import logging
from functools import cache

from sqlite_utils import Database
from werkzeug.security import check_password_hash, generate_password_hash

from review.workflow import ReviewError
from store.db import utcnow
from store.reviewers import add_reviewer, get_reviewer, record_login

logger = logging.getLogger(__name__)

MIN_PASSWORD_LENGTH = 10
HASH_METHOD = "scrypt"


@cache
def _dummy_hash() -> str:
    """Checked against when the name is unknown, so a wrong name takes as long as a wrong password."""
    return generate_password_hash("not a password", method=HASH_METHOD)


class AccountError(ReviewError):
    """A reviewer account cannot be created as asked."""


def create_reviewer(db: Database, name: str, password: str, replace: bool = False) -> None:
    """Add a reviewer who may log in to the web review page (or, with `replace`, set a new password)."""
    name = name.strip()
    if not name:
        raise AccountError("a reviewer name is required")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"the password must be at least {MIN_PASSWORD_LENGTH} characters")
    if not add_reviewer(db, name, generate_password_hash(password, method=HASH_METHOD), utcnow(), replace):
        raise AccountError(f"reviewer {name!r} exists already (use --replace to set a new password)")
    logger.info("reviewer %s %s", name, "updated" if replace else "added")


def check_login(db: Database, name: str, password: str) -> bool:
    """Whether this name and password belong to a reviewer; a successful login is recorded."""
    found = get_reviewer(db, name.strip())
    if found is None:
        check_password_hash(_dummy_hash(), password)
        return False
    if not check_password_hash(found["password_hash"], password):
        logger.warning("failed login for reviewer %s", found["name"])
        return False
    record_login(db, found["name"], utcnow())
    return True
