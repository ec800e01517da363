"""A council's policy per activity, derived from the findings of its current documents, and what change detection
compares of it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from review.confidence import combine
from rules.taxonomy import ACTIVITIES, CONFLICTING, NOT_STATED, UNKNOWN, conflicts_with_statute
from store.records import CurrentFinding, DerivedEntry, Evidence, PolicyEntry


def derive_policy(findings: Iterable[CurrentFinding], nation: str | None) -> dict[str, DerivedEntry]:
    """Combine per-document findings into one entry per activity.

    No document: `unknown`. Every document silent: `not_stated`. Documents that state a verdict agree:
    that verdict with the union of their conditions. They disagree: `conflicting`, for a person to decide.
    The confidence is low when any finding that decided the verdict is low; their doubts are merged.
    """
    by_activity: dict[str, list[CurrentFinding]] = defaultdict(list)
    sources = set()
    for finding in findings:
        by_activity[finding.activity].append(finding)
        sources.add(finding.source_id)
    return {activity: _combine(activity, by_activity[activity], bool(sources), nation) for activity in ACTIVITIES}


def _combine(activity: str, found: list[CurrentFinding], any_source: bool, nation: str | None) -> DerivedEntry:
    stated = [f for f in found if f.verdict != NOT_STATED]
    verdicts = sorted({f.verdict for f in stated})
    if not stated:
        verdict = NOT_STATED if any_source else UNKNOWN
    else:
        verdict = verdicts[0] if len(verdicts) == 1 else CONFLICTING
    confidence, doubts = combine((f.confidence, f.doubts) for f in (stated or found))
    return DerivedEntry(
        activity=activity, verdict=verdict, conditions=tuple(sorted({c for f in stated for c in f.conditions})),
        evidence=tuple(Evidence(quote=q.quote, page=q.page, source_url=f.url, snapshot_id=f.snapshot_id,
                                verdict=f.verdict, start=q.start, decides=q.decides, conditions=q.conditions)
                       for f in stated for q in f.evidence),
        conflicts_with_statute=conflicts_with_statute(verdict, nation)
        or any(conflicts_with_statute(v, nation) for v in verdicts),
        confidence=confidence, doubts=tuple(doubts),
    )


# What a policy change is judged on: the fields of an entry change detection compares (review/changes.py).
# Change them freely: a change a reviewer rejected is recognised by its fingerprint (review/fingerprint.py),
# which never depends on them.
VERDICT_FIELDS: tuple[str, ...] = ("verdict", "conditions")


def verdict_key(entry: PolicyEntry) -> tuple[Any, ...]:
    """What a policy change is judged on: the VERDICT_FIELDS of the entry (lists of words as sets)."""
    return tuple(_comparable(getattr(entry, name)) for name in VERDICT_FIELDS)


def _comparable(value: Any) -> Any:
    return tuple(sorted(value)) if isinstance(value, tuple) else value


def wording_key(entry: PolicyEntry) -> tuple[str, ...]:
    """The clauses that carry the verdict, whitespace-normalised, in a stable order."""
    return tuple(sorted({" ".join(e.quote.split()) for e in entry.evidence}))
