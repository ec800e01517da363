"""Seeding a store for the web review tests: a reviewer and flags raised through the real store functions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from registry import Council
from review import accounts
from review.accounts import create_reviewer
from review.changes import detect_changes
from review.workflow import confirm
from rules import CLASSIFIER_VERSION
from rules.classifier import classify
from rules.contract import finding_rows
from rules.taxonomy import HIGH, NOT_STATED
from store.councils import upsert_councils
from store.documents import FetchedDocument, SourceRef, record_document
from store.reviewers import get_reviewer
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


# Councils of the workbench tests: real labelled passages (tests/data) as their documents, read by the classifier.
PASSAGES = Path(__file__).parent / "data" / "passages"
SPELTHORNE = "r2-026"  # a protocol of many clauses: one of them changes in the one-clause tests


def passages() -> list[dict]:
    rows = [json.loads(line) for name in ("passages-dev.jsonl", "passages-dev-2.jsonl")
            for line in (PASSAGES / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    assert rows, "the labelled passages are missing"
    return rows


def passage(row_id: str) -> dict:
    return next(r for r in passages() if r["id"] == row_id)


def confident_passages(nation: str = "England") -> list[dict]:
    """Passages of this nation the classifier reads with high confidence and a stated verdict for every activity."""
    found = []
    for row in passages():
        if row["nation"] != nation or row["ambiguous"]:
            continue
        reading = classify(row["text"], nation)
        if all(f.confidence == HIGH and f.verdict != NOT_STATED for f in reading.findings.values()):
            found.append(row)
    assert found, "no labelled passage is read with high confidence throughout"
    return found


def council_code(i: int) -> str:
    return f"C{i:03d}"


def store_reading(db, code: str, url: str, text: str, nation: str = "England") -> None:
    """Store `text` as the current document at `url` of council `code`, with the classifier's real findings."""
    reading = classify(text, nation)
    doc = FetchedDocument(fetched_at=NOW, http_status=200, final_url=url, content_type="text/html",
                          body=text.encode(), text=text, format="html", title=None, page_count=1, page_starts=[0],
                          dates=[], findings=finding_rows(reading, [0]), classifier_version=CLASSIFIER_VERSION)
    record_document(db, None, SourceRef(code, url, "protocol", "discovery"), doc)


def ensure_reviewer(db) -> None:
    """The test reviewer's account, created once."""
    if get_reviewer(db, REVIEWER) is None:
        create_reviewer(db, REVIEWER, PASSWORD)


def seed_new_councils(db, count: int, nation: str = "England", shared: bool = True) -> list[int]:
    """`count` councils (C000, C001, ...) each with a real passage as its protocol: one new_council flag each.
    The passages repeat: councils sharing one are a template (one decision) unless `shared` is false."""
    ensure_reviewer(db)
    rows = confident_passages(nation)
    councils = [Council(code=council_code(i), name=f"{rows[i % len(rows)]['council']} ({council_code(i)})",
                        nation=nation, website="http://127.0.0.1:9/") for i in range(count)]
    upsert_councils(db, councils)
    for i, council in enumerate(councils):
        store_reading(db, council.code, f"http://127.0.0.1:9/{council.code}/protocol", rows[i % len(rows)]["text"],
                      nation)
    return detect_changes(db, [c.code for c in councils], None, NOW, gone_after=3,
                          **({} if shared else {"template_min": count + 1}))


def seed_one_clause_change(db, old: str, new: str) -> list[int]:
    """TST publishes the many-clause protocol, then one clause of it changes (`old` -> `new`): the flags raised."""
    ensure_reviewer(db)
    text = passage(SPELTHORNE)["text"]
    assert old in text, f"{old!r} is not in the passage"
    store_reading(db, "TST", PROTOCOL, text)
    (first,) = detect_changes(db, ["TST"], None, NOW, gone_after=3)
    confirm(db, first, "Earlier Reviewer")
    store_reading(db, "TST", PROTOCOL, text.replace(old, new, 1))
    return detect_changes(db, ["TST"], None, NOW, gone_after=3)
