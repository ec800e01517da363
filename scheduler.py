"""The nightly job and its APScheduler schedule: crawl in a child process, then detect changes, then notify.

`build_scheduler()` makes the scheduler without starting it, so its jobs can be inspected in tests.
"""

from __future__ import annotations

import fcntl
import logging
import subprocess
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from scrapy.settings import Settings
from sqlite_utils import Database

from registry import load_registry, select_councils
from review.changes import detect_changes
from review.notify import notify_night
from review.status import SCHEDULER_FIRED
from spiders.runner import crawl_command, project_settings
from store import open_db, utcnow
from store.appsettings import put_setting
from store.flags import get_flag
from store.runs import abort_dead_runs, get_run, run_of_process, set_run_counts

logger = logging.getLogger(__name__)

TIMEZONE = "Europe/London"
NIGHTLY_JOB_ID = "nightly"


class RunInProgress(Exception):
    """Another nightly run holds the lock on this store."""


class CrawlFailed(Exception):
    """The crawl child process failed before recording a run."""


@dataclass
class NightlyResult:
    """What one nightly run did: its run row and the flags change detection raised."""

    run: dict
    flags: list[dict] = field(default_factory=list)
    crawl_exit_code: int = 0

    @property
    def flag_counts(self) -> Counter[str]:
        return Counter(f["kind"] for f in self.flags)


@contextmanager
def nightly_lock(db_path: str | Path) -> Iterator[None]:
    """One nightly run per store at a time, across processes (an OS file lock beside the database)."""
    lock_path = Path(f"{db_path}.lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise RunInProgress(f"a nightly run is already going on {db_path}") from exc
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def run_nightly(db_path: str | Path, registry: str | Path | None = None, councils: list[str] | None = None,
                trigger: str = "nightly", settings: dict[str, str] | None = None) -> NightlyResult:
    """Crawl (child process), derive policies and raise flags for the councils crawled, then notify."""
    councils = councils or []
    config = project_settings(settings)  # the -s overrides count here too (gone threshold, timeout, notify)
    with nightly_lock(db_path):
        registered, _errors = load_registry(registry)
        chosen = select_councils(registered, councils)
        since = utcnow()
        exit_code, pid = _run_child(crawl_command(db_path, registry, councils, trigger, settings),
                                    config.getint("OCM_CRAWL_TIMEOUT"))
        db = open_db(db_path)
        try:
            abort_dead_runs(db)
            run = run_of_process(db, pid, since)
            if run is None:
                raise CrawlFailed(f"the crawl process (exit code {exit_code}) recorded no run; see its log")
            flag_ids = detect_changes(db, [c.code for c in chosen], run["id"], utcnow(),
                                      config.getint("OCM_SOURCE_GONE_AFTER"))
            set_run_counts(db, run["id"], {"flags": len(flag_ids)})
            flags = [f for f in (get_flag(db, i) for i in flag_ids) if f]
            result = NightlyResult(run=get_run(db, run["id"]) or run, flags=flags, crawl_exit_code=exit_code)
            _notify(db, result, config)
        finally:
            db.close()
    logger.info("nightly run %s: %d flag(s) raised", result.run["id"], len(flags))
    return result


def _notify(db: Database, result: NightlyResult, settings: Settings) -> None:
    """Send the night's digest to OCM_NOTIFY_URLS; a failure to notify is logged and never fails the run."""
    try:
        notify_night(db, result, settings.get("OCM_NOTIFY_URLS"), settings.get("OCM_REVIEW_URL") or "")
    except Exception:  # any notifier's failure (bad URL, network, plugin bug) must not lose the night's work
        logger.exception("could not notify reviewers of run %s", result.run["id"])


def _run_child(command: list[str], timeout: int) -> tuple[int, int]:
    """Run the crawl as a child process within `timeout` seconds; return its exit code and pid."""
    with subprocess.Popen(command) as child:
        try:
            return child.wait(timeout=timeout), child.pid
        except subprocess.TimeoutExpired:
            logger.error("crawl took longer than %d s: stopping it", timeout)
            child.kill()
            return child.wait(), child.pid


def build_scheduler(db_path: str | Path, registry: str | Path | None = None, at: str | None = None,
                    misfire_grace_hours: float | None = None) -> BlockingScheduler:
    """An APScheduler 3 scheduler with the nightly job; not started."""
    settings = project_settings()
    hour, minute = (at or settings.get("OCM_NIGHTLY_TIME")).split(":")
    grace = misfire_grace_hours if misfire_grace_hours is not None else settings.getfloat("OCM_MISFIRE_GRACE_HOURS")
    scheduler = BlockingScheduler(timezone=TIMEZONE)
    scheduler.add_job(
        scheduled_nightly, CronTrigger(hour=int(hour), minute=int(minute), timezone=TIMEZONE),
        id=NIGHTLY_JOB_ID, name="nightly crawl and change detection", kwargs={"db_path": str(db_path),
                                                                               "registry": registry},
        max_instances=1, coalesce=True, misfire_grace_time=int(grace * 3600), replace_existing=True,
    )
    return scheduler


def next_nightly(scheduler: BlockingScheduler, now: datetime | None = None) -> datetime:
    """When the nightly job fires next (works before the scheduler starts)."""
    job = scheduler.get_job(NIGHTLY_JOB_ID)
    return job.trigger.get_next_fire_time(None, now or datetime.now(ZoneInfo(TIMEZONE)))


def _heartbeat(db_path: str) -> None:
    """Record that the scheduler fired (ocm status shows it), before the run that may take hours."""
    db = open_db(db_path)
    try:
        put_setting(db, SCHEDULER_FIRED, utcnow(), utcnow())
    finally:
        db.close()


def scheduled_nightly(db_path: str, registry: str | None) -> None:
    """The scheduled job: a nightly run whose failures are logged, never raised into the scheduler."""
    try:
        _heartbeat(db_path)
        result = run_nightly(db_path, registry, trigger="nightly")
    except RunInProgress as exc:
        logger.warning("skipped: %s", exc)
        return
    except Exception:  # the scheduler must survive any one bad night; the traceback goes to the log
        logger.exception("nightly run failed")
        return
    logger.info("nightly run %s finished: %s; flags: %s", result.run["id"], result.run["finish_reason"],
                dict(result.flag_counts) or "none")
