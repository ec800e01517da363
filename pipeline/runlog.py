"""Extension: each crawler's counts and stats added to its crawl's `run` row, and the councils it crawls recorded."""

from __future__ import annotations

import logging

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider
from scrapy.statscollectors import StatsCollector

from spiders.shares import Share
from store import open_db
from store.councils import upsert_councils
from store.db import StorageFault, storage_faults
from store.runs import add_run_counts, fault_reason

logger = logging.getLogger(__name__)

# Stats counted as documents that were not stored as read: RunLog counts the others.
NOT_DOCUMENTS = ("ocm/documents_failed", "ocm/documents_unreadable", "ocm/documents_lost")


class NoRun(Exception):
    """A crawler started without the run it records into (OCM_RUN_ID is 0)."""


class RunLog:
    """Adds each crawler's counts and full stats to the run named by OCM_RUN_ID, and records the councils it crawls.

    Whoever starts a crawl opens its run and gives its id in OCM_RUN_ID: `ocm crawl` (spiders/runner.py) around all
    its crawlers, `ocm nightly` (scheduler.py) around its crawl process, and for a plain `scrapy crawl` the OwnRun
    add-on (pipeline/ownrun.py), which also closes it. `scrapy crawl` exits 0 even when everything failed, so health
    is read from the run row. A store that fails (full, read-only, corrupt) when the crawl opens closes it at once,
    its fault the finish reason."""

    def __init__(self, stats: StatsCollector, db_path: str, run_id: int, share: Share | None = None) -> None:
        self.stats = stats
        self.db_path = db_path
        self.run_id = run_id
        self.share = f" {share}" if share else ""  # told apart in the run's stats: "moderngov 2/2"

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunLog:
        settings = crawler.settings
        run_id = settings.getint("OCM_RUN_ID")
        if not run_id:  # Scrapy does not log a crawler that fails to start: say why here
            logger.critical("no run to record this crawl into: OCM_RUN_ID is not set (the OwnRun add-on is off?)")
            raise NoRun("OCM_RUN_ID is not set: the crawl's starter opens its run (spiders/runner.py, "
                        "pipeline/ownrun.py)")
        ext = cls(crawler.stats, settings.get("OCM_DB_PATH"), run_id, Share.parse(settings.get("OCM_CRAWL_SHARE")))
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider: Spider) -> None:
        councils = list(getattr(spider, "councils", ()))
        try:
            with storage_faults(self.db_path):
                db = open_db(self.db_path)
                try:
                    upsert_councils(db, councils)
                finally:
                    db.close()
        except StorageFault as fault:
            self.stats.set_value("ocm/storage_fault", fault.reason)
            logger.error("%s: the crawl stops", fault)
            raise CloseSpider(fault_reason(fault)) from fault
        logger.info("run %d: crawling %d council(s) with %s", self.run_id, len(councils), spider.name)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        stats = self.stats.get_stats()
        counts = {
            "requests": int(stats.get("downloader/request_count", 0)),
            "documents": sum(int(v) for k, v in stats.items()
                             if k.startswith("ocm/documents_") and k not in NOT_DOCUMENTS),
            "changes": int(stats.get("ocm/documents_new_snapshot", 0)),
            "errors": int(stats.get("ocm/documents_failed", 0)) + int(stats.get("ocm/registry_malformed", 0)),
        }
        plain = {k: v if isinstance(v, (int, float, str)) else str(v) for k, v in stats.items()}
        try:
            with storage_faults(self.db_path):
                db = open_db(self.db_path)
                try:
                    add_run_counts(db, self.run_id, spider.name + self.share, counts, plain)
                finally:
                    db.close()
        except StorageFault as fault:  # whoever opened the run records how it ended, if it can
            logger.error("run %d: %s (%s) could not be recorded: %s", self.run_id, spider.name, reason, fault)
            return
        logger.info("run %d: %s closed (%s): %s", self.run_id, spider.name, reason, counts)
