"""Ashcombe District Council: a Squiz Matrix site with no committee system of its own platform: committees and
meetings are CMS pages, documents are Squiz assets (``/__data/assets/pdf_file/0012/412345/...pdf``).

The rule: a protocol on filming and recording at public meetings (real wording from Hastings' policy), a PDF
linked only from a service page deep in the meetings section. That page is best reached through the A to Z
(home, A to Z, F, the page). Search result pages (Funnelback's ``/search?query=``) are linked as popular
searches. Traps: a constitution PDF that is silent, meeting pages that say they are streamed, agenda front
sheets with a webcasting announcement.
"""

from __future__ import annotations

from datetime import date
from html import escape

from .. import documents as docs
from ..cms import CmsSite, Squiz
from ..common import long_date, meeting_dates, people, plain_date
from ..model import WWW, Address, Context, Council, PolicyDocument
from ..pages import HostPages
from .base import quoted

NAME = "Ashcombe District Council"
NAMES = {"democraticservices@hastings.gov.uk": "democraticservices@ashcombe.gov.uk"}
WARDS = ("Ashcombe North", "Ashcombe South", "Brent Knoll", "Combe St Mary", "Langmead", "Withy")
PROTOCOL = "Protocol on filming and recording at public meetings"
PROTOCOL_FILE = "Filming-and-recording-at-public-meetings-protocol.pdf"
COMMITTEES = ("Full Council", "Cabinet", "Planning Committee", "Licensing Committee", "Scrutiny Committee",
              "Audit and Governance Committee")
CD, CC, MEET = "council-and-democracy", "councillors-and-committees", "meetings"


def _shape() -> Squiz:
    shape = Squiz()
    shape.file(PROTOCOL_FILE, PROTOCOL)  # the protocol was the first asset uploaded: its address is fixed
    return shape


def build(ctx: Context) -> dict[str, HostPages]:
    site = CmsSite(_shape(), NAME, "AshcombeDC", search_param="query", az=True)
    s = site.shape
    base = f"/{CD}/{CC}"
    crumbs = [(site.democracy_section, "Council and democracy"), (base, "Councillors and committees")]
    lines = quoted("epping-webcasting-introduction")
    start = next(i for i, line in enumerate(lines) if line.startswith("“I would like"))
    notice = ("WEBCASTING", [line.strip("“”") for line in lines[start:start + 3]])
    members = people(5, 14, WARDS)
    committee_links = []
    for n, name in enumerate(COMMITTEES):
        slug = name.lower().replace(" ", "-")
        path = f"{base}/committees/{slug}"
        meetings = []
        for day in meeting_dates(date(2024, 1, 10 + n), 3, 35):
            items = ["Apologies for absence", "Declarations of interest", "Minutes", f"{name} work programme"]
            agenda = s.file(f"{slug}-agenda-{day:%d-%B-%Y}.pdf".lower(), f"{name} agenda {plain_date(day)}")
            minutes = s.file(f"{slug}-minutes-{day:%d-%B-%Y}.pdf".lower(), f"{name} minutes {plain_date(day)}")
            site.pdf(agenda, docs.agenda(NAME, name, day, items, notice if n < 3 else None), paper=True)
            site.pdf(minutes, docs.minutes(NAME, name, day, items, [m.name for m in members[n::2][:5]]), paper=True)
            page = f"{path}/{day.day}-{day:%B-%Y}".lower()
            streamed = "<p>This meeting will be streamed live on the council's YouTube channel.</p>" if n < 3 else ""
            site.html(page, f"{name}: {long_date(day)}", f"<p>Council Chamber, Ashcombe House, 6pm.</p>{streamed}"
                      f'<ul><li><a href="{escape(agenda)}">Agenda (PDF)</a></li><li><a href="{escape(minutes)}">'
                      "Minutes (PDF)</a></li></ul>", [*crumbs, (path, name)])
            meetings.append((page, f"{name}: {plain_date(day)}"))
        site.landing(path, name, f"Meetings of the {name}.", meetings, [*crumbs, (f"{base}/committees", "Committees")])
        committee_links.append((path, name))
    site.landing(f"{base}/committees", "Committees", "The council's committees and their meetings.",
                 committee_links, crumbs)
    councillors = []
    for m in members:
        path = f"{base}/your-councillors/{m.name.lower().replace(' ', '-')}"
        site.html(path, m.title, f"<p>Ward: {escape(m.ward)}</p><p>Party: {escape(m.party)}</p>",
                  [*crumbs, (f"{base}/your-councillors", "Your councillors")])
        councillors.append((path, m.title))
    site.landing(f"{base}/your-councillors", "Your councillors", "Find your councillor by ward.", councillors, crumbs)

    protocol_pdf = s.file(PROTOCOL_FILE, PROTOCOL)
    site.pdf(protocol_pdf, docs.protocol(NAME, PROTOCOL, "hastings-filming-policy", NAMES))
    meetings_page = f"{base}/{MEET}"
    taking_part = f"{meetings_page}/taking-part-in-meetings"
    filming = f"{taking_part}/filming-and-recording-at-meetings"
    site.html(filming, "Filming and recording at meetings",
              "<p>The protocol below applies to everyone attending a public meeting of the council.</p>"
              f'<p><a href="{escape(protocol_pdf)}">{PROTOCOL} (PDF, 180KB)</a></p>',
              [*crumbs, (meetings_page, "Meetings"), (taking_part, "Taking part in meetings")])
    site.landing(taking_part, "Taking part in meetings", "Ask a question, present a petition or speak at a meeting.",
                 [(filming, "Filming and recording at meetings")], [*crumbs, (meetings_page, "Meetings")])
    site.landing(meetings_page, "Meetings", "Council and committee meetings are held at Ashcombe House.",
                 [(f"{base}/committees", "Committees"), (taking_part, "Taking part in meetings")], crumbs)
    site.landing(base, "Councillors and committees", "Your councillors and the council's committees.",
                 [(f"{base}/your-councillors", "Your councillors"), (f"{base}/committees", "Committees"),
                  (meetings_page, "Meetings")], crumbs[:1])
    constitution_pdf = s.file("Constitution.pdf", "Constitution")
    parts = [docs.constitution_part(NAME, t) if not t.startswith("Part 4") else
             docs.procedure_rules(NAME, t, None, 0) for t in docs.CONSTITUTION_PARTS]
    site.pdf(constitution_pdf, docs.Document(NAME, "Constitution", [sec for p in parts for sec in p.sections]))
    constitution = site.html(f"/{CD}/constitution", "Constitution", "<p>How the council works and makes decisions."
                             f'</p><p><a href="{escape(constitution_pdf)}">Constitution (PDF, 1.4MB)</a></p>',
                             crumbs[:1])
    elections = site.html(f"/{CD}/elections", "Elections and voting", "<p>Register to vote.</p>", crumbs[:1])
    site.landing(site.democracy_section, "Council and democracy", "How the council works.",
                 [(base, "Councillors and committees"), (constitution, "Constitution"), (elections, "Elections")])

    popular = "".join(f'<li><a href="{escape(site.search_link(q))}">{escape(q)}</a></li>'
                      for q in ("bin collection", "council tax", "planning applications", "councillors"))
    site.standard("Ashcombe District Council: services for the people of Ashcombe.",
                  f'<h2>Popular searches</h2><ul class="popular-searches">{popular}</ul>')
    site.a_to_z([(filming, "Filming and recording at meetings"), (f"{base}/your-councillors", "Councillors"),
                 (f"{base}/committees", "Committees"), (constitution, "Constitution"), (elections, "Elections"),
                 (meetings_page, "Meetings")])
    return {WWW: site.pages}


COUNCIL = Council(
    "ashcombe", NAME, "Ashcombe", "ZRE", "E07999915", "England", "South West", "Non-metropolitan district",
    "lower (district)", "yes", "other/Squiz Matrix",
    "Squiz Matrix site, committees as CMS pages; protocol PDF best reached through the A to Z",
    (WWW,), Address(WWW, "/"), build,
    policy=(PolicyDocument(PROTOCOL, (Address(WWW, _shape().file(PROTOCOL_FILE, PROTOCOL)),), "protocol"),),
    decoys=("silent constitution PDF", "meeting pages that say they are streamed",
            "webcasting announcement on agenda front sheets", "search result pages"),
)
