"""HTML page layout of the sample council sites: header, cookie banner, navigation, breadcrumbs, footer."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

from .texts import Section, source_line

Link = tuple[str, str]  # (href, link text)

FOOTER_LINKS: list[Link] = [
    ("/accessibility", "Accessibility statement"), ("/privacy", "Privacy notice"),
    ("/cookies", "Cookies"), ("/contact-us", "Contact us"),
]


def links(items: Iterable[Link], css: str = "link-list") -> str:
    """A ``<ul>`` of links."""
    rows = "".join(f'<li><a href="{escape(href)}">{escape(text)}</a></li>' for href, text in items)
    return f'<ul class="{css}">{rows}</ul>'


def sections(items: Iterable[Section], level: int = 2) -> str:
    """Headings and paragraphs."""
    out = []
    for section in items:
        out.append(f"<h{level}>{escape(section.heading)}</h{level}>")
        out.extend(f"<p>{escape(line)}</p>" for line in section.paragraphs)
    return "\n".join(out)


def paragraphs(lines: Iterable[str]) -> str:
    """One ``<p>`` per line; lines starting ``- `` become a list."""
    out: list[str] = []
    items: list[str] = []
    for line in lines:
        if line.startswith("- "):
            items.append(f"<li>{escape(line[2:])}</li>")
            continue
        if items:
            out.append("<ul>" + "".join(items) + "</ul>")
            items = []
        out.append(f"<p>{escape(line)}</p>")
    if items:
        out.append("<ul>" + "".join(items) + "</ul>")
    return "\n".join(out)


def page(council: str, title: str, main: str, nav: Sequence[Link], *,
         crumbs: Sequence[Link] = (), sources: Sequence[str] = (), updated: str = "12 March 2024") -> bytes:
    """A whole council web page as UTF-8 bytes; ``main`` is trusted HTML, the rest is escaped."""
    trail = [("/", "Home"), *crumbs]
    crumb_html = " &gt; ".join(f'<a href="{escape(h)}">{escape(t)}</a>' for h, t in trail)
    source_html = "".join(f"<p class=\"source\">{escape(source_line(url))}</p>" for url in sources)
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)} | {escape(council)}</title>
</head>
<body>
<a class="skip-link" href="#main-content">Skip to main content</a>
<div id="cookie-banner" role="region" aria-label="Cookies on {escape(council)}">
<p>We use some essential cookies to make this website work. We'd like to set additional cookies to understand
how you use the site and improve our services.</p>
<button type="button">Accept additional cookies</button>
<button type="button">Reject additional cookies</button>
<a href="/cookies">View cookies</a>
</div>
<header class="site-header">
<a class="logo" href="/">{escape(council)}</a>
<form class="search" action="/search" method="get"><label for="q">Search this site</label>
<input id="q" name="q" type="search"><button type="submit">Search</button></form>
<nav aria-label="Main menu">{links(nav, "main-nav")}</nav>
</header>
<nav class="breadcrumbs" aria-label="Breadcrumb">{crumb_html}</nav>
<main id="main-content">
<h1>{escape(title)}</h1>
{main}
<p class="last-updated">Last updated: {escape(updated)}</p>
</main>
<footer class="site-footer">
{links(FOOTER_LINKS, "footer-links")}
<p>&copy; {escape(council)}</p>
{source_html}
</footer>
</body>
</html>
""".encode()
