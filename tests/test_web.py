"""The web review page in-process (Flask's test client): login, queue order, decisions, escaping, CSRF."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from review.kinds import POLICY_CHANGE, SOURCE_GONE, WORDING_CHANGE
from review.web import create_app
from review.web.app import THROTTLE
from review.web.diff import ADDED, REMOVED, word_diff
from review.web.sessionkey import SECRET_KEY_ENV, key_file, session_key
from review.web.throttle import MAX_WAIT_S, NAME_AT_ADDRESS, LoginThrottle
from rules.taxonomy import ALLOWED, CHAIR_CONSENT, FILMING, NOTICE, PERMISSION, PHOTOGRAPHY, PROHIBITED
from store.events import list_events
from store.flags import get_flag, raise_flag
from store.policies import published_policy
from store.records import DerivedEntry, Evidence, GoneSource, PublishedEntry
from tests.test_changes import NOW, PROTOCOL
from tests.webseed import HOSTILE, PASSWORD, REVIEWER, fast_hashing, seed_new_council  # noqa: F401 (fixture)

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def app(db_path, db, council):
    return create_app(db_path, secret_key="test-only-key", testing=True)


@pytest.fixture
def client(app):
    return app.test_client()


def token(client, path: str) -> str:
    match = TOKEN.search(client.get(path).get_data(as_text=True))
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def login(client, name: str = REVIEWER, password: str = PASSWORD):
    return client.post("/login", data={"name": name, "password": password, "csrf_token": token(client, "/login")})


def logged_in(client):
    assert login(client).status_code == 302
    return client


def entry(verdict: str, quote: str, snapshot_id: int = 1, record: type[DerivedEntry | PublishedEntry] = DerivedEntry):
    """A proposed entry for filming (or, with `record=PublishedEntry`, a published one) quoting `quote`."""
    return record(activity=FILMING, verdict=verdict, conditions=(), conflicts_with_statute=False,
                  evidence=(Evidence(quote=quote, page=1, source_url=PROTOCOL, snapshot_id=snapshot_id),))


def test_every_page_needs_a_login(client, db):
    flag_id = seed_new_council(db)
    for path in ("/", f"/flag/{flag_id}", "/council/TST", "/snapshot/1"):
        response = client.get(path)
        assert response.status_code == 302 and response.headers["Location"].startswith("/login?next=")
    refused = client.post(f"/flag/{flag_id}/confirm", data={"csrf_token": token(client, "/login")})
    assert refused.status_code == 302 and get_flag(db, flag_id).status == "pending"


def test_wrong_password_or_name_is_refused(client, db):
    seed_new_council(db)
    for name, password in ((REVIEWER, "wrong password"), ("Nobody", PASSWORD)):
        response = login(client, name, password)
        assert response.status_code == 401 and "do not match" in response.get_data(as_text=True)
        assert client.get("/").status_code == 302


def test_repeated_failed_logins_slow_that_name_down_for_a_while(app, client, db):
    seed_new_council(db)
    now = [1000.0]
    app.extensions[THROTTLE].clock = lambda: now[0]
    for _ in range(NAME_AT_ADDRESS.free):
        assert login(client, REVIEWER, "a guess").status_code == 401
    refused = login(client, f"  {REVIEWER.upper()} ")  # the right password, the same name in another case
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) == 1
    assert "Too many failed logins" in refused.get_data(as_text=True) and client.get("/").status_code == 302
    now[0] += 1.5
    assert login(client).status_code == 302  # the wait has passed


def test_a_successful_login_clears_the_count_of_failures(app, client, db):
    seed_new_council(db)
    for _ in range(NAME_AT_ADDRESS.free - 1):
        assert login(client, REVIEWER, "a guess").status_code == 401
    assert login(client).status_code == 302
    client.post("/logout", data={"csrf_token": token(client, "/")})
    for _ in range(NAME_AT_ADDRESS.free - 1):
        assert login(client, REVIEWER, "a guess").status_code == 401
    assert login(client).status_code == 302


def test_login_returns_to_the_page_asked_for_but_never_to_another_site(client, db):
    seed_new_council(db)
    for wanted, lands in (("/council/TST", "/council/TST"), ("//evil.example.com/", "/"),
                          ("https://evil.example.com/", "/")):
        data = {"name": REVIEWER, "password": PASSWORD, "csrf_token": token(client, "/login"), "next": wanted}
        assert client.post("/login", data=data).headers["Location"] == lands  # a new session, a new token


def test_session_cookie_is_httponly_and_samesite_lax(client, db):
    seed_new_council(db)
    cookie = login(client).headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_queue_is_most_important_first(client, db):
    seed_new_council(db)
    ids = {}
    for kind, activity, source in ((WORDING_CHANGE, PHOTOGRAPHY, None), (SOURCE_GONE, None, 1),
                                   (POLICY_CHANGE, FILMING, None)):
        after = (GoneSource(url=PROTOCOL, kind="protocol", last_status=404, last_error="HTTP 404",
                            consecutive_failures=1, last_success=NOW) if kind == SOURCE_GONE
                 else replace(entry(ALLOWED, f"{kind} clause"), activity=activity))
        ids[kind] = raise_flag(db, council="TST", kind=kind, activity=activity, source_id=source,
                               before=entry(NOTICE, "old clause", record=PublishedEntry), after=after, fingerprint=kind,
                               run_id=None, now=NOW)
    page = logged_in(client).get("/").get_data(as_text=True)
    order = [page.index(f"Review #{ids[k]}<") for k in (POLICY_CHANGE, SOURCE_GONE, WORDING_CHANGE)]
    new_council = page.index("First answers found")
    assert order[0] < order[1] < new_council < order[2]


def test_confirm_publishes_and_writes_an_event(client, db):
    flag_id = seed_new_council(db)
    logged_in(client)
    page = client.get(f"/flag/{flag_id}").get_data(as_text=True)
    assert "Confirm: publish this" in page and "Reject: keep what is published" in page
    response = client.post(f"/flag/{flag_id}/confirm", data={"csrf_token": TOKEN.search(page).group(1)})
    assert response.status_code == 303 and response.headers["Location"] == f"/?previous={flag_id}"  # none left
    assert f"Back to flag #{flag_id} (confirmed" in client.get(response.headers["Location"]).get_data(as_text=True)
    assert published_policy(db, "TST")[FILMING].reviewer == REVIEWER
    (event,) = list_events(db, flag_id=flag_id)
    assert (event.action, event.reviewer, event.council) == ("confirm", REVIEWER, "TST")
    assert event.snapshots.after == (1,) and event.classifier_version == "test"
    council = client.get("/council/TST").get_data(as_text=True)
    assert f"Reviewed by {REVIEWER}" in council and "chose <strong>confirm</strong>" in council


def test_reject_needs_a_note_and_writes_an_event(client, db):
    flag_id = seed_new_council(db)
    logged_in(client)
    csrf = token(client, f"/flag/{flag_id}")
    assert client.post(f"/flag/{flag_id}/reject", data={"csrf_token": csrf, "note": " "}).status_code == 409
    assert list_events(db, flag_id=flag_id) == []
    client.post(f"/flag/{flag_id}/reject", data={"csrf_token": csrf, "note": "webcast only"})
    (event,) = list_events(db, flag_id=flag_id)
    assert (event.action, event.note) == ("reject", "webcast only")
    assert published_policy(db, "TST") == {}


def test_correct_publishes_the_reviewers_verdict_and_writes_an_event(client, db):
    flag_id = seed_new_council(db)
    logged_in(client)
    form = {"csrf_token": token(client, f"/flag/{flag_id}"), "activity": FILMING, "verdict": PERMISSION,
            "condition": [CHAIR_CONSENT], "note": "consent of the Chair is needed"}
    assert client.post(f"/flag/{flag_id}/correct", data=form).status_code == 303
    published = published_policy(db, "TST")
    assert (published[FILMING].verdict, published[FILMING].conditions) == (PERMISSION, (CHAIR_CONSENT,))
    assert published[FILMING].corrected and published[FILMING].basis == (1,)
    assert published[PHOTOGRAPHY].verdict == ALLOWED and not published[PHOTOGRAPHY].corrected
    (event,) = list_events(db, flag_id=flag_id)
    assert (event.action, event.activity) == ("correct", FILMING)
    assert event.after[FILMING].verdict == PERMISSION
    bad = {**form, "verdict": "maybe"}
    other = seed_second_flag(db)
    assert client.post(f"/flag/{other}/correct", data=bad).status_code == 409


def seed_second_flag(db) -> int:
    return raise_flag(db, council="TST", kind=POLICY_CHANGE, activity=FILMING, before=None,
                      after=entry(PROHIBITED, "Filming is prohibited."), fingerprint="x", run_id=None, now=NOW)


def test_scraped_markup_is_shown_as_text(client, db):
    flag_id = seed_new_council(db, HOSTILE)
    raise_flag(db, council="TST", kind=POLICY_CHANGE, activity=PHOTOGRAPHY,
               before=entry(ALLOWED, "<b>old</b>", record=PublishedEntry), after=entry(ALLOWED, HOSTILE),
               fingerprint="h", run_id=None, now=NOW)
    logged_in(client)
    pages = [client.get(p).get_data(as_text=True) for p in (f"/flag/{flag_id}", f"/flag/{flag_id + 1}",
                                                               "/snapshot/1")]
    for page in pages:
        assert "<script>alert" not in page and "<img src=x" not in page
        assert "&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;" in page
    assert "<ins>" in pages[1] and "&lt;b&gt;old&lt;/b&gt;" in pages[1]


def test_word_diff_escapes_before_marking_words():
    left, right = word_diff("Filming <b>is</b> permitted", "Filming is <i>not</i> permitted")
    assert str(left) == "Filming " + REMOVED.format("&lt;b&gt;is&lt;/b&gt;") + " permitted"
    assert str(right) == "Filming " + ADDED.format("is &lt;i&gt;not&lt;/i&gt;") + " permitted"
    assert "[removed: " in REMOVED and "[added: " in ADDED


def test_a_form_without_its_csrf_token_is_refused(client, db):
    flag_id = seed_new_council(db)
    logged_in(client)
    response = client.post(f"/flag/{flag_id}/confirm", data={"note": "no token"})
    assert response.status_code == 400 and "Form refused" in response.get_data(as_text=True)
    assert get_flag(db, flag_id).status == "pending" and list_events(db) == []
    assert client.post("/login", data={"name": REVIEWER, "password": PASSWORD}).status_code == 400


def test_snapshot_page_shows_the_stored_text_and_its_hashes(client, db):
    seed_new_council(db, "Filming is permitted at all meetings.")
    page = logged_in(client).get("/snapshot/1").get_data(as_text=True)
    snapshot = db.execute("SELECT bytes_sha256, text_sha256 FROM snapshot WHERE id = 1").fetchone()
    assert "Filming is permitted at all meetings." in page and PROTOCOL in page
    assert snapshot[0] in page and snapshot[1] in page and "<dt>Pages</dt><dd>1</dd>" in page
    assert client.get("/snapshot/999").status_code == 404
    assert client.get("/flag/999").status_code == 404


def test_secret_key_comes_from_the_environment_or_is_generated_once(db_path, db, monkeypatch):
    monkeypatch.delenv(SECRET_KEY_ENV, raising=False)
    first = session_key(db_path)
    assert len(first) == 64 and session_key(db_path) == first == key_file(db_path).read_text().strip()
    monkeypatch.setenv(SECRET_KEY_ENV, "from-the-environment")
    assert create_app(db_path).secret_key == "from-the-environment"


def test_the_failed_login_count_stays_bounded_under_guesses_at_new_names():
    now = [0.0]
    throttle = LoginThrottle(clock=lambda: now[0], max_keys=6)
    for _ in range(NAME_AT_ADDRESS.free):
        throttle.failed("10.0.0.1", "ann")
    for address in ("10.0.0.2", "10.0.0.3", "10.0.0.4"):
        now[0] += MAX_WAIT_S
        throttle.failed(address, address)  # three keys each: the name at the address, the address, the name
    # Only 6 keys are counted: "ann", waiting but the least recently failed, was forgotten first.
    assert throttle.retry_after("10.0.0.1", "ann") == (0, "")
    for _ in range(NAME_AT_ADDRESS.free):
        throttle.failed("10.0.0.4", "10.0.0.4")
    assert throttle.retry_after("10.0.0.4", "10.0.0.4")[0] > 0  # a name still being guessed stays counted


def test_an_ipv6_client_is_counted_by_its_64_and_a_mapped_ipv4_as_itself():
    throttle = LoginThrottle(clock=lambda: 0.0)
    for host in range(NAME_AT_ADDRESS.free):  # a host's other addresses in its /64 are the same client
        throttle.failed(f"2001:db8:1:2::{host + 1}", "ann")
    assert throttle.retry_after("2001:db8:1:2:ffff::9", "ann")[0] > 0
    assert throttle.retry_after("2001:db8:1:3::1", "ann") == (0, "")  # another /64 is another client
    for _ in range(NAME_AT_ADDRESS.free):
        throttle.failed("::ffff:192.0.2.7", "bob")
    assert throttle.retry_after("192.0.2.7", "bob")[0] > 0
