"""The floor of the necessary work: a bare Scrapy spider fetching a fixed list of URLs, extracting documents' text.

No discovery, classification, store or run bookkeeping: it only fetches the URLs our crawl fetched and runs the
same `pipeline.text.extract` on the documents, in one worker thread beside the reactor (as our pipeline does:
pdfium is not thread-safe), so downloads and extraction overlap.

Run (bench/nightly.py does): .venv/bin/python bench/floor_spider.py URLS.json STATS.json [-s NAME=VALUE ...]
URLS.json is {"pages": [url, ...], "documents": [url, ...], "etags": {url: etag}, "extract": true}: documents
with an ETag are asked for conditionally (a 304 is counted, not read); "extract": false only fetches (the floor
of an unchanged night, where no document changed).
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import scrapy
from scrapy.crawler import CrawlerProcess

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.text import ExtractionError, extract


class FloorSpider(scrapy.Spider):
    name = "floor"

    def __init__(self, pages: list[str], documents: list[str], etags: dict[str, str] | None = None,
                 extract: bool = True, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.pages = pages
        self.documents = documents
        self.etags = etags or {}
        self.extract = extract
        self.executor = ThreadPoolExecutor(max_workers=1)
        self.counts = {"documents": 0, "pdf_documents": 0, "pdf_pages": 0, "chars": 0, "extract_failed": 0,
                       "pages": 0, "not_modified": 0}

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.documents:
            etag = self.etags.get(url)
            yield scrapy.Request(url, callback=self.parse_document, dont_filter=True, priority=10,
                                 headers={"If-None-Match": etag} if etag else None,
                                 meta={"handle_httpstatus_list": [304]} if etag else None)
        for url in self.pages:
            yield scrapy.Request(url, callback=self.parse_page, dont_filter=True)

    def parse_page(self, response: scrapy.http.Response) -> None:
        self.counts["pages"] += 1

    async def parse_document(self, response: scrapy.http.Response) -> None:
        self.counts["documents"] += 1
        if response.status == 304:
            self.counts["not_modified"] += 1
            return
        if not self.extract:
            return
        content_type = (response.headers.get("Content-Type") or b"").decode("latin-1")
        loop = asyncio.get_running_loop()
        try:
            extraction = await loop.run_in_executor(self.executor, extract, response.body, content_type,
                                                    response.url)
        except ExtractionError:
            self.counts["extract_failed"] += 1
            return
        self.counts["chars"] += len(extraction.text)
        if extraction.format == "pdf":
            self.counts["pdf_documents"] += 1
            self.counts["pdf_pages"] += extraction.page_count or 0


def main(argv: list[str]) -> None:
    urls_path, stats_path, *rest = argv
    overrides = dict(arg.split("=", 1) for flag, arg in zip(rest[::2], rest[1::2], strict=True) if flag == "-s")
    urls = json.loads(Path(urls_path).read_text())
    settings = {"USER_AGENT": "ocm-bench-floor (contact: ocm@example.org)", "TELNETCONSOLE_ENABLED": False,
                "REMOTE_CONTROL_ENABLED": False, "COOKIES_ENABLED": False, "DOWNLOAD_MAXSIZE": 50 * 1024 * 1024,
                # The scale web's councils are virtual hosts <code>.localhost: Scrapy's own caching resolver, which
                # also takes those names for 127.0.0.1 (RFC 6761; the system's resolver may not know them).
                "TWISTED_DNS_RESOLVER": "spiders.resolver.SafeResolver", **overrides}
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(FloorSpider)
    process.crawl(crawler, pages=urls["pages"], documents=urls["documents"], etags=urls.get("etags"),
                  extract=urls.get("extract", True))
    process.start()
    spider = crawler.spider
    stats = crawler.stats.get_stats() if crawler.stats else {}
    out = {**spider.counts, "requests": stats.get("downloader/request_count", 0),  # type: ignore[union-attr]
           "finish_reason": stats.get("finish_reason")}
    Path(stats_path).write_text(json.dumps(out, indent=2, default=str))


if __name__ == "__main__":
    main(sys.argv[1:])
