"""The targets of issue 3 on the labelled development passages (../shared/data/passages-dev.jsonl)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rules import classify
from rules.evaluate import Report, format_report, macro_f1, score
from rules.result import ActivityFinding, Classification
from rules.taxonomy import ACTIVITIES, ALLOWED, PROHIBITED

DEV = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "passages-dev.jsonl"


@pytest.fixture(scope="module")
def rows() -> list[dict[str, object]]:
    if not DEV.exists():
        pytest.skip(f"development set not found at {DEV}")
    return [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def report(rows: list[dict[str, object]]) -> Report:
    return score(rows)


def test_accuracy_per_activity(report: Report) -> None:
    for activity in ACTIVITIES:
        assert report.accuracy[activity] >= 0.95, format_report(report)


def test_macro_f1(report: Report) -> None:
    for activity in ACTIVITIES:
        assert report.macro_f1[activity] >= 0.90, format_report(report)


def test_no_inversions(report: Report) -> None:
    assert report.inversions == [], format_report(report)


def test_evidence_offsets(rows: list[dict[str, object]]) -> None:
    for row in rows:
        text = str(row["text"])
        for finding in classify(text).findings.values():
            assert all(text[e.start:e.end] == e.quote for e in finding.evidence)


def test_score_counts_inversions_and_skips_ambiguous() -> None:
    rows = [
        {"id": "a", "text": "x", "verdicts": dict.fromkeys(ACTIVITIES, PROHIBITED)},
        {"id": "b", "text": "y", "verdicts": dict.fromkeys(ACTIVITIES, PROHIBITED), "ambiguous": True},
    ]

    def always_allowed(text: str, nation: str | None = None) -> Classification:
        return Classification({a: ActivityFinding(a, ALLOWED) for a in ACTIVITIES}, "test")

    report = score(rows, predict=always_allowed)
    assert report.rows == 1 and len(report.inversions) == 4 and len(report.ambiguous) == 4
    assert report.accuracy[ACTIVITIES[0]] == 0.0
    assert "inversions: 4" in format_report(report)


def test_macro_f1_perfect_and_empty() -> None:
    assert macro_f1({(ALLOWED, ALLOWED): 3, (PROHIBITED, PROHIBITED): 1}) == 1.0
    assert macro_f1({}) == 0.0
