"""Bramcote Metropolitan Borough Council: a Contensis main site and CMIS (DotNetNuke) on its own host.

The rule: a protocol on filming and recording meetings (real wording from Hampshire's protocol), a PDF served
by ``Document.ashx`` from CMIS's "Have Your Say" tab. Traps: the constitution's parts in CMIS's Documents tab
(silent), the council's own audio recording protocol for its webcasts (real wording from Kingston), and
meeting pages full of agendas, reports and minutes.
"""

from __future__ import annotations

from html import escape

from .. import documents as docs
from ..chrome import link_list
from ..cmis import Cmis, CmisCommittee, document_href
from ..cms import CmsSite, Contensis
from ..common import people
from ..model import DEMOCRACY, WWW, Address, Context, Council, PolicyDocument
from ..pages import HostPages
from .base import external_theme, quoted, source

NAME = "Bramcote Metropolitan Borough Council"
SLUG = "bramcote"
NAMES = {"Hampshire County Council": NAME, "County Council": "Council"}
WARDS = ("Ashgate", "Bramcote Central", "Carr Lane", "Dale Moor", "Eastwood Park", "Low Fold", "Sowerby")
PROTOCOL = "Protocol for the filming or recording of meetings"
PROTOCOL_KEY = "protocol-filming-recording"
PROTOCOL_HREF = document_href("/cmis5/", SLUG, PROTOCOL_KEY)


def _committees() -> list[CmisCommittee]:
    return [CmisCommittee(12, "Council", "All 63 councillors.", 3, ("Budget and council tax",)),
            CmisCommittee(13, "Cabinet", "The Leader and Cabinet members.", 3, ("Medium term financial plan",
                                                                                  "Regeneration strategy")),
            CmisCommittee(14, "Planning Committee", "Planning applications.", 3, ("Planning applications",)),
            CmisCommittee(15, "Licensing Committee", "Licensing policy and hearings.", 2, ("Licensing policy",)),
            CmisCommittee(16, "Overview and Scrutiny Board", "Scrutiny of the Cabinet.", 2, ("Work programme",)),
            CmisCommittee(17, "Audit and Standards Committee", "Audit, risk and councillor conduct.", 2,
                          ("Internal audit report",)),
            CmisCommittee(18, "Health Scrutiny Panel", "Health services in the borough.", 2, ("NHS update",))]


def build(ctx: Context) -> dict[str, HostPages]:
    dem = lambda path: ctx.url(DEMOCRACY, path)  # noqa: E731
    site = CmsSite(Contensis(), NAME, "BramcoteMBC", democracy=((dem("/cmis5/Meetings.aspx"), "Meetings"),))
    theme = external_theme(site, lambda path: ctx.url(WWW, path), "dnn", "BramcoteMBC", dem("/cmis5/"))
    cmis = Cmis(NAME, SLUG, theme, _committees(), people(4, 21, WARDS))
    protocol = docs.protocol(NAME, PROTOCOL, "hampshire-filming-protocol", NAMES, adopted="the Council on 17 "
                             "September 2014")
    protocol_href = cmis.document(protocol, f"{PROTOCOL}.pdf", PROTOCOL_KEY)
    parts = [(cmis.document(docs.procedure_rules(NAME, f"Constitution {t}", None, 0) if t.startswith("Part 4")
                            else docs.constitution_part(NAME, t), f"{t}.pdf"), t) for t in docs.CONSTITUTION_PARTS]
    cmis.tab("/cmis5/Documents.aspx", "Documents", "<h2>Constitution</h2>" + cmis.documents_list(parts)
             + "<h2>Forward Plan</h2><p>The Forward Plan is published each month.</p>")
    cmis.tab("/cmis5/HaveYourSay.aspx", "Have Your Say",
             "<h2>Questions at Council</h2><p>Residents can ask a question at ordinary meetings of the Council. "
             "Questions must reach Democratic Services ten working days before the meeting.</p>"
             "<h2>Petitions</h2><p>Petitions with more than 2,000 signatures are debated by the Council.</p>"
             "<h2>Speaking at Planning Committee</h2><p>Applicants and objectors may speak for up to three minutes."
             "</p><h2>Filming and recording meetings</h2>"
             + cmis.documents_list([(protocol_href, PROTOCOL)]))
    democracy = cmis.build("<p>Welcome to the Council's committee information system: agendas, reports, "
                           "minutes and decisions of the Council, the Cabinet and its committees.</p>")

    s, cd = site.shape, "council-and-democracy"
    crumbs = [(site.democracy_section, "Council and democracy")]
    recordings = s.page(cd, "webcasting-and-audio-recordings", "Webcasting and audio recordings")
    site.html(recordings, "Webcasting and audio recordings",
              "".join(f"<p>{escape(x)}</p>" for x in quoted("kingston-audio-recordings-protocol")), crumbs,
              sources=source("kingston-audio-recordings-protocol"))
    statement = s.file("annual-governance-statement-2023-24.pdf", "Annual governance statement")
    site.pdf(statement, docs.report(NAME, "Annual governance statement 2023-24", "Audit and Standards Committee"))
    items = [(dem("/cmis5/Meetings.aspx"), "Meetings, agendas and minutes"),
             (dem("/cmis5/Councillors.aspx"), "Councillors"),
             (site.html(s.page(cd, "have-your-say-at-meetings", "Have your say at meetings"),
                        "Have your say at meetings", "<p>How to ask a question, present a petition or speak at a "
                        f'meeting: see <a href="{escape(dem("/cmis5/HaveYourSay.aspx"))}">Have Your Say</a> on our '
                        "committee website.</p>", crumbs), "Have your say at meetings"),
             (recordings, "Webcasting and audio recordings"),
             (site.html(s.page(cd, "constitution", "Constitution"), "Constitution",
                        f'<p>The Constitution is published in the <a href="{escape(dem("/cmis5/Documents.aspx"))}">'
                        "documents library</a> of our committee website.</p>", crumbs), "Constitution"),
             (site.html(s.page(cd, "governance", "Governance"), "Governance",
                        f'<p><a href="{escape(statement)}">Annual governance statement 2023-24 (PDF)</a></p>',
                        crumbs), "Governance")]
    site.landing(site.democracy_section, "Council and democracy", "The council, its councillors and its meetings.",
                 items, more=link_list([(dem("/cmis5/"), "Committee information system")]))
    site.standard("Bramcote Metropolitan Borough Council: online services for residents and businesses.")
    return {WWW: site.pages, DEMOCRACY: democracy}


COUNCIL = Council(
    "bramcote", NAME, "Bramcote", "ZRD", "E08999914", "England", "North West", "Metropolitan district", "unitary",
    "yes", "CMIS",
    "Contensis main site; CMIS (DotNetNuke) on its own host; protocol as Document.ashx on the Have Your Say tab",
    (WWW, DEMOCRACY), Address(WWW, "/"), build, democracy=Address(DEMOCRACY, "/cmis5/"),
    policy=(PolicyDocument(PROTOCOL, (Address(DEMOCRACY, PROTOCOL_HREF),), "protocol"),),
    decoys=("constitution parts in the Documents tab (silent)", "the council's own audio recording protocol",
            "agendas, reports and minutes on CMIS meeting pages"),
)
