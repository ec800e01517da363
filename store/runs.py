"""Run rows: one per crawl, with counts and how it finished. Health is read from here, not exit codes."""

from __future__ import annotations

import os
from typing import Any

from sqlite_utils import Database

from store.db import StorageFault, from_json, insert, one, rows, to_json, transaction, update, utcnow
from store.processes import process_alive

RUNNING = "running"
FINISHED = "finished"
ABORTED = "aborted"
PROCESS_DIED = "process died"
STORAGE_FAULT = "storage fault"  # a run's finish reason begins so when the store failed under it


class RunAborted(Exception):
    """A run ended early (a storage fault, a crawl process that failed); the store records why, when it can."""


class RunNotOpen(RunAborted):
    """A crawl was given a run to record into (OCM_RUN_ID) that is not open in the store."""


def dead_runs(db: Database) -> list[dict]:
    """Runs still 'running' whose process is gone (a crash, SIGKILL, a full disk that stopped it recording)."""
    return [r for r in rows(db, "SELECT * FROM run WHERE status = ?", [RUNNING])
            if not process_alive(r["pid"], r["started_at"])]


def abort_dead_runs(db: Database) -> int:
    """Mark runs still 'running' whose process is gone as aborted (a crash or SIGKILL); return how many."""
    stale = dead_runs(db)
    for r in stale:
        abort_run(db, r["id"], PROCESS_DIED)
    return len(stale)


def fault_reason(fault: StorageFault) -> str:
    """A run's finish reason when the store failed under it."""
    return f"{STORAGE_FAULT}: {fault.reason}"


def is_storage_fault(reason: str | None) -> bool:
    """Whether a finish reason says the store failed under the run."""
    return bool(reason) and STORAGE_FAULT in str(reason)


def abort_run(db: Database, run_id: int, reason: str) -> None:
    """Close a run that ended early, with its one-line reason."""
    update(db, "run", run_id, {"status": ABORTED, "finished_at": utcnow(), "finish_reason": reason})


def start_run(db: Database, trigger: str, councils: int) -> int:
    """Open a run row for this process and return its id."""
    abort_dead_runs(db)
    return insert(db, "run", {"trigger": trigger, "started_at": utcnow(), "pid": os.getpid(),
                              "status": RUNNING, "councils": councils})


def add_run_counts(db: Database, run_id: int, spider: str, counts: dict[str, int], stats: dict[str, Any]) -> None:
    """Add one crawler's counts to its run, and keep its full Scrapy stats under the spider's name."""
    with transaction(db):
        run = one(db, "SELECT stats FROM run WHERE id = ?", [run_id])
        merged = {**from_json(run["stats"] if run else None, {}), spider: stats}
        assignments = ", ".join(f"[{name}] = [{name}] + ?" for name in counts)
        db.execute(f"UPDATE run SET {assignments}, stats = ? WHERE id = ?",
                   [*counts.values(), to_json(merged), run_id])


def finish_run(db: Database, run_id: int, reason: str) -> None:
    """Close a run with its finish reason."""
    update(db, "run", run_id, {"status": FINISHED, "finished_at": utcnow(), "finish_reason": reason})


def set_run_counts(db: Database, run_id: int, counts: dict[str, int]) -> None:
    """Update some counts of a run (e.g. flags raised by change detection after the crawl)."""
    update(db, "run", run_id, counts)


def run_stat(run: dict, name: str) -> int:
    """The total of one Scrapy stat over a run's crawlers (their stats are kept under each crawler's name)."""
    stats: dict[str, Any] = from_json(run.get("stats"), {}) or {}
    return sum(int(crawler.get(name, 0) or 0) for crawler in stats.values() if isinstance(crawler, dict))


def get_run(db: Database, run_id: int) -> dict | None:
    """One run row."""
    return one(db, "SELECT * FROM run WHERE id = ?", [run_id])


def recent_runs(db: Database, limit: int = 10) -> list[dict]:
    """The newest runs first."""
    return rows(db, "SELECT * FROM run ORDER BY id DESC LIMIT ?", [limit])


def last_run(db: Database) -> dict | None:
    """The newest run, if any."""
    found = recent_runs(db, 1)
    return found[0] if found else None


def last_run_of(db: Database, trigger: str) -> dict | None:
    """The newest run started by this trigger (e.g. 'nightly')."""
    return one(db, "SELECT * FROM run WHERE trigger = ? ORDER BY id DESC LIMIT 1", [trigger])
