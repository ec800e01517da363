"""Little Wenlow Town Council: a WordPress site with a Policies page of file blocks (``wp-content/uploads``) and a
Meetings page of agendas and minutes.

The rule, in two documents: the Standing Orders (NALC model, standing order 3 with real wording) and a
Filming Protocol (real wording from Marlow Town Council's). Traps: the other policies (financial regulations,
complaints, grants, equality), a year of agendas and minutes, an old minutes file that is gone (404).
"""

from __future__ import annotations

from datetime import date
from html import escape

from ...sites import _lettered
from ...texts import Document, sections
from .. import documents as docs
from ..chrome import Theme, link_list
from ..common import meeting_dates, people, plain_date, social
from ..model import WWW, Address, Context, Council, PolicyDocument
from ..pages import HostPages
from ..wordpress import Post, WordPressSite, file_block

NAME = "Little Wenlow Town Council"
STANDING_ORDERS = "/wp-content/uploads/2024/05/Standing-Orders-2024.pdf"
PROTOCOL = "/wp-content/uploads/2023/11/Filming-Protocol.pdf"
GONE = "/wp-content/uploads/2022/03/Minutes-March-2022.pdf"
POLICIES = ("Financial Regulations", "Complaints Procedure", "Grant Awarding Policy", "Equality and Diversity Policy")
TOWN = (("town-hall-hire", "Town Hall hire", "The Town Hall can be hired for parties, meetings and classes."),
        ("allotments", "Allotments", "The council manages 48 allotment plots on Mill Lane. There is a waiting list."),
        ("cemetery", "Cemetery", "The town cemetery on Church Road is open every day from 8am to dusk."),
        ("neighbourhood-plan", "Neighbourhood Plan", "The Neighbourhood Plan was made in 2021 and guides "
                                                     "planning decisions in the town."),
        ("christmas-lights", "Christmas lights", "The Christmas lights switch-on is on the last Saturday of "
                                                 "November."))
POSTS = [Post("annual-town-meeting", "Annual Town Meeting", 2024, 4, "The Annual Town Meeting will be held in the "
              "Town Hall on 22 April at 7pm. All residents are welcome."),
         Post("new-play-equipment", "New play equipment at Mill Lane", 2024, 3, "New play equipment has been "
              "installed at the Mill Lane play area."),
         Post("councillor-vacancy", "Councillor vacancy", 2024, 2, "A vacancy has arisen for a councillor for the "
              "North ward. Contact the Clerk for an application pack."),
         Post("litter-pick", "Spring litter pick", 2024, 3, "Join the spring litter pick on Saturday 16 March."),
         Post("precept-2024", "Precept for 2024/25", 2024, 1, "The council has set its precept for 2024/25.")]


def _theme() -> Theme:
    nav = (("/", "Home"), ("/the-council/", "The Council"), ("/meetings/", "Meetings"), ("/policies/", "Policies"),
           ("/town-information/", "Town information"), ("/category/news/", "News"), ("/contact/", "Contact"))
    footer = (("Little Wenlow Town Council", (("/accessibility-statement/", "Accessibility statement"),
                                              ("/privacy-policy/", "Privacy policy"),
                                              ("/cookie-policy/", "Cookie policy"),
                                              ("/vacancies/", "Vacancies"), ("/contact/", "Contact the Clerk"))),)
    tasks = (("/report-a-problem/", "Report it"), ("/town-information/town-hall-hire/", "Pay for it"))
    return Theme(NAME, "wordpress", "/", nav, footer, social("LittleWenlowTC")[:2], tasks,
                 search_action="/", search_param="s", cookies="/cookie-policy/")


def build(ctx: Context) -> dict[str, HostPages]:
    wp = WordPressSite(_theme())
    orders, sources = sections("parish-standing-orders")
    wp.pages.pdf(STANDING_ORDERS, Document(NAME, "Standing Orders", _lettered(orders), sources,
                                           intro=["Adopted at the Annual Meeting of the Council, 14 May 2024."]))
    wp.pages.pdf(PROTOCOL, docs.protocol(NAME, "Filming Protocol", "marlow-filming-protocol",
                                         adopted="the Town Council on 6 November 2023", owner="The Town Clerk"))
    blocks = [file_block(STANDING_ORDERS, "Standing Orders 2024", embed=True),
              file_block(PROTOCOL, "Filming Protocol")]
    for title in POLICIES:
        name, doc = title.replace(" ", "-"), docs.local_policy(NAME, title)
        if title == "Complaints Procedure":  # kept as the Word document the Clerk wrote
            href = wp.upload_docx(2024, 5, f"{name}.docx", doc)
        else:
            href = wp.upload(2024, 5, f"{name}.pdf", doc)
        blocks.append(file_block(href, title))
    wp.page("/policies/", "Policies", "<p>The council's policies are reviewed at the Annual Meeting each May.</p>"
            + "".join(blocks))

    rows = []
    items = ["Public participation", "Apologies for absence", "Declarations of interest",
             "Minutes of the previous meeting", "Clerk's report", "Planning applications", "Finance"]
    members = people(7, 9, ("North", "South", "Town"))
    for day in meeting_dates(date(2024, 1, 9), 6, 28):
        agenda = wp.upload(day.year, day.month, f"Agenda-{day:%B-%Y}.pdf", docs.agenda(NAME, "Full Council", day,
                                                                                       items), paper=True)
        minutes = wp.upload(day.year, day.month, f"Minutes-{day:%B-%Y}.pdf",
                            docs.minutes(NAME, "Full Council", day, items, [m.name for m in members]), paper=True)
        rows.append(f"<tr><td>{plain_date(day)}</td><td>{file_block(agenda, 'Agenda')}</td>"
                    f"<td>{file_block(minutes, 'Minutes')}</td></tr>")
    wp.page("/meetings/", "Meetings", "<p>Full Council meets on the second Tuesday of each month at 7pm in the "
            "Town Hall. Members of the public are welcome.</p><figure class=\"wp-block-table\"><table><thead><tr>"
            f"<th>Meeting</th><th>Agenda</th><th>Minutes</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
            f'</figure><h2>Archive</h2><p><a href="{GONE}">Minutes – March 2022</a></p>')

    councillors = []
    for m in members:
        path = f"/the-council/councillors/{m.name.lower().replace(' ', '-')}/"
        wp.page(path, m.title, f"<p>{escape(m.ward)} ward. Contact through the Clerk.</p>",
                [("/the-council/", "The Council"), ("/the-council/councillors/", "Councillors")])
        councillors.append((path, m.title))
    wp.page("/the-council/councillors/", "Councillors", link_list(councillors), [("/the-council/", "The Council")])
    committees = []
    for slug, title in (("planning-committee", "Planning Committee"),
                        ("finance-and-general-purposes-committee", "Finance and General Purposes Committee")):
        path = f"/the-council/committees/{slug}/"
        wp.page(path, title, f"<p>The {title} meets monthly. Agendas are on the Meetings page.</p>",
                [("/the-council/", "The Council"), ("/the-council/committees/", "Committees")])
        committees.append((path, title))
    wp.page("/the-council/committees/", "Committees", link_list(committees), [("/the-council/", "The Council")])
    wp.page("/the-council/staff/", "Staff", "<p>The Town Clerk and Responsible Financial Officer, and the Deputy "
            "Clerk.</p>", [("/the-council/", "The Council")])
    wp.page("/the-council/", "The Council", "<p>Little Wenlow Town Council has nine councillors elected every four "
            "years.</p>" + link_list([("/the-council/councillors/", "Councillors"),
                                      ("/the-council/committees/", "Committees"), ("/the-council/staff/", "Staff"),
                                      ("/policies/", "Policies")]))
    town = []
    for slug, title, text in TOWN:
        town.append((wp.page(f"/town-information/{slug}/", title, f"<p>{escape(text)}</p>",
                             [("/town-information/", "Town information")]), title))
    wp.page("/town-information/", "Town information", link_list(town))
    simple = {"/contact/": ("Contact", "<p>The Town Clerk, Town Hall, Market Place. Office open Tuesday and "
                                      "Thursday mornings.</p>"),
              "/accessibility-statement/": ("Accessibility statement", "<p>We want this website to be usable by "
                                                                      "as many people as possible.</p>"),
              "/privacy-policy/": ("Privacy policy", "<p>How the council uses your personal information.</p>"),
              "/cookie-policy/": ("Cookie policy", "<p>This website uses essential cookies only.</p>"),
              "/vacancies/": ("Vacancies", "<p>There are no vacancies at present.</p>"),
              "/report-a-problem/": ("Report a problem", "<p>Street lights, potholes and fly-tipping are dealt "
                                                         "with by the district and county councils.</p>")}
    for path, (title, html) in simple.items():
        wp.page(path, title, html)
    news = wp.posts(POSTS)
    wp.page("/", "Welcome to Little Wenlow Town Council", "<p>The town council for Little Wenlow and Wenlow "
            "Green.</p><h2>Latest news</h2>" + link_list(news[:3], "wp-block-latest-posts")
            + '<h2>Next meeting</h2><p>Full Council, Tuesday 11 June 2024, 7pm. <a href="/meetings/">Agendas and '
            "minutes</a></p><h2>Archives</h2>" + wp.archive_links(POSTS))
    return {WWW: wp.pages}


COUNCIL = Council(
    "little-wenlow", NAME, "Little Wenlow", "ZRG", "E04999917", "England", "West Midlands", "Parish council",
    "local (parish)", "no", "other/WordPress",
    "WordPress town council: Policies page with file blocks, Meetings page of agendas and minutes",
    (WWW,), Address(WWW, "/"), build,
    policy=(PolicyDocument("Standing Orders 2024", (Address(WWW, STANDING_ORDERS),), "standing_orders"),
            PolicyDocument("Filming Protocol", (Address(WWW, PROTOCOL),), "protocol")),
    decoys=("other policies (financial regulations, complaints, grants, equality)", "agendas and minutes",
            "old minutes file (404)"),
    dead_links=(Address(WWW, GONE),),
)
