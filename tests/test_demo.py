"""The main job: `ocm demo`, two nights on the sample council web, ending with a plain summary."""

from __future__ import annotations

import sqlite3

import pytest

from sampleweb.sites import SITES
from tests.conftest import run_ocm

pytestmark = pytest.mark.e2e


def test_demo_tells_the_story_and_leaves_one_change_to_review(tmp_path):
    db_path = tmp_path / "data" / "ocm.db"
    result = run_ocm("demo", "--db", str(db_path), timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert f"Councils crawled: {len(SITES)}" in out
    assert "Published verdicts per activity" in out and "filming" in out
    assert "Flags waiting for review: 1" in out and "policy_change" in out
    assert f"review list --db {db_path}" in out
    site = db_path.parent / "site"  # the demo's public site, published by its second night
    assert f"published by the night: {site}/" in out and f"publish --db {db_path} --serve" in out
    assert (site / "index.html").is_file() and (site / "councils.csv").is_file()
    with sqlite3.connect(db_path) as conn:
        flags = conn.execute("SELECT kind, activity FROM flag WHERE status = 'pending'").fetchall()
        runs = conn.execute("SELECT trigger, status FROM run").fetchall()
    assert flags == [("policy_change", "filming")]
    assert runs == [("demo", "finished"), ("demo", "finished")]
    # Run again: the demo starts from a fresh store of its own, never from a real one.
    again = run_ocm("demo", "--db", str(db_path), timeout=300)
    assert again.returncode == 0 and "Flags waiting for review: 1" in again.stdout


def test_demo_refuses_a_store_with_real_runs(tmp_path, db):
    from store.runs import start_run

    start_run(db, "nightly", 1)
    db_path = tmp_path / "ocm.db"
    result = run_ocm("demo", "--db", str(db_path))
    assert result.returncode == 1 and "holds real runs" in result.stderr
