"""The review queue as a reviewer narrows it: filters by kind, nation, confidence and council, and the flag to
review next after a decision."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from review.confidence import flag_is_low, queue_key
from review.kinds import FLAG_KINDS, NEW_COUNCIL
from rules.taxonomy import HIGH, LOW
from store.records import Flag

CONFIDENCES: tuple[str, ...] = (HIGH, LOW)


@dataclass(frozen=True)
class QueueFilter:
    """What the reviewer asked to see; an empty field shows everything. Unknown values are ignored."""

    kind: str = ""
    nation: str = ""
    confidence: str = ""
    council: str = ""  # words of a council's code or name

    @classmethod
    def from_args(cls, args: Mapping[str, str], nations: Iterable[str]) -> QueueFilter:
        kind, nation, confidence = args.get("kind", ""), args.get("nation", ""), args.get("confidence", "")
        return cls(kind=kind if kind in FLAG_KINDS else "", nation=nation if nation in set(nations) else "",
                   confidence=confidence if confidence in CONFIDENCES else "",
                   council=" ".join(args.get("council", "").split())[:100])

    @property
    def active(self) -> bool:
        return any((self.kind, self.nation, self.confidence, self.council))

    @property
    def bulk(self) -> bool:
        """The filter shows only high-confidence new councils: they can be confirmed together."""
        return self.kind == NEW_COUNCIL and self.confidence == HIGH

    def args(self) -> dict[str, str]:
        """The filter as query arguments (empty ones left out)."""
        return {k: v for k, v in (("kind", self.kind), ("nation", self.nation), ("confidence", self.confidence),
                                  ("council", self.council)) if v}

    def keeps(self, flag: Flag, council: Mapping[str, Any] | None) -> bool:
        if self.kind and flag.kind != self.kind:
            return False
        if self.nation and (council or {}).get("nation") != self.nation:
            return False
        if self.confidence and (LOW if flag_is_low(flag) else HIGH) != self.confidence:
            return False
        if self.council:
            wanted = self.council.lower()
            named = f"{flag.council} {(council or {}).get('name', '')}".lower()
            return all(word in named for word in wanted.split())
        return True


def in_queue_order(flags: Iterable[Flag]) -> list[Flag]:
    """Most important kind first, low confidence first within a kind, oldest first."""
    return sorted(flags, key=queue_key)


def next_flag(pending: Iterable[Flag], decided: Flag) -> Flag | None:
    """The pending flag after `decided` in queue order (wrapping round to the first), or None if none is left."""
    ordered = in_queue_order(f for f in pending if f.id != decided.id)
    here = queue_key(decided)
    return next((f for f in ordered if queue_key(f) > here), ordered[0] if ordered else None)


def high_confidence_new_councils(flags: Iterable[Flag]) -> list[Flag]:
    """The pending flags a bulk confirm may publish: first answers for a council, every one read with confidence."""
    return [f for f in flags if f.kind == NEW_COUNCIL and not flag_is_low(f)]
