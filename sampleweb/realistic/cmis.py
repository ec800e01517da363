"""CMIS (ASTech) committee sites: DotNetNuke tab pages and path-style module addresses.

Tabs have friendly addresses (``/cmis5/Meetings.aspx``, ``/cmis5/HaveYourSay.aspx``); module views have DNN's
path-style ones: ``/cmis5/Meetings/tabid/70/ctl/ViewMeetingPublic/mid/397/Meeting/5012/Committee/12/
SelectedTab/Documents/Default.aspx``, ``/cmis5/Committees/tabid/62/ctl/ViewCMIS_CommitteeDetails/mid/381/id/12/
Default.aspx``, ``.../MeetingVenueDetails/mid/397/VenueID/13/Default.aspx``. Documents are served by
``Document.ashx`` with opaque encrypted keys (one varying, the rest constant, percent-encoded in lower case)
and a Content-Disposition file name. Markup follows CMIS's (``DNNModuleContent ModCMISMeetingsC``,
``CmisDocumentList``, ``DocumentListItem``, ``TitleLink``), seen in Democracy Club's LGSF test fixtures.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from html import escape
from urllib.parse import quote

from ..site import Resource
from ..texts import Document
from . import documents as docs
from .chrome import Link, Theme, link_list, page
from .common import Person, meeting_dates, plain_date
from .pages import HostPages, html_resource

#: The constant part of a CMIS document key, as real sites send it.
_KEY_TAIL = ("&rUzwRPf%2bZ3zd4E7Ikn8Lyw%3d%3d=pwRE6AGJFLDNlh225F5QMaQWCtPHwdhUfCZ%2fLUQzgA2uL5jNRG4jdQ%3d%3d"
             "&mCTIbCubSFfXsDGW9IXnlg%3d%3d=hFflUdN3100%3d&kCx1AnS9%2fpWZQ40DXFvdEw%3d%3d=hFflUdN3100%3d"
             "&uJovDxwdjMPoYv%2bAJvYtyA%3d%3d=ctNJFf55vVA%3d&FgPlIEJYlotS%2bYGoBi5olA%3d%3d=NHdURQburHA%3d")


def document_href(prefix: str, slug: str, key: str) -> str:
    """The ``Document.ashx`` address of a document: an encrypted-looking key derived from ``key``."""
    digest = hashlib.sha1(f"{slug}:{key}".encode()).digest() + b"\x00\x17\x2a"
    opaque = quote(base64.b64encode(digest[:23]).decode(), safe="").replace("%2B", "%2b").replace(
        "%2F", "%2f").replace("%3D", "%3d")
    return f"{prefix}Document.ashx?czJKcaeAi5tUFL1DTL2UE4zNRBcoShgo={opaque}{_KEY_TAIL}"


@dataclass
class CmisCommittee:
    cid: int
    name: str
    description: str
    meetings: int = 3
    topics: tuple[str, ...] = ("Performance report", "Budget monitoring")


class Cmis:
    """One CMIS site under ``prefix`` (``/cmis5/``)."""

    def __init__(self, council: str, slug: str, theme: Theme, committees: Sequence[CmisCommittee],
                 members: Sequence[Person], prefix: str = "/cmis5/") -> None:
        self.council, self.slug, self.theme, self.prefix = council, slug, theme, prefix
        self.committees, self.members = list(committees), list(members)
        self.pages = HostPages()
        self._docs = 0
        self.tabs: list[Link] = [(prefix, "Home"), (f"{prefix}Meetings.aspx", "Meetings"),
                                 (f"{prefix}Committees.aspx", "Committees"),
                                 (f"{prefix}Councillors.aspx", "Councillors"),
                                 (f"{prefix}Documents.aspx", "Documents"),
                                 (f"{prefix}HaveYourSay.aspx", "Have Your Say"), (f"{prefix}Search.aspx", "Search")]

    # --- addresses ------------------------------------------------------------------------------------
    def document(self, doc: Document, filename: str, key: str | None = None, paper: bool = False) -> str:
        """Serve ``doc`` through ``Document.ashx``; returns the link as CMIS writes it.

        The opaque key is made from ``key`` (default: the document's number on this site); ``paper``: an
        agenda, minutes or report of a meeting.
        """
        self._docs += 1
        href = document_href(self.prefix, self.slug, key or str(self._docs))
        self.pages.pdf(href, doc, filename=filename, paper=paper)
        return href

    def meeting_href(self, mid: int, cid: int) -> str:
        return (f"{self.prefix}Meetings/tabid/70/ctl/ViewMeetingPublic/mid/397/Meeting/{mid}/Committee/{cid}/"
                "SelectedTab/Documents/Default.aspx")

    def committee_href(self, cid: int) -> str:
        return f"{self.prefix}Committees/tabid/62/ctl/ViewCMIS_CommitteeDetails/mid/381/id/{cid}/Default.aspx"

    def person_href(self, uid: int) -> str:
        return f"{self.prefix}Councillors/tabid/63/ctl/ViewCMIS_Person/mid/384/id/{uid}/Default.aspx"

    # --- rendering ------------------------------------------------------------------------------------
    def html(self, path: str, title: str, module: str, content: str, crumbs: Sequence[Link] = ()) -> str:
        """A DNN page: the CMIS tabs as menu, one module's content in the content pane."""
        body = (f'<form method="post" action="{escape(path)}" id="Form"><input type="hidden" name="__VIEWSTATE" '
                f'id="__VIEWSTATE" value="/wEPDwUKMTY1NDU2MTA1Mg9kFgJmD2QWAg"></form>'
                f'<nav class="cmis-tabs">{link_list(self.tabs, "dnnmenu")}</nav>'
                f'<div id="dnn_ContentPane"><div class="DNNModuleContent {module}">{content}</div></div>')
        self.pages.html(path, page(self.theme, title, body, crumbs, useful=False))
        return path

    def tab(self, path: str, title: str, content: str) -> str:
        """A tab page (a friendly address)."""
        return self.html(path, title, "ModCMISContentC", content, [(self.prefix, "Committee meetings")])

    def documents_list(self, items: Sequence[Link]) -> str:
        rows = "".join(f'<li class="DocumentListItem"><img class="FileTypeImage" src="{self.prefix}images/'
                       f'FileManager/Icons/pdf.gif" alt="pdf"> <a class="TitleLink" title="Click to view '
                       f"'{escape(t)}'\" href=\"{escape(h)}\" target=\"_blank\">{escape(t)}</a> "
                       f'<span class="FileSize">(156Kb)</span></li>' for h, t in items)
        return f'<div class="CmisDocumentList"><ol class="DocumentList">{rows}</ol></div>'

    # --- the standard pages ---------------------------------------------------------------------------
    def build(self, home_html: str) -> HostPages:
        """The tabs and every committee, meeting and councillor page; returns the host's pages."""
        self.tab(self.prefix, "Committee Management Information System", home_html + link_list(self.tabs[1:]))
        meetings = []
        for c in self.committees:
            for n, day in enumerate(meeting_dates(date(2024, 1, 8 + c.cid % 14), c.meetings, 35)):
                meetings.append((c, c.cid * 100 + n + 4000, day))
        for c, mid, day in meetings:
            self._meeting(c, mid, day)
        rows = "".join(f'<tr class="rgRow"><td class="DateColumn"><a href="{escape(self.meeting_href(mid, c.cid))}" '
                       f'title="Click to view: {escape(c.name)}">{day.day} {day:%b %Y} 18:00 - {escape(c.name)}</a>'
                       "</td><td>Council Chamber</td></tr>" for c, mid, day in sorted(meetings, key=lambda x: x[2]))
        self.html(f"{self.prefix}Meetings.aspx", "Meetings", "CMIS_ModuleWrapper MeetingCalendarListView",
                  f'<table class="rgMasterTable"><thead><tr><th>Date/Start Time</th><th>Venue</th></tr></thead>'
                  f"<tbody>{rows}</tbody></table>", [(self.prefix, "Committee meetings")])
        self.html(f"{self.prefix}Meetings/tabid/70/ctl/MeetingVenueDetails/mid/397/VenueID/13/Default.aspx",
                  "Venue details", "ModCMISMeetingsC", "<p>Council Chamber, Town Hall. Step-free access from the "
                  "Market Street entrance.</p>")
        self.tab(f"{self.prefix}Committees.aspx", "Committees",
                 link_list([(self.committee_href(c.cid), c.name) for c in self.committees]))
        for c in self.committees:
            mine = [(self.meeting_href(mid, c.cid), plain_date(day)) for cc, mid, day in meetings if cc is c]
            members = self.members[c.cid % 4::3][:6]
            self.html(self.committee_href(c.cid), c.name, "ModCMISCommitteesC",
                      f"<p>{escape(c.description)}</p><h2>Membership</h2>"
                      + link_list([(self.person_href(m.uid), m.title) for m in members])
                      + f"<h2>Meetings</h2>{link_list(mine)}", [(f"{self.prefix}Committees.aspx", "Committees")])
        self.tab(f"{self.prefix}Councillors.aspx", "Councillors",
                 link_list([(self.person_href(p.uid), f"{p.title} - {p.ward}") for p in self.members]))
        for p in self.members:
            self.html(self.person_href(p.uid), p.title, "ModCMISPeopleC",
                      f"<p>Ward: {escape(p.ward)}</p><p>Party: {escape(p.party)}</p>",
                      [(f"{self.prefix}Councillors.aspx", "Councillors")])
        self.tab(f"{self.prefix}Search.aspx", "Search", "<p>Search agendas, reports and minutes by keyword, "
                 "committee or date.</p>")
        self.pages.fallback = self._not_found()
        return self.pages

    def _meeting(self, c: CmisCommittee, mid: int, day: date) -> None:
        items = ["Apologies", "Declarations of interest", "Minutes of the previous meeting", *c.topics]
        files = [(self.document(docs.agenda(self.council, c.name, day, items), f"Agenda {c.name} {day}.pdf",
                                paper=True), f"Agenda - {plain_date(day)}")]
        for topic in c.topics:
            files.append((self.document(docs.report(self.council, topic, c.name), f"{topic}.pdf", paper=True),
                          topic))
        minutes = docs.minutes(self.council, c.name, day, items, [m.name for m in self.members[:5]])
        files.append((self.document(minutes, f"Minutes {c.name} {day}.pdf", paper=True),
                      f"Minutes - {plain_date(day)}"))
        venue = f"{self.prefix}Meetings/tabid/70/ctl/MeetingVenueDetails/mid/397/VenueID/13/Default.aspx"
        self.html(self.meeting_href(mid, c.cid), f"{c.name} - {plain_date(day)}", "ModCMISMeetingsC",
                  f'<div class="holder"><span class="DNNLabel">Committee:</span> <span class="Value Committee">'
                  f"{escape(c.name)}</span></div><div class=\"holder\"><span class=\"DNNLabel\">Date/Time:</span> "
                  f"{day.day} {day:%b %Y} - 18:00</div><div class=\"holder\"><span class=\"DNNLabel\">Venue:"
                  f'</span> <a href="{escape(venue)}">Council Chamber</a></div>' + self.documents_list(files),
                  [(f"{self.prefix}Meetings.aspx", "Meetings")])

    def _not_found(self) -> Callable[[str], Resource | None]:
        """DNN answers unknown addresses with its own 404 page; addresses ignore case (IIS)."""
        resources = self.pages.resources
        lower = {key.lower(): key for key in resources}
        missing = html_resource(page(self.theme, "Page not found", "<p>The page you requested could not be "
                                     "found.</p>", useful=False), 404)

        def answer(key: str) -> Resource | None:
            known = lower.get(key.lower())
            if known is not None:
                return resources[known]
            return missing if key.lower().startswith(self.prefix.lower()) else None

        return answer
