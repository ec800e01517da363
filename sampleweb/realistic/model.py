"""What a council of the realistic sample web is: its register entry, its hosts, how to build them, its answer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .pages import HostPages

WWW, DEMOCRACY = "www", "democracy"  # host names: the council's main site, its committee system's site


@dataclass(frozen=True)
class Address:
    """A page or document of one council: which of its hosts, and the path (with query) on it."""

    host: str
    path: str


@dataclass(frozen=True)
class PolicyDocument:
    """One document holding the council's filming and recording rule; ``addresses`` are its renditions.

    Finding any one rendition (an HTML page and "its PDF conversion", say) counts as finding the document.
    """

    title: str
    addresses: tuple[Address, ...]
    kind: str  # "constitution", "standing_orders", "protocol" or "guidance": what the document is


@dataclass(frozen=True)
class Context:
    """What a builder needs to know about the running web: the base URL of each of the council's hosts."""

    base_urls: dict[str, str]

    def url(self, host: str, path: str = "/") -> str:
        """Absolute URL of ``path`` on ``host`` (``path`` starts with "/")."""
        return self.base_urls[host].rstrip("/") + path


Builder = Callable[[Context], dict[str, HostPages]]


@dataclass(frozen=True)
class Council:
    """A fictional council built on the structure of a real platform.

    ``website`` and ``democracy`` are the register's ``website`` and ``democracy_url``, the only start pages a
    crawl gets. ``policy`` is the answer key: the documents a careful reader would say hold the rule
    (empty for a council with no rule anywhere). ``dead_links`` are links the site makes on purpose to
    addresses that answer 404 (removed files), as real sites do.
    """

    slug: str
    name: str
    nice_name: str
    code: str
    gss_code: str
    nation: str
    region: str
    type: str
    tier: str
    principal_council: str
    platform: str  # the register's platform column ("ModernGov", "CMIS", "other/...")
    shape: str  # a one-line description of the real structure it follows
    hosts: tuple[str, ...]
    website: Address
    build: Builder
    democracy: Address | None = None
    policy: tuple[PolicyDocument, ...] = ()
    decoys: tuple[str, ...] = ()  # what is there to mislead, in words
    dead_links: tuple[Address, ...] = field(default=())
