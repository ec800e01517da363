"""Running a crawl: one run row, the councils shared out over OCM_CRAWL_PROCESSES processes, and in each process
one crawler per spider class, each council by its spider."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings
from scrapy.utils.project import get_project_settings

from registry import Council, load_registry, select_councils
from spiders.council import discovery_places
from spiders.loader import CouncilSpiderLoader
from spiders.shares import Share, die_with_parent, share_settings, split
from store import open_db
from store.db import from_json
from store.runs import finish_run, get_run, start_run

logger = logging.getLogger(__name__)


def project_settings(overrides: Mapping[str, object] | None = None) -> Settings:
    """The project's Scrapy settings (settings.py), with overrides at command-line priority."""
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "settings")
    settings = get_project_settings()
    for key, value in (overrides or {}).items():
        settings.set(key, value, priority="cmdline")
    return settings


def crawl_command(db_path: str | Path, registry: str | Path | None, councils: Iterable[str], trigger: str,
                  settings: Mapping[str, object] | None = None) -> list[str]:
    """The `ocm crawl` command line that runs these councils' crawl in a process of its own."""
    command = [sys.executable, "-m", "cli", "crawl", "--db", str(db_path), "--trigger", trigger]
    if registry:
        command += ["--registry", str(registry)]
    for code in councils:
        command += ["--council", code]
    for key, value in (settings or {}).items():
        command += ["-s", f"{key}={value}"]
    return command


def crawl(db_path: str | Path, registry: str | Path | None, councils: list[str], trigger: str,
          overrides: Mapping[str, object] | None = None) -> int:
    """Crawl the given councils (all active ones when empty) into the store; blocks until done. Returns the run id.

    One run row covers the whole crawl. The councils are shared out over OCM_CRAWL_PROCESSES processes (this one
    and children running `ocm crawl` for their share), which use the cores where one Scrapy reactor uses one; a
    council stays in one process, so its politeness is unchanged. Scrapy's reactor cannot restart: call this at
    most once per process (nightly runs use a child process).
    """
    overrides = dict(overrides or {})
    settings = project_settings({"OCM_DB_PATH": str(db_path), "OCM_REGISTRY": str(registry or ""),
                                 "OCM_TRIGGER": trigger,
                                 "HTTPCACHE_DIR": str(Path(db_path).resolve().parent / "httpcache"),
                                 **overrides})
    registered, errors = load_registry(registry)
    chosen = select_councils(registered, councils)
    share = Share.parse(settings.get("OCM_CRAWL_SHARE"))
    if share is not None:  # a child of the process below: its councils, in the run that process opened, whose
        die_with_parent(share.parent)  # stats keep its crawlers' finish reasons
        _crawl_here(settings, chosen, registered, [])
        return settings.getint("OCM_RUN_ID")
    db = open_db(db_path)
    try:
        run_id = start_run(db, trigger, len(chosen))
    finally:
        db.close()
    parts = split(chosen, settings.getint("OCM_CRAWL_PROCESSES"))
    shares = [Share(index, len(parts), os.getpid()) for index in range(1, len(parts) + 1)]
    children = [subprocess.Popen(crawl_command(db_path, registry, [c.code for c in part], trigger,
                                               {**overrides, **share_settings(settings, s, run_id)}))
                for part, s in zip(parts[1:], shares[1:], strict=True)]
    own = share_settings(settings, shares[0], run_id) if children else {"OCM_RUN_ID": str(run_id)}
    for key, value in own.items():
        settings.set(key, value, priority="cmdline")
    try:
        reasons = _crawl_here(settings, parts[0], registered, errors)
        if "shutdown" in reasons:  # this process was told to stop (SIGTERM, SIGINT): so are the others, gently
            for child in children:
                child.terminate()
        reasons += _wait(children, shares[1:], db_path, run_id)
    finally:
        for child in children:  # only left running when this process failed
            if child.poll() is None:
                child.kill()
                child.wait()
    db = open_db(db_path)
    try:
        finish_run(db, run_id, _overall(reasons))
    finally:
        db.close()
    return run_id


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
    places = discovery_places(c.code for c in registered)  # the whole registry's, whichever councils run
    for index, (spider_class, group) in enumerate(groups.items()):
        crawler = process.create_crawler(spider_class)
        process.crawl(crawler, councils=group, places=places, registry_errors=errors if index == 0 else [])
        crawlers.append(crawler)
    if not groups:
        logger.warning("no council to crawl")
    process.start()
    return [str(c.stats.get_value("finish_reason", "not started")) for c in crawlers if c.stats]


def _wait(children: list[subprocess.Popen], shares: list[Share], db_path: str | Path, run_id: int) -> list[str]:
    """Wait for the other crawl processes; the finish reasons of their crawlers, or why a process failed."""
    if not children:
        return []
    reasons: list[str] = []
    for child, share in zip(children, shares, strict=True):
        code = child.wait()
        if code != 0:
            logger.error("crawl process %s exited with code %s", share, code)
            reasons.append(f"crawl process {share} failed (exit code {code})")
    db = open_db(db_path)
    try:
        run = get_run(db, run_id)
    finally:
        db.close()
    stats = from_json(run["stats"], {}) if run else {}
    return reasons + [str(s.get("finish_reason", "not started")) for name, s in stats.items()
                      if any(name.endswith(f" {share}") for share in shares)]


def _overall(reasons: list[str]) -> str:
    """One finish reason for the run: 'finished' only if every crawler finished."""
    unusual = sorted({r for r in reasons if r != "finished"})
    return ", ".join(unusual) if unusual else "finished"
