"""Second held-out set (fixtures/classifier/heldout2.jsonl): 40 passages written like real UK council
wording (English procedure rules, Scottish standing orders, Welsh and Northern Irish councils, parish
protocols, FAQ pages, agenda notices, headed bullet lists, definitions, double negatives).

Honest estimate on unseen wording, scored with classifier 2026.11.3 BEFORE any rule was changed for it
(40 scored rows):
    activity          accuracy  macro-F1
    filming              0.725     0.675
    audio_recording      0.875     0.846
    photography          0.900     0.890
    social_media         1.000     1.000
    inversions: 4 (h2-003 filming/audio/photography: "may attend ... but shall not, while in the public
    gallery, use any camera" read as allowed; h2-016 filming: "will not normally be permitted" read as allowed)
    other misses (16): h2-007 F,P ("do not need to ask anyone's permission"), h2-014 F,A,P ("Nothing in these
    Standing Orders shall prevent"), h2-026 A ("Sound or video recording"), h2-029 F (rules only under a
    heading, numbered items), h2-033 F ("visual or sound recording"), h2-034 F,P (", however, may only take
    place with the agreement"), h2-036 F,A ("permitted provided the Chairman is informed"), h2-037 F ("Film
    crews ... filming permit"), h2-038 F,A ("No person ... shall be prevented from recording"), h2-039 F
    ("not allowed unless 48 hours' notice has been given").
After the 2026.11.4 rules: 1.000 per activity, no inversions (these rows then became development data;
the next honest estimate needs a third set written before rules change).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rules import classify
from rules.evaluate import Report, format_report, score
from rules.taxonomy import ACTIVITIES, CONDITIONS, NATIONS, VERDICTS

HELDOUT2 = Path(__file__).parent / "fixtures" / "classifier" / "heldout2.jsonl"


@pytest.fixture(scope="module")
def rows() -> list[dict[str, object]]:
    return [json.loads(line) for line in HELDOUT2.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def report(rows: list[dict[str, object]]) -> Report:
    return score(rows)


def test_heldout2_is_well_formed(rows: list[dict[str, object]]) -> None:
    assert len(rows) == 40
    assert [r["id"] for r in rows] == [f"h2-{i:03d}" for i in range(1, 41)]
    for row in rows:
        assert row["nation"] in NATIONS and isinstance(row["ambiguous"], bool)
        verdicts = row["verdicts"]
        assert isinstance(verdicts, dict) and set(verdicts) == set(ACTIVITIES)
        assert all(v in VERDICTS for v in verdicts.values())
        assert all(c in CONDITIONS for c in row["conditions"])  # type: ignore[attr-defined]  # list from JSON


def test_heldout2_accuracy_per_activity(report: Report) -> None:
    for activity in ACTIVITIES:
        assert report.accuracy[activity] >= 0.90, format_report(report)


def test_heldout2_no_inversions(report: Report) -> None:
    assert report.inversions == [], format_report(report)


def test_heldout2_evidence_offsets(rows: list[dict[str, object]]) -> None:
    for row in rows:
        text = str(row["text"])
        for finding in classify(text).findings.values():
            assert all(text[e.start:e.end] == e.quote for e in finding.evidence)
