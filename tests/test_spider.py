"""The council spider on saved pages: what it follows, what it keeps, how failures become items.

Discovery requests go through the council's frontier: a test reads what a page led to from the requests the
spider released and those still waiting in the frontier (`wanted`), and what each is for from its context."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from scrapy.http import HtmlResponse, JsonResponse, Request, Response
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.test import get_crawler
from twisted.python.failure import Failure

from registry import ACTIVE, Council, load_registry
from spiders.cmis import CmisSpider
from spiders.context import CONTEXT, CouncilScope, RequestContext, context_of
from spiders.council import CouncilSpider
from spiders.discovery import site_key, source_kind
from spiders.items import (
    CONSTITUTION,
    FOUND_DISCOVERY,
    FOUND_KNOWN,
    FOUND_REGISTRY,
    PROTOCOL,
    DocumentItem,
    LinkPages,
)
from spiders.loader import CouncilSpiderLoader
from spiders.moderngov import ModernGovSpider

FIXTURES = Path(__file__).parent / "fixtures" / "spiders"
SITE = "https://www.example.gov.uk/"
DEMOCRACY = "https://democracy.example.gov.uk/"
COUNCIL = Council(code="EXA", name="Example District Council", nation="England", website=SITE,
                  democracy_url=DEMOCRACY, platform="ModernGov", documents=("https://www.example.gov.uk/so.pdf",))


def spider() -> CouncilSpider:
    crawler = get_crawler(CouncilSpider, {"OCM_REGISTRY": ""})
    return CouncilSpider.from_crawler(crawler, councils=[COUNCIL], db_path="", max_depth=3)


SCOPE = CouncilScope("EXA", "England", frozenset({site_key(SITE)}), "other")


def meta(scrapy_meta: dict | None = None, **context) -> dict:
    """A request's meta: Scrapy's own keys, and the spider's context (one click from the start unless said)."""
    return {**(scrapy_meta or {}), CONTEXT: RequestContext(**{"scope": SCOPE, "depth": 1, **context})}


def wanted(sp: CouncilSpider, yielded=()) -> list[Request]:
    """The requests the spider released, then those waiting in the council's frontier, best first."""
    return [r for r in yielded if isinstance(r, Request)] + sp.waiting("EXA")


def response(name: str, url: str, **context) -> HtmlResponse:
    request = Request(url, meta=meta(**context))
    return HtmlResponse(url=url, body=(FIXTURES / name).read_bytes(), request=request)


def test_start_fetches_registry_documents_known_sources_and_the_sites():
    sp = spider()
    direct = list(sp.start_requests_for(COUNCIL, [{"url": "https://www.example.gov.uk/protocol", "kind": PROTOCOL}]))
    assert [(r.url, context_of(r).found_via, context_of(r).document) for r in direct] == [
        ("https://www.example.gov.uk/protocol", FOUND_KNOWN, True),
        ("https://www.example.gov.uk/so.pdf", FOUND_REGISTRY, True),
    ]
    # The sites and the platform's entry pages wait in the frontier, first of all discovery.
    start = sp.waiting("EXA")
    assert {r.url for r in start} == {"https://democracy.example.gov.uk/mgGeneric.aspx?MD=mgconstitution",
                                      "https://democracy.example.gov.uk/mgListCommittees.aspx", DEMOCRACY, SITE}
    assert {(context_of(r).found_via, context_of(r).document, r.priority) for r in start} == {
        (FOUND_DISCOVERY, False, 100)}


def test_known_sources_are_re_checked_conditionally_and_registry_documents_once():
    known = {"url": "https://www.example.gov.uk/so.pdf", "kind": "standing_orders", "etag": '"abc"',
             "last_modified": "Tue, 12 Mar 2024 09:30:00 GMT", "current_bytes_sha256": "f00",
             "current_text_sha256": "7e7"}
    (request,) = [r for r in spider().start_requests_for(COUNCIL, [known]) if context_of(r).document]
    assert context_of(request).found_via == FOUND_KNOWN  # the registry's copy of the URL is not fetched twice
    assert request.headers["If-None-Match"] == b'"abc"'
    assert request.headers["If-Modified-Since"] == b"Tue, 12 Mar 2024 09:30:00 GMT"
    assert request.meta["handle_httpstatus_list"] == [304] and context_of(request).known_bytes == "f00"
    not_modified = Response(request.url, status=304, request=request)
    (item,) = list(spider().parse_page(not_modified))
    assert item.unchanged and item.status == 304 and item.known_bytes_sha256 == "f00"
    assert item.known_text_sha256 == "7e7"  # new bytes with this text again are not classified again


def test_moderngov_constitution_index_yields_every_part_as_a_candidate_document():
    page = response("mgconstitution.html", "https://www.example.gov.uk/mgGeneric.aspx?MD=mgconstitution")
    sp = spider()
    requests = wanted(sp, sp.parse_page(page))
    documents = {r.url: context_of(r).kind for r in requests if context_of(r).document}
    assert "https://www.example.gov.uk/documents/s12304/Part%204%20-%20Rules%20of%20Procedure.pdf" in documents
    assert "https://www.example.gov.uk/documents/s12309/Appendix%20B.pdf" in documents  # linked from the index
    assert documents["https://www.example.gov.uk/documents/s12301/Part%201%20-%20Summary%20and%20Explanation.pdf"] \
        == CONSTITUTION
    assert not any("othercouncil" in r.url or "facebook" in r.url or r.url.startswith("mailto") for r in requests)


def test_home_page_follows_policy_and_navigation_links_only():
    sp = spider()
    requests = wanted(sp, sp.parse_page(response("home.html", SITE)))
    by_url = {r.url: context_of(r).document for r in requests}
    assert by_url["https://www.example.gov.uk/council-and-democracy/meetings/filming-and-recording-at-meetings"]
    assert by_url["https://www.example.gov.uk/council-and-democracy"] is False
    for never in ("bins-and-recycling", "council-tax", "permits.pdf", "logo.png", "twitter.com", "/cookies"):
        assert not any(never in url for url in by_url), never


def test_depth_limit_stops_following():
    page = response("home.html", SITE, depth=3)
    sp = spider()
    assert wanted(sp, sp.parse_page(page)) == []


def test_the_last_level_fetches_candidate_documents_but_no_pages_it_would_not_follow():
    page = response("home.html", SITE, depth=2)  # its links land at the depth limit (3)
    sp = spider()
    requests = wanted(sp, sp.parse_page(page))
    assert requests and all(context_of(r).document for r in requests)
    assert "https://www.example.gov.uk/council-and-democracy/meetings/filming-and-recording-at-meetings" in {
        r.url for r in requests}


def test_json_where_a_page_was_expected_is_no_error_and_has_no_links():
    url = "https://www.example.gov.uk/council-and-democracy/data.json"
    body = b'{"href": "https://www.example.gov.uk/so.pdf"}'
    page = JsonResponse(url=url, body=body, request=Request(url, meta=meta()))
    assert list(spider().parse_page(page)) == []
    candidate = JsonResponse(url=url, body=b"[]", request=Request(url, meta=meta(document=True)))
    (item,) = list(spider().parse_page(candidate))  # linked as a policy page: kept as a candidate document
    assert isinstance(item, DocumentItem) and item.url == url


def test_a_pdf_response_is_a_document_item():
    url = "https://www.example.gov.uk/documents/s12304/Part%204.pdf"
    request = Request(url, meta=meta(kind=CONSTITUTION, found_via=FOUND_DISCOVERY, document=True))
    pdf = Response(url=url, body=b"%PDF-1.7 ...", headers={"Content-Type": "application/pdf"}, request=request)
    (item,) = list(spider().parse_page(pdf))
    assert isinstance(item, DocumentItem)
    assert (item.council, item.kind, item.status, item.body[:4]) == ("EXA", CONSTITUTION, 200, b"%PDF")
    assert item.error is None and item.nation == "England"


def test_failed_document_fetch_becomes_an_item_with_the_reason_and_page_failures_do_not():
    url = "https://www.example.gov.uk/protocol"
    request = Request(url, meta=meta(kind=PROTOCOL, found_via=FOUND_KNOWN, document=True))
    failure = Failure(HttpError(Response(url, status=404, request=request)))
    failure.request = request
    sp = spider()
    sp.crawler.stats.open_spider()
    item, *rediscover = list(sp.on_error(failure))
    assert (item.error, item.status, item.found_via) == ("HTTP 404", 404, FOUND_KNOWN)
    # A known document that fails sends the crawl looking for where it went.
    assert {r.url for r in wanted(sp, rediscover)} >= {SITE, DEMOCRACY}
    page = Request(SITE, meta=meta(document=False))
    timeout = Failure(TimeoutError("took too long"))
    timeout.request = page
    assert list(sp.on_error(timeout)) == []


def test_sites_are_walked_monthly_and_the_pages_linking_known_documents_read_weekly():
    from datetime import date, timedelta

    from spiders.council import LINK_PAGES, WALK

    known = [{"url": "https://www.example.gov.uk/protocol", "kind": PROTOCOL,
              "found_on": "https://www.example.gov.uk/council-and-democracy/meetings"}]
    crawler = get_crawler(CouncilSpider, {"OCM_REGISTRY": ""})
    nights = [CouncilSpider.from_crawler(crawler, councils=[COUNCIL], discovery_interval=28, link_pages_interval=7,
                                         today=date(2026, 11, 23) + timedelta(days=n)) for n in range(56)]
    modes = [s.discovery_mode(COUNCIL, known) for s in nights]
    assert modes.count(WALK) == 2 and modes.count(LINK_PAGES) == 6 and modes.count("") == 48
    walks = [n for n, mode in enumerate(modes) if mode == WALK]
    assert walks[1] - walks[0] == 28 and all(modes[(walks[0] + 7 * k) % 56] == LINK_PAGES for k in (1, 2, 3))
    assert all(s.discovery_mode(COUNCIL, []) == WALK for s in nights)  # nothing known: look every night
    unlinked = [{**known[0], "found_on": None}]  # known, but from the registry: no page to read, so walk
    assert {s.discovery_mode(COUNCIL, unlinked) for s in nights} == {WALK, ""}
    assert spider().discovery_mode(COUNCIL, known) == WALK  # intervals of 1: walk every night


def test_every_night_of_a_cycle_gets_its_even_share_of_councils():
    from collections import Counter

    from registry import load_registry
    from spiders.council import discovery_places

    registry, _ = load_registry(None)
    places = discovery_places(c.code for c in registry)
    assert sorted(places.values()) == list(range(len(registry)))
    for interval in (7, 28):  # a hash alone gave 41 to 70 councils a night in a week, 6 to 25 in 28 nights
        per_night = Counter(place % interval for place in places.values())
        assert max(per_night.values()) - min(per_night.values()) <= 1
    assert discovery_places([*places, "ZZZ"])["ZZZ"] in range(len(registry) + 1)  # a new council takes a place


def test_a_council_is_searched_on_the_nights_of_its_place():
    from datetime import date, timedelta

    crawler = get_crawler(CouncilSpider, {"OCM_REGISTRY": ""})
    known = [{"url": "https://www.example.gov.uk/protocol", "kind": PROTOCOL, "found_on": SITE}]
    start = date(2026, 11, 23)
    searched = [n for n in range(14) if CouncilSpider.from_crawler(
        crawler, councils=[COUNCIL], discovery_interval=28, link_pages_interval=7, places={"EXA": 3},
        today=start + timedelta(days=n)).discovery_mode(COUNCIL, known)]
    assert [(start.toordinal() + n) % 7 for n in searched] == [3, 3]


def link_page_spider() -> CouncilSpider:
    crawler = get_crawler(CouncilSpider, {"OCM_REGISTRY": ""})
    return CouncilSpider.from_crawler(crawler, councils=[COUNCIL], max_depth=3, discovery_interval=28,
                                      link_pages_interval=1)


INDEX = "https://www.example.gov.uk/mgGeneric.aspx?MD=mgconstitution"
PART4 = "https://www.example.gov.uk/documents/s12304/Part%204%20-%20Rules%20of%20Procedure.pdf"


def test_a_link_pages_night_reads_only_the_pages_that_linked_known_documents():
    filming = "https://www.example.gov.uk/filming"
    known = [{"url": PART4, "kind": CONSTITUTION, "found_on": INDEX},
             {"url": filming, "kind": PROTOCOL, "found_on": SITE, "etag": '"f1"', "current_bytes_sha256": "f00"},
             {"url": "https://www.example.gov.uk/protocol.pdf", "kind": PROTOCOL, "found_on": filming}]
    sp = link_page_spider()
    requests = wanted(sp, sp.start_requests_for(COUNCIL, known))
    link_pages = {r.url: r for r in requests if context_of(r).link_page}
    assert sorted(link_pages) == sorted([INDEX, SITE, filming])
    assert len(requests) == len({r.url for r in requests}) == 6  # 3 known, the registry's, 2 pages: no walk
    assert {context_of(r).depth for r in link_pages.values()} == {2}  # their documents, no further pages
    assert context_of(link_pages[INDEX]).expected_links == (PART4,)
    # A known page that links another document is checked and read in one conditional request ...
    page = link_pages[filming]
    assert context_of(page).document and context_of(page).found_via == FOUND_KNOWN
    assert page.headers["If-None-Match"] == b'"f1"'
    # ... and a 304 says its links have not changed: nothing to follow, no walk.
    (item,) = list(link_page_spider().parse_page(Response(filming, status=304, request=page)))
    assert isinstance(item, DocumentItem) and item.unchanged
    # The other pages wait in the frontier, which takes each address once; the known page is fetched directly,
    # and a link to it does not fetch it again.
    assert {r.url for r in sp.waiting("EXA")} == {INDEX, SITE} and not page.dont_filter
    sp.parse_page(Response(filming, status=304, request=page))
    sp._offer(sp._page_request(filming, context_of(page).scope, 1, True), 90, "x", "candidate")
    assert filming not in {r.url for r in sp.waiting("EXA")}


def test_a_walk_also_reads_a_known_page_for_the_documents_it_links():
    filming = "https://www.example.gov.uk/filming"
    known = [{"url": filming, "kind": PROTOCOL, "found_on": SITE},
             {"url": "https://www.example.gov.uk/protocol.pdf", "kind": PROTOCOL, "found_on": filming}]
    sp = spider()
    requests = wanted(sp, sp.start_requests_for(COUNCIL, known))  # intervals of 1: a walk tonight
    (page,) = [r for r in requests if r.url == filming]  # once, and at a depth whose links are followed
    assert context_of(page).link_page and context_of(page).depth == 2 and context_of(page).document
    assert context_of(page).expected_links == ()  # walking already: a lost link changes nothing tonight
    assert {SITE, DEMOCRACY} <= {r.url for r in requests}


def link_page_response(expected: list[str]) -> HtmlResponse:
    request = Request(INDEX, meta=meta(depth=2, scope=replace(SCOPE, platform="ModernGov"), link_page=True,
                                       expected_links=tuple(expected)))
    return HtmlResponse(url=INDEX, body=(FIXTURES / "mgconstitution.html").read_bytes(), request=request)


def test_a_link_page_yields_its_documents_new_and_known_and_remembers_where_they_are_linked():
    sp = link_page_spider()
    requests = wanted(sp, sp.parse_page(link_page_response([PART4])))
    assert {r.url for r in requests} >= {PART4, "https://www.example.gov.uk/documents/s12309/Appendix%20B.pdf"}
    assert all(context_of(r).document for r in requests)  # no walk: every known link is still there
    (pages,) = [report for report in sp.close_discoveries() if isinstance(report, LinkPages)]
    assert pages.council == "EXA" and pages.linked_from[PART4] == {INDEX}


def test_a_link_page_that_lost_a_known_link_or_fails_sends_the_crawl_walking():
    gone = "https://www.example.gov.uk/documents/s99/Old%20Part%204.pdf"
    sp = link_page_spider()
    sp.crawler.stats.open_spider()
    requests = wanted(sp, sp.parse_page(link_page_response([PART4, gone])))
    walk = {r.url for r in requests if context_of(r).depth == 0}
    assert walk >= {SITE, DEMOCRACY}
    fresh = link_page_spider()
    fresh.crawler.stats.open_spider()
    request = link_page_response([PART4]).request
    failure = Failure(HttpError(Response(INDEX, status=404, request=request)))
    failure.request = request
    assert {r.url for r in wanted(fresh, fresh.on_error(failure))} >= {SITE, DEMOCRACY}
    assert sp.crawler.stats.get_value("ocm/discovery_link_pages_failed") == 1
    assert fresh.crawler.stats.get_value("ocm/discovery_link_pages_failed") == 1


def test_source_kinds_from_link_words():
    assert source_kind("Protocol on filming and recording of meetings", "") == PROTOCOL
    assert source_kind("Council Procedure Rules", "") == "standing_orders"
    assert source_kind("Part 2 - Articles", "") == CONSTITUTION
    assert source_kind("Have your say", "https://x.gov.uk/about") == "guidance"


def test_spider_loader_names_a_spider_per_council(tmp_path):
    from scrapy.settings import Settings

    loader = CouncilSpiderLoader(Settings({"SPIDER_MODULES": ["spiders"], "OCM_REGISTRY": ""}))
    names = loader.list()
    active = {c.code for c in load_registry()[0] if c.status == ACTIVE}
    assert "LIF" in active and len(names) == len(set(names))
    assert set(names) == {"councils", "moderngov", "cmis"} | active  # the base spiders, then one per council
    cls = loader.load("lif")
    assert cls.name == "LIF" and cls.council_codes == ("LIF",) and issubclass(cls, ModernGovSpider)
    assert issubclass(loader.load("CAS"), CmisSpider)  # the registry says CMIS
    birmingham = loader.load("BIR")  # "other/Custom HTML": the generic discovery spider
    assert birmingham.platform is None and not issubclass(birmingham, (ModernGovSpider, CmisSpider))


def test_a_document_that_redirects_and_then_fails_is_reported_under_its_own_address():
    original, moved = "https://www.example.gov.uk/protocol", "https://www.example.gov.uk/new/protocol"
    request = Request(moved, meta=meta({"redirect_urls": [original]}, kind=PROTOCOL, found_via=FOUND_KNOWN,
                                       document=True))
    failure = Failure(HttpError(Response(moved, status=404, request=request)))
    failure.request = request
    sp = spider()
    sp.crawler.stats.open_spider()
    item = next(iter(sp.on_error(failure)))
    assert (item.url, item.status) == (original, 404)


class SearchFormSpider(CouncilSpider):
    """A council spider as docs/adding-a-council.md describes one: its own requests, through the public helpers."""

    SEARCH = "https://www.example.gov.uk/search?q=filming"
    HIDDEN = "https://www.example.gov.uk/api/files/4471"

    def start_requests_for(self, council, known):
        yield from super().start_requests_for(council, known)
        yield self.page_request(self.SEARCH, council)

    def parse_page(self, response):
        if response.url == self.SEARCH:
            yield self.document_request(self.HIDDEN, PROTOCOL, response)
        yield from super().parse_page(response)


def test_a_council_spider_makes_its_own_requests_for_the_council_through_public_helpers():
    crawler = get_crawler(SearchFormSpider, {"OCM_REGISTRY": ""})
    sp = SearchFormSpider.from_crawler(crawler, councils=[COUNCIL], db_path="", max_depth=3)
    search = next(r for r in sp.start_requests_for(COUNCIL, []) if r.url == SearchFormSpider.SEARCH)
    assert context_of(search).scope == sp.scope_of(COUNCIL) and context_of(search).depth == 0
    page = HtmlResponse(url=search.url, body=b"<html><body><p>1 result</p></body></html>", request=search)
    (document,) = [r for r in sp.parse_page(page) if isinstance(r, Request) and r.url == SearchFormSpider.HIDDEN]
    found = context_of(document)
    assert (found.scope.council, found.document, found.kind, found.found_via) == ("EXA", True, PROTOCOL,
                                                                                 FOUND_DISCOVERY)
    pdf = Response(url=document.url, body=b"%PDF-1.4", headers={"Content-Type": "application/pdf"},
                   request=document)
    (item,) = [i for i in sp.parse_page(pdf) if isinstance(i, DocumentItem)]
    assert (item.council, item.kind, item.url) == ("EXA", PROTOCOL, SearchFormSpider.HIDDEN)


PARISH = "https://www.upperwendlebury-pc.gov.uk/"
PARISH_SCOPE = CouncilScope("E04999990", "England", frozenset({site_key(PARISH)}), "other")


def test_a_parish_policies_page_of_file_blocks_yields_its_rule_documents_first_and_not_its_footer():
    """A WordPress parish site: standing orders and a media policy among file blocks; cookie and privacy
    policies in the footer are no policy shelf."""
    url = PARISH + "the-council/policies/"
    request = Request(url, meta={CONTEXT: RequestContext(PARISH_SCOPE, depth=1)})
    page = HtmlResponse(url=url, body=(FIXTURES / "parish-policies.html").read_bytes(), request=request)
    parish = Council(code="E04999990", name="Upper Wendlebury Parish Council", nation="England", website=PARISH)
    sp = CouncilSpider.from_crawler(get_crawler(CouncilSpider, {"OCM_REGISTRY": ""}), councils=[parish],
                                    db_path="", max_depth=3)
    found = [r for r in sp.parse_page(page) if isinstance(r, Request)] + sp.waiting("E04999990")
    documents = [r.url for r in found if context_of(r).document]
    rules = {PARISH + "wp-content/uploads/2023/06/Media-Policy-June-2023.pdf",
             PARISH + "wp-content/uploads/2024/05/Standing-Orders-2024.pdf"}
    assert set(documents[:2]) == rules and len(documents) == len(set(documents))  # first, and each once
    assert not any(word in url for url in (r.url for r in found)
                   for word in ("privacy-policy", "cookie-policy", "facebook.com"))
