"""Democracy platforms as data: how to recognise each from its pages and where its policy documents live.

The registry's platform column is only a hint: a page carrying a platform's markers switches the crawl of
that council to the platform's rules. See ../shared/PLATFORMS.md for the URL shapes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Platform:
    """One committee-management platform."""

    name: str
    markers: tuple[bytes, ...]  # bytes in a page that identify the platform
    entry_paths: tuple[str, ...]  # relative to the democracy root: where the constitution is listed
    index_url: re.Pattern[str]  # pages whose every document link is a policy document
    document_url: re.Pattern[str]  # the platform's document addresses
    request_meta: dict[str, Any] = field(default_factory=dict)  # e.g. longer timeouts for slow platforms


NEVER = re.compile(r"(?!x)x")

MODERNGOV = Platform(
    name="ModernGov",
    # Civica ModernGov pages link mgListCommittees.aspx / ieListMeetings.aspx and say "modern.gov".
    markers=(b"mgListCommittees.aspx", b"ieListMeetings.aspx", b"mgGeneric.aspx", b"ieDocHome.aspx",
             b"modern.gov"),
    entry_paths=("mgGeneric.aspx?MD=mgconstitution", "mgListCommittees.aspx"),
    # The constitution index, document library entries (ecSDDisplay, ecSDDisplayClassic: one per Part) and category
    # pages, and a constitution published as an "information" meeting (ieListMeetings/ieListDocuments ...&info=1).
    index_url=re.compile(r"MD=mgconstitution|ecSDDisplay(?:Classic)?\.aspx|ecCatDisplay\.aspx|[?&]info=1\b",
                         re.IGNORECASE),
    # documents/s12304/Part%204%20-%20Rules%20of%20Procedure.pdf; mgConvert2PDF.aspx?ID=123 (a page as a PDF)
    document_url=re.compile(r"/documents/s\d+/|mgConvert2PDF\.aspx", re.IGNORECASE),
)

CMIS = Platform(
    name="CMIS",
    # ASTech CMIS runs on DotNetNuke: /tabid/63/ctl/ViewMeetingPublic/..., Document.ashx?... downloads.
    markers=(b"/tabid/", b"Document.ashx", b"DotNetNuke", b"CMIS"),
    entry_paths=(),
    index_url=re.compile(r"constitution", re.IGNORECASE),
    document_url=re.compile(r"Document\.ashx|/Portals/\d+/", re.IGNORECASE),
    request_meta={"download_timeout": 180},  # CMIS pages can be slow
)

GENERIC = Platform(name="other", markers=(), entry_paths=(), index_url=NEVER, document_url=NEVER)

PLATFORMS: tuple[Platform, ...] = (MODERNGOV, CMIS)
BY_NAME = {p.name: p for p in (*PLATFORMS, GENERIC)}


def from_hint(hint: str) -> Platform:
    """The platform the registry names ("ModernGov", "CMIS", "other/..."), generic when unknown."""
    for platform in PLATFORMS:
        if hint.strip().lower().startswith(platform.name.lower()):
            return platform
    return GENERIC


def detect(body: bytes) -> Platform | None:
    """The platform whose markers a page carries, if any (ModernGov before CMIS)."""
    head = body[:200_000]
    for platform in PLATFORMS:
        if any(marker in head for marker in platform.markers):
            return platform
    return None
