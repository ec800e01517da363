"""What the generic words mean in one text: its definitions of "recording" and "report", and the Regulations'.

"Recording and reporting includes:" followed by a list of activities, 'the term "record" means ...', "This
includes filming, ..." after a sentence granting a right to report, a text citing the 2014 Regulations (which
define "report"), and a protocol titled as one on reporting meetings all say which activities a generic word
carries in that text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rules.segment import Segment, Window, is_list_item
from rules.taxonomy import AUDIO_RECORDING, FILMING, PHOTOGRAPHY, SOCIAL_MEDIA
from rules.terms import DEFINITION_EXTRA, DEFINITION_RE, GROUP_ACTIVITIES, RECORD_DEFAULT, REGULATIONS_RE, TERM_RE

_I = re.IGNORECASE
EVERY_ACTIVITY = frozenset({FILMING, AUDIO_RECORDING, PHOTOGRAPHY, SOCIAL_MEDIA})
_Q_OPEN, _Q_CLOSE = "[“\"'‘]?", "[”\"'’]?"
# An umbrella term defined where a sentence starts: "Recording and reporting includes:"; "For the purposes of
# this protocol, recording means ..."; "Reporting may take the form of:".
UMBRELLA_RE = re.compile(
    r"^(?:[•·▪◦*o-]\s*|\(?\d{1,2}(?:\.\d{1,2})*[.)]?\s+)?(?:for\s+the\s+purposes?\s+of\s+(?:this|these|the)\s+[\w ]{1,40}?,\s*)?"
    rf"(?:the\s+(?:terms?|words?)\s+)?{_Q_OPEN}(?P<a>record\w*|report\w*){_Q_CLOSE}"
    rf"(?:\s*(?:,|and/or|and|or|&)\s*{_Q_OPEN}(?P<b>record\w*|report\w*){_Q_CLOSE})?"
    r",?\s+(?:in\s+this\s+\w+\s+)?(?:means|includes?|covers|encompasses|refers\s+to|is\s+defined\s+as"
    r"|(?:can|may|will|could|might)\s+(?:include|cover|mean|involve|take\s+(?:the\s+form|many\s+forms|any\s+form)))",
    _I,
)
# "... report on the meeting, which includes filming, photography ...".
INLINE_RE = re.compile(
    r"\b(?P<a>record\w*|report\w*)\b[^.;:]{0,40}?,?\s*(?:which|that)\s+(?:includes?|covers|can\s+include|may\s+include"
    r"|can\s+take\s+the\s+form|may\s+take\s+the\s+form)", _I,
)
# "This includes filming, ..." after a sentence that names a generic term.
THIS_INCLUDES_RE = re.compile(
    r"^(?:this|these|that|such\s+\w+)\s+(?:includes?|covers|can\s+include|may\s+include|could\s+include|means"
    r"|can\s+(?:be|take)\s+(?:the\s+form|many\s+forms))", _I,
)
# A title naming reporting on meetings: "Protocol for recording and reporting public meetings".
_REPORT_TITLE_RE = re.compile(r"\breport\w*\b[^\n]{0,80}\b(?:meetings?|proceedings)|\b(?:meetings?|proceedings)\b"
                              r"[^\n]{0,80}\breport\w*\b|\brecord\w*\s+(?:and|&)\s+report\w*", _I)
_TITLE_MAX = 150
# How many list items after a definition ending in ":" spell out what it includes.
_MAX_DEFINITION_ITEMS = 15


@dataclass(frozen=True)
class Vocabulary:
    """What the generic words mean in this text, and whether the text itself defines them."""

    record: frozenset[str] = RECORD_DEFAULT
    report: frozenset[str] | None = None  # None: "report" counts only when listed with other activities
    record_defined: bool = False
    report_defined: bool = False


def vocabulary(text: str, windows: list[Window]) -> Vocabulary:
    """Find the text's definitions of "recording"/"report", whether it cites the 2014 Regulations, and whether its
    title names reporting on meetings."""
    record: set[str] = set()
    report: set[str] = set()
    for window in windows:
        for is_report, defined in _window_definitions(window.segments):
            (report if is_report else record).update(defined)
    regulations = not report and (_cites_regulations(text) or _titled_reporting(text))
    return Vocabulary(
        record=frozenset(record | RECORD_DEFAULT) if record else RECORD_DEFAULT,
        report=frozenset(report) if report else (EVERY_ACTIVITY if regulations else None),
        record_defined=bool(record),
        report_defined=bool(report),
    )


def _window_definitions(segs: list[Segment]) -> list[tuple[bool, frozenset[str]]]:
    """(defines "report"?, activities) for every definition in one window, its list items included."""
    found: list[tuple[bool, frozenset[str]]] = []
    for i, seg in enumerate(segs):
        terms = _defined_terms(seg.quote, segs[i - 1].quote if i else "")
        if not terms:
            continue
        definition = seg.quote
        if seg.quote.rstrip().endswith(":") or not _explicit_activities(seg.quote):
            items = [s.quote for s in segs[i + 1:i + 1 + _MAX_DEFINITION_ITEMS]]
            definition += " " + " ".join(_leading_items(items))
        activities = frozenset(_explicit_activities(definition))
        found.extend((term.startswith("report"), activities) for term in terms if activities)
    return found


@lru_cache(maxsize=4096)
def _defined_terms(quote: str, previous: str) -> tuple[str, ...]:
    """The generic terms ("record...", "report...") a sentence defines, lower-cased."""
    terms = [(m.group("q") or m.group("t")) for m in DEFINITION_RE.finditer(quote)]
    if (m := UMBRELLA_RE.match(quote)) is not None:
        terms += [t for t in (m.group("a"), m.group("b")) if t]
    if (m := INLINE_RE.search(quote)) is not None:
        terms.append(m.group("a"))
    if THIS_INCLUDES_RE.match(quote):
        terms += [m.group() for m in TERM_RE.finditer(previous) if m.lastgroup in ("record", "report")]
    return tuple(t.lower() for t in terms)


def _leading_items(quotes: list[str]) -> list[str]:
    """The list items at the start of `quotes`."""
    items: list[str] = []
    for quote in quotes:
        if not is_list_item(Segment(quote, 0, len(quote))):
            break
        items.append(quote)
    return items


def _explicit_activities(definition: str) -> set[str]:
    found: set[str] = set()
    for m in TERM_RE.finditer(definition):
        found |= GROUP_ACTIVITIES.get(m.lastgroup or "", frozenset())
    for pattern, activity in DEFINITION_EXTRA:
        if pattern.search(definition):
            found.add(activity)
    return found


def _cites_regulations(text: str) -> bool:
    """REGULATIONS_RE anywhere in the text; plain substring tests first (an IGNORECASE scan of a whole
    constitution costs as much as locating its clauses)."""
    lowered = text.lower()
    return ("regulations" in lowered or "2014/2095" in text or "accountability act" in lowered) and \
        REGULATIONS_RE.search(text) is not None


def _titled_reporting(text: str) -> bool:
    """The text's first line is a title about reporting on meetings ("Reporting on council meetings")."""
    title = text.lstrip()[:_TITLE_MAX + 1].split("\n", 1)[0].strip()
    return len(title) <= _TITLE_MAX and not title.endswith(".") and _REPORT_TITLE_RE.search(title) is not None
