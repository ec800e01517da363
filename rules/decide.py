"""One activity's finding from a document's votes: its general rule, the exceptions as conditions, a confidence.

The verdict is the document's general rule for the activity. Restrictions limited to part of the meeting, some
people or some equipment are conditions by now (see `rules.reader` and `rules.document`). What remains:
- allowances alone: `allowed`;
- a requirement beside a plain allowance refines it ("Filming is permitted. Anyone filming must first obtain the
  Chair's consent." is `permission`); a route to consent lifts a ban (`permission`), a ban outweighs a notice;
- a requirement that an explicit allowance denies ("No prior permission is required" against a consent rule), or
  a ban beside a plain allowance, is a real disagreement: the verdict follows the allowance where the law gives
  the public the right (England), the restriction elsewhere, and confidence is low.
"""

from __future__ import annotations

from collections.abc import Iterable

from rules.document import SetAside
from rules.doubts import DISAGREE, DOUBTS, IMPLIED, MODALITY, SCOPE_UNCLEAR
from rules.patterns import EXPLICIT
from rules.patterns import IMPLIED as IMPLIED_STRENGTH
from rules.reader import Vote
from rules.result import ActivityFinding, Evidence
from rules.segment import Segment
from rules.taxonomy import (
    ALLOWED,
    CHAIR_CONSENT,
    CONDITIONS,
    COUNCIL_RESOLUTION,
    ENGLAND,
    HIGH,
    LOW,
    NOT_STATED,
    NOTICE,
    NOTICE_REQUESTED,
    NOTICE_REQUIRED,
    PERMISSION,
    PROHIBITED,
    WRITTEN_CONSENT,
)

# Which restriction states the general rule when several do: a route to consent lifts a ban, a ban outweighs notice.
RESTRICTION_ORDER: tuple[str, ...] = (PERMISSION, PROHIBITED, NOTICE)
# Conditions that describe whose consent lifts a restriction.
ROUTE_CONDITIONS = frozenset({CHAIR_CONSENT, WRITTEN_CONSENT, COUNCIL_RESOLUTION})
# At most this many quoted sentences per activity.
MAX_EVIDENCE = 6


def decide(activity: str, votes: list[Vote], set_aside: list[SetAside], nation: str | None) -> ActivityFinding:
    """The finding for one activity from every vote of the document (and those set aside, for the doubts)."""
    mine = [v for v in votes if activity in v.activities]
    ruling = [v for v in mine if v.verdict]
    scope_doubts = {v.doubt for v in mine if v.scoped and v.doubt == SCOPE_UNCLEAR}
    if not ruling:
        reasons = {s.reason for s in set_aside if activity in s.activities}
        return _finding(activity, NOT_STATED, (), [], reasons | scope_doubts)
    verdict, disagree = general_rule(ruling, nation)
    deciding = [v for v in ruling if v.verdict == verdict]
    doubts = scope_doubts | _doubts(activity, verdict, deciding, mine)
    if disagree:
        doubts.add(DISAGREE)
    general = [v for v in votes if not v.activities and v.condition]
    conditions = _conditions(verdict, mine + general)
    supporting = [v for v in mine + general if v.condition in conditions]
    deciding = _firmest(activity, deciding)
    evidence = _first_unique([v.segment for v in deciding] + [v.segment for v in supporting], MAX_EVIDENCE)
    quoted = {s.start for s in evidence}
    given = {v.condition for v in supporting if v.segment.start in quoted}
    for v in supporting:  # every condition keeps a clause that gave it, past the limit if need be
        if v.condition not in given:
            given.add(v.condition)
            if v.segment.start not in quoted:
                quoted.add(v.segment.start)
                evidence.append(v.segment)
    roles = _roles(deciding, supporting, {s.start for s in evidence})
    return _finding(activity, verdict, tuple(c for c in CONDITIONS if c in conditions), evidence, doubts, roles)


def _firmest(activity: str, deciding: list[Vote]) -> list[Vote]:
    """The sentences that state the verdict most firmly: those naming the activity, unless none does, and of
    those the ones that state it outright rather than imply it. A purpose clause read under a heading ("This
    allows the officer to inform the Chair") agrees with the verdict but does not decide it."""
    named = [v for v in deciding if activity not in dict(v.weak)] or deciding
    return [v for v in named if v.strength != IMPLIED_STRENGTH] or named


def _roles(deciding: list[Vote], supporting: list[Vote], quoted: set[int],
           ) -> dict[int, tuple[bool, tuple[str, ...]]]:
    """By the start of each quoted sentence: whether it states the verdict, and the conditions it gave."""
    decides = {v.segment.start for v in deciding if v.segment.start in quoted}
    given: dict[int, set[str]] = {}
    for v in supporting:
        if v.segment.start in quoted:
            given.setdefault(v.segment.start, set()).add(str(v.condition))
    return {s: (s in decides, tuple(c for c in CONDITIONS if c in given.get(s, ()))) for s in quoted}


def general_rule(ruling: list[Vote], nation: str | None) -> tuple[str, bool]:
    """The verdict the votes state as the general rule, and whether two general rules disagree."""
    verdicts = {v.verdict for v in ruling}
    restriction = next((r for r in RESTRICTION_ORDER if r in verdicts), None)
    if restriction is None:
        return ALLOWED, False
    allowances = [v for v in ruling if v.verdict == ALLOWED]
    denied = frozenset().union(*(v.denies for v in allowances if v.strength == EXPLICIT))
    if restriction in denied:
        return ALLOWED, True
    if restriction == PROHIBITED and any(v.strength != IMPLIED_STRENGTH for v in allowances):
        return (ALLOWED if nation == ENGLAND else PROHIBITED), True
    return restriction, restriction == PROHIBITED and NOTICE in verdicts


def _doubts(activity: str, verdict: str, deciding: list[Vote], mine: list[Vote]) -> set[str]:
    """The doubts of the votes that decided the verdict, and of the wording around them."""
    doubts: set[str] = set()
    weak = [dict(v.weak).get(activity) for v in deciding]
    if all(weak):
        doubts |= {w for w in weak if w}
    shared = set.intersection(*({v.doubt} if v.doubt else set() for v in deciding))
    doubts |= shared - {MODALITY}
    if verdict == ALLOWED:
        if all(v.strength == IMPLIED_STRENGTH for v in deciding):
            doubts.add(IMPLIED)
        if any(v.doubt == MODALITY for v in mine):
            doubts.add(MODALITY)
    return doubts


def _conditions(verdict: str, votes: Iterable[Vote]) -> set[str]:
    conditions = {v.condition for v in votes if v.condition}
    if verdict == NOTICE:
        conditions.discard(NOTICE_REQUESTED)
    if verdict == ALLOWED:
        conditions.discard(NOTICE_REQUIRED)
    if verdict not in (PERMISSION, PROHIBITED):
        conditions -= ROUTE_CONDITIONS  # "written consent" of a parent is no route for the public
    return conditions


def _finding(
    activity: str, verdict: str, conditions: tuple[str, ...], evidence: list[Segment], doubts: set[str],
    roles: dict[int, tuple[bool, tuple[str, ...]]] | None = None,
) -> ActivityFinding:
    ordered = tuple(d for d in DOUBTS if d in doubts)
    roles = roles or {}
    return ActivityFinding(
        activity=activity,
        verdict=verdict,
        conditions=conditions,
        evidence=tuple(Evidence(s.quote, s.start, s.end, *roles.get(s.start, (False, ()))) for s in evidence),
        confidence=LOW if ordered else HIGH,
        doubts=ordered,
    )


def _first_unique(segs: list[Segment], limit: int) -> list[Segment]:
    """The first `limit` distinct segments, in order."""
    seen: set[int] = set()
    out: list[Segment] = []
    for s in segs:
        if s.start not in seen:
            seen.add(s.start)
            out.append(s)
            if len(out) == limit:
                break
    return out
