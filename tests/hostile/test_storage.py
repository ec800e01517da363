"""Storage faults are visible and recoverable: a store that fills up, is read-only or corrupt ends the run
`aborted` with a one-line reason and a non-zero exit, and `ocm status` says so; no run stays 'running' after its
process is gone; a migration interrupted half-way leaves a store that opens; a store of a newer schema and a file
that is not a store are refused untouched. Each fault is made for real: SQLite's own SQLITE_FULL (the store's
page limit), file permissions (dropping root's power to ignore them where the tests run as root), bytes of
garbage in the file, a process killed inside a migration."""

from __future__ import annotations

import ctypes
import hashlib
import json
import os
import sqlite3
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlite_utils import Database

from cli import main
from store import open_db
from store.db import NewerSchema, NotAStore
from store.runs import finish_run, start_run
from store.schema import MIGRATIONS, schema_version
from tests.conftest import ROOT, settings_args
from tests.hostile.server import Reply, links

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="file permissions as on Linux")

PR_CAPBSET_DROP = 24  # prctl(2)
CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER = 1, 2, 3
POLICY = ("Members of the public may film, record and photograph the public parts of meetings of the Council and "
          "its committees, and may report on them live using social media, provided they do not disrupt the "
          "meeting. ")


def _without_root_powers() -> None:  # runs in the child before exec: file permissions bind it, as any user
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER):
        libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0)


def ocm(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The real `ocm` command in a subprocess, bound by file permissions even when the tests run as root."""
    return subprocess.run([sys.executable, "-m", "cli", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, check=False, env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
                          preexec_fn=_without_root_powers if os.geteuid() == 0 else None)


def error_line(result: subprocess.CompletedProcess[str]) -> str:
    """The one `Error: ...` line a failed command printed, with no traceback."""
    assert result.returncode != 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    (line,) = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    return line


def query(db_path: Path, sql: str, *params: object) -> list[tuple]:
    with sqlite3.connect(db_path) as conn:
        found = conn.execute(sql, params).fetchall()
    conn.close()
    return found


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def store_with_a_finished_run(db_path: Path) -> None:
    db = open_db(db_path)
    finish_run(db, start_run(db, "nightly", 1), "finished")
    db.close()  # the last connection: the write-ahead log is checkpointed into the file and removed


def page_limit_hook(tmp_path: Path, pages: int) -> dict[str, str]:
    """The environment of a process whose every SQLite connection may grow the store to `pages` pages and no
    further: SQLite's own 'database or disk is full' (SQLITE_FULL), as on a full disk."""
    hook = tmp_path / "fullhook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(textwrap.dedent(f"""
        import sqlite3

        _connect = sqlite3.connect

        def connect(*args, **kwargs):
            connection = _connect(*args, **kwargs)
            connection.execute("PRAGMA max_page_count = {pages}")
            return connection

        sqlite3.connect = connect
    """))
    return {"PYTHONPATH": os.pathsep.join([str(hook), str(ROOT)])}


# --- A full disk ------------------------------------------------------------------------------------------

@pytest.mark.e2e
def test_a_crawl_into_a_store_that_fills_up_midway_is_aborted_and_status_says_why(hostile, registry_for, tmp_path):
    count = 8
    paths = [f"/policy-{n}.html" for n in range(count)]
    for number, path in enumerate(paths):  # about 60 KB each: bytes and text, a few dozen pages of the store
        words = f"Part {number}. " + POLICY * 150 + os.urandom(12_000).hex()
        hostile.route(path, Reply(f"<html><head><title>Protocol {number}</title></head><body><p>{words}</p>"
                                  "</body></html>".encode()))
    hostile.route("/", links())
    registry = registry_for(hostile.base_url, documents=" ".join(hostile.url(p) for p in paths))
    db_path = tmp_path / "ocm.db"
    open_db(db_path).close()
    (pages,) = query(db_path, "PRAGMA page_count")[0]
    crawl = ["crawl", "--registry", str(registry), "--db", str(db_path),
             *settings_args({"CONCURRENT_REQUESTS_PER_DOMAIN": "1", "OCM_CRAWL_PROCESSES": "1"})]

    result = ocm(*crawl, env=page_limit_hook(tmp_path, pages + 120))  # room for two or three documents

    assert error_line(result) == ("Error: run 1 aborted: storage fault: the disk is full "
                                  "(database or disk is full)")
    assert query(db_path, "SELECT status, finish_reason FROM run") == [
        ("aborted", "storage fault: the disk is full (database or disk is full)")]
    stored = query(db_path, "SELECT COUNT(*) FROM snapshot")[0][0]
    assert 0 < stored < count  # it filled up midway, and stopped there: no later document was tried
    assert len([line for line in result.stderr.splitlines() if "database or disk is full" in line]) <= 3
    # No half-written rows: every snapshot has its bytes, its findings and its fetch; no source without them.
    assert query(db_path, "PRAGMA integrity_check") == [("ok",)]
    assert query(db_path, "SELECT COUNT(*) FROM snapshot WHERE bytes_sha256 NOT IN (SELECT sha256 FROM blob)") == [
        (0,)]
    assert query(db_path, "SELECT COUNT(*) FROM snapshot s WHERE NOT EXISTS "
                          "(SELECT 1 FROM finding f WHERE f.snapshot_id = s.id)") == [(0,)]
    assert query(db_path, "SELECT COUNT(*) FROM snapshot s WHERE NOT EXISTS "
                          "(SELECT 1 FROM fetch f WHERE f.snapshot_id = s.id)") == [(0,)]
    assert query(db_path, "SELECT COUNT(*) FROM source")[0][0] == stored

    status = ocm("status", "--db", str(db_path))
    assert status.returncode == 1
    assert "the last run (1) was aborted: storage fault: the disk is full" in status.stdout

    again = ocm(*crawl)  # room again (the disk freed): the next crawl stores the rest
    assert again.returncode == 0, again.stderr
    assert query(db_path, "SELECT COUNT(*) FROM snapshot")[0][0] == count


# --- A read-only store --------------------------------------------------------------------------------------

@pytest.mark.e2e
@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_read_only_store_stops_the_run_with_one_line_and_status_says_so(hostile, registry_for, tmp_path, what):
    hostile.route("/", links())
    registry = registry_for(hostile.base_url)
    folder = tmp_path / "store"
    db_path = folder / "ocm.db"
    store_with_a_finished_run(db_path)
    read_only = db_path if what == "file" else folder
    read_only.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH | (stat.S_IXUSR if what == "folder" else 0))
    try:
        before = digest(db_path)
        crawl = ocm("crawl", "--registry", str(registry), "--db", str(db_path), *settings_args())
        nightly = ocm("nightly", "--registry", str(registry), "--db", str(db_path), *settings_args())
        status = ocm("status", "--db", str(db_path))
    finally:
        read_only.chmod(stat.S_IRWXU)
    assert error_line(crawl).startswith(f"Error: store {db_path}: the store is read-only (attempt to write a "
                                        "readonly database")
    assert error_line(nightly).startswith(f"Error: store {db_path}: the store is read-only (")
    assert status.returncode == 1
    assert "the store is read-only" in status.stdout + status.stderr
    assert hostile.log == []  # nothing was fetched for a store that cannot keep it
    assert digest(db_path) == before
    assert query(db_path, "SELECT status FROM run") == [("finished",)]


# --- A corrupt store ----------------------------------------------------------------------------------------

def corrupt(db_path: Path) -> None:
    """A store with a few hundred rows, then bytes of garbage written over some of its pages (not the first)."""
    db = open_db(db_path)
    finish_run(db, start_run(db, "nightly", 1), "finished")
    with db.conn:
        for number in range(300):
            db.execute("INSERT INTO blob (sha256, content, size) VALUES (?, ?, 600)", [str(number), os.urandom(600)])
    db.close()
    (size,) = query(db_path, "PRAGMA page_size")[0]
    with db_path.open("r+b") as handle:
        handle.seek(size * 10)
        handle.write(os.urandom(size * 3))


@pytest.mark.e2e
def test_a_corrupt_store_stops_the_run_and_fails_the_status_quick_check(hostile, registry_for, tmp_path):
    hostile.route("/", links())
    registry = registry_for(hostile.base_url)
    db_path = tmp_path / "ocm.db"
    corrupt(db_path)
    crawl = ocm("crawl", "--registry", str(registry), "--db", str(db_path), *settings_args())
    assert error_line(crawl).startswith(f"Error: store {db_path}: the store is corrupt (quick_check: ")
    nightly = ocm("nightly", "--registry", str(registry), "--db", str(db_path), *settings_args())
    assert error_line(nightly).startswith(f"Error: store {db_path}: the store is corrupt (quick_check: ")
    assert hostile.log == []

    status = CliRunner().invoke(main, ["status", "--db", str(db_path)], catch_exceptions=False)
    assert status.exit_code == 1
    assert "the store is corrupt: SQLite's quick check found" in status.output
    data = json.loads(CliRunner().invoke(main, ["status", "--db", str(db_path), "--json"]).output)
    assert data["ok"] is False and data["integrity"]


def test_garbage_over_the_first_page_is_no_store_at_all(tmp_path):
    db_path = tmp_path / "ocm.db"
    store_with_a_finished_run(db_path)
    with db_path.open("r+b") as handle:
        handle.write(os.urandom(100))
    result = CliRunner().invoke(main, ["status", "--db", str(db_path)])
    assert result.exit_code == 1
    assert result.output.strip() == (f"Error: cannot open store {db_path}: it is not an Open Council Meetings store "
                                     "(not a SQLite database, or its first page is corrupt)")


# --- A run whose process died -------------------------------------------------------------------------------

def test_a_run_left_running_by_a_dead_process_is_marked_aborted_by_status(db, db_path):
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    dead = start_run(db, "nightly", 1)
    db.execute("UPDATE run SET pid = ? WHERE id = ?", [gone.pid, dead])
    with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"]) as later:  # alive, but started
        reused = start_run(db, "nightly", 1)                                               # after its run: the
        db.execute("UPDATE run SET pid = ?, started_at = '2026-01-01T00:00:00+00:00' WHERE id = ?",  # pid is
                   [later.pid, reused])                                                   # only reused
        result = CliRunner().invoke(main, ["status", "--db", str(db_path)], catch_exceptions=False)
        later.kill()
    assert result.exit_code == 1
    assert f"the last run ({reused}) was aborted: process died" in result.output
    assert db.execute("SELECT id, status, finish_reason FROM run ORDER BY id").fetchall() == [
        (dead, "aborted", "process died"), (reused, "aborted", "process died")]


def test_status_fails_when_the_last_run_lost_documents(db, db_path):
    run = start_run(db, "nightly", 1)
    stats = {"council": {"ocm/documents_lost": 2, "finish_reason": "finished"}, "council 2/2": {}}
    db.execute("UPDATE run SET requests = 9, documents = 5, errors = 2, stats = ? WHERE id = ?",
               [json.dumps(stats), run])
    finish_run(db, run, "finished")
    result = CliRunner().invoke(main, ["status", "--db", str(db_path)], catch_exceptions=False)
    assert result.exit_code == 1
    assert f"the last run ({run}) lost 2 document(s) in extraction" in result.output
    data = json.loads(CliRunner().invoke(main, ["status", "--db", str(db_path), "--json"]).output)
    assert data["documents_lost"] == 2 and data["ok"] is False


# --- Migrations ---------------------------------------------------------------------------------------------

def store_at(db_path: Path, version: int) -> None:
    """A store as the code of schema `version` left it, with one source row."""
    old = Database(sqlite3.connect(db_path))
    for number, step in enumerate(MIGRATIONS[:version], start=1):
        step(old)
        old.execute(f"PRAGMA user_version = {number}")
    old.execute("INSERT INTO council (code, name, nation, updated_at) VALUES ('TST', 'Testshire', 'England', '-')")
    old.execute("INSERT INTO source (council, url, kind, found_via, first_seen) "
                "VALUES ('TST', 'http://x/', 'constitution', 'registry', '-')")
    old.conn.commit()
    old.close()


CRASH_IN_MIGRATION = """
import os, sys
from store import schema

def crash(db):  # half of migration {number}: its first statement, then the process dies
    schema.run_script(db, next(schema.statements(schema.SCHEMA_V{number})))
    os._exit(9)

schema.MIGRATIONS = tuple(crash if n == {number} else step for n, step in enumerate(schema.MIGRATIONS, start=1))
from store import open_db
open_db(sys.argv[1])
"""


def test_a_migration_interrupted_half_way_leaves_a_store_that_opens_and_migrates_next_time(tmp_path):
    db_path = tmp_path / "ocm.db"
    store_at(db_path, 5)
    crashed = subprocess.run([sys.executable, "-c", CRASH_IN_MIGRATION.format(number=6), str(db_path)], cwd=ROOT,
                             env={**os.environ, "PYTHONPATH": str(ROOT)}, check=False)
    assert crashed.returncode == 9
    assert query(db_path, "PRAGMA user_version") == [(5,)]  # migration 6 rolled back whole: no column of it
    assert "confidence" not in {row[1] for row in query(db_path, "PRAGMA table_info(finding)")}
    db = open_db(db_path)
    assert schema_version(db) == len(MIGRATIONS)
    assert db.execute("SELECT url FROM source").fetchall() == [("http://x/",)]
    db.close()


def test_a_store_half_migrated_by_an_older_version_opens(tmp_path):
    db_path = tmp_path / "ocm.db"
    store_at(db_path, 5)
    with sqlite3.connect(db_path) as conn:  # what a crash inside executescript left: the column, no version bump
        conn.execute("ALTER TABLE finding ADD COLUMN confidence TEXT NOT NULL DEFAULT 'high'")
    conn.close()
    db = open_db(db_path)
    assert schema_version(db) == len(MIGRATIONS)
    db.close()
    open_db(db_path).close()  # and migrating a migrated store again is nothing


# --- Files that are not ours --------------------------------------------------------------------------------

def test_a_store_of_a_newer_schema_is_refused_untouched(tmp_path):
    db_path = tmp_path / "ocm.db"
    store_with_a_finished_run(db_path)
    with sqlite3.connect(db_path) as conn:
        conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    conn.close()
    before = digest(db_path)
    with pytest.raises(NewerSchema):
        open_db(db_path)
    result = CliRunner().invoke(main, ["status", "--db", str(db_path)])
    assert result.exit_code == 1
    assert result.output.strip() == (f"Error: cannot open store {db_path}: its schema version {len(MIGRATIONS) + 1} "
                                     "is newer than this version of Open Council Meetings knows "
                                     f"({len(MIGRATIONS)}): upgrade, or use a backup made by this version")
    assert digest(db_path) == before


@pytest.mark.parametrize("make, says", [
    (lambda conn: conn.execute("CREATE TABLE notes (body TEXT)"), "(a SQLite database of other tables: notes)"),
    (lambda conn: conn.execute("PRAGMA application_id = 1234"),
     "(another application's SQLite database, application id 0x4d2)"),
    (lambda conn: conn.execute("PRAGMA user_version = 3") and conn.execute("CREATE TABLE run (id INTEGER)"),
     "(a SQLite database of other tables: run)"),
], ids=["other-tables", "other-application", "other-version"])
def test_a_sqlite_file_of_another_application_is_refused_untouched(tmp_path, make, says):
    path = tmp_path / "notes.db"
    with sqlite3.connect(path) as conn:
        make(conn)
    conn.close()
    before = digest(path)
    with pytest.raises(NotAStore):
        open_db(path)
    result = CliRunner().invoke(main, ["review", "list", "--db", str(path)])
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: cannot open store {path}: it is not an Open Council Meetings store {says}"
    assert digest(path) == before and not Path(f"{path}-wal").exists()


def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("minutes of the meeting\n" * 10)
    result = CliRunner().invoke(main, ["status", "--db", str(path)])
    assert result.exit_code == 1 and "it is not an Open Council Meetings store (not a SQLite database" in result.output
    assert path.read_text() == "minutes of the meeting\n" * 10


def test_a_new_store_is_readable_by_its_owner_only(tmp_path):
    """It holds reviewers' password hashes: 0600, and its WAL and shared-memory files alike."""
    import stat

    from store import open_db

    path = tmp_path / "ocm.db"
    db = open_db(path)
    db["council"].count  # noqa: B018  # (a read, so that the WAL files exist)
    db.execute("CREATE TEMP TABLE t (x)")
    for file in tmp_path.glob("ocm.db*"):
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file
    db.close()
