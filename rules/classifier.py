"""A pure `classify(text, nation)`: per activity a verdict, its conditions and the quoted evidence.

The text is cut into sentences (only those near the activity vocabulary, see `rules.segment`); each
sentence is read by `rules.reader` against the rules of `rules.patterns`, and the sentence-level votes
are combined here: a route to consent beats a ban, a ban beats a notice requirement, which beats an
allowance ("Filming is permitted." + "Anyone filming must first obtain the Chair's consent." =
permission).
"""

from __future__ import annotations

import logging
import re

from rules.reader import Vote, read_segment, vocabulary
from rules.result import ActivityFinding, Classification, Evidence
from rules.segment import Segment, is_heading, is_list_item, relevant_segments
from rules.taxonomy import (
    ACTIVITIES,
    ALLOWED,
    CHAIR_CONSENT,
    CONDITIONS,
    COUNCIL_RESOLUTION,
    NOT_STATED,
    NOTICE,
    NOTICE_REQUESTED,
    PERMISSION,
    PROHIBITED,
    WRITTEN_CONSENT,
    conflicts_with_statute,
)
from rules.version import CLASSIFIER_VERSION

logger = logging.getLogger(__name__)


# Which verdict wins when a text's sentences disagree, strongest restriction first.
PRECEDENCE: tuple[str, ...] = (PERMISSION, PROHIBITED, NOTICE, ALLOWED)
# Conditions that describe whose consent lifts a restriction.
ROUTE_CONDITIONS = frozenset({CHAIR_CONSENT, WRITTEN_CONSENT, COUNCIL_RESOLUTION})
# At most this many quoted sentences per activity.
MAX_EVIDENCE = 6
# Two sentences of one paragraph are separated by a few characters and no blank line.
_MAX_GAP = 12
_PARAGRAPH_BREAK_RE = re.compile(r"\n[ \t]*\n")


def classify(text: str, nation: str | None = None) -> Classification:
    """Classify one document or passage for every activity; offsets in the evidence index `text`."""
    segs = relevant_segments(text)
    vocab = vocabulary(text, segs)
    votes: list[Vote] = []
    council_broadcast: list[Evidence] = []
    antecedent: frozenset[str] = frozenset()
    previous: Segment | None = None
    topic: frozenset[str] = frozenset()  # the activities of the heading or question above
    question = False
    for seg in segs:
        under = _under_topic(text, previous, seg, question) if topic else False
        result = read_segment(
            seg, vocab, antecedent if _continues(text, previous, seg) else frozenset(), topic if under else frozenset()
        )
        votes.extend(result.votes)
        if result.council_own:
            council_broadcast.append(_evidence(seg))
        if result.activities and is_heading(text, seg):
            topic, question = result.activities, seg.quote.endswith("?")
        elif not under:
            topic = frozenset()
        antecedent, previous = result.activities, seg
    findings = {activity: _finding(activity, votes) for activity in ACTIVITIES}
    logger.debug("classified %d chars, %d relevant segments, %d votes", len(text), len(segs), len(votes))
    return Classification(
        findings=findings,
        version=CLASSIFIER_VERSION,
        conflicts_with_statute={a: conflicts_with_statute(f.verdict, nation) for a, f in findings.items()},
        council_broadcast=tuple(council_broadcast[:MAX_EVIDENCE]),
    )


def _finding(activity: str, votes: list[Vote]) -> ActivityFinding:
    """Combine the votes about one activity into its verdict, conditions and evidence."""
    mine = [v for v in votes if activity in v.activities]
    verdicts = {v.verdict for v in mine if v.verdict}
    verdict = next((p for p in PRECEDENCE if p in verdicts), NOT_STATED)
    if verdict == NOT_STATED:
        return ActivityFinding(activity, NOT_STATED)
    general = [v for v in votes if not v.activities and v.condition]
    conditions = {v.condition for v in mine + general if v.condition}
    if verdict == NOTICE:
        conditions.discard(NOTICE_REQUESTED)
    if verdict not in (PERMISSION, PROHIBITED):
        conditions -= ROUTE_CONDITIONS  # "written consent" of a parent is no route for the public
    deciding = [v.segment for v in mine if v.verdict == verdict]
    supporting = [v.segment for v in mine + general if v.condition in conditions]
    return ActivityFinding(
        activity=activity,
        verdict=verdict,
        conditions=tuple(c for c in CONDITIONS if c in conditions),
        evidence=tuple(_evidence(s) for s in _first_unique(deciding + supporting, MAX_EVIDENCE)),
    )


def _continues(text: str, previous: Segment | None, seg: Segment) -> bool:
    """True when `seg` directly follows `previous` in the same paragraph (so "do so" can point back)."""
    if previous is None or seg.start - previous.end > _MAX_GAP:
        return False
    return _PARAGRAPH_BREAK_RE.search(text, previous.end, seg.start) is None


def _under_topic(text: str, previous: Segment | None, seg: Segment, question: bool) -> bool:
    """True when `seg` sits under the heading before it: the next list item, or the answer to an FAQ question."""
    if previous is None or seg.start - previous.end > _MAX_GAP or text[previous.end:seg.start].strip():
        return False
    return is_list_item(seg) or (question and _continues(text, previous, seg) and not seg.quote.endswith("?"))


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


def _evidence(seg: Segment) -> Evidence:
    return Evidence(quote=seg.quote, start=seg.start, end=seg.end)
