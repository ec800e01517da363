"""The public static site: plain HTML and one CSS file, a little JavaScript for search, usable without it.

`write_site(data, out)` writes every page of `PublicData` into `out`: the home page (search, totals, chart by
nation, A to Z), a page per council (`council/CODE/index.html`, its Atom feed and, for an English council in
conflict with the 2014 Regulations, a letter), a page per nation, the explanation page, the feed of every change
and the search index. Jinja2 autoescapes every template: council texts are data, never markup. Links are
relative, so the folder works behind any web server, under any path.
"""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from clock import LONDON
from publish.chart import verdict_chart
from publish.feeds import ALL_COUNCILS_LIMIT, atom_feed
from publish.law import LAW, law_of, nation_slug
from publish.letters import letter_text, needs_letter
from publish.licence import DATASET_LICENCE_NAME, DATASET_LICENCE_URL, DISCLAIMER
from publish.public import PublicCouncil, PublicData
from publish.words import (
    MEANING,
    activity_words,
    condition_text,
    conditions_sentence,
    law_note,
    lead,
    short,
)
from rules.taxonomy import ACTIVITIES, CONDITIONS, COUNCIL_VERDICTS
from store.records import Evidence

HERE = Path(__file__).resolve().parent
STATIC = ("site.css", "search.js", "copy.js")
SAFE_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$")  # a council code that is a safe path segment
HISTORY_LIMIT = 10  # changes shown on a council's page (changes.csv has them all)
DECIDING_LIMIT = 2000  # characters of the deciding clause shown (clauses are sentences; a runaway one is cut)
CLIP = 400  # characters of any other clause shown: the further clauses and those of the history
MORE_CLAUSES = 3  # further clauses shown beside the deciding one (published.json has them all)


def _web(url: Any) -> bool:
    """Only http(s) addresses become links (never `javascript:` or the like)."""
    return bool(url) and urlsplit(str(url)).scheme in ("http", "https")


def _page_link(url: str, page: int | None) -> str:
    return f"{url}#page={page}" if page and urlsplit(url).path.lower().endswith(".pdf") else url


def _short_url(url: str) -> str:
    parts = urlsplit(url)
    path = parts.path if len(parts.path) <= 48 else parts.path[:22] + "..." + parts.path[-22:]
    return parts.netloc + path


def _day(moment: str | None) -> str:
    """A stored UTC time as the day it was in London: "5 December 2026"."""
    if not moment:
        return ""
    day = datetime.fromisoformat(moment).astimezone(LONDON)
    return f"{day.day} {day:%B %Y}"


def _clip(text: str, limit: int = CLIP) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " [...]"


def _deciding_first(evidence: Sequence[Evidence]) -> list[Evidence]:
    """The quoted clauses with those that decide the verdict first (older quotes, not marked, keep their order)."""
    return sorted(evidence, key=lambda e: not e.decides)


def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True, trim_blocks=True,
                      lstrip_blocks=True, undefined=StrictUndefined)
    env.filters.update(
        slug=nation_slug, short=short, web=_web, page_link=_page_link, short_url=_short_url, day=_day, clip=_clip,
        cssname=lambda v: v if v in COUNCIL_VERDICTS else "unknown",
        title_of=lambda a: activity_words(a).title, lead=lead, condition_text=condition_text,
        conditions_sentence=conditions_sentence, law_note=law_note, deciding_first=_deciding_first)
    return env


class SiteWriter:
    """Renders the pages of one publication into a folder."""

    def __init__(self, data: PublicData, out: Path, base_url: str = "") -> None:
        self.data, self.out, self.base_url = data, out, base_url.rstrip("/") + "/" if base_url else ""
        self.env = environment()
        self.councils = [c for c in data.councils if SAFE_CODE.match(c.code)]
        self.local_councils: dict[str, list[PublicCouncil]] = {}  # by their principal council's code
        for council in self.councils:
            if council.local and council.parent:
                self.local_councils.setdefault(council.parent, []).append(council)
        self.common = {"nations": data.nations(), "disclaimer": DISCLAIMER, "generated": _day(data.generated_at),
                       "licence_url": DATASET_LICENCE_URL, "licence_name": DATASET_LICENCE_NAME}

    def page(self, template: str, path: str, root: str | None = None, **context: Any) -> None:
        """Render `template` to `path`; its links are relative to `root` (by default, the page's own depth)."""
        root = "../" * path.count("/") if root is None else root
        target = self.out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        html = self.env.get_template(template).render(**self.common, root=root, **context)
        target.write_text(html, encoding="utf-8")

    def write(self) -> None:
        for name in STATIC:
            shutil.copyfile(HERE / "static" / name, self.out / name)
        self.home()
        self.page("about.html", "about/index.html", verdicts=[(v, MEANING[v]) for v in COUNCIL_VERDICTS],
                  conditions=[condition_text("filming", c) for c in CONDITIONS], laws=list(LAW.values()))
        self.page("missing.html", "404.html", root=self.base_url or "/")  # served at any address
        for nation in self.data.nations():
            self.nation(nation)
        for council in self.councils:
            self.council(council)
        self.search_index()
        self.feed()

    def home(self) -> None:
        published = [c for c in self.councils if c.published]
        by_nation = {n: Counter(e.verdict for c in published if c.nation == n for e in c.entries.values())
                     for n in self.data.nations()}
        by_nation = {n: counts for n, counts in by_nation.items() if counts}
        totals = [(activity_words(a).title, [(v, n) for v in COUNCIL_VERDICTS if (n := sum(
            1 for c in published if a in c.entries and c.entries[a].verdict == v))]) for a in ACTIVITIES]
        letters: dict[str, list[PublicCouncil]] = {}
        for council in (c for c in self.councils if not c.local):
            first = council.name[:1].upper()
            letters.setdefault(first if first.isalpha() else "#", []).append(council)
        self.page("home.html", "index.html", published=len(published), total=len(self.councils),
                  conflicts=sum(1 for c in published if needs_letter(c)),
                  totals=[(a, counts) for a, counts in totals if counts],
                  local=sum(1 for c in self.councils if c.local),
                  chart=Markup(verdict_chart(by_nation, short)) if by_nation else "",  # escaped parts, publish/chart.py
                  letters=sorted(letters.items()))

    def nation(self, nation: str) -> None:
        councils = [c for c in self.councils if c.nation == nation]
        principal = [c for c in councils if not c.local]
        self.page("nation.html", f"nation/{nation_slug(nation)}/index.html", nation=nation, law=law_of(nation),
                  councils=councils, published=[c for c in principal if c.published],
                  unpublished=[c for c in principal if not c.published],
                  local=[c for c in councils if c.local], local_published=sum(1 for c in councils
                                                                             if c.local and c.published),
                  conflicts=[c for c in councils if needs_letter(c)], activities=ACTIVITIES)

    def council(self, council: PublicCouncil) -> None:
        folder = f"council/{council.code}"
        letter = needs_letter(council)
        local = self.local_councils.get(council.code, [])
        if local:
            self.page("local.html", f"{folder}/local/index.html", council=council, local=local,
                      activities=ACTIVITIES)
        self.page("council.html", f"{folder}/index.html", council=council, law=law_of(council.nation),
                  letter=letter, local=local, history_limit=HISTORY_LIMIT, deciding_limit=DECIDING_LIMIT,
                  clip_limit=CLIP, more_clauses=MORE_CLAUSES)
        if letter:
            self.page("letter.html", f"{folder}/letter/index.html", council=council,
                      text=letter_text(council, _day(self.data.generated_at)))
        changes = [(change, council, self.base_url + f"{folder}/") for change in council.changes]
        (self.out / folder / "feed.xml").write_bytes(atom_feed(
            f"Changes at {council.name}", f"council/{council.code}", self.base_url + f"{folder}/feed.xml",
            self.base_url + f"{folder}/", self._updated(council.changes[0].at if council.changes else None),
            changes))

    def feed(self) -> None:
        councils = {c.code: c for c in self.councils}
        changes = [(change, councils[change.council_code], self.base_url + f"council/{change.council_code}/")
                   for change in self.data.changes if change.council_code in councils][:ALL_COUNCILS_LIMIT]
        (self.out / "feed.xml").write_bytes(atom_feed(
            "Open Council Meetings: changes at every council", "all", self.base_url + "feed.xml",
            self.base_url or "index.html", self._updated(changes[0][0].at if changes else None), changes))

    def _updated(self, latest: str | None) -> str:
        return latest or self.data.generated_at

    def search_index(self) -> None:
        index = {"generated_at": self.data.generated_at, "councils": [
            {"code": c.code, "name": c.name, "place": c.place, "nation": c.nation, "gss": c.gss_code,
             "url": f"council/{c.code}/index.html"} for c in self.councils]}
        (self.out / "search.json").write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")),
                                              encoding="utf-8")


def write_site(data: PublicData, out: Path, base_url: str = "") -> None:
    """Every page of the public site into `out` (which exists and is empty)."""
    SiteWriter(data, out, base_url).write()
