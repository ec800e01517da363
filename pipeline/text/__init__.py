"""Pure text extraction: fetched bytes (HTML, PDF, DOCX, plain text) to normalised text.

``extract(body, content_type, url)`` returns an :class:`Extraction` or raises an
:class:`ExtractionError` subclass; nothing here does I/O.
"""

from .dates import find_dates
from .extract import extract, sniff
from .model import (
    DocumentDate,
    DocumentTooLarge,
    Extraction,
    ExtractionError,
    NoTextLayer,
    UnreadableDocument,
    UnsupportedFormat,
)
from .normalise import normalise_text

__all__ = [
    "DocumentDate",
    "DocumentTooLarge",
    "Extraction",
    "ExtractionError",
    "NoTextLayer",
    "UnreadableDocument",
    "UnsupportedFormat",
    "extract",
    "find_dates",
    "normalise_text",
    "sniff",
]
