"""Dates a document says it was adopted, updated, reviewed or published.

A regex finds short candidate snippets (a keyword, then a date within a few words);
dateparser, which is slow, reads only the date part of each snippet.
"""

from __future__ import annotations

import datetime
import logging
from functools import lru_cache
from typing import TYPE_CHECKING

from rules.wordscan import WordPattern

from .model import ADOPTED, PUBLISHED, REVIEWED, UPDATED, DocumentDate

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

logger = logging.getLogger(__name__)

MAX_DATES = 50
_EARLIEST_YEAR = 1950

# Keyword -> label.  "Next review" dates are plans, not events, so they are excluded.
_KEYWORDS: tuple[tuple[str, str], ...] = (
    (r"adopted|adoption|approved|date\s+of\s+approval|agreed\s+by\s+(?:full\s+)?council", ADOPTED),
    (r"(?:last\s+)?updated|(?:last\s+)?modified|(?:last\s+)?revised|amended|revision\s+date", UPDATED),
    (r"(?<!next\s)(?:last\s+)?reviewed|(?<!next\s)date\s+of\s+review|(?<!next\s)review\s+date", REVIEWED),
    (r"(?:first\s+)?published|date\s+of\s+publication|date\s+issued|issued", PUBLISHED),
)
_LABEL_OF = [label for _, label in _KEYWORDS]
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE = (
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+\d{{4}}"  # 4th March 2021
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"  # March 4, 2021
    rf"|{_MONTH},?\s+\d{{4}}"  # May 2023
    r"|\d{4}-\d{1,2}-\d{1,2}"  # 2021-03-04
    r"|\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})"  # 01/02/2022 (day first)
)
# Between keyword and date: up to ~80 characters of one sentence, across at most a line break.
_GAP = r"(?:[^.;\n]|\.(?=\S)|\n(?![^\S\n]*\n)){0,80}?"
_KEYWORD = "|".join(f"(?P<k{i}>{pattern})" for i, (pattern, _) in enumerate(_KEYWORDS))
# Scanned from the character before each word (rules.wordscan), for the first and last pages of a long document.
_CANDIDATE = WordPattern(rf"(?:date\s+(?:of\s+)?)?(?:{_KEYWORD})\b{_GAP}(?<![\w/.-])(?P<date>{_DATE})(?![\w/-]|\.\d)")
_SETTINGS = {"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first", "PREFER_DATES_FROM": "past"}


@lru_cache(maxsize=1)
def _parser() -> DateDataParser:
    # Imported when first needed: dateparser takes a third of a second to import, and a crawl process that
    # reads no document (every one unchanged) never needs it.
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings=_SETTINGS)


def parse_date(snippet: str) -> datetime.date | None:
    """Read one date snippet, day first (UK); None if dateparser cannot."""
    try:
        parsed = _parser().get_date_data(snippet).date_obj
    except (ValueError, OverflowError) as exc:
        logger.debug("dateparser failed on %r: %s", snippet, exc)
        return None
    if parsed is None:
        return None
    date = parsed.date()
    if not _EARLIEST_YEAR <= date.year <= datetime.date.today().year + 1:
        return None
    return date


def find_dates(text: str) -> list[DocumentDate]:
    """Every adoption / update / review / publication date stated in ``text``, in order.

    Never raises; repeats of the same label and date are dropped.
    """
    found: list[DocumentDate] = []
    seen: set[tuple[str, datetime.date]] = set()
    for match in _CANDIDATE.finditer(text):
        label = next(_LABEL_OF[i] for i in range(len(_KEYWORDS)) if match.group(f"k{i}"))
        date = parse_date(" ".join(match.group("date").split()))
        if date is None or (label, date) in seen:
            continue
        seen.add((label, date))
        found.append(DocumentDate(label, date, " ".join(match.group(0).split())))
        if len(found) >= MAX_DATES:
            break
    return found
