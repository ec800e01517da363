"""The nightly digest: what it says, sending it through Apprise to a local receiver, and failing quietly."""

from __future__ import annotations

import csv
import json
import logging
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

import scheduler
from review.changes import detect_changes
from review.notify import Digest, build_digest, send_digest
from review.workflow import confirm
from scheduler import NightlyResult, run_nightly
from spiders.runner import CrawlCommand
from store.flags import get_flag
from store.runs import finish_run, set_run_counts, start_run
from tests.test_changes import NOW, PROTOCOL, STANDING_ORDERS, fail, findings, store_text

COUNTS = {"requests": 3, "documents": 2, "changes": 1, "errors": 1}


class Receiver(ThreadingHTTPServer):
    """A local webhook endpoint that keeps every request it gets."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.received: list[tuple[str, dict]] = []

    @property
    def url(self) -> str:
        return f"json://127.0.0.1:{self.server_address[1]}/hook"


class _Handler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # the name http.server dispatches POST requests to
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.server.received.append((self.path, json.loads(body)))  # type: ignore[attr-defined]
        self.send_response(200)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:  # quiet test output
        pass


@pytest.fixture
def receiver(monkeypatch) -> Iterator[Receiver]:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    server = Receiver()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(5)


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def a_night(db) -> NightlyResult:
    """One night with a published council: a policy change and a failing standing orders document."""
    store_text(db, PROTOCOL, "Filming only with the consent of the Chair.",
               findings("permission", "Filming only with the consent of the Chair.", ["chair_consent"]))
    (first,) = detect_changes(db, ["TST"], None, NOW, gone_after=3)
    confirm(db, first, "reviewer")
    store_text(db, STANDING_ORDERS, "Filming is permitted.", findings())
    fail(db, STANDING_ORDERS, 500, "HTTP 500 Internal Server Error")
    run_id = start_run(db, "test", 1)
    flag_ids = detect_changes(db, ["TST"], run_id, NOW, gone_after=3)
    set_run_counts(db, run_id, {**COUNTS, "flags": len(flag_ids)})
    finish_run(db, run_id, "finished")
    run = db.execute("SELECT * FROM run WHERE id = ?", [run_id])
    columns = [c[0] for c in run.description]
    return NightlyResult(run=dict(zip(columns, run.fetchone(), strict=True)), flags=[get_flag(db, i) for i in flag_ids])


def test_digest_counts_kinds_and_names_each_flag_and_broken_source(db, council):
    result = a_night(db)
    digest = build_digest(db, result, review_url="https://review.example.org/")
    assert "1 new flag" in digest.title and "1 broken source" in digest.title
    assert "New flags to review: 1 (1 conflict)" in digest.body
    (flag,) = result.flags
    assert f"#{flag.id} conflict: Testshire County Council (TST): filming:" in digest.body
    assert STANDING_ORDERS in digest.body and "HTTP 500 Internal Server Error" in digest.body
    assert "failed 1 time(s) in a row" in digest.body
    assert "ocm review list --db" in digest.body and "https://review.example.org/" in digest.body


def test_a_quiet_night_says_so(db, council):
    run_id = start_run(db, "test", 0)
    digest = build_digest(db, NightlyResult(run={**dict(db["run"].get(run_id)), "councils": 0}))
    assert "No new flags" in digest.body and "No broken sources." in digest.body
    assert "ocm review list" not in digest.body


def test_digest_reaches_a_local_apprise_json_receiver(db, council, receiver):
    digest = build_digest(db, a_night(db))
    assert send_digest(digest, f"  {receiver.url}  ") is True
    ((path, payload),) = receiver.received
    assert path == "/hook"
    assert payload["title"] == digest.title
    assert "conflict: Testshire County Council (TST): filming:" in payload["message"]
    assert STANDING_ORDERS in payload["message"]


def test_without_urls_the_digest_is_only_logged(receiver, caplog):
    with caplog.at_level(logging.INFO, logger="review.notify"):
        assert send_digest(Digest("title", "flag line"), "") is False
    (record,) = [r for r in caplog.records if r.name == "review.notify"]
    assert "no OCM_NOTIFY_URLS configured" in record.getMessage() and "flag line" in record.getMessage()
    assert receiver.received == []


def test_an_unreachable_url_is_logged_and_does_not_raise(caplog):
    with caplog.at_level(logging.WARNING):
        assert send_digest(Digest("title", "body"), f"json://127.0.0.1:{closed_port()}/hook") is False
    assert "digest not delivered" in caplog.text


def test_an_invalid_url_is_skipped_with_a_warning(caplog):
    with caplog.at_level(logging.WARNING, logger="review.notify"):
        assert send_digest(Digest("title", "body"), "notaservice://token@host/path") is False
    assert "not a valid Apprise URL, skipped: notaservice://host/..." in caplog.text
    assert not any("token" in r.getMessage() for r in caplog.records if r.name == "review.notify")


@pytest.fixture
def fake_crawl(db_path, monkeypatch, tmp_path):
    """run_nightly without a real crawl: the 'child' records into the run the night opened, and finishes it."""
    registry = tmp_path / "registry.csv"
    with registry.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", "local_authority_code", "nation", "website"])
        writer.writerow(["Testshire County Council", "TST", "England", "http://127.0.0.1:9/"])

    def crawl(command: CrawlCommand, timeout: int) -> int:
        from store import open_db

        child_db = open_db(db_path)
        set_run_counts(child_db, command.run_id, COUNTS)
        finish_run(child_db, command.run_id, "finished")
        child_db.close()
        return 0

    monkeypatch.setattr(scheduler, "_run_child", crawl)
    return registry


def test_run_nightly_sends_the_digest_to_the_configured_urls(db, council, db_path, fake_crawl, receiver):
    store_text(db, PROTOCOL, "Filming is permitted.", findings())
    result = run_nightly(db_path, fake_crawl, trigger="test", settings={"OCM_NOTIFY_URLS": receiver.url})
    assert [f.kind for f in result.flags] == ["new_council"]
    ((_path, payload),) = receiver.received
    assert "new_council: Testshire County Council (TST): first policy found: filming allowed" in payload["message"]


def test_a_failure_to_notify_never_fails_the_night(db, council, db_path, fake_crawl, monkeypatch, caplog):
    def broken(*args: object, **kwargs: object) -> bool:
        raise RuntimeError("notifier exploded")

    monkeypatch.setattr(scheduler, "notify_night", broken)
    store_text(db, PROTOCOL, "Filming is permitted.", findings())
    with caplog.at_level(logging.ERROR, logger="scheduler"):
        result = run_nightly(db_path, fake_crawl, trigger="test")
    assert result.run["status"] == "finished" and len(result.flags) == 1
    assert "could not notify reviewers" in caplog.text
