"""Decoding web pages whose declared charset is wrong; binary served as HTML."""

from __future__ import annotations

import pytest

from pipeline.text import UnreadableDocument, extract
from pipeline.text.encoding import decode_html, header_charset

TEXT = "The clerk\u2019s \u201cfilming protocol\u201d costs \u00a30 \u2013 caf\u00e9 rules apply."


def page(body: str, meta: str = "utf-8") -> str:
    return f'<html><head><meta charset="{meta}"></head><body><p>{body}</p></body></html>'


def test_cp1252_declared_utf8_decodes_right() -> None:
    body = page(TEXT).encode("cp1252")
    result = extract(body, "text/html; charset=utf-8", "https://example.gov.uk/filming")
    assert result.text == TEXT


def test_utf8_declared_latin1_decodes_right() -> None:
    body = page(TEXT, meta="iso-8859-1").encode("utf-8")
    assert extract(body, "text/html; charset=ISO-8859-1", "https://example.gov.uk/f").text == TEXT


def test_latin1_label_read_as_cp1252() -> None:
    body = page(TEXT, meta="iso-8859-1").encode("cp1252")
    assert TEXT in decode_html(body, "text/html")


def test_unknown_and_non_text_charsets_ignored() -> None:
    body = page(TEXT).encode("utf-8")
    assert TEXT in decode_html(body, "text/html; charset=rot13")
    assert TEXT in decode_html(body, "text/html; charset=klingon")


def test_utf16_with_bom() -> None:
    body = page(TEXT).encode("utf-16")
    assert extract(body, "text/html", "https://example.gov.uk/f").text == TEXT


def test_header_charset() -> None:
    assert header_charset('text/html; charset="Windows-1252"') == "Windows-1252"
    assert header_charset("text/html") is None
    assert header_charset(None) is None


@pytest.mark.parametrize(
    "body",
    [
        b"\x00\x01\x02\x03binary junk\x00\x00" * 20,
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 40,
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40,
    ],
)
def test_binary_served_as_html_is_unreadable(body: bytes) -> None:
    with pytest.raises(UnreadableDocument):
        extract(body, "text/html", "https://example.gov.uk/filming")


@pytest.mark.parametrize("body", [b"", b"  \r\n\t "])
def test_empty_body_is_unreadable(body: bytes) -> None:
    with pytest.raises(UnreadableDocument, match="empty"):
        extract(body, "text/html", "https://example.gov.uk/filming")


def test_page_without_text_is_unreadable() -> None:
    with pytest.raises(UnreadableDocument, match="no text"):
        extract(b"<html><body><script>app()</script></body></html>", "text/html", "https://example.org/")
