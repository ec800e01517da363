"""Rules as data: the `Rule`/`Matcher` machinery, shared wording fragments and the masks.

The classifier applies, in order: `MASKS` (wording that looks like a rule but is not one), then
`rules.condition_rules` (some of which are *limiters*: a restriction near them scopes a condition, not
a ban), then `rules.verdict_rules` in priority order; every match blanks its span so a later, looser
rule cannot re-read the same words ("not permitted without consent" is read once, as permission).
Each rule quotes the kind of real council wording behind it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rules.taxonomy import ACCREDITED_PRESS_ONLY, OBJECTION_OVERRIDDEN, PROHIBITED

# How firmly an allowance is stated: a requirement denied or a right named ("No permission is required";
# "the right to film") outranks a plain permission ("Filming is permitted"), which outranks one only implied
# by rules on how to do it ("Anyone filming must stay in the designated area").
EXPLICIT = "explicit"
PLAIN = "plain"
IMPLIED = "implied"


@dataclass(frozen=True)
class Rule:
    """One wording pattern: the verdict or condition it signals, and the wording that motivated it.

    `matcher`: the wording; `limits`: a restriction within reach of this match restricts only a part of the meeting,
    some people or a kind of use (a condition), not the activity. `implies_allowed`: the wording presupposes that
    the public do the activity ("anyone filming must stay in the designated area"). `strength`: how firmly an
    allowance is stated. `doubt`: a reason for low confidence whenever this wording decides a verdict.
    """

    matcher: Matcher
    example: str
    verdict: str | None = None
    condition: str | None = None
    limits: bool = False
    implies_allowed: bool = False
    blank: bool = False
    strength: str = PLAIN
    doubt: str | None = None


@dataclass(frozen=True)
class Matcher:
    """A compiled pattern behind a cheap prefilter: it runs only if one of `keys` is in the text."""

    keys: frozenset[str]
    regex: re.Pattern[str]

    def spans(self, text: str, present: frozenset[str]) -> list[tuple[int, int]]:
        """(start, end) of every match in `text`; `present`: the keys found in the original sentence."""
        if self.keys.isdisjoint(present):
            return []
        return [m.span() for m in self.regex.finditer(text)]


def matcher(keys: tuple[str, ...], pattern: str) -> Matcher:
    """A case-insensitive `Matcher` for `pattern`, prefiltered by `keys` (lower-case substrings)."""
    return Matcher(frozenset(keys), re.compile(pattern, re.IGNORECASE))


def keys_present(lowered: str, keys: frozenset[str]) -> frozenset[str]:
    """The prefilter keys that occur in a lower-cased sentence (one pass, shared by every rule)."""
    return frozenset(k for k in keys if k in lowered)


# Fragments shared by the condition and verdict rules.
CONSENT = r"(?:consent|permission|approval|agreement|authori[sz]ation|leave|sanction)"
ROUTE_ADJ = r"(?:(?:the|their|his|her|its|prior|explicit|express|written|specific|advance|formal)\s+)*"
# Scottish councils' Convener/Provost preside as an English Chair or Mayor does.
CHAIR = (
    r"(?:chair\w*|mayor|president|speaker|presiding\s+(?:member|officer)|person\s+presiding|clerk"
    r"|conven[eo]r|provost)"
)
ACT = (
    r"(?:film|record|photo|video|audio|tweet|blog|broadcast|transmit|report|use\s+(?:a\s+|any\s+)?camera"
    r"|take\s+(?:photo|picture))"
)

# Wording that mentions consent or a ban but is neither ("you are consenting to being filmed").
MASKS: tuple[Rule, ...] = (
    # "Only accredited members of the press may film": a grant to them is a restriction on everyone else.
    Rule(matcher(
        ('only',),
        r"\bonly\s+(?:\w+\s+){0,5}?(?:press|media|journalists|reporters|broadcasters|officers|staff|council|clerk"
            r"|councillors)\b[^.;]{0,40}?\b(?:may|can|are\s+(?:allowed|permitted|able)\s+to|is\s+(?:allowed|permitted)\s+to)"),
         "Only accredited members of the press may film or record proceedings", verdict=PROHIBITED,
         condition=ACCREDITED_PRESS_ONLY),
    Rule(matcher(
        ('consent',),
        r"consent\w*\s+to\s+(?:being|be|the\s+possibility)[^.;]*"),
         "By entering the meeting room ... you are consenting to being filmed", condition=OBJECTION_OVERRIDDEN),
    Rule(matcher(
        ('guarantee',),
        r"cannot\s+guarantee[^.;]*|not\s+able\s+to\s+guarantee[^.;]*"),
         "we cannot guarantee that they will not be filmed or recorded by others", condition=OBJECTION_OVERRIDDEN),
    Rule(matcher(
        ('policy',),
        r"(?:not|no)\s+(?:a\s+|any\s+)?(?:specific\s+)?policy"),
         "Whilst the council does not have a policy on filming ... both are permitted"),
)


# How far (characters) a limiter reaches to turn a nearby restriction into a condition.
LIMIT_REACH = 100
# Words that widen a ban rather than limit it: "not permitted at any meeting, including meetings held
# in closed session"; "whether or not confidential items are being discussed".
WIDENING_RE = re.compile(r"\b(?:including|even|whether\s+or\s+not|as\s+well\s+as|and\s+also)\s+(?:\w+\s+){0,3}$", re.IGNORECASE)
