"""A flag's clauses side by side: before and after in document order, each changed clause paired with its own
counterpart and diffed word by word; clauses the same on both sides kept apart (the page collapses them)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from review.web.diff import similarity, word_diff
from store.records import Evidence, PolicyEntry

# Two clauses this alike (or more) are one clause reworded; less alike, one was removed and another added.
COUNTERPART = 0.3


@dataclass(frozen=True)
class ClausePair:
    """A clause before and after: both (the same or reworded), or one side only (removed or added)."""

    before: Evidence | None
    after: Evidence | None
    left: Markup
    right: Markup

    @property
    def changed(self) -> bool:
        return self.before is None or self.after is None or same(self.before.quote) != same(self.after.quote)

    @property
    def kind(self) -> str:
        """`added`, `removed`, `reworded` or `unchanged`."""
        if self.before is None:
            return "added"
        if self.after is None:
            return "removed"
        return "reworded" if self.changed else "unchanged"


def same(quote: str) -> str:
    """A clause's words, whitespace-normalised: what makes two quotes the same clause."""
    return " ".join(quote.split())


def in_document_order(evidence: Iterable[Evidence], sources: Sequence[str] = ()) -> list[Evidence]:
    """Each clause once, by document (in `sources` order, then as first quoted), then by where it starts
    (clauses stored before offsets were recorded keep their stored order)."""
    unique: dict[tuple[str | None, str], tuple[int, Evidence]] = {}
    for i, e in enumerate(evidence):
        unique.setdefault((e.source_url, same(e.quote)), (i, e))
    order = list(sources)
    for _, e in sorted(unique.values(), key=lambda pair: pair[0]):
        if e.source_url not in order:
            order.append(e.source_url or "")

    def key(pair: tuple[int, Evidence]) -> tuple[int, int, int]:
        i, e = pair
        return order.index(e.source_url or ""), e.start if e.start is not None else -1, i

    return [e for _, e in sorted(unique.values(), key=key)]


def compare(before: PolicyEntry | None, after: PolicyEntry | None) -> list[ClausePair]:
    """Every clause of both sides in document order, changed ones paired with their counterparts."""
    sources = [e.source_url or "" for e in (*(after.evidence if after else ()), *(before.evidence if before else ()))]
    old = in_document_order(before.evidence if before else (), sources)
    new = in_document_order(after.evidence if after else (), sources)
    matcher = difflib.SequenceMatcher(a=[same(e.quote) for e in old], b=[same(e.quote) for e in new], autojunk=False)
    pairs: list[ClausePair] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pairs += [_pair(o, n) for o, n in zip(old[i1:i2], new[j1:j2], strict=True)]
        else:
            pairs += _counterparts(old[i1:i2], new[j1:j2])
    return pairs


def _counterparts(old: list[Evidence], new: list[Evidence]) -> list[ClausePair]:
    """A block of differing clauses: each old one paired, in order, with the most alike new one after the last
    paired; the rest removed or added where they stand."""
    pairs: list[ClausePair] = []
    j = 0
    for o in old:
        scores = [(similarity(o.quote, n.quote), k) for k, n in enumerate(new[j:], start=j)]
        best = max(scores, default=(0.0, -1))
        if best[0] < COUNTERPART:
            pairs.append(_pair(o, None))
            continue
        pairs += [_pair(None, n) for n in new[j:best[1]]]
        pairs.append(_pair(o, new[best[1]]))
        j = best[1] + 1
    return pairs + [_pair(None, n) for n in new[j:]]


def _pair(before: Evidence | None, after: Evidence | None) -> ClausePair:
    if before is not None and after is not None:
        left, right = word_diff(before.quote, after.quote)
        return ClausePair(before, after, left, right)
    left, right = word_diff(before.quote if before else "", after.quote if after else "")
    return ClausePair(before, after, left if before else Markup(""), right if after else Markup(""))


@dataclass(frozen=True)
class SharedClause:
    """A clause quoted for one or more activities (a new council's flag): which verdicts it decides, and which
    conditions it gives to which activities."""

    evidence: Evidence
    decides: tuple[str, ...]
    gives: tuple[tuple[str, tuple[str, ...]], ...]  # (condition, activities)
    activities: tuple[str, ...]


def shared_clauses(entries: Mapping[str, PolicyEntry]) -> list[SharedClause]:
    """Every clause quoted for any activity once, in document order, with its role for each activity."""
    everything = [e for entry in entries.values() for e in entry.evidence]
    rows: list[SharedClause] = []
    for e in in_document_order(everything):
        key = (e.source_url, same(e.quote))
        uses = [(activity, q) for activity, entry in entries.items() for q in entry.evidence
                if (q.source_url, same(q.quote)) == key]
        conditions = dict.fromkeys(c for _, q in uses for c in q.conditions)
        rows.append(SharedClause(
            evidence=e, decides=tuple(dict.fromkeys(a for a, q in uses if q.decides)),
            gives=tuple((c, tuple(dict.fromkeys(a for a, q in uses if c in q.conditions))) for c in conditions),
            activities=tuple(dict.fromkeys(a for a, _ in uses))))
    return rows
