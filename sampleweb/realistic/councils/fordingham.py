"""Fordingham County Council: an Umbraco main site (documents under ``/media/<key>/<file>.pdf``) and ModernGov on
its own host.

The rule: a web page, "Attending a council or committee meeting", with its section on filming,
photographing, recording and social media (real wording from Carlisle's page). Traps: a "FILMING AT
MEETINGS" notice (real wording from Haringey's agendas) as the first item of every Council and Cabinet meeting
page and on agenda front sheets, a constitution whose procedure rules are silent, a "Watch meetings live" page.
"""

from __future__ import annotations

from html import escape

from .. import documents as docs
from ..chrome import link_list
from ..cms import CmsSite, Umbraco
from ..common import people
from ..model import DEMOCRACY, WWW, Address, Context, Council, PolicyDocument
from ..moderngov import Committee, ModernGov
from ..pages import HostPages
from .base import external_theme, quoted, source

NAME = "Fordingham County Council"
WARDS = ("Ambridge and Colbourne", "Fordingham East", "Fordingham West", "Harwell Vale", "Kingsmere",
         "Stowford", "Upper Dene")
CD = "council-and-democracy"
ATTENDING = f"/{CD}/meetings/attending-a-council-or-committee-meeting/"


def _committees() -> list[Committee]:
    heading, *lines = quoted("haringey-filming-notice")
    notice, notice_source = (heading, lines), source("haringey-filming-notice")
    return [
        Committee(301, "County Council", "Council", "All 70 county councillors.", ("Budget and council tax",
                                                                                   "Questions to the Leader"),
                  3, True, notice, notice, notice_source),
        Committee(302, "Cabinet", "Cabinet", "The Leader and the Cabinet.", ("Highways capital programme",
                                                                             "Adult social care charging"),
                  3, True, notice, notice, notice_source),
        Committee(303, "Planning and Regulation Committee", "Regulatory", "Minerals, waste and county planning.",
                  ("Minerals and waste applications",), 3, True, notice),
        Committee(304, "Children's Services Scrutiny Committee", "Scrutiny", "Scrutiny of children's services.",
                  ("Ofsted action plan",), 2),
        Committee(305, "Health Overview and Scrutiny Committee", "Scrutiny", "Health services.",
                  ("Winter pressures",), 2),
        Committee(306, "Audit and Governance Committee", "Other committees", "Audit and governance.",
                  ("Annual governance statement",), 2),
        Committee(307, "Pension Fund Committee", "Other committees", "The local government pension fund.",
                  ("Investment strategy",), 2),
        Committee(308, "Appointments Committee", "Other committees", "Appointment of chief officers.",
                  ("Appointment of Director of Adult Services",), 2),
    ]


def build(ctx: Context) -> dict[str, HostPages]:
    dem = lambda path: ctx.url(DEMOCRACY, path)  # noqa: E731
    site = CmsSite(Umbraco(), NAME, "FordinghamCC", democracy=((dem("/ieDocHome.aspx?bcr=1"), "Meetings"),))
    theme = external_theme(site, lambda path: ctx.url(WWW, path), "moderngov", "FordinghamCC",
                           dem("/ieDocHome.aspx?bcr=1"))
    intro = (f'<p>Find out about <a href="{escape(ctx.url(WWW, ATTENDING))}">attending a council or committee '
             "meeting</a>.</p>")
    mg = ModernGov(NAME, theme, _committees(), people(6, 24, WARDS), first_doc=77200, first_meeting=6120,
                   committees_intro=intro, webcast_url="https://fordingham.public-i.tv/core/portal/home")
    democracy = mg.build()

    s = site.shape
    crumbs = [(site.democracy_section, "Council and democracy")]
    meetings = s.page(CD, "meetings", "Meetings")
    lines = quoted("carlisle-attending-meetings")
    site.html(ATTENDING, lines[0], "".join(f"<p>{escape(x)}</p>" if i != 2 else f"<h2>{escape(x)}</h2>"
                                           for i, x in enumerate(lines[1:], 1)), [*crumbs, (meetings, "Meetings")],
              sources=source("carlisle-attending-meetings"))
    watch = site.html(f"/{CD}/meetings/watch-meetings-live/", "Watch meetings live",
                      "<p>Meetings of the County Council, the Cabinet and the Planning and Regulation Committee are "
                      "broadcast live on the internet and can be watched again afterwards.</p>"
                      '<p><a href="https://fordingham.public-i.tv/core/portal/home">Watch live and archived '
                      "meetings</a></p>", [*crumbs, (meetings, "Meetings")])
    questions = site.html(f"/{CD}/meetings/public-questions/", "Public questions", "<p>You can ask a question "
                          "at a meeting of the Cabinet. Send it to Democratic Services by noon three working days "
                          "before the meeting.</p>", [*crumbs, (meetings, "Meetings")])
    site.landing(meetings, "Meetings", "Council, Cabinet and committee meetings.",
                 [(dem("/ieDocHome.aspx?bcr=1"), "Meetings, agendas and minutes"),
                  (ATTENDING, "Attending a council or committee meeting"), (watch, "Watch meetings live"),
                  (questions, "Public questions")], crumbs)
    files = []
    for n, title in enumerate(docs.CONSTITUTION_PARTS, 1):
        path = s.file(f"constitution-part-{n}.pdf", title)
        doc = docs.procedure_rules(NAME, f"Constitution {title}", None, 0) if n == 4 \
            else docs.constitution_part(NAME, title)
        files.append((site.pdf(path, doc), f"{title} (PDF)"))
    constitution = site.html(s.page(CD, "constitution", "Constitution"), "Constitution",
                             "<p>The Constitution sets out how the council works.</p>" + link_list(files), crumbs)
    site.landing(site.democracy_section, "Council and democracy", "How the county council works.",
                 [(meetings, "Meetings"), (constitution, "Constitution"),
                  (dem("/mgMemberIndex.aspx?bcr=1"), "Councillors"),
                  (site.html(s.page(CD, "elections", "Elections"), "Elections", "<p>County council elections are "
                             "held every four years.</p>", crumbs), "Elections")])
    site.standard("Fordingham County Council: services across the county.")
    return {WWW: site.pages, DEMOCRACY: democracy}


COUNCIL = Council(
    "fordingham", NAME, "Fordingham", "ZRF", "E10999916", "England", "East of England", "County council",
    "upper (county)", "yes", "ModernGov",
    "Umbraco main site; ModernGov on its own host; the rule on a web page about attending meetings",
    (WWW, DEMOCRACY), Address(WWW, "/"), build, democracy=Address(DEMOCRACY, "/"),
    policy=(PolicyDocument("Attending a council or committee meeting", (Address(WWW, ATTENDING),), "guidance"),),
    decoys=("FILMING AT MEETINGS notice as the first item of Council and Cabinet meetings and on front sheets",
            "constitution with silent procedure rules", "Watch meetings live page"),
)
