"""Running a crawl: one run row, the councils shared out over OCM_CRAWL_PROCESSES processes, and in each process
one crawler per spider class, each council by its spider. The run is opened here, or by `ocm nightly`, which gives
its id in OCM_RUN_ID; either way every process and crawler of the crawl is given it in OCM_RUN_ID.

A crawl whose store fails under it (full, read-only, corrupt: `StorageFault`), or one of whose processes fails,
ends its run `aborted` with the reason and raises `RunAborted`: `ocm crawl` exits non-zero."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings
from scrapy.utils.project import get_project_settings
from twisted.python.failure import Failure

from registry import Council, load_registry, select_councils
from spiders.council import discovery_places
from spiders.loader import CouncilSpiderLoader
from spiders.shares import (
    Share,
    codes_digest,
    die_with_parent,
    settings_environment,
    settings_from_environment,
    share_settings,
    split,
)
from store import open_db
from store.db import StorageFault, check_integrity, from_json, storage_faults
from store.processes import CRAWL_MARK, CrawlMark
from store.runs import (
    ABORTED,
    RUNNING,
    RunAborted,
    RunNotOpen,
    abort_run,
    fault_reason,
    finish_run,
    get_run,
    is_storage_fault,
    start_run,
)

logger = logging.getLogger(__name__)
SHARE_FAILED = "failed (exit code"  # in the reason of a crawl process that exited with an error


def project_settings(overrides: Mapping[str, object] | None = None) -> Settings:
    """The project's Scrapy settings (settings.py), with overrides at command-line priority."""
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "settings")
    settings = get_project_settings()
    for key, value in (overrides or {}).items():
        settings.set(key, value, priority="cmdline")
    return settings


@dataclass(frozen=True)
class CrawlCommand:
    """An `ocm crawl` process to start: its command line, and what to add to its environment (its settings, which
    `ps` must not show, and the mark of the crawl it belongs to)."""

    argv: list[str]
    env: dict[str, str]
    run_id: int = 0  # the run it records into, which its starter opened (0: it opens one)


def crawl_command(db_path: str | Path, registry: str | Path | None, councils: Iterable[str], trigger: str,
                  settings: Mapping[str, object] | None = None) -> list[str]:
    """The `ocm crawl` command line that runs these councils' crawl in a process of its own, its settings as `-s`
    options: only for settings that are no secret (`crawl_child` passes them in the environment)."""
    command = [sys.executable, "-m", "cli", "crawl", "--db", str(db_path), "--trigger", trigger]
    if registry:
        command += ["--registry", str(registry)]
    for code in councils:
        command += ["--council", code]
    for key, value in (settings or {}).items():
        command += ["-s", f"{key}={value}"]
    return command


def crawl_child(db_path: str | Path, registry: str | Path | None, councils: Iterable[str], trigger: str,
                settings: Mapping[str, object] | None = None, mark: CrawlMark | None = None,
                visible: Mapping[str, object] | None = None, run_id: int = 0) -> CrawlCommand:
    """The `ocm crawl` process that runs these councils' crawl: `settings` reach it in its environment, never on
    its command line; `visible` ones (which share it runs) on its command line, with `run_id`, the run it records
    into (0: it opens one); `mark` names its crawl."""
    env = settings_environment(settings or {})
    if mark is not None:
        env[CRAWL_MARK] = mark.value
    visible = {**(visible or {}), **({"OCM_RUN_ID": run_id} if run_id else {})}
    return CrawlCommand(crawl_command(db_path, registry, councils, trigger, visible), env, run_id)


def crawl(db_path: str | Path, registry: str | Path | None, councils: list[str], trigger: str,
          overrides: Mapping[str, object] | None = None) -> int:
    """Crawl the given councils (all active ones when empty) into the store; blocks until done. Returns the run id.

    One run row covers the whole crawl: the one given in OCM_RUN_ID (`ocm nightly` opens it), else one opened
    here; it is closed here. The councils are shared out over OCM_CRAWL_PROCESSES processes (this one
    and children running `ocm crawl` for their share), which use the cores where one Scrapy reactor uses one; a
    council stays in one process, so its politeness is unchanged. Scrapy's reactor cannot restart: call this at
    most once per process (nightly runs use a child process). Settings given in the environment (SETTINGS_ENV)
    count as overrides. Raises RunAborted when the run ended early (storage fault, a failed crawl process)."""
    overrides = {**settings_from_environment(), **dict(overrides or {})}
    settings = project_settings({"OCM_DB_PATH": str(db_path), "OCM_REGISTRY": str(registry or ""),
                                 "OCM_TRIGGER": trigger,
                                 "HTTPCACHE_DIR": str(Path(db_path).resolve().parent / "httpcache"),
                                 **overrides})
    registered, errors = load_registry(registry)
    chosen = select_councils(registered, councils)
    share = Share.parse(settings.get("OCM_CRAWL_SHARE"))
    if share is not None:  # a child of the process below: its councils, in the run that process opened, whose
        die_with_parent(share.parent)  # stats keep its crawlers' finish reasons
        run_id = settings.getint("OCM_RUN_ID")
        _end_share(db_path, run_id, share, _crawl_here(settings, share.of(chosen, lambda c: c.code), registered, []))
        return run_id
    mark = _join_or_start_mark(db_path, trigger)
    given = settings.getint("OCM_RUN_ID")
    run_id = _given_run(db_path, given) if given else _open_run(db_path, trigger, len(chosen),
                                                                  check=mark.owner == os.getpid())
    parts = split(chosen, settings.getint("OCM_CRAWL_PROCESSES"))
    shares = [Share(index, len(parts), os.getpid(), codes_digest([c.code for c in part]))
              for index, part in enumerate(parts, start=1)]
    # Each child is given the same selection and deals itself its share (Share.of), checked by its digest.
    children = [_start_share(crawl_child(db_path, registry, councils, trigger, overrides, mark,
                                         share_settings(settings, s, run_id), run_id))
                for s in shares[1:]]
    own = share_settings(settings, shares[0], run_id) if children else {"OCM_RUN_ID": str(run_id)}
    for key, value in own.items():
        settings.set(key, value, priority="cmdline")
    try:
        reasons = _crawl_here(settings, parts[0], registered, errors)
        if "shutdown" in reasons or any(is_storage_fault(r) for r in reasons):  # stopped (SIGTERM, SIGINT) or
            for child in children:  # the store failed: so are the others, gently
                child.terminate()
        reasons += _wait(children, shares[1:], db_path, run_id)
    finally:
        for child in children:  # only left running when this process failed
            if child.poll() is None:
                child.kill()
                child.wait()
    _end_run(db_path, run_id, reasons)
    return run_id


def _join_or_start_mark(db_path: str | Path, trigger: str) -> CrawlMark:
    """The mark of this crawl: the one `ocm nightly` gave this process (which then dies with it), or a new one
    this process owns, passed on to every process it starts."""
    mark = CrawlMark.of_this_process()
    if mark is not None and mark.is_for(db_path) and mark.owner != os.getpid():
        die_with_parent(mark.owner)
        return mark
    mark = CrawlMark.new(db_path, trigger)
    os.environ[CRAWL_MARK] = mark.value
    return mark


def _open_run(db_path: str | Path, trigger: str, councils: int, check: bool) -> int:
    """Open the run, after SQLite's quick check of the store when `check` (`ocm nightly` checked it already)."""
    with storage_faults(db_path):
        db = open_db(db_path)
        try:
            if check:
                check_integrity(db)
            return start_run(db, trigger, councils)
        finally:
            db.close()


def _given_run(db_path: str | Path, run_id: int) -> int:
    """The run this crawl was given to record into, which its starter opened (and which must still be open)."""
    with storage_faults(db_path):
        db = open_db(db_path)
        try:
            run = get_run(db, run_id)
        finally:
            db.close()
    if run is None or run["status"] != RUNNING:
        raise RunNotOpen(f"run {run_id} is not open in {db_path}: " + (run["status"] if run else "no such run"))
    return run_id


def _start_share(command: CrawlCommand) -> subprocess.Popen:
    return subprocess.Popen(command.argv, env={**os.environ, **command.env})


def _end_share(db_path: str | Path, run_id: int, share: Share, reasons: list[str]) -> None:
    """A share whose store failed records the run as aborted (the process that opened it may not learn why
    otherwise: this share's stats may not have been written) and fails."""
    fault = next((r for r in reasons if is_storage_fault(r)), None)
    if fault is None:
        return
    try:
        with storage_faults(db_path):
            db = open_db(db_path)
            try:
                abort_run(db, run_id, fault)
            finally:
                db.close()
    except StorageFault as exc:
        logger.error("run %d: crawl process %s could not record its fault: %s", run_id, share, exc)
    raise RunAborted(f"run {run_id} aborted: {fault}")


def _end_run(db_path: str | Path, run_id: int, reasons: list[str]) -> None:
    """Close the run: finished, or aborted (raising RunAborted) when the store failed or a crawl process did."""
    reason = next((r for r in reasons if is_storage_fault(r)), None) or _overall(reasons)
    # a crawler that could not start (unsafe settings, a broken component) crawled nothing: the run failed
    aborted = any(is_storage_fault(r) or SHARE_FAILED in r or r.startswith(NOT_STARTED) for r in reasons)
    try:
        with storage_faults(db_path):
            db = open_db(db_path)
            try:
                run = get_run(db, run_id)
                if run and run["status"] == ABORTED and is_storage_fault(run["finish_reason"]):  # by a share
                    reason, aborted = run["finish_reason"], True
                elif aborted:
                    abort_run(db, run_id, reason)
                else:
                    finish_run(db, run_id, reason)
            finally:
                db.close()
    except StorageFault as fault:
        logger.error("run %d (%s) could not be closed: %s", run_id, reason, fault)
        raise RunAborted(f"run {run_id} aborted: {fault_reason(fault)}") from fault
    if aborted:
        raise RunAborted(f"run {run_id} aborted: {reason}")


def _crawl_here(settings: Settings, councils: list[Council], registered: list[Council],
                errors: Sequence[Exception]) -> list[str]:
    """Crawl these councils in this process, one crawler per spider class; their finish reasons."""
    loader = CouncilSpiderLoader(settings)
    groups: dict[type, list[Council]] = defaultdict(list)
    for council in councils:
        groups[loader.spider_for(council)].append(council)
    logging.root.handlers.clear()  # Scrapy's log handler (LOG_LEVEL, LOG_FILE) takes over for this process
    process = CrawlerProcess(settings)
    crawlers = []
    failed: dict[int, str] = {}  # crawler index -> why it could not start (Scrapy itself logs nothing)
    places = discovery_places(c.code for c in registered)  # the whole registry's, whichever councils run
    for index, (spider_class, group) in enumerate(groups.items()):
        crawler = process.create_crawler(spider_class)
        started = process.crawl(crawler, councils=group, places=places, registry_errors=errors if index == 0 else [])
        started.addErrback(_not_started, failed, index, spider_class.__name__)
        crawlers.append(crawler)
    if not groups:
        logger.warning("no council to crawl")
    process.start()
    return [failed.get(i) or str(c.stats.get_value("finish_reason", "not started") if c.stats else "not started")
            for i, c in enumerate(crawlers)]


NOT_STARTED = "not started"  # the finish reason of a crawler that could not start


def _not_started(failure: Failure, failed: dict[int, str], index: int, name: str) -> None:
    """A crawler that failed to start (a component's `from_crawler` raised): log it and keep why."""
    why = f"{NOT_STARTED}: {failure.type.__name__}: {failure.getErrorMessage()}"
    logger.error("the %s crawler %s", name, why)
    failed[index] = why


def _wait(children: list[subprocess.Popen], shares: list[Share], db_path: str | Path, run_id: int) -> list[str]:
    """Wait for the other crawl processes; the finish reasons of their crawlers, or why a process failed."""
    if not children:
        return []
    reasons: list[str] = []
    for child, share in zip(children, shares, strict=True):
        code = child.wait()
        if code != 0:
            logger.error("crawl process %s exited with code %s", share, code)
            reasons.append(f"crawl process {share} {SHARE_FAILED} {code})")
    try:
        with storage_faults(db_path):
            db = open_db(db_path)
            try:
                run = get_run(db, run_id)
            finally:
                db.close()
    except StorageFault as fault:
        return [*reasons, fault_reason(fault)]
    stats = from_json(run["stats"], {}) if run else {}
    return reasons + [str(s.get("finish_reason", "not started")) for name, s in stats.items()
                      if any(name.endswith(f" {share}") for share in shares)]


def _overall(reasons: list[str]) -> str:
    """One finish reason for the run: 'finished' only if every crawler finished."""
    unusual = sorted({r for r in reasons if r != "finished"})
    return ", ".join(unusual) if unusual else "finished"
