"""A stored text with the clauses quoted from it highlighted, each with an anchor (`clause-<offset>`) that the
flag and council pages link to."""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup, escape

from store.records import Evidence


def anchor(start: int) -> str:
    """The id of the clause that starts at this offset of its text."""
    return f"clause-{start}"


def quoted_spans(text: str, evidence: Iterable[Evidence]) -> list[tuple[int, int]]:
    """Where each quote stands in the text: at its recorded offset when it is there, else where it first occurs
    (quotes stored before offsets were); quotes not in the text are left out."""
    spans = set()
    for e in evidence:
        start = e.start if e.start is not None and text.startswith(e.quote, e.start) else text.find(e.quote)
        if e.quote and start >= 0:
            spans.add((start, start + len(e.quote)))
    return sorted(spans)


def marked_text(text: str, spans: list[tuple[int, int]]) -> Markup:
    """The text, escaped, each quoted span in <mark> with an anchor at every quote's start."""
    out: list[str] = []
    pos = 0
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    starts = sorted({s for s, _ in spans})
    for lo, hi in merged:
        out.append(str(escape(text[pos:lo])))
        inner, cut = [], lo
        for s in (s for s in starts if lo <= s < hi):
            inner += [str(escape(text[cut:s])), f'<span id="{anchor(s)}"></span>']
            cut = s
        inner.append(str(escape(text[cut:hi])))
        out.append(f'<mark class="quoted">{"".join(inner)}</mark>')
        pos = hi
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))
