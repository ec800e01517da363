"""Render sample documents as PDF with fpdf2 (core fonts, so latin-1 text only).

Bytes are deterministic for a given document and creation date: the sample web
changes the date per night to imitate a council re-saving an unchanged file.
"""

from __future__ import annotations

from datetime import datetime

from fpdf import FPDF

from .texts import Document, ascii_safe, source_line

PRODUCER = "Open Council Meetings sample web (fpdf2)"


class _CouncilPDF(FPDF):
    """A4 pages with the council name and page number in the footer."""

    footer_text = ""

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("helvetica", size=8)
        self.cell(0, 10, f"{self.footer_text} - Page {self.page_no()}", align="C")


def render_pdf(doc: Document, created: datetime) -> bytes:
    """Draw ``doc`` (title, sections, sources at the end) and return the PDF bytes."""
    pdf = _CouncilPDF(format="A4")
    pdf.footer_text = ascii_safe(f"{doc.council} - {doc.title}")
    pdf.set_creation_date(created)
    pdf.set_title(ascii_safe(doc.title))
    pdf.set_author(ascii_safe(doc.council))
    pdf.set_creator("Microsoft Word")
    pdf.set_producer(PRODUCER)
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(True, margin=22)
    pdf.add_page()
    pdf.set_font("helvetica", "B", 16)
    _para(pdf, doc.council, 8)
    _para(pdf, doc.title, 8)
    pdf.ln(4)
    pdf.set_font("helvetica", size=11)
    for line in doc.intro:
        _para(pdf, line, 6)
    for section in doc.sections:
        if section.new_page:
            pdf.add_page()
        pdf.ln(3)
        pdf.set_font("helvetica", "B", 12)
        _para(pdf, section.heading, 7)
        pdf.set_font("helvetica", size=11)
        for line in section.paragraphs:
            _para(pdf, line, 6)
    if doc.sources:
        pdf.ln(6)
        pdf.set_font("helvetica", "I", 9)
        for url in doc.sources:
            _para(pdf, source_line(url), 5)
    return bytes(pdf.output())


def _para(pdf: FPDF, text: str, height: float) -> None:
    pdf.multi_cell(0, height, ascii_safe(text), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)
