"""PDF text with pypdfium2: per page, running headers/footers and page numbers removed."""

from __future__ import annotations

import logging
import re
import threading
from collections import Counter

import pypdfium2 as pdfium

from .model import PDF, Extraction, NoTextLayer, UnreadableDocument
from .normalise import normalise_text

logger = logging.getLogger(__name__)

MAX_PAGES = 2000
MIN_CHARS_PER_PAGE = 20  # fewer on average: a scan without a text layer
EDGE_LINES = 3  # lines at the top and at the bottom of a page where running heads live
# Words kept hyphenated when split at a line end ("co-\nopted" stays "co-opted").
_HYPHEN_PREFIXES = frozenset({"co", "self", "non", "ex", "cross", "semi", "anti", "well", "vice", "sub"})
_PAGE_NUMBER = re.compile(
    r"(?:page\s*)?\d{1,5}(?:\s*(?:of|/)\s*\d{1,5})?|[-\u2013\u2014]\s*\d{1,5}\s*[-\u2013\u2014]|[ivxlc]{1,7}",
    re.I,
)
# pdfium marks a hyphen it judged soft with U+FFFE (older builds: U+0002) and joins the lines.
# A hyphen (or pdfium's soft-hyphen marker) at a line end inside a word. The word character before it is
# checked in _join_hyphen, not by a look-behind: a look-behind tried at every position costs twice as much.
_SOFT_HYPHEN = re.compile(r"[\ufffe\x02]|-[^\S\n]*\n[^\S\n]*(?=[a-z])")
_LINE_END_HYPHEN = re.compile(r"-[^\S\n]*\n[^\S\n]*(?=[a-z])")  # the same without the markers: a fast scan
_HYPHEN_MARKS = ("\ufffe", "\x02")
_WORD_END = re.compile(r"\w+$")
_MS_WORD_TITLE = re.compile(r"^microsoft (?:word|powerpoint) - ", re.I)


def _join_hyphen(match: re.Match[str]) -> str:
    start = match.start()
    if start == 0 or not (match.string[start - 1].isalnum() or match.string[start - 1] == "_"):
        return match.group()  # not after a word character: leave it
    before = _WORD_END.search(match.string, max(0, start - 8), start)
    return "-" if before and before.group().lower() in _HYPHEN_PREFIXES else ""


def _page_lines(text: str) -> list[str]:
    text = text.replace("\r\n", "\n")
    marked = any(mark in text for mark in _HYPHEN_MARKS)  # rare; a character class would scan every page
    text = (_SOFT_HYPHEN if marked else _LINE_END_HYPHEN).sub(_join_hyphen, text)
    return [line for line in normalise_text(text).split("\n") if line]


_NUMBER = re.compile(r"\d+")


def _edge_key(line: str) -> str:
    return _NUMBER.sub("#", line.casefold())


def _is_running(occurrences: list[tuple[int, str]], threshold: int) -> bool:
    """Repeated at page edges: the same line, or one whose number advances with the page."""
    if len(occurrences) < threshold:
        return False
    if len({line for _, line in occurrences}) == 1:
        return True
    numbers = [(index, [int(n) for n in _NUMBER.findall(line)]) for index, line in occurrences]
    for position in range(len(numbers[0][1])):
        offsets = Counter(nums[position] - index for index, nums in numbers if len(nums) > position)
        if offsets.most_common(1)[0][1] >= threshold:
            return True
    return False


def _strip_running(pages: list[list[str]]) -> list[list[str]]:
    """Drop bare page numbers at page edges, and lines repeated at the edges of most pages."""
    edges = [(min(EDGE_LINES, len(lines)), max(len(lines) - EDGE_LINES, EDGE_LINES)) for lines in pages]
    groups: dict[str, list[tuple[int, str]]] = {}
    for index, (lines, (top, bottom)) in enumerate(zip(pages, edges, strict=True)):
        first: dict[str, str] = {}
        for line in lines[:top] + lines[bottom:]:
            first.setdefault(_edge_key(line), line)
        for key, line in first.items():
            groups.setdefault(key, []).append((index, line))
    threshold = max(2, (len(pages) + 1) // 2)
    running = {key for key, occurrences in groups.items() if _is_running(occurrences, threshold)}
    return [
        [
            line for i, line in enumerate(lines)
            if not ((i < top or i >= bottom) and (_edge_key(line) in running or _PAGE_NUMBER.fullmatch(line)))
        ]
        for lines, (top, bottom) in zip(pages, edges, strict=True)
    ]


def _read_pages(doc: pdfium.PdfDocument, count: int) -> list[str]:
    texts = []
    for index in range(count):
        page = doc[index]
        try:
            textpage = page.get_textpage()
            try:
                texts.append(textpage.get_text_range())
            finally:
                textpage.close()
        finally:
            page.close()
    return texts


def _title(doc: pdfium.PdfDocument) -> str | None:
    title = _MS_WORD_TITLE.sub("", normalise_text(doc.get_metadata_value("Title")).replace("\n", " "))
    return title or None


# pdfium is not thread-safe: two threads inside it at once crash the process (SIGSEGV). Every use of pdfium
# in this process goes through this lock, whichever pipeline, crawler or thread calls it.
PDFIUM_LOCK = threading.Lock()


def _read_document(body: bytes, max_pages: int) -> tuple[int, int, list[str], str | None]:
    """Page count, pages read, raw page texts and title, straight from pdfium (hold PDFIUM_LOCK)."""
    try:
        doc = pdfium.PdfDocument(body)
    except pdfium.PdfiumError as exc:
        raise UnreadableDocument(f"PDF: {exc}") from exc
    try:
        page_count = len(doc)
        read = min(page_count, max_pages)
        try:
            raw = _read_pages(doc, read)
        except pdfium.PdfiumError as exc:
            raise UnreadableDocument(f"PDF: {exc}") from exc
        return page_count, read, raw, _title(doc)
    finally:
        doc.close()


def extract_pdf(body: bytes, max_pages: int = MAX_PAGES) -> Extraction:
    """Text of a PDF, one page after another, with ``page_starts``.

    Raises UnreadableDocument (pdfium's reason) for a corrupt, truncated or encrypted
    file, and NoTextLayer for a scan.  Reads at most ``max_pages`` pages.
    """
    with PDFIUM_LOCK:
        page_count, read, raw, title = _read_document(body, max_pages)
    if page_count == 0:
        raise UnreadableDocument("PDF has no pages")
    notes: tuple[str, ...] = ()
    if read < page_count:
        logger.warning("PDF has %d pages; read the first %d", page_count, read)
        notes = (f"read the first {read} of {page_count} pages",)
    pages = _strip_running([_page_lines(text) for text in raw])
    chars = sum(len(line) - line.count(" ") for lines in pages for line in lines)
    if chars < MIN_CHARS_PER_PAGE * read:
        raise NoTextLayer(f"PDF has {page_count} pages but only {chars} characters of text")
    text, starts = "", []
    for lines in pages:
        if lines and text:
            text += "\n\n"
        starts.append(len(text))
        text += "\n".join(lines)
    if title is None:
        title = next((line for lines in pages for line in lines[:1] if len(line) <= 200), None)
    return Extraction(text, PDF, title, tuple(starts), page_count, (), notes)
