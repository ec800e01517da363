"""Soft 404s: a document's address that answers 200 with a page saying it is not there, or with the home page.

Stored as the document's new text, such a page would read as a council dropping its policy (a "Page not found"
page says nothing about filming). It is a failed fetch instead: the last good text stays in force.

Rules are data. A not-found page is known by its <title> and first <h1> only, never by its body: a real
document may well say "page 404" or "not found" in passing. (The home page served in a document's place is
also known by its bytes, which only the spider can compare: `CouncilSpider`.)
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from scrapy.http import HtmlResponse, Response

NOT_FOUND_TITLES: tuple[re.Pattern[str], ...] = (
    # "Page not found", "404 Not Found", "Document not found | Council", "File Not Found"
    re.compile(r"\bnot\s+found\b", re.I),
    # "404", "Error 404", "404 error - Council", "404 page"
    re.compile(r"^\W*(?:error\s*)?404\b|\berror\s*404\b|\b404\s*(?:error|page)\b", re.I),
    # "Sorry, we can't find that page" (GOV.UK style), "Oops! That page can't be found." (WordPress themes),
    # "The page you requested could not be found"
    re.compile(r"\b(?:can[’']?t|cannot|could\s*n[’']?t|could\s+not|unable\s+to)\s+(?:be\s+)?find\b"
               r"|\b(?:can[’']?t|cannot|could\s*n[’']?t|could\s+not)\s+be\s+found\b", re.I),
    # "This page is no longer available", "Document no longer exists"
    re.compile(r"\bno\s+longer\s+(?:available|exists?)\b", re.I),
    # "The page you are looking for does not exist", "This page has been removed"
    re.compile(r"\b(?:page|document|file)\b.{0,40}\b(?:does\s*n[o’']?t\s+exist|has\s+been\s+(?:removed|deleted))\b",
               re.I),
)
# Where a site sends an address it no longer has: its home page.
HOME_PATH = re.compile(r"/?(?:(?:index|default|home)(?:\.\w{2,5})?)?/?", re.I)
# ... or its robots.txt: no document either.
ROBOTS_PATH = "/robots.txt"


def soft_404(response: Response) -> str:
    """Why this answer to a document's address is a soft 404 ("" when it is not): a redirect to the site's home
    page or robots.txt, or an HTML page whose title or main heading says the page is not found."""
    requested = response.meta.get("redirect_urls", [response.url])[0]
    if requested != response.url:
        path = urlsplit(response.url).path
        if HOME_PATH.fullmatch(path) and not HOME_PATH.fullmatch(urlsplit(requested).path):
            return f"soft 404: redirected to the home page {response.url}"
        if path == ROBOTS_PATH != urlsplit(requested).path:
            return f"soft 404: redirected to {response.url}"
    heading = not_found_heading(response)
    return f"soft 404: the page says {heading!r}" if heading else ""


def not_found_heading(response: Response) -> str:
    """The title or first main heading of an HTML page, when it says the page is not found; else ""."""
    if not isinstance(response, HtmlResponse):
        return ""
    for xpath in ("//title", "(//h1)[1]"):
        text = " ".join(" ".join(response.xpath(f"{xpath}//text()").getall()).split())
        if text and any(pattern.search(text) for pattern in NOT_FOUND_TITLES):
            return text
    return ""
