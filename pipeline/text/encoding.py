"""Bytes of an HTML or text page to ``str``, when the declared charset may be wrong."""

from __future__ import annotations

import codecs
import logging
import re

from .model import UnreadableDocument

logger = logging.getLogger(__name__)

_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.I)
# Magic numbers of formats that are never a web page, whatever the Content-Type says.
BINARY_MAGIC = (
    b"%PDF-",
    b"PK\x03\x04",
    b"\xd0\xcf\x11\xe0",  # OLE2: legacy .doc / .xls
    b"\x89PNG",
    b"\xff\xd8\xff",  # JPEG
    b"GIF8",
    b"\x1f\x8b",  # gzip left compressed
    b"{\\rtf",
)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Browsers read these labels as windows-1252 (WHATWG Encoding Standard), and so do we.
_AS_CP1252 = {"ascii", "latin_1", "iso8859_1", "cp1252", "iso8859_15"}
# C1 controls: a sign that the bytes were meant as windows-1252, not ISO-8859-1.
_C1 = re.compile("[\x80-\x9f]")


def header_charset(content_type: str | None) -> str | None:
    """The ``charset`` parameter of a Content-Type header, if any."""
    match = _HEADER_CHARSET.search(content_type or "")
    return match.group(1) if match else None


def looks_binary(body: bytes) -> bool:
    """True for bytes that are clearly not text: known file magic, or NULs without a UTF-16 BOM."""
    head = body[:8192].lstrip()
    if head.startswith(BINARY_MAGIC):
        return True
    if body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    return b"\x00" in head


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    try:
        name = codecs.lookup(label).name
        b"".decode(name)  # refuses non-text codecs such as rot13
    except LookupError:
        logger.debug("unknown charset label %r", label)
        return None
    return "cp1252" if name in _AS_CP1252 else name


def _clean_decode(body: bytes, codec: str) -> str | None:
    try:
        text = body.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None
    if "\ufffd" in text or _C1.search(text):
        return None
    return text


def decode_html(body: bytes, content_type: str | None = None) -> str:
    """Decode a web page, trusting the declared charsets only when they decode cleanly.

    Order: a byte-order mark; then valid UTF-8 with non-ASCII bytes (it is almost never
    an accident); then the HTTP header charset, ``<meta charset>``, UTF-8 and cp1252,
    taking the first that decodes without errors or replacement characters.
    Raises UnreadableDocument for binary bytes.
    """
    if looks_binary(body):
        raise UnreadableDocument("binary content served as a web page")
    for bom, codec in _BOMS:
        if body.startswith(bom):
            return body.decode(codec, errors="replace")
    meta = _META_CHARSET.search(body[:4096])
    declared = [_codec(header_charset(content_type)), _codec(meta.group(1).decode("ascii") if meta else None)]
    if not body.isascii():
        text = _clean_decode(body, "utf-8")
        if text is not None:
            return text
    candidates = [c for c in (*declared, "utf-8", "cp1252") if c]
    for codec in dict.fromkeys(candidates):
        text = _clean_decode(body, codec)
        if text is not None:
            if declared[0] and codec != declared[0]:
                logger.debug("declared charset %s is wrong; decoded as %s", declared[0], codec)
            return text
    return body.decode(candidates[0], errors="replace")
