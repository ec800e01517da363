"""A crawler that cannot be turned against us: requests only to the council's own sites, and (outside test
mode) never to private, loopback, link-local or otherwise internal addresses, checked after DNS resolution
and on every redirect (each redirected request comes through here again)."""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import socket
from urllib.parse import urlsplit

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.statscollectors import StatsCollector

from spiders.discovery import same_site

logger = logging.getLogger(__name__)


class RefusedAddress(IgnoreRequest):
    """The request points at an address the crawler must not reach."""


def is_internal(address: str) -> bool:
    """Loopback, private, link-local, shared, reserved, multicast or unspecified: never a council's site."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved or ip.is_multicast
            or ip.is_unspecified or not ip.is_global)


def resolve(host: str, port: int) -> list[str]:
    """Every address a host name resolves to (blocking; run it in a thread)."""
    return sorted({str(info[4][0]) for info in socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)})


class SafeDestinations:
    """Downloader middleware refusing off-site requests and, unless OCM_TEST_MODE, internal addresses."""

    def __init__(self, test_mode: bool, stats: StatsCollector) -> None:
        self.test_mode = test_mode
        self.stats = stats
        self.checked: dict[str, list[str]] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SafeDestinations:
        return cls(crawler.settings.getbool("OCM_TEST_MODE"), crawler.stats)

    async def process_request(self, request: Request, spider: Spider | None = None) -> None:
        allowed = request.meta.get("ocm_allowed")
        parts = urlsplit(request.url)
        is_robots = parts.path == "/robots.txt"
        if allowed is not None and not is_robots and not same_site(request.url, allowed):
            self._refuse(request, "off-site: not one of the council's sites")
        if self.test_mode:
            return
        host = parts.hostname or ""
        if host not in self.checked:
            try:
                ipaddress.ip_address(host)
                addresses = [host]
            except ValueError:
                try:
                    addresses = await asyncio.to_thread(resolve, host, parts.port or 443)
                except OSError:
                    return  # let the download fail with Scrapy's own DNS error, recorded against the source
            self.checked[host] = addresses
        internal = [a for a in self.checked[host] if is_internal(a)]
        if internal:
            self._refuse(request, f"internal address {', '.join(internal)} (set OCM_TEST_MODE only for tests)")

    def _refuse(self, request: Request, why: str) -> None:
        self.stats.inc_value("ocm/refused_requests")
        logger.warning("refused %s: %s", request.url, why)
        raise RefusedAddress(f"refused: {why}")
