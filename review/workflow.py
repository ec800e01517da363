"""The review workflow: confirming a flag publishes its change; rejecting it is remembered; correcting it
publishes the reviewer's own verdict. Every decision appends an audit `event` in the same transaction.

A flag that carries a template (the key of a text many councils share, or of one change many councils' texts
make alike: `review/templates.py`) is one decision with every pending flag of that template: confirming,
rejecting or correcting one decides them all, each council's own evidence published, marked as published with
the template's review, each with its event. A council that arrives with a text (or a change) already confirmed
is published with that review (`follow_template`)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlite_utils import Database

from review.confidence import flag_is_low
from review.kinds import NEW_COUNCIL, SOURCE_GONE
from rules import CLASSIFIER_VERSION
from rules.taxonomy import ACTIVITIES, CONDITIONS, VERDICTS, conflicts_with_statute
from store.councils import council_rows
from store.db import transaction, utcnow
from store.documents import GONE, classifier_version_of, mark_source
from store.events import CONFIRM, CORRECT, REJECT, record_event
from store.flags import CONFIRMED, CORRECTED, PENDING, REJECTED, decide_flag, get_flag, template_flags
from store.policies import publish
from store.records import Change, Compared, Flag, PolicyEntry, entries_of


class ReviewError(Exception):
    """A review action that cannot be carried out."""


class FlagNotFound(ReviewError):
    """No flag with that number."""


class FlagNotPending(ReviewError):
    """The flag was already decided or superseded."""


class FlagOutOfScope(ReviewError):
    """The flag belongs to a council outside the registry the reviewer is working on."""


class InvalidCorrection(ReviewError):
    """A correction names an unknown verdict, condition or activity, or cannot apply to this flag."""


def find_flag(db: Database, flag_id: int, councils: set[str] | None = None) -> Flag:
    """A flag by number, optionally only among the given councils' flags."""
    flag = get_flag(db, flag_id)
    if flag is None:
        raise FlagNotFound(f"no flag #{flag_id}")
    if councils is not None and flag.council not in councils:
        raise FlagOutOfScope(f"flag #{flag_id} is for {flag.council}, which is not in the given registry")
    return flag


def _pending(db: Database, flag_id: int, councils: set[str] | None) -> Flag:
    flag = find_flag(db, flag_id, councils)
    if flag.status != PENDING:
        raise FlagNotPending(f"flag #{flag_id} is already {flag.status}")
    return flag


def covered(db: Database, flag: Flag, councils: set[str] | None = None) -> list[Flag]:
    """The flags one decision on `flag` decides: every pending flag of its template (itself first), or itself."""
    if flag.template is None or flag.status != PENDING:
        return [flag]
    others = [f for f in template_flags(db, flag.template) if f.id != flag.id
              and (councils is None or f.council in councils)]
    return [flag, *others]


def _need(value: str | None, message: str) -> str:
    if not value or not value.strip():
        raise ReviewError(message)
    return value.strip()


def evidence_snapshots(change: Change | None) -> list[int]:
    """The snapshot ids an entry's (or a new_council flag's) evidence was quoted from."""
    return sorted({e.snapshot_id for entry in entries_of(change).values() for e in entry.evidence
                   if e.snapshot_id is not None})


def _audit(db: Database, flag: Flag, action: str, reviewer: str, now: str, note: str | None,
           after: Change | None = None, activity: str | None = None) -> None:
    after = flag.after if after is None else after
    snapshots = Compared(before=tuple(evidence_snapshots(flag.before)), after=tuple(evidence_snapshots(after)))
    record_event(db, at=now, reviewer=reviewer, action=action, flag_id=flag.id, council=flag.council,
                 activity=activity or flag.activity, before=flag.before, after=after, note=note,
                 snapshots=snapshots,
                 classifier_version=classifier_version_of(db, list(snapshots.after), CLASSIFIER_VERSION))


def confirm(db: Database, flag_id: int, reviewer: str, note: str | None = None,
            councils: set[str] | None = None) -> Flag:
    """Accept a flagged change: publish what it proposes (or retire a gone source). Returns the flag."""
    reviewer = _need(reviewer, "a reviewer name is required")
    now = utcnow()
    with transaction(db):
        flag = _pending(db, flag_id, councils)
        if flag.kind == SOURCE_GONE and flag.source_id is not None:
            mark_source(db, flag.source_id, GONE)
        for each in covered(db, flag, councils):
            for entry in each.entries.values():  # one activity's, or every activity's on a new_council flag
                publish(db, each.council, entry, each.id, reviewer, now, template=each.template)
            decide_flag(db, each.id, CONFIRMED, reviewer, now, note)
            _audit(db, each, CONFIRM, reviewer, now, note)
    return flag


def follow_template(db: Database, flag_id: int, decided: Flag, now: str) -> None:
    """Publish a new council whose text is a template a reviewer already confirmed (`decided`, a flag of it) with
    that review: its own evidence, the template's reviewer, marked as the template's; its flag confirmed."""
    note = f"published with the review of its template, confirmed in flag #{decided.id}"
    reviewer = decided.reviewer or "template"
    with transaction(db):
        flag = _pending(db, flag_id, None)
        for entry in flag.entries.values():
            publish(db, flag.council, entry, flag.id, reviewer, now, template=flag.template)
        decide_flag(db, flag.id, CONFIRMED, reviewer, now, note)
        _audit(db, flag, CONFIRM, reviewer, now, note)


def confirm_new_councils(db: Database, flag_ids: Iterable[int], reviewer: str, note: str | None = None,
                         councils: set[str] | None = None) -> tuple[list[Flag], dict[int, str]]:
    """Confirm many `new_council` flags read with high confidence, each in its own transaction with its own audit
    event (`confirm`). A flag that is no longer pending, of another kind or read with low confidence is skipped
    and said why. Returns the flags confirmed and the reasons for those skipped, by flag number."""
    done: list[Flag] = []
    skipped: dict[int, str] = {}
    started = utcnow()
    for flag_id in dict.fromkeys(flag_ids):
        try:
            flag = find_flag(db, flag_id, councils)
            if flag.kind != NEW_COUNCIL:
                raise ReviewError(f"flag #{flag_id} is a {flag.kind} flag: review it on its own")
            if flag_is_low(flag):
                raise ReviewError(f"flag #{flag_id} was read with low confidence: review it on its own")
            if _confirmed_since(flag, reviewer, started):  # decided with an earlier flag of this batch
                done.append(flag)
                continue
            done.append(confirm(db, flag_id, reviewer, note, councils))
        except ReviewError as exc:
            skipped[flag_id] = str(exc)
    return done, skipped


def _confirmed_since(flag: Flag, reviewer: str, since: str) -> bool:
    return flag.status == CONFIRMED and flag.reviewer == reviewer.strip() and (flag.decided_at or "") >= since


def reject(db: Database, flag_id: int, reviewer: str, note: str, councils: set[str] | None = None) -> Flag:
    """Refuse a flagged change; the published policy stays and the same change will not flag again."""
    note = _need(note, "say why the change is rejected (--note)")
    reviewer = _need(reviewer, "a reviewer name is required")
    now = utcnow()
    with transaction(db):
        flag = _pending(db, flag_id, councils)
        for each in covered(db, flag, councils):
            decide_flag(db, each.id, REJECTED, reviewer, now, note)
            _audit(db, each, REJECT, reviewer, now, note)
    return flag


def correct(db: Database, flag_id: int, reviewer: str, verdict: str, conditions: list[str] | tuple[str, ...],
            note: str, activity: str | None = None, councils: set[str] | None = None) -> Flag:
    """Publish the reviewer's verdict and conditions instead of the flag's, keeping the flag's evidence.

    The published row is marked corrected, with the snapshots of its evidence as its basis: change
    detection leaves it alone until that text changes. On a `new_council` flag `activity` says which
    activity is corrected; the others are published as found. Returns the flag.
    """
    note = _need(note, "say why the machine is wrong (--note)")
    reviewer = _need(reviewer, "a reviewer name is required")
    _check_reading(verdict, conditions)
    now = utcnow()
    with transaction(db):
        flag = _pending(db, flag_id, councils)
        activity = _corrected_activity(flag, activity)
        for each in covered(db, flag, councils):
            _correct_one(db, each, activity, verdict, conditions, reviewer, now, note)
    return flag


def _correct_one(db: Database, flag: Flag, activity: str, verdict: str, conditions: list[str] | tuple[str, ...],
                 reviewer: str, now: str, note: str) -> None:
    found = flag.entries[activity]
    nation = next((c["nation"] for c in council_rows(db, [flag.council])), None)
    # A plain entry: how sure the machine was (confidence, doubts) says nothing of the reviewer's verdict.
    fixed = PolicyEntry(activity=found.activity, verdict=verdict, conditions=tuple(sorted(set(conditions))),
                        evidence=found.evidence, conflicts_with_statute=conflicts_with_statute(verdict, nation))
    for other, entry in flag.entries.items():  # a new_council flag's other activities, as found
        if other != activity:
            publish(db, flag.council, entry, flag.id, reviewer, now, template=flag.template)
    publish(db, flag.council, fixed, flag.id, reviewer, now, basis=evidence_snapshots(found), template=flag.template)
    decide_flag(db, flag.id, CORRECTED, reviewer, now, note)
    after: Change = {**flag.entries, activity: fixed} if flag.kind == NEW_COUNCIL else fixed
    _audit(db, flag, CORRECT, reviewer, now, note, after=after, activity=activity)


def _check_reading(verdict: str, conditions: list[str] | tuple[str, ...]) -> None:
    if verdict not in VERDICTS:
        raise InvalidCorrection(f"unknown verdict {verdict!r} (one of: {', '.join(VERDICTS)})")
    unknown = sorted(set(conditions) - set(CONDITIONS))
    if unknown:
        raise InvalidCorrection(f"unknown condition(s) {', '.join(unknown)} (see rules/taxonomy.py)")


def _corrected_activity(flag: Flag, activity: str | None) -> str:
    if flag.kind == SOURCE_GONE:
        raise InvalidCorrection(f"flag #{flag.id} is about a gone source: confirm or reject it")
    if flag.kind == NEW_COUNCIL:
        if activity not in ACTIVITIES:
            raise InvalidCorrection(f"say which activity to correct (one of: {', '.join(ACTIVITIES)})")
        return activity
    if activity not in (None, "", flag.activity):
        raise InvalidCorrection(f"flag #{flag.id} is about {flag.activity}, not {activity}")
    return str(flag.activity)
