"""Page chrome as council sites wrap every page: cookie banner, header with search and menus, breadcrumbs, footer.

Each CMS family leaves its own marks (a generator tag, a Squiz comment, its asset paths, its cookie tool,
its class names); the structure is the one every UK council site shares: skip link, cookie banner, logo,
search, primary menu, "top tasks" (Report it, Pay for it, Apply for it), breadcrumbs, main content, a
"was this page useful" prompt and a footer with many links and the council's social media accounts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from html import escape

from ..texts import source_line

Link = tuple[str, str]  # (href, text)
#: A block element's end tag directly followed by another tag: CMSes write a line break there.
_BLOCK_END = re.compile(r"(</(?:p|h[1-6]|li|ul|ol|tr|table|div|dl|dd|dt|figure|section|nav)>)(?=<)")


@dataclass(frozen=True)
class Flavour:
    """What one CMS family adds to every page."""

    head: str
    body_class: str
    cookie: str  # the cookie banner, with {council} to fill in
    breadcrumb_class: str = "breadcrumb"
    prologue: str = ""  # before <html>, e.g. Squiz Matrix's comment


_CIVIC_COOKIES = """<div id="ccc" role="dialog" aria-label="Cookie Control"><div id="ccc-notify">
<h2 class="ccc-notify-title">This site uses cookies to store information on your computer.</h2>
<p>Some of these cookies are essential, while others help us to improve your experience by providing insights
into how the site is being used.</p>
<button type="button" class="ccc-notify-button ccc-accept-button">Accept recommended settings</button>
<button type="button" class="ccc-notify-button ccc-reject-button">Reject all non-essential cookies</button>
<a class="ccc-notify-link" href="{cookies}">Cookie preferences</a></div></div>"""

_GOVUK_COOKIES = """<div class="cookie-banner" role="region" aria-label="Cookies on {council}">
<h2>Cookies on {council}</h2><p>We use some essential cookies to make this website work.</p>
<p>We'd like to set additional cookies to understand how you use the website and improve our services.</p>
<button type="button" name="cookies" value="accept">Accept additional cookies</button>
<button type="button" name="cookies" value="reject">Reject additional cookies</button>
<a href="{cookies}">View cookies</a></div>"""

FLAVOURS: dict[str, Flavour] = {
    "jadu": Flavour('<meta name="generator" content="http://www.jadu.net">\n'
                    '<link rel="stylesheet" href="/site/styles/generic/base.css">', "jadu-cms",
                    _GOVUK_COOKIES.replace("cookie-banner", "cookie-policy")),
    "goss": Flavour('<meta name="generator" content="GOSS iCM">\n'
                    '<link rel="stylesheet" href="/site/css/main.css">', "icm", _CIVIC_COOKIES, "breadcrumbs"),
    "localgov": Flavour('<meta name="Generator" content="Drupal 10 (https://www.drupal.org)">\n'
                        '<link rel="stylesheet" href="/themes/custom/localgov_council/css/main.css">',
                        "path-node page-node-type-localgov-services-page",
                        _GOVUK_COOKIES.replace("cookie-banner", "eu-cookie-compliance-banner")),
    "squiz": Flavour('<link rel="stylesheet" href="/__data/assets/css_file/0021/4404/site.css">', "squiz",
                     _GOVUK_COOKIES, "breadcrumbs",
                     "<!--\n  Running Squiz Matrix\n  Developed by Squiz - http://www.squiz.net\n"
                     "  Squiz, Squiz Matrix, MySource, MySource Matrix and Squiz.net are registered Trademarks"
                     " of Squiz Pty Ltd\n  Page generated: 12 March 2024 09:30:00\n-->\n"),
    "umbraco": Flavour('<link rel="stylesheet" href="/css/main.min.css">', "umbraco", _CIVIC_COOKIES),
    "contensis": Flavour('<meta name="GENERATOR" content="Contensis CMS Version 14.0">\n'
                         '<link rel="stylesheet" href="/SiteElements/css/bs5/400-styles.css">', "contensis",
                         _CIVIC_COOKIES, "breadcrumbs"),
    "wordpress": Flavour('<meta name="generator" content="WordPress 6.4.3">\n'
                         '<link rel="stylesheet" href="/wp-content/themes/parish-council/style.css">\n'
                         '<link rel="alternate" type="application/rss+xml" title="Feed" href="/feed/">',
                         "wp-site-blocks",
                         '<div id="cookie-law-info-bar" data-nosnippet="true"><span>This website uses cookies '
                         'to improve your experience. <a role="button" id="cookie_action_close_header">Accept</a>'
                         ' <a href="{cookies}" id="CONSTANT_OPEN_URL">Read More</a></span></div>'),
    "dnn": Flavour('<meta id="MetaGenerator" name="GENERATOR" content="DotNetNuke ">\n'
                   '<link rel="stylesheet" href="/cmis5/Portals/_default/Skins/CMIS/skin.css">', "dnn-cmis",
                   _CIVIC_COOKIES, "breadcrumbs",
                   "<!--**********************************************************************************-->\n"
                   "<!-- DotNetNuke - http://www.dotnetnuke.com                                          -->\n"
                   "<!--**********************************************************************************-->\n"),
    "moderngov": Flavour('<link rel="stylesheet" href="sitespecific/ssMgStyles.css">', "mgBody",
                         _GOVUK_COOKIES),
    # A parish-website provider's hosted theme: every document on a page of its own under /documents/.
    "parish": Flavour('<link rel="stylesheet" href="/assets/theme/parish.css">', "parish-site",
                      '<div class="cookie-notice" role="region" aria-label="Cookies"><p>We use essential cookies '
                      'only.</p><a href="{cookies}">Cookie policy</a> <button type="button">OK</button></div>'),
    # A clerk's own site of hand-written pages (.php), as many small parishes still run.
    "plain": Flavour('<link rel="stylesheet" href="style.css">', "plain", '<div id="cookie-msg">This site uses '
                     'cookies. <a href="{cookies}">More</a></div>', "breadcrumb"),
}


@dataclass(frozen=True)
class Theme:
    """One site's chrome: its menus, footer and CMS family. Links are as the site writes them."""

    council: str
    cms: str
    home: str
    nav: tuple[Link, ...]
    footer: tuple[tuple[str, tuple[Link, ...]], ...]
    social: tuple[Link, ...]
    top_tasks: tuple[Link, ...] = ()
    search_action: str = "/search"
    search_param: str = "q"
    cookies: str = "/cookies"
    lang: str = "en-GB"
    crumb_home: str = "Home"
    labels: dict[str, str] = field(default_factory=dict)  # translated chrome words (Welsh sites)

    def word(self, english: str) -> str:
        """A chrome word in the site's language."""
        return self.labels.get(english, english)


def link_list(items: Iterable[Link], css: str = "list") -> str:
    """A ``<ul>`` of links; hrefs are written as given (escaped for HTML)."""
    rows = "".join(f'<li><a href="{escape(href)}">{escape(text)}</a></li>' for href, text in items)
    return f'<ul class="{css}">{rows}</ul>'


def raw_link(href: str, text: str, extra: str = "") -> str:
    """An ``<a>`` whose href is written exactly as given (raw spaces, bare ``&``), as some platforms do."""
    return f'<a href="{href}"{extra}>{escape(text)}</a>'


def _header(theme: Theme, alternate: Link | None) -> str:
    toggle = ""
    if alternate:
        href, text = alternate
        other = "cy" if theme.lang.startswith("en") else "en"
        toggle = (f'<div class="language-switcher"><a href="{escape(href)}" lang="{other}" '
                  f'hreflang="{other}">{escape(text)}</a></div>')
    tasks = f'<nav class="top-tasks" aria-label="{escape(theme.word("Top tasks"))}">' \
            f'{link_list(theme.top_tasks, "top-tasks__list")}</nav>' if theme.top_tasks else ""
    return f"""<header class="site-header" role="banner">
{toggle}
<a class="site-logo" href="{escape(theme.home)}"><img src="/images/logo.svg" alt="{escape(theme.council)} logo">
<span class="visually-hidden">{escape(theme.council)}</span></a>
<form class="site-search" action="{escape(theme.search_action)}" method="get" role="search">
<label for="site-search-input">{escape(theme.word("Search"))}</label>
<input id="site-search-input" name="{escape(theme.search_param)}" type="search">
<button type="submit">{escape(theme.word("Search"))}</button></form>
<nav class="primary-navigation" aria-label="{escape(theme.word("Main menu"))}">
{link_list(theme.nav, "menu menu--main")}</nav>
{tasks}
</header>"""


def _breadcrumbs(theme: Theme, crumbs: Sequence[Link], css: str) -> str:
    trail = [(theme.home, theme.crumb_home), *crumbs]
    items = "".join(f'<li class="{css}__item"><a href="{escape(h)}">{escape(t)}</a></li>' for h, t in trail)
    return f'<nav class="{css}" aria-label="{escape(theme.word("Breadcrumb"))}"><ol>{items}</ol></nav>'


def _footer(theme: Theme, sources: Sequence[str]) -> str:
    groups = "".join(f'<div class="footer__group"><h2>{escape(title)}</h2>{link_list(links, "footer__links")}'
                     f"</div>" for title, links in theme.footer)
    social = link_list(theme.social, "social-links")
    return f"""<footer class="site-footer" role="contentinfo">
<div class="footer__groups">{groups}</div>
<div class="footer__social"><h2>{escape(theme.word("Follow us"))}</h2>{social}</div>
<p class="footer__copyright">&copy; {escape(theme.council)} 2024</p>
{"".join(f'<p class="source">{escape(source_line(url))}</p>' for url in sources)}
</footer>"""


def page(theme: Theme, title: str, main: str, crumbs: Sequence[Link] = (), *, sidebar: str = "",
         alternate: Link | None = None, useful: bool = True, head: str = "", heading: bool = True,
         sources: Sequence[str] = ()) -> bytes:
    """A whole page in ``theme``'s chrome as UTF-8; ``main`` and ``sidebar`` are trusted HTML.

    ``heading``: False when ``main`` brings its own ``<h1>`` (ModernGov's pages). ``sources``: where real
    wording on the page comes from (an attribution line each, in the footer).
    """
    flavour = FLAVOURS[theme.cms]
    main, sidebar = _BLOCK_END.sub("\\1\n", main), _BLOCK_END.sub("\\1\n", sidebar)
    cookie = flavour.cookie.format(council=escape(theme.council), cookies=escape(theme.cookies))
    aside = f'<aside class="sidebar">{sidebar}</aside>' if sidebar else ""
    feedback = (f'<section class="page-feedback"><h2>{escape(theme.word("Was this page useful?"))}</h2>'
                f'<button type="button">{escape(theme.word("Yes"))}</button> '
                f'<button type="button">{escape(theme.word("No"))}</button></section>') if useful else ""
    alt_head = ""
    if alternate:
        other = "cy" if theme.lang.startswith("en") else "en"
        alt_head = f'<link rel="alternate" hreflang="{other}" href="{escape(alternate[0])}">'
    return f"""{flavour.prologue}<!DOCTYPE html>
<html lang="{escape(theme.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)} | {escape(theme.council)}</title>
{flavour.head}
{alt_head}{head}
</head>
<body class="{escape(flavour.body_class)}">
<a class="skip-link" href="#main-content">{escape(theme.word("Skip to main content"))}</a>
{cookie}
{_header(theme, alternate)}
{_breadcrumbs(theme, crumbs, flavour.breadcrumb_class)}
<div class="page-layout">
<main id="main-content">
{f"<h1>{escape(title)}</h1>" if heading else ""}
{main}
{feedback}
</main>
{aside}
</div>
{_footer(theme, sources)}
</body>
</html>
""".encode()


def paragraphs(lines: Iterable[str]) -> str:
    """One ``<p>`` per line; lines starting ``- `` or ``• `` become a list."""
    out: list[str] = []
    items: list[str] = []
    for line in lines:
        if line.startswith(("- ", "• ", "· ")):
            items.append(f"<li>{escape(line[2:].strip())}</li>")
            continue
        if items:
            out.append("<ul>" + "".join(items) + "</ul>")
            items = []
        out.append(f"<p>{escape(line)}</p>")
    if items:
        out.append("<ul>" + "".join(items) + "</ul>")
    return "\n".join(out)
