"""Addresses on the review pages: where a login may lead back to, and which addresses may become links."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from flask import current_app
from markupsafe import Markup, escape
from werkzeug.exceptions import HTTPException

# A path of unreserved characters only: no `%` (encoded slashes), `\`, whitespace or control characters, which
# browsers strip or turn into `/` (`/%09/evil.example/` reaches the browser as `//evil.example/`), and no query.
SITE_PATH = re.compile(r"(?:/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)*/?")
# An http(s) address without whitespace, control characters or backslashes anywhere.
WEB_ADDRESS = re.compile(r"https?://[^\s\x00-\x1f\x7f\\]+", re.IGNORECASE)
NOT_NEXT = {"static", "auth.login", "auth.logout"}  # pages a login never leads back to


def safe_next(target: object, fallback: str) -> str:
    """`target` when it is the path of one of this site's pages, else `fallback`: never another site (`//evil`,
    `https://evil`, `/\\evil`, `/%09/evil`, `/%2F%2Fevil`), never a path with dot segments or a query."""
    if not isinstance(target, str) or not target.startswith("/") or not SITE_PATH.fullmatch(target):
        return fallback
    try:
        endpoint, _args = current_app.url_map.bind("localhost").match(target, method="GET")
    except HTTPException:  # no such page, not a page one GETs, or a redirect to another form of the path
        return fallback
    return fallback if endpoint in NOT_NEXT else target


def web_address(url: object) -> str | None:
    """`url` when it is an http(s) address with a host, else None (`javascript:`, `data:`, `vbscript:`, ...)."""
    if not isinstance(url, str) or not WEB_ADDRESS.fullmatch(url):
        return None
    try:
        return url if urlsplit(url).hostname else None
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return None


def link(url: object, text: str | None = None) -> Markup:
    """A link to `url` with `text` (default: the address) when it is a web address; anything else as text only."""
    address = web_address(url)
    if address is not None:
        return Markup('<a href="{}" rel="noopener noreferrer">{}</a>').format(address, text or address)
    shown = "" if url is None else str(url)
    if text and shown:
        return Markup('{} <span class="not-a-link">(not a web address: {})</span>').format(text, shown)
    return escape(text or shown)
