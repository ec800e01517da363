"""Flag kinds, most important first: the review queue's order."""

from __future__ import annotations

POLICY_CHANGE = "policy_change"
CONFLICT = "conflict"
SOURCE_GONE = "source_gone"
NEW_COUNCIL = "new_council"
WORDING_CHANGE = "wording_change"
RECLASSIFIED = "reclassified"
FLAG_KINDS: tuple[str, ...] = (POLICY_CHANGE, CONFLICT, SOURCE_GONE, NEW_COUNCIL, WORDING_CHANGE, RECLASSIFIED)


def priority(kind: str) -> int:
    """Lower is more urgent."""
    return FLAG_KINDS.index(kind) if kind in FLAG_KINDS else len(FLAG_KINDS)
