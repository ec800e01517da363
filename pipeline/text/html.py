"""Main text of a web page with BeautifulSoup and lxml, without the site's furniture."""

from __future__ import annotations

import logging
import re
import warnings

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, XMLParsedAsHTMLWarning
from bs4.element import CData, NavigableString, PageElement, Tag

from .dates import find_dates, parse_date
from .model import HTML, PUBLISHED, UPDATED, DocumentDate, Extraction
from .normalise import normalise_text

logger = logging.getLogger(__name__)

_DROP_TAGS = (
    "script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "canvas",
    "nav", "aside", "button", "input", "select", "textarea", "label", "dialog", "menu",
)
_OUTSIDE_CONTENT_TAGS = ("header", "footer")  # page furniture unless inside the article
_DROP_ROLES = re.compile(r"navigation|banner|contentinfo|complementary|search|dialog|alertdialog", re.I)
_DROP_NAMES = re.compile(r"cookie|consent|banner|breadcrumb|skip-?link|skip-?to|gdpr", re.I)
_SKIP_LINK = re.compile(r"\s*skip\s+to\b", re.I)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_WHITESPACE = re.compile(r"\s+")
MAX_BANNER_CHARS = 3000  # a "cookie"/"banner"-named element longer than this is content, not a banner
_KEEP = frozenset({"html", "body", "main", "article"})
_PARAGRAPH = frozenset({
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "dl", "blockquote", "pre",
    "section", "article", "main", "header", "footer", "figure", "form", "address", "hr", "tr",
})
_LINE = frozenset({"br", "li", "dt", "dd", "div", "td", "th", "caption", "figcaption", "option", "legend"})


def _parse(text: str) -> BeautifulSoup:
    with warnings.catch_warnings():
        # A page that is only a word or is XHTML is still a page; bs4's hints don't apply.
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        return BeautifulSoup(text, "lxml")


def _names(tag: Tag) -> str:
    attrs = tag.attrs or {}
    classes: str | list[str] = attrs.get("class") or []
    if isinstance(classes, str):
        classes = [classes]
    return " ".join([str(attrs.get("id", "")), *map(str, classes), str(attrs.get("aria-label", ""))])


def _is_furniture(tag: Tag, content: Tag) -> bool:
    attrs = tag.attrs or {}
    if tag.name in _OUTSIDE_CONTENT_TAGS:
        return content.name not in ("main", "article") or all(p is not content for p in tag.parents)
    if _DROP_NAMES.search(_names(tag)) and len(tag.get_text()) <= MAX_BANNER_CHARS:
        return True
    return bool(
        _DROP_ROLES.fullmatch(str(attrs.get("role", "")).strip())
        or "hidden" in attrs
        or str(attrs.get("aria-hidden", "")).lower() == "true"
        or _HIDDEN_STYLE.search(str(attrs.get("style", "")))
        or (tag.name == "a" and _SKIP_LINK.match(tag.get_text()))
    )


def _remove(tag: Tag, removed: set[int]) -> None:
    """Decompose ``tag``, remembering its subtree (bs4's ``decomposed`` check is a tree search)."""
    removed.add(id(tag))
    removed.update(id(node) for node in tag.descendants)
    tag.decompose()


def _content_root(soup: BeautifulSoup) -> Tag:
    for candidate in (soup.find("main"), soup.find(role="main")):
        if isinstance(candidate, Tag):
            return candidate
    articles = soup.find_all("article")
    if len(articles) == 1 and isinstance(articles[0], Tag):
        return articles[0]
    body = soup.body
    return body if body is not None else soup


def _join(parts: list[str | int]) -> str:
    """Join text parts; a run of block boundaries (ints: newlines wanted) becomes its largest."""
    out: list[str] = []
    pending = 0
    for part in parts:
        if isinstance(part, int):
            pending = max(pending, part)
        elif pending and not part.strip():
            continue
        else:
            if pending:
                out.append("\n" * pending)
                pending = 0
            out.append(part)
    return "".join(out)


def _text(root: Tag) -> str:
    """Text of ``root`` with blocks on their own lines; walks iteratively (pages nest deeply)."""
    parts: list[str | int] = []
    has_pre = root.find("pre") is not None
    stack: list[PageElement | int] = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, int):
            parts.append(node)  # the end of a block
        elif isinstance(node, Tag):
            newlines = 2 if node.name in _PARAGRAPH else 1 if node.name in _LINE else 0
            if newlines:
                parts.append(newlines)
                stack.append(newlines)
            stack.extend(reversed(node.contents))
        elif type(node) in (NavigableString, CData):  # not comments, doctypes, declarations
            in_pre = has_pre and node.find_parent("pre") is not None
            parts.append(str(node) if in_pre else _WHITESPACE.sub(" ", str(node)))
    return normalise_text(_join(parts))


def _title(soup: BeautifulSoup, content: Tag) -> str | None:
    for tag in (content.find("h1"), soup.find("h1"), soup.title):
        if isinstance(tag, Tag):
            title = " ".join(tag.get_text(" ").split())
            if title:
                return title
    return None


_META_DATES = {
    "dcterms.modified": UPDATED, "dc.date.modified": UPDATED, "article:modified_time": UPDATED,
    "last-modified": UPDATED, "dcterms.issued": PUBLISHED, "dc.date.issued": PUBLISHED,
    "article:published_time": PUBLISHED, "dcterms.created": PUBLISHED,
}


def meta_dates(soup: BeautifulSoup) -> list[DocumentDate]:
    """Dates from ``<meta name|property="dcterms.modified" content="...">`` and the like."""
    found = []
    for meta in soup.find_all("meta"):
        name = str(meta.get("name") or meta.get("property") or "").strip().lower()
        content = str(meta.get("content") or "").strip()
        if name in _META_DATES and content:
            date = parse_date(content[:40])
            if date is not None:
                found.append(DocumentDate(_META_DATES[name], date, content[:40]))
    return found


def extract_html(text: str) -> Extraction:
    """Main text of a decoded page, without nav, header, footer, banners and skip links.

    Dates come from the main text; failing that, from the whole page (a "Last updated"
    line often sits in the footer), then from ``<meta>`` tags.
    """
    soup = _parse(text)
    content = _content_root(soup)
    title = _title(soup, content)
    removed: set[int] = set()
    for tag in soup.find_all(_DROP_TAGS):
        if tag.name not in _KEEP and id(tag) not in removed:
            _remove(tag, removed)
    page_text = soup.get_text("\n")
    ancestors = {id(tag) for tag in (content, *content.parents)}
    for tag in soup.find_all(True):
        if id(tag) in removed or tag.name in _KEEP or id(tag) in ancestors:
            continue
        if _is_furniture(tag, content):
            _remove(tag, removed)
    main = _text(content)
    dates = find_dates(main) or find_dates(page_text) or meta_dates(soup)
    return Extraction(main, HTML, title, (0,), 1, tuple(dates))
