"""The council spider: re-checks known documents and discovers policy documents on a council's sites.

Known and registry documents are fetched directly, every night. Discovery goes through each council's frontier
(`spiders.frontier`): every link found is scored (`spiders.links`) and the frontier releases the best first,
within the council's page budget, and keeps an account of what it fetched and what the budget refused.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import zlib
from collections.abc import AsyncIterator, Iterable, Iterator, Mapping
from dataclasses import replace
from datetime import date
from typing import Any
from urllib.parse import urljoin

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from clock import london_now
from registry import LOCAL, Council, load_registry, select_councils
from rules import CLASSIFIER_VERSION
from spiders.context import CONTEXT, CouncilScope, RequestContext, context_of, with_context
from spiders.discovery import normalise_url, site_key, source_kind
from spiders.follow import Offer, is_error_page, page_offers, platform_root, search_offers
from spiders.frontier import Frontier
from spiders.items import (
    AGENDA_NOTICE,
    FOUND_DISCOVERY,
    FOUND_KNOWN,
    FOUND_REGISTRY,
    DocumentItem,
    LinkPages,
    Report,
)
from spiders.links import CANDIDATE, COMMITTEE, COMMITTEE_ADDRESS, COMMITTEE_CUE, MEETINGS_CUE, START
from spiders.platforms import BY_NAME, Platform, detect, from_hint
from spiders.safety import RefusedAddress
from spiders.soft404 import soft_404
from spiders.sourcecap import capped, retire_over_cap
from store import open_db, utcnow
from store.documents import checked_pages, known_sources

logger = logging.getLogger(__name__)

MARKUP = ("html", "xml")  # the selector types whose links discovery follows
DOCUMENT_TYPES = ("application/pdf", "application/msword", "application/vnd.openxmlformats", "application/octet")
# How a council's sites are searched for new documents on a night when that is due.
WALK = "walk"  # follow links from the start pages, as deep as OCM_DISCOVERY_DEPTH
LINK_PAGES = "link_pages"  # read again only the pages that link to its known documents, one level deep


def discovery_places(codes: Iterable[str]) -> dict[str, int]:
    """Each council's place in the discovery cycles: the registry's councils in the order of a hash of their code.
    A council is searched on the nights where its place and the date agree modulo the cycle, so every night of
    any cycle gets its even share (of 12,000 councils, 1,714 or 1,715 a night in a week) and a council keeps its
    nights while the registry keeps its councils (adding one moves those after it in the order by one night)."""
    ordered = sorted(set(codes), key=lambda code: (zlib.crc32(code.encode()), code))
    return {code: place for place, code in enumerate(ordered)}


ROOM_POLL_S = 0.05  # how often start() looks for room for the next council
ROOM_STALL_S = 2.0  # waiting this long with nothing downloading or scheduled, it looks for stalled frontiers


class CouncilSpider(scrapy.Spider):
    """The generic discovery spider: crawls the councils it is given, following the platform each site shows.

    `scrapy crawl <CODE>` gets a subclass bound to one council. Hooks for a council whose site needs code:
    `start_requests_for(council, known)` (where to start) and `parse_page(response)` (what to yield).
    """

    name = "councils"
    council_codes: tuple[str, ...] = ()  # set by the spider loader for a one-council spider
    platform: Platform | None = None  # a platform spider's own platform, whatever the registry says

    def __init__(self, *args: Any, councils: Iterable[Council] = (), db_path: str = "", max_depth: int = 3,
                 registry_errors: Iterable[Exception] = (), discovery_interval: int = 1,
                 link_pages_interval: int = 1, places: Mapping[str, int] | None = None, today: date | None = None,
                 budget: int = 60, council_concurrency: int = 2, max_sources: int = 0, local_budget: int = 25,
                 open_councils: int = 64, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.councils = list(councils)
        self.by_code = {c.code: c for c in self.councils}
        self.db_path = db_path
        self.max_depth = max_depth
        self.registry_errors = list(registry_errors)
        self.discovery_interval = discovery_interval
        self.link_pages_interval = link_pages_interval
        self.places = dict(places) if places is not None else discovery_places(c.code for c in self.councils)
        self.today = (today or london_now().date()).toordinal()
        # By council, every candidate document linked tonight -> the pages linking to it: reported when the
        # council's discovery ends (`LinkPages`), and the links kept when sources over the cap are retired.
        self.linked_from: dict[str, dict[str, set[str]]] = {}
        # Discovered pages read before that said nothing about recording, by council and URL: not read again
        # while they are the same (a walk meets the same "Attending meetings" page every time).
        self.checked: dict[tuple[str, str], dict] = {}
        self.budget = budget
        self.local_budget = local_budget  # a parish, town or community council's small site
        self.council_concurrency = council_concurrency
        self.open_councils = max(1, open_councils)  # councils whose discovery runs at once (start() waits for room)
        self.max_sources = max_sources  # discovered sources kept per council (0: no cap): spiders/sourcecap.py
        self.budget_spent: dict[str, int] = {}  # of each council's page budget, by frontiers closed tonight
        # The start page's bytes (SHA-256) by council, and the known documents answering HTML that wait for it:
        # a document's address answering with the home page is a soft 404.
        self.home_pages: dict[str, str] = {}
        self.awaiting_home: dict[str, list[tuple[DocumentItem, RequestContext]]] = {}
        # Each council's discovery tonight, while it runs (its reports are yielded when it ends).
        self.frontiers: dict[str, Frontier] = {}
        self.fetched_directly: dict[str, set[str]] = {}  # known and registry documents, by council: fetched anyway
        self.known: dict[str, list[dict]] = {}  # each council's known sources (read from the store at the start)

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> CouncilSpider:
        settings = crawler.settings
        if "councils" not in kwargs:  # `scrapy crawl`: read the registry here (`ocm crawl` passes its councils)
            registry, errors = load_registry(settings.get("OCM_REGISTRY") or None)
            wanted = [*cls.council_codes, *settings.get("OCM_COUNCILS", "").split(","), kwargs.pop("council", "")]
            kwargs["councils"] = select_councils(registry, wanted)
            kwargs.setdefault("places", discovery_places(c.code for c in registry))
            kwargs.setdefault("registry_errors", errors)
        kwargs.setdefault("db_path", settings.get("OCM_DB_PATH"))
        kwargs.setdefault("max_depth", settings.getint("OCM_DISCOVERY_DEPTH"))
        kwargs.setdefault("discovery_interval", settings.getint("OCM_DISCOVERY_INTERVAL_DAYS"))
        kwargs.setdefault("link_pages_interval", settings.getint("OCM_LINK_PAGES_INTERVAL_DAYS"))
        kwargs.setdefault("budget", settings.getint("OCM_MAX_PAGES_PER_COUNCIL"))
        kwargs.setdefault("local_budget", settings.getint("OCM_MAX_PAGES_PER_LOCAL_COUNCIL"))
        kwargs.setdefault("council_concurrency", settings.getint("OCM_COUNCIL_CONCURRENCY"))
        kwargs.setdefault("open_councils", settings.getint("OCM_OPEN_COUNCILS"))
        kwargs.setdefault("max_sources", settings.getint("OCM_MAX_SOURCES_PER_COUNCIL"))
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.spider_idle, signal=signals.spider_idle)
        return spider

    async def start(self) -> AsyncIterator[Any]:
        for error in self.registry_errors:
            self.crawler.stats.inc_value("ocm/registry_malformed")
            logger.error("registry entry skipped: %s", error)
        known = self.known = self._read_store()
        for council in self.councils:
            async for report in self._room_for_a_council():
                yield report
            mode = self.discovery_mode(council, known.get(council.code, []))
            if mode:
                self.crawler.stats.inc_value(f"ocm/discovery_{mode}")
            for request in self.start_requests_for(council, known.get(council.code, [])):
                yield request
            for request_or_report in self._release(council.code):
                yield request_or_report

    async def _room_for_a_council(self) -> AsyncIterator[Report]:
        """Wait while `open_councils` councils walk their sites or as many requests wait in the scheduler: Scrapy
        reads start() as fast as it yields, so without this every council of the night would be open at once, its
        frontier and its requests in memory (12,000 councils); with it the crawl's memory stays flat as councils
        grow, and the download slots stay busy (the window is several times CONCURRENT_REQUESTS).

        While start() waits, Scrapy never finds the spider idle: a frontier that lost track of an answer is released
        here instead (`spider_idle` does it once start() is over), and one left finished is closed (its reports)."""
        waited = 0.0
        while self._full():
            await asyncio.sleep(ROOM_POLL_S)
            waited += ROOM_POLL_S
            if waited >= ROOM_STALL_S and not self.crawler.engine.downloader.active and not self._scheduled():
                waited = 0.0
                for code, frontier in list(self.frontiers.items()):
                    if frontier.finished:
                        for report in self._close_frontier(code):
                            yield report
                self._release_stalled()

    def _full(self) -> bool:
        return len(self.frontiers) >= self.open_councils or self._scheduled() >= self.open_councils

    def _scheduled(self) -> int:
        """Requests waiting in the scheduler."""
        stats = self.crawler.stats
        return int(stats.get_value("scheduler/enqueued", 0)) - int(stats.get_value("scheduler/dequeued", 0))

    def _read_store(self) -> dict[str, list[dict]]:
        """Each council's known sources, by code (any beyond the cap retired first); and into `self.checked`, the
        pages found silent before."""
        if not self.db_path:
            return {}
        db = open_db(self.db_path)
        try:
            for council in self.councils:
                pages = checked_pages(db, council.code, CLASSIFIER_VERSION)
                self.checked.update(((council.code, url), page) for url, page in pages.items())
                self._retire(db, council, ())
            return {c.code: known_sources(db, c.code) for c in self.councils}
        finally:
            db.close()

    def closed(self, reason: str) -> None:
        """The crawl is over (its documents stored): retire each council's sources beyond the cap, those not
        linked tonight first, before change detection reads them."""
        if not self.db_path or not self.max_sources:
            return
        db = open_db(self.db_path)
        try:
            for council in self.councils:
                self._retire(db, council, self.linked_from.get(council.code, {}))
        finally:
            db.close()

    def _retire(self, db: Any, council: Council, linked: Iterable[str]) -> None:
        retired = retire_over_cap(db, council, self.max_sources, set(linked))
        if retired:
            self.crawler.stats.inc_value("ocm/sources_retired", len(retired))

    def start_requests_for(self, council: Council, known: list[dict]) -> Iterator[scrapy.Request]:
        """Registry documents and known sources are fetched directly; the sites are crawled for more."""
        scope = self.scope_of(council)
        mode = self.discovery_mode(council, known)
        direct = self.fetched_directly.setdefault(council.code, set())
        direct.update(source["url"] for source in known)
        direct.update(normalise_url(url) for url in council.documents)
        if mode:
            self.frontiers[council.code] = self._frontier(council.code, mode, known)
        link_pages = _link_pages(known) if mode else {}
        for source in known:
            request = self._known_request(source, scope)
            if source["url"] in link_pages:  # a known page that links others: checked and read in one request
                linked = link_pages.pop(source["url"])  # a lost link sends the crawl walking: unless it walks
                request = self._as_link_page(request, linked if mode == LINK_PAGES else [])
            yield request
        known_urls = {source["url"] for source in known}
        for url in council.documents:
            if normalise_url(url) not in known_urls:
                yield self._document_request(url, source_kind("", url), FOUND_REGISTRY, scope)
        if mode == WALK:
            self._offer_start(council, scope)
        elif mode == LINK_PAGES:
            for page, linked in sorted(link_pages.items()):
                request = self._as_link_page(self._page_request(page, scope, depth=0, candidate=False), linked)
                self._offer(request, START, "a page linking known documents", "page")

    def scope_of(self, council: Council) -> CouncilScope:
        """What every request for `council` carries: its code, nation, own sites and platform."""
        platform = self.platform or from_hint(council.platform)
        return CouncilScope(council.code, council.nation, frozenset(site_key(u) for u in council.start_urls),
                            platform.name)

    def document_request(self, url: str, kind: str, found_for: Council | Response) -> scrapy.Request:
        """A request for a policy document this site's own code found (a council spider's hooks): fetched at
        once, outside the page budget, and stored as a source of the council, like any discovered document.
        `found_for` is the council (in `start_requests_for`) or the page it was found on (in `parse_page`)."""
        return self._document_request(url, kind, FOUND_DISCOVERY, self._scope_for(found_for))

    def page_request(self, url: str, found_for: Council | Response) -> scrapy.Request:
        """A request for a page to read for links that discovery cannot reach (a council spider's hooks): a
        search result, an index built by script. Its links are scored and followed like any page's."""
        if isinstance(found_for, Response):
            context = context_of(found_for)
            return self._page_request(url, context.scope, context.depth + 1, candidate=False)
        return self._page_request(url, self.scope_of(found_for), depth=0, candidate=False)

    def _scope_for(self, found_for: Council | Response) -> CouncilScope:
        return context_of(found_for).scope if isinstance(found_for, Response) else self.scope_of(found_for)

    def discovery_mode(self, council: Council, known: list[dict]) -> str:
        """How to look for new documents tonight: WALK, LINK_PAGES or "" (not tonight).

        Known documents are re-checked every night whatever this says. A council with none is walked every
        night. Otherwise its sites are walked every OCM_DISCOVERY_INTERVAL_DAYS nights, and in between, every
        OCM_LINK_PAGES_INTERVAL_DAYS nights, the pages that link to its known documents are read again (a walk
        when none is known). Councils are spread over the days; a known document or a linking page that fails,
        or a linking page that no longer links its document, sends the crawl walking the sites at once. A council
        with no site (a parish with no website: the registry's `no_website_reason`) has nothing to walk."""
        if not (council.website or council.democracy_url):
            return ""
        if not known or self._due(council, self.discovery_interval):
            return WALK
        if self._due(council, self.link_pages_interval):
            return LINK_PAGES if any(source.get("found_on") for source in known) else WALK
        return ""

    def _due(self, council: Council, interval: int) -> bool:
        """Is tonight the council's night in a cycle of `interval` nights (see discovery_places)?"""
        if interval <= 1:
            return True
        place = self.places.get(council.code, zlib.crc32(council.code.encode()))
        return place % interval == self.today % interval

    def _as_link_page(self, request: scrapy.Request, linked: list[str]) -> scrapy.Request:
        """`request` made to read a page that links the council's known documents `linked`, one level deep: for
        the documents it links now, and whether it still links those. A 304 says its links have not changed."""
        context = replace(context_of(request), link_page=True, expected_links=tuple(linked),
                          depth=max(self.max_depth - 1, 0))
        return with_context(request, context)

    def _offer_start(self, council: Council, scope: CouncilScope) -> None:
        """The council's sites, and its platform's entry pages, as the start of link discovery."""
        platform = BY_NAME[scope.platform]
        if council.democracy_url:
            root = council.democracy_url.rstrip("/") + "/"
            for path in platform.entry_paths:
                self._offer(self._page_request(urljoin(root, path), scope, depth=0, candidate=False), START,
                            f"{platform.name} entry page", "page")
        for url in (council.democracy_url, council.website):
            if url:
                self._offer(self._page_request(url, scope, depth=0, candidate=False), START, "start page", "page")

    def _offer(self, request: scrapy.Request, score: int, cue: str, role: str, found_on: str = "") -> None:
        """Put a discovery request in its council's frontier (a council not discovering tonight starts one)."""
        code = context_of(request).scope.council
        frontier = self.frontiers.get(code)
        if frontier is None:  # a known document failed on a night without discovery: look for where it went
            frontier = self.frontiers[code] = self._frontier(code, WALK, self.known.get(code, []))
        frontier.offer(request, score, cue, role, found_on)

    def _frontier(self, code: str, mode: str, known: list[dict]) -> Frontier:
        """A council's frontier: committee and meeting pages wait for what is left, and are read only where no
        candidate is found elsewhere, or where the council is known to keep policy among its meeting papers."""
        on_meeting_pages = any(source.get("kind") == AGENDA_NOTICE or COMMITTEE_ADDRESS.search(source.get("found_on")
                                                                                             or "")
                               for source in known)
        council = self.by_code.get(code)
        if code not in self.budget_spent:  # known sources found by discovery spend the budget first, every night
            registry = {normalise_url(url) for url in council.documents} if council else set()
            self.budget_spent[code] = len(capped(known, registry))
        budget = self.local_budget if self._local(code) else self.budget
        return Frontier(code, mode, budget, self.council_concurrency, self.fetched_directly.get(code, ()),
                        hold_at_or_below=COMMITTEE, hold_open=on_meeting_pages, spent=self.budget_spent[code])

    def _local(self, code: str) -> bool:
        """A parish, town or community council: a small site, no democracy site, its notices on its meetings page."""
        council = self.by_code.get(code)
        return council is not None and council.tier == LOCAL

    def _release(self, code: str) -> Iterator[scrapy.Request | Report]:
        """The council's next discovery requests, best first, as far as its budget and concurrency allow; its
        discovery's reports when that is over."""
        frontier = self.frontiers.get(code)
        if frontier is None:
            return
        yield from frontier.release()
        if frontier.finished:
            yield from self._close_frontier(code)

    def _answered(self, context: RequestContext, failed: str = "") -> None:
        """A discovery request came back (or failed): its frontier makes room for the next."""
        frontier = self.frontiers.get(context.scope.council)
        if frontier is not None and context.frontier_key:
            frontier.done(context.frontier_key, failed)

    def _close_frontier(self, code: str) -> list[Report]:
        """End the council's discovery: its reports, for the store (its account, and the pages linking its
        candidate documents)."""
        frontier = self.frontiers.pop(code)
        self.budget_spent[code] = frontier.spent  # a second walk tonight (a document failed later) has what is left
        account = frontier.close()
        refused = sum(1 for v in account.visits if v.outcome == "refused")
        if refused:
            self.crawler.stats.inc_value("ocm/budget_exhausted")
            self.crawler.stats.set_value(f"ocm/budget_exhausted/{code}", refused)
            logger.info("%s: page budget of %d spent, %d link(s) left unvisited", code, account.budget, refused)
        linked = self.linked_from.get(code)
        if not linked:
            return [account]
        return [account, LinkPages(code, {url: frozenset(pages) for url, pages in linked.items()})]

    def spider_idle(self, spider: scrapy.Spider) -> None:
        """A frontier whose answers were lost (a request dropped on the way) releases its next links. (One that
        ends here reports when the crawl closes: Scrapy takes no item from this signal.)"""
        if self._release_stalled():
            raise DontCloseSpider

    def _release_stalled(self) -> bool:
        """Release the next links of each frontier that lost track of an answer; were there any?"""
        released = False
        for frontier in list(self.frontiers.values()):
            if frontier.stalled():
                frontier.in_flight.clear()
                for request in frontier.release():
                    self.crawler.engine.crawl(request)
                    released = True
        return released

    def waiting(self, code: str) -> list[scrapy.Request]:
        """The discovery requests of a council waiting in its frontier, best first (none when it has none)."""
        frontier = self.frontiers.get(code)
        return frontier.waiting() if frontier is not None else []

    def close_discoveries(self) -> list[Report]:
        """The reports of the discoveries still under way when the crawl stops, each ended now (see
        `spiders.items.LeavesReports`: the persist stage asks for them as it closes)."""
        return [report for code in list(self.frontiers) for report in self._close_frontier(code)]

    def _document_request(self, url: str, kind: str, found_via: str, scope: CouncilScope) -> scrapy.Request:
        context = RequestContext(scope, depth=self.max_depth, document=True, kind=kind, found_via=found_via)
        meta = {**BY_NAME[scope.platform].request_meta, CONTEXT: context}
        return scrapy.Request(normalise_url(url), callback=self.parse_page, errback=self.on_error, meta=meta,
                              priority=10)

    def _known_request(self, source: dict, scope: CouncilScope) -> scrapy.Request:
        """Re-check a known source conditionally: a 304 or the same bytes costs no extraction."""
        request = self._document_request(source["url"], source["kind"], FOUND_KNOWN, scope)
        if not source.get("current_bytes_sha256"):
            return request  # no text stored yet (e.g. unreadable so far): fetch it in full
        headers = {}
        if source.get("etag"):
            headers["If-None-Match"] = source["etag"]
        if source.get("last_modified"):
            headers["If-Modified-Since"] = source["last_modified"]
        context = replace(context_of(request), known_bytes=source["current_bytes_sha256"],
                          known_text=source.get("current_text_sha256") or "")
        meta = {**request.meta, "handle_httpstatus_list": [304], CONTEXT: context}
        return request.replace(headers=headers, meta=meta)

    def _page_request(self, url: str, scope: CouncilScope, depth: int, candidate: bool,
                      kind: str = "") -> scrapy.Request:
        context = RequestContext(scope, depth=depth, document=candidate, kind=kind, found_via=FOUND_DISCOVERY)
        meta = {**BY_NAME[scope.platform].request_meta, CONTEXT: context}
        return scrapy.Request(normalise_url(url), callback=self.parse_page, errback=self.on_error, meta=meta)

    def parse_page(self, response: Response) -> Iterator[Any]:
        """Yield the response as a document if it is one, offer the links that lead to policy, and release the
        council's next discovery requests."""
        context = context_of(response)
        code = context.scope.council
        error_page = is_error_page(response.url)  # "mgError.aspx": the platform's way of saying 404
        soft = soft_404(response) if context.document and not error_page and response.status != 304 else ""
        self._answered(context, failed=f"redirected to the error page {response.url}" if error_page else soft)
        self._note_home_page(response)
        if response.status == 304:  # a conditional re-check of a known source: not modified
            yield self._item(response)
        elif error_page:
            logger.info("%s: %s led to the error page %s", code, _requested(response),
                        response.url)  # a document there is gone, as with a 404
            yield from self._document_failed(context, _requested(response), 404, response.url,
                                             f"HTTP 404 (redirected to {response.url})")
        elif soft:
            self.crawler.stats.inc_value("ocm/soft_404")
            logger.warning("%s: %s: %s", code, _requested(response), soft)
            yield from self._document_failed(context, _requested(response), response.status, response.url, soft)
        else:
            is_binary_doc = not isinstance(response, TextResponse) or _is_document_type(response)
            if context.document or is_binary_doc:
                yield from self._unless_home_page(response, is_binary_doc)
            if isinstance(response, TextResponse) and not is_binary_doc:
                self._follow(response)
        yield from self._release(code)

    def _note_home_page(self, response: Response) -> None:
        """Remember the bytes of a council's start page, read by its walk or asked for by `_unless_home_page`."""
        council = self.by_code.get(context_of(response).scope.council)
        if council is not None and council.website and _requested(response) == normalise_url(council.website):
            self.home_pages[council.code] = hashlib.sha256(response.body).hexdigest()

    def _unless_home_page(self, response: Response, is_binary_doc: bool) -> Iterator[Any]:
        """The document, unless a known document's address answers with the site's home page (a soft 404): an
        HTML answer with new bytes is compared with the start page's, which is fetched first if need be."""
        item = self._item(response)
        council = self.by_code.get(item.council)
        if (is_binary_doc or response.status != 200 or item.found_via == FOUND_DISCOVERY or council is None
                or not council.website or item.bytes_sha256 == item.known_bytes_sha256
                or item.url == normalise_url(council.website)):
            yield item
            return
        context = context_of(response)
        home = self.home_pages.get(council.code)
        if home is not None:
            yield from self._judge_home(item, context, home)
            return
        waiting = self.awaiting_home.setdefault(council.code, [])
        waiting.append((item, context))
        if len(waiting) == 1:
            yield scrapy.Request(normalise_url(council.website), callback=self._home_page,
                                 errback=self._home_page_failed, dont_filter=True, priority=10,
                                 meta={CONTEXT: RequestContext(context.scope, depth=self.max_depth)})

    def _home_page(self, response: Response) -> Iterator[Any]:
        """The start page, asked for to judge known documents answering HTML: judge those waiting."""
        self._note_home_page(response)
        code = context_of(response).scope.council
        home = self.home_pages.get(code, "")
        for item, context in self.awaiting_home.pop(code, []):
            yield from self._judge_home(item, context, home)

    def _home_page_failed(self, failure: Failure) -> Iterator[Any]:
        """No start page to compare with tonight: the documents waiting for it are taken as they are."""
        request: scrapy.Request = failure.request  # type: ignore[attr-defined]  # Scrapy sets it on errbacks
        yield from (item for item, _context in self.awaiting_home.pop(context_of(request).scope.council, []))

    def _judge_home(self, item: DocumentItem, context: RequestContext, home: str) -> Iterator[Any]:
        if item.bytes_sha256 != home:
            yield item
            return
        reason = f"soft 404: the site's home page answered at {item.final_url}"
        self.crawler.stats.inc_value("ocm/soft_404")
        logger.warning("%s: %s: %s", item.council, item.url, reason)
        yield from self._document_failed(context, item.url, item.status, item.final_url, reason)

    def _follow(self, response: TextResponse) -> None:
        """Offer the page's links that lead to policy to the council's frontier, best scored first."""
        context = context_of(response)
        depth = context.depth
        if depth >= self.max_depth or response.selector.type not in MARKUP:
            return  # too deep, or JSON where a page was expected: no links to follow
        scope = context.scope
        platform = BY_NAME[scope.platform]
        # A page that is no candidate document is only worth fetching if its links will be followed.
        pages_followed = depth + 1 < self.max_depth
        detected = detect(response.body)
        if detected is not None and detected is not platform:
            logger.info("%s: %s shows %s, not %s", scope.council, response.url, detected.name, platform.name)
            self.crawler.stats.inc_value(f"ocm/platform_detected/{detected.name}")
            platform, scope = detected, replace(scope, platform=detected.name)
            root = platform_root(response, platform)  # "/moderngov/" when the platform sits under a path
            for path in platform.entry_paths if pages_followed else ():
                self._offer(self._page_request(urljoin(root, path), scope, depth=depth + 1, candidate=False), START,
                            f"{platform.name} entry page", "page", response.url)
        # The documents linked from a policy page (a "Standing Orders" page offering "Download (PDF)", a
        # constitution index listing its parts) are policy documents whatever their link text says.
        # (Not a local council's meetings page, read for a notice on recording: the minutes it lists are no policy.)
        read_for_notice = context.cue == MEETINGS_CUE
        policy_page = (context.document and not read_for_notice) or bool(platform.index_url.search(response.url))
        offers, linked = page_offers(response, scope.allowed, platform, policy_page, context.kind,
                                     pages_followed, committee_page=context.cue == COMMITTEE_CUE,
                                     latest_minutes=read_for_notice and self._local(scope.council))
        for offer in offers:
            self._offer_link(response, offer, scope, depth + 1)
        self._ask_search(response, context, scope)
        lost = [url for url in context.expected_links if url not in linked]
        if lost:  # a page that linked a known document no longer does: it may have moved anywhere on the sites
            self._walk_instead(scope, f"{response.url} no longer links {lost[0]}")

    def _ask_search(self, response: TextResponse, context: RequestContext, scope: CouncilScope) -> None:
        """The council's own site search, asked for the policy from its start pages: one question first, the next
        only once a search answered (a search form that leads nowhere costs one request, not three)."""
        searches = list(context.search_next)
        if context.depth == 0 and context.depth + 1 < self.max_depth:
            searches = search_offers(response, scope.allowed)
        if searches:
            first, *rest = searches
            self._offer_link(response, first, scope, 1, tuple(rest))  # each one click from the start

    def _offer_link(self, page: TextResponse, offer: Offer, scope: CouncilScope, depth: int,
                    search_next: tuple[Offer, ...] = ()) -> None:
        if offer.role == CANDIDATE:
            request = self._candidate_request(page, offer.url, scope, depth, offer.kind)
        elif offer.cue == MEETINGS_CUE and self._local(scope.council):  # read for its notice on recording too
            request = self._candidate_request(page, offer.url, scope, depth, "")
        else:
            request = self._page_request(offer.url, scope, depth, candidate=False)
        request = with_context(request, replace(context_of(request), cue=offer.cue, search_next=search_next))
        self._offer(request, offer.score, offer.cue, offer.role, normalise_url(page.url))

    def _candidate_request(self, page: TextResponse, url: str, scope: CouncilScope, depth: int,
                           kind: str) -> scrapy.Request:
        """A link that may be a policy document; the page it is on is remembered for the source it becomes."""
        self.linked_from.setdefault(scope.council, {}).setdefault(url, set()).add(normalise_url(page.url))
        request = self._page_request(url, scope, depth, candidate=True, kind=kind)
        checked = self.checked.get((scope.council, url))
        if checked is None:
            return request
        # Read before and silent: the same bytes (or text) again need no reading (pipeline/classify.py).
        context = replace(context_of(request), known_bytes=checked["bytes_sha256"], known_text=checked["text_sha256"])
        return with_context(request, context)

    def _walk_instead(self, scope: CouncilScope, reason: str) -> None:
        """A linking page failed or lost its link: walk the council's sites tonight."""
        self.crawler.stats.inc_value("ocm/discovery_link_pages_failed")
        logger.info("%s: walking the sites instead: %s", scope.council, reason)
        council = self.by_code.get(scope.council)
        if council is not None:
            self._offer_start(council, scope)  # the frontier takes each start page once

    def _item(self, response: Response) -> DocumentItem:
        context = context_of(response)
        headers = {k.decode("latin-1"): v[0].decode("latin-1") for k, v in response.headers.items() if v}
        url = response.meta.get("redirect_urls", [response.url])[0]
        return DocumentItem(
            council=context.scope.council, url=normalise_url(url),
            kind=context.kind or source_kind(_title(response), response.url), found_via=context.found_via,
            fetched_at=utcnow(), status=response.status, final_url=response.url,
            content_type=headers.get("Content-Type", ""), headers=headers, body=response.body,
            nation=context.scope.nation,
            known_bytes_sha256=context.known_bytes, known_text_sha256=context.known_text,
            unchanged=response.status == 304,
        )

    def on_error(self, failure: Failure) -> Iterator[DocumentItem | scrapy.Request | Report]:
        """A failed fetch: reported against the document it was for; the crawl goes on. A known document
        that fails sends the crawl discovering the council's sites (it may have moved)."""
        request: scrapy.Request = failure.request  # type: ignore[attr-defined]  # Scrapy sets it on errbacks
        yield from self._failed(request, failure)
        yield from self._release(context_of(request).scope.council)

    def _failed(self, request: scrapy.Request, failure: Failure) -> Iterator[DocumentItem]:
        context = context_of(request)
        status = None
        if failure.check(HttpError):
            status = failure.value.response.status
            reason = f"HTTP {status}"
        elif failure.check(RefusedAddress):
            reason = failure.getErrorMessage()  # "refused: internal address ...": says it all
        else:
            reason = f"{failure.type.__name__}: {failure.getErrorMessage()}".strip()
        self.crawler.stats.inc_value("ocm/fetch_failed")
        logger.warning("%s: fetch failed for %s: %s", context.scope.council, request.url, reason)
        self._answered(context, reason)
        if context.link_page:
            self._walk_instead(context.scope, f"{request.url} failed: {reason}")
        # the source's address, not where it redirected
        yield from self._document_failed(context, request.meta.get("redirect_urls", [request.url])[0], status,
                                         request.url, reason)

    def _document_failed(self, context: RequestContext, url: str, status: int | None, final_url: str,
                         reason: str) -> Iterator[DocumentItem]:
        """A document's fetch failed: its failure, recorded against its source; a known or registry document
        sends the crawl walking the council's sites, to see where it went."""
        if context.document:
            yield DocumentItem(
                council=context.scope.council, url=normalise_url(url), kind=context.kind or source_kind("", url),
                found_via=context.found_via, fetched_at=utcnow(), status=status, final_url=final_url, error=reason,
                nation=context.scope.nation,
            )
        council = self.by_code.get(context.scope.council)
        if council is not None and context.found_via in (FOUND_KNOWN, FOUND_REGISTRY):
            self._offer_start(council, context.scope)  # the frontier takes each start page once


def _link_pages(known: list[dict]) -> dict[str, list[str]]:
    """The pages that link the council's known documents (`found_on`), each with the documents it links."""
    pages: dict[str, list[str]] = {}
    for source in known:
        if source.get("found_on"):
            pages.setdefault(source["found_on"], []).append(source["url"])
    return pages


def _requested(response: Response) -> str:
    """The address that was asked for (a redirected response has moved on from it)."""
    return normalise_url(response.meta.get("redirect_urls", [response.url])[0])


def _is_document_type(response: Response) -> bool:
    content_type = (response.headers.get("Content-Type") or b"").decode("latin-1").lower()
    return content_type.startswith(DOCUMENT_TYPES) or response.body[:5] == b"%PDF-"


def _title(response: Response) -> str:
    if isinstance(response, TextResponse) and not _is_document_type(response) and response.selector.type in MARKUP:
        return response.css("title::text, h1::text").get("") or ""
    return ""
