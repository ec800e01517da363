"""Sniff a fetched document's format and hand it to the right extractor."""

from __future__ import annotations

import dataclasses
import logging
import re
from urllib.parse import urlsplit

from .dates import find_dates
from .docx import extract_docx
from .encoding import decode_html, looks_binary
from .html import extract_html
from .model import DOCX, HTML, PDF, TEXT, Extraction, UnreadableDocument, UnsupportedFormat
from .normalise import normalise_text
from .package import ZIP_ERRORS, open_package
from .pdf import MAX_PAGES, extract_pdf

logger = logging.getLogger(__name__)

_CONTENT_TYPES = {
    "application/pdf": PDF,
    "application/x-pdf": PDF,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": DOCX,
    "text/html": HTML,
    "application/xhtml+xml": HTML,
    "text/plain": TEXT,
}
_EXTENSIONS = {
    ".pdf": PDF, ".docx": DOCX, ".txt": TEXT,
    ".html": HTML, ".htm": HTML, ".xhtml": HTML, ".aspx": HTML, ".asp": HTML, ".php": HTML, ".jsp": HTML,
}
_HTML_START = re.compile(rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_PDF_MAGIC_WINDOW = 1024  # pdfium, like Acrobat, accepts junk before %PDF-


def _is_word_package(body: bytes) -> bool:
    try:
        with open_package(body) as archive:  # DocumentTooLarge for an archive of too many members
            return "word/document.xml" in archive.namelist()
    except ZIP_ERRORS:
        return b"word/" in body  # truncated: local file headers still name the parts


def sniff(body: bytes, content_type: str | None, url: str) -> str:
    """The format of ``body``: magic bytes first, then the Content-Type, then the URL's extension."""
    if body.lstrip()[:5] == b"%PDF-":
        return PDF
    if body.startswith(b"PK\x03\x04"):
        if _is_word_package(body):
            return DOCX
        raise UnsupportedFormat("a zip archive that is not a Word document")
    if _HTML_START.match(body[:4096].removeprefix(b"\xef\xbb\xbf")):
        return HTML
    if b"%PDF-" in body[:_PDF_MAGIC_WINDOW]:
        return PDF
    mime = (content_type or "").split(";")[0].strip().lower()
    if mime in _CONTENT_TYPES:
        return _CONTENT_TYPES[mime]
    path = urlsplit(url).path.lower()
    suffix = path[path.rfind("."):] if "." in path.rsplit("/", 1)[-1] else ""
    if suffix in _EXTENSIONS:
        return _EXTENSIONS[suffix]
    if looks_binary(body):
        raise UnsupportedFormat(f"binary content of type {mime or 'unknown'} at {url}")
    if suffix:
        raise UnsupportedFormat(f"unsupported file type {suffix} ({mime or 'no content type'})")
    return HTML if body.lstrip()[:1] == b"<" else TEXT


def extract(body: bytes, content_type: str | None, url: str, *, max_pages: int = MAX_PAGES) -> Extraction:
    """Normalised text, title, page anchors and dates of one fetched document.

    Raises an ExtractionError subclass when the document yields no text: the caller
    records the reason and the crawl goes on.
    """
    if not body.strip():
        raise UnreadableDocument("empty body")
    kind = sniff(body, content_type, url)
    logger.debug("extracting %s as %s (%d bytes)", url, kind, len(body))
    if kind == PDF:
        result = extract_pdf(body, max_pages=max_pages)
    elif kind == DOCX:
        result = extract_docx(body)
    elif kind == HTML:
        result = extract_html(decode_html(body, content_type))
    else:
        text = decode_html(body, content_type)
        result = Extraction(normalise_text(text), TEXT, None, (0,), 1, ())
    if not result.text:
        raise UnreadableDocument(f"no text in {kind} document")
    if not result.dates:
        result = dataclasses.replace(result, dates=tuple(find_dates(date_zone(result))))
    return result


DATE_PAGES = 3  # adoption and review dates sit on a document's first or last pages (title, document control)


def date_zone(extraction: Extraction) -> str:
    """The text where a document states its dates: all of a short one, the first and last pages of a long
    one (reading a 400-page constitution through for dates would cost more than extracting it)."""
    starts = extraction.page_starts
    if len(starts) <= 2 * DATE_PAGES:
        return extraction.text
    text = extraction.text
    return text[: starts[DATE_PAGES]] + "\n\n" + text[starts[-DATE_PAGES]:]
