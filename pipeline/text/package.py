"""Bounded reading of a zip package (a Word document): a hostile archive cannot make us inflate more than a cap.

A zip's headers are the sender's word. The sizes they declare are checked first (a cheap refusal), and what is
really inflated is counted chunk by chunk while reading, whatever they declare: `zipfile.ZipFile.read()` would
inflate a member's whole stream in one call however small its declared size. Only the parts that are XML are
inflated at all; media, embedded files and thumbnails hold no text and are never read.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from .model import DocumentTooLarge, UnreadableDocument

MAX_PARTS = 2000  # members of one archive; a long Word document with many pictures has a few hundred
MAX_PART_BYTES = 64 * 1024 * 1024  # uncompressed, each XML part: document, styles, numbering, headers, footers...
MAX_PACKAGE_BYTES = 128 * 1024 * 1024  # uncompressed, the XML parts of one package together
_CHUNK = 1024 * 1024  # inflated at most per read: zipfile caps a deflate call at the size asked for
_CENTRAL_DIRECTORY = b"PK\x01\x02"  # the signature every central directory entry starts with
# Word writes stored and deflated members only. zipfile inflates bzip2 and lzma in one call per compressed chunk,
# without the cap deflate has, so they are refused rather than read.
_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
# What zipfile raises on damaged archives (a corrupt header can claim any version or method).
ZIP_ERRORS = (
    zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError, NotImplementedError, RuntimeError,
    struct.error, zlib.error,
)


def open_package(body: bytes) -> zipfile.ZipFile:
    """The archive in `body`, its central directory parsed only when it cannot name more than MAX_PARTS members.

    Every entry zipfile accepts starts with the central directory signature, so counting the signature bounds
    the work of parsing the directory, whatever its end record claims. Raises DocumentTooLarge, or one of
    ZIP_ERRORS for a damaged archive."""
    if body.count(_CENTRAL_DIRECTORY) > MAX_PARTS:
        raise DocumentTooLarge(f"zip archive with more than {MAX_PARTS} members")
    return zipfile.ZipFile(io.BytesIO(body))


def is_xml(name: str) -> bool:
    """A part whose text may matter: XML and relationships."""
    return name.lower().endswith((".xml", ".rels"))


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bytes:
    """One member, inflated a chunk at a time; DocumentTooLarge as soon as it passes its cap or the budget."""
    limit = min(MAX_PART_BYTES, budget)
    chunks: list[bytes] = []
    size = 0
    with archive.open(info) as member:
        while chunk := member.read(_CHUNK):
            size += len(chunk)
            if size > MAX_PART_BYTES:
                raise DocumentTooLarge(f"{info.filename} inflates to more than {MAX_PART_BYTES // 2**20} MB")
            if size > limit:
                raise DocumentTooLarge(f"its XML parts inflate to more than {MAX_PACKAGE_BYTES // 2**20} MB")
            chunks.append(chunk)
    return b"".join(chunks)


def xml_parts(archive: zipfile.ZipFile) -> dict[str, bytes]:
    """Every XML part of the archive, inflated within MAX_PART_BYTES each and MAX_PACKAGE_BYTES together; the
    other members by name, empty. A name given twice is read once (zipfile's own lookup keeps the last).

    Raises DocumentTooLarge, UnreadableDocument, or one of ZIP_ERRORS."""
    members = {info.filename: info for info in archive.infolist() if not info.is_dir()}
    xml = [info for info in members.values() if is_xml(info.filename)]
    for info in xml:
        if info.compress_type not in _METHODS:
            raise UnreadableDocument(f"{info.filename} is compressed with method {info.compress_type}, "
                                     "which Word does not use")
        if info.file_size > MAX_PART_BYTES:
            raise DocumentTooLarge(f"{info.filename} declares {info.file_size} bytes uncompressed")
    declared = sum(info.file_size for info in xml)
    if declared > MAX_PACKAGE_BYTES:
        raise DocumentTooLarge(f"its XML parts declare {declared} bytes uncompressed")
    parts = dict.fromkeys(members, b"")
    budget = MAX_PACKAGE_BYTES
    for info in xml:
        parts[info.filename] = _read(archive, info, budget)
        budget -= len(parts[info.filename])
    return parts


def repack(parts: dict[str, bytes]) -> bytes:
    """The parts as a stored (uncompressed) zip: whatever reads it next inflates nothing."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()
