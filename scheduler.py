"""The nightly job and its APScheduler schedule: crawl in a child process, then detect changes, then notify.

`build_scheduler()` makes the scheduler without starting it, so its jobs can be inspected in tests.

The crawl child runs in a process group of its own, which the nightly process kills whatever way it ends (the
child itself dies with it on Linux, even when the nightly process is killed with SIGKILL). Before each night,
crawl processes of an earlier run still alive (orphans) stop the night, and so does a store that is read-only or
corrupt; the child gets its settings in its environment, and not the ones only this process needs.
"""

from __future__ import annotations

import errno
import fcntl
import logging
import os
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from types import FrameType

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from scrapy.settings import Settings
from sqlite_utils import Database

from clock import TIMEZONE, london_now, utcnow
from publish.auto import publish_dir, publish_once
from registry import load_registry, select_councils
from review.changes import detect_changes
from review.nightly import NightlyResult
from review.notify import notify_night
from review.status import SCHEDULER_FIRED
from spiders.runner import CrawlCommand, crawl_child, project_settings
from store import open_db
from store.appsettings import put_setting
from store.db import StorageFault, check_integrity, check_writable, storage_faults
from store.flags import get_flag
from store.processes import CrawlMark, describe, orphans
from store.runs import (
    PROCESS_DIED,
    RUNNING,
    RunAborted,
    abort_dead_runs,
    abort_run,
    get_run,
    is_storage_fault,
    set_run_counts,
    start_run,
)

logger = logging.getLogger(__name__)

NIGHTLY_JOB_ID = "nightly"
# Settings only this process uses, kept from the crawl child (given with -s or in the environment): the digest's
# addresses carry tokens.
PARENT_ONLY = ("OCM_NOTIFY_URLS", "OCM_REVIEW_URL")
STOP_GRACE_SECONDS = 60  # a crawl told to stop finishes the requests under way (DOWNLOAD_TIMEOUT) before it is killed


class RunInProgress(Exception):
    """Another nightly run holds the lock on this store."""


class OrphanedCrawl(RunInProgress):
    """Crawl processes of an earlier run into this store are still running, though what started them is gone."""


class CrawlFailed(Exception):
    """The night's crawl left no run to read (its run row is gone)."""


@contextmanager
def nightly_lock(db_path: str | Path) -> Iterator[None]:
    """One nightly run per store at a time, across processes (an OS file lock beside the database)."""
    lock_path = Path(f"{db_path}.lock")
    try:
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        handle = lock_path.open("a")
    except OSError as exc:  # a read-only folder or file system, most likely
        problem = "the store is read-only" if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS) else (
            "the store cannot be locked")
        raise StorageFault(db_path, problem, f"cannot open {lock_path}: {exc.strerror}") from exc
    with handle:
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
    """Crawl (child process), derive policies and raise flags for the councils crawled, then notify.

    Raises OrphanedCrawl when crawl processes of an earlier run still write to the store, StorageFault when the
    store cannot be written or is corrupt (before the crawl), RunAborted when the store failed under the crawl."""
    councils = councils or []
    settings = settings or {}
    config = project_settings(settings)  # the -s overrides count here too (gone threshold, timeout, notify)
    with nightly_lock(db_path):
        registered, _errors = load_registry(registry)
        chosen = select_councils(registered, councils)
        run_id = _preflight(db_path, trigger, len(chosen))
        child_settings = {k: v for k, v in settings.items() if k not in PARENT_ONLY}
        command = crawl_child(db_path, registry, councils, trigger, child_settings, CrawlMark.new(db_path, trigger),
                              run_id=run_id)
        try:
            exit_code = _run_child(command, config.getint("OCM_CRAWL_TIMEOUT"))
        except BaseException:  # stopped, or failed: a run its crawl did not close dies with this process
            _abort_if_open(db_path, run_id)
            raise
        with storage_faults(db_path):
            db = open_db(db_path)
            try:
                result = _after_crawl(db, chosen, run_id, exit_code, config)
            finally:
                db.close()
        _publish(db_path, registry, config)
    logger.info("nightly run %s: %d flag(s) raised", result.run["id"], len(result.flags))
    return result


def _preflight(db_path: str | Path, trigger: str, councils: int) -> int:
    """Refuse to start a night beside orphans of an earlier one, or on a store that cannot take it; else open the
    night's run, which its crawl records into (OCM_RUN_ID), and return its id."""
    found = orphans(db_path)
    if found:
        pids = " ".join(str(p.pid) for p in found)
        raise OrphanedCrawl(f"{describe(found)} on {db_path}, though what started them is gone: stop them "
                            f"(kill {pids}) before the next night")
    with storage_faults(db_path):
        db = open_db(db_path)
        try:
            abort_dead_runs(db)
            check_writable(db)
            check_integrity(db)
            return start_run(db, trigger, councils)
        finally:
            db.close()


def _abort_if_open(db_path: str | Path, run_id: int) -> None:
    """Close the night's run as its process died, unless its crawl closed it."""
    with storage_faults(db_path):
        db = open_db(db_path)
        try:
            run = get_run(db, run_id)
            if run is not None and run["status"] == RUNNING:
                abort_run(db, run_id, PROCESS_DIED)
        finally:
            db.close()


def _after_crawl(db: Database, chosen: list, run_id: int, exit_code: int, settings: Settings) -> NightlyResult:
    """Change detection and the digest for the night's run, which the crawl child recorded into."""
    run = get_run(db, run_id)
    if run is None:
        raise CrawlFailed(f"run {run_id} is gone from the store (the crawl process exited with code {exit_code})")
    if run["status"] == RUNNING:  # the child is gone (killed, or it crashed) without closing its run
        abort_run(db, run["id"], f"{PROCESS_DIED} ({_exit_text(exit_code)})")
    abort_dead_runs(db)
    run = get_run(db, run["id"]) or run
    if is_storage_fault(run["finish_reason"]):  # nothing more can be written: tell the reviewers, and stop
        _notify(db, NightlyResult(run=run, crawl_exit_code=exit_code), settings)
        raise RunAborted(f"run {run['id']} aborted: {run['finish_reason']}")
    flag_ids = detect_changes(db, [c.code for c in chosen], run["id"], utcnow(),
                              settings.getint("OCM_SOURCE_GONE_AFTER"),
                              template_min=settings.getint("OCM_TEMPLATE_MIN_COUNCILS"))
    set_run_counts(db, run["id"], {"flags": len(flag_ids)})
    flags = [f for f in (get_flag(db, i) for i in flag_ids) if f]
    result = NightlyResult(run=get_run(db, run["id"]) or run, flags=flags, crawl_exit_code=exit_code)
    _notify(db, result, settings)
    return result


def _exit_text(code: int) -> str:
    if code >= 0:
        return f"exit code {code}"
    try:
        return f"killed by {signal.Signals(-code).name}"
    except ValueError:  # a signal Python has no name for
        return f"killed by signal {-code}"


def _notify(db: Database, result: NightlyResult, settings: Settings) -> None:
    """Send the night's digest to OCM_NOTIFY_URLS; a failure to notify is logged and never fails the run."""
    try:
        notify_night(db, result, settings.get("OCM_NOTIFY_URLS"), settings.get("OCM_REVIEW_URL") or "")
    except Exception:  # any notifier's failure (bad URL, network, plugin bug) must not lose the night's work
        logger.exception("could not notify reviewers of run %s", result.run["id"])


def _publish(db_path: str | Path, registry: str | Path | None, settings: Settings) -> None:
    """Publish the public site and dataset after the night (OCM_PUBLISH_DIR); a failure is logged, never fails
    the run: the night's work is in the store, and the next publication carries it."""
    out = publish_dir(db_path, settings.get("OCM_PUBLISH_DIR"))
    if out is None:
        return
    try:
        publish_once(db_path, out, registry, settings.get("OCM_PUBLIC_URL") or "")
    except Exception:  # a full disk, a folder of other files: the run stands, the operator reads the log
        logger.exception("could not publish the public site to %s after the night", out)


def _run_child(command: CrawlCommand, timeout: int) -> int:
    """Run the crawl as a child process, in a process group of its own, within `timeout` seconds; return its exit
    code. Whatever way this ends (the crawl done, the timeout, SIGTERM, Ctrl-C, an exception), no process
    of the group is left running; the child also dies with this process (on Linux: OCM_CRAWL_OF names its owner)."""
    env = {**{k: v for k, v in os.environ.items() if k not in PARENT_ONLY}, **command.env}
    with subprocess.Popen(command.argv, env=env, process_group=0) as child:
        try:
            with _stop_on_sigterm():
                if not _exited(child, timeout):
                    logger.error("crawl took longer than %d s: stopping it", timeout)
        except BaseException:  # told to stop: the crawl stops gently (its run records it), then its group goes
            if child.returncode is None:
                os.kill(child.pid, signal.SIGTERM)
                _exited(child, STOP_GRACE_SECONDS)
            raise
        finally:
            _kill_group(child)
    return child.returncode


def _exited(child: subprocess.Popen, timeout: float) -> bool:
    """Wait up to `timeout` s for the child to exit, leaving it unreaped where the OS allows: until reaped, its pid,
    which is its process group's id, cannot be reused, so the group can be killed safely. True when it exited."""
    if not hasattr(os, "waitid"):  # (macOS)
        try:
            child.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return False
        return True
    deadline = time.monotonic() + timeout
    while True:
        if os.waitid(os.P_PID, child.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None:
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(min(0.2, max(0.0, deadline - time.monotonic())))


def _kill_group(child: subprocess.Popen) -> None:
    """Kill every process left in the child's process group (none when the crawl ended well), then reap it."""
    try:
        os.killpg(child.pid, signal.SIGKILL)
    except ProcessLookupError:  # the group is empty: nothing left
        pass
    child.wait()


@contextmanager
def _stop_on_sigterm() -> Iterator[None]:
    """SIGTERM (systemd stopping `ocm nightly`) ends the main thread's wait for the crawl with SystemExit (exit
    code 1 and one line), so that the crawl is stopped with it; elsewhere (a scheduler's thread) the crawl dies
    with the process."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: FrameType | None) -> None:
        raise SystemExit(f"Stopped ({signal.Signals(signum).name}), and the crawl with it")

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


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
    return job.trigger.get_next_fire_time(None, now or london_now())


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
