"""Pipeline stage 2: classify the extracted text; mark discovered pages that say nothing about recording. Discovery
reports pass on untouched."""

from __future__ import annotations

import logging

from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector

from pipeline import workers
from pipeline.extract import lost
from rules import classify
from rules.taxonomy import NOT_STATED
from spiders.items import FOUND_DISCOVERY, CrawlItem, DocumentItem

logger = logging.getLogger(__name__)


def says_nothing(item: DocumentItem) -> bool:
    """Every activity is not stated."""
    return all(f.verdict == NOT_STATED for f in item.classification.findings.values())


class ClassifyPipeline:
    """Runs the keyword classifier over each document's text (in the shared workers; ExtractPipeline, which
    runs first, starts and stops them)."""

    def __init__(self, stats: StatsCollector) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ClassifyPipeline:
        return cls(crawler.stats)

    async def process_item(self, item: CrawlItem) -> CrawlItem:
        if not isinstance(item, DocumentItem) or item.failed:
            return item
        if item.found_via == FOUND_DISCOVERY and item.known_text_sha256 and (
                item.unchanged or item.text_sha256 == item.known_text_sha256):
            # A discovered page read before that said nothing: the same bytes or text say nothing still.
            item.without_policy = True
            self.stats.inc_value("ocm/pages_without_policy_unchanged")
            return item
        if item.unchanged:
            return item
        if item.known_text_sha256 and item.text_sha256 == item.known_text_sha256:
            # New bytes, the stored text (a re-saved PDF): its findings are stored already. The store refuses to
            # make a snapshot of it without findings, should the text have changed after all.
            self.stats.inc_value("ocm/classify_skipped_same_text")
            return item
        # In the worker processes too: a whole constitution is CPU work the reactor should not wait on.
        try:
            item.classification = await workers.run(classify, item.extraction.text, item.nation or None,
                                                    light=len(item.extraction.text) <= workers.LIGHT_SIZE,
                                                    job="classification")
        except workers.JobLost as exc:
            lost(self.stats, item, exc, "classify")
            return item
        # A newly discovered web page with no word on recording is navigation, not a policy source (the persist
        # stage remembers it and drops it). Documents (PDF, Word) and sources already known are kept: their
        # silence is itself a finding.
        if item.found_via == FOUND_DISCOVERY and item.extraction.format == "html" and says_nothing(item):
            item.without_policy = True
            self.stats.inc_value("ocm/pages_without_policy")
        return item
