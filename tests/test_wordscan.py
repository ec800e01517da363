"""The fast word scan finds exactly what the plain IGNORECASE regex finds, on hostile text."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.text.dates import _CANDIDATE
from rules.terms import LOCATE
from rules.wordscan import WordPattern

# Words of both vocabularies, cased every way, and the characters that trip a lower-cased scan: word characters
# outside ASCII before a word ("éfilm"), letters that lower-case to two ("İ"), letters only IGNORECASE folds to
# ASCII ("ſocial" for "social", "ı" for "i"), digits and underscores glued to a word.
_WORDS = st.sampled_from([
    "Filming", "RECORDING", "record of the vote", "recorded", "Social\nMedia", "ſocial media", "lıve-stream",
    "Tweet", "photographs", "report on", "webcast", "Adopted", "Last updated", "Date of adoption", "reviewed",
    "next review date", "4th March 2021", "May 2023", "01/02/2022", "2020-09-30", "12.07.2019", "on",
    "é", "_", "2", "-", "(", "/", "İstanbul", "ǅ", "ß", ".", "\n", "\n\n", " ",
])
_TEXTS = st.one_of(st.lists(_WORDS, max_size=60).map(" ".join), st.lists(_WORDS, max_size=60).map("".join))


def _found(pattern: WordPattern, text: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


def _expected(pattern: WordPattern, text: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in pattern.exact.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(_TEXTS)
def test_the_activity_vocabulary_is_found_as_the_plain_regex_finds_it(text: str) -> None:
    assert _found(LOCATE, text) == _expected(LOCATE, text)


@settings(max_examples=400, deadline=None)
@given(_TEXTS)
def test_dates_are_found_as_the_plain_regex_finds_them(text: str) -> None:
    assert _found(_CANDIDATE, text) == _expected(_CANDIDATE, text)


def test_a_word_inside_another_word_is_not_a_hit() -> None:
    assert _found(LOCATE, "éfilm refilm film") == [((13, 17), {})]
    assert [m.group() for m in LOCATE.finditer("ſocial media and SOCIAL MEDIA")] == ["ſocial media", "SOCIAL MEDIA"]


def test_a_pattern_with_an_upper_case_letter_is_refused() -> None:
    """The fast scan reads lower-cased text, so "Twitter" in a pattern would never be found there."""
    with pytest.raises(ValueError, match="lower case"):
        WordPattern(r"film|Twitter")
    assert WordPattern(r"(?P<Word>film\S*)|[^\S\n]tweet").search("Filmed, tweet") is not None  # escapes, names


def test_a_pattern_that_matches_empty_text_does_not_stall() -> None:
    """Not a pattern worth writing, but one that would hang a night's worker if the scan stood still."""
    found = itertools.islice(WordPattern(r"x?").finditer("a b"), 10)  # a stalled scan yields forever: fail, not hang
    assert [m.span() for m in found] == [(0, 0), (2, 2)]
