"""`ocm status`: what an operator and a monitor see, and its exit code."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from click.testing import CliRunner

from cli import main
from publish.auto import publish_once
from publish.build import read_marker
from review.status import PublicSite, health
from store.db import update
from store.policies import publish
from store.records import PolicyEntry
from store.runs import finish_run, start_run
from tests.test_changes import PROTOCOL, fail, findings, store_text


def status(db_path, *args):
    return CliRunner().invoke(main, ["status", "--db", str(db_path), *args], catch_exceptions=False)


def test_a_fresh_store_is_not_healthy_yet(db, db_path):
    result = status(db_path)
    assert result.exit_code == 1 and "no run has been recorded yet" in result.output


def test_a_finished_recent_nightly_run_is_healthy_and_failures_are_listed(db, db_path, council):
    run = start_run(db, "nightly", 1)
    update(db, "run", run, {"requests": 5, "documents": 1})
    finish_run(db, run, "finished")
    store_text(db, PROTOCOL, "Filming is permitted.", findings())
    fail(db, PROTOCOL, 500, "HTTP 500")
    publish_once(db_path, db_path.parent / "site")  # as the night ends
    result = status(db_path)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("OK") and "HTTP 500" in result.output and PROTOCOL in result.output
    data = json.loads(status(db_path, "--json").output)
    assert data["ok"] is True and data["failing"][0]["url"] == PROTOCOL


def test_an_aborted_or_overdue_run_fails_the_status(db, db_path):
    run = start_run(db, "nightly", 1)
    update(db, "run", run, {"status": "aborted", "finish_reason": "process died"})
    result = status(db_path)
    assert result.exit_code == 1 and "was aborted: process died" in result.output
    late = datetime.now(UTC) + timedelta(hours=30)
    finish_run(db, run, "finished")
    problems = health(db, late, overdue_hours=26, stuck_seconds=3600).problems
    assert any("overdue" in p for p in problems)


def test_a_public_site_behind_the_night_or_a_decision_is_a_problem_until_published(db, db_path, council):
    site = db_path.parent / "site"

    def problems(now: datetime) -> list[str]:
        found = PublicSite(str(site), (read_marker(site) or {}).get("generated_at"))
        return [p for p in health(db, now, 26, 3600, public_site=found).problems if "public site" in p]

    run = start_run(db, "nightly", 1)
    finish_run(db, run, "finished")
    now = datetime.now(UTC)
    assert problems(now) == [f"the public site has never been published to {site}: run `ocm publish` and read "
                             "the log of what should have published it"]
    publish_once(db_path, site)
    assert problems(now) == []
    later = datetime.now(UTC) + timedelta(seconds=2)
    publish(db, "TST", PolicyEntry("filming", "allowed"), None, "Ann", later.isoformat(timespec="seconds"))
    assert problems(later) == []  # the review page publishes a decision within a minute
    (behind,) = problems(later + timedelta(minutes=10))
    assert "before the last decision" in behind
    run = start_run(db, "nightly", 1)
    finish_run(db, run, "finished")
    update(db, "run", run, {"finished_at": (later + timedelta(seconds=5)).isoformat(timespec="seconds")})
    assert any("before the last nightly run ended" in p for p in problems(later + timedelta(minutes=10)))
    assert health(db, later, 26, 3600, public_site=None).problems == []  # publishing off: nothing to check
