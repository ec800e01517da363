"""RunLog adds each crawler's counts to the run its crawl was started in; OwnRun gives a plain `scrapy crawl` one.

Built with Scrapy's `get_crawler`, their signals sent by hand: no crawl, no network."""

from __future__ import annotations

import json
import logging

import pytest
from scrapy import Spider, signals
from scrapy.exceptions import CloseSpider, NotConfigured
from scrapy.utils.test import get_crawler

from pipeline.ownrun import OwnRun
from pipeline.runlog import NoRun, RunLog
from registry import Council
from store.db import StorageFault
from store.runs import ABORTED, FINISHED, RUNNING, get_run, start_run

COUNCILS = [Council(code="TST", name="Testshire County Council", nation="England", website="http://127.0.0.1:9/"),
            Council(code="OTH", name="Otherton Borough Council", nation="Wales", website="http://127.0.0.1:9/o/")]
# A crawler's stats at its close: what RunLog counts and what it leaves out.
STATS = {"downloader/request_count": 12, "ocm/documents_new_snapshot": 2, "ocm/documents_unchanged": 3,
         "ocm/documents_failed": 4, "ocm/documents_unreadable": 1, "ocm/documents_lost": 1,
         "ocm/registry_malformed": 1, "finish_reason": "finished"}


class Councils(Spider):
    name = "councils"

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.councils = COUNCILS


def runlog(db_path, run_id: int, **settings) -> tuple[RunLog, Spider]:
    crawler = get_crawler(Councils, {"OCM_DB_PATH": str(db_path), "OCM_RUN_ID": run_id, **settings})
    crawler.stats.open_spider()
    return RunLog.from_crawler(crawler), Councils.from_crawler(crawler)


def test_counts_and_stats_are_added_to_the_run_given_and_the_councils_recorded(db, db_path):
    run_id = start_run(db, "test", 2)
    log, spider = runlog(db_path, run_id)
    log.spider_opened(spider)
    assert [r["code"] for r in db.query("SELECT code FROM council ORDER BY code")] == ["OTH", "TST"]
    for name, value in STATS.items():
        log.stats.set_value(name, value)
    log.spider_closed(spider, "finished")
    run = get_run(db, run_id)
    assert (run["requests"], run["documents"], run["changes"], run["errors"]) == (12, 5, 2, 5)
    assert json.loads(run["stats"])["councils"]["ocm/documents_lost"] == 1
    assert run["status"] == RUNNING  # whoever opened the run closes it


def test_each_share_adds_its_counts_under_its_own_name(db, db_path):
    run_id = start_run(db, "test", 2)
    for share in ("1/2@7", "2/2@7"):
        log, spider = runlog(db_path, run_id, OCM_CRAWL_SHARE=share)
        log.stats.set_value("downloader/request_count", 5)
        log.spider_closed(spider, "finished")
    run = get_run(db, run_id)
    assert run["requests"] == 10 and sorted(json.loads(run["stats"])) == ["councils 1/2", "councils 2/2"]


def test_a_crawler_without_a_run_does_not_start(db_path, caplog):
    with caplog.at_level(logging.CRITICAL), pytest.raises(NoRun):
        runlog(db_path, 0)
    assert "OCM_RUN_ID is not set" in caplog.text


def test_a_store_that_fails_at_the_open_closes_the_crawl_with_the_fault(db, db_path, tmp_path):
    run_id = start_run(db, "test", 2)
    log, spider = runlog(tmp_path, run_id)  # a folder: no store opens there
    with pytest.raises(CloseSpider) as closed:
        log.spider_opened(spider)
    assert closed.value.reason.startswith("storage fault: the store cannot be opened")
    assert log.stats.get_value("ocm/storage_fault").startswith("the store cannot be opened")
    log.spider_closed(spider, "storage fault")  # cannot record: says so, and the crawl goes on closing
    assert get_run(db, run_id)["requests"] == 0


def own_run(db_path, **settings):
    """A crawler of a plain `scrapy crawl`: the OwnRun add-on is applied when its settings are."""
    return get_crawler(Councils, {"OCM_DB_PATH": str(db_path), "OCM_TRIGGER": "manual", "OCM_RUN_ID": 0,
                                  "ADDONS": {OwnRun: 0}, **settings})


@pytest.mark.parametrize(("reason", "status"), [("finished", FINISHED), ("storage fault: the disk is full", ABORTED)])
def test_a_plain_scrapy_crawl_opens_its_own_run_for_its_components_and_closes_it(db, db_path, reason, status):
    crawler = own_run(db_path)
    run_id = crawler.settings.getint("OCM_RUN_ID")
    assert get_run(db, run_id)["status"] == RUNNING and get_run(db, run_id)["trigger"] == "manual"
    crawler.stats.open_spider()
    assert RunLog.from_crawler(crawler).run_id == run_id  # what every component reads in from_crawler
    crawler.signals.send_catch_log(signals.spider_closed, spider=Councils(), reason=reason)
    assert (get_run(db, run_id)["status"], get_run(db, run_id)["finish_reason"]) == (status, reason)


def test_a_crawl_given_its_run_opens_none(db, db_path):
    run_id = start_run(db, "nightly", 2)
    with pytest.raises(NotConfigured):
        OwnRun.from_crawler(get_crawler(Councils, {"OCM_DB_PATH": str(db_path), "OCM_RUN_ID": run_id}))
    assert own_run(db_path, OCM_RUN_ID=run_id).settings.getint("OCM_RUN_ID") == run_id
    assert [r["id"] for r in db.query("SELECT id FROM run")] == [run_id]


def test_a_plain_scrapy_crawl_into_a_store_that_cannot_open_does_not_start(tmp_path, caplog):
    with caplog.at_level(logging.CRITICAL), pytest.raises(StorageFault):
        own_run(tmp_path)
    assert "the crawl cannot start" in caplog.text
