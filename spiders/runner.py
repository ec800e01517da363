"""Running a crawl in this process with the project's settings plus per-run overrides."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings
from scrapy.utils.project import get_project_settings

from spiders.council import CouncilSpider


def project_settings(overrides: dict[str, object] | None = None) -> Settings:
    """The project's Scrapy settings (settings.py), with overrides at command-line priority."""
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "settings")
    settings = get_project_settings()
    for key, value in (overrides or {}).items():
        settings.set(key, value, priority="cmdline")
    return settings


def crawl(db_path: str | Path, registry: str | Path | None, councils: list[str], trigger: str,
          overrides: dict[str, object] | None = None) -> None:
    """Crawl the given councils (all active ones when empty) into the store; blocks until done.

    Scrapy's reactor cannot restart: call this at most once per process (nightly runs use a child process).
    """
    settings = project_settings({
        "OCM_DB_PATH": str(db_path), "OCM_REGISTRY": str(registry or ""), "OCM_COUNCILS": ",".join(councils),
        "OCM_TRIGGER": trigger, **(overrides or {}),
    })
    logging.root.handlers.clear()  # Scrapy's log handler (LOG_LEVEL, LOG_FILE) takes over for this process
    process = CrawlerProcess(settings)
    process.crawl(CouncilSpider)
    process.start()
