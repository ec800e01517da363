"""A sample council site: its register entry, and the resources it serves for a given night."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from urllib.parse import unquote

from . import html
from .html import Link
from .pdf import render_pdf
from .texts import Document
from .word import DOCX_TYPE, render_docx

HTML_TYPE = "text/html; charset=utf-8"
PDF_TYPE = "application/pdf"
#: When the sample documents were "saved"; a site that re-saves its files each night adds a day per night.
DOCUMENT_DATE = datetime(2024, 3, 12, 9, 30, tzinfo=UTC)


def document_date(night: int = 1) -> datetime:
    """The creation date written into documents re-saved on ``night``."""
    return DOCUMENT_DATE + timedelta(days=night - 1)


def resource_key(target: str) -> str:
    """Normalise a request target or href (path plus query) for lookup: percent-decoded."""
    return unquote(target)


@dataclass(frozen=True)
class Resource:
    """One response body with its content type and extra headers."""

    body: bytes
    content_type: str
    headers: tuple[tuple[str, str], ...] = ()
    status: int = 200  # e.g. 302 with a Location header, as ModernGov sends unknown pages to mgError.aspx


def redirect(location: str, status: int = 302) -> Resource:
    """An empty redirect response to ``location`` (as sent, relative or absolute)."""
    return Resource(b"", HTML_TYPE, (("Location", location),), status)


@dataclass
class Site:
    """A fictional council: register fields plus a ``build(site, night)`` that makes its resources."""

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
    platform: str
    build: Callable[[Site, int], dict[str, Resource]]
    democracy_path: str | None = None  # relative to the base URL, for ModernGov / CMIS sites
    document_paths: tuple[str, ...] = ()  # known document URLs for the register's `documents` column
    #: Answers a request no resource matches (a lookup key, see :func:`resource_key`); None: 404.
    fallback: Callable[[str], Resource | None] | None = None
    _cache: dict[int, dict[str, Resource]] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def resources(self, night: int) -> dict[str, Resource]:
        """Everything served on ``night``, keyed by :func:`resource_key`; built once per night."""
        with self._lock:
            if night not in self._cache:
                self._cache[night] = self.build(self, night)
            return self._cache[night]


class Pages:
    """Collects a site's resources while a builder describes its pages."""

    def __init__(self, site: Site, nav: Sequence[Link]) -> None:
        self.site = site
        self.nav = nav
        self.resources: dict[str, Resource] = {}

    def html(self, path: str, title: str, main: str, *, crumbs: Sequence[Link] = (),
             sources: Sequence[str] = ()) -> None:
        """Add an HTML page in the site's layout."""
        body = html.page(self.site.name, title, main, self.nav, crumbs=crumbs, sources=sources)
        self.add(path, Resource(body, HTML_TYPE))

    def link_page(self, path: str, title: str, intro: str, items: Sequence[Link],
                  crumbs: Sequence[Link] = ()) -> None:
        """Add a landing page: one introductory paragraph and a list of links."""
        self.html(path, title, f"<p>{intro}</p>\n{html.links(items)}", crumbs=crumbs)

    def pdf(self, path: str, doc: Document, created: datetime, filename: str | None = None) -> None:
        """Add a PDF; ``filename`` sets Content-Disposition (as CMIS's Document.ashx does)."""
        headers = (("Content-Disposition", f'inline; filename="{filename}"'),) if filename else ()
        self.add(path, Resource(render_pdf(doc, created), PDF_TYPE, headers))

    def docx(self, path: str, doc: Document, created: datetime) -> None:
        """Add a Word document."""
        self.add(path, Resource(render_docx(doc, created), DOCX_TYPE))

    def add(self, path: str, resource: Resource) -> None:
        """Add any resource at ``path`` (as linked, percent-encoded or not)."""
        self.resources[resource_key(path)] = resource
