"""The eight sample council sites: register data plus one small builder each.

The councils are fictional (names and register codes not in ``shared/data/councils.csv``);
the policy wording is real, with its source address shown where it is used.
"""

from __future__ import annotations

from html import escape

from registry.platforms import CMIS, MODERNGOV

from . import html
from .site import Pages, Resource, Site, document_date
from .templates import PlatformTemplate
from .texts import Document, Section, load, parts, sections

OTHER = "other/Custom HTML"

#: cms-protocol's filming clause per night; every other clause stays the same.
FILMING_CLAUSE = {
    1: "Filming of meetings shall be permitted only with the consent of the Chair of the meeting.",
    2: "Anyone attending a meeting open to the public may film it; no permission is needed.",
}

SERVICES: list[html.Link] = [("/bins-and-recycling", "Bins and recycling"), ("/council-tax", "Council tax"),
                             ("/planning", "Planning applications")]
_SERVICE_TEXT = {
    "/bins-and-recycling": ("Bins and recycling", "Your general waste bin is collected every two weeks. "
                            "Recycling is collected on the alternate week. Put your bins out by 7am."),
    "/council-tax": ("Council tax", "Council tax bills are sent out in March. You can pay by direct debit "
                     "in 10 or 12 monthly instalments."),
    "/planning": ("Planning applications", "Search and comment on planning applications, and find out "
                  "whether you need planning permission."),
    "/accessibility": ("Accessibility statement", "We want as many people as possible to be able to use "
                       "this website."),
    "/privacy": ("Privacy notice", "This notice explains how we use the personal information we hold."),
    "/cookies": ("Cookies", "Cookies are small files saved on your device to help the website work."),
    "/contact-us": ("Contact us", "Telephone the customer contact centre, Monday to Friday, 9am to 5pm."),
}


def _numbered(items: list[Section], start: int = 1) -> list[Section]:
    """Number rules and their paragraphs (``7. Quorum``, ``7.1 ...``) unless already numbered."""
    out = []
    for number, section in enumerate(items, start):
        lines = [line if line[:1].isdigit() else f"{number}.{i} {line}"
                 for i, line in enumerate(section.paragraphs, 1)]
        out.append(Section(f"{number}. {section.heading}", lines))
    return out


def _lettered(items: list[Section]) -> list[Section]:
    """Letter paragraphs ``(a)``, ``(b)``, ... as in model standing orders (headings already numbered)."""
    return [Section(s.heading, [f"({chr(97 + i)}) {line}" for i, line in enumerate(s.paragraphs)])
            for s in items]


def _start(site: Site, nav: list[html.Link], home_links: list[html.Link], welcome: str) -> Pages:
    """Pages with the home page, service pages and footer pages every site has."""
    pages = Pages(site, nav)
    main = (f"<p>{escape(welcome)}</p>\n<h2>Popular</h2>\n{html.links(home_links)}\n"
            f"<h2>Services</h2>\n{html.links(SERVICES)}")
    pages.html("/", f"Welcome to {site.name}", main)
    for path, (title, text) in _SERVICE_TEXT.items():
        pages.html(path, title, f"<p>{escape(text)}</p>")
    return pages


def build_moderngov(site: Site, night: int) -> dict[str, Resource]:
    """ModernGov-like: constitution index linking one PDF per part; PDFs re-saved (new dates) each night."""
    nav = [("/", "Home"), ("/council-and-democracy", "Council and democracy"), *SERVICES]
    pages = _start(site, nav, [("mgListCommittees.aspx", "Committees"),
                               ("mgGeneric.aspx?MD=mgconstitution", "Constitution"),
                               ("/council-and-democracy", "Council and democracy")],
                   "Find out about councillors, committees, meetings, agendas, minutes and decisions.")
    pages.link_page("/council-and-democracy", "Council and democracy",
                    "How the council works and how decisions are made.",
                    [("/mgGeneric.aspx?MD=mgconstitution", "Constitution"),
                     ("/mgListCommittees.aspx", "Committees"), ("/attending-meetings", "Attending meetings")])
    pages.html("/attending-meetings", "Attending meetings",
               "<p>Most meetings of the council and its committees are open to the public. The rules for "
               "meetings are in Part 4 of the "
               "<a href=\"mgGeneric.aspx?MD=mgconstitution\">Constitution</a>.</p>",
               crumbs=[("/council-and-democracy", "Council and democracy")])
    committees = {130: "Council", 131: "Cabinet", 132: "Planning Committee", 133: "Licensing Committee",
                  134: "Overview and Scrutiny Committee"}
    pages.link_page("/mgListCommittees.aspx", "Committee structure",
                    "Select a committee to see its meetings.",
                    [(f"mgCommitteeDetails.aspx?ID={i}", name) for i, name in committees.items()])
    for i, name in committees.items():
        pages.html(f"/mgCommitteeDetails.aspx?ID={i}", name,
                   "<p>Meetings are held at the Council Offices, Market Street, Millbrook, at 6.00 pm.</p>",
                   crumbs=[("mgListCommittees.aspx", "Committee structure")])
    rules, _ = sections("procedure-rules")
    rule21 = load("gloucestershire-rule-21")
    rules.insert(20, Section("Photography and audio recordings of meetings", rule21.paragraphs))
    bodies = dict(parts("constitution-parts"))
    bodies["Part 4 - Rules of Procedure"] = [Section("Council Procedure Rules")] + _numbered(rules)
    created = document_date(night)  # this council re-saves its constitution every night
    items = []
    for number, title in enumerate(sorted(bodies, key=lambda t: int(t.split()[1])), start=1):
        href = f"documents/s{12300 + number}/{title.replace(' ', '%20')}.pdf"
        sources = list(rule21.sources) if number == 4 else []
        pages.pdf("/" + href, Document(site.name, f"Constitution {title}", bodies[title], sources), created)
        items.append(f'<li><a href="{href}">{escape(title)} <span class="mgFileSize">PDF</span></a></li>')
    pages.html("/mgGeneric.aspx?MD=mgconstitution", "Constitution",
               '<div class="mgContent"><p>The Constitution sets out how the council operates.</p>'
               f'<ul class="mgBulletList">{"".join(items)}</ul></div>',
               crumbs=[("/council-and-democracy", "Council and democracy")])
    return pages.resources


#: ModernGov's sample-web template (registry/platforms.py names it): at the root of the council's site.
MODERNGOV_SITE = PlatformTemplate("", build_moderngov)

CMIS_PROTOCOL = ("/cmis5/Document.ashx?czJKcaeAi5tUFL1DTL2UE4zNRBcoShgo=Xq9Zb0k%2fXx2TGbqmMPGuFz4kH7wLrq%2f4"
                 "gKZ0vO%2bwmMXkW8H%2bJ%2fC3Yw%3d%3d&rUzwRPf%2bZ3zd4E7Ikn8Lyw%3d%3d="
                 "pwRE6AGJFLDNlh225F5QMaQWCtPHwdhUfCZ%2fLUQzgA2uL5jNRG4jdQ%3d%3d")
CMIS_PART4 = "/cmis5/Portals/0/Documents/Constitution/Part%204%20-%20Council%20Procedure%20Rules.pdf"


def build_cmis(site: Site, night: int) -> dict[str, Resource]:
    """CMIS-like (DotNetNuke paths): a Constitution tab linking procedure rules and a filming protocol PDF."""
    nav = [("/", "Home"), ("/council-and-democracy", "Council and democracy"), *SERVICES]
    pages = _start(site, nav, [("/council-and-democracy", "Council and democracy"),
                               ("/cmis5/", "Committee meetings")],
                   "Kingsford City Council: services, news and information for residents and businesses.")
    pages.link_page("/council-and-democracy", "Council and democracy", "Councillors, meetings and decisions.",
                    [("/cmis5/", "Committee meetings, agendas and minutes"),
                     ("/cmis5/tabid/63/Default.aspx", "Constitution"),
                     ("/cmis5/Councillors.aspx", "Councillors")])
    cmis_nav = [("/cmis5/Meetings.aspx", "Meetings"), ("/cmis5/Councillors.aspx", "Councillors"),
                ("/cmis5/tabid/63/Default.aspx", "Constitution")]
    pages.link_page("/cmis5/", "Committee Management Information System",
                    "Agendas, reports and minutes of the council's meetings.", cmis_nav)
    pages.link_page("/cmis5/Meetings.aspx", "Meetings", "Forthcoming meetings.",
                    [("/cmis5/tabid/70/ctl/ViewMeetingPublic/mid/397/Meeting/5012/Committee/12/Default.aspx",
                      "Full Council, 18 July 2024")])
    pages.html("/cmis5/tabid/70/ctl/ViewMeetingPublic/mid/397/Meeting/5012/Committee/12/Default.aspx",
               "Full Council - Thursday 18 July 2024, 2.00 pm", "<p>Venue: Council Chamber, Guildhall.</p>")
    pages.html("/cmis5/Councillors.aspx", "Councillors", "<p>Find your councillor by ward.</p>")
    pages.html("/cmis5/tabid/63/Default.aspx", "Constitution",
               "<p>The Constitution and the protocols adopted under it.</p>" + html.links(
                   [(CMIS_PART4, "Part 4 - Council Procedure Rules (PDF)"),
                    (CMIS_PROTOCOL, "Protocol on filming and recording of meetings (PDF)")]),
               crumbs=[("/cmis5/", "Committee meetings")])
    rules, _ = sections("procedure-rules")
    created = document_date()
    pages.pdf(CMIS_PART4, Document(site.name, "Part 4 - Council Procedure Rules", _numbered(rules)), created)
    watford = load("watford-filming-guidance")
    protocol = Document(site.name, "Protocol on filming and recording of meetings",
                        [Section(watford.paragraphs[0], watford.paragraphs[1:])], list(watford.sources),
                        intro=["Adopted by the Council on 23 January 2024."])
    pages.pdf(CMIS_PROTOCOL, protocol, created, filename="Protocol on filming and recording of meetings.pdf")
    return pages.resources


#: CMIS's sample-web template (registry/platforms.py names it): DotNetNuke under /cmis5/.
CMIS_SITE = PlatformTemplate("cmis5/", build_cmis)


def build_cms_protocol(site: Site, night: int) -> dict[str, Resource]:
    """Plain CMS page "Filming and recording at meetings"; only its filming clause changes on night 2."""
    nav = [("/", "Home"), ("/council-and-democracy", "Council and democracy"), *SERVICES]
    pages = _start(site, nav, [("/council-and-democracy", "Council and democracy"),
                               ("/council-and-democracy/meetings", "Meetings")],
                   "Ashworth Borough Council: find out about council services in your area.")
    crumbs = [("/council-and-democracy", "Council and democracy")]
    meetings = [*crumbs, ("/council-and-democracy/meetings", "Meetings")]
    pages.link_page("/council-and-democracy", "Council and democracy", "How the council works.",
                    [("/council-and-democracy/meetings", "Meetings"),
                     ("/council-and-democracy/constitution", "Constitution")])
    pages.html("/council-and-democracy/constitution", "Constitution",
               "<p>The constitution is being reviewed and will be published here shortly.</p>", crumbs=crumbs)
    pages.link_page("/council-and-democracy/meetings", "Meetings", "Agendas, minutes and how to take part.",
                    [("/council-and-democracy/meetings/attending-meetings", "Attending meetings"),
                     ("/council-and-democracy/meetings/filming-and-recording-at-meetings",
                      "Filming and recording at meetings")], crumbs=crumbs)
    pages.html("/council-and-democracy/meetings/attending-meetings", "Attending meetings",
               "<p>Meetings are held in the Council Chamber at the Town Hall. Seats for the public are "
               "available on a first come, first served basis.</p>", crumbs=meetings)
    text = load("filming-protocol-page")
    clause = FILMING_CLAUSE[1 if night < 2 else 2]
    lines = [clause if line == "{filming}" else line for line in text.paragraphs]
    pages.html("/council-and-democracy/meetings/filming-and-recording-at-meetings",
               "Filming and recording at meetings", html.paragraphs(lines), crumbs=meetings,
               sources=text.sources)
    return pages.resources


# From night 3 the council's new CMS publishes the same page at a new address; the old one is gone.
CMS_HTML_PAGE = {1: "/filming-and-photography-at-committee-meetings",
                 3: "/council-and-democracy/committee-meetings/filming-and-photography"}


def build_cms_html(site: Site, night: int) -> dict[str, Resource]:
    """Plain CMS page built from Cambridge's "Filming and photography at committee meetings".

    Night 3 and later: the same page moved to a new address (the old address answers 404)."""
    page = CMS_HTML_PAGE[3] if night >= 3 else CMS_HTML_PAGE[1]
    nav = [("/", "Home"), ("/council-and-democracy", "Council and democracy"), *SERVICES]
    pages = _start(site, nav, [("/council-and-democracy", "Council and democracy")],
                   "Fenmarsh District Council: online services for residents.")
    crumbs = [("/council-and-democracy", "Council and democracy")]
    pages.link_page("/council-and-democracy", "Council and democracy", "Councillors and committee meetings.",
                    [("/council-and-democracy/committee-meetings", "Committee meetings"),
                     ("/council-and-democracy/councillors", "Councillors")])
    pages.html("/council-and-democracy/councillors", "Councillors", "<p>Find your councillor.</p>",
               crumbs=crumbs)
    pages.link_page("/council-and-democracy/committee-meetings", "Committee meetings",
                    "Dates, agendas and minutes of committee meetings.",
                    [(page, "Filming and photography at committee meetings")], crumbs=crumbs)
    text = load("cambridge-filming")
    pages.html(page,
               "Filming and photography at committee meetings",
               html.paragraphs(text.paragraphs),
               crumbs=[*crumbs, ("/council-and-democracy/committee-meetings", "Committee meetings")],
               sources=text.sources)
    return pages.resources


DOCX_PATH = "/documents/standing-orders.docx"


def build_docx(site: Site, night: int) -> dict[str, Resource]:
    """Town council with NALC-style Standing Orders as a DOCX, linked from a "Policies" page."""
    nav = [("/", "Home"), ("/the-council", "The Council"), ("/meetings", "Meetings"),
           ("/the-council/policies", "Policies")]
    pages = _start(site, nav, [("/the-council/policies", "Policies"), ("/meetings", "Meetings")],
                   "Little Haddow Town Council serves the town of Little Haddow and its 4,200 residents.")
    pages.link_page("/the-council", "The Council", "Twelve councillors and the Town Clerk.",
                    [("/the-council/policies", "Policies"), ("/meetings", "Meetings")])
    pages.html("/meetings", "Meetings", "<p>Full Council meets on the second Tuesday of each month at 7pm in "
               "the Town Hall. Members of the public are welcome.</p>")
    pages.html("/the-council/policies", "Policies", html.links(
        [(DOCX_PATH, "Standing Orders (Word document)"),
         ("/the-council/policies/financial-regulations", "Financial Regulations")]),
        crumbs=[("/the-council", "The Council")])
    pages.html("/the-council/policies/financial-regulations", "Financial Regulations",
               "<p>The Financial Regulations are reviewed each May.</p>",
               crumbs=[("/the-council", "The Council")])
    orders, sources = sections("parish-standing-orders")
    doc = Document(site.name, "Standing Orders", _lettered(orders), sources,
                   intro=["Adopted at the meeting of the Council held on 14 May 2024."])
    pages.docx(DOCX_PATH, doc, document_date())
    return pages.resources


def build_welsh(site: Site, night: int) -> dict[str, Resource]:
    """Welsh community council with the older model's "prior written consent" standing order, as HTML."""
    nav = [("/", "Home"), ("/standing-orders", "Standing Orders"), ("/meetings", "Meetings"),
           ("/councillors", "Councillors")]
    pages = _start(site, nav, [("/standing-orders", "Standing Orders"), ("/meetings", "Meetings")],
                   "Croeso / Welcome to Cwm Ddu Community Council (Cyngor Cymuned Cwm Ddu).")
    pages.html("/meetings", "Meetings", "<p>The Council meets on the first Monday of each month in the "
               "Village Hall at 7.30pm.</p>")
    pages.html("/councillors", "Councillors", "<p>Nine community councillors represent two wards.</p>")
    orders, sources = sections("community-standing-orders")
    pages.html("/standing-orders", "Standing Orders", html.sections(_lettered(orders)), sources=sources)
    return pages.resources


def build_nopolicy(site: Site, night: int) -> dict[str, Resource]:
    """Scottish council whose Standing Orders PDF says nothing about filming or recording."""
    nav = [("/", "Home"), ("/council-and-government", "Council and government"), *SERVICES]
    pages = _start(site, nav, [("/council-and-government", "Council and government")],
                   "Glenbrae Council: services for the people of Glenbrae.")
    crumbs = [("/council-and-government", "Council and government")]
    pages.link_page("/council-and-government", "Council and government", "How the council makes decisions.",
                    [("/council-and-government/standing-orders", "Standing Orders"),
                     ("/council-and-government/committees", "Committees")])
    pages.html("/council-and-government/committees", "Committees", "<p>The council has six committees.</p>",
               crumbs=crumbs)
    pdf_path = "/media/2417/standing-orders.pdf"
    pages.html("/council-and-government/standing-orders", "Standing Orders",
               "<p>The Standing Orders regulate the proceedings of the council and its committees.</p>"
               + html.links([(pdf_path, "Standing Orders for Meetings of the Council (PDF, 180KB)")]),
               crumbs=crumbs)
    rules, _ = sections("procedure-rules")
    doc = Document(site.name, "Standing Orders for Meetings", _numbered(rules))
    pages.pdf(pdf_path, doc, document_date())
    return pages.resources


def build_agenda(site: Site, night: int) -> dict[str, Resource]:
    """London borough whose policy is the "FILMING AT MEETINGS" agenda front-sheet notice."""
    nav = [("/", "Home"), ("/council-and-democracy", "Council and democracy"), *SERVICES]
    pages = _start(site, nav, [("/council-and-democracy/attending-meetings", "Attending meetings"),
                               ("/council-and-democracy", "Council and democracy")],
                   "London Borough of Eastmere: news, services and how to get involved.")
    crumbs = [("/council-and-democracy", "Council and democracy")]
    pages.link_page("/council-and-democracy", "Council and democracy", "Meetings, councillors and elections.",
                    [("/council-and-democracy/attending-meetings", "Attending meetings"),
                     ("/council-and-democracy/elections", "Elections")])
    pages.html("/council-and-democracy/elections", "Elections", "<p>Register to vote.</p>", crumbs=crumbs)
    notice = load("haringey-filming-notice")
    heading, *lines = notice.paragraphs
    pages.html("/council-and-democracy/attending-meetings", "Attending meetings",
               "<p>Everyone is welcome at Cabinet and committee meetings. This notice is printed on the "
               "front sheet of every agenda:</p>\n" + html.sections([Section(heading, lines)]),
               crumbs=crumbs, sources=notice.sources)
    return pages.resources


SITES: list[Site] = [
    Site("moderngov", "Millbrook District Council", "Millbrook", "MBK", "E07999901", "England", "South East",
         "Non-metropolitan district", "lower (district)", "yes", MODERNGOV.name, MODERNGOV_SITE.build,
         democracy_path=MODERNGOV_SITE.democracy_path),
    Site("cmis", "Kingsford City Council", "Kingsford", "KSF", "E06999902", "England", "West Midlands",
         "Unitary authority", "unitary", "yes", CMIS.name, CMIS_SITE.build, democracy_path=CMIS_SITE.democracy_path),
    Site("cms-protocol", "Ashworth Borough Council", "Ashworth", "ASW", "E07999903", "England", "North West",
         "Non-metropolitan district", "lower (district)", "yes", OTHER, build_cms_protocol),
    Site("cms-html", "Fenmarsh District Council", "Fenmarsh", "FMH", "E07999904", "England",
         "East of England", "Non-metropolitan district", "lower (district)", "yes", OTHER, build_cms_html),
    Site("docx", "Little Haddow Town Council", "Little Haddow", "LHT", "E04999905", "England", "South West",
         "Parish council", "local (parish)", "no", OTHER, build_docx,
         document_paths=(DOCX_PATH,)),
    Site("welsh", "Cwm Ddu Community Council", "Cwm Ddu", "CWD", "W04999906", "Wales", "Wales",
         "Community council", "local (community)", "no", OTHER, build_welsh),
    Site("nopolicy", "Glenbrae Council", "Glenbrae", "GBR", "S12999907", "Scotland", "Scotland",
         "Scottish unitary authority", "unitary", "yes", OTHER, build_nopolicy),
    Site("agenda", "London Borough of Eastmere", "Eastmere", "EMR", "E09999908", "England", "London",
         "London borough", "unitary", "yes", OTHER, build_agenda),
]
