"""How far a reviewer can trust a proposed verdict: its confidence and doubts, from findings up to the queue."""

from __future__ import annotations

from collections.abc import Iterable

from review.kinds import priority
from rules.taxonomy import HIGH, LOW
from store.records import DerivedEntry, Flag


def combine(readings: Iterable[tuple[str | None, Iterable[str]]]) -> tuple[str, list[str]]:
    """One confidence and doubts from several (confidence, doubts): low if any is low, every doubt once, in order.

    A reading without a confidence (stored before it was measured) counts as high.
    """
    confidence, doubts = HIGH, []
    for level, reasons in readings:
        if level == LOW:
            confidence = LOW
        doubts += [reason for reason in reasons if reason not in doubts]
    return confidence, doubts


def is_low(entry: DerivedEntry | None) -> bool:
    """The entry's verdict was read with low confidence."""
    return entry is not None and entry.confidence == LOW


def flag_is_low(flag: Flag) -> bool:
    """A flag proposes a verdict read with low confidence (on a `new_council` flag: any of its activities; a gone
    source proposes none)."""
    return any(is_low(entry) for entry in flag.entries.values())


def queue_key(flag: Flag) -> tuple[int, bool, int]:
    """The review queue's order: by kind (most important first), low confidence first within a kind, oldest first."""
    return priority(flag.kind), not flag_is_low(flag), flag.id
