"""Redirects of policy documents: a loop must end as a recorded failure of that source, not vanish."""

from __future__ import annotations

from scrapy import Request, Spider
from scrapy.downloadermiddlewares.redirect import RedirectMiddleware
from scrapy.http import Response

from spiders.context import context_if_any


class DocumentRedirect(RedirectMiddleware):
    """Scrapy's RedirectMiddleware, except that a document's redirected request bypasses the duplicate
    filter: a redirect back to an address already fetched (a loop) would otherwise be dropped silently,
    leaving the source neither fetched nor failed. The loop now runs into REDIRECT_MAX_TIMES and fails."""

    def process_response(  # type: ignore[override]
        self, request: Request, response: Response, spider: Spider | None = None,
    ) -> Request | Response:
        result = super().process_response(request, response)
        if isinstance(result, Request) and (context := context_if_any(result)) is not None and context.document:
            return result.replace(dont_filter=True)
        return result
