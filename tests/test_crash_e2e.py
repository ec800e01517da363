"""Crash safety: a crawl killed mid-run leaves nothing half-written, two nightly runs never overlap, and a
reviewer working during a crawl is not blocked."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from tests.conftest import ROOT, run_ocm, settings_args

pytestmark = pytest.mark.e2e


def rows(db_path, sql, *params):
    with sqlite3.connect(db_path, timeout=30) as conn:
        return conn.execute(sql, params).fetchall()


def start(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "cli", *args], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})


def wait_for(predicate, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.1)


def snapshots(db_path) -> int:
    try:
        return rows(db_path, "SELECT COUNT(*) FROM snapshot")[0][0]
    except sqlite3.OperationalError:  # the store is not created yet
        return 0


@pytest.fixture
def slow_web(sample_web):
    """The ModernGov site answers its constitution parts slowly, so a crawl is caught mid-run."""
    for path in ("/documents/s12301/Part 1 - Summary and Explanation.pdf",
                 "/documents/s12302/Part 2 - Articles of the Constitution.pdf",
                 "/documents/s12303/Part 3 - Responsibility for Functions.pdf",
                 "/documents/s12304/Part 4 - Rules of Procedure.pdf",
                 "/documents/s12305/Part 5 - Codes and Protocols.pdf"):
        sample_web.inject_fault("moderngov", "slow", path=path, seconds=1.5)
    return sample_web


def test_a_crawl_killed_mid_run_leaves_no_half_written_rows_and_is_marked_aborted(slow_web, tmp_path):
    registry = slow_web.write_registry(tmp_path / "registry.csv")
    db_path = tmp_path / "ocm.db"
    crawl = ["crawl", "--registry", str(registry), "--db", str(db_path),
             *settings_args({"CONCURRENT_REQUESTS_PER_DOMAIN": "1"})]
    child = start(*crawl)
    wait_for(lambda: snapshots(db_path) >= 3)
    child.send_signal(signal.SIGKILL)
    child.communicate()
    assert rows(db_path, "SELECT status FROM run") == [("running",)]  # as the kill left it

    slow_web.clear_faults()
    result = run_ocm(*crawl)
    assert result.returncode == 0, result.stderr
    assert rows(db_path, "SELECT id, status FROM run ORDER BY id") == [(1, "aborted"), (2, "finished")]
    assert rows(db_path, "PRAGMA integrity_check") == [("ok",)]
    # One snapshot per source and text, each with its four findings; every fetch points at a real snapshot.
    assert rows(db_path, "SELECT COUNT(*) FROM (SELECT source_id, text_sha256 FROM snapshot "
                         "GROUP BY 1, 2 HAVING COUNT(*) > 1)") == [(0,)]
    assert rows(db_path, "SELECT COUNT(*) FROM snapshot s WHERE (SELECT COUNT(*) FROM finding f "
                         "WHERE f.snapshot_id = s.id) != 4") == [(0,)]
    assert rows(db_path, "SELECT COUNT(*) FROM fetch WHERE snapshot_id IS NOT NULL AND snapshot_id NOT IN "
                         "(SELECT id FROM snapshot)") == [(0,)]
    assert rows(db_path, "SELECT COUNT(*) FROM source")[0][0] == rows(db_path, "SELECT COUNT(*) FROM snapshot")[0][0]


def test_two_nightly_runs_never_overlap_and_a_reviewer_is_never_blocked(sample_web, tmp_path):
    registry = sample_web.write_registry(tmp_path / "registry.csv")
    db_path = tmp_path / "ocm.db"
    nightly = ["nightly", "--registry", str(registry), "--db", str(db_path),
               *settings_args({"CONCURRENT_REQUESTS_PER_DOMAIN": "1"})]
    assert run_ocm(*nightly).returncode == 0
    ids = [str(r[0]) for r in rows(db_path, "SELECT id FROM flag WHERE status = 'pending'")]
    sample_web.set_night(2)  # new texts to write, slowly
    sample_web.inject_fault("cms-protocol", "slow", seconds=3)
    first = start(*nightly)
    wait_for(lambda: rows(db_path, "SELECT COUNT(*) FROM run")[0][0] == 2)
    second = run_ocm(*nightly, timeout=60)
    assert second.returncode == 1 and "a nightly run is already going" in second.stderr
    # While the crawl writes, a reviewer confirms last night's flags without waiting for it.
    began = time.monotonic()
    confirmed = run_ocm("review", "confirm", *ids, "--reviewer", "r", "--db", str(db_path))
    assert confirmed.returncode == 0, confirmed.stderr
    assert time.monotonic() - began < 10 and first.poll() is None  # done while the crawl still runs
    out, err = first.communicate(timeout=120)
    assert first.returncode == 0, err
