"""DOCX text with python-docx: paragraphs and table cells in document order.

A Word file is a zip package from the web: python-docx only ever sees a copy of its XML parts read within the
caps of package.py, and the walk below never does more work than the XML has elements (python-docx's own
`row.cells` repeats a cell as many times as its `gridSpan` claims, and follows vertical merges up row by row).
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tbl
from docx.oxml.text.paragraph import CT_P
from docx.text.paragraph import Paragraph
from lxml import etree

from .model import DOCX, Extraction, UnreadableDocument
from .normalise import normalise_text
from .package import ZIP_ERRORS, open_package, repack, xml_parts

logger = logging.getLogger(__name__)

_P, _TBL = qn("w:p"), qn("w:tbl")
MAX_REPEATED_CHARS = 2_000_000  # text of vertically merged cells repeated on the rows they span, per document


class _Reader:
    """Paragraph texts, and one block per table row, in document order.

    A vertically merged cell is read once and its text repeated on each row it spans, as python-docx's
    `row.cells` gives it, within MAX_REPEATED_CHARS for the whole document: a cell of a megabyte merged down a
    hundred thousand one-line rows would otherwise make a hundred gigabytes of text from a few of XML."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.repeat_budget = MAX_REPEATED_CHARS

    def blocks(self, container: etree._Element) -> Iterator[str]:
        """The blocks of the body, or of a cell."""
        for child in container.iterchildren(_P, _TBL):
            if isinstance(child, CT_P):
                yield Paragraph(child, self.document).text
            elif isinstance(child, CT_Tbl):
                yield from self.table(child)

    def table(self, tbl: CT_Tbl) -> Iterator[str]:
        above: dict[int, list[str]] = {}  # grid column -> blocks of the cell starting there in the row above
        for tr in tbl.tr_lst:
            row: dict[int, list[str]] = {}
            cells: list[str] = []
            offset = tr.grid_before
            for tc in tr.tc_lst:  # each cell once, however many grid columns it claims to span
                if tc.vMerge == "continue":  # the merged cell above goes on
                    blocks = row[offset] = above.get(offset, [])
                    size = sum(map(len, blocks))
                    if size > self.repeat_budget:
                        blocks = []
                    self.repeat_budget -= min(size, self.repeat_budget)
                else:
                    blocks = row[offset] = list(self.blocks(tc))
                cells.extend(blocks)
                offset += tc.grid_span
            above = row
            yield "\n".join(cells)


def _package(body: bytes) -> bytes:
    """The Word package as python-docx may read it: its XML parts within the caps, stored uncompressed."""
    try:
        with open_package(body) as archive:
            if "word/document.xml" not in archive.namelist():
                raise UnreadableDocument("no word/document.xml")
            return repack(xml_parts(archive))
    except UnreadableDocument as exc:  # DocumentTooLarge included: the same kind, said of a Word file
        raise type(exc)(f"DOCX: {exc}") from exc
    except ZIP_ERRORS as exc:
        raise UnreadableDocument(f"DOCX: not a readable Word package ({exc})") from exc


def _title(document: Document) -> str | None:
    title = (document.core_properties.title or "").strip()
    if title:
        return title
    # Style names looked up once: python-docx's `paragraph.style` scans every style for each paragraph.
    names = {style.style_id: style.name for style in document.styles if style.type == WD_STYLE_TYPE.PARAGRAPH}
    default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
    unstyled = default.name if default is not None else None
    for p in document.element.body.iterchildren(_P):
        if not isinstance(p, CT_P):
            continue
        style = names.get(p.style or "", unstyled)
        if style in ("Title", "Heading 1"):
            text = Paragraph(p, document).text
            if text.strip():
                return normalise_text(text).replace("\n", " ")
    return None


def extract_docx(body: bytes) -> Extraction:
    """Text of a Word document: paragraphs (headings included) and table rows, blank-line separated.

    Raises DocumentTooLarge for a package that unpacks beyond the caps of package.py, UnreadableDocument for a
    corrupt or truncated one.
    """
    package = _package(body)
    try:
        document = docx.Document(io.BytesIO(package))
        blocks = [normalise_text(block) for block in _Reader(document).blocks(document.element.body)]
        title = _title(document)
    # python-docx raises a grab-bag (KeyError, ValueError, lxml errors, ...) on malformed
    # packages; for one document any of them means "unreadable", and the crawl goes on.
    except Exception as exc:
        raise UnreadableDocument(f"DOCX: {type(exc).__name__}: {exc}") from exc
    text = "\n\n".join(block for block in blocks if block)
    return Extraction(text, DOCX, title, (0,), 1, ())
