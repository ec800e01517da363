"""Corrections stick, every decision is in the audit trail, and the CLI's reviewer and correct commands."""

from __future__ import annotations

import sqlite3

import pytest
from click.testing import CliRunner

from cli import main
from review.kinds import CONFLICT, POLICY_CHANGE, SOURCE_GONE
from review.workflow import InvalidCorrection, correct, reject
from rules.taxonomy import ALLOWED, CHAIR_CONSENT, CONFLICTING, FILMING, PERMISSION
from store import open_db
from store.events import list_events
from store.flags import list_flags
from store.policies import published_policy
from store.records import Compared, Flag
from store.reviewers import get_reviewer
from tests.test_changes import (
    PROTOCOL,
    STANDING_ORDERS,
    fail,
    findings,
    night,
    publish_first_night,
    store_text,
)
from tests.webseed import fast_hashing  # noqa: F401 (autouse fixture)


def misread(db) -> Flag:
    """A policy change the rules got wrong: the text needs the Chair's consent, the rules say allowed."""
    publish_first_night(db)
    text = "Filming is permitted, subject to the Chair's agreement."
    store_text(db, PROTOCOL, text, findings(ALLOWED, text))
    (flag,) = night(db)
    assert flag.kind == POLICY_CHANGE
    return flag


def test_a_correction_stays_published_until_the_text_changes(db, council):
    flag = misread(db)
    correct(db, flag.id, "Ann", PERMISSION, [CHAIR_CONSENT], "agreement of the Chair is consent")
    published = published_policy(db, "TST")[FILMING]
    assert (published.verdict, published.conditions, published.corrected) == (PERMISSION, (CHAIR_CONSENT,), True)
    assert published.evidence == flag.after.evidence and published.reviewer == "Ann"
    assert night(db) == [] and night(db) == []  # the same text: the machine does not argue back
    text = "Filming is permitted."
    store_text(db, PROTOCOL, text, findings(ALLOWED, text))
    (again,) = night(db)
    assert again.kind == POLICY_CHANGE and again.before.corrected is True


def test_a_corrected_conflict_stays_resolved(db, council):
    publish_first_night(db)
    store_text(db, STANDING_ORDERS, "Filming is permitted.", findings(ALLOWED, "Filming is permitted."))
    (flag,) = night(db)
    assert flag.kind == CONFLICT and flag.after.verdict == CONFLICTING
    correct(db, flag.id, "Ann", PERMISSION, [CHAIR_CONSENT], "the constitution prevails")
    assert night(db) == []
    assert published_policy(db, "TST")[FILMING].verdict == PERMISSION


def test_a_rejected_change_still_does_not_come_back(db, council):
    flag = misread(db)
    reject(db, flag.id, "Ann", "misread")
    assert night(db) == []


def test_every_decision_is_an_append_only_event(db, council):
    flag = misread(db)
    reject(db, flag.id, "Bob", "misread")
    events = list_events(db, "TST")
    assert [e.action for e in events] == ["reject", "confirm"]  # newest first; the first night's confirm
    refusal = events[0]
    assert refusal.before.verdict == PERMISSION and refusal.after.verdict == ALLOWED
    assert refusal.snapshots == Compared(before=(1,), after=(2,)) and refusal.activity == FILMING
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("UPDATE event SET reviewer = 'Mallory'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("DELETE FROM event")


def test_corrections_are_checked(db, council):
    flag = misread(db)
    with pytest.raises(InvalidCorrection, match="unknown verdict"):
        correct(db, flag.id, "Ann", "maybe", [], "note")
    with pytest.raises(InvalidCorrection, match="unknown condition"):
        correct(db, flag.id, "Ann", PERMISSION, ["bring_cake"], "note")
    fail(db, PROTOCOL, 404, "HTTP 404")
    (gone,) = [f for f in night(db) if f.kind == SOURCE_GONE]
    with pytest.raises(InvalidCorrection, match="gone source"):
        correct(db, gone.id, "Ann", PERMISSION, [], "note")
    assert [e.action for e in list_events(db, "TST")] == ["confirm"]


def ocm(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def test_cli_review_correct_and_confirm_write_events(db, council, db_path):
    flag = misread(db)
    result = ocm("review", "correct", str(flag.id), "--verdict", PERMISSION, "--condition", CHAIR_CONSENT,
                 "--note", "consent", "--reviewer", "Cli", "--db", str(db_path))
    assert result.exit_code == 0 and f"Corrected #{flag.id}" in result.output
    assert next((e.action, e.reviewer) for e in list_events(db, "TST")) == ("correct", "Cli")
    bad = ocm("review", "correct", str(flag.id), "--verdict", "maybe", "--note", "x", "--db", str(db_path))
    assert bad.exit_code == 1 and bad.output.startswith("Error: unknown verdict")
    assert all(f.status != "pending" for f in list_flags(db, None))
    text = "Filming is permitted."
    store_text(db, PROTOCOL, text, findings(ALLOWED, text))
    (change,) = night(db)
    ocm("review", "confirm", str(change.id), "--reviewer", "Cli", "--db", str(db_path))
    assert next((e.action, e.flag_id) for e in list_events(db, "TST")) == ("confirm", change.id)


def test_cli_reviewers_add_and_list(db_path):
    added = ocm("reviewers", "add", "Ann Reviewer", "--db", str(db_path), input="long enough pw\nlong enough pw\n")
    assert added.exit_code == 0 and "Reviewer Ann Reviewer added" in added.output
    assert "long enough pw" not in added.output
    store = open_db(db_path)
    stored = get_reviewer(store, "Ann Reviewer")
    store.close()
    assert stored["password_hash"].startswith("scrypt:") and "long enough" not in stored["password_hash"]
    again = ocm("reviewers", "add", "Ann Reviewer", "--db", str(db_path), input="long enough pw\nlong enough pw\n")
    assert again.exit_code == 1 and "exists already" in again.output
    short = ocm("reviewers", "add", "Bob", "--db", str(db_path), input="short\nshort\n")
    assert short.exit_code == 1 and "at least" in short.output
    listed = ocm("reviewers", "list", "--db", str(db_path))
    assert "Ann Reviewer" in listed.output and "Bob" not in listed.output
