"""Read one sentence: who acts, which activities it names, and what the rules say about them.

A sentence's reading depends only on its words, the text's vocabulary and the activities of the
sentence before it ("Anyone wishing to do so must ..."), so it is cached: agenda packs and
constitutions repeat the same filming notice many times.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from rules.condition_rules import CONDITION_RULES
from rules.patterns import LIMIT_REACH, MASKS, WIDENING_RE, Rule, keys_present
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
    ANAPHOR_RE,
    COUNCIL_OWN_RE,
    COUNCILLOR_SUBJECT_RE,
    DEFINITION_EXTRA,
    DEFINITION_RE,
    EXCEPTION_BEFORE_RE,
    GROUP_ACTIVITIES,
    LIST_GAP_RE,
    PUBLIC_RE,
    RECORD_DEFAULT,
    REGULATIONS_RE,
    TERM_RE,
)
from rules.verdict_rules import VERDICT_RULES

# Conditions that a sentence naming no activity still attaches to the activities the text allows
# ("This engagement is welcomed, provided that Council business is not disrupted").
GENERAL_CONDITIONS = frozenset({
    CHAIR_MAY_STOP, NOT_DISRUPTIVE, DESIGNATED_AREA, FIXED_POSITION, NO_FLASH_OR_LIGHTING,
    NO_POWER_CABLES, EXEMPT_ITEMS_EXCLUDED, RESPECT_OBJECTORS, NO_ORAL_COMMENTARY,
})
_RESTRICTIVE_EXCLUDED = frozenset({ALLOWED})
# Where a sentence turns: "Filming is permitted, but flash photography is not".
_CLAUSE_RE = re.compile(r"\b(?:but|however|whereas)\b", re.IGNORECASE)
# A turn word set off by commas on both sides: "Filming, however, may only take place ...".
_PARENTHETICAL_RE = re.compile(r"\s*,")
# A limiter reaches no further than its own clause: "No photography or filming is permitted at any
# time, and flash photography is strictly forbidden" keeps the general ban.
_LIMIT_CLAUSE_RE = re.compile(r"\b(?:but|however|whereas)\b|,\s*(?:and|or|while|whilst|although)\b", re.IGNORECASE)
# Rule groups in the order they apply, and whether every match blanks its span.
_GROUPS: tuple[tuple[tuple[Rule, ...], bool], ...] = ((MASKS, True), (CONDITION_RULES, False), (VERDICT_RULES, True))
_KEYS: frozenset[str] = frozenset().union(*(r.matcher.keys for rules, _ in _GROUPS for r in rules))
# Cached sentence readings (distinct sentence, vocabulary, antecedent).
_CACHE_SIZE = 8192


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


@dataclass(frozen=True)
class Reading:
    """Everything read from one sentence, and the activities it names (the next sentence's antecedent)."""

    votes: tuple[Vote, ...] = ()
    council_own: bool = False
    activities: frozenset[str] = frozenset()


# One reading without its segment: (activities, verdict, condition) per vote.
_Votes = tuple[tuple[frozenset[str], "str | None", "str | None"], ...]


def vocabulary(text: str, segs: list[Segment]) -> Vocabulary:
    """Find the text's definitions of "recording"/"report" and whether it cites the 2014 Regulations."""
    record: set[str] = set()
    report: set[str] = set()
    for seg in segs:
        for is_report, defined in _definitions(seg.quote):
            (report if is_report else record).update(defined)
    full = frozenset(GROUP_ACTIVITIES["av"] | GROUP_ACTIVITIES["camera"] | {SOCIAL_MEDIA})
    if not report and _cites_regulations(text):
        report = set(full)
    return Vocabulary(
        record=frozenset(record | RECORD_DEFAULT) if record else RECORD_DEFAULT,
        report=frozenset(report) if report else None,
    )


def _cites_regulations(text: str) -> bool:
    """REGULATIONS_RE anywhere in the text; plain substring tests first (an IGNORECASE scan of a whole
    constitution costs as much as locating its clauses)."""
    return ("regulations" in text.lower() or "2014/2095" in text) and REGULATIONS_RE.search(text) is not None


@lru_cache(maxsize=_CACHE_SIZE)
def _definitions(quote: str) -> tuple[tuple[bool, frozenset[str]], ...]:
    """(defines "report"?, activities) for each definition of a generic term in the sentence."""
    return tuple(
        ((m.group("q") or m.group("t")).lower().startswith("report"), frozenset(_explicit_activities(quote[m.end():])))
        for m in DEFINITION_RE.finditer(quote)
    )


def _explicit_activities(definition: str) -> set[str]:
    found: set[str] = set()
    for m in TERM_RE.finditer(definition):
        found |= GROUP_ACTIVITIES.get(m.lastgroup or "", frozenset())
    for pattern, activity in DEFINITION_EXTRA:
        if pattern.search(definition):
            found.add(activity)
    return found


def activities_by_position(
    quote: str, vocab: Vocabulary, antecedent: frozenset[str] = frozenset()
) -> list[tuple[int, frozenset[str]]]:
    """(offset, activities) for every activity term in the sentence, generic ones resolved.

    "do so", "this activity", "such recording" name the sentence's own activities, else those of the
    sentence before (`antecedent`): "Filming is permitted. Anyone wishing to do so must notify ...".
    """
    anaphors = [m.span() for m in ANAPHOR_RE.finditer(quote)]
    matches = [m for m in TERM_RE.finditer(quote) if not any(a <= m.start() < b for a, b in anaphors)]
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
    if anaphors:
        referent = frozenset().union(*(acts for _, acts in out)) or antecedent
        if referent:
            out = sorted(out + [(a, referent) for a, _ in anaphors], key=lambda t: t[0])
    return out


def _listed(quote: str, matches: list[re.Match[str]], i: int) -> bool:
    """True when term i sits in a list with another activity term: "filmed, recorded or reported on"."""
    before = i > 0 and _gap_ok(quote[matches[i - 1].end():matches[i].start()])
    after = i + 1 < len(matches) and _gap_ok(quote[matches[i].end():matches[i + 1].start()])
    return bool(before or after)


def _gap_ok(gap: str) -> bool:
    return len(gap) <= 20 and LIST_GAP_RE.match(gap) is not None


def read_segment(
    seg: Segment, vocab: Vocabulary, antecedent: frozenset[str] = frozenset(), topic: frozenset[str] = frozenset()
) -> Reading:
    """Apply masks, conditions and verdict rules to one sentence and turn them into votes.

    `topic`: the activities of the heading (or FAQ question) this sentence sits under; a sentence naming
    no activity is read as about them ("Filming and recording\n- Contact us two days before the meeting").
    """
    votes, council_own, activities = _read_quote(seg.quote, vocab, antecedent, topic)
    return Reading(tuple(Vote(a, v, c, seg) for a, v, c in votes), council_own, activities)


@lru_cache(maxsize=_CACHE_SIZE)
def _read_quote(
    quote: str, vocab: Vocabulary, antecedent: frozenset[str], topic: frozenset[str] = frozenset()
) -> tuple[_Votes, bool, frozenset[str]]:
    """The votes of one sentence, whether it is about the council's own broadcast, and its activities."""
    if not PUBLIC_RE.search(quote) and (_council_own(quote) or COUNCILLOR_SUBJECT_RE.search(quote)):
        return (), _council_own(quote), frozenset()
    terms = activities_by_position(quote, vocab, antecedent)
    if not terms and topic:
        terms = [(0, topic)]
    named = frozenset().union(*(acts for _, acts in terms)) if terms else frozenset()
    if quote.rstrip().endswith("?"):  # "Do I need permission to tweet?" asks; the answer rules
        return (), False, named
    hits = _rule_hits(quote)
    limiters = _limiters(quote, hits)
    clauses = _clauses(quote, hits)
    hits = _drop_lifted_bans(hits, clauses)
    votes: list[tuple[frozenset[str], str | None, str | None]] = []
    for rule, start, end in hits:
        verdict, condition = rule.verdict, rule.condition
        acts = _clause_activities(terms, clauses, start, borrow=verdict in (None, ALLOWED) or len(clauses) == 1)
        if verdict and verdict not in _RESTRICTIVE_EXCLUDED and _near(limiters, start, end):
            verdict = condition = None  # "may not be filmed" while the public are excluded: a condition
        if rule.implies_allowed and not verdict and acts:
            verdict = ALLOWED
        if acts:
            votes.append((acts, verdict, condition))
        elif condition in GENERAL_CONDITIONS:
            votes.append((frozenset(), None, condition))
    return tuple(votes), False, named


def _council_own(quote: str) -> bool:
    """The sentence speaks of the council's own broadcast, and not as an exception to a rule for others."""
    m = COUNCIL_OWN_RE.search(quote)
    return m is not None and EXCEPTION_BEFORE_RE.search(quote, max(0, m.start() - 40), m.start()) is None


def _rule_hits(quote: str) -> list[tuple[Rule, int, int]]:
    """Every rule match in order; masks and verdicts (and blanking conditions) blank what they match."""
    present = keys_present(quote.lower(), _KEYS)
    work = quote
    hits: list[tuple[Rule, int, int]] = []
    for rules, blank_all in _GROUPS:
        for rule in rules:
            spans = rule.matcher.spans(work, present)
            if spans:
                hits.extend((rule, start, end) for start, end in spans)
                if blank_all or rule.blank:
                    work = _blank(work, spans)
    return hits


def _limiters(quote: str, hits: list[tuple[Rule, int, int]]) -> list[tuple[int, int, tuple[int, int]]]:
    """(start, end, clause) of each limiter match, except those that widen a ban ("including closed session")."""
    clauses = _limit_clauses(quote)
    return [(s, e, _clause_of(clauses, s)) for r, s, e in hits
            if r.limits and not WIDENING_RE.search(quote, max(0, s - 60), s)]


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


def _near(limiters: list[tuple[int, int, tuple[int, int]]], start: int, end: int) -> bool:
    """True when a limiter in the restriction's own clause is within `LIMIT_REACH` of it."""
    return any(a <= start < b and s - LIMIT_REACH <= end and start <= e + LIMIT_REACH for s, e, (a, b) in limiters)


def _limit_clauses(quote: str) -> list[tuple[int, int]]:
    cuts = [0] + [m.start() for m in _LIMIT_CLAUSE_RE.finditer(quote)] + [len(quote)]
    return list(pairwise(cuts))


def _clauses(quote: str, hits: list[tuple[Rule, int, int]]) -> list[tuple[int, int]]:
    """The sentence's clauses, cut where it turns ("but", "however", "whereas").

    A parenthetical ", however," after a bare subject is no turn: in "Filming and photography, however, may
    only take place with the agreement of the Chairman" the subject belongs to the rule after it.
    """
    cuts = [0]
    for m in _CLAUSE_RE.finditer(quote):
        if _PARENTHETICAL_RE.match(quote, m.end()) and quote[:m.start()].rstrip().endswith(",") and not any(
            r.verdict and cuts[-1] <= s < m.start() for r, s, _ in hits
        ):
            continue
        cuts.append(m.start())
    return list(pairwise([*cuts, len(quote)]))


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
