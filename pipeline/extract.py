"""Pipeline stage 1: turn a fetched document's bytes into text with page anchors and dates, and hash that text
once (`text_sha256`) for the stages after it. Discovery reports pass on untouched."""

from __future__ import annotations

import logging
from functools import partial

from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector

from pipeline import workers
from pipeline.text import ExtractionError, NoTextLayer, UnreadableDocument, extract
from pipeline.workers import JobLost, Limits
from spiders.items import CrawlItem, DocumentItem
from store.db import sha256

logger = logging.getLogger(__name__)


class ExtractPipeline:
    """Extracts text in the shared worker processes (pipeline/workers.py), off the reactor."""

    def __init__(self, stats: StatsCollector, max_pages: int = 2000, workers: int = 0,
                 limits: Limits | None = None) -> None:
        self.stats = stats
        self.max_pages = max_pages
        self.workers = workers
        self.limits = limits or Limits()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExtractPipeline:
        settings = crawler.settings
        limits = Limits(settings.getfloat("OCM_EXTRACT_TIMEOUT"), settings.getint("OCM_WORKER_MEMORY_MB"))
        return cls(crawler.stats, settings.getint("OCM_MAX_PDF_PAGES"), settings.getint("OCM_WORKERS"), limits)

    def open_spider(self) -> None:
        workers.acquire(self.workers, self.limits)

    def close_spider(self) -> None:
        workers.release()

    async def process_item(self, item: CrawlItem) -> CrawlItem:
        if not isinstance(item, DocumentItem) or item.error is not None:
            return item
        if item.unchanged or (item.known_bytes_sha256 and item.bytes_sha256 == item.known_bytes_sha256):
            item.unchanged = True  # 304, or the very bytes already stored: nothing new to read
            self.stats.inc_value("ocm/extract_skipped_unchanged")
            return item
        try:
            light = len(item.body) <= workers.LIGHT_SIZE and item.content_type.lower().startswith("text/")
            item.extraction = await workers.run(partial(extract, max_pages=self.max_pages), item.body,
                                                item.content_type, item.final_url or item.url, light=light)
            if item.extraction.page_count > self.max_pages:  # an absurd page count: refused, not half-read
                raise UnreadableDocument(f"{item.extraction.page_count} pages, more than OCM_MAX_PDF_PAGES "
                                         f"({self.max_pages})")
            item.text_sha256 = sha256(item.extraction.text)
        except ExtractionError as exc:
            item.extract_error = f"{type(exc).__name__}: {exc}"
            item.unreadable = isinstance(exc, NoTextLayer)
            self.stats.inc_value(f"ocm/extract_failed/{type(exc).__name__}")
            logger.warning("%s: cannot extract text from %s: %s", item.council, item.url, item.extract_error)
        except JobLost as exc:
            lost(self.stats, item, exc, "extract")
        return item


def lost(stats: StatsCollector, item: DocumentItem, exc: JobLost, stage: str) -> None:
    """A document whose worker overran, ran out of memory or died under it at this stage: a failure with that
    reason, counted in `ocm/documents_lost` (and, stored as a failure, in the run's errors)."""
    item.extract_error = str(exc)
    item.lost = True
    stats.inc_value("ocm/documents_lost")
    stats.inc_value(f"ocm/{stage}_lost/{type(exc).__name__}")  # not ocm/documents_*: RunLog sums those
    logger.error("%s: %s is lost: %s", item.council, item.url, exc)
