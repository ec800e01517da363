"""Health an operator (or a monitor) can see: recent runs, failing and unreadable sources, councils with no
policy found (and why, from their last discovery), texts the classifier in force has not read yet, when the
scheduler last fired, and whether the last run failed, lost documents or is overdue, and whether the public site
is behind the store (its publication older than the last night or the last decision). The store itself is checked
too: SQLite's quick check, whether it can be written, and crawl processes left running by a run whose process
is gone (orphans). A run still 'running' whose process is gone is marked aborted here."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlite_utils import Database

from review.coverage import Coverage, coverage
from review.why import councils_without_policy
from rules import CLASSIFIER_VERSION
from store.appsettings import get_setting
from store.db import StorageFault, check_writable, integrity_problems, store_path
from store.documents import count_snapshots_to_reclassify, failing_sources, unreadable_sources
from store.policies import last_reviewed_at
from store.processes import describe, orphans
from store.runs import (
    ABORTED,
    PROCESS_DIED,
    RUNNING,
    abort_dead_runs,
    dead_runs,
    last_run,
    last_run_of,
    recent_runs,
    run_stat,
)

SCHEDULER_FIRED = "scheduler_last_fired"
NIGHTLY = "nightly"
DOCUMENTS_LOST = "ocm/documents_lost"  # a crawl's stat: documents extraction lost (a worker died or overran)
DECISION_GRACE = timedelta(minutes=5)  # the review page publishes a minute after a decision at most


@dataclass(frozen=True)
class PublicSite:
    """Where the public site is published on its own, and when its publication there was made (None: none)."""

    folder: str
    published_at: str | None


@dataclass
class Health:
    """The state of the store's crawling, and what is wrong with it."""

    runs: list[dict]
    failing: list[dict]
    unreadable: list[dict]
    without_policy: list[dict]  # council rows, each with the `reason` from its last discovery (review/why.py)
    scheduler_last_fired: str | None
    last_nightly: dict | None
    classifier_version: str = CLASSIFIER_VERSION
    # Current texts the classifier in force has not read yet (their older findings stand): `ocm reclassify`.
    not_reclassified: int = 0
    integrity: list[str] = field(default_factory=list)  # what SQLite's quick check found wrong; empty: ok
    writable: bool = True
    orphans: list[dict] = field(default_factory=list)  # crawl processes whose run's process is gone: pid, command
    documents_lost: int = 0  # by the last run
    coverage: list[Coverage] = field(default_factory=list)  # councils by tier and nation (review/coverage.py)
    public_site: PublicSite | None = None  # None: the site is not published on its own
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def health(db: Database, now: datetime, overdue_hours: float, stuck_seconds: float, failing_nights: int = 1,
           public_site: PublicSite | None = None) -> Health:
    """Read the store's health. Problems: the store is corrupt or read-only, orphaned crawl processes run, the
    last run failed, lost documents or is stuck, the nightly run is overdue, or the public site (as the caller
    found it: publishing is a layer above) is older than the last night or the last decision."""
    integrity = integrity_problems(db)
    if integrity:  # reading more of a damaged store may fail, or mislead
        return Health(runs=[], failing=[], unreadable=[], without_policy=[], scheduler_last_fired=None,
                      last_nightly=None, integrity=integrity, problems=_integrity_problems(integrity))
    store_problems, writable = _store_problems(db)
    dead = _close_dead_runs(db, writable)
    found = orphans(store_path(db))
    state = Health(
        runs=[_as_aborted(r, dead) or r for r in recent_runs(db, 10)],
        failing=[s for s in failing_sources(db) if s["consecutive_failures"] >= failing_nights],
        unreadable=unreadable_sources(db),
        without_policy=councils_without_policy(db),
        scheduler_last_fired=get_setting(db, SCHEDULER_FIRED),
        last_nightly=_as_aborted(last_run_of(db, NIGHTLY), dead),
        not_reclassified=count_snapshots_to_reclassify(db, CLASSIFIER_VERSION),
        writable=writable,
        orphans=[{"pid": p.pid, "owner": p.mark.owner, "trigger": p.mark.trigger, "since": p.mark.since,
                  "command": p.command} for p in found],
        coverage=coverage(db),
        public_site=public_site,
    )
    last = _as_aborted(last_run(db), dead)
    state.documents_lost = run_stat(last, DOCUMENTS_LOST) if last else 0
    state.problems = store_problems
    if found:
        pids = " ".join(str(p.pid) for p in found)
        state.problems.append(f"{describe(found)}, though what started them is gone: stop them (kill {pids})")
    state.problems += _problems(last, state.last_nightly, now, overdue_hours, stuck_seconds)
    state.problems += _site_problems(public_site, state.last_nightly, last_reviewed_at(db), now)
    if state.documents_lost and last:
        state.problems.append(f"the last run ({last['id']}) lost {state.documents_lost} document(s) in extraction "
                              "(a worker died or ran out of time): see its log and the failing sources")
    return state


def _store_problems(db: Database) -> tuple[list[str], bool]:
    """Whether the store can be written: ([the problem], False) when it cannot."""
    try:
        check_writable(db)
    except StorageFault as fault:
        return [f"{fault}: no crawl can write to it"], False
    except sqlite3.OperationalError:  # not a fault (those are StorageFault): busy past the timeout, so a long write
        return [], True               # holds the lock; the store is writable
    return [], True


def _integrity_problems(found: list[str]) -> list[str]:
    if not found:
        return []
    return [f"the store is corrupt: SQLite's quick check found {len(found)} problem(s), the first: {found[0][:200]}"
            " (restore a backup; nothing more was read from it)"]


def _close_dead_runs(db: Database, writable: bool) -> set[int]:
    """The runs still 'running' whose process is gone, marked aborted in the store when it can be written."""
    dead = {r["id"] for r in dead_runs(db)}
    if dead and writable:
        abort_dead_runs(db)
    return dead


def _as_aborted(run: dict | None, dead: set[int]) -> dict | None:
    """A run as the store would show it once a dead one is marked aborted (a read-only store cannot be)."""
    if run is None or run["id"] not in dead or run["status"] != RUNNING:
        return run
    return {**run, "status": ABORTED, "finish_reason": PROCESS_DIED}


def _problems(last: dict | None, nightly: dict | None, now: datetime, overdue_hours: float,
              stuck_seconds: float) -> list[str]:
    problems = []
    if last is None:
        return ["no run has been recorded yet"]
    if last["status"] == ABORTED:
        problems.append(f"the last run ({last['id']}) was aborted: {last['finish_reason']}")
    elif last["status"] == RUNNING and now - datetime.fromisoformat(last["started_at"]) > timedelta(
            seconds=stuck_seconds):
        problems.append(f"the last run ({last['id']}) has been running since {last['started_at']}")
    elif last["status"] != RUNNING and last["finish_reason"] != "finished":
        problems.append(f"the last run ({last['id']}) ended: {last['finish_reason']}")
    elif last["status"] != RUNNING and last["requests"] > 0 and last["documents"] == 0 and last["errors"] > 0:
        problems.append(f"the last run ({last['id']}) fetched no document: {last['errors']} errors")
    if nightly is None:
        problems.append("no nightly run has been recorded yet")
    elif now - datetime.fromisoformat(nightly["started_at"]) > timedelta(hours=overdue_hours):
        problems.append(f"the nightly run is overdue: the last one started {nightly['started_at']}")
    return problems


def _site_problems(site: PublicSite | None, nightly: dict | None, reviewed_at: str | None,
                   now: datetime) -> list[str]:
    """The public site is behind: never published, or published before the last night ended or a decision."""
    if site is None or (nightly is None and reviewed_at is None):
        return []
    advice = "run `ocm publish` and read the log of what should have published it"
    if site.published_at is None:
        return [f"the public site has never been published to {site.folder}: {advice}"]
    ended = nightly.get("finished_at") if nightly else None
    if ended and site.published_at < ended:
        return [f"the public site in {site.folder} was last published at {site.published_at}, before the last "
                f"nightly run ended ({ended}): {advice}"]
    if (reviewed_at and site.published_at < reviewed_at
            and now - datetime.fromisoformat(reviewed_at) > DECISION_GRACE):
        return [f"the public site in {site.folder} was last published at {site.published_at}, before the last "
                f"decision ({reviewed_at}): {advice}"]
    return []
