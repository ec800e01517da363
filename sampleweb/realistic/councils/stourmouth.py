"""Stourmouth City Council: a LocalGov Drupal site with ModernGov served under its path (``/moderngov/``) and
skinned with the same theme; the constitution is in ModernGov's document library (``ecCatDisplay``,
``ecSDDisplay``, ``ecSDDisplayClassic``).

The rule: "Part 5L - Protocol for recording and reporting public meetings" (real wording from Spelthorne's
protocol, Part 5l of its constitution), a PDF in the library. Traps: the other constitution parts (silent),
a staff social media policy under Jobs, a "Watch council meetings" page, webcast links on meeting pages.
"""

from __future__ import annotations

from html import escape

from .. import documents as docs
from ..chrome import link_list
from ..cms import CmsSite, LocalGovDrupal
from ..common import people
from ..model import WWW, Address, Context, Council, PolicyDocument
from ..moderngov import Committee, ModernGov
from ..pages import HostPages
from .base import quoted, source

NAME = "Stourmouth City Council"
NAMES = {"Spelthorne Borough Council": NAME,
         "committeeservices@spelthorne.gov.uk": "committeeservices@stourmouth.gov.uk"}
WARDS = ("Cathedral", "Harbour", "Northfields", "Quayside", "St Anne's", "Westgate", "Wick")
PROTOCOL = "Part 5L - Protocol for recording and reporting public meetings"
PROTOCOL_PDF = f"/moderngov/documents/s63811/{PROTOCOL}.pdf"
WATCH = "/council-and-democracy/watch-council-meetings"


def _committees() -> list[Committee]:
    return [
        Committee(101, "Council", "Council", "The full Council of 48 councillors.",
                  ("Budget and council tax", "Notices of motion"), 3, True),
        Committee(102, "Cabinet", "Cabinet", "The Leader and nine Cabinet members.",
                  ("Capital programme", "Local transport plan"), 3, True),
        Committee(103, "Planning Committee", "Regulatory committees", "Major planning applications.",
                  ("Planning applications",), 3, True),
        Committee(104, "Licensing Committee", "Regulatory committees", "Licensing policy.",
                  ("Gambling policy review",), 2),
        Committee(105, "Scrutiny Management Board", "Scrutiny", "Co-ordinates the scrutiny work programme.",
                  ("Scrutiny work programme",), 2),
        Committee(106, "Audit Committee", "Other committees", "Accounts, risk and internal audit.",
                  ("Statement of accounts",), 2),
        Committee(107, "Health and Wellbeing Board", "Partnership boards", "Joint health and wellbeing strategy.",
                  ("Joint strategic needs assessment",), 2),
        Committee(108, "Standards Committee", "Other committees", "Councillors' code of conduct.",
                  ("Annual report of the Monitoring Officer",), 2),
    ]


def _library(mg: ModernGov) -> list[tuple[str, str]]:
    entries = []
    for n, title in enumerate(docs.CONSTITUTION_PARTS):
        doc = docs.procedure_rules(NAME, f"Constitution {title}", None, 0) if title.startswith("Part 4") \
            else docs.constitution_part(NAME, title)
        entries.append((801 + n, 63790 + n, title, f"{title} of the Constitution.", doc))
    protocol = docs.protocol(NAME, PROTOCOL, "spelthorne-recording-protocol", NAMES,
                             adopted="the Council on 15 July 2021")
    entries.append((806, 63811, PROTOCOL, "The protocol forms Part 5L of the Constitution.", protocol))
    return mg.library((13220, "Council documents"), (13224, "Constitution"), entries,
                      [(13225, "Policies and strategies"), (13226, "Budget and council tax")])


def _documents_block(rows: list[tuple[str, str, str]]) -> str:
    """LocalGov Drupal's documents paragraph: a table of attachments with their type and size."""
    body = "".join(f'<tr><td><a href="{escape(href)}">{escape(name)}</a> <span class="visually-hidden">File type'
                   f"</span> - pdf</td><td>{escape(size)}</td></tr>" for href, name, size in rows)
    return (f'<div class="lgd-documents paragraph paragraph--type--localgov-documents"><h2>Downloads</h2><table>'
            f"<thead><tr><th>Attachment</th><th>Size</th></tr></thead><tbody>{body}</tbody></table></div>")


def build(ctx: Context) -> dict[str, HostPages]:
    site = CmsSite(LocalGovDrupal(), NAME, "StourmouthCC", democracy=(("/moderngov/ieDocHome.aspx?bcr=1",
                                                                      "Meetings"),), search_param="s")
    mg = ModernGov(NAME, site.theme, _committees(), people(2, 21, WARDS), prefix="/moderngov/", first_doc=62400,
                   first_meeting=5300, menu_extra=[("ecCatDisplay.aspx?sch=doc&cat=13220", "Council documents")],
                   webcast_url=WATCH)
    classics = _library(mg)
    meetings = mg.build()
    site.pages.resources.update(meetings.resources)
    site.search.before = meetings.fallback  # ModernGov answers for its own addresses first
    site.pages.papers |= meetings.papers

    s, cd = site.shape, "council-and-democracy"
    crumbs = [(site.democracy_section, "Council and democracy")]
    site.html(s.page(cd, "constitution", "Constitution"), "Constitution",
              "<p>The Constitution sets out how the council operates, how decisions are made and the procedures "
              "which are followed to ensure that these are efficient, transparent and accountable to local people."
              "</p><h2>Parts of the Constitution</h2>" + link_list(classics, "localgov-links"), crumbs)
    site.html(WATCH, "Watch council meetings", "".join(f"<p>{escape(x)}</p>" for x in quoted("derry-webcasts"))
              + '<p><a href="https://www.youtube.com/@StourmouthCC/streams">Watch on YouTube</a></p>', crumbs,
              sources=source("derry-webcasts"))
    budget = s.file("Budget-book-2024-25.pdf", "Budget book", "2024-02")
    site.pdf(budget, docs.report(NAME, "Budget book 2024-25", "Council"))
    site.html(s.page(cd, "budgets-and-spending", "Budgets and spending"), "Budgets and spending",
              "<p>How the council plans and spends its budget.</p>"
              + _documents_block([(budget, "Budget book 2024-25", "1.2 MB")]), crumbs)
    site.html(s.page(cd, "elections-and-voting", "Elections and voting"), "Elections and voting",
              "<p>Register to vote and find your polling station.</p>", crumbs)
    committees = s.page(cd, "councillors-and-committees", "Councillors and committees")
    site.landing(committees, "Councillors and committees", "Your councillors and the council's meetings.",
                 [("/moderngov/mgMemberIndex.aspx?bcr=1", "Find your councillor"),
                  ("/moderngov/ieDocHome.aspx?bcr=1", "Meetings, agendas and minutes"),
                  ("/moderngov/mgCalendarMonthView.aspx?GL=1&bcr=1", "Calendar of meetings"),
                  (WATCH, "Watch council meetings")], crumbs)
    site.landing(site.democracy_section, "Council and democracy", "Councillors, meetings, elections and how the "
                 "council spends its money.",
                 [(committees, "Councillors and committees"), (s.page(cd, "constitution", "Constitution"),
                                                               "Constitution"),
                  (WATCH, "Watch council meetings"),
                  (s.page(cd, "budgets-and-spending", "Budgets and spending"), "Budgets and spending"),
                  (s.page(cd, "elections-and-voting", "Elections and voting"), "Elections and voting")])
    site.standard("Stourmouth City Council: find, apply, pay and report online.")
    policy = s.file("Acceptable-use-of-internet-email-and-social-media-policy.pdf", "Acceptable use policy",
                    "2023-09")
    site.pdf(policy, docs.protocol(NAME, "Acceptable use of internet, email and social media policy",
                                   "derbyshire-staff-social-media", adopted="the Employment Committee on 4 August "
                                   "2022", owner="Human Resources"))
    working = s.page("jobs-and-careers", "working-for-us", "Working for us")
    site.html(working, "Working for us", "".join(f"<p>{escape(x)}</p>" for x in quoted("derbyshire-staff-social-media"))
              + _documents_block([(policy, "Acceptable use of internet, email and social media policy", "310 KB")]),
              [(site.footer_paths["jobs-and-careers"], "Jobs and careers")],
              sources=source("derbyshire-staff-social-media"))
    site.html(site.footer_paths["jobs-and-careers"], "Jobs and careers",
              "<p>Search current vacancies, find out about working for us and our apprenticeship scheme.</p>"
              + link_list([(working, "Working for us: policies for staff")]))
    return {WWW: site.pages}


COUNCIL = Council(
    "stourmouth", NAME, "Stourmouth", "ZRB", "E06999912", "England", "South West", "Unitary authority", "unitary",
    "yes", "ModernGov",
    "LocalGov Drupal main site; ModernGov under /moderngov/ in the same theme; constitution in the document library",
    (WWW,), Address(WWW, "/"), build, democracy=Address(WWW, "/moderngov/"),
    policy=(PolicyDocument(PROTOCOL, (Address(WWW, PROTOCOL_PDF),), "protocol"),),
    decoys=("staff social media policy under Jobs", "Watch council meetings page", "webcast links on meetings",
            "constitution parts without the rule"),
)
