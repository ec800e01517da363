"""The public site in a real browser (issue 18, points 1 and 4): Debian's Chromium driven by Playwright, against the
published folder served on 127.0.0.1 (`publish.serve`, as `ocm publish --serve` serves it), with every council of
the registry published."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest

from bench.publish import seed_published, synthetic_councils
from publish.build import publish_site
from publish.serve import site_server
from registry import load_registry
from rules.taxonomy import CHAIR_CONSENT, ENGLAND, FILMING, PERMISSION, WALES
from store import open_db
from store.councils import upsert_councils
from store.policies import publish
from store.records import Evidence, PolicyEntry
from tests.axe import axe_violations, describe
from tests.browser import served

pytestmark = pytest.mark.e2e  # a real browser against a live server: out of the fast loop

ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE = 'Filming only with the consent of the Chair. <script>alert("x")</script> <img src=x onerror=alert(1)>'


@pytest.fixture(scope="module")
def councils():
    return synthetic_councils(len(load_registry(None)[0]))


@pytest.fixture(scope="module")
def english(councils):
    """An English council whose filming rule conflicts with the 2014 Regulations, quoting hostile markup."""
    return next(c for c in councils if c.nation == ENGLAND)


@pytest.fixture(scope="module")
def server(tmp_path_factory, councils, english) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("public")
    db = open_db(folder / "ocm.db")
    seed_published(db, councils)
    publish(db, english.code, PolicyEntry(FILMING, PERMISSION, (CHAIR_CONSENT,), (Evidence(
        HOSTILE, 7, "https://example.gov.uk/constitution.pdf", PERMISSION),), True), None, "Ann Reviewer",
        "2026-12-01T09:00:00+00:00")
    publish_site(db, folder / "site")
    db.close()
    with served(site_server(folder / "site")) as base:
        yield base


def new_page(browser, server: str, javascript: bool = True, width: int = 1280):
    context = browser.new_context(base_url=server, java_script_enabled=javascript,
                                  viewport={"width": width, "height": 800})
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    tab.on("dialog", lambda dialog: (errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    tab.errors = errors  # type: ignore[attr-defined]
    return tab


@pytest.fixture
def page(browser, server):
    tab = new_page(browser, server)
    yield tab
    tab.context.close()


def test_type_part_of_a_name_into_the_search_and_reach_the_council(page, councils):
    wales = next(c for c in councils if c.nation == WALES)
    part = wales.name.split()[0] if len(wales.name.split()[0]) > 3 else wales.name[:8]
    page.goto("/")
    page.get_by_label("Find your council by name, place or code").fill(part.lower()[:-1])
    page.get_by_role("list", name="Search results").get_by_role("link", name=wales.name, exact=True).click()
    page.wait_for_url(f"**/council/{wales.code}/index.html")
    assert page.get_by_role("heading", level=1).inner_text() == wales.name
    assert "No law gives the public a right to film or record council meetings in Wales" in page.content()
    assert page.errors == []


def test_the_search_finds_a_council_by_its_code_and_says_how_many_match(page, english):
    page.goto("/")
    page.get_by_label("Find your council by name, place or code").fill(english.code)
    results = page.get_by_role("list", name="Search results")
    assert results.get_by_role("link", name=english.name, exact=True).is_visible()
    assert "match" in page.locator("#search-status").inner_text()
    page.get_by_label("Find your council by name, place or code").fill("zzqx no such place")
    page.get_by_text("No council matches").wait_for()
    page.get_by_label("Find your council by name, place or code").fill(english.code)
    page.keyboard.press("Enter")  # Enter takes the first match
    page.wait_for_url(f"**/council/{english.code}/index.html")


def test_without_javascript_the_a_to_z_reaches_the_council(browser, server, english):
    tab = new_page(browser, server, javascript=False)
    try:
        tab.goto("/")
        assert not tab.get_by_label("Find your council by name, place or code").is_visible()  # no dead search box
        letter = english.name[0].upper()
        tab.get_by_role("link", name=letter, exact=True).click()
        tab.get_by_role("link", name=english.name, exact=True).click()
        tab.wait_for_url(f"**/council/{english.code}/index.html")
        assert tab.get_by_role("heading", level=1).inner_text() == english.name
        assert "You may film the meeting only with permission." in tab.content()
        assert "This conflicts with the law." in tab.content()
    finally:
        tab.context.close()


def test_the_feeds_parse_as_atom_with_entries(page, english):
    for address in ("/feed.xml", f"/council/{english.code}/feed.xml"):
        response = page.request.get(address)
        assert response.ok, address
        root = ET.fromstring(response.body())
        assert root.tag == f"{ATOM}feed"
        entries = root.findall(f"{ATOM}entry")
        assert entries and all(e.find(f"{ATOM}id") is not None and e.find(f"{ATOM}updated") is not None
                               for e in entries)
    assert HOSTILE in ET.fromstring(page.request.get(f"/council/{english.code}/feed.xml").body()).find(
        f"{ATOM}entry").find(f"{ATOM}summary").text


def pages(english) -> dict[str, str]:
    return {"home": "/", "council": f"/council/{english.code}/index.html", "nation": "/nation/england/index.html",
            "explanation": "/about/index.html", "letter": f"/council/{english.code}/letter/index.html",
            "not found": "/council/NOPE/"}


def test_axe_core_finds_no_violation_on_any_page_template(page, english):
    for name, address in pages(english).items():
        page.goto(address)
        assert axe_violations(page) == [], f"{name}:\n" + describe(axe_violations(page))
        if name != "not found":  # whose 404 the console reports
            assert page.errors == [], name  # nothing failed to load, and the hostile clause ran no script


def test_every_page_is_usable_at_360_px_without_sideways_scrolling(browser, server, english):
    tab = new_page(browser, server, width=360)
    try:
        for name, address in pages(english).items():
            tab.goto(address)
            width = tab.evaluate("document.documentElement.scrollWidth")
            assert width <= 360, f"{name} is {width} px wide at 360 px"
    finally:
        tab.context.close()


def test_the_letter_is_ready_to_copy(browser, server, english):
    tab = new_page(browser, server)
    try:
        tab.context.grant_permissions(["clipboard-read", "clipboard-write"])
        tab.goto(f"/council/{english.code}/letter/index.html")
        letter = tab.get_by_label("The letter").input_value()
        assert f"To the Monitoring Officer, {english.name}" in letter and HOSTILE in letter
        tab.get_by_role("button", name="Copy the letter").click()
        tab.get_by_text("Copied.").wait_for()
        assert tab.evaluate("navigator.clipboard.readText()") == letter
    finally:
        tab.context.close()


@pytest.fixture(scope="module")
def local_server(tmp_path_factory) -> Iterator[str]:
    """A principal council with two local councils in its area (a registry CSV says so), one published."""
    folder = tmp_path_factory.mktemp("local")
    registry = folder / "registry.csv"
    registry.write_text(
        "local_authority_code,name,nation,website,nice_name,tier,parent,no_website_reason\n"
        "PRN,Principal District Council,England,https://principal.example/,Principal,,,\n"
        "LC1,Ashby Parish Council,England,https://ashby.example/,Ashby,local,PRN,\n"
        "LC2,Bramley Town Council,England,,Bramley,local,PRN,the council has no website\n", encoding="utf-8")
    db = open_db(folder / "ocm.db")
    councils = load_registry(registry)[0]
    seed_published(db, [c for c in councils if c.code != "LC2"])
    upsert_councils(db, [c for c in councils if c.code == "LC2"])
    publish_site(db, folder / "site", registry=registry)
    db.close()
    with served(site_server(folder / "site")) as base:
        yield base


def test_local_councils_pages_pass_axe_core_and_fit_360_px(browser, local_server):
    tab = new_page(browser, local_server, width=360)
    try:
        tab.goto("/council/PRN/index.html")
        tab.get_by_role("link", name="The 2 parish, town and community councils in its area").click()
        tab.get_by_role("link", name="Bramley Town Council").click()
        assert "We cannot read this council's rules: the council has no website." in tab.content()
        for address in ("/council/PRN/local/index.html", "/council/LC1/index.html", "/council/LC2/index.html"):
            tab.goto(address)
            assert axe_violations(tab) == [], f"{address}:\n" + describe(axe_violations(tab))
            assert tab.evaluate("document.documentElement.scrollWidth") <= 360, address
        assert tab.errors == []
    finally:
        tab.context.close()
