"""A platform is one record (registry/platforms.py): each part of the project reads it.

A toy platform, "CommitteeX", is added through its record alone (with its spider and its sample-web template,
written here): the loader gives its councils its spider, `ocm councils add` scaffolds them, a page carrying its
markers switches the crawl to it, discovery follows its index pages and documents and reads its committee pages
last, and the help texts name it. Every platform of the record passes the same crawl of its sample site.
"""

from __future__ import annotations

import asyncio
import re
import textwrap
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner
from scrapy.http import Request, Response
from scrapy.responsetypes import responsetypes
from scrapy.settings import Settings
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.test import get_crawler
from twisted.python.failure import Failure

from cli import main
from registry import Council
from registry.platforms import BY_NAME, CMIS, GENERIC, GENERIC_SPIDER, MODERNGOV, PLATFORMS, Platform, addresses
from sampleweb.site import Pages, Resource, Site, document_date, resource_key
from sampleweb.templates import PlatformTemplate, platform_site
from sampleweb.texts import Document, Section
from spiders.council import CouncilSpider
from spiders.discovery import is_document_url, site_key, source_kind
from spiders.follow import is_error_page
from spiders.items import AGENDA_NOTICE, DocumentItem
from spiders.links import COMMITTEE, CONSTITUTION, DEMOCRACY, MEETINGS, score_link
from spiders.loader import CouncilSpiderLoader
from spiders.platforms import detect

# --- The toy platform: its record, its spider, its sample-web template -------------------------------------------

COMMITTEEX = Platform(
    name="CommitteeX",
    spider=f"{__name__}.CommitteeXSpider",
    hosts=("committeex.co.uk",),  # vale.committeex.co.uk
    markers=(b"cxMeetings.aspx", b"cxLibrary.aspx", b"Powered by CommitteeX"),
    entry_paths=("cxLibrary.aspx?cat=constitution", "cxMeetings.aspx"),
    index_url=addresses(r"cxLibrary\.aspx"),  # a library category: every file it lists
    document_url=addresses(r"cxFile\.ashx\?id=\d+"),
    document_url_anywhere=addresses(r"cxFile\.ashx\?id=\d+"),
    constitution_url=addresses(r"cxLibrary\.aspx\?cat=constitution"),
    root_url=addresses(r"/committeex\b"),
    meetings_url=addresses(r"cxMeetings\.aspx"),
    committee_url=addresses(r"cxCommittee\.aspx|cxMeeting\.aspx|cxMember\.aspx"),
    agenda_url=addresses(r"cxMeeting\.aspx"),
    error_url=addresses(r"cxError\.aspx"),
    request_meta={"download_timeout": 120},
    sample_site=f"{__name__}.COMMITTEEX_SITE",
)


class CommitteeXSpider(CouncilSpider):
    """The toy platform's base spider: CommitteeX's rules whatever the registry's platform column says."""

    name = "committeex"
    platform = COMMITTEEX


PARTS = {41: "Part 1 - Summary", 42: "Part 2 - Articles", 44: "Part 4 - Rules of Procedure",
         45: "Part 5 - Codes and Protocols"}
FILMING_PART = 44
AGENDA_FILE = 9001


def build_committeex(site: Site, night: int) -> dict[str, Resource]:
    """A council's main site linking its CommitteeX meetings pages under /committeex/, as hosted installs do."""
    nav = [("/", "Home"), ("/council-and-democracy", "Council and democracy")]
    pages = Pages(site, nav)
    pages.link_page("/", f"Welcome to {site.name}", "Bins, council tax and more.",
                    [("/council-and-democracy", "Council and democracy"), ("/bins", "Bins and recycling")])
    pages.link_page("/council-and-democracy", "Council and democracy", "How decisions are made.",
                    [("/committeex/cxMeetings.aspx", "Meetings, agendas and minutes")])
    pages.link_page("/committeex/cxMeetings.aspx", "Meetings", "Forthcoming meetings.",
                    [("cxCommittee.aspx?id=1", "Cabinet"), ("cxMeeting.aspx?id=101", "Cabinet, 12 March 2024"),
                     ("cxMember.aspx?id=7", "Find your councillor")])
    pages.link_page("/committeex/cxCommittee.aspx?id=1", "Cabinet", "The Leader and Cabinet members.",
                    [("cxMeeting.aspx?id=101", "Cabinet, 12 March 2024")])
    pages.link_page("/committeex/cxMeeting.aspx?id=101", "Cabinet, 12 March 2024", "Agenda and reports.",
                    [(f"cxFile.ashx?id={AGENDA_FILE}", "Agenda")])
    pages.html("/committeex/cxMember.aspx?id=7", "Councillor", "<p>Ward councillor.</p>")
    pages.link_page("/committeex/cxLibrary.aspx?cat=constitution", "Constitution",
                    "The Constitution, one file per Part.",
                    [(f"cxFile.ashx?id={n}", title) for n, title in PARTS.items()])
    for number, title in PARTS.items():
        rule = (["Members of the public may film, photograph and record meetings open to the public."]
                if number == FILMING_PART else ["This Part sets out how the council works."])
        pages.pdf(f"/committeex/cxFile.ashx?id={number}", Document(site.name, title, [Section(title, rule)]),
                  document_date(night))
    pages.pdf(f"/committeex/cxFile.ashx?id={AGENDA_FILE}",
              Document(site.name, "Cabinet agenda", [Section("Agenda", ["1. Apologies"])]), document_date(night))
    return pages.resources


COMMITTEEX_SITE = PlatformTemplate("committeex/", build_committeex)
BASE = "https://www.vale.gov.uk/"


@pytest.fixture
def committeex() -> Iterator[Platform]:
    """CommitteeX known to the project for one test: its record is all that is added."""
    with PLATFORMS.registered(COMMITTEEX) as platform:
        yield platform


def council(platform: str, code: str = "ZCX", democracy: str | None = None) -> Council:
    return Council(code=code, name="Vale District Council", nation="England", website=BASE,
                   democracy_url=democracy or "", platform=platform)


# --- Crawling a sample site in-process: each request answered from its resources -------------------------------

@dataclass
class Crawl:
    spider: CouncilSpider
    requests: list[Request]  # in the order they were made
    items: list[DocumentItem]

    def fetched(self) -> list[str]:
        return [r.url for r in self.requests]

    def stat(self, key: str) -> Any:
        return self.spider.crawler.stats.get_value(key)


def crawl(spider_class: type[CouncilSpider], entry: Council, site: Site) -> Crawl:
    """The council crawled as the engine would, every request answered from the site's resources (no network)."""
    settings = Settings()
    settings.setmodule("settings")
    crawler = get_crawler(spider_class, {"OCM_REGISTRY": ""})
    spider = spider_class.from_crawler(crawler, councils=[entry], db_path="",
                                       max_depth=settings.getint("OCM_DISCOVERY_DEPTH"),
                                       budget=settings.getint("OCM_MAX_PAGES_PER_COUNCIL"),
                                       council_concurrency=settings.getint("OCM_COUNCIL_CONCURRENCY"))

    async def start() -> list[Any]:
        return [r async for r in spider.start()]

    queue: deque[Any] = deque(asyncio.run(start()))
    result = Crawl(spider, [], [])
    while queue:
        request = queue.popleft()
        result.requests.append(request)
        for out in _answer(request, site) or ():
            if isinstance(out, Request):
                queue.append(out)
            elif isinstance(out, DocumentItem):
                result.items.append(out)
    return result


def _answer(request: Request, site: Site) -> Any:
    parts = urlsplit(request.url)
    found = site.resources(1).get(resource_key(parts.path + (f"?{parts.query}" if parts.query else "")))
    if found is None:
        failure = Failure(HttpError(Response(request.url, status=404, request=request)))
        failure.request = request  # as Scrapy sets it on errbacks
        return request.errback(failure)
    headers = {"Content-Type": found.content_type, **dict(found.headers)}
    response_class = responsetypes.from_args(headers=headers, url=request.url, body=found.body)
    return request.callback(response_class(request.url, status=found.status, headers=headers, body=found.body,
                                           request=request))


# --- The toy platform, through its record alone ------------------------------------------------------------------

def test_the_loader_gives_its_councils_its_spider(committeex, tmp_path):
    registry = tmp_path / "registry.csv"
    registry.write_text("name,local_authority_code,nation,website,platform\n"
                        f"Vale District Council,ZCX,England,{BASE},CommitteeX\n"
                        f"Dale District Council,ZCY,England,{BASE},other/Custom HTML\n", encoding="utf-8")
    loader = CouncilSpiderLoader(Settings({"OCM_REGISTRY": str(registry), "SPIDER_MODULES": ["spiders"]}))
    assert loader.spider_for(council("CommitteeX")) is CommitteeXSpider
    assert issubclass(loader.load("ZCX"), CommitteeXSpider) and loader.load("ZCX").name == "ZCX"
    assert loader.spider_for(council("other/Custom HTML")) is CouncilSpider
    # A platform that needs no code of its own: its record names no spider, its councils get the generic one.
    with PLATFORMS.registered(replace(COMMITTEEX, name="Meetingly", spider=GENERIC_SPIDER)):
        assert loader.spider_for(council("Meetingly")) is CouncilSpider


def test_ocm_councils_add_scaffolds_a_council_on_the_platform(committeex, tmp_path):
    result = CliRunner().invoke(main, [
        "councils", "add", "ZCX", "--name", "Vale District Council", "--nation", "England", "--website", BASE,
        "--democracy-url", "https://vale.committeex.co.uk", "--platform", "CommitteeX", "--root", str(tmp_path),
        "--registry", str(tmp_path / "councils")])
    assert result.exit_code == 0, result.output
    index = "https://vale.committeex.co.uk/cxLibrary.aspx?cat=constitution"  # its first entry path
    assert f"save {index}" in result.output
    assert 'platform = "CommitteeX"' in (tmp_path / "councils" / "ZCX.toml").read_text(encoding="utf-8")
    test = (tmp_path / "tests" / "councils" / "test_zcx.py").read_text(encoding="utf-8")
    assert f"from {__name__} import CommitteeXSpider as Spider" in test  # its platform's spider
    assert f'FIXTURE_URL = "{index}"' in test


def test_a_page_with_its_markers_shows_the_platform(committeex):
    page = platform_site(COMMITTEEX).resources(1)["/council-and-democracy"].body
    assert detect(page) is COMMITTEEX
    assert detect(platform_site(MODERNGOV).resources(1)["/"].body) is MODERNGOV  # those before it still come first


def score(text: str, path: str) -> int | None:
    scored = score_link(text, path)
    return scored.score if scored else None


def test_its_addresses_are_in_every_discovery_rule(committeex):
    assert score("Cabinet", "/committeex/cxCommittee.aspx?id=1") == COMMITTEE
    assert score("Library", "/committeex/cxLibrary.aspx?cat=constitution") == CONSTITUTION
    assert score("Calendar", "/cxMeetings.aspx") == MEETINGS  # on its own host
    assert score("Committee papers", "/committeex/") == DEMOCRACY  # its root on the main site
    assert is_document_url("https://www.vale.gov.uk/committeex/cxFile.ashx?id=44")
    assert is_error_page("https://vale.committeex.co.uk/cxError.aspx?aspxerrorpath=/x")
    assert source_kind("", "https://vale.committeex.co.uk/cxMeeting.aspx?id=101") == AGENDA_NOTICE
    assert site_key("https://vale.committeex.co.uk/cxMeetings.aspx") == "vale.committeex.co.uk"
    assert BY_NAME["CommitteeX"] is COMMITTEEX


def test_without_its_record_none_of_it_holds():
    page = platform_site(COMMITTEEX).resources(1)["/council-and-democracy"].body
    assert detect(page) is None
    assert score("Cabinet", "/committeex/cxCommittee.aspx?id=1") is None
    assert score("Committee papers", "/committeex/") is None
    assert not is_document_url("https://www.vale.gov.uk/committeex/cxFile.ashx?id=44")
    assert site_key("https://vale.committeex.co.uk/") == "committeex.co.uk"
    assert "CommitteeX" not in CliRunner().invoke(main, ["councils", "add", "--help"]).output


def test_discovery_follows_its_index_pages_and_documents_and_reads_committee_pages_last(committeex):
    site = platform_site(COMMITTEEX)
    done = crawl(CouncilSpider, council("other/Custom HTML"), site)  # the registry does not say: its pages do
    assert done.stat("ocm/platform_detected/CommitteeX") == 1
    fetched = done.fetched()
    parts = [f"{BASE}committeex/cxFile.ashx?id={n}" for n in PARTS]
    assert f"{BASE}committeex/cxLibrary.aspx?cat=constitution" in fetched  # its entry page, under its root
    assert set(parts) <= {item.url for item in done.items}  # every Part the index lists, as a document
    committee = [i for i, url in enumerate(fetched) if COMMITTEEX.committee_url.search(url)]
    assert all(i > fetched.index(part) for i in committee for part in parts)  # committee pages come last
    assert f"{BASE}committeex/cxFile.ashx?id={AGENDA_FILE}" not in fetched  # an agenda is no policy document
    after_detection = [r for r in done.requests if "/committeex/cx" in r.url]
    assert {r.meta.get("download_timeout") for r in after_detection} == {120}  # its request meta


def test_the_worked_example_of_the_docs_is_this_platform():
    """docs/adding-a-council.md adds CommitteeX with the record tested here (its spider and template aside)."""
    docs = (Path(__file__).resolve().parent.parent / "docs" / "adding-a-council.md").read_text(encoding="utf-8")
    example = re.search(r"```python\n(.*?COMMITTEEX = Platform\(.*?)```", docs, re.DOTALL)
    assert example, "the worked example's record is missing from docs/adding-a-council.md"
    found: dict[str, Any] = {}
    exec(textwrap.dedent(example.group(1)), {"Platform": Platform, "addresses": addresses, "MODERNGOV": MODERNGOV,
                                             "CMIS": CMIS, "PlatformRegistry": lambda *platforms: platforms}, found)
    assert found["PLATFORMS"] == (MODERNGOV, CMIS, found["COMMITTEEX"])
    documented = replace(found["COMMITTEEX"], spider=COMMITTEEX.spider, sample_site=COMMITTEEX.sample_site)
    assert {f.name: getattr(documented, f.name) for f in fields(Platform)} == {
        f.name: getattr(COMMITTEEX, f.name) for f in fields(Platform)}


def test_its_help_text_names_it(committeex):
    runner = CliRunner()
    assert "CommitteeX, or other/..." in " ".join(runner.invoke(main, ["councils", "add", "--help"]).output.split())
    assert "CommitteeX, other" in " ".join(runner.invoke(main, ["councils", "list", "--help"]).output.split())


# --- Every platform of the record ----------------------------------------------------------------------------------

def test_the_record_tells_platforms_apart_and_forgets_a_platform_after_its_block():
    before = PLATFORMS.version
    with pytest.raises(ValueError, match="cannot be told apart"):
        with PLATFORMS.registered(replace(COMMITTEEX, name="CMIS5")):
            pass
    with PLATFORMS.registered(COMMITTEEX):
        assert PLATFORMS.from_hint(" committeex ") is COMMITTEEX and list(PLATFORMS)[-1] is COMMITTEEX
    assert COMMITTEEX not in list(PLATFORMS) and PLATFORMS.version > before
    assert PLATFORMS.from_hint("CommitteeX") is GENERIC and PLATFORMS.from_hint("other/JSON API") is GENERIC
    assert [p.name for p in PLATFORMS] == PLATFORMS.names() and set(BY_NAME) == {*PLATFORMS.names(), GENERIC.name}


@pytest.fixture(params=[*PLATFORMS.names(), COMMITTEEX.name])
def any_platform(request: pytest.FixtureRequest) -> Iterator[Platform]:
    """Each platform of the record (a platform added there is tested here too), and the toy one."""
    if request.param == COMMITTEEX.name:
        with PLATFORMS.registered(COMMITTEEX):
            yield COMMITTEEX
    else:
        yield BY_NAME[request.param]


@pytest.mark.parametrize("hint", ["its own", "other/Custom HTML"])
def test_a_council_on_any_platform_is_crawled_to_its_documents(any_platform, hint):
    """The loader's spider for it, from its name or from its pages' markers, fetches documents of its own shape."""
    site = platform_site(any_platform)
    entry = council(any_platform.name if hint == "its own" else hint, democracy=BASE + site.democracy_path)
    spider_class = CouncilSpiderLoader(Settings({"OCM_REGISTRY": "", "SPIDER_MODULES": ["spiders"]})).spider_for(entry)
    done = crawl(spider_class, entry, site)
    documents = [item.url for item in done.items if any_platform.document_url.search(item.url)]
    assert documents, f"no {any_platform.name} document among {[i.url for i in done.items]}"
    assert any(isinstance(r, Request) and r.meta.get("download_timeout") == any_platform.request_meta.get(
        "download_timeout") for r in done.requests)
    if hint != "its own":
        assert done.stat(f"ocm/platform_detected/{any_platform.name}") >= 1


@pytest.mark.parametrize("platform", [p.name for p in PLATFORMS if p.spider != GENERIC_SPIDER])
def test_its_spider_module_is_bound_to_its_record(platform):
    """A platform's own spider crawls by its record's rules, whatever the registry says (a subclass may rely on it)."""
    record = BY_NAME[platform]
    spider = CouncilSpiderLoader(Settings({"OCM_REGISTRY": "", "SPIDER_MODULES": ["spiders"]})).spider_for(
        council(platform))
    assert issubclass(spider, CouncilSpider) and spider.platform is record


def test_help_texts_name_the_platforms_of_the_record():
    output = " ".join(CliRunner().invoke(main, ["councils", "add", "--help"]).output.split())
    assert f"{', '.join(PLATFORMS.names())}, or other/..." in output
