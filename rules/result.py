"""What the classifier returns: per activity a verdict, its conditions and the quoted evidence."""

from __future__ import annotations

from dataclasses import dataclass, field

from rules.taxonomy import HIGH


@dataclass(frozen=True)
class Evidence:
    """A quoted sentence that decided a verdict or condition, with its character offsets in the text.

    `decides`: the sentence states the verdict; `conditions`: the conditions it gave the finding.
    """

    quote: str
    start: int
    end: int
    decides: bool = False
    conditions: tuple[str, ...] = ()


@dataclass(frozen=True)
class ActivityFinding:
    """The verdict for one activity, the conditions attached to it and the evidence for both.

    `confidence` is `high` or `low`; `doubts` are short reasons a reviewer reads ("a requirement or a request?").
    """

    activity: str
    verdict: str
    conditions: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    confidence: str = HIGH
    doubts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Classification:
    """The findings for every activity of one text, and the classifier version that made them."""

    findings: dict[str, ActivityFinding]
    version: str
    conflicts_with_statute: dict[str, bool] = field(default_factory=dict)
    # Sentences about the council's own webcast/recording: a separate fact, never a verdict above.
    council_broadcast: tuple[Evidence, ...] = ()

    def __getitem__(self, activity: str) -> ActivityFinding:
        return self.findings[activity]
