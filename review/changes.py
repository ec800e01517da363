"""Change detection after a crawl: derive each council's policy, compare it with the published one, flag.

What counts as a change is ../shared/DESIGN.md "What counts as a change". A fetch failure never is.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from review.fingerprint import fingerprints
from review.identity import follow_move
from review.kinds import CONFLICT, NEW_COUNCIL, POLICY_CHANGE, RECLASSIFIED, SOURCE_GONE, WORDING_CHANGE
from review.policy import derive_policy, verdict_key, wording_key
from review.templates import change_key, template_key
from review.workflow import follow_template
from rules import CLASSIFIER_VERSION
from rules.taxonomy import ACTIVITIES, CONFLICTING, UNKNOWN
from store.councils import council_rows
from store.db import transaction
from store.documents import ACTIVE, current_findings, known_sources
from store.flags import (
    already_flagged,
    pending_for,
    raise_flag,
    supersede_pending,
    template_councils,
    template_decision,
)
from store.policies import published_policy, save_policy
from store.records import Change, DerivedEntry, GoneSource, PolicyEntry, PublishedEntry

logger = logging.getLogger(__name__)

GONE_STATUSES = (404, 410)
# Flags about one activity of one council: at most one of them is pending at a time.
ACTIVITY_KINDS = (POLICY_CHANGE, CONFLICT, WORDING_CHANGE, RECLASSIFIED)
COUNCILS_PER_TRANSACTION = 100  # a batch holds the write lock for about a second (a reviewer's decision waits)
TEMPLATE_MIN_COUNCILS = 3  # OCM_TEMPLATE_MIN_COUNCILS's default: councils sharing a text that make it a template


@dataclass(frozen=True)
class Proposal:
    """A flag to raise once every council of the run is seen: the flags of one shared change (`template`, see
    `review/templates.py`) across enough councils are one decision."""

    council: str
    kind: str
    change: Change
    template: str | None
    activity: str | None = None
    before: PublishedEntry | None = None


def detect_changes(db: Database, codes: list[str], run_id: int | None, now: str, gone_after: int,
                   cause: str | None = None, version: str = CLASSIFIER_VERSION,
                   template_min: int = TEMPLATE_MIN_COUNCILS) -> list[int]:
    """Derive and store the policy of each council, and raise the flags its differences call for.

    The policy rests on the findings of the classifier `version` in force (a text it has not read yet keeps
    its newest findings until `ocm reclassify`). `cause=RECLASSIFIED` says the documents did not change, the
    classifier did: verdict differences are then raised as `reclassified` flags, so reviewers know the council
    changed nothing. Councils whose new policies rest on one shared text (`review/templates.py`), or whose
    policies change alike (a new reading of the model standing orders), at least `template_min` of them, are one
    review decision; see `_raise_proposals`.
    """
    raised: list[int] = []
    proposals: list[Proposal] = []
    councils = council_rows(db, codes)
    for start in range(0, len(councils), COUNCILS_PER_TRANSACTION):
        with transaction(db):  # one commit per batch, not several per council: 12,000 councils a night
            for council in councils[start:start + COUNCILS_PER_TRANSACTION]:
                if cause is None:  # first, so a document that moved counts once, at its new address
                    raised += _gone_sources(db, council["code"], run_id, now, gone_after)
                proposals += _council_changes(db, council, run_id, now, cause, version)
    with transaction(db):
        return raised + _raise_proposals(db, proposals, run_id, now, template_min)


def _raise_proposals(db: Database, proposals: list[Proposal], run_id: int | None, now: str,
                     template_min: int) -> list[int]:
    """Raise each proposed flag. One whose change at least `template_min` councils share (tonight's and those
    flagged before) carries the change's key: its flag is one decision with the others'. When a reviewer has
    already confirmed that change, the council is published with that review at once and raises nothing."""
    sharing: dict[str, set[str]] = {}
    for proposal in proposals:
        if proposal.template:
            sharing.setdefault(proposal.template, set()).add(proposal.council)
    templates = {key for key, codes in sharing.items() if len(codes | template_councils(db, key)) >= template_min}
    decisions = {key: template_decision(db, key) for key in templates}
    raised = []
    for proposal in proposals:
        template = proposal.template if proposal.template in templates else None
        flag = _raise(db, proposal.change, council=proposal.council, kind=proposal.kind, run_id=run_id, now=now,
                      template=template, activity=proposal.activity, before=proposal.before)
        decided = decisions.get(template) if template else None
        if flag and decided is not None:
            follow_template(db, flag, decided, now)
        elif flag:
            raised.append(flag)
    return raised


def _council_changes(db: Database, council: dict[str, Any], run_id: int | None, now: str,
                     cause: str | None, version: str) -> list[Proposal]:
    code = council["code"]
    derived = derive_policy(current_findings(db, code, version), council["nation"])
    save_policy(db, run_id, code, derived.values(), now)
    published = published_policy(db, code)
    if not published:
        if all(entry.verdict == UNKNOWN for entry in derived.values()):
            return []  # nothing found yet: shown in status, nothing for a reviewer to confirm
        return [Proposal(code, NEW_COUNCIL, derived, template_key(derived))]
    proposals = []
    for activity in ACTIVITIES:
        kind = difference(published.get(activity), derived[activity])
        if kind in (POLICY_CHANGE, CONFLICT) and cause == RECLASSIFIED:
            kind = RECLASSIFIED
        if _activity_flag(db, code, activity, kind, derived[activity], now) and kind is not None:
            before = published.get(activity)
            proposals.append(Proposal(code, kind, derived[activity], change_key(kind, before, derived[activity]),
                                      activity, before))
    return proposals


def difference(before: PublishedEntry | None, after: PolicyEntry) -> str | None:
    """What kind of change separates the published entry from the derived one, if any.

    A reworded clause counts only when the council's text changed (other snapshots): a new classifier
    quoting the same text differently is not the council's change. A reviewer's correction stands while
    the derived entry rests on the same snapshots it was made against (its basis).
    """
    if before is not None and before.corrected and set(before.basis or ()) == _snapshots(after):
        return None
    if after.verdict == CONFLICTING:
        same = before is not None and before.verdict == CONFLICTING and wording_key(before) == wording_key(after)
        return None if same else CONFLICT
    if before is None or verdict_key(before) != verdict_key(after):
        return POLICY_CHANGE
    if wording_key(before) != wording_key(after) and _snapshots(before) != _snapshots(after):
        return WORDING_CHANGE
    return None


def _snapshots(entry: PolicyEntry) -> set[int | None]:
    return {e.snapshot_id for e in entry.evidence}


def _activity_flag(db: Database, code: str, activity: str, kind: str | None, after: DerivedEntry, now: str) -> bool:
    """Is a flag of this kind to be raised for this difference? Pending flags of other kinds it replaces are
    retired (one of them pending at a time for an activity)."""
    if kind is not None and already_flagged(db, council=code, activity=activity, kinds=ACTIVITY_KINDS,
                                            fingerprints=fingerprints(after)):
        return False  # this very change is pending or was rejected, whatever kind raised it
    for other in ACTIVITY_KINDS:
        if other != kind:
            supersede_pending(db, council=code, kind=other, activity=activity, now=now)
    return kind is not None


def _raise(db: Database, change: Change, **flag: Any) -> int | None:
    """Raise a flag for this change (see `raise_flag`), recognised by its fingerprint under every version."""
    mark, *earlier = fingerprints(change)
    return raise_flag(db, after=change, fingerprint=mark, earlier=earlier, **flag)


def _gone_sources(db: Database, code: str, run_id: int | None, now: str, gone_after: int) -> list[int]:
    raised = []
    sources = known_sources(db, code)  # the active ones: a retired (or moved, or gone) source raises nothing
    _withdraw_inactive(db, code, {source["id"] for source in sources}, now)
    for source in sources:
        gone = source["status"] == ACTIVE and (
            source["last_status"] in GONE_STATUSES and source["consecutive_failures"] > 0
            or source["consecutive_failures"] >= gone_after)
        if not gone or follow_move(db, source) is not None:
            supersede_pending(db, council=code, kind=SOURCE_GONE, source_id=source["id"], now=now)
            continue
        flag = _raise(db, GoneSource.of_source(source), council=code, kind=SOURCE_GONE, source_id=source["id"],
                      run_id=run_id, now=now)
        if flag:
            logger.info("%s: source gone: %s (%s)", code, source["url"], source["last_error"])
            raised.append(flag)
    return raised


def _withdraw_inactive(db: Database, code: str, active: set[int], now: str) -> None:
    """A pending `source_gone` flag whose source is no longer active (the crawl retired it over the council's cap)
    is withdrawn: there is nothing left for a reviewer to decide."""
    for flag in pending_for(db, code, SOURCE_GONE):
        if flag.source_id not in active:
            supersede_pending(db, council=code, kind=SOURCE_GONE, source_id=flag.source_id, now=now)
