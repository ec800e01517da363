"""Read a whole document: each sentence in its context, and what the document as a whole says about who acts.

Sentences are read by `rules.reader`, each with the context the text around it gives: the heading it sits
under (its activities, or a limit such as "When recording is not allowed"), the lead-in of its list ("During
these times:"), the sentence before it. Then the document decides which readings are rules in force for the
public: a motion in minutes is not; nor is a text about the council's own broadcast, or one addressed to its
staff or councillors. Those readings are set aside, with the reason, for the findings' doubts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from rules.context import (
    ANAPHORIC_SCOPE_RE,
    AUDIENCE_MIN,
    AUDIENCE_RE,
    DEBATE_RE,
    EXCEPTION_HEADING_RE,
    MEETING_RE,
    MOTION_RE,
    OPINION_RE,
    PUBLIC_MEETING_RE,
    REJECTED_RE,
    RESOLVED_RE,
)
from rules.doubts import AUDIENCE, COUNCIL_OWN, MINUTES, NOT_MEETINGS, SCOPE_UNCLEAR
from rules.patterns import EXPLICIT, IMPLIED
from rules.reader import RESTRICTIONS, Context, Reading, Vote, activities_by_position, has_limiter, read_segment
from rules.segment import Segment, Window, is_heading, is_list_item, relevant_windows
from rules.vocabulary import Vocabulary, vocabulary

# A restriction under a heading or lead-in that limits it: a condition, never a verdict.
LIMITED = "limited"
# Two sentences of one paragraph are separated by a few characters and no blank line.
_MAX_GAP = 12
_PARAGRAPH_BREAK_RE = re.compile(r"\n[ \t]*\n")
# From this length a text is a page or a document, not a passage quoted from one: if it never speaks of meetings,
# what it says about filming is about something else (a local plan on film productions).
_LONG_TEXT = 500
# Words without which a window holds no motion, or no reported debate (a cheap test before the patterns).
_MOTION_KEYS = ("move", "propos", "motion", "amendment", "recommendation")
_RESOLVED_KEYS = ("resolved", "agreed", "carried")
_DEBATE_KEYS = ("councillor", "cllr", "members", "following points", "discussion", "debate", "response to", "asked",
                "queried", "said that", "stated that", "noted that", "added that", "explained that", "felt that",
                "suggested that", "argued that")
# Limits that make a whole section a part of the meeting when its heading names them ("Confidential items").
_PART_OF_MEETING_RE = re.compile(r"exempt|confidential|closed|private|excluded|in\s+camera|part\s+(?:ii|2|b)\b", re.I)


@dataclass(frozen=True)
class SetAside:
    """A reading that is not a rule in force for the public, and why."""

    activities: frozenset[str]
    verdict: str
    reason: str
    segment: Segment


@dataclass
class DocumentReading:
    """The votes that count, those set aside, and the sentences about the council's own broadcast."""

    votes: list[Vote] = field(default_factory=list)
    set_aside: list[SetAside] = field(default_factory=list)
    council_broadcast: list[Segment] = field(default_factory=list)


@dataclass
class _Read:
    """One sentence's reading with what its place in the document says about it."""

    reading: Reading
    segment: Segment
    motion: bool
    debate: bool
    meetings: bool  # the text around it speaks of meetings


def read_document(text: str) -> DocumentReading:
    """Read every relevant sentence of `text` in its context, then keep the rules in force for the public."""
    windows = relevant_windows(text)
    vocab = vocabulary(text, windows)
    reads: list[_Read] = []
    for window in windows:
        reads.extend(_read_window(text, window, vocab))
    out = DocumentReading(council_broadcast=[r.segment for r in reads if r.reading.council_own])
    staff = _addressed_to_staff([r.segment.quote for r in reads])
    own_only = bool(out.council_broadcast) and not any(r.reading.public_agent for r in reads)
    off_topic = len(text) >= _LONG_TEXT and MEETING_RE.search(text) is None
    for r in reads:
        for vote in r.reading.votes:
            reason = _set_aside_reason(vote, r, staff, own_only, off_topic)
            if reason is None:
                out.votes.append(_with_doubt(vote, r, own_only))
            elif vote.verdict:
                out.set_aside.append(SetAside(vote.activities, vote.verdict, reason, vote.segment))
    return out


def _set_aside_reason(vote: Vote, r: _Read, staff: bool, own_only: bool, off_topic: bool) -> str | None:
    """Why a vote is no rule in force for the public, or None when it is one. `staff`: the text addresses staff or
    councillors; `own_only`: it speaks of the council's own recording and of no one else recording; `off_topic`:
    a page or document that never speaks of meetings."""
    if r.motion or r.debate and OPINION_RE.search(r.segment.quote):
        return MINUTES
    if staff:
        return AUDIENCE
    if own_only and (vote.strength == IMPLIED or vote.verdict in RESTRICTIONS and not r.reading.public):
        return COUNCIL_OWN
    if off_topic:
        return NOT_MEETINGS
    return None


def _with_doubt(vote: Vote, r: _Read, own_only: bool) -> Vote:
    """The vote with the doubt its place gives it (reported debate; a text mostly about the council's own feed)."""
    if vote.doubt or not vote.verdict:
        return vote
    if r.debate:
        return replace(vote, doubt=MINUTES)
    if not r.meetings:
        return replace(vote, doubt=NOT_MEETINGS)
    if own_only and vote.strength != EXPLICIT:
        return replace(vote, doubt=COUNCIL_OWN)
    return vote


def _read_window(text: str, window: Window, vocab: Vocabulary) -> list[_Read]:
    """Read the kept sentences of one window, each with the context of the sentences around it."""
    segs = window.segments
    lead_ins = [is_heading(text, s) and not is_list_item(s) for s in segs]
    headings = [lead and not s.quote.endswith(":") for lead, s in zip(lead_ins, segs, strict=True)]
    whole = text[segs[0].start:segs[-1].end].lower() if segs else ""
    meetings = MEETING_RE.search(whole) is not None
    motion = _motion_flags(segs, headings) if any(k in whole for k in _MOTION_KEYS) else None
    debate = _debate_flags(text, segs) if any(k in whole for k in _DEBATE_KEYS) else None
    above = _last_headings(headings)
    out: list[_Read] = []
    previous: tuple[Segment, Reading] | None = None
    for i in window.kept:
        seg = segs[i]
        antecedent = previous[1].activities if previous and _continues(text, previous[0], seg) else frozenset()
        continued = antecedent if previous and ";" in text[previous[0].end:seg.start] else frozenset()
        heading = above[i]
        topic = _topic(segs[heading].quote, vocab) if heading is not None else frozenset()
        reading = read_segment(seg, vocab, Context(antecedent, topic, None, continued))
        if _restricts(reading) and (scope := _scope(segs, headings, lead_ins, i, heading)) is not None:
            reading = read_segment(seg, vocab, Context(antecedent, topic, scope, continued))
        out.append(_Read(reading, seg, bool(motion and motion[i]), bool(debate and debate[i]), meetings))
        previous = (seg, reading)
    return out


def _restricts(reading: Reading) -> bool:
    """The sentence states a restriction (so whether its context limits it matters)."""
    return any(v.verdict in RESTRICTIONS for v in reading.votes)


def _last_headings(headings: list[bool]) -> list[int | None]:
    """For each sentence, the index of the nearest heading before it, or None."""
    out: list[int | None] = []
    last: int | None = None
    for i, is_head in enumerate(headings):
        out.append(last)
        if is_head:
            last = i
    return out


@lru_cache(maxsize=1024)
def _topic(heading: str, vocab: Vocabulary) -> frozenset[str]:
    terms = activities_by_position(heading, vocab)
    return frozenset().union(*(acts for _, acts, _ in terms)) if terms else frozenset()


def _scope(segs: list[Segment], headings: list[bool], lead_ins: list[bool], i: int, heading: int | None) -> str | None:
    """LIMITED when the text around sentence i limits it to part of the meeting, some people or some equipment;
    `SCOPE_UNCLEAR` under an exceptions heading that names no limit; None when nothing limits it."""
    if headings[i] and EXCEPTION_HEADING_RE.match(segs[i].quote):
        return LIMITED  # the heading "When recording is not allowed" itself: no ban
    if heading is not None:
        title = segs[heading].quote
        if EXCEPTION_HEADING_RE.match(title):
            return LIMITED if any(has_limiter(s.quote) for s in segs[heading:i + 1]) else SCOPE_UNCLEAR
        if _PART_OF_MEETING_RE.search(title) and has_limiter(title):
            return LIMITED
    if is_list_item(segs[i]):
        lead = i - 1
        while lead >= 0 and is_list_item(segs[lead]) and not lead_ins[lead]:
            lead -= 1
        if lead >= 0 and not headings[lead] and segs[lead].quote.rstrip().endswith(":") and _limits(segs, lead):
            return LIMITED
    if ANAPHORIC_SCOPE_RE.search(segs[i].quote) and i > 0 and has_limiter(segs[i - 1].quote):
        return LIMITED
    return None


def _limits(segs: list[Segment], lead: int) -> bool:
    """A lead-in limits its list when it names a limit, or points back to one ("During these times:")."""
    if has_limiter(segs[lead].quote):
        return True
    return bool(ANAPHORIC_SCOPE_RE.search(segs[lead].quote)) and lead > 0 and has_limiter(segs[lead - 1].quote)


def _motion_flags(segs: list[Segment], headings: list[bool]) -> list[bool]:
    """True for the sentences of a proposal not (yet) decided: from "I move that" to a resolution or heading, and
    back from "the motion was lost" to the heading before it."""
    flags = [False] * len(segs)
    open_motion, section = False, 0
    for i, seg in enumerate(segs):
        if headings[i]:
            open_motion, section = False, i
        lowered = seg.quote.lower()
        if not any(k in lowered for k in _MOTION_KEYS + _RESOLVED_KEYS):
            flags[i] = open_motion
            continue
        if MOTION_RE.search(seg.quote):
            open_motion = True
        if RESOLVED_RE.search(seg.quote):
            open_motion = False
        flags[i] = open_motion
        if REJECTED_RE.search(seg.quote):
            flags[section:i + 1] = [True] * (i + 1 - section)
    return flags


def _debate_flags(text: str, segs: list[Segment]) -> list[bool]:
    """True for the sentences of a paragraph that reports debate ("Councillor X stated that ..."); list items
    belong to the paragraph of their lead-in."""
    flags = [False] * len(segs)
    start = 0
    for i in range(1, len(segs) + 1):
        if i == len(segs) or (_PARAGRAPH_BREAK_RE.search(text, segs[i - 1].end, segs[i].start)
                              and not is_list_item(segs[i])):
            if any(_mentions(s.quote, _DEBATE_KEYS) and DEBATE_RE.search(s.quote) for s in segs[start:i]):
                flags[start:i] = [True] * (i - start)
            start = i
    return flags


def _mentions(quote: str, keys: tuple[str, ...]) -> bool:
    lowered = quote.lower()
    return any(k in lowered for k in keys)


def _addressed_to_staff(quotes: list[str]) -> bool:
    """The relevant sentences address staff or councillors (a social media policy for employees) and never the
    public at meetings."""
    joined = "\n".join(quotes)
    return PUBLIC_MEETING_RE.search(joined) is None and len(AUDIENCE_RE.findall(joined)) >= AUDIENCE_MIN


def _continues(text: str, previous: Segment, seg: Segment) -> bool:
    """True when `seg` directly follows `previous` in the same paragraph (so "do so" can point back)."""
    if seg.start - previous.end > _MAX_GAP:
        return False
    return _PARAGRAPH_BREAK_RE.search(text, previous.end, seg.start) is None
