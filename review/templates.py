"""Shared texts: councils whose documents are one national model word for word are one review decision.

Most parish, town and community councils adopt the model standing orders as they stand. Their policies rest on
the same clauses, so the first night of 12,000 councils would otherwise ask reviewers to confirm the same
reading thousands of times. A policy's *template key* is a digest of what review judges for each activity:
the verdict, its conditions and the clauses it quotes (whitespace-normalised), the same `verdict_key` and
`wording_key` change detection compares. It names no text in particular: whatever text enough councils share
(OCM_TEMPLATE_MIN_COUNCILS) becomes a template. A council whose documents add a clause of their own, or quote
another, has another key, and is reviewed on its own. A change is grouped the same way (`change_key`): a new
classifier reading the model anew changes thousands of published councils alike, in one decision.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence

from review.policy import verdict_key, wording_key
from store.flags import PENDING
from store.records import Flag, PolicyEntry

KEY_LENGTH = 16  # hex digits of the digest kept: a name for the text, not a security boundary


def template_key(policy: Mapping[str, PolicyEntry]) -> str | None:
    """The key of the shared text a council's policy rests on, or None when it quotes no clause at all (a council
    whose documents say nothing is not a template's: nothing in them can be reviewed once for all)."""
    if not any(entry.evidence for entry in policy.values()):
        return None
    judged = [[activity, verdict_key(entry), wording_key(entry)] for activity, entry in sorted(policy.items())]
    return hashlib.sha256(json.dumps(judged, sort_keys=True).encode()).hexdigest()[:KEY_LENGTH]


def change_key(kind: str, before: PolicyEntry | None, after: PolicyEntry) -> str | None:
    """The key of one activity's change, shared by every council whose published entry and new reading are the
    same (the classifier reading the model standing orders anew, thousands of councils at once); None when
    neither side quotes a clause."""
    if not after.evidence and not (before is not None and before.evidence):
        return None
    sides = [[verdict_key(entry), wording_key(entry)] if entry is not None else None for entry in (before, after)]
    judged = [kind, after.activity, *sides]
    return hashlib.sha256(json.dumps(judged, sort_keys=True).encode()).hexdigest()[:KEY_LENGTH]


def decisions(flags: Iterable[Flag]) -> list[tuple[Flag, list[Flag]]]:
    """The review queue as decisions, in the order given: each flag on its own, or the first pending flag of a
    template with the others that deciding it decides."""
    out: list[tuple[Flag, list[Flag]]] = []
    groups: dict[str, list[Flag]] = {}
    for flag in flags:
        if flag.template is None or flag.status != PENDING:
            out.append((flag, []))
        elif flag.template in groups:
            groups[flag.template].append(flag)
        else:
            groups[flag.template] = []
            out.append((flag, groups[flag.template]))
    return out


def covers_text(others: Sequence[Flag], shown: int = 5) -> str:
    """What else a decision decides, for the queue: '' for a flag on its own."""
    if not others:
        return ""
    codes = [f.council for f in others]
    more = f" and {len(codes) - shown:,} more" if len(codes) > shown else ""
    return (f"  [one decision with {len(codes):,} other council(s) of the same text: "
            f"{', '.join(codes[:shown])}{more}]")
