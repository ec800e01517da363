"""WordPress sites of town, parish and community councils.

Pages at ``/{slug}/`` (children ``/{parent}/{slug}/``), posts at ``/{yyyy}/{mm}/{slug}/``, category and date
archives, an author page, ``/feed/``; documents uploaded to ``/wp-content/uploads/{yyyy}/{mm}/{File-Name}.pdf``
and linked with the block editor's file block (``wp-block-file`` and its "Download" button). A bilingual site
publishes the Welsh pages under ``/cy/`` with a language toggle on every page, as WPML does.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from ..texts import Document
from .chrome import Link, Theme, link_list, page
from .pages import HostPages
from .search import SiteSearch


@dataclass(frozen=True)
class Post:
    slug: str
    title: str
    year: int
    month: int
    text: str

    @property
    def path(self) -> str:
        return f"/{self.year}/{self.month:02d}/{self.slug}/"


def file_block(href: str, title: str, *, embed: bool = False, button: str = "Download") -> str:
    """The block editor's file block: the file's name as a link and a download button."""
    ident = f"wp-block-file--media-{uuid.uuid5(uuid.NAMESPACE_URL, href)}"
    preview = (f'<object class="wp-block-file__embed" data="{escape(href)}" type="application/pdf" '
               f'style="width:100%;height:600px" aria-label="{escape(title)}"></object>') if embed else ""
    return (f'<div class="wp-block-file">{preview}<a id="{ident}" href="{escape(href)}">{escape(title)}</a>'
            f'<a href="{escape(href)}" class="wp-block-file__button wp-element-button" download '
            f'aria-describedby="{ident}">{escape(button)}</a></div>')


class WordPressSite:
    """A council's WordPress site; ``theme`` is the English one, ``welsh`` (if any) the Welsh one."""

    def __init__(self, theme: Theme, welsh: Theme | None = None) -> None:
        self.theme, self.welsh = theme, welsh
        self.pages = HostPages()
        self.pages.fallback = SiteSearch(self.pages, theme, "/", "s")  # WordPress searches at /?s=...

    def upload(self, year: int, month: int, filename: str, doc: Document, paper: bool = False) -> str:
        """Upload a PDF to the media library (``paper``: agenda or minutes); returns its address."""
        href = f"/wp-content/uploads/{year}/{month:02d}/{filename}"
        self.pages.pdf(href, doc, paper=paper)
        return href

    def upload_docx(self, year: int, month: int, filename: str, doc: Document) -> str:
        """Upload a Word document to the media library; returns its address."""
        href = f"/wp-content/uploads/{year}/{month:02d}/{filename}"
        self.pages.docx(href, doc)
        return href

    def page(self, path: str, title: str, main: str, crumbs: Sequence[Link] = (), *, welsh: bool = False,
             other: str | None = None, sources: Sequence[str] = ()) -> str:
        """A page; ``other`` is the same page in the other language (the toggle's target)."""
        theme = self.welsh if welsh and self.welsh else self.theme
        toggle = None
        if other is not None and self.welsh is not None:
            toggle = (other, "English" if welsh else "Cymraeg")
        self.pages.html(path, page(theme, title, f'<div class="entry-content">{main}</div>', crumbs,
                                   alternate=toggle, useful=False, sources=sources))
        return path

    def posts(self, posts: Sequence[Post], *, welsh: bool = False, news_title: str = "News",
              prefix: str = "") -> list[Link]:
        """The posts, their category and month archives, the author page and the feed; returns post links."""
        links = [(prefix + p.path, p.title) for p in posts]
        category = f"{prefix}/category/news/"
        for p in posts:
            self.page(prefix + p.path, p.title, f'<p class="posted-on">{p.month:02d}/{p.year}</p><p>'
                      f'{escape(p.text)}</p><p class="cat-links"><a href="{category}" rel="category tag">'
                      f"{escape(news_title)}</a> <a href=\"{prefix}/author/clerk/\">Clerk</a></p>",
                      [(category, news_title)], welsh=welsh)
        for path, title in ((category, news_title), (f"{prefix}/author/clerk/", "Clerk")):
            self.page(path, title, link_list(links, "wp-block-latest-posts"), welsh=welsh)
        months = sorted({(p.year, p.month) for p in posts})
        for year, month in months:
            mine = [(prefix + p.path, p.title) for p in posts if (p.year, p.month) == (year, month)]
            self.page(f"{prefix}/{year}/{month:02d}/", f"{month:02d}/{year}", link_list(mine), welsh=welsh)
        items = "".join(f"<item><title>{escape(p.title)}</title><link>{prefix}{p.path}</link></item>" for p in posts)
        self.pages.rss(f"{prefix}/feed/", f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
                                          f"<title>{escape(self.theme.council)}</title>{items}</channel></rss>"
                       .encode())
        return links

    def archive_links(self, posts: Sequence[Post], prefix: str = "") -> str:
        """The sidebar's archive widget."""
        months = sorted({(p.year, p.month) for p in posts}, reverse=True)
        return link_list([(f"{prefix}/{y}/{m:02d}/", f"{m:02d}/{y}") for y, m in months], "wp-block-archives")
