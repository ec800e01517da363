"""A document's redirect loop ends as a failure of that document (REDIRECT_MAX_TIMES), never dropped unseen as a
duplicate; other requests are redirected as Scrapy does. Built with Scrapy's `get_crawler`: no crawl, no network."""

from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.utils.test import get_crawler

from spiders.context import CONTEXT, CouncilScope, RequestContext, context_of
from spiders.redirects import DocumentRedirect

A = "https://www.example.gov.uk/constitution.pdf"
B = "https://www.example.gov.uk/documents/constitution.pdf"
SCOPE = CouncilScope("EXA", "England", frozenset({"example.gov.uk"}), "other")


def middleware(max_times: int = 10) -> DocumentRedirect:
    crawler = get_crawler(settings_dict={"REDIRECT_MAX_TIMES": max_times})
    crawler.stats.open_spider()
    return DocumentRedirect.from_crawler(crawler)


def moved(request: Request, to: str) -> Response:
    return Response(request.url, status=302, headers={"Location": to}, request=request)


def request(url: str = A, document: bool = True) -> Request:
    return Request(url, meta={CONTEXT: RequestContext(SCOPE, document=document)})


def test_a_documents_redirected_request_bypasses_the_duplicate_filter_and_keeps_its_context():
    first = request()
    redirected = middleware().process_response(first, moved(first, B))
    assert isinstance(redirected, Request) and redirected.url == B
    assert redirected.dont_filter and context_of(redirected) == context_of(first)
    assert redirected.meta["redirect_urls"] == [A]  # the source's own address, for the failure or the item


@pytest.mark.parametrize("meta", [{CONTEXT: RequestContext(SCOPE, document=False)}, {}],
                         ids=["a page", "no council (robots.txt)"])
def test_other_requests_are_redirected_as_scrapy_does(meta):
    first = Request(A, meta=meta)
    redirected = middleware().process_response(first, moved(first, B))
    assert isinstance(redirected, Request) and redirected.url == B and not redirected.dont_filter


def test_a_documents_redirect_loop_fails_at_the_limit_instead_of_vanishing():
    mw = middleware(max_times=3)
    current = request()
    hops = []
    with pytest.raises(IgnoreRequest, match="max redirections reached"):
        while True:  # A -> B -> A -> B: each hop comes back through the middleware, as in a crawl
            current = mw.process_response(current, moved(current, B if current.url == A else A))
            hops.append((current.url, current.dont_filter))
    # every hop is fetched again: the duplicate filter would have dropped the second A, and the source with it
    assert hops == [(B, True), (A, True), (B, True)]


def test_an_answer_that_is_no_redirect_passes():
    first = request()
    answer = Response(A, status=200, body=b"%PDF-1.7", request=first)
    assert middleware().process_response(first, answer) is answer
