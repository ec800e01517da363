"""The records that cross from the store to review and publish: every column read, nothing dropped silently, rows
of earlier versions still loading, and fingerprints that do not move when what change detection compares does."""

from __future__ import annotations

import shutil
from dataclasses import fields
from pathlib import Path

import pytest

from review import fingerprint as fingerprint_versions
from review import policy
from review.kinds import NEW_COUNCIL, POLICY_CHANGE, SOURCE_GONE
from review.render import flag_detail
from review.workflow import confirm, reject
from rules.taxonomy import ALLOWED, FILMING, PERMISSION
from store import open_db
from store.councils import council_rows
from store.events import list_events
from store.flags import get_flag, list_flags
from store.policies import latest_policy, published_policy
from store.records import (
    Compared,
    DerivedEntry,
    Event,
    Evidence,
    Flag,
    GoneSource,
    PolicyEntry,
    PublishedEntry,
    UnknownField,
)
from tests.test_changes import NOW, PROTOCOL, findings, night, publish_first_night, store_text

STORES = sorted((Path(__file__).parent / "fixtures" / "stores").glob("v*.db"))

# --- Fingerprints ------------------------------------------------------------------------------------------------

CLAUSES = (Evidence(quote="Filming  only with\nthe consent of the Chair.", page=2, source_url="http://127.0.0.1:9/p",
                    snapshot_id=3, verdict=PERMISSION),
           Evidence(quote="Ask the clerk first.", source_url="http://127.0.0.1:9/q", snapshot_id=4, verdict=PERMISSION))
ENTRY = DerivedEntry(activity=FILMING, verdict=PERMISSION, conditions=("written_consent", "chair_consent"),
                     evidence=CLAUSES, conflicts_with_statute=True, confidence="low", doubts=("why",))
PHOTOGRAPHY = PolicyEntry(activity="photography", verdict=ALLOWED)


def test_fingerprints_are_those_the_flags_in_stores_already_carry():
    """Computed by the code before fingerprints were versioned: a flag rejected then is recognised now."""
    assert fingerprint_versions.fingerprint(ENTRY) == "ff77c03a732442db1b7c11d3ed661df895fa8f36bfe9168f815eafbc8e2d0f16"
    assert (fingerprint_versions.fingerprint({FILMING: ENTRY, "photography": PHOTOGRAPHY})
            == "de760c6003984aee6ce876723bc8a2955761d893f34cca62ceb16b8bf401355e")
    gone = GoneSource(url="http://127.0.0.1:9/p", kind="protocol", last_success=NOW)
    assert fingerprint_versions.fingerprint(gone) == "4b188c11f478c243083926cc1bd26c32ba6603e12f57a914e4acd358b03655a8"
    never = GoneSource(url="http://127.0.0.1:9/p", kind="protocol", last_status=404, last_error="HTTP 404")
    assert fingerprint_versions.fingerprint(never) == "fee7a2cda54334897bd4f8666f03e60ed02e6bddb699f5d6163faaa2f9d2ba2f"


def reject_a_policy_change(db) -> Flag:
    publish_first_night(db)
    store_text(db, PROTOCOL, "Filming is permitted.", findings(ALLOWED, "Filming is permitted."))
    (flag,) = night(db)
    assert flag.kind == POLICY_CHANGE
    reject(db, flag.id, "reviewer", note="the rules misread this clause")
    return flag


def a_different_change(db) -> list[Flag]:
    text = "Filming is permitted at every meeting."
    store_text(db, PROTOCOL, text, findings(ALLOWED, text))
    return night(db)


def test_comparing_more_never_resurrects_a_rejected_change_and_a_different_one_is_raised(db, council, monkeypatch):
    rejected = reject_a_policy_change(db)
    compared = policy.verdict_key(rejected.after)
    monkeypatch.setattr(policy, "VERDICT_FIELDS", (*policy.VERDICT_FIELDS, "conflicts_with_statute"))
    assert policy.verdict_key(rejected.after) != compared  # what change detection compares has changed
    assert night(db) == []  # the change the reviewer rejected is still recognised
    (again,) = a_different_change(db)
    assert again.kind == POLICY_CHANGE and again.fingerprint != rejected.fingerprint


def test_a_new_fingerprint_version_still_recognises_changes_rejected_under_the_old(db, council, monkeypatch):
    rejected = reject_a_policy_change(db)
    first = fingerprint_versions.VERSIONS[0]
    monkeypatch.setattr(fingerprint_versions, "VERSIONS", (first, lambda change: "v2:" + first(change)))
    assert fingerprint_versions.fingerprints(rejected.after) == ("v2:" + rejected.fingerprint, rejected.fingerprint)
    assert night(db) == []
    (again,) = a_different_change(db)
    assert again.fingerprint.startswith("v2:")  # new flags carry the newest version


# --- Records and rows --------------------------------------------------------------------------------------------

def test_each_record_reads_every_column_of_its_table(db):
    def names(record: type) -> set[str]:
        return {f.name for f in fields(record)}

    assert names(Flag) == set(db["flag"].columns_dict)
    assert names(Event) == set(db["event"].columns_dict)
    # The columns that say where a row is (and when it was derived), not what its entry says, are named here.
    assert names(PublishedEntry) | {"id", "council"} == set(db["published"].columns_dict)
    assert names(PolicyEntry) | {"id", "run_id", "council", "derived_at"} == set(db["policy"].columns_dict)


def test_a_key_no_record_has_is_refused_rather_than_dropped(db, council):
    flag_id = db["flag"].insert({
        "council": "TST", "activity": FILMING, "kind": POLICY_CHANGE, "before": "null", "fingerprint": "x",
        "raised_at": NOW, "status": "pending",
        "after": '{"activity": "filming", "verdict": "allowed", "conditions": [], "evidence": [], "surprise": 1}',
    }).last_pk
    with pytest.raises(UnknownField, match="surprise"):
        get_flag(db, flag_id)


def test_a_published_entry_keeps_its_flag_and_basis_in_the_flag_it_becomes_the_before_of(db, council):
    """The allow-list that dropped them is gone: the flag's `before` is the published record, whole."""
    reject_a_policy_change(db)
    (flag,) = list_flags(db, None)[-1:]
    assert flag.before == published_policy(db, "TST")[FILMING] and flag.before.flag_id == 1


# As the code before typed records wrote them: a `before` without flag_id and basis, an `after` without confidence and
# doubts (flags raised before confidence was measured), a correction's event.
OLD_BEFORE = ('{"activity": "filming", "conditions": ["chair_consent"], "conflicts_with_statute": true, "corrected": '
              'false, "evidence": [{"page": 1, "quote": "Filming only with the consent of the Chair.", "snapshot_id": '
              '1, "source_url": "http://127.0.0.1:9/filming-protocol", "verdict": "permission"}], "reviewed_at": '
              '"2026-11-28T00:00:00+00:00", "reviewer": "Ann", "verdict": "permission"}')
OLD_AFTER = ('{"activity": "filming", "conditions": [], "conflicts_with_statute": false, "evidence": [{"page": 1, '
             '"quote": "Filming is permitted.", "snapshot_id": 2, "source_url": "http://127.0.0.1:9/filming-protocol", '
             '"verdict": "allowed"}], "verdict": "allowed"}')
OLD_CORRECTION = ('{"activity": "filming", "conditions": ["chair_consent"], "conflicts_with_statute": true, '
                  '"evidence": [{"page": 1, "quote": "Filming is permitted.", "snapshot_id": 2, "source_url": '
                  '"http://127.0.0.1:9/filming-protocol", "verdict": "allowed"}], "verdict": "permission"}')


def test_rows_written_before_records_load_and_can_be_decided(db, council):
    flag_id = db["flag"].insert({"council": "TST", "activity": FILMING, "kind": POLICY_CHANGE, "before": OLD_BEFORE,
                                 "after": OLD_AFTER, "fingerprint": "old", "raised_at": NOW,
                                 "status": "pending"}).last_pk
    db["event"].insert({"at": NOW, "reviewer": "Ann", "action": "correct", "flag_id": flag_id, "council": "TST",
                        "activity": FILMING, "before": OLD_BEFORE, "after": OLD_CORRECTION, "note": "consent",
                        "snapshots": '{"after": [2], "before": [1]}', "classifier_version": "r1"})
    flag = get_flag(db, flag_id)
    assert (flag.before.reviewer, flag.before.flag_id, flag.before.basis) == ("Ann", None, None)
    assert (flag.entry.verdict, flag.entry.confidence, flag.entry.doubts) == (ALLOWED, None, ())
    assert "Confidence" not in flag_detail(flag, None)  # read before confidence was measured: nothing to show
    (event,) = list_events(db, flag_id=flag_id)
    assert event.after.conditions == ("chair_consent",) and event.snapshots == Compared(before=(1,), after=(2,))
    confirm(db, flag_id, "Bob")
    assert published_policy(db, "TST")[FILMING].evidence == flag.entry.evidence


@pytest.mark.parametrize("saved", STORES, ids=lambda path: path.stem)
def test_a_store_saved_by_an_earlier_version_reads_as_records(saved, tmp_path):
    """Every earlier schema version's fixture store (tests/fixtures/stores, whose rows are sketches: a new council's
    flag with one activity, a gone source with its address only) reads through the records."""
    path = tmp_path / "ocm.db"
    shutil.copy(saved, path)
    db = open_db(path)
    try:
        flags = list_flags(db, None)
        if flags:
            kinds = {flag.kind: flag for flag in flags}
            assert kinds[NEW_COUNCIL].entries[FILMING].verdict == ALLOWED
            assert kinds[SOURCE_GONE].gone.url == "https://llanfair.cymru/protocol"
        list_events(db)
        for council in council_rows(db):
            published_policy(db, council["code"])
            latest_policy(db, council["code"])
    finally:
        db.close()
