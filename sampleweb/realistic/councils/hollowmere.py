"""Hollowmere Parish Council: a clerk's own site of hand-written ``.php`` pages, as many small parishes still run.

The rule, in two places: a notice on recording at the top of the "Parish Council Meetings" page itself (real
wording from a parish's agendas page), and the Standing Orders (NALC model, standing order 3 with real wording),
linked from the "Council Documents" page as "Standing Orders (adopted May 2024) - click here". Traps: every other
document there is "click here" too, the minutes page's links all say "click here", a news item about a
recording of the carol service.
"""

from __future__ import annotations

from datetime import date
from html import escape

from ...sites import _lettered
from ...texts import Document, sections
from .. import documents as docs
from ..chrome import Theme, link_list, page
from ..common import meeting_dates, people, plain_date, social
from ..model import WWW, Address, Context, Council, PolicyDocument
from ..pages import HostPages
from ..search import SiteSearch
from .base import source

NAME = "Hollowmere Parish Council"
MEETINGS = "/parish-council-meetings.php"
ORDERS = "/docs/SO2024.pdf"
OTHERS = (("Financial Regulations", "docs/FinRegs2024.pdf"), ("Complaints Procedure", "docs/complaints.pdf"),
          ("Grant Awarding Policy", "docs/grants.pdf"), ("Equality and Diversity Policy", "docs/EqDiv.pdf"))
PAGES = (("village.php", "The Village", "Hollowmere lies between the mere and the wolds."),
         ("history.php", "Village history", "The church dates from the twelfth century."),
         ("churches.php", "Churches", "St Michael's holds a service every Sunday."),
         ("school.php", "School", "Hollowmere Church of England Primary School."),
         ("hall.php", "Village hall", "The hall can be hired by the hour."),
         ("clubs.php", "Clubs and societies", "Bowls, cricket, the gardening club and the WI."),
         ("transport.php", "Transport", "The 14 bus runs on weekdays."),
         ("planning.php", "Planning", "Planning applications are decided by the district council."),
         ("footpaths.php", "Footpaths", "Report a blocked footpath to the Clerk."),
         ("emergency.php", "Emergency plan", "The village emergency plan and flood wardens."),
         ("links.php", "Useful links", "The district and county councils."),
         ("contact.php", "Contact", "The Clerk, 3 Mere Lane, Hollowmere."),
         ("accessibility.php", "Accessibility", "This website aims to meet WCAG 2.2 AA."),
         ("privacy.php", "Privacy notice", "How the parish council uses personal data."),
         ("cookies.php", "Cookies", "This site uses one cookie to remember your choice."))
NEWS = (("carol-service.php", "Carol service", "Thank you to all who came. A recording of the carols is on the "
                                               "church's page."),
        ("defibrillator.php", "Defibrillator", "A defibrillator is now in the old phone box."),
        ("speeding.php", "Speeding on Mere Lane", "The council has asked for a speed survey."))


def _theme() -> Theme:
    nav = (("index.php", "Home"), ("council.php", "The Parish Council"), ("village.php", "The Village"),
           ("news.php", "News"), ("contact.php", "Contact"))
    footer = ((NAME, (("contact.php", "Contact the Clerk"), ("accessibility.php", "Accessibility"),
                      ("privacy.php", "Privacy notice"), ("cookies.php", "Cookies"), ("links.php", "Useful links"))),)
    return Theme(NAME, "plain", "index.php", nav, footer, social("HollowmerePC")[:2], (), search_action="search.php",
                 search_param="q", cookies="cookies.php")


def build(ctx: Context) -> dict[str, HostPages]:
    theme, pages = _theme(), HostPages()
    pages.fallback = SiteSearch(pages, theme, "/search.php", "q")

    def add(path: str, title: str, main: str, sources: tuple[str, ...] = ()) -> str:
        pages.html("/" + path.lstrip("/"), page(theme, title, main, useful=False, sources=sources))
        return path.lstrip("/")

    orders, order_sources = sections("parish-standing-orders")
    pages.pdf(ORDERS, Document(NAME, "Standing Orders", _lettered(orders), order_sources,
                               intro=["Adopted at the Annual Meeting of the Parish Council, 13 May 2024."]))
    items = [f"<li>Standing Orders (adopted May 2024) - <a href=\"{ORDERS.lstrip('/')}\">click here</a></li>"]
    for title, href in OTHERS:
        pages.pdf("/" + href, docs.local_policy(NAME, title))
        items.append(f'<li>{escape(title)} - <a href="{href}">click here</a></li>')
    add("documents.php", "Council Documents", "<p>The council's adopted documents. All are PDF files.</p><ul>"
        + "".join(items) + "</ul>")

    members = people(17, 7, ("Hollowmere",))
    agendas, minutes = [], []
    for day in meeting_dates(date(2024, 1, 8), 6, 35):
        agenda = f"docs/agendas/Agenda-{day:%Y-%m-%d}.pdf"
        pages.pdf("/" + agenda, docs.agenda(NAME, "Parish Council", day, ["Apologies", "Minutes", "Planning"]),
                  paper=True)
        agendas.append(f'<li>{plain_date(day)}: <a href="{agenda}">agenda</a></li>')
        record = f"docs/minutes/Minutes-{day:%Y-%m-%d}.pdf"
        pages.pdf("/" + record, docs.minutes(NAME, "Parish Council", day, ["Apologies", "Minutes", "Planning"],
                                              [m.name for m in members]), paper=True)
        minutes.append(f'<li>Minutes of the meeting held on {plain_date(day)} - <a href="{record}">click here</a></li>')
    notice = [escape(line) for line in docs.text_lines("marham-recording-notice")[0]]
    add(MEETINGS, "Parish Council Meetings", f"<h2>{notice[0]}</h2><p>{' '.join(notice[1:])}</p>"
        "<h2>When we meet</h2><p>The Parish Council meets on the second Monday of each month at 7.30pm in the village "
        "hall. Members of the public are welcome to attend and may speak in the open forum at the start of the "
        f"meeting.</p><h2>Agendas</h2><ul>{''.join(agendas)}</ul>", source("marham-recording-notice"))
    add("minutes.php", "Minutes", "<p>Minutes of recent meetings may be downloaded below - all are pdf files. Minutes "
        f"are draft until approved at the next meeting.</p><ul>{''.join(minutes)}</ul>")
    councillors = [(add(f"councillor-{m.uid}.php", m.title, "<p>Contact through the Clerk.</p>"), m.title)
                   for m in members]
    add("council.php", "The Parish Council", "<p>Hollowmere Parish Council has seven councillors.</p>"
        + link_list([(MEETINGS.lstrip("/"), "Parish Council Meetings"), ("minutes.php", "Minutes"),
                     ("documents.php", "Council Documents")]) + "<h2>Councillors</h2>" + link_list(councillors))
    (village, title, text), *rest = PAGES
    add(village, title, f"<p>{escape(text)}</p>" + link_list([(add(path, name, f"<p>{escape(words)}</p>"), name)
                                                               for path, name, words in rest]))
    add("news.php", "News", link_list([(add(path, title, f"<p>{escape(text)}</p>"), title)
                                       for path, title, text in NEWS]))
    home = add("index.php", "Welcome to Hollowmere", "<p>The website of Hollowmere Parish Council.</p>"
               + link_list([(path, title) for path, title, _ in NEWS]))
    pages.redirect("/", home)
    return {WWW: pages}


COUNCIL = Council(
    "hollowmere", NAME, "Hollowmere", "ZRK", "E04999919", "England", "Yorkshire and The Humber", "Parish council",
    "local (parish)", "no", "other/Hand-written pages",
    "A clerk's own .php pages: the rule on the meetings page itself, documents linked as 'click here'",
    (WWW,), Address(WWW, "/"), build,
    policy=(PolicyDocument("Notice on recording at meetings", (Address(WWW, MEETINGS),), "guidance"),
            PolicyDocument("Standing Orders", (Address(WWW, ORDERS),), "standing_orders")),
    decoys=("other documents linked as 'click here'", "minutes linked as 'click here'",
            "a news item on a recording of the carol service"),
)
