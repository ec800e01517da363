"""Change detection and the review workflow on a real store: what flags, what publishes, what never flags."""

from __future__ import annotations

import pytest

from review.changes import detect_changes
from review.kinds import CONFLICT, NEW_COUNCIL, POLICY_CHANGE, SOURCE_GONE, WORDING_CHANGE
from review.policy import derive_policy
from review.workflow import FlagNotPending, ReviewError, confirm, reject
from rules.taxonomy import (
    ACTIVITIES,
    ALLOWED,
    CHAIR_CONSENT,
    CONFLICTING,
    EXEMPT_ITEMS_EXCLUDED,
    FILMING,
    NOT_STATED,
    PERMISSION,
    UNKNOWN,
)
from store.documents import (
    NEW_SNAPSHOT,
    UNCHANGED,
    FetchedDocument,
    SourceRef,
    UnclassifiedText,
    record_document,
    record_failure,
)
from store.flags import list_flags
from store.policies import published_policy
from store.records import CurrentFinding, Flag

NOW = "2026-11-27T02:30:00+00:00"
PROTOCOL = "http://127.0.0.1:9/filming-protocol"
STANDING_ORDERS = "http://127.0.0.1:9/standing-orders.pdf"


def findings(filming: str = ALLOWED, quote: str = "Filming is permitted.", conditions=(), others: str = ALLOWED):
    rows = []
    for activity in ACTIVITIES:
        verdict = filming if activity == FILMING else others
        text = quote if activity == FILMING else f"{activity} is permitted."
        evidence = [] if verdict == NOT_STATED else [{"quote": text, "start": 0, "end": len(text), "page": 1}]
        rows.append({"activity": activity, "verdict": verdict, "evidence": evidence,
                     "conditions": list(conditions) if activity == FILMING else []})
    return rows


def store_text(db, url: str, text: str, rows: list[dict] | None, status: int = 200) -> str:
    doc = FetchedDocument(fetched_at=NOW, http_status=status, final_url=url, content_type="text/html",
                          body=text.encode(), text=text, format="html", title=None, page_count=1, page_starts=[0],
                          dates=[], findings=rows, classifier_version="test")
    return record_document(db, None, SourceRef("TST", url, "protocol", "discovery"), doc)


def fail(db, url: str, status: int | None, error: str = "HTTP 500") -> None:
    record_failure(db, None, SourceRef("TST", url, "protocol", "known"), NOW, status, error, create=False)


def night(db) -> list[Flag]:
    ids = detect_changes(db, ["TST"], None, NOW, gone_after=3)
    return [f for f in list_flags(db, None) if f.id in ids]


def publish_first_night(db) -> None:
    store_text(db, PROTOCOL, "Filming only with the consent of the Chair.",
               findings(PERMISSION, "Filming only with the consent of the Chair.", [CHAIR_CONSENT]))
    (flag,) = night(db)
    assert flag.kind == NEW_COUNCIL
    confirm(db, flag.id, "reviewer")


def test_first_policy_raises_one_new_council_flag_and_confirming_publishes_it(db, council):
    store_text(db, PROTOCOL, "Filming is permitted.", findings())
    flags = night(db)
    assert [f.kind for f in flags] == [NEW_COUNCIL]
    assert published_policy(db, "TST") == {}
    confirm(db, flags[0].id, "Ann Reviewer")
    published = published_policy(db, "TST")
    assert set(published) == set(ACTIVITIES)
    assert published[FILMING].verdict == ALLOWED and published[FILMING].reviewer == "Ann Reviewer"
    assert night(db) == []  # nothing changed: nothing to review


def test_a_council_with_no_documents_raises_nothing(db, council):
    assert night(db) == []


def test_same_text_again_is_not_a_new_snapshot(db, council):
    assert store_text(db, PROTOCOL, "Filming is permitted.", findings()) == NEW_SNAPSHOT
    assert store_text(db, PROTOCOL, "Filming is permitted.", findings()) == UNCHANGED
    assert db.execute("SELECT COUNT(*) FROM snapshot").fetchone()[0] == 1


def test_unclassified_text_is_stored_only_when_it_is_the_stored_text(db, council):
    """The crawl skips classifying a re-saved document's text; should that text differ after all, nothing is
    written rather than a snapshot without findings (which would read as "not stated" and flag a change)."""
    assert store_text(db, PROTOCOL, "Filming is permitted.", findings()) == NEW_SNAPSHOT
    assert store_text(db, PROTOCOL, "Filming is permitted.", None) == UNCHANGED
    fetches = db.execute("SELECT COUNT(*) FROM fetch").fetchone()[0]
    with pytest.raises(UnclassifiedText):
        store_text(db, PROTOCOL, "Filming is prohibited.", None)
    assert db.execute("SELECT COUNT(*) FROM snapshot").fetchone()[0] == 1
    assert db.execute("SELECT COUNT(*) FROM fetch").fetchone()[0] == fetches


def test_verdict_change_raises_policy_change_with_both_clauses(db, council):
    publish_first_night(db)
    store_text(db, PROTOCOL, "Filming is permitted.", findings(ALLOWED, "Filming is permitted."))
    (flag,) = night(db)
    assert (flag.kind, flag.activity) == (POLICY_CHANGE, FILMING)
    assert flag.before.verdict == PERMISSION
    assert flag.before.evidence[0].quote == "Filming only with the consent of the Chair."
    assert flag.after.verdict == ALLOWED
    assert flag.after.evidence[0].quote == "Filming is permitted."
    assert flag.after.evidence[0].source_url == PROTOCOL


def test_a_failed_fetch_is_never_a_policy_change(db, council):
    publish_first_night(db)
    for _ in range(2):
        fail(db, PROTOCOL, 500)
        assert night(db) == []
    assert published_policy(db, "TST")[FILMING].verdict == PERMISSION


def test_failures_on_n_nights_raise_source_gone_once(db, council):
    publish_first_night(db)
    kinds = []
    for _ in range(4):
        fail(db, PROTOCOL, None, "TimeoutError: took too long")
        kinds.append([f.kind for f in night(db)])
    assert kinds == [[], [], [SOURCE_GONE], []]


def test_404_raises_source_gone_at_once_and_confirming_retires_the_source(db, council):
    publish_first_night(db)
    fail(db, PROTOCOL, 404, "HTTP 404")
    (flag,) = night(db)
    assert flag.kind == SOURCE_GONE and flag.after.url == PROTOCOL
    confirm(db, flag.id, "reviewer")
    # With its only source retired the council's policy is unknown: that is a change for a person to see.
    (change,) = [f for f in night(db) if f.activity == FILMING]
    assert change.kind == POLICY_CHANGE and change.after.verdict == UNKNOWN


def test_recovered_source_withdraws_its_pending_source_gone_flag(db, council):
    publish_first_night(db)
    fail(db, PROTOCOL, 404, "HTTP 404")
    (flag,) = night(db)
    store_text(db, PROTOCOL, "Filming only with the consent of the Chair.",
               findings(PERMISSION, "Filming only with the consent of the Chair.", [CHAIR_CONSENT]))
    assert night(db) == []
    assert [f.status for f in list_flags(db, None) if f.id == flag.id] == ["superseded"]


def test_rejected_change_does_not_come_back_but_a_different_one_does(db, council):
    publish_first_night(db)
    store_text(db, PROTOCOL, "Filming is permitted.", findings(ALLOWED, "Filming is permitted."))
    (flag,) = night(db)
    reject(db, flag.id, "reviewer", note="the rules misread this clause")
    assert night(db) == []
    store_text(db, PROTOCOL, "Filming is permitted, except in private session.",
               findings(ALLOWED, "Filming is permitted, except in private session.", [EXEMPT_ITEMS_EXCLUDED]))
    (again,) = night(db)
    assert again.kind == POLICY_CHANGE


def test_newer_difference_supersedes_the_pending_flag(db, council):
    publish_first_night(db)
    store_text(db, PROTOCOL, "Filming is permitted.", findings(ALLOWED, "Filming is permitted."))
    (first,) = night(db)
    store_text(db, PROTOCOL, "Filming is allowed.", findings(ALLOWED, "Filming is allowed."))
    (second,) = night(db)
    statuses = {f.id: f.status for f in list_flags(db, None)}
    assert statuses[first.id] == "superseded" and statuses[second.id] == "pending"


def test_reworded_clause_with_same_verdict_is_a_wording_change(db, council):
    publish_first_night(db)
    text = "Filming is permitted only with the Chair's consent."
    store_text(db, PROTOCOL, text, findings(PERMISSION, text, [CHAIR_CONSENT]))
    (flag,) = night(db)
    assert (flag.kind, flag.activity) == (WORDING_CHANGE, FILMING)


def test_documents_that_disagree_raise_a_conflict(db, council):
    publish_first_night(db)
    store_text(db, STANDING_ORDERS, "Filming is permitted.", findings(ALLOWED, "Filming is permitted."))
    (flag,) = night(db)
    assert (flag.kind, flag.activity) == (CONFLICT, FILMING)
    assert flag.after.verdict == CONFLICTING
    assert {e.source_url for e in flag.after.evidence} == {PROTOCOL, STANDING_ORDERS}


def test_decided_flags_cannot_be_decided_again(db, council):
    store_text(db, PROTOCOL, "Filming is permitted.", findings())
    (flag,) = night(db)
    confirm(db, flag.id, "reviewer")
    with pytest.raises(FlagNotPending):
        reject(db, flag.id, "reviewer", note="too late")
    with pytest.raises(ReviewError):
        reject(db, flag.id, "reviewer", note=" ")


def test_derive_policy_unknown_not_stated_and_statute():
    assert derive_policy([], "England")[FILMING].verdict == UNKNOWN
    silent = [CurrentFinding.from_row({**r, "source_id": 1, "url": PROTOCOL, "snapshot_id": 1})
              for r in findings(NOT_STATED, others=NOT_STATED)]
    assert derive_policy(silent, "England")[FILMING].verdict == NOT_STATED
    consent = [CurrentFinding.from_row({**r, "source_id": 1, "url": PROTOCOL, "snapshot_id": 1})
               for r in findings(PERMISSION, "Only with consent.", [CHAIR_CONSENT])]
    assert derive_policy(consent, "England")[FILMING].conflicts_with_statute is True
    assert derive_policy(consent, "Wales")[FILMING].conflicts_with_statute is False


MOVED_TO = "http://127.0.0.1:9/new-cms/filming-protocol"
LONG = ("Filming only with the consent of the Chair. Requests should be made to the clerk before the meeting. "
        "The Chair may ask anyone recording to stop if the meeting is disrupted. ") * 3


def test_a_document_at_a_new_address_with_nearly_the_same_text_is_the_same_document(db, council):
    store_text(db, PROTOCOL, LONG, findings(PERMISSION, "Filming only with the consent of the Chair.",
                                            [CHAIR_CONSENT]))
    confirm(db, night(db)[0].id, "reviewer")
    fail(db, PROTOCOL, 404, "HTTP 404")
    store_text(db, MOVED_TO, LONG + " Updated March 2026.",
               findings(PERMISSION, "Filming only with the consent of the Chair.", [CHAIR_CONSENT]))
    assert night(db) == []
    moved = db.execute("SELECT status, replaced_by FROM source WHERE url = ?", [PROTOCOL]).fetchone()
    new_id = db.execute("SELECT id FROM source WHERE url = ?", [MOVED_TO]).fetchone()[0]
    assert moved == ("moved", new_id)


def test_a_different_document_is_not_mistaken_for_a_moved_one(db, council):
    publish_first_night(db)
    fail(db, PROTOCOL, 404, "HTTP 404")
    store_text(db, MOVED_TO, "Council tax is due on the first of each month. " * 5, findings(NOT_STATED,
                                                                                             others=NOT_STATED))
    kinds = sorted(f.kind for f in night(db))
    assert SOURCE_GONE in kinds


def test_similarity_of_texts():
    from review.identity import similarity

    text = "Members of the public may film the meeting from the public gallery. " * 4
    assert similarity(text, text) == 1.0
    assert similarity(text, text.replace("\n", " ") + " Page 2") > 0.85
    assert similarity(text, "Bins are collected on Tuesdays in the north of the district. " * 4) < 0.1
