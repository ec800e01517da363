"""Harrowden District Council: a Jadu main site and ModernGov on its own host, whose constitution is an
"information" committee listing its parts as PDFs (``ieListMeetings.aspx?CommitteeId=140&info=1``).

The rule: Part 4 (Rules of Procedure), a standing order on reporting meetings (real wording from Hammersmith
& Fulham's standing orders) among the other procedure rules. Traps: a "Constitution Working Group" whose
agendas and reports are about the constitution, webcasting notices on agenda front sheets, a webcasting
issue and decision, a "Watch council meetings" page, an old constitution download that is gone (404).
"""

from __future__ import annotations

from datetime import date
from html import escape

from ...texts import Section
from .. import documents as docs
from ..chrome import link_list
from ..cms import CmsSite, Jadu
from ..common import people
from ..model import DEMOCRACY, WWW, Address, Context, Council, PolicyDocument
from ..moderngov import Committee, ModernGov
from ..pages import HostPages
from .base import external_theme, quoted, source

NAME = "Harrowden District Council"
WARDS = ("Abbey", "Bridge End", "Castle", "Danesfield", "Eastgate", "Fernhill")
INFO_CID, INFO_MID = 140, 2101
PART4 = "Part 4 - Rules of Procedure"
FIRST_PART = 23110  # document numbers of the constitution's parts: s23111 to s23115
PART4_PDF = f"/documents/s{FIRST_PART + 4}/{PART4}.pdf"
OLD_CONSTITUTION = "/downloads/file/1534/constitution_2019"  # removed from the site; the archive still links it


def _webcast_notice() -> tuple[str, list[str]]:
    lines = quoted("epping-webcasting-introduction")
    start = next(i for i, line in enumerate(lines) if line.startswith("“I would like"))
    return "WEBCASTING NOTICE", [line.strip("“”") for line in lines[start:start + 3]]


def _committees() -> list[Committee]:
    notice = _webcast_notice()
    return [
        Committee(130, "Council", "Council", "All 36 councillors meet as the Council to set the budget and "
                  "policy framework.", ("Budget and council tax", "Report of the Leader"), 3, True, notice),
        Committee(131, "Cabinet", "Cabinet", "The Cabinet takes executive decisions within the budget and policy "
                  "framework.", ("Medium term financial strategy", "Housing strategy"), 3, True, notice),
        Committee(132, "Planning Committee", "Committees", "Decides planning applications that are not "
                  "delegated to officers.", ("Planning applications",), 3, True, notice),
        Committee(133, "Licensing Committee", "Committees", "Licensing policy and taxi licensing.",
                  ("Statement of licensing policy",), 2),
        Committee(134, "Overview and Scrutiny Committee", "Committees", "Holds the Cabinet to account.",
                  ("Work programme", "Call-in of Cabinet decision"), 2),
        Committee(135, "Audit and Governance Committee", "Committees", "Oversees the council's accounts, risk "
                  "and internal audit.", ("Internal audit progress report", "Annual governance statement"), 2),
        Committee(136, "Constitution Working Group", "Working groups", "Reviews the Constitution and "
                  "recommends changes to the Council.", ("Review of the Constitution",
                                                         "Review of Council Procedure Rules"), 3),
        Committee(137, "Standards Committee", "Committees", "Promotes high standards of conduct by councillors.",
                  ("Code of conduct complaints",), 2),
        Committee(138, "Licensing Sub-Committee", "Sub-committees", "Hears applications for premises licences.",
                  ("Application for a premises licence",), 2),
    ]


def _constitution(mg: ModernGov) -> None:
    rule = Section("Reporting on meetings", quoted("lbhf-reporting-standing-order"))
    _, sources = docs.text_lines("lbhf-reporting-standing-order")
    parts = []
    for number, title in enumerate(docs.CONSTITUTION_PARTS, FIRST_PART + 1):
        doc = docs.procedure_rules(NAME, f"Constitution {title}", rule, 17, sources) if title == PART4 \
            else docs.constitution_part(NAME, title)
        parts.append((number, title, doc))
    mg.info_constitution(INFO_CID, INFO_MID, date(2024, 5, 21), parts)


def build(ctx: Context) -> dict[str, HostPages]:
    dem = lambda path: ctx.url(DEMOCRACY, path)  # noqa: E731
    s = Jadu()
    site = CmsSite(s, NAME, "HarrowdenDC", democracy=((dem("/ieDocHome.aspx?bcr=1"), "Meetings"),), az=True)
    theme = external_theme(site, lambda path: ctx.url(WWW, path), "moderngov", "HarrowdenDC",
                           dem("/ieDocHome.aspx?bcr=1"))
    mg = ModernGov(NAME, theme, _committees(), people(1, 18, WARDS), root="uuCoverPage.aspx?bcr=1",
                   menu_extra=[(f"ieListMeetings.aspx?CommitteeId={INFO_CID}&info=1", "Constitution")],
                   webcast_url="https://harrowden.public-i.tv/core/portal/home")
    mg.html("uuCoverPage.aspx?bcr=1", "Meetings, agendas and minutes", "Meetings, agendas and minutes",
            "<p>This section allows you to access papers and decisions from council meetings, including agendas, "
            "reports and minutes.</p>" + link_list(mg.menu, "mgBulletList"))
    _constitution(mg)
    mg.issue(7311, "Webcasting of meetings", quoted("epping-webcasting-introduction"),
             source("epping-webcasting-introduction"))
    council_meeting = mg.meetings_of("Council")[0]
    mg.decision(4410, "Webcasting of meetings", "That Council, Cabinet and Planning Committee meetings be webcast "
                "from May.", mg.meetings_of("Cabinet")[0], issue=7311)
    mg.decision(4411, "Review of the Constitution", "That the changes to the Constitution set out in the "
                "appendix be recommended to Council.", mg.meetings_of("Constitution Working Group")[1])
    mg.decision(4412, "Amendments to the Council Procedure Rules", "That the amended Council Procedure Rules be "
                "adopted.", council_meeting)
    democracy = mg.build()

    cd = "council-and-democracy"
    download = s.download("constitution")
    old_file = OLD_CONSTITUTION
    pages = {
        "constitution": ("Constitution", "<p>The Constitution sets out how the council operates, how decisions "
                         "are made and the procedures which are followed.</p><p>The current Constitution is "
                         f'published on our <a href="{dem(f"/ieListMeetings.aspx?CommitteeId={INFO_CID}&amp;info=1")}'
                         '">committee website</a>, one document per part.</p>'
                         f'<p>Older versions: <a href="{download}">Constitution archive</a></p>'),
        "watch-council-meetings": ("Watch council meetings", "<p>Meetings of the Council, the Cabinet and the "
                                   "Planning Committee are broadcast live on the internet and can be watched "
                                   "afterwards.</p><p><a href=\"https://harrowden.public-i.tv/core/portal/home\">"
                                   "Watch meetings live and recorded</a></p>"),
        "elections-and-voting": ("Elections and voting", "<p>Register to vote, apply for a postal vote and find "
                                 "your polling station.</p>"),
        "have-your-say-at-meetings": ("Have your say at meetings", "<p>You can ask a question at a meeting of the "
                                      "Council, present a petition or speak at the Planning Committee. Contact "
                                      "Democratic Services by noon two working days before the meeting.</p>"),
    }
    items = [(dem("/mgMemberIndex.aspx?bcr=1"), "Councillors"),
             (dem("/ieDocHome.aspx?bcr=1"), "Committee meetings, agendas and minutes")]
    for slug, (title, html) in pages.items():
        path = s.page(cd, slug, title)
        site.html(path, title, html, [(site.democracy_section, "Council and democracy")])
        items.append((path, title))
    directory = f"/directory/{s.id('directory') % 40}/parish_and_town_councils"
    records = []
    for n, parish in enumerate(("Ashby Parva", "Bramley Green", "Coldharbour", "Dunsley", "Eversholt")):
        record = f"/directory_record/{s.id('record/' + parish)}/{parish.lower().replace(' ', '_')}_parish_council"
        site.html(record, f"{parish} Parish Council", f"<dl><dt>Clerk</dt><dd>The Clerk</dd><dt>Meetings</dt>"
                  f"<dd>{n + 1}st Monday of the month</dd></dl>", [(directory, "Parish and town councils")])
        records.append((record, f"{parish} Parish Council"))
    site.landing(directory, "Parish and town councils", "Contact details of the parish and town councils.", records)
    items.append((directory, "Parish and town councils"))
    accounts = s.download("statement-of-accounts")
    accounts_file = s.file("statement-of-accounts-2023-24.pdf", "Statement of accounts 2023-24")
    site.pdf(accounts_file, docs.report(NAME, "Statement of accounts 2023-24", "Audit and Governance Committee"))
    site.html(accounts, "Statement of accounts", "<p>The council's audited accounts.</p>"
              f'<ul class="download-files"><li><a href="{escape(accounts_file)}">Statement of accounts 2023-24 '
              "(PDF, 3.2MB)</a></li></ul>", [(site.democracy_section, "Council and democracy")])
    items.append((accounts, "Statement of accounts"))
    site.landing(site.democracy_section, "Council and democracy", "How the council works, councillors, meetings "
                 "and elections.", items)
    site.html(download, "Constitution archive", f"<p>Previous versions of the Constitution.</p>"
              f'<ul class="download-files"><li><a href="{escape(old_file)}">Constitution 2019 (PDF, 2.1MB)</a>'
              "</li></ul>", [(site.democracy_section, "Council and democracy")])
    site.standard("Harrowden District Council: services, news and information for residents and businesses.")
    site.a_to_z([(s.page(cd, slug, title), title) for slug, (title, _) in pages.items()]
                + [(site.democracy_section, "Council and democracy")])
    return {WWW: site.pages, DEMOCRACY: democracy}


COUNCIL = Council(
    "harrowden", NAME, "Harrowden", "ZRA", "E07999911", "England", "East Midlands", "Non-metropolitan district",
    "lower (district)", "yes", "ModernGov",
    "Jadu main site; ModernGov on its own host; constitution as an information committee listing its parts",
    (WWW, DEMOCRACY), Address(WWW, "/"), build, democracy=Address(DEMOCRACY, "/"),
    policy=(PolicyDocument("Constitution Part 4 - Rules of Procedure", (Address(DEMOCRACY, PART4_PDF),),
                           "constitution"),),
    decoys=("Constitution Working Group agendas and reports", "webcasting notices on agenda front sheets",
            "webcasting issue and decision", "Watch council meetings page", "old constitution download (404)"),
    dead_links=(Address(WWW, OLD_CONSTITUTION),),
)
