"""Discovery on local (parish, town, community) councils' sites: their own, smaller page budget, their meetings
page read for a notice on recording, links that say only "click here", and shared parish hosting."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler

from registry import LOCAL, Council
from settings import OCM_MAX_PAGES_PER_COUNCIL, OCM_MAX_PAGES_PER_LOCAL_COUNCIL
from spiders.context import CONTEXT, CouncilScope, RequestContext, context_of
from spiders.council import CouncilSpider
from spiders.discovery import same_site, site_key
from spiders.links import COMMITTEE

SITE = "https://www.ashby-fenwick-pc.gov.uk/"
PARISH = Council(code="E04990001", name="Ashby Fenwick Parish Council", nation="England", website=SITE, tier=LOCAL,
                 parent="WLI")
DISTRICT = Council(code="EXA", name="Example District Council", nation="England", website="https://www.example.gov.uk/")


def spider(*councils: Council) -> CouncilSpider:
    crawler = get_crawler(CouncilSpider, {"OCM_REGISTRY": "", "OCM_MAX_PAGES_PER_COUNCIL": OCM_MAX_PAGES_PER_COUNCIL,
                                          "OCM_MAX_PAGES_PER_LOCAL_COUNCIL": OCM_MAX_PAGES_PER_LOCAL_COUNCIL})
    return CouncilSpider.from_crawler(crawler, councils=list(councils), db_path="", max_depth=3)


def page(sp: CouncilSpider, council: Council, path: str, body: str) -> list[Request]:
    """What a page one click from the start offers: the requests released and those waiting, best first."""
    scope = CouncilScope(council.code, council.nation, frozenset({site_key(council.website)}), "other")
    url = council.website.rstrip("/") + path
    request = Request(url, meta={CONTEXT: RequestContext(scope, depth=1)})
    released = list(sp.parse_page(HtmlResponse(url=url, body=body.encode(), request=request)))
    return [r for r in released if isinstance(r, Request)] + sp.waiting(council.code)


HOME = """<html><body><nav><a href="/council/">The Council</a> <a href="/agendas-minutes/">Agendas &amp; Minutes</a>
<a href="/documents/">Council documents</a></nav></body></html>"""


def test_a_local_council_has_its_own_smaller_page_budget():
    assert 0 < OCM_MAX_PAGES_PER_LOCAL_COUNCIL < OCM_MAX_PAGES_PER_COUNCIL
    sp = spider(PARISH, DISTRICT)
    assert sp.local_budget == OCM_MAX_PAGES_PER_LOCAL_COUNCIL and sp.budget == OCM_MAX_PAGES_PER_COUNCIL
    assert sp._frontier(PARISH.code, "walk", []).budget == OCM_MAX_PAGES_PER_LOCAL_COUNCIL
    assert sp._frontier(DISTRICT.code, "walk", []).budget == OCM_MAX_PAGES_PER_COUNCIL


def test_a_local_councils_meetings_page_is_read_for_a_notice_and_only_its_newest_minutes_wait():
    sp = spider(PARISH, DISTRICT)
    offered = {r.url: context_of(r) for r in page(sp, PARISH, "/", HOME)}
    meetings = offered[SITE + "agendas-minutes/"]
    assert meetings.document and meetings.cue == "meetings"  # its own words may be the council's rule
    district = {r.url: context_of(r) for r in page(sp, DISTRICT, "/", HOME.replace("ashby", "x"))}
    assert not district["https://www.example.gov.uk/agendas-minutes/"].document  # a principal council's: a way on
    scope = CouncilScope(PARISH.code, PARISH.nation, frozenset({site_key(SITE)}), "other")
    url = SITE + "agendas-minutes/"
    papers = "".join(f'<tr><td>{day}</td><td><a href="/wp-content/uploads/{path}/Agenda.pdf">Agenda</a></td>'
                     f'<td><a href="/wp-content/uploads/{path}/Minutes.pdf">Minutes</a></td></tr>'
                     for day, path in (("9 January 2024", "2024/01"), ("11 June 2024", "2024/06"),
                                       ("12 March 2024", "2024/03")))
    body = f"<html><body><h1>Agendas &amp; Minutes</h1><p>Recording.</p><table>{papers}</table></body></html>"
    request = Request(url, meta={CONTEXT: RequestContext(scope, depth=1, document=True, cue="meetings")})
    out = list(sp.parse_page(HtmlResponse(url=url, body=body.encode(), request=request)))
    assert [o for o in out if not isinstance(o, Request)]  # the page itself, for the classifier
    (minutes,) = [r for r in sp.waiting(PARISH.code) if r.url.endswith(".pdf")]  # no agenda, one minutes
    assert minutes.url == SITE + "wp-content/uploads/2024/06/Minutes.pdf"
    assert (context_of(minutes).cue, context_of(minutes).kind, context_of(minutes).document) == (
        "latest minutes", "agenda_notice", True)


def test_the_latest_minutes_wait_until_nothing_else_is_found():
    frontier = spider(PARISH)._frontier(PARISH.code, "walk", [])
    assert frontier.hold_at_or_below >= COMMITTEE  # papers are read only where no candidate was found


@pytest.mark.parametrize("item", [
    '<ul><li>Rules for the effective management of recording at meetings <a href="/docs/d14.pdf">(click to open '
    "PDF)</a></li></ul>",
    '<p>Standing Orders, adopted May 2024: <a href="/docs/so.pdf">click here</a></p>',
    '<table><tr><td>Filming and recording protocol</td><td><a href="/docs/p.pdf">Download</a></td></tr></table>',
])
def test_a_link_saying_only_click_here_is_named_by_the_words_around_it(item):
    sp = spider(PARISH)
    body = f"<html><body><h1>Council documents</h1>{item}</body></html>"
    wanted = [r for r in page(sp, PARISH, "/documents/", body) if r.url.endswith(".pdf")]
    assert len(wanted) == 1 and context_of(wanted[0]).document


def test_a_generic_link_in_a_long_block_stays_unnamed():
    sp = spider(PARISH)
    filler = "The parish council meets monthly in the village hall. " * 10
    body = f'<html><body><div>{filler} Standing orders <a href="/docs/x.pdf">click here</a></div></body></html>'
    assert not [r for r in page(sp, PARISH, "/documents/", body) if r.url.endswith(".pdf")]


@pytest.mark.parametrize("url, other", [
    ("https://washingborough.parish.lincolnshire.gov.uk/council-business/", "https://www.lincolnshire.gov.uk/"),
    ("https://washingborough.parish.lincolnshire.gov.uk/council-business/",
     "https://coningsby.parish.lincolnshire.gov.uk/"),
    ("https://marhamparishcouncil.norfolkparishes.gov.uk/minutes-agendas/",
     "https://west-dereham-parish-council.norfolkparishes.gov.uk/"),
    ("https://ashby.e-voice.org.uk/", "https://other-village.e-voice.org.uk/"),
])
def test_a_parish_on_shared_hosting_is_its_own_site(url, other):
    assert not same_site(other, {site_key(url)})
    assert same_site(urljoin(url, "/policies/"), {site_key(url)})


def test_principal_councils_keep_their_sites():
    assert site_key("https://www.lincolnshire.gov.uk/x") == site_key("https://democracy.lincolnshire.gov.uk/y")
    assert site_key("https://adur.moderngov.co.uk/x") != site_key("https://arun.moderngov.co.uk/x")
