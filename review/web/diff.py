"""A word-level diff of two clauses as HTML: each word escaped first, then wrapped in <ins>/<del>."""

from __future__ import annotations

import difflib

from markupsafe import Markup, escape

from store.records import PolicyEntry


def _words(text: str) -> list[str]:
    return (text or "").split()


def word_diff(before: str, after: str) -> tuple[Markup, Markup]:
    """The two clauses as safe HTML: removed words in <del> on the left, added words in <ins> on the right."""
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
            left.append(f"<del>{removed}</del>")
        if added:
            right.append(f"<ins>{added}</ins>")
    return Markup(" ".join(left)), Markup(" ".join(right))


def clauses(entry: PolicyEntry | None) -> str:
    """All quoted clauses of an entry, whitespace-normalised, one after another."""
    quotes = [" ".join(e.quote.split()) for e in (entry.evidence if entry else ())]
    return " \u2026 ".join(sorted(dict.fromkeys(quotes)))
