"""A pure `classify(text, nation)`: per activity a verdict, its conditions, the quoted evidence and a confidence.

The text's relevant sentences are read in their context (`rules.document`: headings, lead-ins, minutes, who
acts), each by the rules of `rules.patterns` (`rules.reader`), and each activity's finding is the general
rule those readings state, its exceptions as conditions (`rules.decide`). Every finding says `high` or `low`
confidence, with the doubts a reviewer should check.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from rules.decide import MAX_EVIDENCE, decide
from rules.document import read_document
from rules.doubts import WELSH
from rules.language import is_welsh
from rules.result import ActivityFinding, Classification, Evidence
from rules.segment import sentence_span
from rules.taxonomy import ACTIVITIES, LOW, NOT_STATED, conflicts_with_statute
from rules.version import CLASSIFIER_VERSION

logger = logging.getLogger(__name__)


def classify(text: str, nation: str | None = None) -> Classification:
    """Classify one document or passage for every activity; offsets in the evidence index `text`."""
    reading = read_document(text)
    findings = {a: whole_sentences(text, decide(a, reading.votes, reading.set_aside, nation)) for a in ACTIVITIES}
    if any(f.verdict == NOT_STATED for f in findings.values()) and is_welsh(text):
        findings = {a: _unread(f) if f.verdict == NOT_STATED else f for a, f in findings.items()}
    logger.debug("classified %d chars: %d votes, %d set aside", len(text), len(reading.votes), len(reading.set_aside))
    return Classification(
        findings=findings,
        version=CLASSIFIER_VERSION,
        conflicts_with_statute={a: conflicts_with_statute(f.verdict, nation) for a, f in findings.items()},
        council_broadcast=tuple(Evidence(s.quote, s.start, s.end) for s in reading.council_broadcast[:MAX_EVIDENCE]),
    )


def _unread(finding: ActivityFinding) -> ActivityFinding:
    """A 'says nothing' the rules cannot vouch for: the text is in a language they do not read."""
    return replace(finding, confidence=LOW, doubts=(WELSH, *(d for d in finding.doubts if d != WELSH)))


def whole_sentences(text: str, finding: ActivityFinding) -> ActivityFinding:
    """The finding with each quote widened to its whole sentence (`rules.segment.sentence_span`); clauses of one
    sentence become one quote, which decides the verdict if any of them did and gives all their conditions."""
    merged: dict[tuple[int, int], Evidence] = {}
    for e in finding.evidence:
        start, end = sentence_span(text, e.start, e.end)
        seen = merged.get((start, end)) or Evidence(text[start:end], start, end)
        conditions = seen.conditions + tuple(c for c in e.conditions if c not in seen.conditions)
        merged[(start, end)] = replace(seen, decides=seen.decides or e.decides, conditions=conditions)
    return replace(finding, evidence=tuple(merged.values()))
