"""What a request of a council's crawl carries: one typed, frozen context in `request.meta["ocm"]`.

Every request the council spider makes says whose crawl it belongs to (`CouncilScope`) and what fetching it is
for (`RequestContext`); the responses, the errbacks and the downloader middlewares read it back with
`context_of`. A request derived from another gets a new context made with `dataclasses.replace`, which refuses a
field that does not exist, as does reading one (slots): a mistyped name is an error, never a silent None.

Scrapy's own meta keys (redirect_urls, handle_httpstatus_list, download_timeout, proxy, ...) stay beside it.
"""

from __future__ import annotations

from dataclasses import dataclass

from scrapy import Request
from scrapy.http import Response

from spiders.follow import Offer
from spiders.items import FOUND_DISCOVERY

CONTEXT = "ocm"  # the request meta key of the context


class NoContext(LookupError):
    """A request or response of the council spider without its context (it was made elsewhere)."""


@dataclass(frozen=True, slots=True)
class CouncilScope:
    """Whose crawl a request belongs to: passed on, as it is, to every request it leads to."""

    council: str  # register code
    nation: str  # the statute a verdict is compared with
    allowed: frozenset[str]  # the council's sites (`spiders.discovery.site_key`): nothing else is fetched
    platform: str  # the name of the platform whose rules apply (the registry's, or the one a page showed)


@dataclass(frozen=True, slots=True)
class RequestContext:
    """What one request is for, and what its answer is compared with."""

    scope: CouncilScope
    depth: int = 0  # clicks from the council's start pages (a document fetched directly: the limit)
    document: bool = False  # a document or candidate: its answer may become a source
    kind: str = ""  # the kind of document its link named ("": from its title)
    found_via: str = FOUND_DISCOVERY  # how the document was found (spiders.items.FOUND_*)
    # SHA-256 of the bytes the store holds for it (a known source's current snapshot, or a discovered page that
    # said nothing about recording when last read) and of their text: the same again needs no reading.
    known_bytes: str = ""
    known_text: str = ""
    link_page: bool = False  # read again for the known documents it links
    expected_links: tuple[str, ...] = ()  # ... which it should still link
    frontier_key: str = ""  # its key in the council's frontier, once the frontier released it
    cue: str = ""  # the cue that scored its link (spiders.links)
    search_next: tuple[Offer, ...] = ()  # the council's site search: the questions to ask once this one answered


def context_of(message: Request | Response) -> RequestContext:
    """The context of a request of the council spider (or of the request a response answers)."""
    context = message.meta.get(CONTEXT)
    if not isinstance(context, RequestContext):
        raise NoContext(f"{message.url} carries no {CONTEXT!r} request context")
    return context


def context_if_any(request: Request) -> RequestContext | None:
    """The context of a request, or None for a request no council spider made (Scrapy's own robots.txt)."""
    context = request.meta.get(CONTEXT)
    return context if isinstance(context, RequestContext) else None


def with_context(request: Request, context: RequestContext) -> Request:
    """The request with this context instead of its own (its other meta kept)."""
    return request.replace(meta={**request.meta, CONTEXT: context})
