"""Real crawls of the sample council web: plain Scrapy commands, faults, and bad registry rows."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys

import pytest

from tests.conftest import ROOT, run_ocm, settings_args

pytestmark = pytest.mark.e2e


def rows(db_path, sql, *params):
    with sqlite3.connect(db_path) as conn:
        return conn.execute(sql, params).fetchall()


def constitution_parts(web) -> list[str]:
    """The PDFs of the ModernGov sample site's constitution (one per part), as the site serves them."""
    return [path for path in web.sites["moderngov"].resources(1) if path.startswith("/documents/s")
            and path.endswith(".pdf")]


def scrapy(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "scrapy", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, check=False, env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_scrapy_list_and_crawl_one_council(sample_web, tmp_path):
    registry = sample_web.write_registry(tmp_path / "registry.csv")
    db_path = tmp_path / "ocm.db"
    listed = scrapy("list", "-s", f"OCM_REGISTRY={registry}")
    assert listed.returncode == 0, listed.stderr
    assert {site.code for site in sample_web.sites.values()} <= set(listed.stdout.split())
    code = sample_web.sites["moderngov"].code
    crawled = scrapy("crawl", code, "-s", f"OCM_REGISTRY={registry}", "-s", f"OCM_DB_PATH={db_path}",
                     "-s", f"HTTPCACHE_DIR={tmp_path / 'httpcache'}",  # not the checkout's .scrapy/
                     *settings_args({"OCM_WORKERS": "2"}))  # extraction in worker processes, as in production
    assert crawled.returncode == 0, crawled.stderr
    assert rows(db_path, "SELECT DISTINCT council FROM source") == [(code,)]
    parts = rows(db_path, "SELECT url FROM source WHERE url LIKE '%/documents/s%.pdf'")
    assert len(parts) == len(constitution_parts(sample_web))  # the constitution, one PDF per part
    (finding,) = rows(db_path, """SELECT f.verdict, f.evidence FROM finding f JOIN snapshot s ON s.id = f.snapshot_id
                                  JOIN source src ON src.id = s.source_id
                                  WHERE f.activity = 'filming' AND f.verdict != 'not_stated'""")
    assert finding[0] == "allowed"
    evidence = json.loads(finding[1])
    assert evidence[0]["page"] >= 1 and "fixed position" in " ".join(e["quote"] for e in evidence)


def test_faults_are_recorded_per_source_and_only_a_404_flags(sample_web, tmp_path):
    registry = sample_web.write_registry(tmp_path / "registry.csv")
    db_path = tmp_path / "ocm.db"
    night = ["nightly", "--registry", str(registry), "--db", str(db_path),
             *settings_args({"DOWNLOAD_TIMEOUT": "1"})]
    assert run_ocm(*night).returncode == 0
    ids = [str(r[0]) for r in rows(db_path, "SELECT id FROM flag WHERE status = 'pending'")]
    assert run_ocm("review", "confirm", *ids, "--reviewer", "t", "--db", str(db_path)).returncode == 0
    welsh, agenda = sample_web.sites["welsh"].code, sample_web.sites["agenda"].code
    (welsh_page,) = rows(db_path, "SELECT url FROM source WHERE council = ?", welsh)
    sample_web.inject_fault("welsh", "404", path="/" + welsh_page[0].split("/", 3)[3])
    sample_web.inject_fault("agenda", "timeout", seconds=3)

    result = run_ocm(*night)
    assert result.returncode == 0, result.stderr
    flags = rows(db_path, "SELECT kind, council FROM flag WHERE status = 'pending'")
    assert flags == [("source_gone", welsh)]
    (timed_out,) = rows(db_path, "SELECT consecutive_failures, last_error FROM source WHERE council = ?", agenda)
    assert timed_out[0] == 1 and "timeout" in timed_out[1].lower()
    # The timed-out council keeps its last good text and its published answer.
    assert rows(db_path, "SELECT COUNT(*) FROM snapshot s JOIN source src ON src.id = s.source_id "
                         "WHERE src.council = ?", agenda) == [(1,)]
    status, errors = rows(db_path, "SELECT status, errors FROM run ORDER BY id DESC LIMIT 1")[0]
    assert status == "finished" and errors >= 2


def test_a_malformed_registry_row_is_reported_and_the_rest_crawled(sample_web, tmp_path):
    registry = sample_web.write_registry(tmp_path / "registry.csv")
    with registry.open("a") as handle:
        handle.write("Broken Council,Broken,BRK,E0,Atlantis,,,,,not-a-url,,,other,\n")
    db_path = tmp_path / "ocm.db"
    result = run_ocm("crawl", "--registry", str(registry), "--db", str(db_path), "--council", "BRK",
                     "--council", sample_web.sites["cms-html"].code, *settings_args())
    assert result.returncode == 0, result.stderr
    assert "BRK" in result.stderr and "unknown nation" in result.stderr
    assert rows(db_path, "SELECT councils, errors FROM run") == [(1, 1)]


def test_a_wrong_platform_hint_is_corrected_by_what_the_site_shows(sample_web, tmp_path):
    registry = sample_web.write_registry(tmp_path / "registry.csv")
    code = sample_web.sites["moderngov"].code
    text = registry.read_text().replace(",ModernGov,", ",other/Custom HTML,")
    registry.write_text(text)
    db_path = tmp_path / "ocm.db"
    result = run_ocm("crawl", "--registry", str(registry), "--db", str(db_path), "--council", code, *settings_args())
    assert result.returncode == 0, result.stderr
    parts = rows(db_path, "SELECT url FROM source WHERE url LIKE '%/documents/s%.pdf'")
    assert len(parts) == len(constitution_parts(sample_web))
    (stats,) = rows(db_path, "SELECT stats FROM run")[0]
    assert any(s.get("ocm/platform_detected/ModernGov") for s in json.loads(stats).values())


def test_a_slow_site_within_the_timeout_is_fetched(sample_web, tmp_path):
    registry = sample_web.write_registry(tmp_path / "registry.csv")
    sample_web.inject_fault("cms-html", "slow", seconds=1.0)
    db_path = tmp_path / "ocm.db"
    result = run_ocm("crawl", "--registry", str(registry), "--db", str(db_path), "--council",
                     sample_web.sites["cms-html"].code, *settings_args({"DOWNLOAD_TIMEOUT": "4"}))
    assert result.returncode == 0, result.stderr
    assert rows(db_path, "SELECT consecutive_failures FROM source") == [(0,)]
