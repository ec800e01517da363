"""Strathmoor Council: a Scottish council on GOSS iCM with its committee papers as CMS articles, an A to Z and
search result pages, and no rule on filming or recording anywhere.

Traps, all real wording or filler that sets no rule for the public: "Attend or watch a council meeting" (the
Isles of Scilly's page: speaking "not permitted", the council's own YouTube recordings), a webcasting page
(Derry and Strabane's) and the webcasting privacy notice, Standing Orders that say nothing about recording,
and the local development plan's policy on commercial filming (Waverley's DM31).
"""

from __future__ import annotations

from datetime import date
from html import escape

from ...texts import Document, sections
from .. import documents as docs
from ..cms import CmsSite, Goss
from ..common import long_date, meeting_dates, people, plain_date
from ..model import WWW, Address, Context, Council
from ..pages import HostPages
from .base import quoted, source

NAME = "Strathmoor Council"
WARDS = ("Balmore", "Craigend", "Dalmuir", "Glenview", "Kilbride", "Strathmoor Central")
COMMITTEES = ("Full Council", "Policy and Resources Committee", "Education, Children and Families Committee",
              "Planning Committee", "Licensing Board", "Audit and Scrutiny Committee")


def _paragraphs(lines: list[str]) -> str:
    return "".join(f"<p>{escape(line)}</p>" for line in lines)


def build(ctx: Context) -> dict[str, HostPages]:
    site = CmsSite(Goss(), NAME, "StrathmoorCouncil", az=True)
    s, cd = site.shape, "council-and-democracy"
    crumbs = [(site.democracy_section, "Council and democracy")]
    members = people(9, 18, WARDS)
    meetings_article = s.page(cd, "meetings", "Council and committee meetings")
    committee_links = []
    for n, name in enumerate(COMMITTEES):
        path = s.page(cd, f"committee-{n}", name)
        rows = []
        for day in meeting_dates(date(2024, 1, 16 + n), 3, 42):
            items = ["Declarations of interest", "Minute of previous meeting", f"{name}: revenue monitoring"]
            agenda = site.pdf(s.file(f"agenda-{n}-{day}.pdf", f"{name} agenda {plain_date(day)}"),
                              docs.agenda(NAME, name, day, items), paper=True)
            minute = site.pdf(s.file(f"minute-{n}-{day}.pdf", f"{name} minute {plain_date(day)}"),
                              docs.minutes(NAME, name, day, items, [m.name for m in members[n::3][:6]]), paper=True)
            meeting = site.html(s.page(cd, f"meeting-{n}-{day}", f"{name} {plain_date(day)}"),
                                f"{name}: {long_date(day)}", f'<p>Council Chambers, 10am.</p><ul><li><a href="'
                                f'{escape(agenda)}">Agenda and papers</a></li><li><a href="{escape(minute)}">Minute'
                                "</a></li></ul>", [*crumbs, (meetings_article, "Council and committee meetings"),
                                                   (path, name)])
            rows.append((meeting, plain_date(day)))
        site.landing(path, name, f"Meetings of the {name}.", rows,
                     [*crumbs, (meetings_article, "Council and committee meetings")])
        committee_links.append((path, name))
    site.landing(meetings_article, "Council and committee meetings", "Agendas, papers and minutes.",
                 committee_links, crumbs)

    attend = site.html(s.page(cd, "attend", "Attend or watch a council meeting"), "Attend or watch a council meeting",
                       _paragraphs(quoted("scilly-attend-meeting")[1:]), crumbs,
                       sources=source("scilly-attend-meeting"))
    notice, _ = sections("webcast-privacy-notice")
    privacy = site.html(s.page(cd, "webcasting-privacy", "Webcasting privacy notice"), "Webcasting privacy notice",
                        "".join(f"<h2>{escape(x.heading)}</h2>{_paragraphs(x.paragraphs)}" for x in notice), crumbs)
    webcasting = site.html(s.page(cd, "webcasting", "Webcasting"), "Webcasting",
                           _paragraphs(quoted("derry-webcasts"))
                           + f'<p><a href="{escape(privacy)}">Webcasting privacy notice</a></p>', crumbs,
                           sources=source("derry-webcasts"))
    orders_pdf = site.pdf(s.file("standing-orders.pdf", "Standing Orders"),
                          docs.procedure_rules(NAME, "Standing Orders for Meetings of the Council and Committees",
                                               None, 0))
    delegation_pdf = site.pdf(s.file("scheme-of-delegation.pdf", "Scheme of Delegation"),
                              Document(NAME, "Scheme of Delegation",
                                       docs.constitution_part(NAME, "Part 3 - Responsibility for Functions").sections))
    governance = site.html(s.page(cd, "governance", "Governance documents"), "Governance documents",
                           f'<ul><li><a href="{escape(orders_pdf)}">Standing Orders for Meetings (PDF)</a></li>'
                           f'<li><a href="{escape(delegation_pdf)}">Scheme of Delegation (PDF)</a></li></ul>', crumbs)
    councillors = []
    for m in members:
        councillors.append((site.html(s.page(cd, f"councillor-{m.uid}", m.title), m.title,
                                      f"<p>Ward: {escape(m.ward)}</p><p>Party: {escape(m.party)}</p>",
                                      [*crumbs, (s.page(cd, "councillors", "Councillors"), "Councillors")]), m.title))
    councillors_page = site.landing(s.page(cd, "councillors", "Councillors"), "Councillors", "Your councillors by "
                                    "ward.", councillors, crumbs)
    site.landing(site.democracy_section, "Council and democracy", "How the council works and makes decisions.",
                 [(meetings_article, "Council and committee meetings"), (councillors_page, "Councillors"),
                  (attend, "Attend or watch a council meeting"), (webcasting, "Webcasting"),
                  (governance, "Governance documents")])

    lines = docs.renamed(quoted("waverley-filming-planning-policy"), {"Borough": "area"})
    plan = s.page("planning-and-building-control", "local-development-plan", "Local development plan")
    dm31 = site.html(s.page("planning-and-building-control", "policy-dm31", "Policy DM31 Filming"),
                     "Policy DM31: Filming", _paragraphs(lines), [(plan, "Local development plan")],
                     sources=source("waverley-filming-planning-policy"))
    site.html(plan, "Local development plan", "<p>The local development plan guides decisions on planning "
              f'applications.</p><ul><li><a href="{escape(dm31)}">Policy DM31: Filming</a></li></ul>',
              [(s.section("planning-and-building-control", "Planning and building control"), "Planning")])
    popular = "".join(f'<li><a href="{escape(site.search_link(q))}">{escape(q)}</a></li>'
                      for q in ("bin collection", "committee meetings", "council tax"))
    site.standard("Strathmoor Council: services for residents, businesses and visitors.",
                  f'<h2>Popular searches</h2><ul class="popular-searches">{popular}</ul>'
                  f'<p><a href="{escape(plan)}">Local development plan</a></p>')
    site.a_to_z([(meetings_article, "Committee meetings"), (councillors_page, "Councillors"),
                 (webcasting, "Webcasting"), (governance, "Standing Orders"), (plan, "Local development plan"),
                 (attend, "Attend a council meeting")])
    return {WWW: site.pages}


COUNCIL = Council(
    "strathmoor", NAME, "Strathmoor", "ZRI", "S12999919", "Scotland", "Scotland", "Scottish unitary authority",
    "unitary", "yes", "other/GOSS iCM",
    "GOSS iCM, committee papers as articles, A to Z and search; no filming or recording rule anywhere",
    (WWW,), Address(WWW, "/"), build,
    decoys=("attend or watch a meeting page (speaking 'not permitted', own YouTube recordings)", "webcasting page",
            "webcasting privacy notice", "silent Standing Orders", "planning policy on commercial filming"),
)
