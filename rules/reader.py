"""Read one sentence: who acts, which activities it names, and what the rules say about them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rules.patterns import CONDITIONS, LIMIT_REACH, MASKS, VERDICTS, Rule
from rules.segment import Segment
from rules.taxonomy import (
    ALLOWED,
    CHAIR_MAY_STOP,
    DESIGNATED_AREA,
    EXEMPT_ITEMS_EXCLUDED,
    FIXED_POSITION,
    NO_FLASH_OR_LIGHTING,
    NO_ORAL_COMMENTARY,
    NO_POWER_CABLES,
    NOT_DISRUPTIVE,
    NOTICE,
    PERMISSION,
    PROHIBITED,
    RESPECT_OBJECTORS,
    SOCIAL_MEDIA,
)
from rules.terms import (
    COUNCIL_OWN_RE,
    COUNCILLOR_SUBJECT_RE,
    DEFINITION_EXTRA,
    DEFINITION_RE,
    GROUP_ACTIVITIES,
    LIST_GAP_RE,
    PUBLIC_RE,
    RECORD_DEFAULT,
    REGULATIONS_RE,
    TERM_RE,
)

# Conditions that a sentence naming no activity still attaches to the activities the text allows
# ("This engagement is welcomed, provided that Council business is not disrupted").
GENERAL_CONDITIONS = frozenset({
    CHAIR_MAY_STOP, NOT_DISRUPTIVE, DESIGNATED_AREA, FIXED_POSITION, NO_FLASH_OR_LIGHTING,
    NO_POWER_CABLES, EXEMPT_ITEMS_EXCLUDED, RESPECT_OBJECTORS, NO_ORAL_COMMENTARY,
})
_RESTRICTIVE_EXCLUDED = frozenset({ALLOWED})
# Where a sentence turns: "Filming is permitted, but flash photography is not".
_CLAUSE_RE = re.compile(r"\b(?:but|however|whereas)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Vocabulary:
    """What the generic words mean in this text (its definitions, or the 2014 Regulations')."""

    record: frozenset[str] = RECORD_DEFAULT
    report: frozenset[str] | None = None  # None: "report" counts only when listed with other activities


@dataclass(frozen=True)
class Vote:
    """One reading of one sentence: a verdict and/or condition for some activities (none = general)."""

    activities: frozenset[str]
    verdict: str | None
    condition: str | None
    segment: Segment


@dataclass
class Reading:
    """Everything read from one sentence."""

    votes: list[Vote] = field(default_factory=list)
    council_own: bool = False


def vocabulary(text: str, segs: list[Segment]) -> Vocabulary:
    """Find the text's definitions of "recording"/"report" and whether it cites the 2014 Regulations."""
    record: set[str] = set()
    report: set[str] = set()
    for seg in segs:
        for m in DEFINITION_RE.finditer(seg.quote):
            term = (m.group("q") or m.group("t")).lower()
            defined = _explicit_activities(seg.quote[m.end():])
            (report if term.startswith("report") else record).update(defined)
    full = frozenset(GROUP_ACTIVITIES["av"] | GROUP_ACTIVITIES["camera"] | {SOCIAL_MEDIA})
    if not report and REGULATIONS_RE.search(text):
        report = set(full)
    return Vocabulary(
        record=frozenset(record | RECORD_DEFAULT) if record else RECORD_DEFAULT,
        report=frozenset(report) if report else None,
    )


def _explicit_activities(definition: str) -> set[str]:
    found: set[str] = set()
    for m in TERM_RE.finditer(definition):
        found |= GROUP_ACTIVITIES.get(m.lastgroup or "", frozenset())
    for pattern, activity in DEFINITION_EXTRA:
        if pattern.search(definition):
            found.add(activity)
    return found


def activities_by_position(quote: str, vocab: Vocabulary) -> list[tuple[int, frozenset[str]]]:
    """(offset, activities) for every activity term in the sentence, generic ones resolved."""
    matches = list(TERM_RE.finditer(quote))
    out: list[tuple[int, frozenset[str]]] = []
    for i, m in enumerate(matches):
        group = m.lastgroup or ""
        if group == "record":
            acts = vocab.record
        elif group == "report":
            acts = vocab.report or (frozenset({SOCIAL_MEDIA}) if _listed(quote, matches, i) else frozenset())
        else:
            acts = GROUP_ACTIVITIES[group]
        if acts:
            out.append((m.start(), acts))
    return out


def _listed(quote: str, matches: list[re.Match[str]], i: int) -> bool:
    """True when term i sits in a list with another activity term: "filmed, recorded or reported on"."""
    before = i > 0 and _gap_ok(quote[matches[i - 1].end():matches[i].start()])
    after = i + 1 < len(matches) and _gap_ok(quote[matches[i].end():matches[i + 1].start()])
    return bool(before or after)


def _gap_ok(gap: str) -> bool:
    return len(gap) <= 20 and LIST_GAP_RE.match(gap) is not None


def read_segment(seg: Segment, vocab: Vocabulary) -> Reading:
    """Apply masks, conditions and verdict rules to one sentence and turn them into votes."""
    quote = seg.quote
    if not PUBLIC_RE.search(quote) and (COUNCIL_OWN_RE.search(quote) or COUNCILLOR_SUBJECT_RE.search(quote)):
        return Reading(council_own=COUNCIL_OWN_RE.search(quote) is not None)
    terms = activities_by_position(quote, vocab)
    clauses = _clauses(quote)
    work, lowered = quote, quote.lower()
    hits: list[tuple[Rule, int, int]] = []
    for rules in (MASKS, CONDITIONS, VERDICTS):
        for rule in rules:
            spans = rule.matcher.spans(work, lowered)
            hits.extend((rule, start, end) for start, end in spans)
            if spans and (rule.blank or rules is not CONDITIONS):
                work = _blank(work, spans)
    limiters = [(r, s, e) for r, s, e in hits if r.limits]
    hits = _drop_lifted_bans(hits, clauses)
    reading = Reading()
    for rule, start, end in hits:
        verdict, condition = rule.verdict, rule.condition
        acts = _clause_activities(terms, clauses, start, borrow=verdict in (None, ALLOWED) or len(clauses) == 1)
        if verdict and verdict not in _RESTRICTIVE_EXCLUDED and _near(limiters, start, end):
            verdict = condition = None  # "may not be filmed" while the public are excluded: a condition
        if rule.implies_allowed and not verdict and acts:
            verdict = ALLOWED
        if acts:
            reading.votes.append(Vote(acts, verdict, condition, seg))
        elif condition in GENERAL_CONDITIONS:
            reading.votes.append(Vote(frozenset(), None, condition, seg))
    return reading


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """Replace the spans with spaces, keeping every offset."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _drop_lifted_bans(hits: list[tuple[Rule, int, int]], clauses: list[tuple[int, int]]) -> list[tuple[Rule, int, int]]:
    """A ban whose own clause names a route ("No person shall film ... without first notifying") is no ban."""
    routes = {_clause_of(clauses, s) for r, s, _ in hits if r.verdict in (NOTICE, PERMISSION)}
    return [h for h in hits if not (h[0].verdict == PROHIBITED and _clause_of(clauses, h[1]) in routes)]


def _clause_of(clauses: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    return next(((a, b) for a, b in clauses if a <= pos < b), (0, 0))


def _near(limiters: list[tuple[Rule, int, int]], start: int, end: int) -> bool:
    return any(s - LIMIT_REACH <= end and start <= e + LIMIT_REACH for _, s, e in limiters)


def _clauses(quote: str) -> list[tuple[int, int]]:
    cuts = [0] + [m.start() for m in _CLAUSE_RE.finditer(quote)] + [len(quote)]
    return list(zip(cuts, cuts[1:]))


def _clause_activities(
    terms: list[tuple[int, frozenset[str]]], clauses: list[tuple[int, int]], pos: int, borrow: bool
) -> frozenset[str]:
    """Activities named in the clause holding `pos`, else (if `borrow`) in the whole sentence.

    A restriction never borrows across a turn: "Anyone may take photographs, but tripods are not permitted".
    """
    lo, hi = _clause_of(clauses, pos)
    local = [acts for p, acts in terms if lo <= p < hi]
    chosen = local or ([acts for _, acts in terms] if borrow else [])
    return frozenset().union(*chosen) if chosen else frozenset()
