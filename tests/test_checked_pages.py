"""A discovered page that said nothing about recording is remembered, and not read again while it is the same."""

from __future__ import annotations

import asyncio
import inspect

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from pipeline.classify import ClassifyPipeline
from pipeline.extract import ExtractPipeline
from pipeline.persist import PersistPipeline
from rules import CLASSIFIER_VERSION
from spiders.council import CouncilSpider
from spiders.items import FOUND_DISCOVERY, DocumentItem
from store.documents import SourceRef, checked_pages, known_sources, record_checked_page, record_failure

NOW = "2026-11-27T02:30:00+00:00"
PAGE = "https://www.example.gov.uk/attending-meetings"
SILENT = (b"<html><head><title>Attending meetings</title></head><body><main><h1>Attending meetings</h1>"
          b"<p>Council meetings are held at County Hall and are open to the public.</p></main></body></html>")
RESAVED = SILENT.replace(b"<html>", b"<!-- generated 02:30 --><html>")  # new bytes, the same text
TALKING = SILENT.replace(b"open to the public.", b"open to the public. Members of the public may film, "
                                                  b"photograph and audio-record meetings without notice.")


def test_a_checked_page_is_known_for_its_classifier_version_until_it_becomes_a_source(db, council):
    record_checked_page(db, "TST", PAGE, "b1", "t1", CLASSIFIER_VERSION, NOW)
    assert checked_pages(db, "TST", CLASSIFIER_VERSION)[PAGE]["text_sha256"] == "t1"
    assert checked_pages(db, "TST", "0.0.1") == {}  # other rules may read it otherwise
    record_checked_page(db, "TST", PAGE, "b2", "t2", CLASSIFIER_VERSION, NOW)  # the latest reading replaces
    assert checked_pages(db, "TST", CLASSIFIER_VERSION)[PAGE]["bytes_sha256"] == "b2"
    assert db.execute("SELECT COUNT(*) FROM checked_page").fetchone()[0] == 1
    record_failure(db, None, SourceRef("TST", PAGE, "guidance", "registry"), NOW, 500, "HTTP 500", create=True)
    assert checked_pages(db, "TST", CLASSIFIER_VERSION) == {}  # a source is always read


@pytest.fixture
def stages(db_path, council):
    crawler = get_crawler(CouncilSpider, {"OCM_DB_PATH": str(db_path), "OCM_WORKERS": 0, "OCM_MAX_PDF_PAGES": 2000})
    crawler.stats.open_spider()
    built = [ExtractPipeline.from_crawler(crawler), ClassifyPipeline.from_crawler(crawler),
             PersistPipeline.from_crawler(crawler)]
    for stage in built:
        if hasattr(stage, "open_spider"):
            stage.open_spider()
    yield crawler.stats, built
    for stage in built:
        if hasattr(stage, "close_spider") and not isinstance(stage, PersistPipeline):
            stage.close_spider()
    built[2].db.close()


def through(stages, body: bytes, checked: dict | None = None) -> DocumentItem:
    """A discovered page fetched tonight, run through extract, classify and persist (DropItem propagates)."""
    item = DocumentItem(council="TST", url=PAGE, kind="guidance", found_via=FOUND_DISCOVERY, fetched_at=NOW,
                        status=200, final_url=PAGE, content_type="text/html; charset=utf-8", body=body,
                        nation="England", known_bytes_sha256=(checked or {}).get("bytes_sha256", ""),
                        known_text_sha256=(checked or {}).get("text_sha256", ""))

    async def run() -> DocumentItem:
        current = item
        for stage in stages:
            result = stage.process_item(current)
            current = await result if inspect.isawaitable(result) else result
        return current

    return asyncio.run(run())


def test_a_silent_page_is_read_once_then_checked_by_its_bytes_and_its_text(stages, db):
    (stats, pipeline) = stages
    with pytest.raises(DropItem):
        through(pipeline, SILENT)
    assert stats.get_value("ocm/pages_without_policy") == 1
    checked = checked_pages(db, "TST", CLASSIFIER_VERSION)[PAGE]

    with pytest.raises(DropItem):  # the same bytes: not even extracted
        through(pipeline, SILENT, checked)
    with pytest.raises(DropItem):  # re-saved with a new comment: extracted, the same text is not classified
        through(pipeline, RESAVED, checked)
    assert stats.get_value("ocm/extract_skipped_unchanged") == 1
    assert stats.get_value("ocm/pages_without_policy_unchanged") == 2
    assert stats.get_value("ocm/pages_without_policy") == 1
    assert known_sources(db, "TST") == []
    assert checked_pages(db, "TST", CLASSIFIER_VERSION)[PAGE]["bytes_sha256"] != checked["bytes_sha256"]


def test_a_checked_page_that_starts_to_speak_of_recording_becomes_a_source(stages, db):
    (stats, pipeline) = stages
    with pytest.raises(DropItem):
        through(pipeline, SILENT)
    item = through(pipeline, TALKING, checked_pages(db, "TST", CLASSIFIER_VERSION)[PAGE])
    assert item.classification.findings["filming"].verdict == "allowed"
    assert [s["url"] for s in known_sources(db, "TST")] == [PAGE]
    assert checked_pages(db, "TST", CLASSIFIER_VERSION) == {}
