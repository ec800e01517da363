"""DOCX extraction: paragraphs, headings and tables in order; broken packages."""

from __future__ import annotations

import io

import docx
import pytest

from pipeline.text import UnreadableDocument, UnsupportedFormat, extract

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def council_docx(title: str | None = None) -> bytes:
    document = docx.Document()
    if title:
        document.core_properties.title = title
    document.add_heading("Protocol on filming council meetings", level=1)
    document.add_paragraph("Members of the public may   film public meetings.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Activity"
    table.cell(0, 1).text = "Conditions"
    table.cell(1, 0).text = "Audio recording"
    table.cell(1, 1).text = "Notify the clerk in advance"
    document.add_heading("Review", level=2)
    document.add_paragraph("Last reviewed: May 2023")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_paragraphs_headings_and_table_in_order() -> None:
    result = extract(council_docx(), DOCX_TYPE, "https://example.gov.uk/protocol.docx")
    assert result.format == "docx"
    assert result.text == (
        "Protocol on filming council meetings\n\n"
        "Members of the public may film public meetings.\n\n"
        "Activity\nConditions\n\n"
        "Audio recording\nNotify the clerk in advance\n\n"
        "Review\n\n"
        "Last reviewed: May 2023"
    )
    assert result.page_starts == (0,) and result.page_count == 1
    assert result.title == "Protocol on filming council meetings"
    assert [(d.label, d.date.isoformat()) for d in result.dates] == [("reviewed", "2023-05-01")]


def test_title_from_core_properties() -> None:
    assert extract(council_docx("Filming Protocol"), None, "https://example.org/p.docx").title == "Filming Protocol"


def test_sniffed_from_magic_despite_wrong_content_type() -> None:
    assert extract(council_docx(), "application/octet-stream", "https://example.org/download?id=4").format == "docx"


def test_merged_cells_read_once() -> None:
    document = docx.Document()
    table = document.add_table(rows=1, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "Recording permitted"
    table.cell(0, 2).text = "Yes"
    out = io.BytesIO()
    document.save(out)
    assert extract(out.getvalue(), DOCX_TYPE, "x.docx").text == "Recording permitted\nYes"


def test_truncated_docx_is_unreadable() -> None:
    body = council_docx()
    with pytest.raises(UnreadableDocument, match="DOCX"):
        extract(body[: len(body) // 2], DOCX_TYPE, "https://example.gov.uk/protocol.docx")


def test_other_zip_is_unsupported() -> None:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(UnsupportedFormat):
        extract(out.getvalue(), "application/zip", "https://example.gov.uk/sheet.xlsx")
