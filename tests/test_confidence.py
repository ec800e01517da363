"""A finding's confidence and doubts reach the reviewer: stored, derived, shown, and first in the queue."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

from click.testing import CliRunner
from sqlite_utils import Database

from cli import main
from review.kinds import RECLASSIFIED
from review.policy import derive_policy
from rules.taxonomy import (
    ACTIVITIES,
    ALLOWED,
    FILMING,
    HIGH,
    LOW,
    NOT_STATED,
    NOTICE,
    NOTICE_REQUIRED,
    PERMISSION,
    PHOTOGRAPHY,
    SOCIAL_MEDIA,
)
from store import open_db
from store.documents import current_findings
from store.flags import raise_flag
from store.records import CurrentFinding, Flag
from store.schema import MIGRATIONS
from tests.test_changes import NOW, PROTOCOL, findings, night, publish_first_night, store_text
from tests.test_web import logged_in
from tests.webseed import REVIEWER, fast_hashing  # noqa: F401 (autouse fixture)

REQUEST = "a requirement or a request?"
SCOPE = "the restriction's scope is unclear"
NOTICE_CLAUSE = "Anyone wishing to film should give notice to the clerk."


def unsure(rows: list[dict], activity: str, *doubts: str) -> list[dict]:
    """The same findings, with `activity` read with low confidence for these reasons."""
    return [{**r, "confidence": LOW, "doubts": list(doubts)} if r["activity"] == activity else r for r in rows]


def two_changes(db) -> tuple[Flag, Flag]:
    """After a first night, filming (read surely) and photography (read unsurely) change verdict: two flags of one
    kind, the unsure one raised second."""
    publish_first_night(db)
    rows = findings(NOTICE, NOTICE_CLAUSE, [NOTICE_REQUIRED])
    rows = [{**r, "verdict": PERMISSION} if r["activity"] == PHOTOGRAPHY else r for r in rows]
    store_text(db, PROTOCOL, NOTICE_CLAUSE, unsure(rows, PHOTOGRAPHY, REQUEST))
    sure, doubtful = night(db)
    assert (sure.activity, doubtful.activity) == (FILMING, PHOTOGRAPHY)
    return sure, doubtful


def ocm(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_a_finding_keeps_its_confidence_and_doubts_and_older_findings_read_high(db, council):
    store_text(db, PROTOCOL, NOTICE_CLAUSE, unsure(findings(NOTICE, NOTICE_CLAUSE), FILMING, REQUEST, SCOPE))
    found = {r.activity: r for r in current_findings(db, "TST", "test")}
    assert (found[FILMING].confidence, found[FILMING].doubts) == (LOW, (REQUEST, SCOPE))
    assert (found[PHOTOGRAPHY].confidence, found[PHOTOGRAPHY].doubts) == (HIGH, ())


def test_a_store_of_the_previous_schema_reads_its_findings_as_high(tmp_path):
    path = tmp_path / "old.db"
    old = Database(sqlite3.connect(path))
    for number, step in enumerate(MIGRATIONS[:5], start=1):
        step(old)
        old.execute(f"PRAGMA user_version = {number}")
    old.execute("""INSERT INTO finding (snapshot_id, activity, verdict, conditions, evidence, classifier_version,
                                        created_at) VALUES (1, 'filming', 'allowed', '[]', '[]', 'old', ?)""", [NOW])
    old.conn.commit()
    old.close()
    db = open_db(path)
    try:
        assert db.execute("SELECT confidence, doubts FROM finding").fetchall() == [(HIGH, "[]")]
    finally:
        db.close()


def test_a_council_policy_is_low_when_a_deciding_finding_is_low_with_its_doubts_merged():
    def rows(source: int, verdict: str, confidence: str, *doubts: str) -> list[CurrentFinding]:
        return [CurrentFinding.from_row({**r, "source_id": source, "url": f"{PROTOCOL}/{source}", "snapshot_id": source,
                                         "confidence": confidence, "doubts": list(doubts)})
                for r in findings(verdict, others=NOT_STATED)]

    agreeing = derive_policy(rows(1, ALLOWED, LOW, REQUEST) + rows(2, ALLOWED, LOW, REQUEST, SCOPE)
                             + rows(3, ALLOWED, HIGH), "England")[FILMING]
    assert (agreeing.verdict, agreeing.confidence, agreeing.doubts) == (ALLOWED, LOW, (REQUEST, SCOPE))
    # A silent document that is unsure did not decide a verdict that another document states.
    stated = derive_policy(rows(1, ALLOWED, HIGH) + rows(2, NOT_STATED, LOW, "the text reads as minutes or debate"),
                           "England")[FILMING]
    assert (stated.verdict, stated.confidence, stated.doubts) == (ALLOWED, HIGH, ())
    # When every document is silent, an unsure silence is the reading to check.
    silent = derive_policy(rows(1, NOT_STATED, LOW, "the text reads as minutes or debate"), "England")[FILMING]
    assert (silent.verdict, silent.confidence) == (NOT_STATED, LOW)
    # Documents that disagree are a conflict for a person to decide: no doubt of its own is added.
    conflict = derive_policy(rows(1, ALLOWED, HIGH) + rows(2, PERMISSION, HIGH), "England")[FILMING]
    assert (conflict.verdict, conflict.confidence, conflict.doubts) == ("conflicting", HIGH, ())
    assert derive_policy([], "England")[FILMING].confidence == HIGH


def test_review_show_gives_the_confidence_and_every_doubt_of_the_proposed_verdict(db, council, db_path):
    sure, doubtful = two_changes(db)
    shown = ocm("review", "show", str(doubtful.id), "--db", str(db_path)).output
    after = shown[shown.index("After"):]
    assert "Confidence: low" in after and f"- {REQUEST}" in after
    assert "Confidence" not in shown[:shown.index("After")]  # what is published was a person's decision
    assert "Confidence: high" in ocm("review", "show", str(sure.id), "--db", str(db_path)).output


def test_review_list_puts_low_confidence_first_within_its_kind_and_marks_it(db, council, db_path):
    sure, doubtful = two_changes(db)
    assert sure.id < doubtful.id and sure.kind == doubtful.kind
    # A less urgent kind stays after both, however unsure.
    later = raise_flag(db, council="TST", kind=RECLASSIFIED, activity=SOCIAL_MEDIA, before=None, fingerprint="r",
                       after=replace(doubtful.after, activity=SOCIAL_MEDIA), run_id=None, now=NOW)
    lines = [line for line in ocm("review", "list", "--db", str(db_path)).output.splitlines()
             if line.startswith("#")]
    assert [int(line.split()[0][1:]) for line in lines] == [doubtful.id, sure.id, later]
    assert lines[0].endswith("[low confidence]") and lines[2].endswith("[low confidence]")
    assert "low confidence" not in lines[1]


def test_a_new_council_flag_is_low_when_any_activity_is(db, council, db_path):
    store_text(db, PROTOCOL, NOTICE_CLAUSE, unsure(findings(NOTICE, NOTICE_CLAUSE), PHOTOGRAPHY, SCOPE))
    (flag,) = night(db)
    shown = ocm("review", "show", str(flag.id), "--db", str(db_path)).output
    photography = shown[shown.index(f"  {PHOTOGRAPHY}:"):shown.index(f"  {ACTIVITIES[-1]}:")]
    assert "Confidence: low" in photography and SCOPE in photography
    assert "[low confidence]" in ocm("review", "list", "--db", str(db_path)).output


def test_the_web_queue_and_flag_page_show_low_confidence_in_words(db, council, db_path):
    from review.accounts import create_reviewer
    from review.web import create_app
    from tests.webseed import PASSWORD

    create_reviewer(db, REVIEWER, PASSWORD)
    sure, doubtful = two_changes(db)
    client = logged_in(create_app(db_path, secret_key="test-only-key", testing=True).test_client())
    queue = client.get("/").get_data(as_text=True)
    assert queue.index(f"Review #{doubtful.id}<") < queue.index(f"Review #{sure.id}<")
    assert queue.count("Low confidence") == 1
    page = client.get(f"/flag/{doubtful.id}").get_data(as_text=True)
    assert f"<strong>Low confidence</strong>: {REQUEST}" in page
    assert "read the clauses closely" in page
    assert "Low confidence" not in client.get(f"/flag/{sure.id}").get_data(as_text=True)
