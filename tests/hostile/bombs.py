"""Hostile documents built in a few milliseconds: zip bombs dressed as Word files, and a PDF that parses forever.

A deflate stream of N MiB of zeros is one compressed block repeated N times: after a full flush the compressor
starts afresh, so every MiB compresses to the same bytes (about a kilobyte). A 1 GiB part costs 1 MB of zip.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass

import docx

MIB = 1024 * 1024


def _deflated_zeros_mib() -> tuple[bytes, bytes]:
    """The raw deflate bytes of one MiB of zeros after a full flush, and the end of the stream."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(bytes(MIB)) + compressor.flush(zlib.Z_FULL_FLUSH)
    return block, compressor.flush(zlib.Z_FINISH)


@dataclass(frozen=True)
class Member:
    """One zip member: its raw (deflated or stored) bytes, its real size, and the size its headers declare."""

    data: bytes
    size: int
    crc: int = 0
    method: int = zipfile.ZIP_DEFLATED
    declared: int | None = None  # None: the truth

    @classmethod
    def of(cls, content: bytes) -> Member:
        """An honest deflated member."""
        compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
        return cls(compressor.compress(content) + compressor.flush(), len(content), zlib.crc32(content))

    @classmethod
    def bomb(cls, mib: int, declared: int | None = None) -> Member:
        """`mib` MiB of zeros in about `mib` kilobytes; the CRC is left wrong (reading stops long before it)."""
        block, end = _deflated_zeros_mib()
        return cls(block * mib + end, mib * MIB, 0, zipfile.ZIP_DEFLATED, declared)


def zip_bytes(members: dict[str, Member]) -> bytes:
    """A zip archive written by hand, so that its headers can say what the test wants."""
    out = bytearray()
    central = bytearray()
    for name, member in members.items():
        encoded = name.encode()
        size = member.size if member.declared is None else member.declared
        header = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, member.method, 0, 0, member.crc, len(member.data),
                             size, len(encoded), 0)
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, member.method, 0, 0, member.crc,
                               len(member.data), size, len(encoded), 0, 0, 0, 0, 0, len(out)) + encoded
        out += header + encoded + member.data
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), len(out), 0)
    return bytes(out + central + end)


def word_parts(text: str = "Members of the public may film meetings of the council.") -> dict[str, bytes]:
    """The parts of a small, real Word document (python-docx's template) saying `text`."""
    document = docx.Document()
    document.add_heading("Protocol on filming meetings", level=1)
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    with zipfile.ZipFile(out) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def word_file(replace: dict[str, Member] | None = None, parts: dict[str, bytes] | None = None) -> bytes:
    """A Word file of `parts` (a small real one by default) with some members replaced or added."""
    members = {name: Member.of(content) for name, content in (parts or word_parts()).items()}
    members.update(replace or {})
    return zip_bytes(members)


def _pdf(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _stream(content: bytes, entries: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n" % (len(content), entries) + content + b"\nendstream"


def form_bomb(depth: int = 7, fanout: int = 10) -> bytes:
    """A 2 KB PDF of one page drawing a form that draws the next `fanout` times, `depth` deep: fanout**(depth-1)
    lines of text for pdfium to lay out (depth 6: a million, 8 s and 1 GB; depth 7: ten times that)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R "
        b"/Resources << /Font << /F1 4 0 R >> /XObject << /X 6 0 R >> >> >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        _stream(b"/X Do"),
    ]
    for level in range(depth):
        if level == depth - 1:
            content = b"BT /F1 12 Tf 72 700 Td (Members of the public may film meetings.) Tj ET"
            resources = b"/Resources << /Font << /F1 4 0 R >> >>"
        else:
            content = b" ".join([b"/X Do"] * fanout)
            resources = b"/Resources << /XObject << /X %d 0 R >> >>" % (7 + level)
        objects.append(_stream(content, b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] " + resources))
    return _pdf(objects)
