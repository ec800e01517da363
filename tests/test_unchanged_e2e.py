"""An unchanged night is cheap: conditional requests answered 304, nothing extracted, nothing stored twice."""

from __future__ import annotations

import json
import sqlite3

import pytest

from tests.conftest import run_ocm, settings_args

pytestmark = pytest.mark.e2e


def test_second_night_re_checks_known_documents_conditionally(sample_web, tmp_path):
    registry = sample_web.write_registry(tmp_path / "registry.csv")
    db_path = tmp_path / "ocm.db"
    crawl = ["crawl", "--registry", str(registry), "--db", str(db_path), *settings_args()]
    assert run_ocm(*crawl).returncode == 0
    assert run_ocm(*crawl).returncode == 0
    with sqlite3.connect(db_path) as conn:
        sources = conn.execute("SELECT COUNT(*) FROM source").fetchone()[0]
        outcomes = conn.execute("SELECT outcome, COUNT(*) FROM fetch WHERE run_id = 2 GROUP BY outcome").fetchall()
        (stats,) = conn.execute("SELECT stats FROM run WHERE id = 2").fetchone()
        snapshots = conn.execute("SELECT COUNT(*) FROM snapshot").fetchone()[0]
    assert dict(outcomes) == {"unchanged": sources}
    assert snapshots == sources  # one per source, from night 1
    per_spider = json.loads(stats)
    skipped = sum(s.get("ocm/extract_skipped_unchanged", 0) for s in per_spider.values())
    assert skipped == sources  # not one document extracted or classified again
    assert sum(sample_web.not_modified_count(slug) for slug in sample_web.sites) >= sources


def test_robots_txt_is_fetched_once_a_day_not_every_night(sample_web, tmp_path):
    registry = sample_web.write_registry(tmp_path / "registry.csv")
    crawl = ["crawl", "--registry", str(registry), "--db", str(tmp_path / "ocm.db"), "--council",
             sample_web.sites["cms-html"].code, *settings_args()]
    assert run_ocm(*crawl).returncode == 0
    assert run_ocm(*crawl).returncode == 0
    assert sample_web.request_log("cms-html").count("/robots.txt") == 1
    assert (tmp_path / "httpcache").is_dir()  # beside the store


def test_a_walk_does_not_read_again_the_pages_that_said_nothing(sample_web, tmp_path):
    registry = sample_web.write_registry(tmp_path / "registry.csv")
    db_path = tmp_path / "ocm.db"
    crawl = ["crawl", "--registry", str(registry), "--db", str(db_path),
             *settings_args({"OCM_DISCOVERY_INTERVAL_DAYS": "1"})]  # every council's sites walked every night
    assert run_ocm(*crawl).returncode == 0
    assert run_ocm(*crawl).returncode == 0
    with sqlite3.connect(db_path) as conn:
        checked = conn.execute("SELECT council, url FROM checked_page").fetchall()
        sources = conn.execute("SELECT COUNT(*) FROM source").fetchone()[0]
        nights = [json.loads(stats) for (stats,) in conn.execute("SELECT stats FROM run ORDER BY id")]
        second_sources = conn.execute("SELECT COUNT(DISTINCT source_id) FROM fetch WHERE run_id = 2").fetchone()[0]

    def total(night: dict, name: str) -> int:
        return sum(per_spider.get(name, 0) for per_spider in night.values())

    assert len(checked) >= 3  # "Attending meetings", a constitution index page, a CMIS tab: no word on recording
    assert total(nights[0], "ocm/pages_without_policy") == len(checked)
    assert total(nights[1], "ocm/pages_without_policy") == 0
    assert total(nights[1], "ocm/pages_without_policy_unchanged") == len(checked)  # fetched, not read
    assert second_sources == sources
