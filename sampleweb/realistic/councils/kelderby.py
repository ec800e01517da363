"""Kelderby Borough Council: a GOSS iCM main site and ModernGov on its own host, whose constitution is a
generic HTML page (``mgGeneric.aspx?MD=mgconstitution``) with its PDF conversion (``mgConvert2PDF.aspx?ID=4417``).

The rule: Council Procedure Rule 21 "Photography and audio recordings of meetings" (real wording from
Gloucestershire's Part 4) inside the constitution. Traps: a "Standards and Constitution Committee" whose
meetings and reports are about the constitution, its "Webcasting of Member Meetings" issue (real minutes from
Flintshire's Constitution Committee), a decision amending the constitution, webcasting on meeting pages.
"""

from __future__ import annotations

from html import escape

from ...texts import Document, Section
from .. import documents as docs
from ..cms import CmsSite, Goss
from ..common import people
from ..model import DEMOCRACY, WWW, Address, Context, Council, PolicyDocument
from ..moderngov import Committee, ModernGov
from ..pages import HostPages
from .base import external_theme, quoted, source

NAME = "Kelderby Borough Council"
WARDS = ("Brookside", "Church", "Highfield", "Kelder Vale", "Moorside", "Town")
STANDARDS = "Standards and Constitution Committee"
GENERIC, CONVERTED = "/mgGeneric.aspx?MD=mgconstitution", "/mgConvert2PDF.aspx?ID=4417"


def _committees() -> list[Committee]:
    return [
        Committee(210, "Council", "Council", "All 42 councillors.", ("Budget and council tax", "Pay policy "
                                                                     "statement"), 3, True),
        Committee(211, "Executive", "Executive", "The Leader and the Executive members.",
                  ("Corporate plan", "Housing revenue account business plan"), 3, True),
        Committee(212, "Planning and Development Committee", "Regulatory", "Planning applications.",
                  ("Planning applications",), 3, True),
        Committee(213, "Licensing and Regulatory Committee", "Regulatory", "Licensing matters.",
                  ("Taxi licensing policy",), 2),
        Committee(214, "Overview and Scrutiny Committee", "Scrutiny", "Scrutinises the Executive.",
                  ("Scrutiny work programme",), 2),
        Committee(215, "Audit and Risk Committee", "Other committees", "Audit and risk management.",
                  ("External audit plan",), 2),
        Committee(221, STANDARDS, "Other committees", "Promotes high standards of conduct and keeps the "
                  "Constitution under review.", ("Review of the Constitution", "Webcasting of Member Meetings"), 3),
    ]


def _constitution() -> tuple[str, Document]:
    rule, sources = docs.text_lines("gloucestershire-rule-21")
    part4 = docs.procedure_rules(NAME, "Part 4", Section("Photography and audio recordings of meetings", rule), 20)
    parts = {title: (part4 if title.startswith("Part 4") else docs.constitution_part(NAME, title)).sections
             for title in docs.CONSTITUTION_PARTS}
    html, sections = [], []
    for number, (title, items) in enumerate(parts.items(), 1):
        html.append(f'<h2 id="part{number}">{escape(title)}</h2>')
        sections.append(Section(title, []))
        for section in items:
            html.append(f"<h3>{escape(section.heading)}</h3>")
            html.extend(f"<p>{escape(line)}</p>" for line in section.paragraphs)
            sections.append(section)
    contents = "".join(f'<li><a href="#part{n}">{escape(t)}</a></li>' for n, t in enumerate(parts, 1))
    return (f"<p>The Constitution sets out how the Council operates, how decisions are made and the procedures "
            f'which are followed.</p><ol class="contents">{contents}</ol>' + "".join(html),
            Document(NAME, "The Constitution", sections, sources, intro=["Updated 16 May 2024."]))


def build(ctx: Context) -> dict[str, HostPages]:
    dem = lambda path: ctx.url(DEMOCRACY, path)  # noqa: E731
    site = CmsSite(Goss(), NAME, "KelderbyBC", democracy=((dem("/ieDocHome.aspx?bcr=1"), "Meetings"),))
    s, cd = site.shape, "council-and-democracy"
    constitution = s.page(cd, "constitution", "Constitution")
    theme = external_theme(site, lambda path: ctx.url(WWW, path), "moderngov", "KelderbyBC",
                           dem("/ieDocHome.aspx?bcr=1"))
    intro = (f'<p>How decisions are made, and which committee does what, is set out in the council\'s '
             f'<a href="{escape(ctx.url(WWW, constitution))}">Constitution</a>.</p>')
    mg = ModernGov(NAME, theme, _committees(), people(3, 16, WARDS), root="mgListCommittees.aspx?bcr=1",
                   first_doc=40100, first_meeting=3310, committees_intro=intro,
                   webcast_url="https://kelderby.public-i.tv/core/portal/home")
    html, doc = _constitution()
    mg.generic("mgconstitution", "Constitution", html, 4417, doc)
    lines = docs.renamed(quoted("flintshire-webcasting-issue"), {"Constitution Committee": STANDARDS})
    mg.issue(8273, "Webcasting of Member Meetings", lines, source("flintshire-webcasting-issue"))
    standards = mg.meetings_of(STANDARDS)
    mg.decision(5120, "Webcasting of Member Meetings", "That the proposed protocol on webcasting be approved.",
                standards[0], issue=8273)
    mg.decision(5121, "Review of the Constitution", "That the revised Constitution be recommended to Council.",
                standards[1])
    democracy = mg.build()

    crumbs = [(site.democracy_section, "Council and democracy")]
    site.html(constitution, "Constitution", "<p>Our Constitution sets out how the council operates.</p>"
              f'<ul><li><a href="{escape(dem(GENERIC))}">Read the Constitution online</a></li>'
              f'<li><a href="{escape(dem(CONVERTED))}">Download the Constitution (PDF)</a></li></ul>', crumbs)
    allowances = s.file("members-allowances-scheme.pdf", "Members Allowances Scheme")
    site.pdf(allowances, docs.report(NAME, "Members' allowances scheme 2024-25", "Council"))
    pages = [
        (dem("/mgMemberIndex.aspx?bcr=1"), "Councillors"),
        (dem("/ieDocHome.aspx?bcr=1"), "Meetings, agendas and minutes"),
        (constitution, "Constitution"),
        (site.html(s.page(cd, "standards", "Standards and complaints about councillors"),
                   "Standards and complaints about councillors",
                   "<p>Councillors must follow the Code of Conduct. Complaints are considered by the Monitoring "
                   f'Officer and the <a href="{escape(dem("/mgCommitteeDetails.aspx?ID=221"))}">{STANDARDS}</a>.</p>',
                   crumbs), "Standards and complaints about councillors"),
        (site.html(s.page(cd, "allowances", "Councillors allowances"), "Councillors' allowances",
                   f'<p><a href="{escape(allowances)}">Members\' allowances scheme 2024-25 (PDF)</a></p>', crumbs),
         "Councillors' allowances"),
        (site.html(s.page(cd, "petitions", "Petitions"), "Petitions", "<p>Start or sign a petition to the "
                   "council. A petition with 1,500 signatures will be debated by the Council.</p>", crumbs),
         "Petitions"),
    ]
    site.landing(site.democracy_section, "Council and democracy", "Councillors, meetings and how the council "
                 "works.", pages)
    site.standard("Kelderby Borough Council: do it online.")
    return {WWW: site.pages, DEMOCRACY: democracy}


COUNCIL = Council(
    "kelderby", NAME, "Kelderby", "ZRC", "E07999913", "England", "Yorkshire and The Humber",
    "Non-metropolitan district", "lower (district)", "yes", "ModernGov",
    "GOSS iCM main site; ModernGov on its own host; constitution as mgGeneric page with its mgConvert2PDF PDF",
    (WWW, DEMOCRACY), Address(WWW, "/"), build, democracy=Address(DEMOCRACY, "/"),
    policy=(PolicyDocument("The Constitution (Council Procedure Rule 21)",
                           (Address(DEMOCRACY, GENERIC), Address(DEMOCRACY, CONVERTED)), "constitution"),),
    decoys=("Standards and Constitution Committee meetings and reports", "webcasting issue history (real minutes)",
            "decision reviewing the Constitution", "webcast links on meeting pages"),
)
