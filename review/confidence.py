"""How far a reviewer can trust a proposed verdict: its confidence and doubts, from findings up to the queue."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from review.kinds import NEW_COUNCIL, SOURCE_GONE, priority
from rules.taxonomy import HIGH, LOW


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


def is_low(entry: Mapping[str, Any] | None) -> bool:
    """The entry's verdict was read with low confidence."""
    return entry is not None and entry.get("confidence") == LOW


def flag_is_low(flag: Mapping[str, Any]) -> bool:
    """A flag proposes a verdict read with low confidence (on a `new_council` flag: any of its activities)."""
    if flag["kind"] == SOURCE_GONE:
        return False
    if flag["kind"] == NEW_COUNCIL:
        return any(is_low(entry) for entry in flag["after"].values())
    return is_low(flag["after"])


def queue_key(flag: Mapping[str, Any]) -> tuple[int, bool, int]:
    """The review queue's order: by kind (most important first), low confidence first within a kind, oldest first."""
    return priority(flag["kind"]), not flag_is_low(flag), flag["id"]
