"""The crawler refuses off-site and internal destinations, also after resolution and on redirects."""

from __future__ import annotations

import asyncio

import pytest
from scrapy import Request
from scrapy.utils.test import get_crawler

from spiders.context import CONTEXT, CouncilScope, RequestContext
from spiders.discovery import site_key
from spiders.safety import RefusedAddress, SafeDestinations, is_internal
from tests.conftest import run_ocm

SITE = "https://www.example.gov.uk/"


def middleware(test_mode: bool = False) -> SafeDestinations:
    crawler = get_crawler(settings_dict={"OCM_TEST_MODE": test_mode})
    return SafeDestinations(test_mode, crawler.stats)


def check(mw: SafeDestinations, url: str, allowed: set[str] | None = None, **meta) -> None:
    """A request through the middleware: one of a council's crawl when `allowed` names its sites."""
    if allowed is not None:
        meta[CONTEXT] = RequestContext(CouncilScope("EXA", "England", frozenset(allowed), "other"))
    asyncio.run(mw.process_request(Request(url, meta=meta)))


@pytest.mark.parametrize("address", ["127.0.0.1", "10.1.2.3", "172.16.0.9", "192.168.1.1", "169.254.169.254",
                                     "::1", "fe80::1", "fd00::5", "0.0.0.0", "100.64.0.1", "::ffff:127.0.0.1"])
def test_internal_addresses(address):
    assert is_internal(address)


@pytest.mark.parametrize("address", ["8.8.8.8", "2a00:1450:4009:81f::200e", "151.101.0.81"])
def test_public_addresses(address):
    assert not is_internal(address)


@pytest.mark.parametrize("url", ["http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/admin",
                                 "http://[::1]:8080/", "http://localhost:9/"])
def test_internal_destinations_are_refused_outside_test_mode(url):
    with pytest.raises(RefusedAddress, match="internal address"):
        check(middleware(), url)


def test_a_redirect_to_an_internal_address_is_refused_too():
    # RedirectMiddleware sends the redirected request through the downloader middlewares again.
    with pytest.raises(RefusedAddress):
        check(middleware(), "http://127.0.0.1/secret", redirect_urls=[SITE + "constitution"],
              allowed={site_key(SITE), "127.0.0.1"})


def test_off_site_requests_are_refused_even_in_test_mode():
    with pytest.raises(RefusedAddress, match="off-site"):
        check(middleware(test_mode=True), "https://evil.example.com/x", allowed={site_key(SITE)})
    check(middleware(test_mode=True), "http://127.0.0.1:8000/robots.txt")  # test mode: the sample web


@pytest.mark.e2e
def test_a_crawl_outside_test_mode_never_reaches_the_sample_web(sample_web, tmp_path):
    registry = sample_web.write_registry(tmp_path / "registry.csv")
    db_path = tmp_path / "ocm.db"
    result = run_ocm("crawl", "--registry", str(registry), "--db", str(db_path), "--council",
                     sample_web.sites["cms-html"].code, "-s", "LOG_LEVEL=WARNING", "-s", "DOWNLOAD_DELAY=0")
    assert result.returncode == 0, result.stderr
    assert "internal address 127.0.0.1" in result.stderr
    assert sample_web.request_log("cms-html") == []



def test_the_crawler_opens_no_console_and_no_remote_control_server():
    """Scrapy 2.19 starts, per crawler, a localhost server that runs the Python code it is sent, and leaves its
    token in a job file (stale ones after a killed crawl): a crawler of other people's sites must not."""
    from scrapy.exceptions import NotConfigured
    from scrapy.extensions.remote_control import RemoteControl
    from scrapy.extensions.telnet import TelnetConsole

    from spiders.runner import project_settings

    ours = project_settings()
    crawler = get_crawler(settings_dict={name: ours[name] for name in ("REMOTE_CONTROL_ENABLED",
                                                                       "TELNETCONSOLE_ENABLED")})
    for extension in (RemoteControl, TelnetConsole):
        with pytest.raises(NotConfigured):
            extension.from_crawler(crawler)
