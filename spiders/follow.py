"""What a fetched page offers the crawl: its links scored, its site search asked for the policy, its platform root.

Pure functions of a response, so that what discovery follows can be tested on saved pages.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit

from scrapy.http import TextResponse

from spiders.discovery import is_document_url, normalise_url, same_site, should_skip, source_kind
from spiders.items import AGENDA_NOTICE
from spiders.links import (
    CANDIDATE,
    COMMITTEE,
    COMMITTEE_CUE,
    FILMING_CUE,
    GENERIC_LINK_WORDS,
    INDEX_DOCUMENT,
    LATEST_MINUTES_CUE,
    MINUTES_WORDS,
    PAGE,
    SEARCH,
    score_link,
)
from spiders.platforms import Platform, PlatformPattern

# A CMS's not-found page served with a 200, or a page a platform sends unknown addresses to (its record's
# `error_url`: ModernGov's "mgError.aspx").
ERROR_PAGE = PlatformPattern(
    r"/(?:error|errors)(?:\.aspx|\.html?)?(?:[/?]|$)|page-?not-?found|/404(?:\.aspx|\.html?)?(?:[/?]|$)", "error_url")
# A site search form's text field, as councils' CMSes name it (Jadu q, GOSS query, Drupal keys, WordPress s).
SEARCH_FIELDS = ("q", "query", "keys", "s", "search", "searchtext", "search_api_fulltext", "term", "keywords", "k")
# What the council's own search is asked: the policy's usual names.
SEARCH_QUERIES = ("filming meetings", "standing orders", "constitution")


@dataclass(frozen=True)
class Offer:
    """A link worth fetching: its address, score, what fetching it is for, the cue that decided it, and, for a
    candidate, the kind of document its words name."""

    url: str
    score: int
    role: str
    cue: str
    kind: str = ""


def page_offers(
    response: TextResponse, allowed: AbstractSet[str], platform: Platform, policy_page: bool, page_kind: str,
    follow_pages: bool, committee_page: bool = False, latest_minutes: bool = False,
) -> tuple[list[Offer], set[str]]:
    """The links of a page worth fetching, and every address it links (to notice a known document's link lost).

    `policy_page`: the page may itself be policy (a candidate, a constitution index): every document it lists is a
    candidate. `follow_pages`: pages found here will have their links followed in turn (else only candidates).
    `committee_page`: a committee, meeting or decision page: the reports it holds ("Review of the Constitution")
    are no policy documents, only a notice on filming is. `latest_minutes`: a local council's meetings page: the
    newest minutes it lists is a candidate too, held until nothing else is found (LATEST_MINUTES_CUE).
    """
    offers: list[Offer] = []
    linked: set[str] = set()
    minutes: list[tuple[tuple[int, int, int], int, str]] = []
    for anchor in response.selector.root.iter("a"):  # lxml directly: a parsel Selector per link costs more
        href = anchor.get("href")
        if href is None:
            continue
        try:
            url = normalise_url(href, response.url)
            linked.add(url)
            if should_skip(url) or not same_site(url, allowed) or url == response.url or ERROR_PAGE.search(url):
                continue
        except ValueError:  # a malformed address ("http://host:80http://host/..."): a broken link, no way anywhere
            continue
        words = link_words(anchor)
        offer = _offer(words, url, platform, policy_page, page_kind, follow_pages)
        if offer is not None and not (committee_page and offer.role == CANDIDATE and offer.cue != FILMING_CUE):
            offers.append(offer)
        elif latest_minutes and is_document_url(url) and MINUTES_WORDS.search(f"{words} {url}"):
            minutes.append((paper_date(f"{words} {url}"), -len(minutes), url))
    if minutes:
        offers.append(Offer(max(minutes)[2], COMMITTEE, CANDIDATE, LATEST_MINUTES_CUE, AGENDA_NOTICE))
    return offers, linked


MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# A paper's date in its link or address: "2024-03-12", "12 March 2024", "March-2024", ".../uploads/2024/03/..."
PAPER_DATE = re.compile(r"(?P<y>20\d\d)[-/_.](?P<m>[01]?\d)(?:[-/_.](?P<d>[0-3]?\d))?(?!\d)"
                        r"|(?:(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?[\s_-]+)?(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct"
                        r"|nov|dec)[a-z]*[\s_-]+(?P<y2>20\d\d)", re.IGNORECASE)


def paper_date(text: str) -> tuple[int, int, int]:
    """The latest (year, month, day) a meeting paper's words or address name; (0, 0, 0) for none."""
    found = [(0, 0, 0)]
    for match in PAPER_DATE.finditer(text):
        if match["y"]:
            found.append((int(match["y"]), int(match["m"]), int(match["d"] or 0)))
        else:
            found.append((int(match["y2"]), MONTHS.index(match["mon"].lower()[:3]) + 1, int(match["d2"] or 0)))
    return max(d for d in found if d[1] <= 12)


# The blocks whose words stand for a link that says nothing itself (see GENERIC_LINK_WORDS).
BLOCKS = frozenset({"li", "p", "td", "tr", "dd", "dt", "h2", "h3", "h4", "div", "figure"})
BLOCK_WORDS_MAX = 300  # a longer block (a page's whole content) says too much to stand for one link


def link_words(anchor: Any) -> str:
    """What a link says: its text, title and label; for a link saying only "click here" or "Download", the words of
    the list item, paragraph or cell it stands in."""
    text = " ".join(anchor.itertext()).strip()
    words = f"{text} {anchor.get('title', '')} {anchor.get('aria-label', '')}"
    if not GENERIC_LINK_WORDS.match(text) or anchor.get("title") or anchor.get("aria-label"):
        return words
    block, around = anchor.getparent(), text
    while block is not None and GENERIC_LINK_WORDS.match(around):  # its cell says no more: its row may
        if block.tag in BLOCKS:
            around = " ".join(" ".join(block.itertext()).split())
        block = block.getparent()
    return around if len(around) <= BLOCK_WORDS_MAX and not GENERIC_LINK_WORDS.match(around) else words


def _offer(text: str, url: str, platform: Platform, policy_page: bool, page_kind: str,
           follow_pages: bool) -> Offer | None:
    parts = urlsplit(url)
    scored = score_link(text, f"{parts.path}?{parts.query}")
    document = is_document_url(url) or bool(platform.document_url.search(url))
    if document:
        if scored is not None and scored.role == CANDIDATE:
            return Offer(url, scored.score, CANDIDATE, scored.cue, source_kind(text, url))
        if policy_page and (scored is None or scored.cue != COMMITTEE_CUE):
            return Offer(url, INDEX_DOCUMENT, CANDIDATE, "listed on a policy page", page_kind or source_kind(text, url))
        return None  # a document is no way towards anything: an agenda, a form, a leaflet
    if scored is None:
        return None
    if scored.role == CANDIDATE:
        return Offer(url, scored.score, CANDIDATE, scored.cue, source_kind(text, url))
    return Offer(url, scored.score, PAGE, scored.cue) if follow_pages else None


def search_offers(response: TextResponse, allowed: AbstractSet[str]) -> list[Offer]:
    """The council's own site search, asked for the policy by its usual names, from a GET search form on the page."""
    for form in response.selector.root.iter("form"):
        if (form.get("method") or "get").lower() != "get":
            continue
        fields = [i.get("name") for i in form.iter("input") if (i.get("type") or "text").lower() in ("text", "search")]
        name = next((f for f in fields if f and f.lower() in SEARCH_FIELDS), None)
        if name is None:
            continue
        try:
            action = normalise_url(form.get("action") or response.url, response.url)
            if should_skip(action) or not same_site(action, allowed):
                continue
        except ValueError:  # a malformed form action
            continue
        hidden = [(i.get("name"), i.get("value") or "") for i in form.iter("input")
                  if (i.get("type") or "").lower() == "hidden" and i.get("name")]
        return [Offer(f"{action.split('?')[0]}?{urlencode([*hidden, (name, query)])}", SEARCH, PAGE, "site search")
                for query in SEARCH_QUERIES]
    return []


def platform_root(response: TextResponse, platform: Platform) -> str:
    """Where a platform's pages sit, from the first link on the page to one of them ("/moderngov/mgListCommittees.aspx"
    gives "/moderngov/"); the page's own folder when it links none."""
    for anchor in response.selector.root.iter("a"):
        href = anchor.get("href") or ""
        if any(marker.decode() in href for marker in platform.markers if marker.endswith(b".aspx")):
            return urljoin(response.urljoin(href), ".")
    return urljoin(response.url, ".")


def is_error_page(url: str) -> bool:
    """The address is a platform's error page or a not-found page (a 200 that means 404)."""
    return ERROR_PAGE.search(url) is not None
