"""Spider loader: one spider per registry council (`scrapy crawl LIC`), plus the project's spider modules."""

from __future__ import annotations

from scrapy import Spider
from scrapy.settings import BaseSettings
from scrapy.spiderloader import SpiderLoader

from registry import RegistryError, load_registry
from spiders.council import CouncilSpider


class CouncilSpiderLoader:
    """Finds spiders in SPIDER_MODULES first, then makes a CouncilSpider for any registry council code.

    Implements Scrapy's SpiderLoaderProtocol (from_settings, load, list, find_by_request).
    """

    def __init__(self, settings: BaseSettings) -> None:
        self.modules = SpiderLoader.from_settings(settings)
        try:
            councils, _errors = load_registry(settings.get("OCM_REGISTRY") or None)
        except RegistryError:
            councils = []
        self.codes = {c.code.upper(): c.code for c in councils if c.status == "active"}

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> CouncilSpiderLoader:
        return cls(settings)

    def load(self, spider_name: str) -> type[Spider]:
        """The spider class for a module spider name or a council register code."""
        if spider_name in self.modules.list():
            return self.modules.load(spider_name)
        code = self.codes.get(spider_name.upper())
        if code is None:
            raise KeyError(f"Spider not found: {spider_name}")
        return type(f"CouncilSpider_{code}", (CouncilSpider,), {"name": code, "council_codes": (code,)})

    def list(self) -> list[str]:
        """Every spider name: module spiders, then one per active council."""
        return sorted(self.modules.list()) + sorted(self.codes.values())

    def find_by_request(self, request: object) -> list[str]:
        return self.modules.find_by_request(request)
