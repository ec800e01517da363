"""Plain-data forms of a Classification: the `ocm classify` JSONL contract and the store's finding rows."""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from rules.evaluate import Report
from rules.result import Classification
from rules.taxonomy import ACTIVITIES, VERDICTS


class InputError(ValueError):
    """One input line of `ocm classify` is unusable."""


@dataclass(frozen=True)
class Passage:
    """One text to classify, with the id it is reported under and the council's nation if known."""

    id: Any
    text: str
    nation: str | None = None


def activity_json(classification: Classification, activity: str) -> dict[str, Any]:
    """One activity's verdict, confidence and doubts, conditions, evidence (quote, start, end, whether it decides the
    verdict, the conditions it gives) and conflict with statute."""
    finding = classification[activity]
    return {
        "verdict": finding.verdict,
        "confidence": finding.confidence,
        "doubts": list(finding.doubts),
        "conditions": list(finding.conditions),
        "evidence": [{"quote": e.quote, "start": e.start, "end": e.end, "decides": e.decides,
                      "conditions": list(e.conditions)} for e in finding.evidence],
        "conflicts_with_statute": classification.conflicts_with_statute.get(activity, False),
    }


def classification_json(passage_id: Any, classification: Classification) -> dict[str, Any]:
    """The line `ocm classify` writes for one input: its id, then one object per activity."""
    return {"id": passage_id, **{a: activity_json(classification, a) for a in ACTIVITIES}}


def parse_jsonl_line(line: str, number: int) -> Passage:
    """Read one `ocm classify` input line: an object with `id`, `text` and an optional `nation`."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"line {number}: not JSON ({exc.msg})") from exc
    if not isinstance(record, dict):
        raise InputError(f"line {number}: expected a JSON object")
    text = record.get("text")
    if not isinstance(text, str):
        raise InputError(f"line {number}: `text` must be a string")
    nation = record.get("nation")
    return Passage(record.get("id", number), text, nation if isinstance(nation, str) else None)


def page_of(page_starts: Sequence[int], offset: int) -> int:
    """The 1-based page holding a character offset, from the offsets where pages start."""
    return max(1, bisect_right(list(page_starts), offset)) if page_starts else 1


def finding_rows(classification: Classification, page_starts: Sequence[int]) -> list[dict[str, Any]]:
    """The classification as the store's finding rows: each evidence quote with its page."""
    rows = []
    for activity in ACTIVITIES:
        data = activity_json(classification, activity)
        for evidence in data["evidence"]:
            evidence["page"] = page_of(page_starts, evidence["start"])
        rows.append({"activity": activity, **data})
    return rows


def parse_labelled(lines: Iterable[str]) -> list[dict[str, Any]]:
    """Read labelled passages (the format of passages-dev.jsonl), checking each has what scoring needs."""
    rows = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        passage = parse_jsonl_line(line, number)
        record = json.loads(line)
        verdicts = record.get("verdicts")
        if not isinstance(verdicts, dict) or any(verdicts.get(a) not in VERDICTS for a in ACTIVITIES):
            raise InputError(f"line {number}: `verdicts` must give one of {', '.join(VERDICTS)} per activity")
        rows.append({**record, "id": passage.id, "text": passage.text, "nation": passage.nation})
    return rows


def report_json(report: Report) -> dict[str, Any]:
    """Scores as plain data: per activity accuracy, macro-F1 and confusion; inversions and misses."""
    def misses(items: list) -> list[dict[str, Any]]:
        return [{"id": m.id, "activity": m.activity, "expected": m.expected, "got": m.got, "text": m.text}
                for m in items]

    return {
        "rows": report.rows,
        "activities": {a: {"accuracy": report.accuracy[a], "macro_f1": report.macro_f1[a],
                           "confusion": [{"expected": e, "got": g, "count": n}
                                         for (e, g), n in sorted(report.confusion[a].items())]}
                       for a in ACTIVITIES},
        "confidence": {"verdicts": report.verdicts, "high": report.high, "high_share": report.high_share,
                       "high_right": report.high_right, "high_accuracy": report.high_accuracy,
                       "low_misses": report.low_misses},
        "inversions": misses(report.inversions),
        "misses": misses(report.misses),
        "ambiguous_differing": misses(report.ambiguous),
    }
