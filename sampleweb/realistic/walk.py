"""Walk a council's sites breadth first, as a person clicking every link would: for the tests and benchmarks.

Each start page is at depth 0; a redirect keeps the depth of the link that led to it. Only the council's own
hosts are followed. Addresses are compared as the server looks them up (percent-decoded), so a link written
with raw spaces and the same link percent-encoded are one page.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import quote, unquote, urldefrag, urljoin

import lxml.html

_SAFE = "%/:=&?~#+!$,;'@()*[]"


def canonical(url: str) -> str:
    """An address as the sample web looks it up: fragment dropped, percent-decoded."""
    return unquote(urldefrag(url)[0])


def fetchable(url: str) -> str:
    """``url`` with raw spaces and other unsafe characters percent-encoded (escapes kept as they are)."""
    return quote(urldefrag(url)[0], safe=_SAFE)


@dataclass
class Visit:
    """One address reached: its final status and type, its depth in clicks, the links on it."""

    url: str
    status: int
    content_type: str
    depth: int
    body: bytes = b""
    links: list[str] = field(default_factory=list)  # canonical absolute addresses, in page order
    redirected_to: str | None = None


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def fetch(url: str, timeout: float = 5.0) -> tuple[int, str, bytes, str | None]:
    """(status, content type, body, Location) without following redirects."""
    try:
        with _OPENER.open(fetchable(url), timeout=timeout) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read(), None
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.headers.get("Content-Type", ""), error.read(), error.headers.get("Location")


def links_of(url: str, body: bytes) -> list[str]:
    """The ``<a href>`` targets of an HTML page, absolute and canonical (mailto:, tel: and # dropped)."""
    out = []
    for anchor in lxml.html.document_fromstring(body).iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith(("#", "mailto:", "tel:", "javascript:")):
            continue
        out.append(canonical(urljoin(url, href)))
    return out


def walk(starts: Iterable[str], own: Iterable[str], limit: int = 5000) -> dict[str, Visit]:
    """Every page reachable from ``starts`` on hosts whose base URL is in ``own``, keyed by canonical address."""
    bases = tuple(own)
    seen: dict[str, Visit] = {}
    queue: deque[tuple[str, int]] = deque((canonical(url), 0) for url in starts)
    while queue and len(seen) < limit:
        url, depth = queue.popleft()
        if url in seen or not url.startswith(bases):
            continue
        status, kind, body, location = fetch(url)
        visit = Visit(url, status, kind, depth, body)
        seen[url] = visit
        if location:
            visit.redirected_to = canonical(urljoin(url, location))
            queue.appendleft((visit.redirected_to, depth))
        elif status == 200 and kind.startswith("text/html"):
            visit.links = links_of(url, body)
            queue.extend((link, depth + 1) for link in visit.links if link not in seen)
    return seen
