"""Synthetic regression passages (fixtures/classifier/synthetic-*.jsonl), written by the project in the style of
UK council wording: English procedure rules, Scottish standing orders, Welsh and Northern Irish councils, parish
protocols, FAQ pages, agenda notices, headed lists, definitions, double negatives.

They are regression cases, not held-out data: the rules were fitted to them, and text written "in the style of"
council text scored 1.00 while real passages the rules had never seen scored about 0.82. Their score is no
estimate of real accuracy; for that see tests/test_classifier_dev.py and its held-out split of real passages.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rules import classify
from rules.evaluate import format_report, score
from rules.taxonomy import ACTIVITIES, CHAIR_MAY_STOP, CONDITIONS, NATIONS, VERDICTS

FIXTURES = Path(__file__).parent / "fixtures" / "classifier"
SETS = ["synthetic-1.jsonl", "synthetic-2.jsonl"]


def load(name: str) -> list[dict]:
    return [json.loads(line) for line in (FIXTURES / name).read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("name", SETS)
def test_synthetic_set_is_well_formed(name: str) -> None:
    rows = load(name)
    assert rows and len({r["id"] for r in rows}) == len(rows)
    for row in rows:
        assert row["nation"] in NATIONS and isinstance(row["ambiguous"], bool)
        assert set(row["verdicts"]) == set(ACTIVITIES)
        assert all(v in VERDICTS for v in row["verdicts"].values())
        assert all(c in CONDITIONS for c in row["conditions"])


@pytest.mark.parametrize("name", SETS)
def test_synthetic_regressions_hold(name: str) -> None:
    report = score(load(name))
    for activity in ACTIVITIES:
        assert report.accuracy[activity] >= 0.95, format_report(report)
    assert report.inversions == [], format_report(report)


@pytest.mark.parametrize("row_id", ["h001", "h006", "h043", "h044"])
def test_discretion_to_stop_is_a_condition(row_id: str) -> None:
    """'the Chair has discretion to terminate or suspend filming' keeps `allowed`, adds `chair_may_stop`."""
    row = next(r for r in load(SETS[0]) if r["id"] == row_id)
    result = classify(row["text"], nation=row["nation"])
    assert any(CHAIR_MAY_STOP in f.conditions for f in result.findings.values())
    assert all(result[a].verdict == row["verdicts"][a] for a in ACTIVITIES)
