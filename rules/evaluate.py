"""Score the classifier on labelled passages: accuracy, macro-F1, confusion, inversions, misses.

Rows are dicts shaped like tests/data/passages/passages-dev.jsonl: `id`, `text`, `nation`, `verdicts`
(activity -> verdict) and `ambiguous` (such rows are predicted and listed but not scored).

The confidence is scored too: how many scored verdicts the classifier calls high confidence, and how many of
those are right. A reviewer can trust `high` only as far as that accuracy goes, on text the rules were not
written from.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from rules.classifier import classify
from rules.result import Classification
from rules.taxonomy import ACTIVITIES, ALLOWED, HIGH, PERMISSION, PROHIBITED, VERDICTS

Predict = Callable[..., Classification]
Row = TypeVar("Row", bound=Mapping[str, Any])

# Pairs that must never be confused: telling people they may when they may not, or the reverse.
INVERSIONS = frozenset({(ALLOWED, PROHIBITED), (PROHIBITED, ALLOWED), (ALLOWED, PERMISSION), (PERMISSION, ALLOWED)})


@dataclass(frozen=True)
class Miss:
    """One wrong verdict: the row, the activity, what was expected and what came out."""

    id: str
    activity: str
    expected: str
    got: str
    text: str


@dataclass
class Report:
    """Per-activity scores over the non-ambiguous rows."""

    rows: int = 0
    accuracy: dict[str, float] = field(default_factory=dict)
    macro_f1: dict[str, float] = field(default_factory=dict)
    confusion: dict[str, dict[tuple[str, str], int]] = field(default_factory=dict)
    inversions: list[Miss] = field(default_factory=list)
    misses: list[Miss] = field(default_factory=list)
    ambiguous: list[Miss] = field(default_factory=list)
    verdicts: int = 0  # scored verdicts: rows x activities
    high: int = 0  # of them, called high confidence
    high_right: int = 0  # of those, right
    low_misses: int = 0  # misses the classifier called low confidence

    @property
    def high_share(self) -> float:
        """The share of scored verdicts called high confidence."""
        return self.high / self.verdicts if self.verdicts else 0.0

    @property
    def high_accuracy(self) -> float:
        """The accuracy of the verdicts called high confidence."""
        return self.high_right / self.high if self.high else 0.0


def score(rows: Iterable[Mapping[str, Any]], predict: Predict = classify) -> Report:
    """Predict every row and score the verdicts per activity (ambiguous rows are only listed)."""
    report = Report(confusion={a: {} for a in ACTIVITIES})
    for row in rows:
        result = predict(row["text"], nation=row.get("nation"))
        for activity in ACTIVITIES:
            expected, got = row["verdicts"][activity], result[activity].verdict
            miss = Miss(str(row["id"]), activity, expected, got, row["text"])
            if row.get("ambiguous"):
                if expected != got:
                    report.ambiguous.append(miss)
                continue
            cell = report.confusion[activity]
            cell[(expected, got)] = cell.get((expected, got), 0) + 1
            _count_confidence(report, result[activity].confidence == HIGH, expected == got)
            if expected != got:
                report.misses.append(miss)
                if (expected, got) in INVERSIONS:
                    report.inversions.append(miss)
        report.rows += 0 if row.get("ambiguous") else 1
    for activity, cells in report.confusion.items():
        total = sum(cells.values())
        right = sum(n for (e, g), n in cells.items() if e == g)
        report.accuracy[activity] = right / total if total else 0.0
        report.macro_f1[activity] = macro_f1(cells)
    return report


def _count_confidence(report: Report, high: bool, right: bool) -> None:
    report.verdicts += 1
    report.high += high
    report.high_right += high and right
    report.low_misses += not high and not right


def select_ids(rows: Iterable[Row], ids: Iterable[str]) -> list[Row]:
    """The rows whose id is listed (as text), in their order; an id with no row is an error."""
    wanted = set(ids)
    found = [r for r in rows if str(r["id"]) in wanted]
    missing = wanted - {str(r["id"]) for r in found}
    if missing:
        raise KeyError(f"no row with id {', '.join(sorted(missing))}")
    return found


def macro_f1(cells: Mapping[tuple[str, str], int]) -> float:
    """Mean F1 over the verdict labels that occur in the gold labels or the predictions."""
    labels = [v for v in VERDICTS if any(v in pair for pair in cells)]
    scores = []
    for label in labels:
        tp = cells.get((label, label), 0)
        fp = sum(n for (e, g), n in cells.items() if g == label and e != label)
        fn = sum(n for (e, g), n in cells.items() if e == label and g != label)
        scores.append(2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0)
    return sum(scores) / len(scores) if scores else 0.0


def format_report(report: Report, texts: bool = True) -> str:
    """A plain-text report: scores per activity, confusion matrices, inversions and misses (with their whole text,
    unless `texts` is false: a held-out split is scored without its texts being read)."""
    lines = [f"{report.rows} scored rows", f"{'activity':<16} {'accuracy':>9} {'macro-F1':>9}"]
    for activity in ACTIVITIES:
        lines.append(f"{activity:<16} {report.accuracy[activity]:>9.3f} {report.macro_f1[activity]:>9.3f}")
    lines.append(
        f"\nconfidence: {report.high} of {report.verdicts} verdicts high ({report.high_share:.0%}); "
        f"high-confidence accuracy {report.high_accuracy:.3f} ({report.high_right} of {report.high} right); "
        f"{report.low_misses} of {len(report.misses)} misses called low")
    for activity in ACTIVITIES:
        lines.append(f"\nconfusion {activity} (rows: expected, columns: got)")
        lines.append(" " * 12 + "".join(f"{v[:10]:>11}" for v in VERDICTS))
        for e in VERDICTS:
            counts = [report.confusion[activity].get((e, g), 0) for g in VERDICTS]
            lines.append(f"{e[:11]:<12}" + "".join(f"{n:>11}" for n in counts))
    lines.append(f"\ninversions: {len(report.inversions)}")
    for title, misses in (("misses", report.misses), ("ambiguous rows differing (not scored)", report.ambiguous)):
        lines.append(f"\n{title}: {len(misses)}")
        for m in misses:  # every miss with its whole text: a person reads it to see what the rules missed
            lines.append(f"  {m.id} {m.activity}: expected {m.expected}, got {m.got}")
            if texts:
                lines.extend(f"      {line}" for line in m.text.splitlines() if line.strip())
    return "\n".join(lines)
