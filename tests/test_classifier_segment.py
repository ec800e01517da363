"""Long documents: the relevant clause is located in a constitution's filler and read the same way."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rules import classify
from rules.segment import WINDOW, hit_windows, relevant_segments, segments
from rules.taxonomy import ACTIVITIES, FILMING, PERMISSION
from rules.terms import LOCATE

FILLER = (Path(__file__).parent / "fixtures" / "classifier" / "procedure_filler.txt").read_text(encoding="utf-8")
CLAUSES = {
    "permission": "21 PHOTOGRAPHY AND AUDIO/VISUAL RECORDING OF MEETINGS\nThe filming, video filming, photographing "
    "or audio recording of a meeting shall not be permitted by any person without the explicit consent of the "
    "Chairman.",
    "allowed": "22. REPORTING ON MEETINGS\n22.1 Any person attending a meeting open to the public may film, "
    "photograph, audio-record or use social media to report on it, provided that this is not disruptive.\n22.2 "
    "Flash photography is not permitted and filming is not allowed while the press and public are excluded.",
    "notice": "Any person wishing to record a meeting is required to inform the Clerk prior to the start of the "
    "meeting.",
}


def big_document(clause: str, megabytes: float = 1.0) -> tuple[str, int]:
    """`clause` buried in the middle of about `megabytes` of procedure-rule filler; returns text and offset."""
    half = FILLER * int(megabytes * 1_000_000 / len(FILLER) / 2 + 1)
    prefix = half + "\n\n"
    return prefix + clause + "\n\n" + half, len(prefix)


def test_segments_keep_offsets() -> None:
    text = "Filming is allowed.  Flash is not; and tweeting is welcome.\n\nNEXT HEADING\nNew para (a) item\n(b) item"
    segs = segments(text)
    assert [s.quote for s in segs][:3] == ["Filming is allowed.", "Flash is not", "tweeting is welcome."]
    assert all(text[s.start:s.end] == s.quote for s in segs)


def test_wrapped_lines_stay_one_sentence() -> None:
    text = "The filming or audio recording of a\nmeeting shall not be permitted by any person without the\nconsent."
    assert [s.quote for s in segments(text)] == [text]


def test_relevant_segments_skip_filler() -> None:
    text, _ = big_document(CLAUSES["notice"], 0.2)
    quotes = [s.quote for s in relevant_segments(text)]
    assert CLAUSES["notice"] in quotes
    assert len(quotes) <= 5


@pytest.mark.parametrize("name", list(CLAUSES))
def test_buried_clause_reads_as_alone(name: str) -> None:
    clause = CLAUSES[name]
    alone = classify(clause, nation="England")
    text, offset = big_document(clause)
    buried = classify(text, nation="England")
    for activity in ACTIVITIES:
        assert buried[activity].verdict == alone[activity].verdict
        assert buried[activity].conditions == alone[activity].conditions
        for ev, ev_alone in zip(buried[activity].evidence, alone[activity].evidence, strict=True):
            assert text[ev.start:ev.end] == ev.quote == ev_alone.quote
            assert ev.start == ev_alone.start + offset
    assert buried.conflicts_with_statute == alone.conflicts_with_statute


def test_filler_alone_says_nothing() -> None:
    result = classify(FILLER * 20)
    assert all(f.verdict == "not_stated" for f in result.findings.values())


def test_a_clause_in_a_two_megabyte_document_is_found() -> None:
    """The locate scan reads the whole text (its speed is measured in bench/classify_speed.py, not here)."""
    text, offset = big_document(CLAUSES["permission"], 2.0)
    result = classify(text)
    assert result[FILMING].verdict == PERMISSION
    clause_end = offset + len(CLAUSES["permission"])
    assert result[FILMING].evidence and all(offset <= ev.start < clause_end for ev in result[FILMING].evidence)


_WORDS = st.sampled_from(["Filming", "RECORDING", "record of the vote", "recorded in the minutes", "Social\nMedia",
                          "é", "_", "2", "-", "(", "live-stream", "Tweet", "photographs", "the", "İstanbul", "ǅ",
                          "ß", "\u0130", "report on", "Reports on", "webcast", ".", "\n\n", " "])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.lists(_WORDS, max_size=60).map(" ".join), st.lists(_WORDS, max_size=60).map("".join)))
def test_the_fast_locate_scan_finds_what_the_ignorecase_one_finds(text: str) -> None:
    """hit_windows scans with rules.wordscan: its windows must be those of the plain regex."""
    expected: list[tuple[int, int]] = []
    for m in LOCATE.exact.finditer(text):
        lo, hi = max(0, m.start() - WINDOW), min(len(text), m.end() + WINDOW)
        if expected and lo <= expected[-1][1]:
            expected[-1] = (expected[-1][0], hi)
        else:
            expected.append((lo, hi))
    assert hit_windows(text) == expected
