"""Retries with exponential backoff: a council site that answers 5xx, 429 or times out is given time to recover
(and its Retry-After is honoured) instead of being hit again at once."""

from __future__ import annotations

import asyncio
import logging
import random
from email.utils import parsedate_to_datetime

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import CannotResolveHostError
from scrapy.http import Response
from twisted.internet.error import DNSLookupError

from spiders.safety import refusal

logger = logging.getLogger(__name__)


def backoff_seconds(retry: int, base: float, cap: float, retry_after: str | None = None) -> float:
    """Seconds to wait before retry number `retry` (1, 2, ...): the server's Retry-After if it gives one,
    else base x 2^(retry-1) with +-20% jitter; never more than `cap`."""
    if retry_after:
        wanted = _parse_retry_after(retry_after)
        if wanted is not None:
            return max(0.0, min(cap, wanted))
    delay = base * 2 ** (retry - 1)
    return max(0.0, min(cap, delay * random.uniform(0.8, 1.2)))


def _parse_retry_after(value: str) -> float | None:
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    from datetime import UTC, datetime

    return (when - datetime.now(UTC)).total_seconds()


class BackoffRetry(RetryMiddleware):
    """Scrapy's RetryMiddleware (same settings: RETRY_TIMES, RETRY_HTTP_CODES, RETRY_EXCEPTIONS), waiting
    OCM_RETRY_BACKOFF x 2^n seconds (at most OCM_RETRY_BACKOFF_MAX) before each retry."""

    base: float = 2.0
    cap: float = 60.0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BackoffRetry:
        middleware = super().from_crawler(crawler)
        middleware.base = crawler.settings.getfloat("OCM_RETRY_BACKOFF")
        middleware.cap = crawler.settings.getfloat("OCM_RETRY_BACKOFF_MAX")
        return middleware

    async def process_response(  # type: ignore[override]  # async: it waits before retrying
        self, request: Request, response: Response, spider: Spider | None = None,
    ) -> Request | Response:
        retry = super().process_response(request, response)
        if isinstance(retry, Request):
            header = response.headers.get("Retry-After")
            await self._wait(retry, header.decode("latin-1") if header else None)
        return retry

    async def process_exception(  # type: ignore[override]
        self, request: Request, exception: Exception, spider: Spider | None = None,
    ) -> Request | Response | None:
        if isinstance(exception, CannotResolveHostError | DNSLookupError) and refusal(request) is not None:
            return None  # the resolver refused an internal address: asking again changes nothing
        retry = super().process_exception(request, exception)
        if isinstance(retry, Request):
            await self._wait(retry, None)
        return retry

    async def _wait(self, retry: Request, retry_after: str | None) -> None:
        seconds = backoff_seconds(int(retry.meta.get("retry_times", 1)), self.base, self.cap, retry_after)
        if seconds > 0:
            logger.debug("waiting %.1f s before retrying %s", seconds, retry.url)
            await asyncio.sleep(seconds)
