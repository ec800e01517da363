"""PDF extraction: running heads, page numbers, hyphenation, page anchors, broken and scanned files."""

from __future__ import annotations

import pytest
from fpdf import FPDF

from pipeline.text import NoTextLayer, UnreadableDocument, extract
from pipeline.text.pdf import extract_pdf

HEADER = "Example Council Constitution"
PAGES = [
    [
        "Part 4 - Rules of Procedure",
        "Members of the public may attend all meetings of the Council.",
        "The Council permits the audio recor-",
        "ding and filming of its public meetings.",
    ],
    [
        "Filming and recording",
        "Anyone filming must not disrupt the meet-",
        "ing and must respect the Chair's directions.",
        "Co-",
        "opted members are not to be filmed.",
    ],
    [
        "Reporting",
        "Social media reporting is welcome during the meeting.",
        "This protocol was adopted by the Council on 4th March 2021.",
    ],
]


class _CouncilPDF(FPDF):
    def header(self) -> None:
        self.set_font("helvetica", size=9)
        self.cell(0, 8, HEADER, align="C")
        self.ln(14)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("helvetica", size=9)
        self.cell(0, 10, f"Page {self.page_no()} of {{nb}}", align="C")


def council_pdf(pages: list[list[str]] = PAGES) -> bytes:
    pdf = _CouncilPDF()
    pdf.set_font("helvetica", size=11)
    for lines in pages:
        pdf.add_page()
        for line in lines:
            pdf.cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


@pytest.fixture(scope="module")
def extraction():
    return extract(council_pdf(), "application/pdf", "https://example.gov.uk/constitution.pdf")


def test_text_in_order_without_running_heads(extraction) -> None:
    text = extraction.text
    assert extraction.format == "pdf"
    assert extraction.page_count == 3
    assert HEADER not in text
    assert "Page 1 of 3" not in text and "of 3" not in text
    assert text.startswith("Part 4 - Rules of Procedure")
    assert text.index("Members of the public") < text.index("Filming and recording") < text.index("Reporting")


def test_hyphenation_repaired(extraction) -> None:
    assert "audio recording and filming" in extraction.text
    assert "disrupt the meeting and" in extraction.text
    assert "Co-opted members" in extraction.text  # a real hyphen survives
    assert "recor-" not in extraction.text


def test_page_of_maps_offsets_to_pages(extraction) -> None:
    text = extraction.text
    assert len(extraction.page_starts) == 3
    assert extraction.page_of(text.index("audio recording")) == 1
    assert extraction.page_of(text.index("Filming and recording")) == 2
    assert extraction.page_of(text.index("Reporting")) == 3
    assert extraction.page_of(len(text) + 100) == 3
    assert text[extraction.page_starts[1]:].startswith("Filming and recording")
    with pytest.raises(ValueError):
        extraction.page_of(-1)


def test_pages_separated_by_blank_line(extraction) -> None:
    assert extraction.text[extraction.page_starts[1] - 2:extraction.page_starts[1]] == "\n\n"


def test_dates_read(extraction) -> None:
    assert [(d.label, d.date.isoformat()) for d in extraction.dates] == [("adopted", "2021-03-04")]


def test_single_page_keeps_its_heading_but_drops_page_number() -> None:
    result = extract(council_pdf(PAGES[:1]), None, "https://example.gov.uk/a.pdf")
    assert result.text.startswith(HEADER)  # one page: nothing repeats, so nothing is "running"
    assert "Page 1 of 1" not in result.text


def test_truncated_pdf_is_unreadable() -> None:
    body = council_pdf()
    with pytest.raises(UnreadableDocument, match="PDF"):
        extract(body[: len(body) // 2], "application/pdf", "https://example.gov.uk/c.pdf")


def test_pdf_content_type_with_garbage_is_unreadable() -> None:
    with pytest.raises(UnreadableDocument):
        extract(b"%PDF-1.7\n garbage", "application/pdf", "https://example.gov.uk/c.pdf")


def test_scanned_pdf_has_no_text_layer() -> None:
    pdf = FPDF()
    for _ in range(3):
        pdf.add_page()
        pdf.set_fill_color(120, 120, 120)
        pdf.rect(20, 20, 150, 200, style="F")
    with pytest.raises(NoTextLayer, match="3 pages"):
        extract(bytes(pdf.output()), "application/pdf", "https://example.gov.uk/scan.pdf")


def test_max_pages_guard_reads_only_the_first_pages() -> None:
    result = extract_pdf(council_pdf(PAGES * 2), max_pages=2)
    assert result.page_count == 6
    assert len(result.page_starts) == 2
    assert "Reporting" not in result.text
    assert result.notes == ("read the first 2 of 6 pages",)


def test_title_from_metadata() -> None:
    pdf = _CouncilPDF()
    pdf.set_title("Microsoft Word - Filming Protocol")
    pdf.set_font("helvetica", size=11)
    pdf.add_page()
    pdf.cell(0, 7, "Members of the public may film our meetings.")
    assert extract(bytes(pdf.output()), None, "x.pdf").title == "Filming Protocol"
