"""Helpers the council modules share: the skin of a committee site hosted apart from the main site."""

from __future__ import annotations

from collections.abc import Callable

from ...texts import load
from ..chrome import Theme
from ..cms import CmsSite
from ..common import social
from ..documents import text_lines


def external_theme(site: CmsSite, main: Callable[[str], str], cms: str, handle: str, meetings: str) -> Theme:
    """The skin of a ModernGov or CMIS site on its own host: the main site's menus, written as absolute links."""
    theme = site.theme

    def absolute(href: str) -> str:
        return href if href.startswith(("http://", "https://")) else main(href)

    nav = ((absolute("/"), "Home"), *((absolute(href), text) for href, text in theme.nav if href != "/"),
           (meetings, "Meetings, agendas and minutes"))
    footer = tuple((title, tuple((absolute(href), text) for href, text in links)) for title, links in theme.footer)
    return Theme(theme.council, cms, absolute("/"), nav, footer, social(handle),
                 tuple((absolute(href), text) for href, text in theme.top_tasks),
                 search_action=absolute(theme.search_action), search_param=theme.search_param,
                 cookies=absolute(theme.cookies))


def quoted(name: str, names: dict[str, str] | None = None) -> list[str]:
    """A content file's paragraphs, renamed."""
    return text_lines(name, names)[0]


def source(name: str) -> tuple[str, ...]:
    """A content file's source addresses, for the attribution of a page that quotes it."""
    return load(name).sources
