"""Render sample documents as DOCX with python-docx, with stable bytes for a given date."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

import docx

from .texts import Document, source_line

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def render_docx(doc: Document, created: datetime) -> bytes:
    """Write ``doc`` as a Word document (heading per section, sources at the end)."""
    word = docx.Document()
    props = word.core_properties
    props.title = doc.title
    props.author = doc.council
    props.last_modified_by = "Clerk"
    props.revision = 1
    props.created = created
    props.modified = created
    word.add_heading(doc.title, level=0)
    for line in doc.intro:
        word.add_paragraph(line)
    for section in doc.sections:
        if section.new_page:
            word.add_page_break()
        word.add_heading(section.heading, level=1)
        for line in section.paragraphs:
            word.add_paragraph(line)
    for url in doc.sources:
        word.add_paragraph().add_run(source_line(url)).italic = True
    out = io.BytesIO()
    word.save(out)
    return _stable_zip(out.getvalue(), created)


def _stable_zip(data: bytes, when: datetime) -> bytes:
    """Rewrite the zip with a fixed timestamp on every member (zipfile stamps the current time)."""
    stamp = when.timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
