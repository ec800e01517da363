"""Crash safety: a crawl killed mid-run leaves nothing half-written, two nightly runs never overlap, and a
reviewer working during a crawl is not blocked."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_ocm, settings_args
from tests.waiting import wait_until

pytestmark = pytest.mark.e2e


def rows(db_path, sql, *params):
    with sqlite3.connect(db_path, timeout=30) as conn:
        return conn.execute(sql, params).fetchall()


def start(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "cli", *args], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})


def every_site_asked(web) -> bool:
    """Whether every sample site has been asked for a page (robots.txt aside): each crawl process is fetching."""
    return all(any(path != "/robots.txt" for path in web.request_log(slug)) for slug in web.sites)


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
    wait_until(lambda: snapshots(db_path) >= 3, what="three snapshots")
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


def shares_running(db_path) -> list[int]:
    """The processes running a share of a crawl into this store (started by `ocm crawl`, OCM_CRAWL_SHARE)."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            args = cmdline.read_bytes().split(b"\0")
        except OSError:  # the process ended meanwhile
            continue
        if str(db_path).encode() in args and any(arg.startswith(b"OCM_CRAWL_SHARE=") for arg in args):
            found.append(int(cmdline.parent.name))
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the shares die with their parent on Linux")
def test_the_crawl_processes_a_crawl_started_die_with_it(sample_web, tmp_path):
    for slug in sample_web.sites:
        sample_web.inject_fault(slug, "slow", seconds=3.0)  # every page: both crawl processes take minutes
    registry = sample_web.write_registry(tmp_path / "registry.csv")
    db_path = tmp_path / "ocm.db"
    child = start("crawl", "--registry", str(registry), "--db", str(db_path),
                  *settings_args({"OCM_CRAWL_PROCESSES": "2"}))
    wait_until(lambda: shares_running(db_path), what="the second crawl process")
    wait_until(lambda: every_site_asked(sample_web), what="both crawl processes to fetch")
    assert shares_running(db_path)
    child.send_signal(signal.SIGKILL)
    child.wait()  # not communicate(): a share holds the same pipes
    wait_until(lambda: not shares_running(db_path), 10, what="no orphan writing into the store")
    sample_web.clear_faults()
    child.communicate()
    assert rows(db_path, "SELECT status FROM run") == [("running",)]  # aborted by the next run (test above)


def test_a_crawl_told_to_stop_stops_the_crawl_processes_it_started(sample_web, tmp_path):
    for slug in sample_web.sites:
        sample_web.inject_fault(slug, "slow", seconds=4.0)  # to the end: minutes; to stop: a few answers
    registry = sample_web.write_registry(tmp_path / "registry.csv")
    db_path = tmp_path / "ocm.db"
    child = start("crawl", "--registry", str(registry), "--db", str(db_path),
                  *settings_args({"OCM_CRAWL_PROCESSES": "2", "DOWNLOAD_TIMEOUT": "60"}))
    wait_until(lambda: shares_running(db_path), what="the second crawl process")
    wait_until(lambda: every_site_asked(sample_web), what="both crawl processes to fetch")
    child.send_signal(signal.SIGTERM)  # as systemd or an operator stops it: the requests under way finish
    assert child.wait(timeout=40) == 0
    assert not shares_running(db_path)
    sample_web.clear_faults()
    child.communicate()
    assert rows(db_path, "SELECT status, finish_reason FROM run") == [("finished", "shutdown")]
    (stats,) = rows(db_path, "SELECT stats FROM run")[0]
    reasons = {name: crawler["finish_reason"] for name, crawler in json.loads(stats).items()}
    assert any(name.endswith(" 2/2") for name in reasons)
    assert set(reasons.values()) == {"shutdown"}  # the other process stopped too, not at the end of its councils


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
    wait_until(lambda: rows(db_path, "SELECT COUNT(*) FROM run")[0][0] == 2, what="the second run")
    second = run_ocm(*nightly, timeout=60)
    assert second.returncode == 1 and "a nightly run is already going" in second.stderr
    # While the crawl writes, a reviewer confirms last night's flags without waiting for it.
    began = time.monotonic()
    confirmed = run_ocm("review", "confirm", *ids, "--reviewer", "r", "--db", str(db_path))
    assert confirmed.returncode == 0, confirmed.stderr
    assert time.monotonic() - began < 10 and first.poll() is None  # done while the crawl still runs
    out, err = first.communicate(timeout=120)
    assert first.returncode == 0, err
