"""A classifier test case written in the style of real council text, and the one check every case gets."""

from __future__ import annotations

from dataclasses import dataclass

from rules import classify
from rules.taxonomy import ACTIVITIES, AUDIO_RECORDING, FILMING, NOT_STATED, PHOTOGRAPHY, SOCIAL_MEDIA

F, A, P, S = FILMING, AUDIO_RECORDING, PHOTOGRAPHY, SOCIAL_MEDIA
FA = (F, A)
FAP = (F, A, P)
ALL = (F, A, P, S)


@dataclass(frozen=True)
class Case:
    """The verdicts that must come out (activities not named must be `not_stated` unless listed in `free`), the
    conditions that must and must not be present, and, where the case is about it, the confidence and a doubt every
    named activity must carry."""

    text: str
    verdicts: dict[str, str]
    conditions: tuple[str, ...] = ()
    not_conditions: tuple[str, ...] = ()
    free: tuple[str, ...] = ()
    confidence: str | None = None
    doubt: str | None = None
    nation: str = "England"


def v(acts: tuple[str, ...], verdict: str) -> dict[str, str]:
    return {a: verdict for a in acts}


def check(case: Case) -> None:
    """Classify the case's text and assert everything the case pins down, and that evidence quotes the text."""
    result = classify(case.text, nation=case.nation)
    for activity in ACTIVITIES:
        if activity not in case.free:
            expected = case.verdicts.get(activity, NOT_STATED)
            assert result[activity].verdict == expected, f"{activity}: {result[activity]}"
    stated = [result[a] for a in case.verdicts]
    for condition in case.conditions:
        assert any(condition in f.conditions for f in stated), f"missing {condition}: {stated}"
    for condition in case.not_conditions:
        assert not any(condition in f.conditions for f in result.findings.values()), f"unexpected {condition}"
    if case.confidence:
        assert all(f.confidence == case.confidence for f in stated), stated
    if case.doubt:
        assert all(case.doubt in f.doubts for f in stated), stated
    for finding in result.findings.values():
        assert all(case.text[e.start:e.end] == e.quote for e in finding.evidence)
        assert bool(finding.evidence) == (finding.verdict != NOT_STATED)
