"""A council's discovery reports travel as items: extract and classify pass them on untouched, persist stores the
account at once (in the run of OCM_RUN_ID) and the pages linking the documents when the crawl closes; a spider
whose discoveries the stop of the crawl cut short is asked for theirs at the close."""

from __future__ import annotations

import asyncio

from scrapy import Spider
from scrapy.utils.test import get_crawler

from pipeline.classify import ClassifyPipeline
from pipeline.extract import ExtractPipeline
from pipeline.persist import PersistPipeline
from spiders.items import FOUND_DISCOVERY, DiscoveryAccount, LeavesReports, LinkPages, Report, Visit
from store.discovery import FETCHED, REFUSED, last_discovery
from store.documents import SourceRef, find_source, record_failure
from store.runs import start_run

NOW = "2026-11-27T02:30:00+00:00"
SITE = "http://127.0.0.1:9/"
DOCUMENT, INDEX, OTHER = SITE + "protocol.pdf", SITE + "constitution", SITE + "meetings"


def account(council: str = "TST") -> DiscoveryAccount:
    return DiscoveryAccount(council, "walk", 2, [Visit(1, INDEX, 88, "constitution", 1, "candidate", SITE),
                                                Visit(2, OTHER, 40, "meetings", 1, "page", SITE, REFUSED)])


class Stopped(Spider):
    """A spider stopped with one discovery under way."""

    name = "stopped"

    def close_discoveries(self) -> list[Report]:
        return [account(), LinkPages("TST", {DOCUMENT: frozenset({OTHER})})]


def persist(db_path, run_id: int, spider: type[Spider] = Spider) -> PersistPipeline:
    crawler = get_crawler(spider, {"OCM_DB_PATH": str(db_path), "OCM_RUN_ID": run_id})
    crawler.stats.open_spider()
    crawler.spider = spider.from_crawler(crawler, name="councils")
    stage = PersistPipeline.from_crawler(crawler)
    stage.open_spider()
    return stage


def test_extract_and_classify_pass_reports_on_untouched():
    crawler = get_crawler(settings_dict={"OCM_WORKERS": 0})
    reports = [account(), LinkPages("TST", {DOCUMENT: frozenset({INDEX})})]
    for stage in (ExtractPipeline.from_crawler(crawler), ClassifyPipeline.from_crawler(crawler)):
        assert [asyncio.run(stage.process_item(report)) for report in reports] == reports


def test_an_account_is_stored_in_the_run_as_it_comes_and_linking_pages_at_the_close(db, db_path, council):
    run_id = start_run(db, "test", 1)
    stage = persist(db_path, run_id)
    record_failure(db, None, SourceRef("TST", DOCUMENT, "protocol", FOUND_DISCOVERY), NOW, 500, "HTTP 500",
                   create=True)
    report = account()
    assert stage.process_item(report) is report
    stored = last_discovery(db, "TST")
    assert (stored["run_id"], stored["fetched"], stored["refused"]) == (run_id, 1, 1)
    assert [v["outcome"] for v in stored["visits"]] == [FETCHED, REFUSED]
    # The pages linking a document: the first report's, then a second discovery's the same night, together.
    stage.process_item(LinkPages("TST", {DOCUMENT: frozenset({INDEX})}))
    stage.process_item(LinkPages("TST", {DOCUMENT: frozenset({INDEX, OTHER})}))
    assert find_source(db, "TST", DOCUMENT)["found_on"] is None  # not before the close: the source may come later
    stage.close_spider()
    # one page per source: the one linking most of the council's sources, then the first by address
    assert find_source(db, "TST", DOCUMENT)["found_on"] == INDEX


def test_discoveries_a_stopped_crawl_cut_short_are_reported_at_the_close(db, db_path, council):
    assert isinstance(Stopped(), LeavesReports) and not isinstance(Spider(name="x"), LeavesReports)
    run_id = start_run(db, "test", 1)
    record_failure(db, None, SourceRef("TST", DOCUMENT, "protocol", FOUND_DISCOVERY), NOW, 500, "HTTP 500",
                   create=True)
    persist(db_path, run_id, Stopped).close_spider()
    assert last_discovery(db, "TST")["run_id"] == run_id
    assert find_source(db, "TST", DOCUMENT)["found_on"] == OTHER
