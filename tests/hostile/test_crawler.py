"""The crawler against the hostile web: addresses checked where it connects, soft 404s, crawler traps.

End-to-end tests run the real `ocm` commands in a subprocess against the hostile server on 127.0.0.1. Host names
are resolved by the test resolvers of tests/hostile/dns.py (every `.test` name is 127.0.0.1, nothing else
resolves), so nothing ever leaves this machine. The tests of address safety turn test mode off: then only the
project's own check stands between the crawler and 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.exceptions import CannotResolveHostError
from scrapy.http import HtmlResponse, TextResponse
from scrapy.utils.test import get_crawler
from twisted.internet import defer
from twisted.internet._resolver import SimpleResolverComplexifier  # Twisted's own IResolverSimple adapter
from twisted.internet.endpoints import HostnameEndpoint
from twisted.internet.protocol import Factory, Protocol
from twisted.internet.testing import MemoryReactorClock
from twisted.python.failure import Failure

import spiders.retry
import spiders.safety
from spiders.resolver import InternalAddressError, SafeResolver
from spiders.retry import BackoffRetry
from spiders.safety import RefusedAddress, SafeDestinations, UnsafeSettings, check_settings
from spiders.soft404 import soft_404
from spiders.sourcecap import over_cap
from tests.conftest import run_ocm, settings_args
from tests.hostile.server import NOT_FOUND_PAGE, HostileWeb, Reply, page

PUBLIC = "93.184.216.34"
POLICY = "Members of the public may film, photograph and record meetings of the Council and its committees."
TEST_MODE_OFF = {"OCM_TEST_MODE": "False", "TWISTED_DNS_RESOLVER": "tests.hostile.dns.LocalNames"}
NAMES = {"TWISTED_DNS_RESOLVER": "tests.hostile.dns.LocalNames"}  # test mode on, host names of our own


def query(db_path: Path, sql: str, *params: object) -> list[tuple]:
    with sqlite3.connect(db_path) as conn:
        return conn.execute(sql, params).fetchall()


def crawl(verb: str, registry: Path, db_path: Path, settings: dict[str, str]) -> str:
    """Run `ocm crawl` or `ocm nightly`; its log."""
    result = run_ocm(verb, "--registry", str(registry), "--db", str(db_path), *settings_args(settings), timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stderr


def pending(db_path: Path) -> list[dict]:
    result = run_ocm("review", "list", "--json", "--db", str(db_path))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def confirm_all(db_path: Path) -> None:
    ids = [str(flag["id"]) for flag in pending(db_path)]
    assert ids, "the first night raises a flag to confirm"
    result = run_ocm("review", "confirm", *ids, "--reviewer", "tester", "--db", str(db_path))
    assert result.returncode == 0, result.stderr


def last_fetches(db_path: Path) -> dict[str, tuple[str, str | None]]:
    """(outcome, error) of each source's fetch in the last run, by URL."""
    found = query(db_path, """SELECT s.url, f.outcome, f.error FROM fetch f JOIN source s ON s.id = f.source_id
                              WHERE f.run_id = (SELECT MAX(id) FROM run) ORDER BY f.id""")
    return {url: (outcome, error) for url, outcome, error in found}


def policy_page(title: str, extra: str = "") -> Reply:
    return page(title, f"<p>{extra}</p><p>{POLICY}</p>")


# --- 1. Addresses are checked where the crawler connects ------------------------------------------------------

class Answers(SafeResolver):
    """The project's resolver with its lookup replaced by a list of answers, one per resolution."""

    def __init__(self, answers: list[str], test_mode: bool = False) -> None:
        super().__init__(None, 10000, 5.0, test_mode)  # Scrapy's default cache size: the cache is process-wide
        self.answers = answers

    def lookup(self, name: str, timeout=()) -> defer.Deferred[str]:
        return defer.succeed(self.answers.pop(0))


def outcome(deferred: defer.Deferred) -> object:
    found: list[object] = []
    deferred.addBoth(found.append)
    return found[0]


def test_every_resolution_is_checked_so_a_rebound_name_is_refused():
    resolver = Answers([PUBLIC, "127.0.0.1", PUBLIC])
    assert outcome(resolver.getHostByName("www.council.example")) == PUBLIC
    rebound = outcome(resolver.getHostByName("www.council.example"))
    assert isinstance(rebound, Failure) and rebound.check(InternalAddressError)
    assert resolver.refusal("www.council.example") == "internal address 127.0.0.1 (resolved from www.council.example)"
    assert outcome(resolver.getHostByName("www.council.example")) == PUBLIC
    assert resolver.refusal("www.council.example") is None  # the reason is that of the last resolution


def test_the_connection_goes_to_the_checked_address_and_never_to_a_refused_one():
    """Twisted's HostnameEndpoint, as Scrapy's HTTP handler uses it, on a reactor that only records connections."""
    reactor = MemoryReactorClock()
    reactor.nameResolver = SimpleResolverComplexifier(Answers([PUBLIC, "10.0.0.7"]))
    attempts = []
    for _ in range(2):
        attempts.append(HostnameEndpoint(reactor, b"www.council.example", 80).connect(Factory.forProtocol(Protocol)))
        reactor.advance(1)
    assert [client[0] for client in reactor.tcpClients] == [PUBLIC]  # the rebound answer: no connection at all
    failed = outcome(attempts[1])
    assert isinstance(failed, Failure) and "no results" in failed.getErrorMessage()


def test_test_mode_and_a_trusted_proxy_host_may_be_internal():
    assert outcome(Answers(["127.0.0.1"], test_mode=True).getHostByName("council.test")) == "127.0.0.1"
    proxy = SafeResolver(None, 10000, 5.0, trusted=["proxy.internal"])
    proxy.lookup = lambda name, timeout=(): defer.succeed("10.1.1.1")  # type: ignore[method-assign]
    assert outcome(proxy.getHostByName("proxy.internal")) == "10.1.1.1"
    assert isinstance(outcome(proxy.getHostByName("other.internal")), Failure)


@pytest.mark.parametrize("host", ["2130706433", "127.1", "0x7f.0.0.1", "[::ffff:127.0.0.1]", "localhost",
                                  "db.localhost"])
def test_internal_hosts_as_written_are_refused_without_a_lookup(host, monkeypatch):
    monkeypatch.setattr("socket.getaddrinfo", lambda *a, **k: pytest.fail("the middleware resolved a name"))
    middleware = SafeDestinations(False, get_crawler().stats)
    with pytest.raises(RefusedAddress, match="internal address"):
        asyncio.run(middleware.process_request(Request(f"http://{host}/constitution")))


def test_a_refusal_by_the_resolver_leaves_as_refused_address_and_is_not_retried(monkeypatch):
    monkeypatch.setattr(spiders.safety, "refusal", lambda request: "internal address 127.0.0.1 (resolved from x)")
    monkeypatch.setattr(spiders.retry, "refusal", spiders.safety.refusal)
    crawler = get_crawler(settings_dict={"RETRY_TIMES": 2})
    request, error = Request("http://www.council.test/so.pdf"), CannotResolveHostError("no results")
    assert asyncio.run(BackoffRetry.from_crawler(crawler).process_exception(request, error)) is None
    with pytest.raises(RefusedAddress, match="^refused: internal address 127.0.0.1"):
        SafeDestinations(False, crawler.stats).process_exception(request, error)


def test_the_crawl_will_not_start_where_the_check_would_not_run():
    from spiders.runner import project_settings

    check_settings(project_settings())  # the project's settings: the safe resolver and Scrapy's HTTP/1.1 handler
    for unsafe in ({"TWISTED_DNS_RESOLVER": "scrapy.resolver.CachingThreadedResolver"},
                   {"DNS_RESOLVER": "scrapy.resolver.CachingHostnameResolver"},  # deprecated, but it wins if set
                   {"DOWNLOAD_HANDLERS": {"https": "scrapy.core.downloader.handlers.datauri.DataURIDownloadHandler"}},
                   {"TWISTED_REACTOR_ENABLED": False}):
        with pytest.raises(UnsafeSettings):
            check_settings(project_settings(unsafe))
    with pytest.raises(UnsafeSettings):  # Scrapy's defaults, test mode off: the middleware stops the crawler
        SafeDestinations.from_crawler(get_crawler(settings_dict={"OCM_TEST_MODE": False}))
    SafeDestinations.from_crawler(get_crawler(settings_dict={"OCM_TEST_MODE": True}))


@pytest.mark.e2e
def test_a_crawl_with_unsafe_settings_is_aborted_and_says_why(hostile: HostileWeb, registry_for, tmp_path):
    registry = registry_for(hostile.url("/", "www.council.test"))
    result = run_ocm("crawl", "--registry", str(registry), "--db", str(tmp_path / "ocm.db"), "-s",
                     "TWISTED_DNS_RESOLVER=scrapy.resolver.CachingThreadedResolver", "-s", "LOG_LEVEL=CRITICAL")
    assert result.returncode == 1 and "not started: UnsafeSettings" in result.stderr
    ((status, reason),) = query(tmp_path / "ocm.db", "SELECT status, finish_reason FROM run")
    assert status == "aborted" and reason.startswith("not started: UnsafeSettings: TWISTED_DNS_RESOLVER")
    assert hostile.log == []


@pytest.mark.e2e
def test_a_name_resolving_to_loopback_is_refused_at_connection_time(hostile: HostileWeb, registry_for, tmp_path):
    hostile.route("/", policy_page("Filming at meetings"))
    hostile.route("/standing-orders", policy_page("Standing orders"))
    registry = registry_for(hostile.url("/", "www.council.test"),
                            documents=hostile.url("/standing-orders", "www.council.test"))
    log = crawl("crawl", registry, tmp_path / "ocm.db", TEST_MODE_OFF)
    assert hostile.log == []  # nothing reached 127.0.0.1, robots.txt included
    assert "refused to connect to www.council.test: internal address 127.0.0.1" in log
    ((url, error, failures),) = query(tmp_path / "ocm.db", "SELECT url, last_error, consecutive_failures FROM source")
    assert url.endswith("/standing-orders") and failures == 1
    assert error == "refused: internal address 127.0.0.1 (resolved from www.council.test)"
    assert query(tmp_path / "ocm.db", "SELECT status, finish_reason FROM run") == [("finished", "finished")]


@pytest.mark.e2e
def test_every_redirect_hop_is_checked_where_it_connects(hostile: HostileWeb, registry_for, tmp_path):
    """www.council.test stands in for a public site; its document redirects to intranet.council.test, on the
    council's own site by its name, but 127.0.0.1 where it connects."""
    hostile.route("/", policy_page("Filming at meetings"))
    hostile.route("/so", Reply(status=302, headers=(("Location", hostile.url("/secret", "intranet.council.test")),)))
    hostile.route("/secret", policy_page("Internal"))
    registry = registry_for(hostile.url("/", "www.council.test"), documents=hostile.url("/so", "www.council.test"))
    crawl("crawl", registry, tmp_path / "ocm.db", {**TEST_MODE_OFF,
                                                   "TWISTED_DNS_RESOLVER": "tests.hostile.dns.PublicCouncil"})
    assert "/so" in hostile.log and "/secret" not in hostile.log
    assert query(tmp_path / "ocm.db", "SELECT last_error FROM source WHERE url LIKE '%/so'") == [
        ("refused: internal address 127.0.0.1 (resolved from intranet.council.test)",)]


@pytest.mark.e2e
def test_a_name_that_rebinds_to_loopback_reaches_it_only_while_it_answered_public(hostile, registry_for, tmp_path):
    hostile.route("/", policy_page("Filming at meetings"))
    hostile.route("/standing-orders", policy_page("Standing orders"))
    registry = registry_for(hostile.url("/", "www.council.test"),
                            documents=hostile.url("/standing-orders", "www.council.test"))
    crawl("crawl", registry, tmp_path / "ocm.db", {**TEST_MODE_OFF,
                                                   "TWISTED_DNS_RESOLVER": "tests.hostile.dns.Rebinding"})
    assert hostile.log == ["/robots.txt"]  # the first connection, while the name answered "public"; then none
    assert query(tmp_path / "ocm.db", "SELECT COUNT(*) FROM snapshot") == [(0,)]
    assert query(tmp_path / "ocm.db", "SELECT last_error FROM source") == [
        ("refused: internal address 127.0.0.1 (resolved from www.council.test)",)]


@pytest.mark.e2e
@pytest.mark.parametrize("trusted", [False, True])
def test_a_proxy_resolves_names_itself_so_it_must_be_trusted(hostile, registry_for, tmp_path, monkeypatch, trusted):
    """The hostile server plays an HTTP proxy on 127.0.0.1: a proxied request names its target in full."""
    for name in ("no_proxy", "NO_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("http_proxy", hostile.base_url)
    registry = registry_for(hostile.url("/", "www.council.test"),
                            documents=hostile.url("/standing-orders", "www.council.test"))
    crawl("crawl", registry, tmp_path / "ocm.db", {**TEST_MODE_OFF, "OCM_TRUST_PROXY": str(trusted)})
    (error,) = query(tmp_path / "ocm.db", "SELECT last_error FROM source")[0]
    if trusted:  # the proxy's own address is internal, and allowed; the council's names are the proxy's to check
        assert hostile.log and all(path.startswith(hostile.url("/", "www.council.test")) for path in hostile.log)
        assert error == "HTTP 404"
    else:
        assert hostile.log == []
        assert error.startswith("refused: through a proxy")


@pytest.mark.e2e
def test_a_document_redirected_to_another_hosts_robots_txt_is_not_stored(hostile, registry_for, tmp_path):
    hosts: list[str] = []

    def robots(path: str, headers: dict[str, str]) -> Reply:
        hosts.append(headers.get("host", "").split(":")[0])
        return Reply(b"User-agent: *\nAllow: /\n# Members of the public may film meetings.\n",
                     content_type="text/plain")

    hostile.route("/robots.txt", robots)
    hostile.route("/", policy_page("Filming at meetings"))
    hostile.route("/so", Reply(status=302, headers=(("Location", hostile.url("/robots.txt", "other.test")),)))
    registry = registry_for(hostile.url("/", "www.council.test"), documents=hostile.url("/so", "www.council.test"))
    crawl("crawl", registry, tmp_path / "ocm.db", NAMES)
    assert "other.test" not in hosts and "www.council.test" in hosts
    assert query(tmp_path / "ocm.db", """SELECT COUNT(*) FROM snapshot sn JOIN source s ON s.id = sn.source_id
                                         WHERE s.url LIKE '%/so'""") == [(0,)]
    assert query(tmp_path / "ocm.db", "SELECT last_error FROM source WHERE url LIKE '%/so'") == [
        ("refused: off-site: not one of the council's sites",)]


# --- 6. No false change from a soft 404 -------------------------------------------------------------------------

SITE = "https://www.council.gov.uk"


def answer(body: str, url: str = SITE + "/filming-protocol", redirected_from: str | None = None) -> HtmlResponse:
    meta = {"redirect_urls": [redirected_from]} if redirected_from else {}
    return HtmlResponse(url=url, body=body.encode(), encoding="utf-8", request=Request(url, meta=meta))


@pytest.mark.parametrize("body", [
    NOT_FOUND_PAGE.decode(),
    "<html><head><title>404 | Borough Council</title></head><body><p>Try the search.</p></body></html>",
    "<html><head><title>Borough Council</title></head><body><h1>Sorry, we can't find that page</h1></body></html>",
    "<html><head><title>Oops! That page can’t be found. – Council</title></head><body></body></html>",
    "<html><head><title>Error 404</title></head><body><h1>Error</h1></body></html>",
    "<html><head><title>Council</title></head><body><h1>This page is no longer available</h1></body></html>",
    "<html><head><title>Council</title></head><body><h1>The page you requested does not exist</h1></body></html>",
])
def test_a_page_saying_it_is_not_found_is_a_soft_404(body):
    assert soft_404(answer(body)).startswith("soft 404: the page says")


@pytest.mark.parametrize("body", [
    f"<html><head><title>Filming protocol</title></head><body><h1>Filming protocol</h1><p>{POLICY} See page 404 "
    "of the Constitution. Where a recording is not found to comply, the Chair may stop it. This page is no longer "
    "the place for the old protocol, which can't be found in print.</p></body></html>",
    "<html><head><title>Page 4: Standing orders</title></head><body><h1>Council procedure rules (404 to 420)</h1>"
    "<p>Rule 404: recording of meetings.</p></body></html>",
    "<html><head><title>Public participation</title></head><body><h1>Found in the Constitution: page 12</h1>"
    "</body></html>",
])
def test_a_real_document_that_mentions_page_404_or_not_found_in_passing_is_no_soft_404(body):
    assert soft_404(answer(body)) == ""


def test_a_redirect_to_the_home_page_or_robots_txt_is_a_soft_404_and_to_a_new_address_is_not():
    document = SITE + "/filming-protocol"
    assert soft_404(answer("<html><title>Home</title></html>", SITE + "/", document)).startswith(
        "soft 404: redirected to the home page")
    assert soft_404(answer("<html><title>Home</title></html>", SITE + "/index.aspx", document)).startswith(
        "soft 404: redirected to the home page")
    robots = TextResponse(url=SITE + "/robots.txt", body=b"User-agent: *", encoding="utf-8",
                          request=Request(SITE + "/robots.txt", meta={"redirect_urls": [document]}))
    assert soft_404(robots) == f"soft 404: redirected to {SITE}/robots.txt"
    moved = answer(f"<html><title>Filming protocol</title><p>{POLICY}</p></html>", SITE + "/democracy/filming",
                   document)
    assert soft_404(moved) == ""


@pytest.mark.e2e
def test_soft_404s_over_two_nights_are_failures_never_a_policy_change(hostile, registry_for, tmp_path):
    home = page("Hostile Borough Council", '<ul><li><a href="/filming-at-meetings">Filming at meetings</a></li>'
                '<li><a href="/recording-of-meetings">Recording of meetings</a></li>'
                '<li><a href="/filming-protocol">Filming protocol</a></li>'
                '<li><a href="/filming-guidance">Filming guidance</a></li></ul>')
    hostile.route("/", home)
    for path in ("/filming-at-meetings", "/recording-of-meetings", "/filming-protocol", "/filming-guidance"):
        hostile.route(path, policy_page(path.strip("/").replace("-", " ").capitalize()))
    registry, db_path = registry_for(hostile.url("/", "www.council.test")), tmp_path / "ocm.db"
    crawl("nightly", registry, db_path, NAMES)
    assert len(query(db_path, "SELECT id FROM source")) == 4
    confirm_all(db_path)

    hostile.route("/filming-at-meetings", Reply(NOT_FOUND_PAGE))  # "Page not found", answered with a 200
    hostile.route("/recording-of-meetings", Reply(status=302, headers=(("Location", "/"),)))
    hostile.route("/filming-protocol", home)  # the home page's very bytes, at the document's address
    hostile.route("/filming-guidance", page("Filming guidance", f"<p>Revised: page 404 of the old handbook is not "
                                                                f"found in this edition.</p><p>{POLICY}</p>"))
    crawl("nightly", registry, db_path, NAMES)
    fetches = {url.rsplit("/", 1)[1]: fetch for url, fetch in last_fetches(db_path).items()}
    assert fetches["filming-at-meetings"] == ("failed", "soft 404: the page says 'Page not found'")
    assert fetches["recording-of-meetings"] == (
        "failed", f"soft 404: redirected to the home page {hostile.url('/', 'www.council.test')}")
    assert fetches["filming-protocol"] == (
        "failed", f"soft 404: the site's home page answered at {hostile.url('/filming-protocol', 'www.council.test')}")
    assert fetches["filming-guidance"] == ("new_snapshot", None)  # a real new text that mentions "404" is stored
    assert [flag["kind"] for flag in pending(db_path)] == []  # no policy_change, no source_gone after one night


# --- 6. Crawler traps ---------------------------------------------------------------------------------------

@pytest.mark.e2e
def test_a_trap_site_cannot_grow_the_sources_nor_spend_past_the_budget(hostile, registry_for, tmp_path):
    """An events calendar that links ten new pages every time it is read, each one a filming protocol."""
    budget, cap = 12, 5
    for night in range(8):
        for k in range(10):
            hostile.route(f"/events/{night}-{k}", policy_page(f"Filming protocol {night}-{k}", f"Event {night}-{k}"))

    def calendar(path: str, headers: dict[str, str]) -> Reply:
        batch = hostile.log.count("/") - 1
        events = "".join(f'<li><a href="/events/{batch}-{k}">Filming protocol {batch}-{k}</a></li>' for k in range(10))
        return page("Hostile Borough Council", f'<ul><li><a href="/filming-at-meetings">Filming at meetings</a></li>'
                                               f"{events}</ul>")

    hostile.route("/", calendar)
    hostile.route("/filming-at-meetings", policy_page("Filming at meetings"))
    registry, db_path = registry_for(hostile.url("/", "www.council.test")), tmp_path / "ocm.db"
    settings = {**NAMES, "OCM_MAX_PAGES_PER_COUNCIL": str(budget), "OCM_MAX_SOURCES_PER_COUNCIL": str(cap),
                "OCM_DISCOVERY_INTERVAL_DAYS": "1", "OCM_DISCOVERY_DEPTH": "8"}
    active, total, requests, kept = [], [], [], []
    for night in range(3):
        before = len(hostile.log)
        crawl("nightly", registry, db_path, settings)
        requests.append([path for path in hostile.log[before:] if path != "/robots.txt"])
        active.append(query(db_path, "SELECT COUNT(*) FROM source WHERE status = 'active'")[0][0])
        total.append(query(db_path, "SELECT COUNT(*) FROM source")[0][0])
        kept.append(query(db_path, "SELECT url FROM source WHERE status = 'active' ORDER BY id"))
        if night == 0:
            confirm_all(db_path)
        else:
            assert pending(db_path) == []  # no source_gone, no policy change, nothing for a reviewer
    assert active == [cap, cap, cap]
    assert all(len(night) <= budget for night in requests), [len(night) for night in requests]
    assert requests[1].count("/") == 1 and sum(path.startswith("/events/") for path in requests[1]) < budget
    assert total[0] < total[1] < total[2] <= total[0] + 2 * (budget - cap)  # new links still looked at, within it
    assert kept[0] == kept[1] == kept[2]  # the sources confirmed on the first night stay; the trap's new ones go


def test_beyond_the_cap_the_least_worth_keeping_go_first():
    sources = [{"id": i, "url": f"u{i}", "found_via": "discovery", "found_on": "" if i == 4 else "index"}
               for i in range(1, 8)] + [{"id": 8, "url": "registry.pdf", "found_via": "registry", "found_on": ""}]
    retired = over_cap(sources, 3, registry_urls={"u7"}, evidence={"u6"}, linked={"u1", "u2", "u5"})
    # u7 is a registry document now and u8 one from the first: neither counts. Of the six others, u6 is quoted by
    # the policy, u1, u2 and u5 were linked tonight; u4 was never seen linked, then the last found goes first.
    assert [s["url"] for s in retired] == ["u4", "u3", "u5"]
    assert over_cap(sources, 0, (), (), ()) == [] and over_cap(sources, 7, (), (), ()) == []


def test_a_retired_source_raises_no_flag_and_withdraws_its_pending_source_gone(db, council):
    from review.changes import detect_changes
    from review.kinds import NEW_COUNCIL, SOURCE_GONE
    from review.workflow import confirm
    from store.documents import RETIRED, find_source, retire_sources
    from store.flags import list_flags
    from tests.test_changes import NOW, fail, findings, store_text

    protocol, trap = "http://127.0.0.1:9/filming-protocol", "http://127.0.0.1:9/events/1"
    for url in (protocol, trap):
        store_text(db, url, f"Filming is permitted. See {url} for the events of the year.", findings())
    (first,) = detect_changes(db, ["TST"], None, NOW, gone_after=3)
    assert list_flags(db, None)[0].kind == NEW_COUNCIL
    confirm(db, first, "reviewer")
    for _ in range(3):
        fail(db, trap, None)
    (gone,) = detect_changes(db, ["TST"], None, NOW, gone_after=3)
    assert [f.kind for f in list_flags(db)] == [SOURCE_GONE]

    retire_sources(db, [find_source(db, "TST", trap)["id"]])
    assert find_source(db, "TST", trap)["status"] == RETIRED
    assert detect_changes(db, ["TST"], None, NOW, gone_after=3) == []  # the protocol says the same: no change
    assert list_flags(db) == [] and [f.status for f in list_flags(db, None) if f.id == gone] == ["superseded"]
