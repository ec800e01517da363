"""Council main sites on the CMSes UK councils run, each with the address shapes that CMS gives its pages.

- Jadu: ``/info/20012/council_and_democracy``, ``/info/20012/council_and_democracy/1042/constitution``,
  documents on a download page ``/downloads/download/74/constitution`` that lists files
  ``/downloads/file/1534/part_4_rules_of_procedure``, ``/directory/..``, ``/news/article/..``, ``/a_to_z/A``.
- GOSS iCM: ``/article/1234/Council-and-democracy``, files ``/media/4567/Standing-Orders/pdf/Standing_Orders.pdf``.
- LocalGov Drupal: ``/council-and-democracy/councillors-and-committees``, ``/sites/default/files/2023-04/x.pdf``.
- Squiz Matrix: ``/council-and-democracy/meetings``, ``/__data/assets/pdf_file/0012/123456/x.pdf``.
- Umbraco: ``/council-and-democracy/meetings/``, ``/media/3kqhg2lw/x.pdf``.
- Contensis: ``/council-and-democracy/meetings/meetings.aspx``, ``/documents/council-and-democracy/x.pdf``.

:class:`CmsSite` builds what every council site has (home page, service sections, top tasks, news, footer
pages, optionally an A to Z and search result pages) so that each council's module only adds its
"Council and democracy" section.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from html import escape

from ..texts import Document
from .chrome import Link, Theme, link_list, page
from .common import FOOTER_PAGES, NEWS, SERVICES, TASK_LINKS, TOP_TASKS, social
from .pages import HostPages
from .search import SiteSearch


def _under(slug: str) -> str:
    return slug.replace("-", "_")


def _title_path(title: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", title).strip("-")


class Shape:
    """Address shapes of one CMS family; ids are handed out in order, the same for the same slug."""

    cms = "generic"
    az_root: str | None = None

    def __init__(self, first_id: int = 1000) -> None:
        self._ids: dict[str, int] = {}
        self._next = first_id

    def id(self, key: str, step: int = 1) -> int:
        """A stable number for ``key`` (pages, files)."""
        if key not in self._ids:
            self._ids[key] = self._next
            self._next += step
        return self._ids[key]

    def section(self, slug: str, title: str) -> str:
        return f"/{slug}"

    def page(self, section: str, slug: str, title: str) -> str:
        return f"/{section}/{slug}"

    def news(self, slug: str, title: str) -> str:
        return f"/news/{slug}"

    def file(self, filename: str, title: str, month: str = "2023-04") -> str:
        return f"/documents/{filename}"

    def az(self, letter: str) -> str:
        return f"{self.az_root}/{letter.lower()}"


class Jadu(Shape):
    cms = "jadu"
    az_root = "/a_to_z"

    def section(self, slug: str, title: str) -> str:
        return f"/info/{self.id(slug) + 19000}/{_under(slug)}"

    def page(self, section: str, slug: str, title: str) -> str:
        return f"/info/{self.id(section) + 19000}/{_under(section)}/{self.id(section + '/' + slug)}/{_under(slug)}"

    def news(self, slug: str, title: str) -> str:
        return f"/news/article/{self.id('news/' + slug)}/{_under(slug)}"

    def download(self, slug: str) -> str:
        """A Jadu download page: one document's description and its files."""
        return f"/downloads/download/{self.id('download/' + slug) % 300}/{_under(slug)}"

    def file(self, filename: str, title: str, month: str = "2023-04") -> str:
        return f"/downloads/file/{self.id('file/' + filename)}/{_under(filename.rsplit('.', 1)[0])}"

    def az(self, letter: str) -> str:
        return f"{self.az_root}/{letter.upper()}"


class Goss(Shape):
    cms = "goss"
    az_root = "/a-z"

    def section(self, slug: str, title: str) -> str:
        return f"/article/{self.id(slug, 37)}/{_title_path(title)}"

    def page(self, section: str, slug: str, title: str) -> str:
        return f"/article/{self.id(section + '/' + slug, 37)}/{_title_path(title)}"

    def news(self, slug: str, title: str) -> str:
        return f"/news/article/{self.id('news/' + slug, 37)}/{_title_path(title)}"

    def file(self, filename: str, title: str, month: str = "2023-04") -> str:
        stem = _title_path(title)
        return f"/media/{self.id('media/' + filename, 13)}/{stem}/pdf/{stem.replace('-', '_')}.pdf"


class LocalGovDrupal(Shape):
    cms = "localgov"

    def file(self, filename: str, title: str, month: str = "2023-04") -> str:
        return f"/sites/default/files/{month}/{filename}"


class Squiz(Shape):
    cms = "squiz"
    az_root = "/a-to-z"

    def file(self, filename: str, title: str, month: str = "2023-04") -> str:
        asset = self.id("asset/" + filename, 7919) + 400000
        return f"/__data/assets/pdf_file/00{asset % 27 + 10:02d}/{asset}/{filename}"


class Umbraco(Shape):
    cms = "umbraco"

    def section(self, slug: str, title: str) -> str:
        return f"/{slug}/"

    def page(self, section: str, slug: str, title: str) -> str:
        return f"/{section}/{slug}/"

    def news(self, slug: str, title: str) -> str:
        return f"/news/{slug}/"

    def file(self, filename: str, title: str, month: str = "2023-04") -> str:
        key = hashlib.sha1(filename.encode()).hexdigest()
        folder = "".join(chr(97 + int(c, 16) % 26) if c.isalpha() or int(c, 16) % 3 else c for c in key[:8])
        return f"/media/{folder}/{filename}"


class Contensis(Shape):
    cms = "contensis"

    def section(self, slug: str, title: str) -> str:
        return f"/{slug}/{slug}.aspx"

    def page(self, section: str, slug: str, title: str) -> str:
        return f"/{section}/{slug}.aspx"

    def news(self, slug: str, title: str) -> str:
        return f"/news/{slug}.aspx"

    def file(self, filename: str, title: str, month: str = "2023-04") -> str:
        return f"/documents/council-and-democracy/{filename}"


class CmsSite:
    """One council's main site: its chrome, standard pages and helpers to add its own."""

    def __init__(self, shape: Shape, council: str, handle: str, *, democracy: Sequence[Link] = (),
                 search_param: str = "q", search_action: str = "/search", az: bool = False) -> None:
        self.shape = shape
        self.council = council
        self.pages = HostPages()
        self.democracy_section = shape.section("council-and-democracy", "Council and democracy")
        self.has_az = az
        nav = [(shape.section(slug, title), title) for slug, title, _, _ in SERVICES[:4]]
        nav.append((self.democracy_section, "Council and democracy"))
        if az:
            nav.append((shape.az_root or "/a-z", "A to Z"))
        self.footer_paths = {slug: shape.page("about-this-site", slug, title) for slug, title, _ in FOOTER_PAGES}
        about = tuple((self.footer_paths[slug], title) for slug, title, _ in FOOTER_PAGES)
        footer = (("About this site", about[:3] + about[7:]), ("Contact", about[3:7]),
                  ("Council", ((self.democracy_section, "Council and democracy"),
                               (shape.section("news", "News"), "News"), *democracy)))
        tasks = tuple((shape.section(slug, title), title) for slug, title in TOP_TASKS)
        self.theme = Theme(council, shape.cms, "/", tuple(nav), footer, social(handle), tasks,
                           search_action=search_action, search_param=search_param,
                           cookies=self.footer_paths["cookies"])
        self.search = SiteSearch(self.pages, self.theme, search_action, search_param)
        self.pages.fallback = self.search  # site search for any query, the site's own 404 page otherwise

    # --- adding pages -------------------------------------------------------------------------------
    def html(self, path: str, title: str, main: str, crumbs: Sequence[Link] = (), *, sidebar: str = "",
             sources: Sequence[str] = ()) -> str:
        """Add a page in the site's chrome; returns ``path``. ``sources``: where its real wording comes from."""
        self.pages.html(path, page(self.theme, title, main, crumbs, sidebar=sidebar, sources=sources))
        return path

    def landing(self, path: str, title: str, intro: str, items: Sequence[Link], crumbs: Sequence[Link] = (),
                more: str = "") -> str:
        """A landing page: an introduction and a list of links."""
        return self.html(path, title, f"<p>{escape(intro)}</p>\n{link_list(items, 'landing-links')}{more}", crumbs)

    def pdf(self, path: str, doc: Document, paper: bool = False) -> str:
        """Add a PDF (``paper``: an agenda, minutes or report of a meeting); returns ``path``."""
        self.pages.pdf(path, doc, paper=paper)
        return path

    def service_page(self, section: str, child: str) -> str:
        """The address of a standard service page (see :data:`common.SERVICES`)."""
        title = next(t for slug, _, _, children in SERVICES if slug == section for c, t, _ in children if c == child)
        return self.shape.page(section, child, title)

    # --- what every site has ------------------------------------------------------------------------
    def standard(self, welcome: str, home_extra: str = "") -> None:
        """Home page, service sections, top tasks, news and footer pages."""
        s = self.shape
        news_section = s.section("news", "News")
        articles = [(s.news(slug, title), title) for slug, title, _ in NEWS]
        for (path, title), (_, _, text) in zip(articles, NEWS, strict=True):
            self.html(path, title, f'<p class="date">Published 4 March 2024</p><p>{escape(text)}</p>',
                      [(news_section, "News")])
        self.landing(news_section, "News", "The latest news from the council.", articles)
        services = []
        for slug, title, intro, children in SERVICES:
            section = s.section(slug, title)
            services.append((section, title))
            items = []
            for child, child_title, text in children:
                path = s.page(slug, child, child_title)
                items.append((path, child_title))
                self.html(path, child_title, f"<p>{escape(text)}</p>", [(section, title)])
            self.landing(section, title, intro, items)
        for slug, title in TOP_TASKS:
            links = [(self.service_page(section, child), text) for section, child, text in TASK_LINKS[slug]]
            self.landing(s.section(slug, title), title, f"{title} online, any time.", links)
        for slug, title, text in FOOTER_PAGES:
            self.html(self.footer_paths[slug], title, f"<p>{escape(text)}</p>")
        tasks = link_list(self.theme.top_tasks, "home-tasks")
        popular = link_list(services, "home-services")
        latest = link_list(articles[:3], "home-news")
        self.html("/", f"Welcome to {self.council}",
                  f'<p class="lead">{escape(welcome)}</p>\n<h2>Do it online</h2>{tasks}\n<h2>Services</h2>'
                  f"{popular}\n{home_extra}<h2>Latest news</h2>{latest}"
                  f'<p><a href="{escape(news_section)}">All news</a></p>')

    def a_to_z(self, entries: Sequence[Link]) -> None:
        """An A to Z index (one page per letter) of the service pages plus ``entries``."""
        root = self.shape.az_root or "/a-z"
        every = [(self.shape.section(slug, title), title) for slug, title, _, _ in SERVICES]
        every += [(self.shape.page(sec, child, t), t) for sec, _, _, children in SERVICES for child, t, _ in children]
        every += [(self.footer_paths[slug], title) for slug, title, _ in FOOTER_PAGES]
        every += list(entries)
        letters = sorted({title[0].upper() for _, title in every})
        index = "".join(f'<li><a href="{escape(self.shape.az(letter))}">{letter}</a></li>' for letter in letters)
        self.html(root, "A to Z of services",
                  f'<p>Find a service by its first letter.</p><ul class="az-letters">{index}</ul>')
        for letter in letters:
            found = sorted((item for item in every if item[1][0].upper() == letter), key=lambda item: item[1])
            self.html(self.shape.az(letter), f"A to Z: {letter}",
                      f'<ul class="az-letters">{index}</ul>{link_list(found, "az-results")}',
                      [(root, "A to Z")])

    def search_link(self, query: str) -> str:
        """The address of the site search's results for ``query`` (answered by :class:`SiteSearch`)."""
        return f"{self.theme.search_action}?{self.theme.search_param}={query.replace(' ', '+')}"
