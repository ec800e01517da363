"""Extension: one `run` row per crawl, opened when the spider opens and closed with counts and reason."""

from __future__ import annotations

import logging

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider

from spiders.shares import Share
from store import open_db
from store.councils import upsert_councils
from store.db import StorageFault, storage_faults
from store.runs import abort_run, add_run_counts, fault_reason, finish_run, is_storage_fault, start_run

logger = logging.getLogger(__name__)


class RunLog:
    """Adds each crawl's counts to its run row. `ocm crawl` opens and closes the run (OCM_RUN_ID) around all
    its crawlers; a plain `scrapy crawl` gets a run of its own here. The councils crawled are recorded too.

    `scrapy crawl` exits 0 even when everything failed, so health is read from the run row. A store that fails
    (full, read-only, corrupt) when the crawl opens closes it at once, its fault the finish reason."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.db_path = crawler.settings.get("OCM_DB_PATH")
        self.trigger = crawler.settings.get("OCM_TRIGGER")
        self.given_run = crawler.settings.getint("OCM_RUN_ID") or None
        share = Share.parse(crawler.settings.get("OCM_CRAWL_SHARE"))
        self.share = f" {share}" if share else ""  # told apart in the run's stats: "moderngov 2/2"

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunLog:
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider: Spider) -> None:
        councils = list(getattr(spider, "councils", ()))
        if self.given_run:
            self.crawler.stats.set_value("ocm/run_id", self.given_run)
        try:
            with storage_faults(self.db_path):
                db = open_db(self.db_path)
                try:
                    upsert_councils(db, councils)
                    run_id = self.given_run or start_run(db, self.trigger, len(councils))
                finally:
                    db.close()
        except StorageFault as fault:
            self.crawler.stats.set_value("ocm/storage_fault", fault.reason)
            logger.error("%s: the crawl stops", fault)
            raise CloseSpider(fault_reason(fault)) from fault
        self.crawler.stats.set_value("ocm/run_id", run_id)
        logger.info("run %d: crawling %d council(s) with %s", run_id, len(councils), spider.name)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        stats = self.crawler.stats.get_stats()
        run_id = stats.get("ocm/run_id")
        if run_id is None:
            return
        counts = {
            "requests": int(stats.get("downloader/request_count", 0)),
            "documents": sum(int(v) for k, v in stats.items() if k.startswith("ocm/documents_")
                             and k not in ("ocm/documents_failed", "ocm/documents_unreadable", "ocm/documents_lost")),
            "changes": int(stats.get("ocm/documents_new_snapshot", 0)),
            "errors": int(stats.get("ocm/documents_failed", 0)) + int(stats.get("ocm/registry_malformed", 0)),
        }
        plain = {k: v if isinstance(v, (int, float, str)) else str(v) for k, v in stats.items()}
        try:
            with storage_faults(self.db_path):
                db = open_db(self.db_path)
                try:
                    add_run_counts(db, run_id, spider.name + self.share, counts, plain)
                    if not self.given_run:
                        (abort_run if is_storage_fault(reason) else finish_run)(db, run_id, reason)
                finally:
                    db.close()
        except StorageFault as fault:  # the process that opened the run records how it ended, if it can
            logger.error("run %d: %s (%s) could not be recorded: %s", run_id, spider.name, reason, fault)
            return
        logger.info("run %d: %s closed (%s): %s", run_id, spider.name, reason, counts)
