"""robots.txt is fetched at most once a day per site (HTTPCACHE_EXPIRATION_SECS), as search engines do:
a nightly crawl need not ask every council's server for it again, and a cached copy costs no request."""

from __future__ import annotations

from scrapy import Request
from scrapy.extensions.httpcache import DummyPolicy
from scrapy.http import Response
from scrapy.utils.httpobj import urlparse_cached

CACHEABLE = (200, 404)  # a copy, or the answer that there is none (allow all); never a server error


class RobotsOnlyPolicy(DummyPolicy):
    """Scrapy HTTP cache policy that caches robots.txt and nothing else."""

    def should_cache_request(self, request: Request) -> bool:
        return urlparse_cached(request).path == "/robots.txt" and super().should_cache_request(request)

    def should_cache_response(self, response: Response, request: Request) -> bool:
        return response.status in CACHEABLE
