"""The web review page in a real browser: Debian's Chromium driven by Playwright, against a live server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from werkzeug.serving import make_server

from review.web import create_app
from rules.taxonomy import ALLOWED, FILMING, PERMISSION
from store.events import list_events
from store.flags import get_flag
from store.policies import published_policy
from tests.browser import served
from tests.test_changes import PROTOCOL, findings, night, store_text
from tests.webseed import HOSTILE, PASSWORD, REVIEWER, fast_hashing, seed_new_council  # noqa: F401 (fixture)

pytestmark = pytest.mark.e2e  # a real browser against a live server: out of the fast loop



@pytest.fixture
def server(db_path, db, council) -> Iterator[str]:
    """The review app on 127.0.0.1 with a free port, served from a thread."""
    live = make_server("127.0.0.1", 0, create_app(db_path, secret_key="browser-test-key"), threaded=True)
    with served(live) as base:
        yield base


@pytest.fixture
def page(browser, server):
    context = browser.new_context(base_url=server)
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    dialogs: list[str] = []
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    tab.dialogs = dialogs  # type: ignore[attr-defined]  # what any script managed to pop up
    yield tab
    context.close()


def log_in(page, start: str = "/") -> None:
    page.goto(start)  # redirected to the login form, then back here
    page.get_by_label("Your reviewer name").fill(REVIEWER)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_text(f"Logged in as {REVIEWER}.").wait_for()


def filming_heading(page):
    return page.get_by_role("heading", name="filming:").inner_text()


def test_log_in_confirm_a_change_and_see_it_published(page, db):
    first = seed_new_council(db, "Filming is permitted.")
    log_in(page, f"/flag/{first}")
    page.get_by_role("button", name="Confirm: publish this").click()
    page.get_by_role("link", name=f"Back to flag #{first}", exact=False).wait_for()  # nothing left: the queue
    page.goto("/council/TST")
    assert "allowed" in filming_heading(page)
    text = "Filming is permitted with the consent of the Chair."
    store_text(db, PROTOCOL, text, findings(PERMISSION, text))
    (change,) = night(db)
    page.goto("/")
    page.get_by_role("link", name=f"Review #{change.id}").click()
    assert page.locator(".diff ins").first.text_content() == "[added: permitted with the consent of the Chair.]"
    assert page.locator(".diff del").first.text_content() == "[removed: permitted.]"
    page.get_by_role("button", name="Confirm: publish this").click()
    page.get_by_text(f"Confirmed #{change.id}").wait_for()
    page.goto("/council/TST")
    assert "permission" in filming_heading(page)
    assert published_policy(db, "TST")[FILMING].verdict == PERMISSION
    assert [e.action for e in list_events(db, "TST")] == ["confirm", "confirm"]


def test_script_in_scraped_text_is_inert(page, db):
    flag_id = seed_new_council(db, HOSTILE)
    log_in(page)
    for path in (f"/flag/{flag_id}", "/snapshot/1"):
        page.goto(path)
        page.get_by_text("<script>alert('pwned')</script>", exact=False).first.wait_for()
        assert page.locator("main script").count() == 0 and page.locator("main img").count() == 0
    page.wait_for_timeout(200)
    assert page.dialogs == []  # type: ignore[attr-defined]


def test_a_form_without_its_csrf_token_is_refused(page, db):
    flag_id = seed_new_council(db)
    log_in(page)
    page.goto(f"/flag/{flag_id}")
    page.evaluate("document.querySelectorAll('input[name=csrf_token]').forEach(e => e.remove())")
    with page.expect_response(lambda r: r.url.endswith(f"/flag/{flag_id}/confirm")) as posted:
        page.get_by_role("button", name="Confirm: publish this").click()
    assert posted.value.status == 400
    page.get_by_role("heading", name="Form refused").wait_for()
    assert get_flag(db, flag_id).status == "pending" and list_events(db) == []
    assert getattr(published_policy(db, "TST").get(FILMING), "verdict", None) != ALLOWED


def test_a_copied_session_cookie_stops_working_after_logout(page, browser, server, db):
    seed_new_council(db)
    log_in(page)
    copy = browser.new_context(base_url=server)
    copy.add_cookies(page.context.cookies())
    other = copy.new_page()
    other.goto("/")
    other.get_by_role("heading", name="Changes waiting for review").wait_for()
    page.get_by_role("button", name="Log out").click()
    page.get_by_text("Logged out.").wait_for()
    other.goto("/")
    other.get_by_role("heading", name="Log in to review").wait_for()
    other.get_by_text("Your session has ended").wait_for()
    copy.close()


def test_the_content_security_policy_stops_injected_script_and_hostile_links_are_text(page, db):
    from registry import Council
    from store.councils import upsert_councils

    seed_new_council(db)
    upsert_councils(db, [Council(code="TST", name="Testshire County Council", nation="England",
                                 website="javascript:alert('from the registry')")])
    log_in(page, "/council/TST")
    page.get_by_text("not a web address: javascript:alert('from the registry')").wait_for()
    assert page.locator("a[href^='javascript' i]").count() == 0
    violations = page.evaluate("""() => new Promise(resolve => {
        const seen = [];
        document.addEventListener('securitypolicyviolation', e => seen.push(e.violatedDirective));
        const script = document.createElement('script');
        script.textContent = "alert('injected')";
        document.body.appendChild(script);
        setTimeout(() => resolve(seen), 200);
    })""")
    assert violations and all(v.startswith("script-src") for v in violations)
    assert page.dialogs == []  # type: ignore[attr-defined]
