"""Add-on: a crawl started without a run, a plain `scrapy crawl CODE`, opens one of its own.

Whoever starts a crawl opens its run and passes its id down in OCM_RUN_ID, which every component reads in
`from_crawler`: `ocm crawl` (spiders/runner.py) and `ocm nightly` (scheduler.py) do; Scrapy's own `scrapy crawl`
cannot, so this add-on does it for it, before any component is built (add-ons are applied first), and closes the
run when the crawl closes. Given a run, it stays out of the way.
"""

from __future__ import annotations

import logging

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.settings import Settings

from store import open_db
from store.db import StorageFault, storage_faults
from store.runs import abort_run, finish_run, is_storage_fault, start_run

logger = logging.getLogger(__name__)


class OwnRun:
    """Scrapy add-on (ADDONS): opens a run for a crawl started without OCM_RUN_ID, and closes it with the crawl."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.db_path = ""
        self.run_id = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> OwnRun:
        if crawler.settings.getint("OCM_RUN_ID"):
            raise NotConfigured  # its starter opened the run, and closes it
        return cls(crawler)

    def update_settings(self, settings: Settings) -> None:
        """Open the run (the councils are the spider's: Scrapy makes the spider before it applies add-ons) and give
        its id to the crawl's components. A store that cannot open it stops the crawl before it starts."""
        self.db_path = settings.get("OCM_DB_PATH")
        councils = len(getattr(self.crawler.spider, "councils", ()))
        try:
            with storage_faults(self.db_path):
                db = open_db(self.db_path)
                try:
                    self.run_id = start_run(db, settings.get("OCM_TRIGGER"), councils)
                finally:
                    db.close()
        except StorageFault as fault:  # Scrapy does not log a crawler that fails to start: say why here
            logger.critical("%s: the crawl cannot start", fault)
            raise
        # in place of the 0 it has, whatever set that (settings.py, or -s): an add-on's priority is lower
        settings.set("OCM_RUN_ID", self.run_id, priority=settings.getpriority("OCM_RUN_ID") or "addon")
        self.crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        try:
            with storage_faults(self.db_path):
                db = open_db(self.db_path)
                try:
                    (abort_run if is_storage_fault(reason) else finish_run)(db, self.run_id, reason)
                finally:
                    db.close()
        except StorageFault as fault:
            logger.error("run %d (%s) could not be closed: %s", self.run_id, reason, fault)
