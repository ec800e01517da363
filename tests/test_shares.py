"""A crawl dealt out over several processes: the same work and results as one process, in one run row."""

from __future__ import annotations

import json
import sqlite3

import pytest
from scrapy.settings import Settings

from spiders.shares import Share, share_settings, split
from tests.conftest import run_ocm, settings_args


def test_councils_are_dealt_out_evenly_and_no_share_is_empty():
    assert split(list("abcde"), 2) == [["a", "c", "e"], ["b", "d"]]
    assert split(["a"], 2) == [["a"]]  # one council: one process
    assert split([], 2) == [[]]  # nothing to crawl still runs (and reports) in this process
    assert split(list("abc"), 0) == [list("abc")]


def test_a_share_is_named_in_one_setting_and_a_bad_one_is_refused():
    share = Share.parse("2/3@4242")
    assert share == Share(2, 3, 4242) and str(share) == "2/3" and share.setting == "2/3@4242"
    assert Share.parse("") is None
    for bad in ("2/3", "4/3@1", "x/3@1", "0/2@7"):
        with pytest.raises(ValueError, match="OCM_CRAWL_SHARE"):
            Share.parse(bad)


def test_workers_and_concurrency_are_totals_split_among_the_shares():
    settings = Settings({"OCM_WORKERS": 2, "CONCURRENT_REQUESTS": 16})
    assert share_settings(settings, Share(2, 2, 7), run_id=5) == {
        "OCM_RUN_ID": "5", "OCM_CRAWL_SHARE": "2/2@7", "OCM_WORKERS": "1", "CONCURRENT_REQUESTS": "8"}
    assert share_settings(Settings({"OCM_WORKERS": 0, "CONCURRENT_REQUESTS": 3}), Share(1, 2, 7), 5)[
        "OCM_WORKERS"] == "0"  # in-process extraction stays in-process


def results(db_path) -> tuple[list, list, dict]:
    with sqlite3.connect(db_path) as conn:
        sources = conn.execute("SELECT council, url, kind FROM source ORDER BY council, url").fetchall()
        findings = conn.execute("""SELECT s.council, s.url, f.activity, f.verdict, f.conditions FROM finding f
                                   JOIN snapshot sn ON sn.id = f.snapshot_id JOIN source s ON s.id = sn.source_id
                                   ORDER BY 1, 2, 3""").fetchall()
        run = conn.execute("SELECT status, finish_reason, councils, documents, stats FROM run").fetchall()
    assert len(run) == 1
    status, reason, councils, documents, stats = run[0]
    return sources, findings, {"status": status, "reason": reason, "councils": councils, "documents": documents,
                               "crawlers": sorted(json.loads(stats))}


@pytest.mark.e2e
def test_two_crawl_processes_store_what_one_stores_in_one_run(sample_web, tmp_path):
    registry = sample_web.write_registry(tmp_path / "registry.csv")
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    for db_path, processes in ((one, "1"), (two, "2")):
        result = run_ocm("crawl", "--registry", str(registry), "--db", str(db_path),
                         *settings_args({"OCM_CRAWL_PROCESSES": processes}))
        assert result.returncode == 0, result.stderr
        assert result.stdout.count("run 1 (manual") == 1  # one report, by the process that started the run
    sources, findings, run = results(one)
    shared_sources, shared_findings, shared_run = results(two)
    assert sources and shared_sources == sources
    assert shared_findings == findings
    assert shared_run["status"] == run["status"] == "finished" and shared_run["reason"] == "finished"
    assert shared_run["councils"] == run["councils"] == len(sample_web.sites)
    assert shared_run["documents"] == run["documents"]
    assert {name.rsplit(" ", 1)[1] for name in shared_run["crawlers"]} == {"1/2", "2/2"}  # each share reported


def test_a_share_deals_itself_the_councils_its_starter_dealt_it_and_refuses_others() -> None:
    from spiders.shares import ShareMismatch, codes_digest

    councils = [f"ZL{i:05d}" for i in range(1, 12)]
    parts = split(councils, 3)
    shares = [Share(i, 3, 42, codes_digest(part)) for i, part in enumerate(parts, start=1)]
    for share, part in zip(shares, parts, strict=True):
        parsed = Share.parse(share.setting)
        assert parsed == share and parsed.of(councils, str) == part
    assert sorted(code for s in shares for code in s.of(councils, str)) == councils  # each council once
    with pytest.raises(ShareMismatch):  # the registry changed between the starter's reading and the share's
        shares[1].of(councils[1:], str)
