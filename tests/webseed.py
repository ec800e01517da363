"""Seeding a store for the web review tests: a reviewer and flags raised through the real store functions."""

from __future__ import annotations

import pytest

from review import accounts
from review.accounts import create_reviewer
from review.changes import detect_changes
from tests.test_changes import NOW, PROTOCOL, findings, store_text

REVIEWER = "Ann Reviewer"
PASSWORD = "correct horse battery"
HOSTILE = "Filming is permitted. <script>alert('pwned')</script><img src=x onerror=alert(1)>"


def seed_new_council(db, clause: str = "Filming is permitted.") -> int:
    """A reviewer account and one pending new_council flag for TST whose filming clause is `clause`."""
    create_reviewer(db, REVIEWER, PASSWORD)
    store_text(db, PROTOCOL, clause, findings(quote=clause))
    (flag_id,) = detect_changes(db, ["TST"], None, NOW, gone_after=3)
    return flag_id


@pytest.fixture(autouse=True)
def fast_hashing(monkeypatch):
    """Still scrypt, with a small work factor: tests log in often and must stay fast."""
    monkeypatch.setattr(accounts, "HASH_METHOD", "scrypt:1024:8:1")
