"""ModernGov (Civica) committee sites, built on the page structure of real ones.

Addresses are relative to the ModernGov root (its own host, or a path of the council's main site such as
``/moderngov/``), and pages link to each other relatively, as ModernGov does: ``mgListCommittees.aspx?bcr=1``,
``mgCommitteeDetails.aspx?ID=130``, ``ieListMeetings.aspx?CommitteeId=130``,
``ieListDocuments.aspx?CId=130&amp;MId=2041&amp;Ver=4``, ``mgAi.aspx?ID=..``, ``mgIssueHistoryHome.aspx?IId=..``,
``ieDecisionDetails.aspx?ID=..``, ``mgCalendarMonthView.aspx``, ``mgMemberIndex.aspx``, ``mgUserInfo.aspx?UID=..``,
``mgRss.aspx?CID=..``; documents under ``documents/sNNNNN/<Title>.pdf`` (links with raw spaces) and
``documents/gNNNN/...pdf?T=0``. Markup follows ModernGov's (``div#modgov``, ``mgHeader``, ``mgSubTitle``,
``mgLinks``/``mgActionList``, ``mgContent``, ``mgBulletList``, ``mgFileSize``), seen in Democracy Club's
LGSF test fixtures. The site answers whatever case an address is written in (IIS), and sends unknown
``.aspx`` pages to ``mgError.aspx`` with a 302.

A council's constitution may be published the ways real councils do: an "information" committee whose one
"meeting" lists the parts (``ieListMeetings.aspx?CommitteeId=N&info=1`` then ``ieListDocuments.aspx?...&Info=1``),
the document library (``ecCatDisplay.aspx?sch=doc&cat=N``, ``ecSDDisplay.aspx?NAME=SDn&ID=n&RPID=n``,
``ecSDDisplayClassic.aspx``), or a generic page with its PDF conversion (``mgGeneric.aspx?MD=mgconstitution``,
``mgConvert2PDF.aspx?ID=n``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from html import escape
from urllib.parse import parse_qsl

from ..site import Resource, redirect
from ..texts import Document
from . import documents as docs
from .chrome import Link, Theme, link_list, page
from .common import Person, long_date, meeting_dates, short_date
from .pages import HostPages

MENU: list[Link] = [("ieDocHome.aspx?bcr=1", "Browse meetings"), ("mgListCommittees.aspx?bcr=1", "Committee structure"),
                    ("mgCalendarMonthView.aspx?GL=1&bcr=1", "Calendar"), ("mgMemberIndex.aspx?bcr=1", "Councillors"),
                    ("mgFindMember.aspx?bcr=1", "Find your councillor"),
                    ("mgDelegatedDecisions.aspx?bcr=1&DM=0&DS=2&K=0&DR=&V=0", "Decisions"),
                    ("mgListPlans.aspx?RPId=160&RD=0", "Forward plans"), ("ieDocSearch.aspx?bcr=1", "Search documents"),
                    ("mgWhatsNew.aspx?bcr=1", "What's new"), ("mgListOutsideBodies.aspx?bcr=1", "Outside bodies"),
                    ("mgEPetitionListDisplay.aspx?bcr=1", "Petitions"),
                    ("mgRegisterKeywordInterest.aspx?bcr=1", "Subscribe to updates")]
STANDING_ITEMS = ("Apologies for absence", "Declarations of interest", "Minutes of the previous meeting")
#: Query parameters a ModernGov page answers the same with or without (breadcrumb reset, version, view options).
IGNORED_PARAMETERS = frozenset({"bcr", "ver", "gl", "opt", "lll", "j"})


@dataclass
class Committee:
    """A committee and what its meetings discuss (the topics get reports)."""

    cid: int
    name: str
    group: str
    purpose: str
    topics: tuple[str, ...] = ("Performance report", "Budget monitoring")
    meetings: int = 3
    webcast: bool = False
    notice: tuple[str, list[str]] | None = None  # printed on the agenda front sheet
    first_item: tuple[str, list[str]] | None = None  # an item shown on every meeting page (Haringey's notice)
    sources: tuple[str, ...] = ()  # where the first item's real wording comes from


@dataclass
class Meeting:
    committee: Committee
    mid: int
    day: date
    items: list[tuple[int, str, str | None]] = field(default_factory=list)  # (agenda item id, title, report)


class ModernGov:
    """One ModernGov site; call :meth:`build` after adding constitution pages, issues and decisions."""

    def __init__(self, council: str, theme: Theme, committees: Sequence[Committee], members: Sequence[Person],
                 *, prefix: str = "/", first_doc: int = 21500, first_meeting: int = 2040,
                 start: date = date(2024, 1, 9), root: str | None = "ieDocHome.aspx?bcr=1",
                 menu_extra: Sequence[Link] = (), committees_intro: str = "",
                 webcast_url: str = "") -> None:
        self.council, self.theme, self.prefix = council, theme, prefix
        self.committees, self.members = list(committees), list(members)
        self.pages = HostPages()
        self._doc, self._mid, self._item = first_doc, first_meeting, first_doc // 3
        self.root, self.menu = root, [*MENU, *menu_extra]
        self.committees_intro = committees_intro
        self.webcast_url = webcast_url
        self.decisions: list[tuple[int, str, str, Meeting, int | None]] = []  # (id, title, text, meeting, issue)
        self.issues: dict[int, tuple[str, list[str], tuple[str, ...]]] = {}
        self.meetings: list[Meeting] = []
        for committee in self.committees:
            for day in meeting_dates(start + timedelta(days=committee.cid % 20), committee.meetings, 42):
                self.meetings.append(self._meeting(committee, day))

    # --- addresses ------------------------------------------------------------------------------------
    def path(self, relative: str) -> str:
        """The absolute path of a ModernGov address (``relative`` as ModernGov links it)."""
        return self.prefix + relative

    def next_doc(self) -> int:
        self._doc += 1
        return self._doc

    def _meeting(self, committee: Committee, day: date) -> Meeting:
        self._mid += 1
        meeting = Meeting(committee, self._mid, day)
        for title in [*STANDING_ITEMS, *committee.topics]:
            self._item += 1
            report = None if title in STANDING_ITEMS else f"documents/s{self.next_doc()}/{title}.pdf"
            meeting.items.append((self._item, title, report))
        return meeting

    # --- rendering ------------------------------------------------------------------------------------
    def html(self, relative: str, heading: str, subtitle: str, content: str, *, actions: Sequence[Link] = (),
             crumbs: Sequence[Link] = (), sources: Sequence[str] = ()) -> str:
        """Add a page in ModernGov's markup inside the site's skin; returns ``relative``."""
        links = "".join(f'<li><a href="{escape(h)}">{escape(t)}</a></li>' for h, t in actions)
        body = (f'<div id="modgov"><div class="mgHeader"><h1 class="mgMainTitleTxt">{escape(heading)}</h1></div>'
                f'\n<div class="mgSubTitle"><h2 class="mgSubTitleTxt">{escape(subtitle)}</h2></div>'
                + (f'\n<div class="mgLinks"><ul class="mgActionList">{links}</ul></div>' if actions else "")
                + f'\n<div class="mgContent">{content}</div>\n<div class="mgFooter"><p>&nbsp;</p></div></div>')
        sidebar = f'<nav class="mgSideMenu" aria-label="Meetings menu">{link_list(self.menu, "mgMenu")}</nav>'
        self.pages.html(self.path(relative), page(self.theme, subtitle or heading, body, crumbs, sidebar=sidebar,
                                                  useful=False, heading=False, sources=sources))
        return relative

    def _bullets(self, items: Sequence[Link], raw: bool = False) -> str:
        """A ModernGov bullet list; ``raw`` writes the addresses' ``&`` bare, as some ModernGov pages do."""
        if not raw:
            return link_list(items, "mgBulletList")
        rows = "".join(f'<li><a href="{href}">{escape(text)}</a></li>' for href, text in items)
        return f'<ul class="mgBulletList">{rows}</ul>'


    def _doc_link(self, href: str, title: str, size: str = "PDF 245 KB") -> str:
        """A document link as ModernGov writes it: raw spaces in the address, file size in a span."""
        return (f'<a href="{escape(href).replace("&amp;", "&")}" title="Link&#32;to&#32;file&#32;{escape(title)}">'
                f'{escape(title)} <span class="mgFileSize"><img height="12" src="mgimages/logo-pdf-1.gif" '
                f'width="12" alt="pdf icon"> {escape(size)}</span></a>')

    # --- optional parts -------------------------------------------------------------------------------
    def info_constitution(self, cid: int, mid: int, day: date, parts: Sequence[tuple[int, str, Document]]) -> None:
        """The constitution as an "information" committee whose one "meeting" lists the parts as PDFs.

        ``parts`` are (document number, title, document): each is served at ``documents/s<number>/<title>.pdf``.
        """
        listing = f"ieListMeetings.aspx?CommitteeId={cid}&info=1"
        meeting = f"ieListDocuments.aspx?CId={cid}&MId={mid}&Info=1"
        self.html(listing, "Information", "Constitution",
                  "<p>The Constitution sets out how the Council operates, how decisions are made and the "
                  "procedures which are followed to ensure that these are efficient, transparent and "
                  "accountable to local people.</p><h3>Documents</h3>"
                  + self._bullets([(meeting, f"Constitution, {short_date(day)}")], raw=True),
                  crumbs=[("ieDocHome.aspx?bcr=1", "Meetings")])
        rows = []
        for number, title, doc in parts:
            href = f"documents/s{number}/{title}.pdf"
            self.pages.pdf(self.path(href), doc)
            rows.append(f"<li>{self._doc_link(href, title)}</li>")
        self.html(meeting, "Information", f"Constitution, {short_date(day)}",
                  f'<p>Last updated: {short_date(day)}</p><ul class="mgBulletList">{"".join(rows)}</ul>',
                  crumbs=[(listing, "Constitution")])

    def library(self, parent: tuple[int, str], category: tuple[int, str],
                entries: Sequence[tuple[int, int, str, str, Document]], others: Sequence[tuple[int, str]] = (),
                ) -> list[Link]:
        """The document library: a parent category, a category, one ``ecSDDisplay`` entry per document.

        ``entries`` are (entry id, document number, title, summary, document); the document is served at
        ``documents/s<number>/<title>.pdf``. Returns the classic view of each entry, as councils link them.
        """
        (pcat, pname), (cat, cname) = parent, category
        subcats = [(f"ecCatDisplay.aspx?sch=doc&cat={cat}", cname),
                   *((f"ecCatDisplay.aspx?sch=doc&cat={c}", n) for c, n in others)]
        self.html(f"ecCatDisplay.aspx?sch=doc&cat={pcat}", "Library", pname,
                  f"<p>Documents published by the Council.</p>{self._bullets(subcats, raw=True)}",
                  crumbs=[("ieDocHome.aspx?bcr=1", "Meetings")])
        for c, n in others:
            self.html(f"ecCatDisplay.aspx?sch=doc&cat={c}", "Library", n,
                      "<p>There are no documents in this category at present.</p>",
                      crumbs=[(f"ecCatDisplay.aspx?sch=doc&cat={pcat}", pname)])
        classics, rows = [], []
        for sd, number, title, summary, doc in entries:
            rpid = 1021400 + sd
            entry = f"ecSDDisplay.aspx?NAME=SD{sd}&ID={sd}&RPID={rpid}"
            classic = f"ecSDDisplayClassic.aspx?NAME=SD{sd}&ID={sd}&RPID={rpid}&sch=doc&cat={cat}&path={pcat},{cat}"
            pdf = f"documents/s{number}/{title}.pdf"
            self.pages.pdf(self.path(pdf), doc)
            body = (f"<p>{escape(summary)}</p><p><span class=\"mgLabel\">Document: </span>"
                    f"{self._doc_link(pdf, title)}</p><p><span class=\"mgLabel\">Category: </span>"
                    f'<a href="ecCatDisplay.aspx?sch=doc&amp;cat={cat}">{escape(cname)}</a></p>')
            self.html(entry, "Document summary", title, body, crumbs=[(f"ecCatDisplay.aspx?sch=doc&cat={cat}", cname)])
            self.html(classic, "Library", title, body, crumbs=[(f"ecCatDisplay.aspx?sch=doc&cat={cat}", cname)])
            rows.append((entry, title))
            classics.append((self.path(classic), title))
        self.html(f"ecCatDisplay.aspx?sch=doc&cat={cat}", "Library", cname,
                  f"<p>The parts of the Constitution and the codes and protocols adopted under it.</p>"
                  f"{self._bullets(rows)}", crumbs=[(f"ecCatDisplay.aspx?sch=doc&cat={pcat}", pname)])
        return classics

    def generic(self, md: str, title: str, html: str, pdf_id: int, doc: Document) -> tuple[str, str]:
        """A generic page (``mgGeneric.aspx?MD=..``) and its PDF conversion (``mgConvert2PDF.aspx?ID=..``)."""
        pdf = f"mgConvert2PDF.aspx?ID={pdf_id}"
        self.pages.pdf(self.path(pdf), doc, filename=f"{title}.pdf")
        self.html(f"mgGeneric.aspx?MD={md}", title, title,
                  f'<p><a href="{pdf}">Printable version of the {escape(title)} (PDF)</a></p>{html}',
                  crumbs=[("ieDocHome.aspx?bcr=1", "Meetings")], sources=doc.sources)
        return self.path(f"mgGeneric.aspx?MD={md}"), self.path(pdf)

    def issue(self, iid: int, title: str, lines: Sequence[str], sources: Sequence[str] = ()) -> str:
        """An issue history page (``mgIssueHistoryHome.aspx?IId=..``); link it from a decision."""
        self.issues[iid] = (title, list(lines), tuple(sources))
        return f"mgIssueHistoryHome.aspx?IId={iid}&Opt=0"

    def decision(self, did: int, title: str, text: str, meeting: Meeting, issue: int | None = None) -> None:
        """A decision (``ieDecisionDetails.aspx?ID=..``) taken at ``meeting``, part of ``issue`` if given."""
        self.decisions.append((did, title, text, meeting, issue))

    def meetings_of(self, name: str) -> list[Meeting]:
        return [m for m in self.meetings if m.committee.name == name]

    # --- the standard pages ---------------------------------------------------------------------------
    def build(self) -> HostPages:
        """Every standard page; returns the host's pages with ModernGov's answer to unknown addresses."""
        if self.root:
            self.pages.redirect(self.prefix, self.path(self.root))
        if self.prefix != "/":
            self.pages.redirect(self.prefix.rstrip("/"), self.prefix)
        self._home()
        self._committees()
        for meeting in self.meetings:
            self._meeting_page(meeting)
        self._calendar()
        self._members()
        self._decisions()
        self._odds_and_ends()
        self.pages.fallback = self._fallback()
        return self.pages

    def _home(self) -> None:
        self.html("ieDocHome.aspx?bcr=1", "Browse meetings", "Meetings, agendas and minutes",
                  "<p>Here you can find the dates of meetings, their agendas, reports and minutes, and the "
                  "decisions taken by the Council, the Cabinet and its committees.</p>" + self._bullets(self.menu))

    def _committees(self) -> None:
        groups: dict[str, list[Link]] = {}
        for c in self.committees:
            groups.setdefault(c.group, []).append((f"mgCommitteeDetails.aspx?ID={c.cid}", c.name))
        body = self.committees_intro + "".join(f"<h3>{escape(g)}</h3>{self._bullets(items)}"
                                               for g, items in groups.items())
        self.html("mgListCommittees.aspx?bcr=1", "Committee structure", "Committees", body)
        for c in self.committees:
            members = self.members[c.cid % 5::3][:6]
            meetings = f"ieListMeetings.aspx?CommitteeId={c.cid}"
            actions = [(meetings, "Browse meetings"), (f"mgRss.aspx?CID={c.cid}", "RSS feed"),
                       (f"mgCommitteeMailingList.aspx?ID={c.cid}", "Subscribe to updates")]
            self.html(f"mgCommitteeDetails.aspx?ID={c.cid}", "Committee details", c.name,
                      f"<h3>Purpose of committee</h3><p>{escape(c.purpose)}</p><h3>Membership</h3>"
                      + self._bullets([(f"mgUserInfo.aspx?UID={m.uid}", f"{m.title} ({m.party})")
                                       for m in members])
                      + "<h3>Contact information</h3><p>Support officer: Democratic Services, Civic Centre.</p>",
                      actions=actions, crumbs=[("mgListCommittees.aspx?bcr=1", "Committee structure")])
            self.html(f"mgCommitteeMailingList.aspx?ID={c.cid}", "Subscribe", c.name,
                      "<p>Enter your email address to be told when agendas and minutes are published.</p>")
            rows = [(f"ieListDocuments.aspx?CId={c.cid}&MId={m.mid}&Ver=4", f"{long_date(m.day)} 6.00 pm")
                    for m in self.meetings if m.committee is c]
            listing = (f"<p>This page lists the meetings for {escape(c.name)}.</p><h3>Meetings</h3>"
                       f"{self._bullets(rows, raw=True)}<p><a href=\"ieListMeetings.aspx?CId={c.cid}&amp;Year=0\">"
                       "Show all meetings</a></p>")
            crumbs = [("mgListCommittees.aspx?bcr=1", "Committee structure")]
            self.html(meetings, "Browse meetings", c.name, listing, crumbs=crumbs,
                      actions=[(f"mgCommitteeDetails.aspx?ID={c.cid}", "Information about this committee")])
            self.html(f"ieListMeetings.aspx?CId={c.cid}&Year=0", "Browse meetings", c.name, listing, crumbs=crumbs)
            self.pages.rss(self.path(f"mgRss.aspx?CID={c.cid}"), _rss(c, self.meetings))

    def _meeting_page(self, m: Meeting) -> None:
        c = m.committee
        g = f"documents/g{m.mid}"
        front = f"{g}/Agenda frontsheet {m.day:%d-%b-%Y} 18.00 {c.name}.pdf?T=0"
        pack = f"{g}/Public reports pack {m.day:%d%m%Y} 1800 {c.name}.pdf?T=10"
        printed = f"{g}/Printed minutes {m.day:%d%m%Y} 1800 {c.name}.pdf?T=1"
        titles = [t for _, t, _ in m.items]
        self.pages.pdf(self.path(front), docs.agenda(self.council, c.name, m.day, titles, c.notice), paper=True)
        self.pages.pdf(self.path(pack), docs.agenda(self.council, c.name, m.day, titles, c.notice), paper=True)
        present = [member.name for member in self.members[c.cid % 5::3][:6]]
        self.pages.pdf(self.path(printed), docs.minutes(self.council, c.name, m.day, titles, present), paper=True)
        items = []
        if c.first_item:
            heading, lines = c.first_item
            items.append(f'<tr><td class="mgItemNumberCell">1.</td><td><p class="mgSubItemTitleTxt">'
                         f"{escape(heading)}</p>{''.join(f'<p>{escape(x)}</p>' for x in lines)}</td></tr>")
        for n, (aid, title, report) in enumerate(m.items, 2 if c.first_item else 1):
            cell = f'<a href="mgAi.aspx?ID={aid}">{escape(title)}</a>'
            if report:
                self.pages.pdf(self.path(report), docs.report(self.council, title, c.name), paper=True)
                cell += f'<ul class="mgBulletList"><li>{self._doc_link(report, title)}</li></ul>'
                self._agenda_item(aid, title, m, report)
            else:
                self._agenda_item(aid, title, m, None)
            items.append(f'<tr><td class="mgItemNumberCell">{n}.</td><td>{cell}</td></tr>')
        webcast = ""
        if c.webcast and self.webcast_url:
            webcast = (f'<p class="mgWebcast">This meeting will be webcast live. '
                       f'<a href="{escape(self.webcast_url)}">View the webcast</a></p>')
        body = (f"<p><span class=\"mgLabel\">Venue: </span>Council Chamber, Civic Centre</p>"
                f"<p><span class=\"mgLabel\">Contact: </span>Democratic Services</p>{webcast}"
                f'<h3>Media</h3><ul class="mgActionList"><li>{self._doc_link(front, "Agenda frontsheet")}</li>'
                f'<li>{self._doc_link(pack, "Public reports pack", "PDF 2 MB")}</li>'
                f'<li>{self._doc_link(printed, "Printed minutes")}</li></ul>'
                f'<h3>Items</h3><table class="mgItemTable">{"".join(items)}</table>')
        meeting = f"ieListDocuments.aspx?CId={c.cid}&MId={m.mid}"
        for address in (f"{meeting}&Ver=4", meeting):  # ModernGov answers with or without the version
            self.html(address, "Agenda and minutes", f"{c.name} - {long_date(m.day)} 6.00 pm", body,
                      crumbs=[(f"ieListMeetings.aspx?CommitteeId={c.cid}", c.name)],
                      actions=[(f"mgMeetingAttendance.aspx?ID={m.mid}", "Attendance")],
                      sources=c.sources if c.first_item else ())
        self.html(f"mgMeetingAttendance.aspx?ID={m.mid}", "Attendance", f"{c.name} - {long_date(m.day)}",
                  "<p>" + escape(", ".join(present)) + "</p>")

    def _agenda_item(self, aid: int, title: str, m: Meeting, report: str | None) -> None:
        docs_html = f'<ul class="mgBulletList"><li>{self._doc_link(report, title)}</li></ul>' if report else ""
        self.html(f"mgAi.aspx?ID={aid}", "Agenda item", title,
                  f"<p>Meeting: {short_date(m.day)} - {escape(m.committee.name)}</p>{docs_html}"
                  "<h3>Minutes:</h3><p>The item was considered and the recommendations were agreed.</p>",
                  crumbs=[(f"ieListDocuments.aspx?CId={m.committee.cid}&MId={m.mid}&Ver=4", m.committee.name)])

    def _calendar(self) -> None:
        months = sorted({(m.day.year, m.day.month) for m in self.meetings})
        hrefs = {ym: f"mgCalendarMonthView.aspx?M={ym[1]}&DD={ym[0]}&CID=0&OT=&C=-1&MR=0&DL=0&ACT=Go"
                 for ym in months}
        nav = " | ".join(f'<a href="{escape(h) if ym[1] % 2 else h}">{date(*ym, 1):%B %Y}</a>'
                         for ym, h in hrefs.items())
        current = months[len(months) // 2]
        for ym, href in [(current, "mgCalendarMonthView.aspx?GL=1&bcr=1"), *hrefs.items()]:
            shown = [m for m in self.meetings if (m.day.year, m.day.month) == ym]
            rows = "".join(f'<li>{m.day.day} - <a href="ieListDocuments.aspx?CId={m.committee.cid}&amp;'
                           f'MId={m.mid}&amp;Ver=4">{escape(m.committee.name)}, 6.00 pm</a></li>' for m in shown)
            self.html(href, "Calendar", "Meetings calendar", f'<p class="mgCalendarNav">{nav}</p>'
                      f'<ul class="mgCalendarMonthList">{rows}</ul>')

    def _members(self) -> None:
        wards: dict[str, list[Link]] = {}
        for p in self.members:
            wards.setdefault(p.ward, []).append((f"mgUserInfo.aspx?UID={p.uid}", p.title))
            on = [(f"mgCommitteeDetails.aspx?ID={c.cid}", c.name) for c in self.committees
                  if p in self.members[c.cid % 5::3][:6]]
            self.html(f"mgUserInfo.aspx?UID={p.uid}", "Councillor details", p.title,
                      f"<p><span class=\"mgLabel\">Party: </span>{escape(p.party)}</p>"
                      f"<p><span class=\"mgLabel\">Ward: </span>{escape(p.ward)}</p>"
                      f"<h3>Committee appointments</h3>{self._bullets(on)}",
                      crumbs=[("mgMemberIndex.aspx?bcr=1", "Councillors")])
        self.html("mgMemberIndex.aspx?bcr=1", "Councillors", "Your councillors by ward",
                  "".join(f"<h3>{escape(w)}</h3>{self._bullets(items)}" for w, items in sorted(wards.items())))

    def _decisions(self) -> None:
        rows = []
        for did, title, text, m, issue in self.decisions:
            actions = [(f"mgIssueHistoryHome.aspx?IId={issue}&Opt=0", "Find out more about this issue")] \
                if issue else []
            self.html(f"ieDecisionDetails.aspx?ID={did}", "Decision details", title,
                      f'<p><span class="mgLabel">Decision status: </span>Recommendations Approved</p>'
                      f'<h3 class="mgSubSubTitleTxt">Decision:</h3><p>{escape(text)}</p>'
                      f'<p><span class="mgLabel">Decided at meeting: </span><a href="ieListDocuments.aspx?'
                      f'CId={m.committee.cid}&amp;MID={m.mid}">{short_date(m.day)} - {escape(m.committee.name)}'
                      "</a></p>", actions=actions)
            rows.append(f'<tr><td class="mgMainTxt"><a href="ieDecisionDetails.aspx?ID={did}">{escape(title)}'
                        f'</a></td><td class="mgMainTxt">{short_date(m.day)}</td></tr>')
        for iid, (title, lines, sources) in self.issues.items():
            self.html(f"mgIssueHistoryHome.aspx?IId={iid}&Opt=0", "Issue - meetings", title,
                      "".join(f"<p>{escape(x)}</p>" for x in lines), sources=sources)
        self.html("mgDelegatedDecisions.aspx?bcr=1&DM=0&DS=2&K=0&DR=&V=0", "Decisions", "Decisions published",
                  f'<table class="mgTabTable" summary="Table of decision summary data"><thead><tr>'
                  f'<th scope="col">Title</th><th scope="col">Date</th></tr></thead><tbody>{"".join(rows)}'
                  "</tbody></table>")

    def _odds_and_ends(self) -> None:
        simple = {
            "mgFindMember.aspx?bcr=1": ("Find your councillor", "<p>Enter your postcode to find your ward.</p>"),
            "mgListPlans.aspx?RPId=160&RD=0": ("Forward plan", "<p>Key decisions to be taken in the next four "
                                                               "months.</p>"),
            "ieDocSearch.aspx?bcr=1": ("Search documents", "<p>Search the agendas, reports and minutes.</p>"),
            "mgWhatsNew.aspx?bcr=1": ("What's new", "<p>Documents published in the last seven days.</p>"),
            "mgListOutsideBodies.aspx?bcr=1": ("Outside bodies", "<p>Organisations to which the Council "
                                                                 "appoints councillors.</p>"),
            "mgEPetitionListDisplay.aspx?bcr=1": ("Petitions", "<p>There are no open petitions.</p>"),
            "mgRegisterKeywordInterest.aspx?bcr=1": ("Subscribe to updates", "<p>Choose the committees you "
                                                                             "would like to hear about.</p>"),
        }
        for href, (title, body) in simple.items():
            self.html(href, title, title, body)
        self.html("mgError.aspx", "Error", "Sorry, the page you requested is not available",
                  "<p>The page may have been moved or deleted. Please use the menu to find what you need.</p>")

    def _fallback(self) -> Callable[[str], Resource | None]:
        """A known page whatever the case (IIS), the order of its parameters, or the parameters ModernGov
        ignores (``bcr``, ``Ver``...); the error page with any query; other ``.aspx`` pages: 302 to
        ``mgError.aspx``; anything else: None (404)."""
        resources = self.pages.resources
        pages = {_page_key(key): key for key in reversed(list(resources)) if ".aspx" in key.lower()}
        prefix, error = self.prefix.lower(), self.path("mgError.aspx")

        def answer(key: str) -> Resource | None:
            bare = key.split("?", 1)[0]
            if bare.lower() == error.lower():
                return resources[error]
            known = pages.get(_page_key(key))
            if known is not None:
                return resources[known]
            if bare.lower().startswith(prefix) and bare.lower().endswith(".aspx"):
                return redirect(f"{error}?aspxerrorpath={bare}")
            return None

        return answer


def _page_key(key: str) -> tuple[str, frozenset[tuple[str, str]]]:
    """What identifies a ModernGov page: its path and the parameters it does not ignore, all in lower case."""
    path, _, query = key.partition("?")
    params = frozenset((name.lower(), value.lower()) for name, value in parse_qsl(query, keep_blank_values=True)
                       if name.lower() not in IGNORED_PARAMETERS)
    return path.lower(), params


def _rss(c: Committee, meetings: Sequence[Meeting]) -> bytes:
    items = "".join(f"<item><title>{escape(c.name)} - {short_date(m.day)}</title>"
                    f"<link>ieListDocuments.aspx?CId={c.cid}&amp;MId={m.mid}</link></item>"
                    for m in meetings if m.committee is c)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{escape(c.name)}</title>'
            f"{items}</channel></rss>").encode()
