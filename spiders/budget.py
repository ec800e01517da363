"""A page budget per council: discovery stops after OCM_MAX_PAGES_PER_COUNCIL requests for one council."""

from __future__ import annotations

import logging
from collections import Counter

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.statscollectors import StatsCollector

logger = logging.getLogger(__name__)


class PageBudget:
    """Downloader middleware: ignores discovery requests beyond a council's budget (known documents exempt)."""

    def __init__(self, budget: int, stats: StatsCollector) -> None:
        self.budget = budget
        self.stats = stats
        self.spent: Counter[str] = Counter()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PageBudget:
        budget = crawler.settings.getint("OCM_MAX_PAGES_PER_COUNCIL")
        if budget <= 0:
            raise NotConfigured("no page budget")
        return cls(budget, crawler.stats)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        council = request.meta.get("ocm_council")
        if not council or request.meta.get("ocm_exempt_budget") or request.meta.get("ocm_budget_counted"):
            return
        if self.spent[council] >= self.budget:
            self.stats.inc_value("ocm/budget_exceeded")
            logger.info("%s: page budget of %d spent, not fetching %s", council, self.budget, request.url)
            raise IgnoreRequest(f"page budget spent for {council}")
        self.spent[council] += 1
        request.meta["ocm_budget_counted"] = True
