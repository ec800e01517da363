"""Collect one host's resources while a builder describes its pages; documents are rendered once per process."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import lru_cache

from ..pdf import render_pdf
from ..site import HTML_TYPE, PDF_TYPE, Resource, document_date, redirect, resource_key
from ..texts import Document, Section
from ..word import DOCX_TYPE, render_docx

RSS_TYPE = "application/rss+xml; charset=utf-8"
#: When the documents of the realistic web were "saved".
SAVED = document_date()

_DocKey = tuple[str, str, tuple[tuple[str, tuple[str, ...], bool], ...], tuple[str, ...], tuple[str, ...], datetime]


def _key(doc: Document, created: datetime) -> _DocKey:
    sections = tuple((s.heading, tuple(s.paragraphs), s.new_page) for s in doc.sections)
    return doc.council, doc.title, sections, tuple(doc.sources), tuple(doc.intro), created


def _document(key: _DocKey) -> Document:
    council, title, sections, sources, intro, _ = key
    return Document(council, title, [Section(h, list(p), new) for h, p, new in sections], list(sources), list(intro))


@lru_cache(maxsize=2048)
def _pdf(key: _DocKey) -> bytes:
    return render_pdf(_document(key), key[-1])


@lru_cache(maxsize=256)
def _docx(key: _DocKey) -> bytes:
    return render_docx(_document(key), key[-1])


def pdf_bytes(doc: Document, created: datetime = SAVED) -> bytes:
    """The PDF of ``doc`` (rendered once per process: the realistic web is started many times in tests)."""
    return _pdf(_key(doc, created))


def docx_bytes(doc: Document, created: datetime = SAVED) -> bytes:
    """The Word document of ``doc``, rendered once per process."""
    return _docx(_key(doc, created))


class HostPages:
    """Resources of one host (keyed as the server looks them up) and its answer to unknown addresses."""

    def __init__(self) -> None:
        self.resources: dict[str, Resource] = {}
        self.fallback: Callable[[str], Resource | None] | None = None
        self.papers: set[str] = set()  # lookup keys of meeting papers: agendas, minutes, committee reports

    def add(self, path: str, resource: Resource) -> None:
        """Serve ``resource`` at ``path`` (as linked: raw spaces, percent-encoding and ``&amp;`` decoded)."""
        self.resources[resource_key(path.replace("&amp;", "&"))] = resource

    def html(self, path: str, body: bytes) -> None:
        """An HTML page (already rendered with its chrome)."""
        self.add(path, Resource(body, HTML_TYPE))

    def pdf(self, path: str, doc: Document, *, filename: str | None = None, created: datetime = SAVED,
            paper: bool = False) -> None:
        """A PDF; ``filename`` sets Content-Disposition, as document handlers (``Document.ashx``) do.

        ``paper``: it is an agenda, minutes or report of a meeting (never a policy document, whatever its title).
        """
        headers = (("Content-Disposition", f'inline; filename="{filename}"'),) if filename else ()
        self.add(path, Resource(pdf_bytes(doc, created), PDF_TYPE, headers))
        if paper:
            self.papers.add(resource_key(path.replace("&amp;", "&")))

    def docx(self, path: str, doc: Document, created: datetime = SAVED) -> None:
        """A Word document."""
        self.add(path, Resource(docx_bytes(doc, created), DOCX_TYPE))

    def redirect(self, path: str, location: str, status: int = 302) -> None:
        """``path`` answers ``status`` with ``Location: location``."""
        self.add(path, redirect(location, status))

    def rss(self, path: str, body: bytes) -> None:
        """An RSS feed."""
        self.add(path, Resource(body, RSS_TYPE))

    def __contains__(self, path: str) -> bool:
        return resource_key(path.replace("&amp;", "&")) in self.resources

    def __len__(self) -> int:
        return len(self.resources)


def html_resource(body: bytes, status: int = 200) -> Resource:
    """An HTML response with ``status`` (an error page served by a platform's own handler)."""
    return Resource(body, HTML_TYPE, (), status)
