"""Adoption / update / review / publication dates read from document text."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.text.dates import find_dates


@pytest.mark.parametrize(
    ("text", "label", "date", "quote"),
    [
        ("Adopted: 4th March 2021", "adopted", "2021-03-04", "Adopted: 4th March 2021"),
        (
            "This policy was adopted at the Council meeting on 4th March 2021. It replaces the 2015 rules.",
            "adopted", "2021-03-04", "adopted at the Council meeting on 4th March 2021",
        ),
        ("Last updated 12 May 2024", "updated", "2024-05-12", "Last updated 12 May 2024"),
        ("Reviewed: May 2023", "reviewed", "2023-05-01", "Reviewed: May 2023"),
        ("Date of adoption 01/02/2022", "adopted", "2022-02-01", "Date of adoption 01/02/2022"),
        (
            "Approved by Full Council\n12.07.2019",
            "adopted", "2019-07-12", "Approved by Full Council 12.07.2019",
        ),
        ("First published 2020-09-30", "published", "2020-09-30", "First published 2020-09-30"),
        (
            "Last reviewed on the 1st of April 2020",
            "reviewed", "2020-04-01", "Last reviewed on the 1st of April 2020",
        ),
        ("Amended: Sept 2022", "updated", "2022-09-01", "Amended: Sept 2022"),
    ],
)
def test_reads_stated_dates(text: str, label: str, date: str, quote: str) -> None:
    found = find_dates(text)
    assert [(d.label, d.date, d.quote) for d in found] == [(label, datetime.date.fromisoformat(date), quote)]


@pytest.mark.parametrize(
    "text",
    [
        "Next review date: May 2025",
        "Date of next review: May 2025",
        "The council meets on 4 March 2021.",  # a date without a keyword
        "Adopted. The committee met on 4 March 2021.",  # keyword in another sentence
        "Adopted 31/02/2022",  # no such day
        "Updated 12 May 1066",  # implausible
        "adopted on 4 March 20211.",  # not a year
    ],
)
def test_ignores_non_dates(text: str) -> None:
    assert find_dates(text) == []


def test_several_dates_in_order_without_repeats() -> None:
    text = (
        "Adopted by Council on 3 June 2019.\nLast reviewed: 14/11/2023.\n"
        "Footer: adopted by Council on 3 June 2019."
    )
    assert [(d.label, d.date.isoformat()) for d in find_dates(text)] == [
        ("adopted", "2019-06-03"),
        ("reviewed", "2023-11-14"),
    ]


_DATE_ISH = st.sampled_from(list("adopted updated reviewed 0123456789/.-: MarchMay\n"))


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=_DATE_ISH, max_size=200))
def test_never_raises(text: str) -> None:
    for found in find_dates(text):
        assert found.label in {"adopted", "updated", "reviewed", "published"}
        assert found.quote


def test_a_long_pdf_is_searched_for_dates_on_its_first_and_last_pages_only():
    from pipeline.text.extract import date_zone
    from pipeline.text.model import Extraction

    pages = [f"Page {n} text. " for n in range(20)]
    pages[0] += "Adopted: 4th March 2021."
    pages[10] += "Minute 12 of 3 May 2019 is noted."
    pages[19] += "Last reviewed May 2024."
    starts, text = [], ""
    for page in pages:
        starts.append(len(text))
        text += page + "\n\n"
    zone = date_zone(Extraction(text, "pdf", None, tuple(starts), 20, ()))
    assert "Adopted: 4th March 2021" in zone and "Last reviewed May 2024" in zone
    assert "3 May 2019" not in zone
