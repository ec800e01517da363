"""The result of extracting one document, and the ways extraction can fail."""

from __future__ import annotations

import datetime
from bisect import bisect_right
from dataclasses import dataclass

HTML = "html"
PDF = "pdf"
DOCX = "docx"
TEXT = "text"
FORMATS = (HTML, PDF, DOCX, TEXT)

ADOPTED = "adopted"
UPDATED = "updated"
REVIEWED = "reviewed"
PUBLISHED = "published"
DATE_LABELS = (ADOPTED, UPDATED, REVIEWED, PUBLISHED)


class ExtractionError(Exception):
    """Why one document yielded no text; the crawl records it and goes on."""


class UnreadableDocument(ExtractionError):
    """Corrupt or truncated PDF / DOCX, binary served as HTML, or an empty body."""


class DocumentTooLarge(UnreadableDocument):
    """A document that would unpack beyond a cap: a zip bomb, or a Word file too big to be a policy."""


class NoTextLayer(ExtractionError):
    """A scanned PDF: it has pages but (almost) no text. Not evidence of "no policy"."""


class UnsupportedFormat(ExtractionError):
    """A format we do not read (legacy .doc, spreadsheets, images, ...)."""


@dataclass(frozen=True)
class DocumentDate:
    """A date the document says it was adopted, updated, reviewed or published."""

    label: str
    date: datetime.date
    quote: str


@dataclass(frozen=True)
class Extraction:
    """Normalised text of one document with its page anchors, title and dates.

    ``page_starts`` holds the offset in ``text`` where each page read begins (one per
    page for a PDF, ``(0,)`` otherwise).  ``page_count`` is the document's page count,
    which exceeds ``len(page_starts)`` only when a huge PDF was cut short; ``notes``
    then says so.
    """

    text: str
    format: str
    title: str | None
    page_starts: tuple[int, ...]
    page_count: int
    dates: tuple[DocumentDate, ...]
    notes: tuple[str, ...] = ()

    def page_of(self, offset: int) -> int:
        """The 1-based page holding character ``offset`` of ``text``."""
        if offset < 0:
            raise ValueError(f"negative offset {offset}")
        return max(1, bisect_right(self.page_starts, offset))
