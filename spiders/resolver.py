"""The name resolution the crawler connects with, refusing internal addresses (Scrapy's TWISTED_DNS_RESOLVER).

Every connection Scrapy's HTTP handler opens, for every request and every redirect hop, asks the reactor's
resolver for the address of its host, and connects to the address it gets. Checking that address here, on every
resolution (a cached answer included), means the address connected to is the address checked: a name that
answers a public address first and 127.0.0.1 next (DNS rebinding) is refused the second time.

A refusal fails the resolution. Twisted then reports the connection as a failed DNS lookup, without our reason;
the resolver keeps the reason by name (`refusal`), and `spiders.safety.SafeDestinations` puts it back on the
request's failure, so the source records "refused: internal address ...".

Through a proxy the crawler connects to the proxy, which resolves the council's names itself: only the proxy's
own address passes through here (see OCM_TRUST_PROXY in spiders/safety.py).
"""

from __future__ import annotations

import ipaddress
import logging
import urllib.request
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from scrapy.resolver import CachingThreadedResolver
from twisted.internet.defer import Deferred, succeed
from twisted.internet.error import DNSLookupError

logger = logging.getLogger(__name__)

LOOPBACK = "127.0.0.1"


def is_internal(address: str) -> bool:
    """Loopback, private, link-local, shared, reserved, multicast or unspecified: never a council's site."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved or ip.is_multicast
            or ip.is_unspecified or not ip.is_global)


def is_local_name(host: str) -> bool:
    """`localhost` and its subdomains always mean this machine (RFC 6761), whatever a resolver says."""
    host = host.lower().rstrip(".")
    return host == "localhost" or host.endswith(".localhost")


class InternalAddressError(DNSLookupError):
    """A host name resolved to an internal address: no connection is made.

    A DNSLookupError, so that Twisted fails the connection quietly as it does for a name that does not resolve."""


class SafeResolver(CachingThreadedResolver):
    """Scrapy's caching threaded resolver (IPv4, DNS_TIMEOUT, DNSCACHE_SIZE) that refuses internal addresses on
    every resolution, unless OCM_TEST_MODE. The host names of a trusted proxy (OCM_TRUST_PROXY) may be internal."""

    def __init__(self, reactor: Any, cache_size: int, timeout: float, test_mode: bool = False,
                 trusted: Sequence[str] = ()) -> None:
        super().__init__(reactor, cache_size, timeout)
        self.test_mode = test_mode
        self.trusted = {name.lower() for name in trusted}
        self.refusals: dict[str, str] = {}  # host name -> why its last resolution was refused

    @classmethod
    def from_crawler(cls, crawler: Any, reactor: Any) -> SafeResolver:  # a CrawlerProcess: it has the settings
        settings = crawler.settings
        cache_size = settings.getint("DNSCACHE_SIZE") if settings.getbool("DNSCACHE_ENABLED") else 0
        trusted = proxy_hosts() if settings.getbool("OCM_TRUST_PROXY") and settings.getbool("HTTPPROXY_ENABLED") \
            else []
        return cls(reactor, cache_size, settings.getfloat("DNS_TIMEOUT"), settings.getbool("OCM_TEST_MODE"), trusted)

    def getHostByName(self, name: str, timeout: Sequence[int] = ()) -> Deferred[str]:  # (Twisted's name)
        return self.lookup(name, timeout).addCallbacks(self._check, self._failed, callbackArgs=(name,),
                                                       errbackArgs=(name,))

    def lookup(self, name: str, timeout: Sequence[int] = ()) -> Deferred[str]:
        """The address the system gives for `name` (cached by Scrapy): what a test's resolver replaces. `localhost`
        and its subdomains are the loopback address (RFC 6761), whatever the system's resolver knows of them: the
        sample web serves its councils as virtual hosts `<code>.localhost` (refused outside OCM_TEST_MODE)."""
        if is_local_name(name):
            return succeed(LOOPBACK)
        return super().getHostByName(name, timeout)

    def refusal(self, name: str) -> str | None:
        """Why the last resolution of `name` was refused, if it was."""
        return self.refusals.get(name.lower().rstrip("."))

    def internal(self, address: str, name: str) -> bool:
        """Is `address`, the answer for `name`, internal? (`is_internal`; a test's resolver may say otherwise.)"""
        return is_internal(address)

    def _check(self, address: str, name: str) -> str:
        key = name.lower().rstrip(".")
        if self.test_mode or key in self.trusted or not self.internal(address, name):
            self.refusals.pop(key, None)
            return address
        reason = f"internal address {address} (resolved from {name})"
        self.refusals[key] = reason
        logger.warning("refused to connect to %s: %s", name, reason)
        raise InternalAddressError(name, reason)

    def _failed(self, failure: Any, name: str) -> Any:
        self.refusals.pop(name.lower().rstrip("."), None)  # a name that does not resolve: not a refusal
        return failure


def proxy_hosts() -> list[str]:
    """The host names of the HTTP(S) proxies in the environment (http_proxy, https_proxy), as Scrapy's
    HttpProxyMiddleware reads them."""
    hosts = []
    for scheme, url in urllib.request.getproxies().items():
        if scheme in ("http", "https"):
            host = urlsplit(url if "://" in url else f"http://{url}").hostname
            if host:
                hosts.append(host)
    return hosts


def installed_resolver() -> SafeResolver | None:
    """The reactor's resolver when it is ours (it is installed when the crawl process starts)."""
    from twisted.internet import reactor  # the installed reactor: imported late, as Scrapy does

    resolver = getattr(reactor, "resolver", None)
    return resolver if isinstance(resolver, SafeResolver) else None
