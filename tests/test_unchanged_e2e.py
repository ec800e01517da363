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
