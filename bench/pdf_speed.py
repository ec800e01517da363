"""PDF text extraction speed: pages/s of our extractor beside raw pypdfium2 and poppler's pdftotext.

Run: .venv/bin/python -m bench.pdf_speed [--pages 200] [--repeat 3]
(pdftotext is measured only when its Python package is installed: pip install pdftotext)
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pypdfium2 as pdfium
from fpdf import FPDF

from bench.corpus import constitution
from pipeline.text import extract


def make_pdf(pages: int) -> bytes:
    """A constitution-like PDF of about `pages` pages, with a running header and page-numbered footers."""
    pdf = FPDF()
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_font("helvetica", size=10)
    pdf.add_page()
    text = constitution(pages * 2).encode("latin-1", "replace").decode("latin-1")
    for paragraph in text.split("\n"):
        if pdf.page_no() >= pages:
            break
        pdf.multi_cell(0, 5, paragraph, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def raw_pdfium(body: bytes) -> int:
    doc = pdfium.PdfDocument(body)
    try:
        for page in doc:
            page.get_textpage().get_text_range()
        return len(doc)
    finally:
        doc.close()


def best(func: Callable[[bytes], object], body: bytes, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        func(body)
        times.append(time.process_time() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    body = make_pdf(args.pages)
    pages = raw_pdfium(body)
    runs: dict[str, Callable[[bytes], object]] = {
        "ours (pipeline.text.extract)": lambda b: extract(b, "application/pdf", "x.pdf"),
        "pypdfium2, raw text only": raw_pdfium,
    }
    try:
        import io

        import pdftotext  # type: ignore[import-not-found]

        runs["poppler pdftotext (urlwatch's)"] = lambda b: list(pdftotext.PDF(io.BytesIO(b)))
    except ImportError:
        print("(pdftotext not installed: poppler not measured)")
    print(f"{pages} pages, {len(body) / 1e6:.2f} MB, best of {args.repeat}, CPU seconds on one core")
    for name, func in runs.items():
        seconds = best(func, body, args.repeat)
        print(f"{name:<32} {seconds:7.3f} s  {pages / seconds:8.0f} pages/s  {1000 * seconds / pages:5.2f} ms/page")


if __name__ == "__main__":
    main()
