"""PDF extraction from several threads at once (one per crawler in `ocm crawl`) must not crash the process."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.conftest import ROOT


def test_pdfs_extracted_from_many_threads_at_once():
    # In a child process: without the lock pdfium dies with SIGSEGV, which would take pytest down with it.
    script = textwrap.dedent("""
        from concurrent.futures import ThreadPoolExecutor
        from fpdf import FPDF
        from pipeline.text import extract

        pdf = FPDF()
        pdf.set_font("helvetica", size=11)
        for page in range(40):
            pdf.add_page()
            pdf.multi_cell(0, 6, f"Rule {page}. Filming of meetings is permitted. " * 20)
        body = bytes(pdf.output())
        with ThreadPoolExecutor(max_workers=4) as pool:
            results = list(pool.map(lambda _: extract(body, "application/pdf", "x.pdf").page_count, range(24)))
        print(sorted(set(results)))
    """)
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"exit {result.returncode}: {result.stderr[-2000:]}"
    assert result.stdout.strip() == "[40]"
