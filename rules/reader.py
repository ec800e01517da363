"""Read one sentence: who acts, which activities it names, and what the rules say about them.

A sentence's reading depends only on its words, the text's vocabulary and its `Context` (the activities of
the sentence before, the heading above, whether a heading or lead-in limits it to part of the meeting), so
it is cached: agenda packs and constitutions repeat the same filming notice many times.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from rules.condition_rules import CONDITION_RULES
from rules.context import OTHER_OBJECT_RE, PUBLIC_AGENT_RE
from rules.doubts import GENERIC, HEADING, SCOPE_UNCLEAR
from rules.patterns import EXPLICIT, IMPLIED, LIMIT_REACH, MASKS, PLAIN, WIDENING_RE, Rule, keys_present
from rules.segment import Segment
from rules.taxonomy import (
    ALLOWED,
    AUDIO_RECORDING,
    CHAIR_MAY_STOP,
    DESIGNATED_AREA,
    EXEMPT_ITEMS_EXCLUDED,
    FIXED_POSITION,
    NO_FLASH_OR_LIGHTING,
    NO_ORAL_COMMENTARY,
    NO_POWER_CABLES,
    NOT_DISRUPTIVE,
    NOTICE,
    NOTICE_REQUESTED,
    PERMISSION,
    PROHIBITED,
    RESPECT_OBJECTORS,
)
from rules.terms import (
    ANAPHOR_RE,
    CONSUMING_RE,
    COUNCIL_OWN_RE,
    COUNCILLOR_SUBJECT_RE,
    EXCEPTION_BEFORE_RE,
    GROUP_ACTIVITIES,
    LIST_GAP_RE,
    PUBLIC_RE,
    TERM_RE,
)
from rules.verdict_rules import VERDICT_RULES
from rules.vocabulary import Vocabulary

# Conditions that a sentence naming no activity still attaches to the activities the text allows
# ("This engagement is welcomed, provided that Council business is not disrupted").
GENERAL_CONDITIONS = frozenset({
    CHAIR_MAY_STOP, NOT_DISRUPTIVE, DESIGNATED_AREA, FIXED_POSITION, NO_FLASH_OR_LIGHTING,
    NO_POWER_CABLES, EXEMPT_ITEMS_EXCLUDED, RESPECT_OBJECTORS, NO_ORAL_COMMENTARY,
})
RESTRICTIONS = frozenset({NOTICE, PERMISSION, PROHIBITED})
# How an activity was reached: named, through a generic word ("recording"), or only by the heading above.
SPECIFIC = "specific"
# What "recording" names on its own, without a definition: sound; anything more it only carries.
_NAMED_BY_RECORD = frozenset({AUDIO_RECORDING})
# "to report" after another activity term: the purpose of that activity, not one of its own.
_PURPOSE_RE = re.compile(r"\b(?:in\s+order\s+)?to\s+$", re.IGNORECASE)
# How far back a verb of watching or listening reaches to the recording it takes as object.
_CONSUMING_REACH = 40
# Where a sentence turns: "Filming is permitted, but flash photography is not".
_CLAUSE_RE = re.compile(r"\b(?:but|however|whereas|although|though)\b", re.IGNORECASE)
# A turn word set off by commas on both sides: "Filming, however, may only take place ...".
_PARENTHETICAL_RE = re.compile(r"\s*,")
# A limiter reaches no further than its own clause: "No photography or filming is permitted at any
# time, and flash photography is strictly forbidden" keeps the general ban.
_LIMIT_CLAUSE_RE = re.compile(r"\b(?:but|however|whereas)\b|,\s*(?:and|or|while|whilst|although)\b", re.IGNORECASE)
# What an explicit allowance denies: "No prior notification is needed" denies notice, "does not need to seek
# consent" denies permission; "does not prohibit", "the right to film" deny any ban or route to consent.
_DENIES_NOTICE_RE = re.compile(r"notice|notif|inform|tell|advance|contact", re.IGNORECASE)
_DENIES_CONSENT_RE = re.compile(r"consent|permission|approv|agree|authori|leave|sanction|ask", re.IGNORECASE)
# Rule groups in the order they apply, and whether every match blanks its span.
_GROUPS: tuple[tuple[tuple[Rule, ...], bool], ...] = ((MASKS, True), (CONDITION_RULES, False), (VERDICT_RULES, True))
_KEYS: frozenset[str] = frozenset().union(*(r.matcher.keys for rules, _ in _GROUPS for r in rules))
_LIMITERS: tuple[Rule, ...] = tuple(r for r in CONDITION_RULES if r.limits)
_LIMITER_KEYS: frozenset[str] = frozenset().union(*(r.matcher.keys for r in _LIMITERS))
# Cached sentence readings (distinct sentence, vocabulary, context).
_CACHE_SIZE = 8192


@dataclass(frozen=True)
class Context:
    """What the text around a sentence tells about it (hashable: part of the reading's cache key).

    `antecedent`: the activities of the sentence before ("Anyone wishing to do so ..."); `continued`: those of the
    clause this one continues after a semicolon ("may film it; no permission is needed"); `topic`: those of the
    heading or FAQ question above; `scope`: set when a heading, lead-in or the sentence before limits the
    sentence to part of the meeting, some people or some equipment (`SCOPE_UNCLEAR` when it names no limit).
    """

    antecedent: frozenset[str] = frozenset()
    topic: frozenset[str] = frozenset()
    scope: str | None = None
    continued: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Vote:
    """One reading of one sentence: a verdict and/or condition for some activities (none = general).

    `weak`: (activity, doubt) for activities reached only through a generic word or a heading; `strength`: how
    firmly an allowance is stated; `denies`: the restrictions an explicit allowance rules out; `doubt`: why this
    reading is uncertain; `scoped`: a restriction read as a condition because of its scope.
    """

    activities: frozenset[str]
    verdict: str | None
    condition: str | None
    segment: Segment
    weak: frozenset[tuple[str, str]] = frozenset()
    strength: str = PLAIN
    denies: frozenset[str] = frozenset()
    doubt: str | None = None
    scoped: bool = False


@dataclass(frozen=True)
class Reading:
    """Everything read from one sentence, and the activities it names (the next sentence's antecedent)."""

    votes: tuple[Vote, ...] = ()
    council_own: bool = False
    activities: frozenset[str] = frozenset()
    public_agent: bool = False
    public: bool = False


@dataclass(frozen=True)
class _Draft:
    """A vote before it is tied to its segment (so sentence readings can be cached by their words)."""

    activities: frozenset[str]
    verdict: str | None
    condition: str | None
    weak: frozenset[tuple[str, str]] = frozenset()
    strength: str = PLAIN
    denies: frozenset[str] = frozenset()
    doubt: str | None = None
    scoped: bool = False


# (start, end, clause, condition) of a limit in a sentence.
_Limiter = tuple[int, int, tuple[int, int], "str | None"]
# (offset, activities, basis) of one activity term in a sentence.
Term = tuple[int, frozenset[str], str]


def activities_by_position(quote: str, vocab: Vocabulary, antecedent: frozenset[str] = frozenset()) -> list[Term]:
    """(offset, activities, basis) for every activity term in the sentence, generic ones resolved.

    "do so", "this activity", "such recording" name the sentence's own activities, else those of the
    sentence before (`antecedent`): "Filming is permitted. Anyone wishing to do so must notify ...".
    """
    anaphors = [m.span() for m in ANAPHOR_RE.finditer(quote)]
    matches = [m for m in TERM_RE.finditer(quote) if not any(a <= m.start() < b for a, b in anaphors)
               and not CONSUMING_RE.search(quote, max(0, m.start() - _CONSUMING_REACH), m.start())]
    out: list[Term] = []
    for i, m in enumerate(matches):
        out.extend((m.start(), acts, basis) for acts, basis in _term_activities(quote, matches, i, vocab) if acts)
    if anaphors:
        referent = frozenset().union(*(acts for _, acts, _ in out)) or antecedent
        if referent:
            out = sorted(out + [(a, referent, SPECIFIC) for a, _ in anaphors], key=lambda t: t[0])
    return out


def _term_activities(
    quote: str, matches: list[re.Match[str]], i: int, vocab: Vocabulary
) -> list[tuple[frozenset[str], str]]:
    """The activities one term names, each with whether the term names it or only carries it as a generic word.

    "Recording" names audio recording, and carries filming unless the text defines it or lists it beside other
    activities ("film or record"); "report" carries what the text's definition or the Regulations give it.
    """
    group = matches[i].lastgroup or ""
    if group == "record":
        if vocab.record_defined or _listed(quote, matches, i):
            return [(vocab.record, SPECIFIC)]
        return [(vocab.record & _NAMED_BY_RECORD, SPECIFIC), (vocab.record - _NAMED_BY_RECORD, GENERIC)]
    if group == "report":
        if _purpose(quote, matches, i):
            return []
        if vocab.report:
            return [(vocab.report, SPECIFIC if vocab.report_defined else GENERIC)]
        # listed with other activities it is their live-reporting sibling; alone ("may report on the meeting") it
        # still carries live reporting, the core of what the Regulations call reporting, but only as a generic word
        return [(GROUP_ACTIVITIES["social"], SPECIFIC if _listed(quote, matches, i) else GENERIC)]
    return [(GROUP_ACTIVITIES[group], SPECIFIC)]


def _purpose(quote: str, matches: list[re.Match[str]], i: int) -> bool:
    """True when "report" only says what another activity is for: "use Twitter and blogs to report on meetings"."""
    return i > 0 and _PURPOSE_RE.search(quote, 0, matches[i].start()) is not None


def _listed(quote: str, matches: list[re.Match[str]], i: int) -> bool:
    """True when term i sits in a list with another activity term: "filmed, recorded or reported on"."""
    before = i > 0 and _gap_ok(quote[matches[i - 1].end():matches[i].start()])
    after = i + 1 < len(matches) and _gap_ok(quote[matches[i].end():matches[i + 1].start()])
    return bool(before or after)


def _gap_ok(gap: str) -> bool:
    return len(gap) <= 20 and LIST_GAP_RE.match(gap) is not None


def read_segment(seg: Segment, vocab: Vocabulary, context: Context = Context()) -> Reading:
    """Apply masks, conditions and verdict rules to one sentence and turn them into votes."""
    drafts, council_own, activities, public_agent, public = _read_quote(seg.quote, vocab, context)
    votes = tuple(Vote(d.activities, d.verdict, d.condition, seg, d.weak, d.strength, d.denies, d.doubt, d.scoped)
                  for d in drafts)
    return Reading(votes, council_own, activities, public_agent, public)


@lru_cache(maxsize=_CACHE_SIZE)
def _read_quote(
    quote: str, vocab: Vocabulary, context: Context
) -> tuple[tuple[_Draft, ...], bool, frozenset[str], bool, bool]:
    """The votes of one sentence, whether it is about the council's own broadcast, its activities (the next
    sentence's antecedent), whether someone from the public does an activity in it, and whether it speaks of the
    public at all."""
    public = PUBLIC_RE.search(quote) is not None
    if not public and (_council_own(quote) or COUNCILLOR_SUBJECT_RE.search(quote)):
        return (), _council_own(quote), frozenset(), False, False
    terms = activities_by_position(quote, vocab, context.antecedent)
    if not terms and context.continued:
        terms = [(0, context.continued, SPECIFIC)]
    elif not terms and context.topic and _reads_under_topic(quote, context.antecedent):
        terms = [(0, context.topic, HEADING)]
    named = frozenset().union(*(acts for _, acts, _ in terms)) if terms else frozenset()
    agent = public and PUBLIC_AGENT_RE.search(quote) is not None
    if quote.rstrip().endswith("?"):  # "Do I need permission to tweet?" asks; the answer rules
        return (), False, named, agent, public
    hits = _rule_hits(quote)
    limiters = _limiters(quote, hits)
    clauses = _clauses(quote, hits)
    hits = _drop_lifted_bans(hits, clauses)
    placed = [(d, _clause_of(clauses, start)) for rule, start, end in hits
              if (d := _draft(quote, rule, start, end, terms, clauses, limiters, context)) is not None]
    return _drop_allowances_under_bans(placed), False, named, agent, public


def _drop_allowances_under_bans(placed: list[tuple[_Draft, tuple[int, int]]]) -> tuple[_Draft, ...]:
    """A plain allowance in the same clause as a restriction of the same activities is a word of that restriction
    the rules did not reach ("No photography or filming shall at any time be permitted"): drop it."""
    restricted = {(clause, a) for d, clause in placed if d.verdict in RESTRICTIONS for a in d.activities}
    return tuple(d for d, clause in placed
                 if not (d.verdict == ALLOWED and d.strength == PLAIN and d.condition is None
                         and all((clause, a) in restricted for a in d.activities)))


def _reads_under_topic(quote: str, antecedent: frozenset[str]) -> bool:
    """A sentence naming no activity is read under its heading unless it is about something else ("speak",
    "attend") or points back to something that is no activity ("use large equipment ... Anyone wishing to do this")."""
    return OTHER_OBJECT_RE.search(quote) is None and not (ANAPHOR_RE.search(quote) and not antecedent)


def _draft(
    quote: str, rule: Rule, start: int, end: int, terms: list[Term], clauses: list[tuple[int, int]],
    limiters: list[_Limiter], context: Context,
) -> _Draft | None:
    """One rule match as a vote, or None when it says nothing about any activity."""
    verdict, condition, scoped, doubt = rule.verdict, rule.condition, False, rule.doubt
    # a condition, or a courtesy request ("however we ask that you let the clerk know"), reaches the activities the
    # sentence names in another clause; a verdict does not
    borrow = verdict is None or (verdict == ALLOWED and condition is not None) or len(clauses) == 1
    acts, weak = _clause_activities(terms, clauses, start, borrow)
    near = _near(limiters, start, end)
    if verdict in RESTRICTIONS and (near or context.scope) or condition == NOTICE_REQUESTED and RESPECT_OBJECTORS in near:
        # "may not be filmed" while the public are excluded: a condition, never a verdict; "Anyone who does not wish
        # to be filmed should tell the clerk": a request to those filmed, not to those filming
        verdict, condition, scoped = None, None, True
        doubt = SCOPE_UNCLEAR if context.scope == SCOPE_UNCLEAR and not near else None
    strength = rule.strength
    if rule.implies_allowed and not verdict and not scoped and acts:
        verdict, strength = ALLOWED, IMPLIED
    if acts:
        lo, hi = _clause_of(clauses, start)
        denies = _denies(quote[lo:hi]) if verdict == ALLOWED and strength == EXPLICIT else frozenset()
        return _Draft(acts, verdict, condition, weak, strength, denies, doubt, scoped)
    if condition in GENERAL_CONDITIONS:
        return _Draft(frozenset(), None, condition)
    return None


def _denies(wording: str) -> frozenset[str]:
    """The restrictions an explicit allowance rules out, from its own words."""
    notice, consent = _DENIES_NOTICE_RE.search(wording), _DENIES_CONSENT_RE.search(wording)
    if notice or consent:
        return frozenset(({NOTICE} if notice else set()) | ({PERMISSION} if consent else set()))
    return frozenset({PROHIBITED, PERMISSION})


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


@lru_cache(maxsize=_CACHE_SIZE)
def has_limiter(quote: str) -> bool:
    """True when the sentence limits something to part of the meeting, some people or some equipment."""
    present = keys_present(quote.lower(), _LIMITER_KEYS)
    return any(rule.matcher.spans(quote, present) for rule in _LIMITERS)


def _limiters(quote: str, hits: list[tuple[Rule, int, int]]) -> list[_Limiter]:
    """(start, end, clause, condition) of each limiter match, except those that widen a ban ("including closed
    session")."""
    clauses = _limit_clauses(quote)
    return [(s, e, _clause_of(clauses, s), r.condition) for r, s, e in hits
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


def _near(limiters: list[_Limiter], start: int, end: int) -> frozenset[str | None]:
    """The limits (their conditions) in the restriction's own clause within `LIMIT_REACH` of it; empty if none."""
    return frozenset(c for s, e, (a, b), c in limiters
                     if a <= start < b and s - LIMIT_REACH <= end and start <= e + LIMIT_REACH)


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
    terms: list[Term], clauses: list[tuple[int, int]], pos: int, borrow: bool
) -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
    """Activities named in the clause holding `pos`, else (if `borrow`) in the whole sentence, and those of them
    reached only through a generic word or a heading (with that doubt).

    Neither a restriction nor an allowance borrows across a turn: "Anyone may take photographs, but tripods are not
    permitted"; "Members of the public are permitted to attend, but not to film".
    """
    lo, hi = _clause_of(clauses, pos)
    chosen = [(acts, basis) for p, acts, basis in terms if lo <= p < hi]
    if not chosen and borrow:
        chosen = [(acts, basis) for _, acts, basis in terms]
    if not chosen:
        return frozenset(), frozenset()
    bases: dict[str, set[str]] = {}
    for acts, basis in chosen:
        for activity in acts:
            bases.setdefault(activity, set()).add(basis)
    weak = frozenset((a, GENERIC if GENERIC in b else HEADING) for a, b in bases.items() if SPECIFIC not in b)
    return frozenset(bases), weak
