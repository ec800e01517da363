"""The public site's weight at the UK's size (issue 18, point 4): every council of the registry published, a council
page under 50 KB, the home page under 200 KB; also for a council with a long history and many long clauses."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.publish import seed_published, synthetic_councils
from publish.build import publish_site
from registry import load_registry
from rules.taxonomy import ACTIVITIES, CONDITIONS, PERMISSION, PROHIBITED
from store.policies import publish
from store.records import Evidence, PolicyEntry

COUNCIL_PAGE_LIMIT, HOME_LIMIT = 50_000, 200_000
LONG_CLAUSE = "Members of the public may not film, record or photograph the proceedings of any meeting " * 40


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    from store import open_db

    folder = tmp_path_factory.mktemp("weight")
    db = open_db(folder / "ocm.db")
    councils = synthetic_councils(len(load_registry(None)[0]))
    seed_published(db, councils)
    worst = councils[0].code  # thirty changes of every activity, each with six long clauses and every condition
    for night in range(30):
        for activity in ACTIVITIES:
            verdict = (PERMISSION, PROHIBITED)[night % 2]
            clauses = tuple(Evidence(f"{night} {LONG_CLAUSE}", night + 1, "https://example.gov.uk/c.pdf", verdict)
                            for _ in range(6))
            publish(db, worst, PolicyEntry(activity, verdict, CONDITIONS, clauses, True), None, "Reviewer",
                    f"2026-11-{1 + night % 28:02d}T09:{night:02d}:00+00:00")
    publish_site(db, folder / "site")
    db.close()
    return folder / "site"


def test_every_council_of_the_registry_has_its_page(site):
    registered = {c.code for c in load_registry(None)[0]}
    pages = {p.parent.name for p in (site / "council").glob("*/index.html")}
    assert pages == registered


def test_a_council_page_weighs_under_50_kb_even_with_a_long_history(site):
    sizes = {p.parent.name: p.stat().st_size for p in (site / "council").glob("*/index.html")}
    heaviest = max(sizes, key=sizes.get)
    assert sizes[heaviest] < COUNCIL_PAGE_LIMIT, (heaviest, sizes[heaviest])
    worst = sorted(c.code for c in synthetic_councils(1))[0]
    assert heaviest == worst  # the long history is the heaviest: the limit was tested where it bites


def test_the_home_page_weighs_under_200_kb(site):
    assert (site / "index.html").stat().st_size < HOME_LIMIT
    assert (site / "search.json").stat().st_size < HOME_LIMIT
