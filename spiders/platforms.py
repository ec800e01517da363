"""The platforms as the crawl reads them: which one a page shows, and each address rule over all of them.

The records are in registry/platforms.py, one per platform (its markers, entry pages, index, document, committee
and error addresses, request meta). A rule of discovery that holds for every platform's addresses (spiders/links.py,
follow.py, discovery.py) is a `PlatformPattern`: its generic part plus that field of every record, so that a
platform added to the record is in every rule. See ../shared/PLATFORMS.md for the URL shapes.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Literal

from registry.platforms import BY_NAME, CMIS, GENERIC, MODERNGOV, NEVER, PLATFORMS, Platform, from_hint

__all__ = ["BY_NAME", "CMIS", "GENERIC", "MODERNGOV", "NEVER", "PLATFORMS", "Platform", "PlatformPattern", "detect",
           "from_hint", "shared_hosts"]

# The address patterns of a record that discovery's rules take from every platform.
AddressField = Literal["document_url_anywhere", "constitution_url", "root_url", "meetings_url", "committee_url",
                       "agenda_url", "error_url"]


def detect(body: bytes) -> Platform | None:
    """The platform whose markers a page carries, if any (the first in PLATFORMS: ModernGov before CMIS)."""
    head = body[:200_000]
    for platform in PLATFORMS:
        if any(marker in head for marker in platform.markers):
            return platform
    return None


class PlatformPattern:
    """A generic pattern and one address field of every platform, searched as one pattern ignoring case.

    Used like a compiled pattern (`.search`); compiled again when the platforms change."""

    def __init__(self, generic: str, platform_field: AddressField) -> None:
        self.generic = generic
        self.field: AddressField = platform_field

    def search(self, text: str) -> re.Match[str] | None:
        return self.compiled().search(text)

    def compiled(self) -> re.Pattern[str]:
        """The pattern over the platforms known now."""
        return _compile(self.generic, self.field, PLATFORMS.version)

    def __repr__(self) -> str:
        return f"PlatformPattern({self.generic!r}, {self.field!r})"


@cache
def _compile(generic: str, platform_field: AddressField, version: int) -> re.Pattern[str]:
    parts = [f"(?:{generic})"] if generic else []
    for platform in PLATFORMS:
        pattern: re.Pattern[str] = getattr(platform, platform_field)
        if pattern is not NEVER:
            parts.append(f"(?:{pattern.pattern})" if pattern.flags & re.IGNORECASE else f"(?-i:{pattern.pattern})")
    return re.compile("|".join(parts), re.IGNORECASE) if parts else NEVER


def shared_hosts() -> frozenset[str]:
    """The platforms' shared hosting domains ("moderngov.co.uk"), where each council is a label in front."""
    return _hosts(PLATFORMS.version)


@cache
def _hosts(version: int) -> frozenset[str]:
    return frozenset(host for platform in PLATFORMS for host in platform.hosts)
