"""Word-level diffs as HTML: each word escaped first, then wrapped in <ins>/<del>, which carry visually hidden
"removed"/"added" words for screen readers (a strike-through is not read out)."""

from __future__ import annotations

import difflib

from markupsafe import Markup, escape

REMOVED = '<del><span class="visually-hidden">[removed: </span>{}<span class="visually-hidden">]</span></del>'
ADDED = '<ins><span class="visually-hidden">[added: </span>{}<span class="visually-hidden">]</span></ins>'


def _words(text: str) -> list[str]:
    return (text or "").split()


def word_diff(before: str, after: str) -> tuple[Markup, Markup]:
    """The two texts as safe HTML: removed words in <del> on the left, added words in <ins> on the right."""
    old, new = _words(before), _words(after)
    left: list[str] = []
    right: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        removed = " ".join(str(escape(w)) for w in old[i1:i2])
        added = " ".join(str(escape(w)) for w in new[j1:j2])
        if op == "equal":
            left.append(removed)
            right.append(added)
            continue
        if removed:
            left.append(REMOVED.format(removed))
        if added:
            right.append(ADDED.format(added))
    return Markup(" ".join(left)), Markup(" ".join(right))


def similarity(before: str, after: str) -> float:
    """How alike two clauses are, word by word: 1.0 the same, 0.0 nothing in common."""
    return difflib.SequenceMatcher(a=_words(before), b=_words(after), autojunk=False).ratio()


def inline_diff(before: str, after: str) -> Markup:
    """One text as safe HTML with the other's changes marked in place: removed words in <del>, added in <ins>."""
    old, new = _words(before), _words(after)
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        removed = " ".join(str(escape(w)) for w in old[i1:i2])
        added = " ".join(str(escape(w)) for w in new[j1:j2])
        if op == "equal":
            out.append(added)
            continue
        if removed:
            out.append(REMOVED.format(removed))
        if added:
            out.append(ADDED.format(added))
    return Markup(" ".join(out))
