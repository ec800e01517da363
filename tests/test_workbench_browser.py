"""The reviewers' workbench in Chromium: the change and the decision on the first screen, keyboard shortcuts, the
next flag after a decision, clearing a first night of new councils, and every page template accessible at desktop
and phone widths. Measurements are printed (run with -s to read them)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from review.kinds import CONFLICT, POLICY_CHANGE, RECLASSIFIED, SOURCE_GONE
from review.templates import decisions
from rules.taxonomy import CONFLICTING, FILMING, PHOTOGRAPHY, PROHIBITED
from store.events import list_events
from store.flags import PENDING, get_flag, list_flags, raise_flag
from store.policies import published_policy
from store.records import GoneSource
from tests.axe import axe_violations, describe
from tests.test_changes import NOW, PROTOCOL
from tests.test_web_browser import log_in, server  # noqa: F401 (fixture)
from tests.webseed import fast_hashing, seed_new_councils, seed_one_clause_change  # noqa: F401 (fixture)

pytestmark = pytest.mark.e2e  # a real browser against a live server: out of the fast loop

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 800}
# The one clause of the many-clause protocol that changes, and how.
OLD, NEW = "at least 24 hours before", "at least 48 hours before"


def open_page(browser, server, viewport=DESKTOP, javascript: bool = True):  # noqa: F811 (fixture names)
    context = browser.new_context(base_url=server, viewport=viewport, java_script_enabled=javascript)
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    return tab


def confirm_button(tab):
    return tab.get_by_role("button", name="Confirm: publish this")


def shown(locator) -> str:
    """The element's text as seen, without the words only screen readers get."""
    return locator.evaluate("""e => { const copy = e.cloneNode(true);
        copy.querySelectorAll('.visually-hidden').forEach(h => h.remove()); return copy.textContent.trim(); }""")


def screens_to(tab, locator, viewport) -> float:
    """How many screens down the bottom of the element is, after load (1.0: the bottom of the first screen)."""
    box = locator.bounding_box()
    return round((box["y"] + box["height"]) / viewport["height"], 2)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_one_clause_change_shows_first_with_the_decision_beside_it(browser, server, db, viewport):  # noqa: F811
    flags = seed_one_clause_change(db, OLD, NEW)
    tab = open_page(browser, server, viewport)
    log_in(tab, f"/flag/{flags[0]}")
    summary = tab.locator("h1").inner_text()
    assert "Testshire County Council" in summary and "filming" in summary
    pairs = tab.locator("ol.pairs > li")
    assert pairs.count() == 1  # only the changed clause, diffed against its own counterpart
    assert shown(tab.locator("ol.pairs del")) == "24" and shown(tab.locator("ol.pairs ins")) == "48"
    assert "removed" in tab.locator("ol.pairs del").text_content()  # read out, not seen
    assert "added" in tab.locator("ol.pairs ins").text_content()
    unchanged = tab.locator("details.unchanged")
    assert not unchanged.evaluate("d => d.open") and "unchanged clauses" in unchanged.locator("summary").inner_text()
    to_change = screens_to(tab, tab.locator("ol.pairs ins"), viewport)
    to_confirm = screens_to(tab, confirm_button(tab), viewport)
    print(f"\n{viewport['width']}x{viewport['height']}: first change {to_change} screens, Confirm {to_confirm} screens")
    if viewport == DESKTOP:
        assert confirm_button(tab).bounding_box()["y"] + confirm_button(tab).bounding_box()["height"] < 800
        assert to_change < 1
    assert tab.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    tab.get_by_role("link", name="Whole documents before and after, changes marked").click()
    change = tab.locator("#change-1")
    assert "48" in change.inner_text() and "24" in change.inner_text()
    tab.get_by_role("link", name="Go to the first change").click()
    assert tab.evaluate("location.hash") == "#change-1"
    tab.context.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_new_councils_decision_is_on_the_first_desktop_screen(browser, server, db, viewport):  # noqa: F811
    (flag_id,) = seed_new_councils(db, 1)
    tab = open_page(browser, server, viewport)
    log_in(tab, f"/flag/{flag_id}")
    assert tab.locator(".summary-line").inner_text().count(":") == 4  # every activity's answer in one line
    to_confirm = screens_to(tab, confirm_button(tab), viewport)
    print(f"\nnew council, {viewport['width']}x{viewport['height']}: Confirm {to_confirm} screens")
    if viewport == DESKTOP:
        assert to_confirm < 1
    assert tab.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    tab.context.close()


def test_tab_presses_to_confirm_are_few_and_links_say_where_they_go(browser, server, db):  # noqa: F811
    flags = seed_one_clause_change(db, OLD, NEW)
    tab = open_page(browser, server)
    log_in(tab, f"/flag/{flags[0]}")
    names = tab.locator("main a").evaluate_all("links => links.map(a => a.innerText.trim())")
    assert names and not [n for n in names if n in ("the council's document", "the text we stored", "here", "link")]
    assert any(n.startswith("Stored text of Testshire County Council protocol, page ") for n in names)
    presses = 0
    while presses < 60:
        tab.keyboard.press("Tab")
        presses += 1
        if tab.evaluate("document.activeElement.textContent.trim()") == "Confirm: publish this":
            break
    print(f"\nTab presses to Confirm: {presses}")
    assert presses < 31  # the issue counted 31
    tab.goto(f"/flag/{flags[0]}")
    keys = ["Tab", "Tab", "Enter", "Tab", "Tab"]  # to the skip link to the decision, through it, past the note
    for key in keys:
        tab.keyboard.press(key)
    assert tab.evaluate("document.activeElement.textContent.trim()") == "Confirm: publish this"
    print(f"with the skip link to the decision: {len(keys)} keys")
    ring = tab.evaluate("""() => { const s = getComputedStyle(document.activeElement);
                                    return [s.outlineStyle, s.outlineWidth, s.outlineColor]; }""")
    assert ring[0] == "solid" and float(ring[1].rstrip("px")) >= 2
    assert contrast(ring[2], "rgb(255, 255, 255)") >= 3  # against the white page around the button
    tab.context.close()


def contrast(one: str, other: str) -> float:
    """WCAG contrast ratio of two `rgb(r, g, b)` colours."""
    def luminance(colour: str) -> float:
        channels = [int(c) / 255 for c in colour[colour.index("(") + 1:colour.index(")")].split(",")[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_keys_confirm_reject_and_move_on_with_a_way_back(browser, server, db):  # noqa: F811
    flags = seed_one_clause_change(db, OLD, NEW)
    assert len(flags) >= 3, "the changed clause should flag several activities"
    tab = open_page(browser, server)
    log_in(tab, f"/flag/{flags[0]}")
    tab.get_by_text("Keys: c confirm · r reject · n next flag").wait_for(state="visible")
    tab.keyboard.press("n")
    tab.wait_for_url(f"**/flag/{flags[1]}")
    tab.keyboard.press("c")
    tab.get_by_text(f"Confirmed #{flags[1]}", exact=False).wait_for()
    assert get_flag(db, flags[1]).status == "confirmed"
    following = tab.url.split("/flag/")[1].split("?")[0]
    assert int(following) in flags and int(following) != flags[1]
    tab.get_by_role("link", name=f"Back to flag #{flags[1]}", exact=False).wait_for()
    tab.get_by_text("Keys: c confirm", exact=False).wait_for(state="visible")  # the script has run
    tab.keyboard.press("r")
    assert tab.evaluate("document.activeElement.id") == "reject-note"
    tab.keyboard.type("the notice period is advice, not a rule change")
    tab.keyboard.press("Control+Enter")
    tab.get_by_text(f"Rejected #{following}", exact=False).wait_for()
    assert get_flag(db, int(following)).status == "rejected"
    tab.context.close()


def test_without_javascript_the_page_still_decides(browser, server, db):  # noqa: F811
    flags = seed_one_clause_change(db, OLD, NEW)
    tab = open_page(browser, server, javascript=False)
    log_in(tab, f"/flag/{flags[0]}")
    assert not tab.get_by_text("Keys: c confirm", exact=False).is_visible()  # no promise the page cannot keep
    confirm_button(tab).click()
    tab.get_by_text(f"Confirmed #{flags[0]}", exact=False).wait_for()
    assert get_flag(db, flags[0]).status == "confirmed"
    tab.context.close()


FIRST_NIGHT = 50


@pytest.mark.parametrize("way", ["bulk", "keys", "keys, no shared texts"])
def test_a_first_night_of_new_councils_clears_in_under_two_actions_a_flag(browser, server, db, way):  # noqa: F811
    flags = seed_new_councils(db, FIRST_NIGHT, shared=way != "keys, no shared texts")
    assert len(flags) == FIRST_NIGHT
    tab = open_page(browser, server)
    log_in(tab)
    actions = 0
    if way == "bulk":
        tab.get_by_role("link", name="New councils read with high confidence", exact=False).click()
        actions += 1
        rows = tab.locator("table.queue tbody tr")
        shared_texts = decisions(list_flags(db, PENDING))  # one row a text; confirming all confirms every flag
        assert rows.count() == len(shared_texts) < FIRST_NIGHT and "First answers found" in rows.first.inner_text()
        assert tab.locator("table.queue tbody tr").first.locator("ul.proposed li").count() == 4
        tab.get_by_role("button", name=f"Confirm all {FIRST_NIGHT}", exact=False).click()
        actions += 1
        tab.get_by_text("Confirmed", exact=False).first.wait_for()
    else:  # one flag after another; where councils share a text, one decision confirms them all
        tab.get_by_role("link", name="Review #", exact=False).first.click()
        actions += 1
        tab.wait_for_url("**/flag/*")
        while list_flags(db, PENDING):
            before = tab.url
            tab.get_by_text("Keys: c confirm", exact=False).wait_for(state="visible")  # not an action: a wait
            tab.keyboard.press("c")
            actions += 1
            tab.wait_for_url(lambda url, before=before: url != before)
            assert actions <= 2 * FIRST_NIGHT, "the keys do not move the queue on"
    assert list_flags(db, PENDING) == []
    confirmed = [e for e in list_events(db) if e.action == "confirm"]
    assert len({e.flag_id for e in confirmed}) == FIRST_NIGHT  # one audit event per flag
    assert all(published_policy(db, f"C{i:03d}") for i in range(FIRST_NIGHT))
    per_flag = actions / FIRST_NIGHT
    print(f"\n{way}: {actions} clicks and keystrokes for {FIRST_NIGHT} new-council flags ({per_flag:.2f} a flag)")
    assert per_flag < 2
    tab.context.close()


def seed_every_kind(db) -> dict[str, str]:
    """A page of every template with something on it: the paths to visit, by name."""
    wording = seed_one_clause_change(db, OLD, NEW)
    (new_council,) = seed_new_councils(db, 1)
    flag = get_flag(db, wording[0])
    others = {}
    for kind, activity, after in (
        (POLICY_CHANGE, FILMING, replace(flag.after, verdict=PROHIBITED)),
        (CONFLICT, PHOTOGRAPHY, replace(flag.after, activity=PHOTOGRAPHY, verdict=CONFLICTING)),
        (RECLASSIFIED, FILMING, replace(flag.after, conditions=())),
        (SOURCE_GONE, None, GoneSource(url=PROTOCOL, kind="protocol", last_status=404, last_error="HTTP 404",
                                       consecutive_failures=1, last_success=NOW)),
    ):
        others[kind] = raise_flag(db, council="TST", kind=kind, activity=activity, source_id=1 if kind == SOURCE_GONE
                                  else None, before=flag.before, after=after, fingerprint=kind, run_id=None, now=NOW)
    db.execute("UPDATE source SET consecutive_failures = 2, last_error = 'HTTP 500' WHERE id = 1")
    db.conn.commit()
    paths = {"queue": "/", "council": "/council/TST", "councils": "/councils", "history": "/history",
             "snapshot": "/snapshot/2", "documents": f"/flag/{wording[0]}/documents", "error": "/flag/99999",
             "flag new_council": f"/flag/{new_council}", "flag wording_change": f"/flag/{wording[0]}"}
    paths.update({f"flag {kind}": f"/flag/{flag_id}" for kind, flag_id in others.items()})
    return paths


PAGES = ["queue", "council", "councils", "history", "snapshot", "documents", "error", "flag new_council",
         "flag wording_change", f"flag {POLICY_CHANGE}", f"flag {CONFLICT}", f"flag {RECLASSIFIED}",
         f"flag {SOURCE_GONE}", "login"]


@pytest.mark.parametrize("name", PAGES)
def test_every_page_template_is_accessible_and_fits_a_phone(browser, server, db, name):  # noqa: F811
    paths = seed_every_kind(db)
    for viewport in (DESKTOP, PHONE):
        tab = open_page(browser, server, viewport)
        if name == "login":
            tab.goto("/login")
        else:
            log_in(tab, paths[name])
        assert axe_violations(tab) == [], describe(axe_violations(tab))
        width = tab.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"], f"{name} scrolls sideways at {viewport['width']} px: {width} px wide"
        tab.context.close()
