"""Pipeline stage 3: write each document (or its failure) to the store, in one transaction, and each council's
discovery reports (spiders/items.py): its account as it comes, the pages linking its documents when the crawl closes
(a document becomes a source only once stored). Everything goes into the run the crawl was started in (OCM_RUN_ID).

A failure of the store itself (a full disk, a read-only or corrupt store: `StorageFault`) ends the crawl at once,
with the fault as its finish reason; the document being written is rolled back whole, and no later one is tried.
"""

from __future__ import annotations

import logging
import sqlite3

from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider, DropItem
from scrapy.statscollectors import StatsCollector
from scrapy.utils.defer import deferred_from_coro
from sqlite_utils import Database

from rules import CLASSIFIER_VERSION
from rules.contract import finding_rows
from spiders.items import FOUND_REGISTRY, CrawlItem, DocumentItem, LeavesReports, LinkPages, Report
from store import open_db, utcnow
from store.db import StorageFault, storage_fault
from store.discovery import VisitRecord, record_discovery
from store.documents import (
    NEW_SNAPSHOT,
    UNCHANGED,
    FetchedDocument,
    SourceRef,
    UnclassifiedText,
    record_checked_page,
    record_document,
    record_failure,
    record_link_pages,
    record_unchanged,
    record_unreadable,
)
from store.runs import fault_reason

logger = logging.getLogger(__name__)


def to_document(item: DocumentItem) -> FetchedDocument:
    """A successfully extracted item as the store's plain record."""
    extraction = item.extraction
    return FetchedDocument(
        fetched_at=item.fetched_at, http_status=item.status or 200, final_url=item.final_url,
        content_type=item.content_type, body=item.body, text=extraction.text, format=extraction.format,
        title=extraction.title, page_count=extraction.page_count, page_starts=list(extraction.page_starts),
        dates=[{"label": d.label, "date": d.date.isoformat(), "quote": d.quote} for d in extraction.dates],
        findings=None if item.classification is None else finding_rows(item.classification, extraction.page_starts),
        classifier_version=CLASSIFIER_VERSION, bytes_sha256=item.bytes_sha256, text_sha256=item.text_sha256,
        etag=item.headers.get("Etag") or item.headers.get("ETag"), last_modified=item.headers.get("Last-Modified"),
    )


class PersistPipeline:
    """Stores sources, snapshots (only when the text changed), findings and failures, and discovery reports."""

    def __init__(self, db_path: str, run_id: int | None, crawler: Crawler) -> None:
        self.db_path = db_path
        self.run_id = run_id  # None: recorded without a run (a component tested alone)
        self.crawler = crawler
        self.stats: StatsCollector = crawler.stats
        self.db: Database | None = None
        self.fault: StorageFault | None = None
        self._closing: object = None
        # (council, document address) -> the pages linking it, from the crawl's LinkPages: stored at close
        self.linked_from: dict[tuple[str, str], set[str]] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PersistPipeline:
        settings = crawler.settings
        return cls(settings.get("OCM_DB_PATH"), settings.getint("OCM_RUN_ID") or None, crawler)

    def open_spider(self) -> None:
        try:
            self.db = open_db(self.db_path)
        except StorageFault as fault:
            self._note(fault)
            raise CloseSpider(fault_reason(fault)) from fault

    def close_spider(self) -> None:
        """Store the reports of discoveries the stop of the crawl cut short (the spider's, asked for here: Scrapy
        takes no more items), then the pages linking the documents stored."""
        if self.db is None:
            return
        spider = self.crawler.spider
        try:
            if self.fault is None:
                left: list[Report] = spider.close_discoveries() if isinstance(spider, LeavesReports) else []
                for report in left:
                    self._report(self.db, report)
                if self.linked_from:
                    changed = record_link_pages(self.db, self.linked_from)
                    self.stats.set_value("ocm/sources_link_page_changed", changed)
        except sqlite3.Error as exc:
            fault = storage_fault(exc, self.db_path)
            if fault is None:
                raise
            self._note(fault)
        finally:
            self.db.close()

    def _note(self, fault: StorageFault) -> None:
        """Log a storage fault in one line and keep it in the crawl's stats (the first one only)."""
        if self.fault is None:
            self.fault = fault
            self.stats.set_value("ocm/storage_fault", fault.reason)
            logger.error("%s: the crawl stops", fault)

    def _stop(self, fault: StorageFault) -> None:
        """End the crawl: every later write would fail the same way, or make a damaged store worse."""
        first = self.fault is None
        self._note(fault)
        if first and self.crawler.engine is not None:  # kept: the closing must not be garbage-collected
            self._closing = deferred_from_coro(self.crawler.engine.close_spider_async(reason=fault_reason(fault)))

    def _report(self, db: Database, report: Report) -> None:
        """A council's account of what its discovery saw tonight, stored now; the pages linking its documents,
        kept for the close."""
        if isinstance(report, LinkPages):
            for url, pages in report.linked_from.items():
                self.linked_from.setdefault((report.council, url), set()).update(pages)
            return
        visits = [VisitRecord(v.order, v.url, v.score, v.cue, v.depth, v.role, v.found_on, v.outcome, v.detail)
                  for v in report.visits]
        record_discovery(db, self.run_id, report.council, report.mode, report.budget, visits, utcnow())

    def process_item(self, item: CrawlItem) -> CrawlItem:
        if self.db is None:
            raise RuntimeError("PersistPipeline used before the spider opened")
        what = item.url if isinstance(item, DocumentItem) else repr(item)
        if self.fault is not None:
            raise DropItem(f"{what}: not stored, the store failed: {self.fault.reason}", log_level="DEBUG")
        try:
            if isinstance(item, DocumentItem):
                return self._store(self.db, item)
            self._report(self.db, item)
            return item
        except sqlite3.Error as exc:
            fault = storage_fault(exc, self.db_path)
            if fault is None:
                raise
            self._stop(fault)
            raise DropItem(f"{what}: not stored: {fault.reason}", log_level="DEBUG") from exc

    def _store(self, db: Database, item: DocumentItem) -> DocumentItem:
        run_id = self.run_id
        ref = SourceRef(council=item.council, url=item.url, kind=item.kind, found_via=item.found_via)
        if item.without_policy:
            if not item.unchanged:  # remembered, so that the same page is not read again
                record_checked_page(db, item.council, item.url, item.bytes_sha256, item.text_sha256,
                                    CLASSIFIER_VERSION, item.fetched_at)
            raise DropItem(f"{item.url}: a page with nothing about recording at meetings", log_level="INFO")
        if item.unchanged:
            etag = item.headers.get("Etag") or item.headers.get("ETag")
            record_unchanged(db, run_id, ref, item.fetched_at, item.status or 200, etag,
                             item.headers.get("Last-Modified"))
            self.stats.inc_value(f"ocm/documents_{UNCHANGED}")
            return item
        if item.unreadable:
            record_unreadable(db, run_id, ref, item.fetched_at, item.status, item.extract_error or "")
            self.stats.inc_value("ocm/documents_unreadable")
            logger.warning("%s: %s has no text layer (scanned?): kept, reported unreadable", item.council, item.url)
            return item
        if item.failed:
            reason = item.error or item.extract_error or "unknown failure"
            # A discovered link that fails is no source; a document that killed its worker is one, failing, so
            # that the operator sees which document it was and why
            recorded = record_failure(db, run_id, ref, item.fetched_at, item.status, reason,
                                      create=item.found_via == FOUND_REGISTRY or item.lost)
            self.stats.inc_value("ocm/documents_failed")
            if recorded:
                self.stats.inc_value("ocm/source_failures")
            return item
        try:
            outcome = record_document(db, run_id, ref, to_document(item))
        except UnclassifiedText as exc:  # nothing written; the next night reads it in full
            self.stats.inc_value("ocm/documents_unclassified")
            logger.error("%s: %s", item.council, exc)
            return item
        self.stats.inc_value(f"ocm/documents_{outcome}")
        if outcome == NEW_SNAPSHOT:
            logger.info("%s: new text for %s", item.council, item.url)
        return item
