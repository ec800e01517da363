"""Split text into sentences/clauses that keep their character offsets, and locate the relevant ones fast.

A council constitution can be 1-2 MB of text; only a handful of its clauses speak about recording.
`relevant_segments` runs one regex scan for the activity vocabulary, cuts a window around each hit,
and segments only those windows, so the rules never see the procedure-rule filler.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from rules.terms import LOCATE


@dataclass(frozen=True)
class Segment:
    """A sentence or clause of the text, with `text[start:end] == quote`."""

    quote: str
    start: int
    end: int


# Where a sentence ends: terminal punctuation before a capital/number/quote/bracket, a semicolon,
# a blank line, a new bulleted or numbered list item, or a line break after a short heading line.
_BOUNDARY_RE = re.compile(
    r"""
      (?<=[.!?])["”’)]?[ \t]+(?=[A-Z0-9“"‘(•·])   # sentence end, e.g. "... permitted. Anyone ..."
    | (?<=[.!?:])["”’)]?[ \t]*\n\s*                 # line ends with a full stop or colon
    | ;\s*(?:and\s+|or\s+)?                          # clause end: "...; and"
    | [ \t]*\n[ \t]*\n\s*                            # blank line
    | [ \t]*\n(?=[ \t]*(?:[•·▪◦*o-]\s|\(?\d{1,2}(?:\.\d{1,2})*[.)]?\s|\(?[a-zA-Z]\)\s|\(?[ivx]{1,4}\)\s))
    | (?<=[A-Z]{3})[ \t]*\n(?=[ \t]*[A-Z])           # break after an ALL-CAPS heading line
    """,
    re.VERBOSE,
)
# A bulleted, numbered or lettered list item: "- You must not use flash"; "1. Contact ..."; "(b) No ...".
LIST_ITEM_RE = re.compile(r"(?:[•·▪◦*o-]\s|\(?\d{1,2}(?:\.\d{1,2})*[.)]?\s|\(?[a-zA-Z]\)\s|\(?[ivx]{1,4}\)\s)")
# A bare item number before its item's text on the same line: "1. Contact ...", "24. Reporting ...".
_LIST_NUMBER_RE = re.compile(r"\s*\(?\d{1,2}(?:\.\d{1,2})*[.)]")
# A heading or lead-in line: short, not a bullet, ending a line without a full stop (a question or a colon may
# end it): "Filming and recording\n- You must not use flash"; "Anyone filming must:\n- ..."; "Can I film?\nYes."
_HEADING_MAX = 100
_HEADING_END_RE = re.compile(r"[ \t]*\n")
# A title line is at most this long; one that ends with a word needing more after it is a wrapped line.
_TITLE_MAX = 80
_CONTINUED_RE = re.compile(
    r"\b(?:the|a|an|of|to|and|or|by|for|with|in|on|at|from|that|which|who|be|is|are|was|were|may|must|shall|should"
    r"|will|can|not|no|any|all|their|its|our|your|this|these|those|as|than|if|unless|provided|whether|such)$",
    re.IGNORECASE,
)
# A line with a modal verb is a sentence a PDF wrapped, not a title.
_MODAL_RE = re.compile(r"\b(?:must|shall|should|will|may|can|cannot|would|could)\b", re.IGNORECASE)
# A character that every sentence boundary starts at or just after.
_BOUNDARY_CHARS = re.compile(r"[.!?:;\n]")

# How far around a vocabulary hit the locator looks for the enclosing sentence and its neighbours.
WINDOW = 1200
# Texts shorter than this are segmented whole (still filtered to relevant sentences and neighbours).
_MAX_SEGMENT_CHARS = 1500


def segments(text: str, start: int = 0, end: int | None = None) -> list[Segment]:
    """Split `text[start:end]` into stripped sentences/clauses whose offsets refer to `text`."""
    end = len(text) if end is None else end
    out: list[Segment] = []
    pos = start
    for b_start, b_end in _boundaries(text, start, end):
        if b_start - pos <= 12 and _LIST_NUMBER_RE.fullmatch(text, pos, b_start) and "\n" not in text[b_start:b_end]:
            continue  # "1. Contact Democratic Services ...": the item number stays with its item
        _append(text, pos, b_start, out)
        pos = b_end
    _append(text, pos, end, out)
    return out


def _boundaries(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The spans of `_BOUNDARY_RE.finditer(text, start, end)`, found about five times faster.

    Every boundary touches one of `_BOUNDARY_CHARS`: it starts at it (";", a line break, after spaces
    that end a line) or just after it ("permitted. Anyone"), so the regex is tried only there.
    """
    pos, scan = start, max(start - 1, 0)
    while (c := _BOUNDARY_CHARS.search(text, scan, end)) is not None:
        s = back = c.start()
        while back > pos and text[back - 1] in " \t":
            back -= 1
        scan = s + 1
        for p in (back, s, s + 1):
            if pos <= p < end and (m := _BOUNDARY_RE.match(text, p, end)) is not None:
                yield m.span()
                pos = m.end()
                scan = max(pos - 1, scan)
                break


def _append(text: str, start: int, end: int, out: list[Segment]) -> None:
    """Add text[start:end] as a segment, stripped of surrounding whitespace, long ones cut at commas."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start < 2:
        return
    title_end = _title_line_end(text, start, end)
    if title_end is not None:  # "Reporting on meetings\nThe press and public may ...": the title stands alone
        out.append(Segment(text[start:title_end], start, title_end))
        _append(text, title_end, end, out)
        return
    if end - start > _MAX_SEGMENT_CHARS:  # unpunctuated run (a table, a bad PDF): cut it down
        cut = text.rfind(",", start, start + _MAX_SEGMENT_CHARS)
        cut = cut + 1 if cut > start else start + _MAX_SEGMENT_CHARS
        _append(text, start, cut, out)
        _append(text, cut, end, out)
        return
    out.append(Segment(text[start:end], start, end))


def _title_line_end(text: str, start: int, end: int) -> int | None:
    """The end of a title line that opens text[start:end] and runs into the sentence below it, else None.

    A title is a whole short line, without closing punctuation or a last word that needs one after it, and the
    next line starts with a capital or a number; a line a PDF wrapped is long, or ends mid-phrase.
    """
    newline = text.find("\n", start, min(end, start + _TITLE_MAX + 1))
    if newline < 0 or text[text.rfind("\n", 0, start) + 1:start].strip():
        return None  # no line break near, or the segment starts mid-line
    line = text[start:newline].rstrip()
    nxt = text[newline:end].lstrip()
    if len(line) < 3 or line[-1] in ".,;:!?-–(" or not nxt[:1].isupper() and not nxt[:1].isdigit():
        return None
    if _CONTINUED_RE.search(line) or _MODAL_RE.search(line) or len(nxt) < 2:
        return None  # a wrapped line: "Anyone wishing to film must notify the Democratic Services\nOfficer ..."
    return start + len(line)


# A longer "sentence" (an unpunctuated table, a bad PDF) is quoted by its clause alone.
MAX_QUOTE = 800


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The whole sentence holding the clause `text[start:end]`, as (start, end): clauses joined by a semicolon
    ("may film it; no permission is needed") and a lead-in with its list ("Anyone filming must:\n- not use
    flash;\n- stay seated.") are one sentence. Other boundaries of `segments` (full stops, headings, blank lines,
    items of a list with no lead-in colon) stay where they are. Longer than `MAX_QUOTE`: the clause alone."""
    lo, hi = max(0, start - MAX_QUOTE), min(len(text), end + MAX_QUOTE)
    segs = segments(text, lo, hi)
    if lo > 0:
        segs = segs[1:]  # cut by the window's edge
    if hi < len(text):
        segs = segs[:-1]
    here = [i for i, seg in enumerate(segs) if seg.start < end and start < seg.end]
    if not here:
        return start, end
    first, last = here[0], here[-1]
    while first > 0 and _joined(text, segs[first - 1], segs[first], segs[:first]):
        first -= 1
    while last + 1 < len(segs) and _joined(text, segs[last], segs[last + 1], segs[:last + 1]):
        last += 1
    wide = min(start, segs[first].start), max(end, segs[last].end)
    return wide if wide[1] - wide[0] <= MAX_QUOTE else (start, end)


def _joined(text: str, left: Segment, right: Segment, before: list[Segment]) -> bool:
    """Whether two neighbouring clauses belong to one sentence: a semicolon between them, or `right` an item of a
    list that a lead-in ending with a colon opened (`before`: the clauses up to `left`)."""
    if ";" in text[left.end:right.start] or left.quote.endswith(";"):
        return True
    if not is_list_item(right) or left.quote.endswith((".", "!", "?")):
        return False
    for seg in reversed(before):  # back over the list's items to its lead-in
        if seg.quote.endswith(":"):
            return True
        if not is_list_item(seg) or seg.quote.endswith((".", "!", "?")):
            return False
    return False


def is_list_item(seg: Segment) -> bool:
    return LIST_ITEM_RE.match(seg.quote) is not None


def is_heading(text: str, seg: Segment) -> bool:
    """True for a heading, lead-in or FAQ question line whose rules follow on the next lines."""
    return (
        len(seg.quote) <= _HEADING_MAX
        and seg.quote[-1] not in ".,;!"
        and not (seg.quote[0] in "•·▪◦*-" and seg.quote[1:2].isspace())
        and _HEADING_END_RE.match(text, seg.end) is not None
    )


def hit_windows(text: str) -> list[tuple[int, int]]:
    """Merged (start, end) windows around every activity-vocabulary hit, from one regex scan."""
    windows: list[tuple[int, int]] = []
    for m in LOCATE.finditer(text):
        lo, hi = max(0, m.start() - WINDOW), min(len(text), m.end() + WINDOW)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    return windows


@dataclass(frozen=True)
class Window:
    """Every sentence of one window around activity-vocabulary hits, and the indices of those worth reading.

    The sentences not kept are context: the heading a rule sits under, the lead-in of its list.
    """

    segments: list[Segment]
    kept: list[int]


def relevant_windows(text: str) -> list[Window]:
    """The windows around the activity vocabulary, each with the sentences that mention an activity, one
    neighbour either side (for conditions), and the list items under a heading that names an activity.

    Segments touching a window edge are dropped unless the window is the text's own edge, so each
    sentence is cut exactly as it would be if the relevant passage stood alone.
    """
    out: list[Window] = []
    for lo, hi in hit_windows(text):
        aligned = _paragraph_start(text, lo)
        segs = segments(text, aligned if aligned >= 0 else lo, hi)
        if hi < len(text) and segs:
            segs = segs[:-1]
        if aligned < 0 and segs:
            segs = segs[1:]
        keep = {i for i, s in enumerate(segs) if LOCATE.search(s.quote)}
        keep |= {i + d for i in keep for d in (-1, 1) if 0 <= i + d < len(segs)}
        keep |= _listed_under_headings(text, segs, keep)
        out.append(Window(segs, sorted(keep)))
    return out


def relevant_segments(text: str) -> list[Segment]:
    """The sentences worth reading, in order (see `relevant_windows`)."""
    return [w.segments[i] for w in relevant_windows(text) for i in w.kept]


def _paragraph_start(text: str, pos: int) -> int:
    """The start of the paragraph holding `pos` if it is near (segmentation is stable there), else -1."""
    if pos == 0:
        return 0
    para = text.rfind("\n\n", max(0, pos - WINDOW), pos)
    return para + 2 if para >= 0 else -1


# At most this many sentences are kept under one heading that names an activity.
_MAX_SECTION = 15


def _listed_under_headings(text: str, segs: list[Segment], keep: set[int]) -> set[int]:
    """The sentences that follow a kept heading naming an activity, up to the next heading: "Filming and
    recording\n- Do not use flash"; "Filming and photography\n\nNo permission is needed. Please tell the clerk."."""
    out: set[int] = set()
    for i in sorted(keep):
        if i + 2 >= len(segs) or i + 2 in keep and i + 3 in keep or not is_heading(text, segs[i]):
            continue  # (cheap tests first: dense policy text has thousands of kept sentences)
        if not LOCATE.search(segs[i].quote):
            continue
        j = i + 1
        while j < len(segs) and j - i <= _MAX_SECTION and not is_heading(text, segs[j]):
            out.add(j)
            j += 1
    return out
