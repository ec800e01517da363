"""Spider loader: one spider per registry council (`scrapy crawl LIF`), plus the project's spider modules.

A council's spider is, in order: its registry entry's `spider`, a spider module whose `council_codes` name it (a
council whose site needs code), else the spider its platform's record names (registry/platforms.py; the generic
spider for any other site).
"""

from __future__ import annotations

import builtins

from scrapy import Request, Spider
from scrapy.settings import BaseSettings
from scrapy.spiderloader import SpiderLoader
from scrapy.utils.misc import load_object

from registry import Council, RegistryError, load_registry
from registry.platforms import from_hint
from spiders.council import CouncilSpider


class CouncilSpiderLoader:
    """Implements Scrapy's SpiderLoaderProtocol (from_settings, load, list, find_by_request)."""

    def __init__(self, settings: BaseSettings) -> None:
        self.modules = SpiderLoader.from_settings(settings)
        try:
            councils, _errors = load_registry(settings.get("OCM_REGISTRY") or None)
        except RegistryError:
            councils = []
        self.councils = {c.code.upper(): c for c in councils if c.status == "active"}
        self.custom: dict[str, type[CouncilSpider]] = {
            code.upper(): spider for spider in map(self.modules.load, self.modules.list())
            if issubclass(spider, CouncilSpider) for code in spider.council_codes}

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> CouncilSpiderLoader:
        return cls(settings)

    def spider_for(self, council: Council) -> type[CouncilSpider]:
        """The spider class that crawls this council: the registry entry's `spider`, a spider module naming
        the council, else its platform's base spider."""
        if council.spider:
            spider: type[CouncilSpider] = load_object(council.spider)
            return spider
        custom = self.custom.get(council.code.upper())
        if custom is not None:
            return custom
        platform_spider: type[CouncilSpider] = load_object(from_hint(council.platform).spider)
        return platform_spider

    def load(self, spider_name: str) -> type[Spider]:
        """The spider class for a module spider name or a council register code."""
        council = self.councils.get(spider_name.upper())
        if council is None:
            if spider_name in self.modules.list():
                return self.modules.load(spider_name)
            raise KeyError(f"Spider not found: {spider_name}")
        base = self.spider_for(council)
        if base.council_codes:
            return base
        return type(f"{base.__name__}_{council.code}", (base,), {"name": council.code,
                                                                "council_codes": (council.code,)})

    def list(self) -> builtins.list[str]:
        """Every spider name: the base spiders, then one per active council."""
        return sorted(set(self.modules.list()) - {c.name for c in self.custom.values()}) + sorted(
            c.code for c in self.councils.values())

    def find_by_request(self, request: Request) -> builtins.list[str]:
        return self.modules.find_by_request(request)
