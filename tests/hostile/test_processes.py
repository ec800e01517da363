"""Process hygiene: killing the nightly process kills its crawl processes; a crawl process left running by an
earlier run (an orphan) stops the next night and shows in `ocm status`; a crawl process's command line, which
`ps` shows to every user, carries no secret."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from store.processes import CRAWL_MARK, CrawlMark, crawl_processes
from tests.conftest import ROOT, run_ocm, settings_args
from tests.hostile.server import HostileWeb, Reply, links
from tests.waiting import wait_until

pytestmark = [pytest.mark.e2e,
              pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc and PR_SET_PDEATHSIG: Linux")]

NOTIFY_TOKEN = "notify-token-s3cr3t"
AGENT_TOKEN = "agent-token-s3cr3t"


def two_councils(web: HostileWeb, path: Path) -> Path:
    """A registry of two councils on the hostile server, so that a crawl runs in two processes."""
    header = ("name,nice_name,local_authority_code,gss_code,nation,region,type,tier,principal_council,website,"
              "democracy_url,democracy_url_source,platform,documents\n")
    rows = "".join(f"{name} Borough Council,{name},{code},E0799999{n},England,South East,Non-metropolitan district,"
                   f"lower (district),yes,{web.url(f'/{code.lower()}/')},,,other/Custom HTML,\n"
                   for n, (name, code) in enumerate([("Slowford", "SLA"), ("Dripton", "SLB")]))
    path.write_text(header + rows, encoding="utf-8")
    return path


def slow(web: HostileWeb, seconds: float, seen: list[str] | None = None) -> None:
    """Each council's home page answers after `seconds`; `seen` collects the User-Agent of each request."""
    def answer(path: str, headers: dict[str, str]) -> Reply:
        if seen is not None:
            seen.append(headers.get("user-agent", ""))
        return Reply(links().body, delay=seconds)
    for code in ("sla", "slb"):
        web.route(f"/{code}/", answer)


def start_nightly(registry: Path, db_path: Path, *settings: str, env: dict[str, str] | None = None,
                  ) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "cli", "nightly", "--registry", str(registry), "--db", str(db_path),
                             *settings_args({"OCM_CRAWL_PROCESSES": "2", "DOWNLOAD_TIMEOUT": "60"}), *settings],
                            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def alive(pid: int) -> bool:
    """Whether a process runs (a zombie waiting for its parent to notice does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def crawling(db_path: Path) -> list[int]:
    """The processes crawling into this store: those with the store on their command line (the `ocm crawl`
    processes), and those with the crawl's mark in their environment (those, and their workers)."""
    by_command = set()
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            args = cmdline.read_bytes().split(b"\0")
        except OSError:
            continue
        if str(db_path).encode() in args and b"crawl" in args:
            by_command.add(int(cmdline.parent.name))
    return sorted(p for p in by_command | {p.pid for p in crawl_processes(db_path)} if alive(p))


def query(db_path: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db_path) as conn:
        found = conn.execute(sql).fetchall()
    conn.close()
    return found


def test_killing_the_nightly_process_kills_its_crawl_processes(hostile, tmp_path):
    slow(hostile, 20)
    registry = two_councils(hostile, tmp_path / "registry.csv")
    db_path = tmp_path / "ocm.db"
    nightly = start_nightly(registry, db_path)
    wait_until(lambda: hostile.log.count("/sla/") + hostile.log.count("/slb/") >= 2)  # both processes crawl
    children = crawling(db_path)
    assert len(children) >= 2, children  # the crawl child, and the crawl process of the second share

    nightly.send_signal(signal.SIGKILL)
    nightly.communicate()
    wait_until(lambda: not any(alive(pid) for pid in children), timeout=10)
    assert crawling(db_path) == []

    hostile.route("/sla/", links())
    hostile.route("/slb/", links())
    again = run_ocm("nightly", "--registry", str(registry), "--db", str(db_path),
                    *settings_args({"OCM_CRAWL_PROCESSES": "2"}))
    assert again.returncode == 0, again.stderr
    assert query(db_path, "SELECT id, status, finish_reason FROM run ORDER BY id") == [
        (1, "aborted", "process died"), (2, "finished", "finished")]


def test_a_stopped_nightly_process_stops_its_crawl_first(hostile, tmp_path):
    slow(hostile, 2)
    registry = two_councils(hostile, tmp_path / "registry.csv")
    db_path = tmp_path / "ocm.db"
    nightly = start_nightly(registry, db_path)
    wait_until(lambda: hostile.log.count("/sla/") + hostile.log.count("/slb/") >= 2)
    children = crawling(db_path)
    nightly.send_signal(signal.SIGTERM)  # as systemd stops it
    _out, err = nightly.communicate(timeout=60)
    assert nightly.returncode == 1 and "Stopped (SIGTERM), and the crawl with it" in err
    assert not any(alive(pid) for pid in children) and crawling(db_path) == []
    assert query(db_path, "SELECT status, finish_reason FROM run") == [("finished", "shutdown")]


def test_an_orphan_of_an_earlier_run_stops_the_next_night_and_shows_in_status(hostile, registry_for, tmp_path):
    hostile.route("/", links())
    registry = registry_for(hostile.base_url)
    db_path = tmp_path / "ocm.db"
    gone = subprocess.Popen([sys.executable, "-c", "pass"])  # the nightly process that started it, killed
    gone.wait()
    mark = CrawlMark(str(db_path.resolve()), gone.pid, "nightly", "2026-01-01T02:30:00+00:00")
    with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"],
                          env={**os.environ, CRAWL_MARK: mark.value}) as orphan:
        try:
            wait_until(lambda: crawling(db_path) == [orphan.pid], timeout=10)
            night = run_ocm("nightly", "--registry", str(registry), "--db", str(db_path), *settings_args())
            status = run_ocm("status", "--db", str(db_path))
        finally:
            orphan.kill()
    assert night.returncode == 1 and "Traceback" not in night.stderr
    (line,) = [line for line in night.stderr.splitlines() if line.startswith("Error: ")]
    assert line == (f"Error: 1 crawl process(es) of an earlier run still running ({orphan.pid}; nightly crawl "
                    f"started 2026-01-01T02:30:00+00:00 by process {gone.pid}) on {db_path}, though what started "
                    f"them is gone: stop them (kill {orphan.pid}) before the next night")
    assert hostile.log == []  # no second crawl beside it
    assert status.returncode == 1
    assert f"1 crawl process(es) of an earlier run still running ({orphan.pid};" in status.stdout

    after = run_ocm("nightly", "--registry", str(registry), "--db", str(db_path), *settings_args())
    assert after.returncode == 0, after.stderr  # once it is gone, the night runs


def test_a_crawl_process_command_line_carries_no_secret(hostile, tmp_path):
    agents: list[str] = []
    slow(hostile, 20, agents)
    registry = two_councils(hostile, tmp_path / "registry.csv")
    db_path = tmp_path / "ocm.db"
    nightly = start_nightly(registry, db_path, "-s", f"OCM_NOTIFY_URLS=json://127.0.0.1:9/{NOTIFY_TOKEN}",
                            "-s", f"USER_AGENT=OCM-test ({AGENT_TOKEN})",
                            env={"OCM_NOTIFY_URLS": f"json://127.0.0.1:9/env-{NOTIFY_TOKEN}"})
    try:
        wait_until(lambda: len(agents) >= 2)
        children = crawling(db_path)
        assert len(children) >= 2
        for pid in children:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode()
            assert "crawl" in cmdline or "multiprocessing" in cmdline
            assert "s3cr3t" not in cmdline, cmdline
            # Only the settings a crawl needs reach it, through its environment: not the digest's addresses.
            assert NOTIFY_TOKEN not in Path(f"/proc/{pid}/environ").read_bytes().decode(errors="replace")
    finally:
        nightly.send_signal(signal.SIGKILL)
        nightly.communicate()
    assert agents[:2] == [f"OCM-test ({AGENT_TOKEN})"] * 2  # both crawl processes got their settings
