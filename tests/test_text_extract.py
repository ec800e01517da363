"""Format sniffing, normalisation and the extract() contract on arbitrary bytes."""

from __future__ import annotations

import re
import sys
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.text import Extraction, ExtractionError, UnsupportedFormat, extract, normalise_text, sniff


@pytest.mark.parametrize(
    ("body", "content_type", "url", "expected"),
    [
        (b"%PDF-1.7 ...", "text/html", "https://example.org/a", "pdf"),
        (b"<!DOCTYPE html><html></html>", "application/pdf", "https://example.org/a.pdf", "html"),
        (b"Just text", "text/plain; charset=utf-8", "https://example.org/a", "text"),
        (b"Just text", "application/octet-stream", "https://example.org/notes.txt", "text"),
        (b"<p>hi</p>", None, "https://example.org/page.aspx", "html"),
        (b"<p>hi</p>", None, "https://example.org/page", "html"),
        (b"hi there", None, "https://example.org/page", "text"),
    ],
)
def test_sniff(body: bytes, content_type: str | None, url: str, expected: str) -> None:
    assert sniff(body, content_type, url) == expected


@pytest.mark.parametrize("url", ["https://example.org/old.doc", "https://example.org/minutes.rtf"])
def test_unsupported_formats(url: str) -> None:
    with pytest.raises(UnsupportedFormat):
        extract(b"some bytes", "application/octet-stream", url)


def test_plain_text() -> None:
    result = extract(b"Filming\r\n\r\n\r\nis   allowed.  \n", "text/plain", "https://example.org/a.txt")
    assert (result.text, result.format, result.title) == ("Filming\n\nis allowed.", "text", None)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  a \u00a0 b\t\n\n\n\nc  ", "a b\n\nc"),
        ("cafe\u0301\r\nx", "caf\u00e9\nx"),
        ("soft\u00adhyphen\u200b", "softhyphen"),
        ("\n\n a \n \n b \n\n", "a\n\nb"),
    ],
)
def test_normalise_text(raw: str, expected: str) -> None:
    assert normalise_text(raw) == expected


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_normalise_idempotent(text: str) -> None:
    once = normalise_text(text)
    assert normalise_text(once) == once
    assert "\n\n\n" not in once and not any(line != line.strip() for line in once.split("\n"))


def _reference_normalise(text: str) -> str:
    """normalise_text as first written (four regex passes): the store's text hashes were computed with it,
    so any faster version must give exactly the same text, or every stored document would look reworded."""
    text = re.sub(r"\r\n?|[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]", "\n", text)
    text = re.sub(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]", "", text)
    text = text.translate(dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff\ufffe"), None))
    text = re.sub(r"[^\S\n]+", " ", unicodedata.normalize("NFC", text))
    text = "\n".join(line.strip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


def test_every_kind_of_space_is_made_plain() -> None:
    """normalise_text lists the whitespace characters it turns into spaces: the list must be Python's own."""
    from pipeline.text.normalise import _LINE_BREAKS, OTHER_SPACES

    spaces = {c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace()}
    assert set(OTHER_SPACES) == spaces - set(_LINE_BREAKS) - {" ", "\n"}


_AWKWARD = st.sampled_from([*" \t\n\r\x0b\x0c\x1c\x1f\x85\x86\x9f\x7f\x00\x08\x0e\u00a0\u2028\u2029\u3000\u200b"
                            "\ufffe\u00adab-\u00e9", "e\u0301", "\r\n"])


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(), st.lists(_AWKWARD).map("".join)))
def test_normalise_matches_the_reference(text: str) -> None:
    assert normalise_text(text) == _reference_normalise(text)


_PREFIXES = st.sampled_from(
    [b"", b"%PDF-1.4\n", b"PK\x03\x04", b"<html><body>", b"\xef\xbb\xbf", b"\xff\xfe"]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    prefix=_PREFIXES,
    body=st.binary(max_size=600),
    content_type=st.sampled_from([None, "text/html", "application/pdf", "text/plain; charset=utf-16", "x/y"]),
    url=st.sampled_from(["https://example.org/a", "https://example.org/a.pdf", "https://example.org/a.docx", "https://example.org/a.doc"]),
)
def test_extract_returns_or_raises_extraction_error(
    prefix: bytes, body: bytes, content_type: str | None, url: str
) -> None:
    try:
        result = extract(prefix + body, content_type, url)
    except ExtractionError:
        return
    assert isinstance(result, Extraction)
    assert result.text and normalise_text(result.text) == result.text
    assert result.page_of(0) == 1
