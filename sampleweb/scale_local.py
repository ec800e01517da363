"""The local councils of the sample web at scale: about 11,600 fictional parish, town and community councils.

Each is a small site run by a clerk, as real ones are: a WordPress site (a "Policies" page of file blocks linking
``/wp-content/uploads/...`` PDFs) or a parish-website provider's layout (a "Council documents" page linking
``/uploads/<code>/...``). Their documents, like real ones, are mostly the national model standing orders adopted
word for word (``content/model-standing-orders-en.txt`` in England, ``-cy`` in Wales: fictional wording); a few
councils publish a recording policy of their own (a page naming the council, so no two are alike), a few
publish only documents that say nothing about recording, and a few have no website at all.

Everything is a pure function of the council's index and the seed: nothing is held per council beyond its
small record, and its pages are built when asked for (see ``sampleweb.scale.ScaleWeb``).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from html import escape

from . import html
from .texts import Document, Section, parts, sections

# What a local council publishes about recording at its meetings.
MODEL = "model"  # the national model standing orders, word for word
OWN = "own"  # standing orders silent on recording, and a recording policy page of its own
SILENT = "silent"  # documents that say nothing about recording
NO_WEBSITE = "no_website"
#: How often each case occurs among local councils (the model is by far the most common).
CASE_WEIGHTS = {MODEL: 86, OWN: 6, SILENT: 5, NO_WEBSITE: 3}
NO_WEBSITE_REASON = "the council publishes no website (its clerk posts notices on the village noticeboard)"

# Pool PDF kinds of local councils (``sampleweb.scale.build_pool`` renders and caches them).
MODEL_EN, MODEL_CY, SILENT_ORDERS, POLICIES = "model-en", "model-cy", "silent-orders", "policies"
LOCAL_KINDS = (MODEL_EN, MODEL_CY, SILENT_ORDERS, POLICIES)
LOCAL_SIZES = (5, 10, 20, 30, 40)  # pages of the documents that vary in length (the model has one length)
MODEL_PAGES = 20
#: England about 10,000 parish and town councils, Wales about 730 community and town councils.
LOCAL_NATIONS = {"England": 93.7, "Wales": 6.3}
WORDPRESS, PROVIDER = "wordpress", "provider"

_PREFIXES = ("", "Great ", "Little ", "North ", "South ", "East ", "West ", "Upper ", "Lower ", "Long ",
             "Old ", "High ", "Nether ", "Market ", "Church ", "Bishop's ", "Kings ", "Monks ", "Stoke ", "Sutton ")
_ROOTS = ("Ash", "Bram", "Cold", "Dun", "Elm", "Fen", "Glen", "Hart", "Ivy", "Lang", "Mill", "Nor", "Oak",
          "Pen", "Red", "Stan", "Thorn", "Yarn", "Brack", "Crow", "Hol", "Whit", "Bex", "Chal", "Dray", "Farn",
          "Gold", "Hurst", "Kirk", "Lind", "Marl", "Ned", "Ock", "Pil", "Quen", "Rud", "Shel", "Tad", "Wen")
_ENDINGS = ("ford", "ley", "bury", "wick", "ton", "mere", "dale", "brook", "field", "holm", "by", "stow",
            "combe", "marsh", "wood", "gate", "haven", "moor", "thorpe", "worth", "ham", "cott")


@dataclass(frozen=True)
class LocalCouncil:
    """One generated local council: register fields, its parent, site layout and what its documents say."""

    index: int
    code: str
    name: str
    nice_name: str
    nation: str
    type: str
    parent: str
    layout: str
    case: str
    orders_size: int  # pages of its standing orders when they are not the model
    policies_size: int  # pages of its financial regulations and other policies

    @property
    def has_website(self) -> bool:
        return self.case != NO_WEBSITE

    @property
    def pool_parts(self) -> tuple[tuple[str, str, int, str], ...]:
        """Its PDFs: (path, pool kind, pool size, link text)."""
        if not self.has_website:
            return ()
        if self.case == MODEL:
            orders = (MODEL_EN if self.nation == "England" else MODEL_CY, MODEL_PAGES)
        else:
            orders = (SILENT_ORDERS, self.orders_size)
        year = 2019 + self.index % 5
        if self.layout == WORDPRESS:
            month = 1 + self.index % 12
            base = f"/wp-content/uploads/{year}/{month:02d}"
            return ((f"{base}/Standing-Orders-{year}.pdf", *orders, f"Standing Orders {year}"),
                    (f"{base}/Financial-Regulations.pdf", POLICIES, self.policies_size, "Financial Regulations"))
        base = f"/uploads/{self.code.lower()}/documents"
        return ((f"{base}/standing-orders-adopted-{year}.pdf", *orders, f"Standing Orders (adopted {year})"),
                (f"{base}/financial-regulations.pdf", POLICIES, self.policies_size, "Financial Regulations"))


def local_councils(count: int, parents: dict[str, list[str]], seed: int) -> list[LocalCouncil]:
    """``count`` local councils (deterministic), each under one of ``parents`` (nation -> principal codes of
    councils with local councils in their area), nations in the real proportions."""
    rng = random.Random(seed + 19)
    nations = [n for n in LOCAL_NATIONS if parents.get(n)]
    weights = [LOCAL_NATIONS[n] for n in nations]
    cases, case_weights = zip(*CASE_WEIGHTS.items(), strict=True)
    out = []
    for index in range(1, count + 1):
        nation = rng.choices(nations, weights)[0]
        place = (rng.choice(_PREFIXES) + rng.choice(_ROOTS) + rng.choice(_ENDINGS)).strip()
        town = rng.random() < 0.08
        kind = "Town Council" if town else "Community Council" if nation == "Wales" else "Parish Council"
        out.append(LocalCouncil(
            index=index, code=f"ZL{index:05d}", name=f"{place} {kind}", nice_name=place, nation=nation,
            type=kind.replace(" Council", " council"), parent=rng.choice(parents[nation]),
            layout=WORDPRESS if rng.random() < 0.6 else PROVIDER, case=rng.choices(cases, case_weights)[0],
            orders_size=rng.choice(LOCAL_SIZES), policies_size=rng.choice(LOCAL_SIZES)))
    return out


# --- Documents -------------------------------------------------------------------------------------

def local_document(kind: str, pages: int) -> Document:
    """A pool document of a local council's kind, of about ``pages`` pages (about 2,900 characters a page)."""
    if kind in (MODEL_EN, MODEL_CY):
        body, _ = sections("model-standing-orders-" + ("en" if kind == MODEL_EN else "cy"))
        appendix = [Section(f"Appendix: {s.heading}", s.paragraphs) for s in _policies()]
        return Document("", "Model Standing Orders", _padded(body, appendix, pages))
    if kind == SILENT_ORDERS:
        body, _ = sections("model-standing-orders-en")
        silent = [Section(s.heading, [p for p in s.paragraphs if not _about_recording(p)]) for s in body]
        return Document("", "Standing Orders", _padded(silent, _policies(), pages))
    return Document("", "Financial Regulations and Policies", _padded([], _policies(), pages))


def _about_recording(paragraph: str) -> bool:
    return any(word in paragraph for word in ("film", "photograph", "recording", "report"))


def _policies() -> list[Section]:
    return [s for body in parts("local-council-policies").values() for s in body]


def _padded(head: list[Section], filler: list[Section], pages: int) -> list[Section]:
    """``head`` then as many rounds of ``filler`` as make about ``pages`` pages."""
    size = sum(len(p) for s in head for p in s.paragraphs)
    per_round = max(1, sum(len(p) for s in filler for p in s.paragraphs))
    rounds = max(0, round((pages * 2_900 - size) / per_round))
    return head + [Section(s.heading, s.paragraphs) for _ in range(rounds) for s in filler]


# --- Pages -----------------------------------------------------------------------------------------

def own_policy(council: LocalCouncil) -> list[str]:
    """The recording policy a council wrote itself: its own name in it, so no two councils' texts are alike."""
    return [f"{council.name} welcomes members of the public to its meetings.",
            f"Anyone who wishes to film, photograph or record a meeting of {council.name} must tell the Clerk by "
            "noon on the working day before the meeting. Recording must not disrupt the meeting.",
            "The Chairman will announce at the start of the meeting that it is being recorded."]


def local_pages(council: LocalCouncil) -> dict[str, bytes]:
    """The HTML pages of a local council's site, by path (its PDFs come from the pool)."""
    pdfs = [(path, title) for path, _kind, _size, title in council.pool_parts]
    own = [("/filming-and-recording-at-meetings/", "Filming and recording at meetings")] if council.case == OWN else []
    if council.layout == WORDPRESS:
        nav = [("/", "Home"), ("/about-the-council/", "About the Council"), ("/meetings/", "Meetings"),
               ("/policies/", "Policies"), ("/news/", "News"), ("/contact/", "Contact")]
        documents = "/policies/"
        listing = "".join(_file_block(href, title) for href, title in pdfs) + html.links(own)
    else:
        nav = [("/", "Home"), ("/council-meetings", "Council Meetings"), ("/council-documents", "Council Documents"),
               ("/councillors", "Councillors"), ("/contact", "Contact the Clerk")]
        documents = "/council-documents"
        listing = html.links([*pdfs, *own], "documents-list")
    name = council.name

    def page(title: str, main: str) -> bytes:
        return html.page(name, title, main, nav, crumbs=[])

    meetings = "/meetings/" if council.layout == WORDPRESS else "/council-meetings"
    found = {
        "/": page(f"Welcome to {name}", f"<p>{escape(name)} serves the people of {escape(council.nice_name)}.</p>"
                  + html.links(nav[1:])),
        documents: page("Policies" if council.layout == WORDPRESS else "Council Documents",
                        "<p>The council's adopted policies and procedures.</p>" + listing),
        meetings: page("Meetings", "<p>The council meets on the second Tuesday of each month at 7.30pm in the "
                       "village hall. Agendas are posted on the noticeboard three clear days before.</p>"),
    }
    for path, title in nav:
        found.setdefault(path, page(title, f"<p>{escape(title)} of {escape(name)}.</p>"))
    if own:
        found[own[0][0]] = page(own[0][1], html.paragraphs(own_policy(council)))
    return found


def _file_block(href: str, title: str) -> str:
    """WordPress's file block: the link, then its "Download" button."""
    return (f'<div class="wp-block-file"><a href="{escape(href)}">{escape(title)}</a>'
            f'<a href="{escape(href)}" class="wp-block-file__button wp-element-button" download>Download</a></div>')

