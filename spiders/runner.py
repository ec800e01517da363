"""Running a crawl in this process: one run row, one crawler per spider class, each council by its spider."""

from __future__ import annotations

import logging
import os
from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings
from scrapy.utils.project import get_project_settings

from registry import Council, load_registry, select_councils
from spiders.council import discovery_places
from spiders.loader import CouncilSpiderLoader
from store import open_db
from store.runs import finish_run, start_run

logger = logging.getLogger(__name__)


def project_settings(overrides: Mapping[str, object] | None = None) -> Settings:
    """The project's Scrapy settings (settings.py), with overrides at command-line priority."""
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "settings")
    settings = get_project_settings()
    for key, value in (overrides or {}).items():
        settings.set(key, value, priority="cmdline")
    return settings


def crawl(db_path: str | Path, registry: str | Path | None, councils: list[str], trigger: str,
          overrides: Mapping[str, object] | None = None) -> int:
    """Crawl the given councils (all active ones when empty) into the store; blocks until done.

    One run row covers the whole crawl; councils that share a spider class share a crawler. Scrapy's reactor
    cannot restart: call this at most once per process (nightly runs use a child process). Returns the run id.
    """
    settings = project_settings({"OCM_DB_PATH": str(db_path), "OCM_REGISTRY": str(registry or ""),
                                 "OCM_TRIGGER": trigger,
                                 "HTTPCACHE_DIR": str(Path(db_path).resolve().parent / "httpcache"),
                                 **(overrides or {})})
    registered, errors = load_registry(registry)
    chosen = select_councils(registered, councils)
    loader = CouncilSpiderLoader(settings)
    groups: dict[type, list[Council]] = defaultdict(list)
    for council in chosen:
        groups[loader.spider_for(council)].append(council)
    db = open_db(db_path)
    try:
        run_id = start_run(db, trigger, len(chosen))
    finally:
        db.close()
    settings.set("OCM_RUN_ID", run_id, priority="cmdline")
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
    reasons = [str(c.stats.get_value("finish_reason", "not started")) for c in crawlers if c.stats]
    db = open_db(db_path)
    try:
        finish_run(db, run_id, _overall(reasons))
    finally:
        db.close()
    return run_id


def _overall(reasons: list[str]) -> str:
    """One finish reason for the run: 'finished' only if every crawler finished."""
    unusual = sorted({r for r in reasons if r != "finished"})
    return ", ".join(unusual) if unusual else "finished"
