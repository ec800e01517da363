"""Faults the sample web can inject, as data: what a broken council site answers instead of the real thing.

Status faults answer with that HTTP status; "timeout" holds the request and closes it unanswered; the rest
transform the resource the site would have served (or stand in for it).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from functools import lru_cache

from fpdf import FPDF

from .site import HTML_TYPE, PDF_TYPE, Resource

STATUS_FAULTS = frozenset({"500", "503", "403", "429", "404", "410"})
HOLD = "timeout"  # hold the request for `seconds`, then close it without a response
SLOW = "slow"  # wait `seconds`, then answer normally
REDIRECT_LOOP = "redirect-loop"  # 302 to itself, for ever
OVERSIZED = "oversized"  # announce a body far larger than any download limit


def _truncated(resource: Resource | None) -> Resource:
    body = resource.body if resource else _text_pdf()
    return Resource(body[: len(body) // 2], resource.content_type if resource else PDF_TYPE)


def _corrupt(resource: Resource | None) -> Resource:
    body = bytearray(resource.body if resource else _text_pdf())
    rng = random.Random(len(body))
    for _ in range(max(1, len(body) // 50)):
        body[rng.randrange(len(body))] = rng.randrange(256)
    return Resource(bytes(body), resource.content_type if resource else PDF_TYPE)


def _wrong_charset(resource: Resource | None) -> Resource:
    text = (resource.body.decode("utf-8") if resource else "<p>\u2018Filming\u2019 costs \u00a30.</p>")
    return Resource(text.encode("cp1252", errors="replace"), "text/html; charset=utf-8")


def _binary_as_html(resource: Resource | None) -> Resource:
    return Resource(random.Random(7).randbytes(20_000), HTML_TYPE)


def _empty(resource: Resource | None) -> Resource:
    return Resource(b"", resource.content_type if resource else HTML_TYPE)


def _scanned(resource: Resource | None) -> Resource:
    return Resource(_scanned_pdf(), PDF_TYPE)


def _many_pages(resource: Resource | None) -> Resource:
    return Resource(_many_pages_pdf(), PDF_TYPE)


@lru_cache(maxsize=1)
def _text_pdf() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.multi_cell(0, 6, "Standing Orders. Filming of meetings is permitted.")
    return bytes(pdf.output())


@lru_cache(maxsize=1)
def _scanned_pdf() -> bytes:
    """Three pages of 'scanned' standing orders: drawn shapes only, no text layer."""
    pdf = FPDF()
    for _ in range(3):
        pdf.add_page()
        for row in range(40):
            pdf.rect(20, 20 + row * 6, 170 - (row * 37) % 60, 3, style="F")
    return bytes(pdf.output())


@lru_cache(maxsize=1)
def _many_pages_pdf(pages: int = 5000) -> bytes:
    """An absurd page count: thousands of short pages of appendix text."""
    pdf = FPDF()
    pdf.set_font("helvetica", size=8)
    for number in range(pages):
        pdf.add_page()
        pdf.multi_cell(0, 5, f"Schedule {number % 97} item {number * 7 % 113}: the register of decisions "
                             f"taken under delegated powers, entry {number * 13 % 1009}.")
    return bytes(pdf.output())


CONTENT_FAULTS: dict[str, Callable[[Resource | None], Resource]] = {
    "truncated-pdf": _truncated,
    "corrupt": _corrupt,
    "wrong-charset": _wrong_charset,
    "binary-as-html": _binary_as_html,
    "empty": _empty,
    "scanned-pdf": _scanned,
    "many-pages-pdf": _many_pages,
}

FAULTS = frozenset(STATUS_FAULTS | {HOLD, SLOW, REDIRECT_LOOP, OVERSIZED} | set(CONTENT_FAULTS))
