"""The review page against a hostile client and a careless deployment: stolen and stale session cookies, a
TLS-terminating proxy, password guessing, open redirects, framing and sniffing, hostile addresses in the store,
a public bind, and where the session key is kept. Every attack runs against the real app (Flask's test client)."""

from __future__ import annotations

import html
import logging
import os
import re
import stat
from dataclasses import replace
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from click.testing import CliRunner
from sqlite_utils import Database

from cli import main
from registry import Council, load_registry
from review.accounts import change_password, create_reviewer, remove
from review.kinds import POLICY_CHANGE, SOURCE_GONE
from review.web import create_app, sessions
from review.web.app import THROTTLE
from review.web.headers import CONTENT_SECURITY_POLICY
from review.web.serving import is_loopback, plain_http_warning
from review.web.sessionkey import SECRET_KEY_ENV, SessionKeyError, key_file, session_key
from review.web.throttle import ADDRESS, MAX_WAIT_S, NAME, NAME_AT_ADDRESS
from review.web.urls import link, safe_next, web_address
from rules.taxonomy import ALLOWED, FILMING, PHOTOGRAPHY
from store import open_db
from store.councils import upsert_councils
from store.events import list_events
from store.flags import get_flag, raise_flag
from store.records import Evidence, GoneSource
from store.schema import MIGRATIONS
from tests.hostile.conftest import write_registry
from tests.test_changes import NOW, PROTOCOL, findings, store_text
from tests.test_web import entry, login, token
from tests.webseed import PASSWORD, REVIEWER, fast_hashing, seed_new_council  # noqa: F401 (fixture)

OTHER = "Bob Reviewer"
NEW_PASSWORD = "a brand new passphrase"
EVIL = "evil.example"
HOSTILE_ADDRESSES = ("javascript:alert(document.cookie)", "JaVaScRiPt:alert(1)", " javascript:alert(1)",
                     "java\tscript:alert(1)", "\x01javascript:alert(1)", "javascript://example.org/%0aalert(1)",
                     "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "http:alert(1)",
                     "//evil.example/", "https://\tevil.example/", "https://evil.example/\\@good.example/")


@pytest.fixture
def app(db_path, db, council):
    return create_app(db_path, secret_key="test-only-key", testing=True)


@pytest.fixture
def proxied(db_path, db, council):
    """The app as `ocm serve --behind-proxy` runs it."""
    return create_app(db_path, secret_key="test-only-key", testing=True, behind_proxy=True)


@pytest.fixture
def clock(app, monkeypatch):
    """The throttle's and the sessions' clocks, moved by hand."""
    now = [1_000_000.0]
    app.extensions[THROTTLE].clock = lambda: now[0]
    monkeypatch.setattr(sessions, "now", lambda: now[0])
    return now


def session_cookie(client) -> str:
    cookie = client.get_cookie("session")
    assert cookie is not None, "no session cookie"
    return cookie.value


def thief(app, cookie: str):
    """Another browser, holding a copy of a reviewer's session cookie."""
    other = app.test_client()
    other.set_cookie("session", cookie)
    return other


def decide_with(client, flag_id: int):
    """Confirm a flag with the CSRF token of the page the client is shown (if it is shown the page at all)."""
    page = client.get(f"/flag/{flag_id}")
    found = re.search(r'name="csrf_token" value="([^"]+)"', page.get_data(as_text=True))
    return client.post(f"/flag/{flag_id}/confirm", data={"csrf_token": found.group(1) if found else ""})


def refused(client, db, flag_id: int) -> bool:
    """The client is sent to log in, and nothing it posts is decided."""
    shown = client.get("/")
    posted = decide_with(client, flag_id)
    return (shown.status_code == 302 and shown.headers["Location"].startswith("/login")
            and posted.status_code in (302, 400) and get_flag(db, flag_id).status == "pending"
            and list_events(db, flag_id=flag_id) == [])


# --- Sessions end when they should ------------------------------------------------------------------------

def test_a_cookie_reused_after_logout_is_refused(app, db):
    flag_id = seed_new_council(db)
    client = app.test_client()
    assert login(client).status_code == 302
    stolen = session_cookie(client)
    assert thief(app, stolen).get("/").status_code == 200  # the copy works while the session lasts
    client.post("/logout", data={"csrf_token": token(client, "/")})
    assert refused(thief(app, stolen), db, flag_id)


def test_logout_ends_the_reviewers_sessions_in_other_browsers_too(app, db):
    flag_id = seed_new_council(db)
    laptop, phone = app.test_client(), app.test_client()
    assert login(laptop).status_code == 302 and login(phone).status_code == 302
    laptop.post("/logout", data={"csrf_token": token(laptop, "/")})
    assert phone.get("/").status_code == 302
    assert "Your session has ended: please log in again." in phone.get("/login").get_data(as_text=True)
    assert refused(phone, db, flag_id)


def test_a_cookie_reused_after_a_password_change_is_refused(app, db, db_path):
    flag_id = seed_new_council(db)
    client = app.test_client()
    login(client)
    stolen = session_cookie(client)
    result = CliRunner().invoke(main, ["reviewers", "passwd", REVIEWER, "--db", str(db_path)],
                                input=f"{NEW_PASSWORD}\n{NEW_PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert "open sessions have ended" in result.output
    assert refused(thief(app, stolen), db, flag_id) and refused(client, db, flag_id)
    fresh = app.test_client()
    assert login(fresh).status_code == 401 and login(fresh, REVIEWER, NEW_PASSWORD).status_code == 302
    assert decide_with(fresh, flag_id).status_code == 303


def test_a_removed_reviewer_can_no_longer_act_and_keeps_their_name_in_the_audit_trail(app, db, db_path):
    flag_id = seed_new_council(db)
    create_reviewer(db, OTHER, PASSWORD)
    client = app.test_client()
    login(client)
    assert decide_with(client, flag_id).status_code == 303
    later = raise_flag(db, council="TST", kind=POLICY_CHANGE, activity=PHOTOGRAPHY, before=None,
                       after=entry(ALLOWED, "Photography is permitted."), fingerprint="p", run_id=None, now=NOW)
    stolen = session_cookie(client)
    result = CliRunner().invoke(main, ["reviewers", "remove", REVIEWER, "--db", str(db_path)])
    assert result.exit_code == 0 and "removed" in result.output
    assert refused(client, db, later) and refused(thief(app, stolen), db, later)
    assert login(app.test_client()).status_code == 401
    (event,) = list_events(db, flag_id=flag_id)
    assert event.reviewer == REVIEWER and get_flag(db, flag_id).reviewer == REVIEWER
    colleague = app.test_client()
    login(colleague, OTHER, PASSWORD)
    assert f"{REVIEWER} chose <strong>confirm</strong>" in colleague.get("/council/TST").get_data(as_text=True)
    # Added again under the same name, the reviewer has a new session token: the old cookie stays dead.
    create_reviewer(db, REVIEWER, PASSWORD)
    assert refused(thief(app, stolen), db, later)
    again = CliRunner().invoke(main, ["reviewers", "remove", "Nobody", "--db", str(db_path)])
    assert again.exit_code == 1 and "no reviewer 'Nobody'" in again.output


def test_the_reviewer_is_reloaded_on_every_request(app, db):
    seed_new_council(db)
    client = app.test_client()
    login(client)
    assert f"Logged in as <strong>{REVIEWER}</strong>" in client.get("/").get_data(as_text=True)
    change_password(db, REVIEWER, NEW_PASSWORD)  # between two requests of the same session
    assert client.get("/").status_code == 302
    assert "Logged in as" not in client.get("/login").get_data(as_text=True)


def test_an_idle_or_old_session_ends(app, db, clock):
    seed_new_council(db)
    client = app.test_client()
    login(client)
    clock[0] += sessions.IDLE_S - 60
    assert client.get("/").status_code == 200  # in use: its last use moves on
    for _ in range(sessions.LIFETIME_S // (sessions.IDLE_S - 60)):
        clock[0] += sessions.IDLE_S - 60
        client.get("/")
    assert client.get("/").status_code == 302  # busy all along, but logged in longer than a session lasts
    login(client)
    clock[0] += sessions.IDLE_S + 1
    assert client.get("/").status_code == 302  # left idle


def test_a_forged_or_tampered_cookie_is_refused(app, db):
    seed_new_council(db)
    client = app.test_client()
    login(client)
    cookie = session_cookie(client)
    payload, signature = cookie.rsplit(".", 1)
    assert thief(app, f"{payload}.{signature[::-1]}").get("/").status_code == 302
    other_key = create_app(app.config["DB_PATH"], secret_key="another-key", testing=True).test_client()
    other_key.set_cookie("session", cookie)
    assert other_key.get("/").status_code == 302


def test_a_store_from_before_session_tokens_gets_one_per_reviewer_and_loses_its_session_key(tmp_path):
    path = tmp_path / "old.db"
    old = Database(path)
    for number, step in enumerate(MIGRATIONS[:7], start=1):
        step(old)
        old.execute(f"PRAGMA user_version = {number}")
    old.execute("INSERT INTO reviewer (name, password_hash, created_at) VALUES ('Ann', 'x', ?)", [NOW])
    old.execute("INSERT INTO setting (name, value, updated_at) VALUES ('web_secret_key', 'k' || hex(randomblob(32)),"
                " ?)", [NOW])
    old.conn.commit()
    old.close()
    db = open_db(path)
    (ann,) = db.execute("SELECT session_token FROM reviewer").fetchall()
    assert len(ann[0]) == 32 and db.execute("SELECT count(*) FROM setting").fetchone()[0] == 0
    db.close()


# --- Cookies: Secure over HTTPS, behind a proxy only when told ------------------------------------------

def cookie_header(response) -> str:
    found = [v for k, v in response.headers.items() if k == "Set-Cookie" and v.startswith("session=")]
    assert found, "no session cookie set"
    return found[-1]


def test_cookies_are_secure_over_https_and_behind_the_configured_proxy(app, proxied, db):
    seed_new_council(db)
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9", "X-Forwarded-Host": "review.example"}
    behind = proxied.test_client()
    page = behind.get("/login", headers=forwarded)
    assert "; Secure" in cookie_header(page) and page.headers["Strict-Transport-Security"].startswith("max-age=")
    csrf = token(behind, "/login")
    posted = behind.post("/login", headers={**forwarded, "Referer": "https://review.example/login"},
                         data={"name": REVIEWER, "password": PASSWORD, "csrf_token": csrf})
    assert posted.status_code == 302 and "; Secure" in cookie_header(posted)
    for header in ("HttpOnly", "SameSite=Lax"):
        assert header in cookie_header(posted)
    assert "; Secure" not in cookie_header(proxied.test_client().get("/login"))  # plain HTTP: no Secure
    # Without the proxy setting, anyone's X-Forwarded-Proto is ignored: the request is plain HTTP.
    direct = app.test_client().get("/login", headers=forwarded)
    assert "; Secure" not in cookie_header(direct) and "Strict-Transport-Security" not in direct.headers
    # Served over HTTPS directly, the cookie is Secure without any setting.
    assert "; Secure" in cookie_header(app.test_client().get("/login", base_url="https://localhost"))


def test_a_form_posted_over_https_behind_the_proxy_is_accepted_from_the_sites_own_page(proxied, db):
    flag_id = seed_new_council(db)
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9", "X-Forwarded-Host": "review.example"}
    client = proxied.test_client()
    client.get("/login", headers=forwarded)
    client.post("/login", headers={**forwarded, "Referer": "https://review.example/login"},
                data={"name": REVIEWER, "password": PASSWORD, "csrf_token": token(client, "/login")})
    page = client.get(f"/flag/{flag_id}", headers=forwarded).get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    elsewhere = client.post(f"/flag/{flag_id}/confirm", data={"csrf_token": csrf},
                            headers={**forwarded, "Referer": f"https://{EVIL}/"})
    assert elsewhere.status_code == 400 and get_flag(db, flag_id).status == "pending"
    done = client.post(f"/flag/{flag_id}/confirm", data={"csrf_token": csrf},
                       headers={**forwarded, "Referer": f"https://review.example/flag/{flag_id}"})
    assert done.status_code == 303 and get_flag(db, flag_id).status == "confirmed"


# --- Throttling: guessers slowed, never the owner for long -----------------------------------------------

def login_from(app, address: str, name: str, password: str, via_proxy: bool = False):
    client = app.test_client()
    headers = {"X-Forwarded-For": address} if via_proxy else {}
    base = {"REMOTE_ADDR": "127.0.0.1" if via_proxy else address}
    csrf = re.search(r'name="csrf_token" value="([^"]+)"',
                     client.get("/login", environ_base=base, headers=headers).get_data(as_text=True)).group(1)
    return client.post("/login", environ_base=base, headers=headers,
                       data={"name": name, "password": password, "csrf_token": csrf})


def test_a_client_guessing_many_names_is_slowed_while_the_owner_elsewhere_gets_in(app, db, clock):
    seed_new_council(db)
    attacker = "198.51.100.7"
    for number in range(ADDRESS.free):
        assert login_from(app, attacker, f"guess{number}", "password1234").status_code == 401
    slowed = login_from(app, attacker, "guess-next", "password1234")
    assert slowed.status_code == 429 and slowed.headers["Retry-After"] == "1"
    assert "Too many failed logins from this address" in slowed.get_data(as_text=True)
    assert login_from(app, "192.0.2.10", REVIEWER, PASSWORD).status_code == 302  # the owner, from elsewhere


def test_the_wait_doubles_but_stays_short_and_refused_tries_do_not_lengthen_it(app, db, clock):
    seed_new_council(db)
    attacker, throttle = "198.51.100.7", app.extensions[THROTTLE]
    waits = []
    for number in range(ADDRESS.free + 12):
        assert login_from(app, attacker, f"guess{number}", "password1234").status_code == 401
        wait, _reason = throttle.retry_after(attacker, "another guess")
        for _ in range(20 if wait else 0):  # hammering while waiting is refused, and not counted
            hammered = login_from(app, attacker, "another guess", "password1234")
            assert hammered.status_code == 429 and int(hammered.headers["Retry-After"]) == wait
        waits.append(wait)
        clock[0] += wait
    assert waits[:ADDRESS.free - 1] == [0] * (ADDRESS.free - 1)
    assert waits[ADDRESS.free - 1:ADDRESS.free + 3] == [1, 2, 4, 8] and max(waits) == MAX_WAIT_S
    # The owner behind the same address (an office's shared address) waits no longer than that, then gets in.
    assert login_from(app, attacker, REVIEWER, PASSWORD).status_code == 302


def test_one_name_guessed_from_many_addresses_is_slowed_by_name_and_the_owner_waits_at_most_the_bound(app, db,
                                                                                                   clock):
    seed_new_council(db)
    throttle = app.extensions[THROTTLE]
    for number in range(NAME.free + 10):  # a botnet: each guess from another address, each as soon as allowed
        address = f"198.51.100.{number + 1}"
        clock[0] += throttle.retry_after(address, REVIEWER)[0]
        assert login_from(app, address, REVIEWER, "a wrong guess").status_code == 401
    slowed = login_from(app, "198.51.100.200", REVIEWER, "a wrong guess")
    assert slowed.status_code == 429 and "for this name" in slowed.get_data(as_text=True)
    owner = login_from(app, "192.0.2.10", REVIEWER, PASSWORD)
    assert owner.status_code == 429 and int(owner.headers["Retry-After"]) == MAX_WAIT_S
    clock[0] += MAX_WAIT_S
    assert login_from(app, "192.0.2.10", REVIEWER, PASSWORD).status_code == 302


def test_the_same_name_from_one_address_waits_after_a_few_failures_then_gets_in(app, db, clock):
    seed_new_council(db)
    for _ in range(NAME_AT_ADDRESS.free):
        assert login_from(app, "192.0.2.10", REVIEWER, "a typo").status_code == 401
    waiting = login_from(app, "192.0.2.10", REVIEWER, PASSWORD)
    assert waiting.status_code == 429 and "Wait 1 second(s)" in waiting.get_data(as_text=True)
    clock[0] += 1
    assert login_from(app, "192.0.2.10", REVIEWER, PASSWORD).status_code == 302


def test_a_forged_forwarded_address_escapes_nothing_unless_the_proxy_is_configured(app, proxied, db, clock):
    seed_new_council(db)
    for number in range(ADDRESS.free):  # each guess claims another address, straight to the app
        client = app.test_client()
        csrf = token(client, "/login")
        client.post("/login", headers={"X-Forwarded-For": f"203.0.113.{number}"},
                    data={"name": f"guess{number}", "password": "password1234", "csrf_token": csrf})
    assert login_from(app, "127.0.0.1", "guess-next", "password1234").status_code == 429
    # Behind the configured proxy, the address it forwards is the client's: another client is not slowed.
    proxied.extensions[THROTTLE].clock = lambda: clock[0]
    for number in range(ADDRESS.free):
        login_from(proxied, "198.51.100.7", f"guess{number}", "password1234", via_proxy=True)
    assert login_from(proxied, "198.51.100.7", "guess-next", "password1234", via_proxy=True).status_code == 429
    assert login_from(proxied, "192.0.2.10", REVIEWER, PASSWORD, via_proxy=True).status_code == 302


# --- next= stays on this site -----------------------------------------------------------------------------

REDIRECT_PAYLOADS = [
    "/%09/evil.example/", "/\t/evil.example/", "/\n/evil.example/", "/\r\n/evil.example/", "//evil.example/",
    "///evil.example/", "////evil.example", "/\\evil.example", "\\\\evil.example", "/\\/evil.example/",
    "\\/evil.example", "/%5Cevil.example", "/%2F%2Fevil.example", "/%2f/evil.example", "%2F%2Fevil.example",
    "/%252F%252Fevil.example", "https://evil.example/", "http:evil.example", "https:/evil.example",
    "//evil.example@localhost/", " //evil.example", "\x00//evil.example", "/\u3000/evil.example",
    "/\uff0f/evil.example", "javascript:alert(1)", "data:text/html,x", "/council/../..//evil.example",
    "/./\\evil.example", "/council/TST?next=//evil.example", "/council/TST#//evil.example", "/login", "/logout",
    "/static/review.css", "",
]


def lands_on_site(location: str) -> bool:
    target = urlsplit(urljoin("http://localhost/login", location))
    return target.netloc == "localhost" and target.scheme == "http" and not location.startswith("//")


@pytest.mark.parametrize("payload", REDIRECT_PAYLOADS)
def test_next_never_leads_off_the_site(app, db, payload):
    seed_new_council(db)
    client = app.test_client()
    data = {"name": REVIEWER, "password": PASSWORD, "csrf_token": token(client, "/login"), "next": payload}
    response = client.post("/login", data=data)
    assert response.status_code == 302 and response.headers["Location"] == "/"


def test_the_reported_tab_payload_through_the_login_page_stays_on_site(app, db):
    seed_new_council(db)
    client = app.test_client()
    page = client.get("/login?next=/%09/evil.example/").get_data(as_text=True)
    carried = html.unescape(re.search(r'name="next" value="([^"]*)"', page).group(1))
    assert carried == "/\t/evil.example/"
    response = client.post("/login", data={"name": REVIEWER, "password": PASSWORD, "next": carried,
                                           "csrf_token": re.search(r'name="csrf_token" value="([^"]+)"',
                                                                   page).group(1)})
    assert response.headers["Location"] == "/" and lands_on_site(response.headers["Location"])


@pytest.mark.parametrize("wanted", ["/", "/council/TST", "/flag/1", "/snapshot/1"])
def test_next_still_returns_to_the_page_asked_for(app, db, wanted):
    seed_new_council(db)
    client = app.test_client()
    sent = client.get(wanted)
    assert sent.status_code == 302 and sent.headers["Location"] == f"/login?next={wanted}"
    data = {"name": REVIEWER, "password": PASSWORD, "csrf_token": token(client, "/login"), "next": wanted}
    assert client.post("/login", data=data).headers["Location"] == wanted


def test_safe_next_alone(app):
    with app.test_request_context():
        assert safe_next("/flag/12", "/") == "/flag/12"
        for payload in REDIRECT_PAYLOADS:
            assert safe_next(payload, "/") == "/", payload
        assert safe_next(None, "/") == "/" and safe_next(["/flag/1"], "/") == "/"


# --- Security headers on every response -------------------------------------------------------------------

def test_security_headers_are_on_every_response(app, db):
    flag_id = seed_new_council(db)
    anonymous, reviewer = app.test_client(), app.test_client()
    login(reviewer)
    responses = {
        "login page": anonymous.get("/login"), "redirect to login": anonymous.get("/"),
        "failed login": login(anonymous, REVIEWER, "wrong password"), "no CSRF token": anonymous.post("/login"),
        "static": anonymous.get("/static/review.css"), "queue": reviewer.get("/"),
        "flag": reviewer.get(f"/flag/{flag_id}"), "council": reviewer.get("/council/TST"),
        "snapshot": reviewer.get("/snapshot/1"), "not found": reviewer.get("/nowhere"),
        "missing flag": reviewer.get("/flag/999"), "wrong method": reviewer.get(f"/flag/{flag_id}/confirm"),
        "refused decision": reviewer.post(f"/flag/{flag_id}/reject",
                                          data={"csrf_token": token(reviewer, "/"), "note": " "}),
        "decision": decide_with(reviewer, flag_id),
        "logout": reviewer.post("/logout", data={"csrf_token": token(reviewer, "/")}),
    }
    for _ in range(NAME_AT_ADDRESS.free):
        login(anonymous, "Somebody", "wrong password")
    responses["throttled"] = login(anonymous, "Somebody", "wrong password")
    assert responses["throttled"].status_code == 429
    for what, response in responses.items():
        response.close()
        headers = response.headers
        csp = headers.get("Content-Security-Policy", "")
        assert csp == CONTENT_SECURITY_POLICY, what
        assert "frame-ancestors 'none'" in csp and "default-src 'none'" in csp and "unsafe" not in csp, what
        assert "script-src 'self';" in csp, what  # the site's own static script only: nothing inline, no eval
        assert headers["X-Frame-Options"] == "DENY" and headers["X-Content-Type-Options"] == "nosniff", what
        assert headers["Referrer-Policy"] == "same-origin", what
        if what != "static":
            assert headers["Cache-Control"] == "no-store", what
    assert responses["static"].status_code == 200 and responses["static"].headers.get("Cache-Control") != "no-store"


def test_the_pages_need_no_inline_script_or_style(app, db):
    flag_id = seed_new_council(db)
    client = app.test_client()
    pages = [client.get("/login").get_data(as_text=True)]
    login(client)
    pages += [client.get(p).get_data(as_text=True) for p in ("/", f"/flag/{flag_id}", "/council/TST", "/snapshot/1")]
    pages += [client.get(p).get_data(as_text=True) for p in ("/councils", "/history", f"/flag/{flag_id}/documents")]
    for page in pages:
        assert not re.search(r"<style|\sstyle=|\son[a-z]+=|javascript:", page, re.IGNORECASE)
        scripts = re.findall(r"<script[^>]*>(.*?)</script>", page, re.IGNORECASE | re.DOTALL)
        assert scripts == [""] and '<script src="/static/shortcuts.js" defer>' in page  # one static file, no body


# --- No hostile address becomes a link --------------------------------------------------------------------

class Hrefs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [value or "" for name, value in attrs if name in ("href", "src", "action", "formaction")]


def hrefs(page: str) -> list[str]:
    parser = Hrefs()
    parser.feed(page)
    return parser.found


def only_safe_links(page: str) -> bool:
    for href in hrefs(page):
        if (href.startswith("/") and not href.startswith("//")) or href.startswith("#"):
            continue  # the site's own pages, or a place on this one
        if not web_address(href) or urlsplit(href).hostname == EVIL:
            return False
    return True


def test_a_hostile_registry_entry_is_refused_and_one_already_stored_is_shown_as_text(app, db, tmp_path):
    path = write_registry(tmp_path / "hostile.csv", "javascript:alert(document.cookie)")
    councils, errors = load_registry(path)
    assert councils == [] and "not an http(s) URL" in str(errors)
    seed_new_council(db)
    client = app.test_client()
    login(client)
    for address in HOSTILE_ADDRESSES:
        upsert_councils(db, [Council(code="TST", name="Testshire County Council", nation="England",
                                     website=address)])
        page = client.get("/council/TST").get_data(as_text=True)
        assert only_safe_links(page), address
        assert "Testshire County Council website <span class=\"not-a-link\">(not a web address: " in page
    upsert_councils(db, [Council(code="TST", name="Testshire County Council", nation="England",
                                 website="https://www.testshire.gov.uk/")])
    page = client.get("/council/TST").get_data(as_text=True)
    assert ('<a href="https://www.testshire.gov.uk/" rel="noopener noreferrer">Testshire County Council website</a>'
            in page)


def test_hostile_source_addresses_are_shown_as_text_on_every_page(app, db):
    seed_new_council(db)
    client = app.test_client()
    login(client)
    for number, address in enumerate(HOSTILE_ADDRESSES):
        store_text(db, address, f"Filming is permitted, says document {number}.", findings())
        (snapshot_id,) = db.execute("SELECT max(id) FROM snapshot").fetchone()
        evidence = replace(entry(ALLOWED, "Filming is permitted.", snapshot_id), evidence=(
            Evidence(quote="Filming is permitted.", page=1, source_url=address, snapshot_id=snapshot_id),))
        changed = raise_flag(db, council="TST", kind=POLICY_CHANGE, activity=FILMING, before=None, after=evidence,
                             fingerprint=f"h{number}", run_id=None, now=NOW)
        gone = raise_flag(db, council="TST", kind=SOURCE_GONE, activity=None, source_id=1, before=None,
                          after=GoneSource(url=address, kind="protocol", last_status=404, last_error="HTTP 404",
                                           consecutive_failures=1, last_success=NOW),
                          fingerprint=f"g{number}", run_id=None, now=NOW)
        for path in (f"/snapshot/{snapshot_id}", f"/flag/{changed}", f"/flag/{gone}", "/"):
            page = client.get(path).get_data(as_text=True)
            assert only_safe_links(page), (address, path)
    page = client.get("/snapshot/1").get_data(as_text=True)
    assert f'<a href="{PROTOCOL}" rel="noopener noreferrer">{PROTOCOL}</a>' in page  # a web address still links


@pytest.mark.parametrize("address", HOSTILE_ADDRESSES)
def test_link_shows_anything_but_a_web_address_as_text(address):
    assert "<a " not in str(link(address)) and "<a " not in str(link(address, "the council's document"))
    assert "<script>" not in str(link(address))


def test_link_escapes_what_it_links():
    assert str(link('https://example.org/?a=1&b="2"', "<b>doc</b>")) == (
        '<a href="https://example.org/?a=1&amp;b=&#34;2&#34;" rel="noopener noreferrer">&lt;b&gt;doc&lt;/b&gt;</a>')
    assert str(link(None, "the council's document")) == "the council&#39;s document"


# --- A public bind over plain HTTP is warned about --------------------------------------------------------

@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.53", "localhost", "LOCALHOST", "::1", "[::1]",
                                  "::ffff:127.0.0.1"])
def test_loopback_binds_need_no_warning(host):
    assert is_loopback(host) and plain_http_warning(host) is None


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "", "192.168.1.20", "10.0.0.5", "203.0.113.9", "fe80::1",
                                  "review.example.org", "localhost.example.org"])
def test_a_non_loopback_bind_is_warned_about(host):
    warning = plain_http_warning(host)
    assert not is_loopback(host) and warning and "plain HTTP" in warning and "TLS" in warning


def test_ocm_serve_prints_the_warning_before_serving(db_path, monkeypatch):
    import werkzeug.serving

    monkeypatch.setenv(SECRET_KEY_ENV, "test-only-key")
    served = {}

    class NoServer:  # no real bind on a public interface: the test only needs what `ocm serve` prints
        server_port = 8080

        def serve_forever(self) -> None:
            raise KeyboardInterrupt

        def server_close(self) -> None:
            pass

    def fake_make_server(host, port, app, threaded):
        served["host"] = host
        return NoServer()

    monkeypatch.setattr(werkzeug.serving, "make_server", fake_make_server)
    monkeypatch.setattr(logging.getLogger(), "level", logging.getLogger().level)  # `ocm serve` sets INFO
    public = CliRunner().invoke(main, ["serve", "--db", str(db_path), "--host", "0.0.0.0"])
    assert public.exit_code == 0 and "Warning: the review page serves plain HTTP on 0.0.0.0" in public.stderr
    assert served["host"] == "0.0.0.0"
    local = CliRunner().invoke(main, ["serve", "--db", str(db_path)])
    assert local.exit_code == 0 and "Warning" not in local.stderr


# --- The session key is never readable by others ----------------------------------------------------------

def test_the_session_key_is_kept_in_a_0600_file_and_never_in_the_store(db_path, db, council, monkeypatch):
    monkeypatch.delenv(SECRET_KEY_ENV, raising=False)
    old_umask = os.umask(0)  # the most careless umask: the key file must still be private
    try:
        app = create_app(db_path)
    finally:
        os.umask(old_umask)
    key = app.secret_key
    assert isinstance(key, str) and len(key) == 64
    path = key_file(db_path)
    assert path.parent == db_path.parent and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_text().strip() == key and create_app(db_path).secret_key == key  # made once
    assert db.execute("SELECT count(*) FROM setting WHERE value = ?", [key]).fetchone()[0] == 0
    for stored in db_path.parent.glob(db_path.name + "*"):
        if stored != path:
            assert key.encode() not in stored.read_bytes(), stored
    assert not [p for p in db_path.parent.iterdir() if p.name.startswith(".session-key-")]  # no temporary left


def test_a_key_file_others_can_read_is_refused(db_path, monkeypatch):
    monkeypatch.delenv(SECRET_KEY_ENV, raising=False)
    key = session_key(db_path)
    key_file(db_path).chmod(0o644)
    with pytest.raises(SessionKeyError, match="may be read by other users"):
        session_key(db_path)
    result = CliRunner().invoke(main, ["serve", "--db", str(db_path)])
    assert result.exit_code == 1 and "may be read by other users" in result.output
    key_file(db_path).chmod(0o600)
    assert session_key(db_path) == key


def test_a_key_file_that_is_a_link_or_holds_no_key_is_refused(db_path, tmp_path, monkeypatch):
    monkeypatch.delenv(SECRET_KEY_ENV, raising=False)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.write_text("0" * 64)
    elsewhere.chmod(0o600)
    key_file(db_path).symlink_to(elsewhere)
    with pytest.raises(SessionKeyError, match="cannot read"):
        session_key(db_path)
    key_file(db_path).unlink()
    key_file(db_path).write_text("short")
    key_file(db_path).chmod(0o600)
    with pytest.raises(SessionKeyError, match="holds no session key"):
        session_key(db_path)


def test_remove_and_passwd_refuse_unknown_reviewers(db):
    from review.accounts import AccountError

    with pytest.raises(AccountError, match="no reviewer"):
        remove(db, "Nobody")
    with pytest.raises(AccountError, match="no reviewer"):
        change_password(db, "Nobody", NEW_PASSWORD)
    create_reviewer(db, REVIEWER, PASSWORD)
    with pytest.raises(AccountError, match="at least"):
        change_password(db, REVIEWER, "short")
