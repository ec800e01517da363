"""A crawler that cannot be turned against us: requests only to the council's own sites, and (outside test
mode) never to private, loopback, link-local or otherwise internal addresses.

Two places hold the line. This downloader middleware refuses, before anything is sent, a request off the
council's sites, a host that is an internal address as written (`http://10.0.0.1/`, `http://2130706433/`,
`localhost`), and a request through a proxy that is not trusted. It resolves no name itself: the address of a
host name is checked where Scrapy connects, by `spiders.resolver.SafeResolver`, on every request and every
redirect hop (each redirected request comes through here, and through the resolver, again). A refusal by the
resolver comes back here as a failed lookup and leaves as `RefusedAddress`, with the resolver's reason.
"""

from __future__ import annotations

import ipaddress
import logging
import re
import socket
import urllib.request
from urllib.parse import urlsplit

from scrapy import Request, Spider
from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.crawler import Crawler
from scrapy.exceptions import CannotResolveHostError, IgnoreRequest
from scrapy.settings import BaseSettings
from scrapy.statscollectors import StatsCollector
from scrapy.utils.misc import load_object
from twisted.internet.error import DNSLookupError

from spiders.context import context_if_any
from spiders.discovery import same_site
from spiders.resolver import SafeResolver, installed_resolver, is_internal, is_local_name

__all__ = ["RefusedAddress", "SafeDestinations", "UnsafeSettings", "is_internal", "literal_address"]

logger = logging.getLogger(__name__)

# IPv4 as the C library also reads it: "127.1", "2130706433", "0x7f.0.0.1" (syntax only, no lookup).
IPV4_SHORTHAND = re.compile(r"(?:0x[0-9a-f]+|\d+)(?:\.(?:0x[0-9a-f]+|\d+)){0,3}", re.IGNORECASE)


class RefusedAddress(IgnoreRequest):
    """The request points at an address the crawler must not reach."""


class UnsafeSettings(Exception):
    """The settings would let the crawler connect without the address check (outside test mode)."""


def literal_address(host: str) -> str | None:
    """The address a host written as an IP address stands for (any form the C library accepts), else None."""
    host = host.strip("[]")
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        pass
    if IPV4_SHORTHAND.fullmatch(host):
        try:
            return socket.inet_ntoa(socket.inet_aton(host))
        except OSError:
            return None
    return None


def resolver_path(settings: BaseSettings) -> str:
    """The resolver class Scrapy installs: TWISTED_DNS_RESOLVER, or the deprecated DNS_RESOLVER when set higher."""
    deprecated = settings.getpriority("DNS_RESOLVER") or 0
    if deprecated > (settings.getpriority("TWISTED_DNS_RESOLVER") or 0) and settings["DNS_RESOLVER"]:
        return str(settings["DNS_RESOLVER"])
    return str(settings["TWISTED_DNS_RESOLVER"])


def check_settings(settings: BaseSettings) -> None:
    """Refuse to crawl where the address check would not run: another resolver, or a download handler that does
    not connect through the reactor's resolver (HTTP/2, httpx, aiohttp resolve names their own way)."""
    resolver = load_object(resolver_path(settings))
    if not (isinstance(resolver, type) and issubclass(resolver, SafeResolver)):
        raise UnsafeSettings(f"TWISTED_DNS_RESOLVER is {resolver_path(settings)}, which does not refuse internal "
                             "addresses: use spiders.resolver.SafeResolver (or a subclass)")
    if not settings.getbool("TWISTED_REACTOR_ENABLED"):
        raise UnsafeSettings("TWISTED_REACTOR_ENABLED is off: the address check runs in the Twisted reactor's resolver")
    handlers = settings.getwithbase("DOWNLOAD_HANDLERS")
    for scheme in ("http", "https"):
        handler = handlers.get(scheme)
        handler = load_object(handler) if isinstance(handler, str) else handler
        if handler is not None and not (isinstance(handler, type) and issubclass(handler, HTTP11DownloadHandler)):
            raise UnsafeSettings(f"the {scheme} download handler {handler!r} does not connect through the checked "
                                 "resolver: keep Scrapy's HTTP11DownloadHandler")


class SafeDestinations:
    """Downloader middleware refusing off-site requests and, unless OCM_TEST_MODE, internal addresses."""

    def __init__(self, test_mode: bool, stats: StatsCollector, trust_proxy: bool = False,
                 proxies: dict[str, str] | None = None) -> None:
        self.test_mode = test_mode
        self.stats = stats
        self.trust_proxy = trust_proxy
        self.proxies = proxies or {}  # scheme -> proxy from the environment, as HttpProxyMiddleware will use them

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SafeDestinations:
        settings = crawler.settings
        test_mode = settings.getbool("OCM_TEST_MODE")
        if not test_mode:
            try:
                check_settings(settings)
            except UnsafeSettings as error:  # Scrapy does not log a crawler that fails to start: say why here
                logger.critical("refusing to crawl: %s", error)
                raise
        proxies = urllib.request.getproxies() if settings.getbool("HTTPPROXY_ENABLED") else {}
        return cls(test_mode, crawler.stats, settings.getbool("OCM_TRUST_PROXY"), proxies)

    async def process_request(self, request: Request, spider: Spider | None = None) -> None:
        context = context_if_any(request)
        # robots.txt is no exception: Scrapy's own robots.txt requests carry no council (no context) and are only
        # made for hosts whose request passed here; a council's request for another host's /robots.txt (a
        # document redirected there) is off-site like any other.
        if context is not None and not same_site(request.url, context.scope.allowed):
            self._refuse(request, "off-site: not one of the council's sites")
        if self.test_mode:
            return
        host = urlsplit(request.url).hostname or ""
        address = literal_address(host)
        if address is not None and is_internal(address):
            self._refuse(request, f"internal address {address} (set OCM_TEST_MODE only for tests)")
        if is_local_name(host):
            self._refuse(request, f"internal address: {host} is this machine")
        if not self.trust_proxy and self._proxied(request, host):
            self._refuse(request, "through a proxy, which resolves the council's names itself and so escapes the "
                                  "internal-address check (set OCM_TRUST_PROXY if the proxy refuses them)")

    def process_exception(self, request: Request, exception: Exception,
                          spider: Spider | None = None) -> None:
        """A failed lookup that was the resolver refusing an internal address leaves as RefusedAddress."""
        if self.test_mode or not isinstance(exception, CannotResolveHostError | DNSLookupError):
            return
        why = refusal(request)
        if why is not None:
            self._refuse(request, why)

    def _proxied(self, request: Request, host: str) -> bool:
        if request.meta.get("proxy"):
            return True
        scheme = urlsplit(request.url).scheme
        return scheme in self.proxies and not urllib.request.proxy_bypass(host)

    def _refuse(self, request: Request, why: str) -> None:
        self.stats.inc_value("ocm/refused_requests")
        logger.warning("refused %s: %s", request.url, why)
        raise RefusedAddress(f"refused: {why}")


def refusal(request: Request) -> str | None:
    """Why the resolver refused the host of `request` when it was last looked up, if it did."""
    resolver = installed_resolver()
    host = urlsplit(request.url).hostname or ""
    if resolver is None or not host:
        return None
    try:
        host = host.encode("idna").decode("ascii")  # as Twisted passes a name to the resolver
    except UnicodeError:
        return None
    return resolver.refusal(host)
