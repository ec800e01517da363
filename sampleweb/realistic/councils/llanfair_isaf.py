"""Llanfair Isaf Community Council (Cyngor Cymuned Llanfair Isaf): a bilingual WordPress site, English pages and
Welsh ones under ``/cy/`` with a language toggle; documents ("Dogfennau") as file blocks, in English only.

The rule: the Standing Orders ("Rheolau Sefydlog"), the older model kept by many Welsh community councils
(real wording: "not permitted without the Council's prior written consent"). Traps: the council's social
media policy for its clerk and members (real, a Welsh community council's), a meetings page about joining
remote meetings with cameras and microphones (real, a Welsh town council's), other policies ("Polisïau").
"""

from __future__ import annotations

from datetime import date
from html import escape

from ...texts import Document, sections
from .. import documents as docs
from ..chrome import Theme, link_list
from ..common import meeting_dates, people, plain_date, social
from ..model import WWW, Address, Context, Council, PolicyDocument
from ..pages import HostPages
from ..wordpress import Post, WordPressSite, file_block
from .base import quoted, source

NAME, WELSH_NAME = "Llanfair Isaf Community Council", "Cyngor Cymuned Llanfair Isaf"
STANDING_ORDERS = "/wp-content/uploads/2023/06/Standing-Orders-2023.pdf"
SOCIAL_MEDIA = "Social Media Policy"
POLICIES = ("Financial Regulations", "Complaints Procedure", "Grant Awarding Policy", "Equality and Diversity Policy")
WELSH_POLICIES = {"Financial Regulations": "Rheoliadau Ariannol", "Complaints Procedure": "Gweithdrefn Gwyno",
                  "Grant Awarding Policy": "Polisi Dyfarnu Grantiau",
                  "Equality and Diversity Policy": "Polisi Cydraddoldeb ac Amrywiaeth",
                  SOCIAL_MEDIA: "Polisi Cyfryngau Cymdeithasol"}
LABELS = {"Search": "Chwilio", "Main menu": "Prif ddewislen", "Breadcrumb": "Briwsion bara",
          "Skip to main content": "Neidio i'r prif gynnwys", "Follow us": "Dilynwch ni", "Top tasks": "Tasgau",
          "Was this page useful?": "A oedd y dudalen hon yn ddefnyddiol?", "Yes": "Oedd", "No": "Nac oedd"}
#: (English path, Welsh path, English title, Welsh title)
PAIRS = {
    "home": ("/", "/cy/", "Home", "Hafan"),
    "council": ("/the-council/", "/cy/y-cyngor/", "The Council", "Y Cyngor"),
    "councillors": ("/councillors/", "/cy/cynghorwyr/", "Councillors", "Cynghorwyr"),
    "meetings": ("/meetings/", "/cy/cyfarfodydd/", "Meetings", "Cyfarfodydd"),
    "documents": ("/documents/", "/cy/dogfennau/", "Documents", "Dogfennau"),
    "policies": ("/documents/policies/", "/cy/dogfennau/polisiau/", "Policies", "Polisïau"),
    "news": ("/news/", "/cy/newyddion/", "News", "Newyddion"),
    "contact": ("/contact/", "/cy/cysylltu/", "Contact us", "Cysylltu â ni"),
    "accessibility": ("/accessibility-statement/", "/cy/datganiad-hygyrchedd/", "Accessibility statement",
                      "Datganiad hygyrchedd"),
    "privacy": ("/privacy-notice/", "/cy/hysbysiad-preifatrwydd/", "Privacy notice", "Hysbysiad preifatrwydd"),
    "cookies": ("/cookies/", "/cy/cwcis/", "Cookies", "Cwcis"),
}
POSTS_EN = [Post("community-grants-2024", "Community grants 2024", 2024, 2, "Local groups can apply for a "
                 "community grant. The closing date is 30 September."),
            Post("defibrillator-installed", "New defibrillator at the village hall", 2024, 1, "A defibrillator has "
                 "been installed on the wall of the village hall."),
            Post("election-results", "Community council by-election", 2023, 11, "Thank you to everyone who voted "
                 "in the by-election for the Isaf ward.")]
POSTS_CY = [Post("grantiau-cymunedol-2024", "Grantiau cymunedol 2024", 2024, 2, "Gall grwpiau lleol wneud cais am "
                 "grant cymunedol. Y dyddiad cau yw 30 Medi."),
            Post("diffibriliwr-newydd", "Diffibriliwr newydd yn neuadd y pentref", 2024, 1, "Mae diffibriliwr wedi "
                 "ei osod ar wal neuadd y pentref."),
            Post("canlyniad-isetholiad", "Isetholiad y cyngor cymuned", 2023, 11, "Diolch i bawb a bleidleisiodd "
                 "yn yr isetholiad ar gyfer ward Isaf.")]


def _themes() -> tuple[Theme, Theme]:
    def make(welsh: bool) -> Theme:
        i = 1 if welsh else 0
        title = 3 if welsh else 2
        nav = tuple((PAIRS[key][i], PAIRS[key][title]) for key in
                    ("home", "council", "councillors", "meetings", "documents", "news", "contact"))
        footer = ((WELSH_NAME if welsh else NAME,
                   tuple((PAIRS[key][i], PAIRS[key][title]) for key in ("accessibility", "privacy", "cookies",
                                                                         "contact", "policies"))),)
        return Theme(WELSH_NAME if welsh else NAME, "wordpress", PAIRS["home"][i], nav, footer,
                     social("LlanfairIsafCC")[:1], search_action=PAIRS["home"][i], search_param="s",
                     cookies=PAIRS["cookies"][i], lang="cy" if welsh else "en-GB",
                     crumb_home="Hafan" if welsh else "Home", labels=LABELS if welsh else {})
    return make(False), make(True)


def build(ctx: Context) -> dict[str, HostPages]:
    english, welsh = _themes()
    wp = WordPressSite(english, welsh)

    def pair(key: str, en_html: str, cy_html: str, sources: tuple[str, ...] = ()) -> None:
        en, cy, en_title, cy_title = PAIRS[key]
        wp.page(en, en_title, en_html, other=cy, sources=sources)
        wp.page(cy, cy_title, cy_html, welsh=True, other=en)

    orders, sources = sections("community-standing-orders")
    wp.pages.pdf(STANDING_ORDERS, Document(NAME, "Standing Orders", orders, sources,
                                           intro=["Adopted by the Council on 5 June 2023."]))
    files = {}
    for title in POLICIES:
        files[title] = wp.upload(2023, 6, f"{title.replace(' ', '-')}.pdf", docs.local_policy(NAME, title))
    files[SOCIAL_MEDIA] = wp.upload(2024, 5, "Social-Media-Policy.pdf",
                                    docs.protocol(NAME, SOCIAL_MEDIA, "llansanffraid-social-media-policy",
                                                  adopted="the Council on 14 May 2024", owner="The Clerk"))
    english_only = "<p><em>Mae'r ddogfen hon ar gael yn Saesneg yn unig.</em></p>"
    pair("documents",
         "<p>The council's standing orders and policies.</p>" + file_block(STANDING_ORDERS, "Standing Orders")
         + f'<p><a href="{PAIRS["policies"][0]}">Policies</a></p>',
         "<p>Rheolau sefydlog a pholisïau'r cyngor.</p>" + english_only
         + file_block(STANDING_ORDERS, "Rheolau Sefydlog (Standing Orders)", button="Lawrlwytho")
         + f'<p><a href="{PAIRS["policies"][1]}">Polisïau</a></p>')
    pair("policies", "".join(file_block(href, title) for title, href in files.items()),
         english_only + "".join(file_block(href, f"{WELSH_POLICIES[title]} ({title})", button="Lawrlwytho")
                                for title, href in files.items()))

    members = people(8, 7, ("Isaf", "Uchaf"))
    rows_en, rows_cy = [], []
    items = ["Apologies", "Declarations of interest", "Minutes of the previous meeting", "Planning", "Finance",
             "Correspondence"]
    for day in meeting_dates(date(2024, 1, 1), 5, 28):
        agenda = wp.upload(day.year, day.month, f"Agenda-{day:%B-%Y}.pdf", docs.agenda(NAME, "Ordinary meeting",
                                                                                       day, items), paper=True)
        minutes = wp.upload(day.year, day.month, f"Minutes-{day:%B-%Y}.pdf",
                            docs.minutes(NAME, "Ordinary meeting", day, items, [m.name for m in members]),
                            paper=True)
        rows_en.append(f"<li>{plain_date(day)}: {file_block(agenda, 'Agenda')}{file_block(minutes, 'Minutes')}</li>")
        rows_cy.append(f"<li>{day:%d/%m/%Y}: {file_block(agenda, 'Agenda', button='Lawrlwytho')}"
                       f"{file_block(minutes, 'Cofnodion', button='Lawrlwytho')}</li>")
    pair("meetings", "".join(f"<p>{escape(x)}</p>" for x in quoted("magor-meetings"))
         + f"<h2>Agendas and minutes</h2><ul>{''.join(rows_en)}</ul>",
         "<p>Mae'r Cyngor yn cyfarfod ar y nos Lun gyntaf o bob mis yn Neuadd y Pentref am 7.30pm. Mae croeso i'r "
         f"cyhoedd.</p><h2>Agendâu a chofnodion</h2><ul>{''.join(rows_cy)}</ul>", source("magor-meetings"))

    en_people, cy_people = [], []
    for m in members:
        slug = m.name.lower().replace(" ", "-")
        en, cy = f"/councillors/{slug}/", f"/cy/cynghorwyr/{slug}/"
        wp.page(en, m.title, f"<p>{escape(m.ward)} ward.</p>", [(PAIRS["councillors"][0], "Councillors")], other=cy)
        wp.page(cy, f"Y Cynghorydd {m.name}", f"<p>Ward {escape(m.ward)}.</p>",
                [(PAIRS["councillors"][1], "Cynghorwyr")], welsh=True, other=en)
        en_people.append((en, m.title))
        cy_people.append((cy, f"Y Cynghorydd {m.name}"))
    pair("councillors", link_list(en_people), link_list(cy_people))
    pair("council", "<p>The community council represents the residents of Llanfair Isaf and Llanfair Uchaf.</p>",
         "<p>Mae'r cyngor cymuned yn cynrychioli trigolion Llanfair Isaf a Llanfair Uchaf.</p>")
    pair("contact", "<p>The Clerk, Llanfair Isaf Community Council.</p>",
         "<p>Clerc y Cyngor, Cyngor Cymuned Llanfair Isaf.</p>")
    pair("accessibility", "<p>We want everyone to be able to use this website.</p>",
         "<p>Rydym am i bawb allu defnyddio'r wefan hon.</p>")
    pair("privacy", "<p>How we use your personal information.</p>",
         "<p>Sut rydym yn defnyddio eich gwybodaeth bersonol.</p>")
    pair("cookies", "<p>This website uses essential cookies only.</p>",
         "<p>Mae'r wefan hon yn defnyddio cwcis hanfodol yn unig.</p>")
    news_en = wp.posts(POSTS_EN)
    news_cy = wp.posts(POSTS_CY, welsh=True, news_title="Newyddion", prefix="/cy")
    pair("news", link_list(news_en), link_list(news_cy))
    pair("home", f"<p>Welcome to {NAME}.</p><h2>Latest news</h2>" + link_list(news_en[:2]),
         "<p>Croeso i Gyngor Cymuned Llanfair Isaf.</p><h2>Newyddion diweddaraf</h2>" + link_list(news_cy[:2]))
    return {WWW: wp.pages}


COUNCIL = Council(
    "llanfair-isaf", NAME, "Llanfair Isaf", "ZRH", "W04999918", "Wales", "Wales", "Community council",
    "local (community)", "no", "other/WordPress",
    "bilingual WordPress community council: English and Welsh (/cy/) pages, Dogfennau with English-only PDFs",
    (WWW,), Address(WWW, "/"), build,
    policy=(PolicyDocument("Standing Orders (Rheolau Sefydlog)", (Address(WWW, STANDING_ORDERS),),
                           "standing_orders"),),
    decoys=("the council's social media policy for its clerk and members", "remote meeting camera etiquette",
            "other policies (Polisïau)"),
)
