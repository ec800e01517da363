"""Everyday council content written for the realistic sample web: services, news, people, footer pages.

Nothing here says anything about filming, recording, photography or social media at meetings: the rule and
the traps are real texts from ``sampleweb/content``, placed by each council's module.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

_FIRST = ("Alison", "Ben", "Carys", "David", "Elaine", "Farid", "Gwen", "Harjit", "Imogen", "James", "Kerry",
          "Liam", "Megan", "Nadeem", "Olwen", "Patrick", "Rhian", "Sanjay", "Tessa", "Vikram", "Wendy", "Yusuf")
_LAST = ("Ashby", "Bramwell", "Castell", "Dunmore", "Ellery", "Fairbrother", "Garside", "Holloway", "Ingham",
         "Jessop", "Kettle", "Lacey", "Marsden", "Nuttall", "Oakes", "Pritchard", "Quarmby", "Rowntree",
         "Sheard", "Tattersall", "Underwood", "Varley", "Whitlock", "Yeadon")
PARTIES = ("Conservative", "Labour", "Liberal Democrat", "Green Party", "Independent")


@dataclass(frozen=True)
class Person:
    """A fictional councillor."""

    uid: int
    name: str
    ward: str
    party: str

    @property
    def title(self) -> str:
        return f"Councillor {self.name}"


def people(seed: int, count: int, wards: tuple[str, ...], first_uid: int = 100) -> list[Person]:
    """``count`` fictional councillors, the same for the same ``seed``."""
    out = []
    for i in range(count):
        first = _FIRST[(seed * 7 + i * 5) % len(_FIRST)]
        last = _LAST[(seed * 3 + i * 11) % len(_LAST)]
        out.append(Person(first_uid + i * 7 + seed, f"{first} {last}", wards[i % len(wards)],
                          PARTIES[(seed + i * 3) % len(PARTIES)]))
    return out


def meeting_dates(start: date, count: int, every_days: int = 28) -> list[date]:
    """``count`` meeting dates from ``start``, one every ``every_days`` days, on a weekday."""
    out = []
    day = start
    for _ in range(count):
        while day.weekday() >= 5:
            day += timedelta(days=1)
        out.append(day)
        day += timedelta(days=every_days)
    return out


def long_date(day: date) -> str:
    """``Tuesday, 12th March, 2024`` as ModernGov writes it."""
    suffix = "th" if 11 <= day.day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day.day % 10, "th")
    return f"{day:%A}, {day.day}{suffix} {day:%B}, {day.year}"


def short_date(day: date) -> str:
    """``12/03/2024``."""
    return f"{day:%d/%m/%Y}"


def plain_date(day: date) -> str:
    """``12 March 2024``."""
    return f"{day.day} {day:%B %Y}"


#: Service sections of a council website: (slug, title, intro, [(slug, title, text)]).
SERVICES: list[tuple[str, str, str, list[tuple[str, str, str]]]] = [
    ("bins-and-recycling", "Bins and recycling", "Collection days, missed bins, garden waste and recycling centres.", [
        ("find-your-bin-collection-day", "Find your bin collection day",
         "Enter your postcode to find out which bins are collected on which day. Put your bins out by 6.30am."),
        ("report-a-missed-bin", "Report a missed bin",
         "Tell us if your bin was not emptied on your collection day. Please wait until 5pm before reporting."),
        ("garden-waste-collections", "Garden waste collections",
         "Subscribe to the garden waste service for fortnightly collections from March to November."),
        ("household-waste-recycling-centres", "Household waste recycling centres",
         "Opening times of the recycling centres and what you can take there. Booking is not needed."),
    ]),
    ("council-tax", "Council tax", "Pay, check your band, apply for a discount or tell us you are moving.", [
        ("pay-your-council-tax", "Pay your council tax",
         "Pay online, by direct debit in 10 or 12 monthly instalments, or by phone using our automated line."),
        ("council-tax-bands-and-charges", "Council tax bands and charges",
         "The charge for each valuation band this year, including the parish precepts."),
        ("discounts-and-exemptions", "Discounts and exemptions",
         "You may get a 25% discount if you live alone, and some properties are exempt."),
    ]),
    ("planning-and-building-control", "Planning and building control",
     "Search applications, comment on a proposal and find out if you need permission.", [
        ("search-and-comment-on-planning-applications", "Search and comment on planning applications",
         "Find an application by reference, address or date, and send us your comments before the deadline."),
        ("do-i-need-planning-permission", "Do I need planning permission?",
         "Many small extensions and alterations are permitted development. Check before you build."),
        ("local-plan", "Local plan", "The local plan sets out where new homes and jobs will go until 2040."),
    ]),
    ("housing", "Housing", "Apply for council housing, get help if you are homeless, and private renting.", [
        ("apply-for-housing", "Apply for housing", "Join the housing register to bid for council and housing "
         "association homes."),
        ("homelessness", "Homeless or at risk of homelessness",
         "Contact us as early as possible if you are worried about losing your home."),
        ("private-renting", "Private renting", "Advice for tenants and landlords, and how to report disrepair."),
    ]),
    ("parking-and-roads", "Parking and roads", "Permits, penalty charge notices, car parks and road works.", [
        ("pay-a-parking-fine", "Pay a parking fine", "Pay a penalty charge notice within 14 days to pay the "
         "reduced rate."),
        ("resident-parking-permits", "Resident parking permits", "Apply for or renew a resident permit."),
        ("car-parks", "Car parks", "Locations, tariffs and opening times of our car parks."),
    ]),
    ("leisure-and-culture", "Leisure and culture", "Parks, libraries, museums, events and leisure centres.", [
        ("parks-and-open-spaces", "Parks and open spaces", "Find a park, play area or nature reserve near you."),
        ("libraries", "Libraries", "Join the library, renew books online and find opening times."),
        ("events", "What's on", "Markets, festivals and events in the district this season."),
    ]),
]

#: "Top tasks" every council site puts in its header or on its home page.
TOP_TASKS = [("report-it", "Report it"), ("pay-for-it", "Pay for it"), ("apply-for-it", "Apply for it")]

TASK_LINKS = {
    "report-it": [("bins-and-recycling", "report-a-missed-bin", "Report a missed bin"),
                  ("housing", "private-renting", "Report disrepair in a rented home")],
    "pay-for-it": [("council-tax", "pay-your-council-tax", "Pay your council tax"),
                   ("parking-and-roads", "pay-a-parking-fine", "Pay a parking fine")],
    "apply-for-it": [("housing", "apply-for-housing", "Apply for housing"),
                     ("parking-and-roads", "resident-parking-permits", "Apply for a parking permit"),
                     ("bins-and-recycling", "garden-waste-collections", "Apply for garden waste collections")],
}

#: Footer pages: (slug, title, text).
FOOTER_PAGES = [
    ("accessibility-statement", "Accessibility statement",
     "This website is run by the council. We want as many people as possible to be able to use it. You should "
     "be able to zoom in up to 300% without the text spilling off the screen and navigate most of the website "
     "using just a keyboard."),
    ("privacy-notice", "Privacy notice",
     "This notice explains how the council collects, uses and shares your personal information, and your "
     "rights under data protection law. Each service has its own privacy notice with more detail."),
    ("cookies", "Cookies", "We use essential cookies to make this site work, and analytics cookies if you accept "
     "them. You can change your cookie settings at any time."),
    ("contact-us", "Contact us", "Call us on 01234 567890, Monday to Friday, 9am to 5pm, or use our online forms. "
     "Our customer service centre is at the Civic Centre."),
    ("jobs-and-careers", "Jobs and careers", "Search current vacancies, find out about working for us and our "
     "apprenticeship scheme."),
    ("complaints-and-compliments", "Complaints and compliments",
     "Tell us if you are unhappy with a service, or if someone has done a good job."),
    ("freedom-of-information", "Freedom of information",
     "Ask for information we hold. We will reply within 20 working days."),
    ("terms-and-conditions", "Terms and conditions", "The terms of use of this website."),
]

#: News articles: (slug, title, text).
NEWS = [
    ("new-recycling-centre-opening-hours", "New recycling centre opening hours from April",
     "The household waste recycling centres will open from 8am to 6pm in summer and 8am to 4pm in winter."),
    ("budget-set-for-the-coming-year", "Budget set for the coming year",
     "Councillors have agreed the budget and council tax for the coming year at the budget meeting."),
    ("have-your-say-on-the-local-plan", "Have your say on the local plan",
     "A six-week consultation on the draft local plan starts on Monday. Drop-in events are being held in "
     "libraries."),
    ("free-tree-planting-scheme", "Free trees for community groups",
     "Community groups can apply for free trees to plant this winter as part of the tree strategy."),
    ("christmas-bin-collections", "Changes to bin collections over Christmas",
     "Collections will be a day later than usual in the weeks of Christmas and New Year."),
]

SOCIAL = [("https://www.facebook.com/{handle}", "Facebook"), ("https://x.com/{handle}", "X (formerly Twitter)"),
          ("https://www.instagram.com/{handle}/", "Instagram"), ("https://www.youtube.com/@{handle}", "YouTube"),
          ("https://www.linkedin.com/company/{handle}", "LinkedIn")]


def social(handle: str) -> tuple[tuple[str, str], ...]:
    """The council's social media accounts (external links)."""
    return tuple((href.format(handle=handle), text) for href, text in SOCIAL)


def filler_sections(topic: str) -> list[tuple[str, list[str]]]:
    """A short report's sections for agenda item ``topic`` (report PDFs on meeting pages)."""
    return [
        ("Purpose of the report", [f"To ask members to consider the report on {topic.lower()}."]),
        ("Recommendations", ["That the committee notes the report and agrees the recommendations set out in "
                             "paragraph 4."]),
        ("Background", ["The matter was last considered by the committee twelve months ago. Since then officers "
                        "have reviewed the arrangements and consulted the relevant portfolio holder.",
                        "The financial implications are set out in section 6 and are contained within the "
                        "approved budget."]),
        ("Legal implications", ["There are no legal implications arising directly from this report."]),
    ]
