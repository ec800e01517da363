"""A council's policy per activity, derived from the findings of its current documents."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from review.confidence import combine
from rules.taxonomy import ACTIVITIES, CONFLICTING, NOT_STATED, UNKNOWN, conflicts_with_statute
from store.db import from_json, sha256, to_json


def derive_policy(findings: list[dict[str, Any]], nation: str | None) -> dict[str, dict[str, Any]]:
    """Combine per-document findings into one entry per activity.

    No document: `unknown`. Every document silent: `not_stated`. Documents that state a verdict agree:
    that verdict with the union of their conditions. They disagree: `conflicting`, for a person to decide.
    The confidence is low when any finding that decided the verdict is low; their doubts are merged.
    """
    by_activity: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in findings:
        by_activity[row["activity"]].append(row)
    sources = {row["source_id"] for row in findings}
    return {activity: _combine(activity, by_activity[activity], bool(sources), nation) for activity in ACTIVITIES}


def _combine(activity: str, rows: list[dict[str, Any]], any_source: bool, nation: str | None) -> dict[str, Any]:
    stated = [r for r in rows if r["verdict"] != NOT_STATED]
    verdicts = sorted({r["verdict"] for r in stated})
    if not stated:
        verdict = NOT_STATED if any_source else UNKNOWN
    else:
        verdict = verdicts[0] if len(verdicts) == 1 else CONFLICTING
    conditions = sorted({c for r in stated for c in _list(r["conditions"])})
    confidence, doubts = combine((r.get("confidence"), _list(r.get("doubts"))) for r in (stated or rows))
    evidence = [
        {"quote": e["quote"], "page": e.get("page"), "source_url": r["url"], "snapshot_id": r["snapshot_id"],
         "verdict": r["verdict"]}
        for r in stated for e in _list(r["evidence"])
    ]
    return {
        "activity": activity, "verdict": verdict, "conditions": conditions, "evidence": evidence,
        "confidence": confidence, "doubts": doubts,
        "conflicts_with_statute": conflicts_with_statute(verdict, nation)
        or any(conflicts_with_statute(v, nation) for v in verdicts),
    }


def _list(value: Any) -> list:
    return from_json(value, []) if isinstance(value, str) else list(value or [])


def verdict_key(entry: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    """What a policy change is judged on: the verdict and its conditions."""
    return entry["verdict"], tuple(sorted(entry["conditions"]))


def wording_key(entry: dict[str, Any]) -> tuple[str, ...]:
    """The clauses that carry the verdict, whitespace-normalised, in a stable order."""
    return tuple(sorted({" ".join(e["quote"].split()) for e in entry["evidence"]}))


def fingerprint(value: Any) -> str:
    """A stable hash of a change, so the same change is recognised when it comes back."""
    if isinstance(value, dict) and "verdict" in value:
        value = {"key": verdict_key(value), "wording": wording_key(value)}
    elif isinstance(value, dict):
        value = {k: fingerprint(v) for k, v in sorted(value.items())}
    return sha256(to_json(value))
