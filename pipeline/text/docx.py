"""DOCX text with python-docx: paragraphs and table cells in document order."""

from __future__ import annotations

import io
import logging
import struct
import zipfile
import zlib
from collections.abc import Iterator

import docx
from docx.document import Document
from docx.table import Table, _Cell  # _Cell: python-docx's only cell type
from docx.text.paragraph import Paragraph

from .model import DOCX, Extraction, UnreadableDocument
from .normalise import normalise_text

logger = logging.getLogger(__name__)

MAX_XML_BYTES = 200_000_000  # uncompressed word/document.xml; beyond this, a zip bomb
# What zipfile raises on damaged archives (a corrupt header can claim any version or method).
ZIP_ERRORS = (
    zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError, NotImplementedError, RuntimeError,
    struct.error, zlib.error,
)


def _table_blocks(table: Table) -> Iterator[str]:
    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:  # a merged cell repeats across the grid; read it once
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.extend(_blocks(cell))
        yield "\n".join(cells)


def _blocks(container: Document | _Cell) -> Iterator[str]:
    """Paragraph texts, and one block per table row, in document order."""
    for item in container.iter_inner_content():
        if isinstance(item, Paragraph):
            yield item.text
        elif isinstance(item, Table):
            yield from _table_blocks(item)


def _check_package(body: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            info = archive.getinfo("word/document.xml")
    except ZIP_ERRORS as exc:
        raise UnreadableDocument(f"DOCX: not a readable Word package ({exc})") from exc
    if info.file_size > MAX_XML_BYTES:
        raise UnreadableDocument(f"DOCX: document.xml is {info.file_size} bytes uncompressed")


def _title(document: Document) -> str | None:
    title = (document.core_properties.title or "").strip()
    if title:
        return title
    for paragraph in document.paragraphs:
        style = paragraph.style.name if paragraph.style is not None else ""
        if style in ("Title", "Heading 1") and paragraph.text.strip():
            return normalise_text(paragraph.text).replace("\n", " ")
    return None


def extract_docx(body: bytes) -> Extraction:
    """Text of a Word document: paragraphs (headings included) and table rows, blank-line separated.

    Raises UnreadableDocument for a corrupt or truncated package.
    """
    _check_package(body)
    try:
        document = docx.Document(io.BytesIO(body))
        blocks = [normalise_text(block) for block in _blocks(document)]
        title = _title(document)
    # python-docx raises a grab-bag (KeyError, ValueError, lxml errors, ...) on malformed
    # packages; for one document any of them means "unreadable", and the crawl goes on.
    except Exception as exc:
        raise UnreadableDocument(f"DOCX: {type(exc).__name__}: {exc}") from exc
    text = "\n\n".join(block for block in blocks if block)
    return Extraction(text, DOCX, title, (0,), 1, ())
