"""Brackenthorpe Parish Council: a parish-website provider's hosted site where every document has a page of its own
(``/documents/<slug>/``, "Policies & Procedures Uploaded on ...", its text shown and a download link to
``/uploads/documents/...pdf``), listed by category (``/documents/category/<slug>/``).

The rule, in two documents: the Recording of Meetings Policy (real wording from a parish council on such a
provider) and the Standing Orders (NALC model, standing order 3 with real wording). Traps: a dozen other
documents of the same shape (financial regulations, complaints, a website policy), a year of agendas and minutes
each on its own document page, a meetings page that says nothing about recording.
"""

from __future__ import annotations

import re
from datetime import date
from html import escape

from ...sites import _lettered
from ...texts import Document, sections
from .. import documents as docs
from ..chrome import Theme, link_list, page, paragraphs
from ..common import meeting_dates, people, plain_date, social
from ..model import WWW, Address, Context, Council, PolicyDocument
from ..pages import HostPages
from ..search import SiteSearch

NAME = "Brackenthorpe Parish Council"
CATEGORIES = {"policies-procedures": "Policies & Procedures", "agendas": "Agendas", "minutes": "Minutes",
              "finance": "Finance", "annual-reports": "Annual reports"}
POLICIES = ("Financial Regulations", "Complaints Procedure", "Grant Awarding Policy", "Equality and Diversity Policy")
RECORDING, ORDERS = "Recording of Meetings Policy", "Standing Orders"
VILLAGE = (("village-hall", "Village hall", "The village hall on Main Street can be hired for events."),
           ("playing-field", "Playing field", "The playing field and play area are owned by the parish council."),
           ("allotments", "Allotments", "Allotment plots are let each October. Contact the Clerk."),
           ("bus-times", "Bus times", "The 62 bus runs hourly to the market town."),
           ("local-groups", "Local groups", "The Women's Institute, the cricket club and the history society."))


def slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


class ProviderSite:
    """The provider's site: pages in its theme, and documents each on a page of their own."""

    def __init__(self, theme: Theme) -> None:
        self.theme = theme
        self.pages = HostPages()
        self.pages.fallback = SiteSearch(self.pages, theme, "/search/", "q")
        self.listed: dict[str, list[tuple[str, str]]] = {key: [] for key in CATEGORIES}

    def page(self, path: str, title: str, main: str, crumbs=(), sources=()) -> str:
        self.pages.html(path, page(self.theme, title, main, crumbs, useful=False, sources=sources))
        return path

    def document(self, category: str, title: str, doc: Document, uploaded: date, shown: list[str] | None = None,
                 paper: bool = False) -> tuple[str, str]:
        """A document's own page (its text shown when ``shown``) and its PDF; returns both addresses."""
        pdf = f"/uploads/documents/{uploaded:%Y/%m}/{slug(title)}.pdf"
        self.pages.pdf(pdf, doc, paper=paper)
        path = f"/documents/{slug(title)}/"
        text = paragraphs(shown) if shown else ""
        self.page(path, title, f'<p class="doc-meta">{escape(CATEGORIES[category])} Uploaded on '
                  f"{uploaded:%B} {uploaded.day}, {uploaded.year}</p>{text}"
                  f'<p class="doc-download"><a class="button" href="{pdf}">Download</a> (PDF)</p>',
                  [("/documents/", "Documents"), (f"/documents/category/{category}/", CATEGORIES[category])],
                  sources=doc.sources if shown else ())
        self.listed[category].append((path, title))
        return path, pdf

    def categories(self) -> None:
        for key, title in CATEGORIES.items():
            self.page(f"/documents/category/{key}/", title, link_list(self.listed[key], "document-list"),
                      [("/documents/", "Documents")])
        self.page("/documents/", "Documents", link_list([(f"/documents/category/{k}/", t)
                                                          for k, t in CATEGORIES.items()], "categories")
                  + "<h2>Latest documents</h2>" + link_list([d for docs_ in self.listed.values() for d in docs_][-6:]))


def _theme() -> Theme:
    nav = (("/", "Home"), ("/about/", "About the Council"), ("/meetings/", "Meetings"), ("/documents/", "Documents"),
           ("/village/", "Village life"), ("/news/", "News"), ("/contact/", "Contact"))
    footer = ((NAME, (("/accessibility/", "Accessibility"), ("/privacy/", "Privacy notice"), ("/cookies/", "Cookies"),
                      ("/contact/", "Contact the Clerk"), ("/documents/", "Documents"))),)
    return Theme(NAME, "parish", "/", nav, footer, social("BrackenthorpePC")[:2], (), search_action="/search/",
                 search_param="q", cookies="/cookies/")


def build(ctx: Context) -> dict[str, HostPages]:
    site = ProviderSite(_theme())
    names = {"Cassington Parish Council": NAME, "Cassington": "Brackenthorpe"}
    lines, _sources = docs.text_lines("cassington-recording-policy", names)
    policy = docs.protocol(NAME, RECORDING, "cassington-recording-policy", names,
                           adopted="the Council meeting on 7 March 2024", owner="The Clerk")
    site.document("policies-procedures", RECORDING, policy, date(2024, 3, 11),
                  ["This policy was adopted at the Council meeting on 7 March 2024.", *lines])
    orders, order_sources = sections("parish-standing-orders")
    site.document("policies-procedures", ORDERS, Document(NAME, ORDERS, _lettered(orders), order_sources,
                                                          intro=["Adopted 9 May 2024."]), date(2024, 5, 14))
    for title in (*POLICIES, "Website Policy"):
        body = docs.local_policy(NAME, title if title != "Website Policy" else "Complaints Procedure")
        site.document("policies-procedures", title, Document(NAME, title, body.sections), date(2023, 5, 20))
    for title in ("Budget 2024-25", "Annual Governance and Accountability Return 2023"):
        site.document("finance", title, docs.local_policy(NAME, "Financial Regulations"), date(2024, 4, 2))
    site.document("annual-reports", "Annual report 2023", docs.local_policy(NAME, "Grant Awarding Policy"),
                  date(2024, 4, 20))
    items = ["Public forum", "Apologies for absence", "Declarations of interest", "Minutes of the last meeting",
             "Planning", "Highways", "Finance"]
    members = people(11, 7, ("Brackenthorpe",))
    for day in meeting_dates(date(2024, 1, 15), 6, 35):
        site.document("agendas", f"Agenda {plain_date(day)}", docs.agenda(NAME, "Parish Council", day, items), day,
                      paper=True)
        site.document("minutes", f"Minutes {plain_date(day)}",
                      docs.minutes(NAME, "Parish Council", day, items, [m.name for m in members]), day, paper=True)
    site.categories()
    site.page("/meetings/", "Meetings", "<p>The Parish Council meets on the third Monday of the month at 7.30pm in "
              "the village hall. Everyone is welcome; there is a public forum at the start of each meeting.</p>"
              + link_list([("/documents/category/agendas/", "Agendas"), ("/documents/category/minutes/", "Minutes")]))
    councillors = [(site.page(f"/about/councillors/{slug(m.name)}/", m.title, "<p>Contact through the Clerk.</p>",
                              [("/about/", "About the Council")]), m.title) for m in members]
    site.page("/about/councillors/", "Councillors", link_list(councillors), [("/about/", "About the Council")])
    site.page("/about/", "About the Council", "<p>Seven councillors serve the parish.</p>" + link_list(
        [("/about/councillors/", "Councillors"), ("/about/clerk/", "The Clerk"),
         ("/documents/category/policies-procedures/", "Policies & Procedures")]))
    site.page("/about/clerk/", "The Clerk", "<p>The Clerk works part time from home.</p>", [("/about/", "About")])
    village = [(site.page(f"/village/{key}/", title, f"<p>{escape(text)}</p>", [("/village/", "Village life")]),
                title) for key, title, text in VILLAGE]
    site.page("/village/", "Village life", link_list(village))
    news = [(site.page(f"/news/{key}/", title, f"<p>{escape(text)}</p>", [("/news/", "News")]), title)
            for key, title, text in (("speed-watch", "Community speed watch", "Volunteers are needed."),
                                     ("jubilee-bench", "New bench on the green", "A bench has been installed."),
                                     ("hedge-cutting", "Hedge cutting", "Please cut back hedges over footpaths."))]
    site.page("/news/", "News", link_list(news))
    for path, title in (("/contact/", "Contact"), ("/accessibility/", "Accessibility"), ("/privacy/", "Privacy notice"),
                        ("/cookies/", "Cookies")):
        site.page(path, title, f"<p>{escape(title)} of {escape(NAME)}.</p>")
    site.page("/", "Welcome to Brackenthorpe", "<p>The parish council for Brackenthorpe and Low Brackenthorpe.</p>"
              "<h2>News</h2>" + link_list(news) + "<h2>Next meeting</h2><p>Monday 17 June 2024, 7.30pm.</p>")
    return {WWW: site.pages}


COUNCIL = Council(
    "brackenthorpe", NAME, "Brackenthorpe", "ZRJ", "E04999918", "England", "East Midlands", "Parish council",
    "local (parish)", "no", "other/Parish website provider",
    "Parish-website provider: each document on a page of its own under /documents/, listed by category",
    (WWW,), Address(WWW, "/"), build,
    policy=(PolicyDocument(RECORDING, (Address(WWW, f"/documents/{slug(RECORDING)}/"),
                                       Address(WWW, f"/uploads/documents/2024/03/{slug(RECORDING)}.pdf")), "protocol"),
            PolicyDocument(ORDERS, (Address(WWW, f"/documents/{slug(ORDERS)}/"),
                                    Address(WWW, f"/uploads/documents/2024/05/{slug(ORDERS)}.pdf")),
                           "standing_orders")),
    decoys=("other documents of the same shape (financial regulations, complaints, website policy)",
            "agendas and minutes, each on a document page", "a meetings page silent on recording"),
)
