"""A council CMS's answers to addresses it has no page for: its site search, and its own "page not found".

Site search answers any query, as real ones do: the site's pages whose title or main text holds every word of
the query, titles first. The index is built on the first search, from the pages the site serves.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from html import escape
from urllib.parse import parse_qsl

import lxml.html

from ..site import Resource
from .chrome import Theme, page
from .pages import HostPages, html_resource

Fallback = Callable[[str], Resource | None]
_WORD = re.compile(r"[a-z0-9']{3,}")


class SiteSearch:
    """Search and 404 for one CMS host; ``before`` answers first (a committee system under the same host)."""

    def __init__(self, pages: HostPages, theme: Theme, action: str, param: str) -> None:
        self.pages, self.theme, self.action, self.param = pages, theme, action, param
        self.before: Fallback | None = None
        self._index: list[tuple[str, str, str]] | None = None
        self._lock = threading.Lock()

    def __call__(self, key: str) -> Resource | None:
        if self.before is not None:
            found = self.before(key)
            if found is not None:
                return found
        path, _, query = key.partition("?")
        if path == self.action:
            words = dict(parse_qsl(query, keep_blank_values=True)).get(self.param)
            if words is not None:
                return self.results(words)
        return html_resource(page(self.theme, "Page not found", "<p>Sorry, we cannot find the page you were "
                                  f'looking for. Try <a href="{escape(self.theme.home)}">the home page</a> or '
                                  "searching the site.</p>", useful=False), 404)

    def results(self, query: str) -> Resource:
        """The results page for ``query``."""
        wanted = _WORD.findall(query.lower())
        hits = []
        for path, title, text in self._pages():
            haystack = f"{title.lower()} {text}"
            if wanted and all(word in haystack for word in wanted):
                hits.append((-sum(word in title.lower() for word in wanted), title, path, text))
        hits.sort()
        rows = "".join(f'<li class="search-result"><h2><a href="{escape(path)}">{escape(title)}</a></h2>'
                       f"<p>{escape(text[:160])}...</p></li>" for _, title, path, text in hits[:10])
        body = page(self.theme, f"Search results for '{query}'",
                    f'<p class="search-count">{len(hits)} results</p><ol class="search-results">{rows}</ol>',
                    useful=False)
        return html_resource(body)

    def _pages(self) -> list[tuple[str, str, str]]:
        with self._lock:
            if self._index is None:
                self._index = []
                for key, resource in list(self.pages.resources.items()):
                    if resource.status == 200 and resource.content_type.startswith("text/html") \
                            and b'id="modgov"' not in resource.body:  # the committee system is not indexed
                        self._index.append((key, *_title_and_text(resource.body)))
            return self._index


def _title_and_text(body: bytes) -> tuple[str, str]:
    document = lxml.html.document_fromstring(body)
    heading = document.find(".//h1")
    main = document.find(".//main")
    title = " ".join(heading.text_content().split()) if heading is not None else ""
    text = " ".join((main if main is not None else document).text_content().lower().split())
    return title, text
