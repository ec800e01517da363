"""The classifier version in force decides which stored findings count: after an upgrade, and after a rollback."""

from __future__ import annotations

from click.testing import CliRunner

from cli import main
from review.changes import detect_changes
from review.kinds import NEW_COUNCIL, RECLASSIFIED
from review.reclassify import reclassify
from review.workflow import confirm
from rules import CLASSIFIER_VERSION
from rules.taxonomy import ALLOWED, CHAIR_CONSENT, FILMING, PERMISSION
from store.documents import add_findings, classifier_version_of
from store.flags import list_flags
from store.policies import latest_policy
from tests.test_changes import NOW, PROTOCOL, findings, store_text

TEXT = "Filming is permitted, subject to the Chair's agreement."
OLDER, NEWER = "rules-aaaaaaaaaaaa", "rules-bbbbbbbbbbbb"


def read_twice(db, older: str = OLDER, newer: str = NEWER) -> None:
    """One snapshot read by an older classifier (permission) and then by a newer one (allowed)."""
    store_text(db, PROTOCOL, TEXT, findings(PERMISSION, TEXT, [CHAIR_CONSENT]))  # read by "test" at the crawl
    add_findings(db, 1, findings(PERMISSION, TEXT, [CHAIR_CONSENT]), older, NOW)
    add_findings(db, 1, findings(ALLOWED, TEXT), newer, NOW)


def filming_policy(db, version: str) -> str:
    detect_changes(db, ["TST"], None, NOW, gone_after=3, version=version)
    return latest_policy(db, "TST")[FILMING].verdict


def test_the_policy_rests_on_the_findings_of_the_version_in_force(db, council):
    read_twice(db)
    assert filming_policy(db, OLDER) == PERMISSION  # rolled back: the newer reading no longer counts
    assert filming_policy(db, NEWER) == ALLOWED
    assert filming_policy(db, OLDER) == PERMISSION
    # A version that has not read the text yet (just upgraded): the newest reading stands until reclassified.
    assert filming_policy(db, "rules-cccccccccccc") == ALLOWED


def test_the_audit_trail_names_the_version_whose_findings_were_reviewed(db, council):
    read_twice(db)
    assert classifier_version_of(db, [1], OLDER) == OLDER
    assert classifier_version_of(db, [1], NEWER) == NEWER
    assert classifier_version_of(db, [1], "rules-cccccccccccc") == NEWER
    assert classifier_version_of(db, [], OLDER) is None


def test_status_tells_when_texts_wait_for_reclassify(db, council, db_path):
    store_text(db, PROTOCOL, TEXT, findings(PERMISSION, TEXT, [CHAIR_CONSENT]))  # read by "test", not in force
    before = CliRunner().invoke(main, ["status", "--db", str(db_path)], catch_exceptions=False).output
    assert f"Classifier in force: {CLASSIFIER_VERSION}" in before
    assert "1 current text(s) not read by it yet" in before and "ocm reclassify" in before
    add_findings(db, 1, findings(PERMISSION, TEXT, [CHAIR_CONSENT]), CLASSIFIER_VERSION, NOW)
    after = CliRunner().invoke(main, ["status", "--db", str(db_path), "--json"], catch_exceptions=False).output
    assert '"not_reclassified": 0' in after


def test_reclassify_after_a_rollback_flags_the_older_reading_as_reclassified(db, council):
    read_twice(db, older=CLASSIFIER_VERSION)  # the version in force is the older one: a rollback
    (first,) = detect_changes(db, ["TST"], None, NOW, gone_after=3, version=NEWER)
    assert next(f for f in list_flags(db) if f.id == first).kind == NEW_COUNCIL
    confirm(db, first, "reviewer")  # the newer classifier's reading was published
    done = reclassify(db)
    assert (done.snapshots, done.councils) == (0, ["TST"])  # nothing to read again, but the policy to re-derive
    (flag,) = [f for f in list_flags(db) if f.id in done.flags]
    assert (flag.kind, flag.activity, flag.after.verdict) == (RECLASSIFIED, FILMING, PERMISSION)
    assert reclassify(db).flags == []  # already waiting for a reviewer
