"""Every fault the real web throws, on the sample web: the run finishes, the failure is recorded against that
source with a clear reason, nothing stored is lost, and nothing is flagged but `source_gone` at its threshold."""

from __future__ import annotations

import sqlite3

import pytest

from spiders.retry import backoff_seconds
from tests.conftest import run_ocm, settings_args

pytestmark = pytest.mark.e2e

PAGE = "/filming-and-photography-at-committee-meetings"  # the policy page of the cms-html site


def rows(db_path, sql, *params):
    with sqlite3.connect(db_path) as conn:
        return conn.execute(sql, params).fetchall()


@pytest.fixture
def night(sample_web, tmp_path):
    """Night 1 crawled and reviewed; returns a function running the next night with settings."""
    registry = sample_web.write_registry(tmp_path / "registry.csv")
    db_path = tmp_path / "ocm.db"

    def run(**settings):
        result = run_ocm("nightly", "--registry", str(registry), "--db", str(db_path), "--council",
                         sample_web.sites["cms-html"].code, *settings_args(settings))
        assert result.returncode == 0, result.stdout + result.stderr
        return db_path

    run()
    ids = [str(r[0]) for r in rows(db_path, "SELECT id FROM flag WHERE status = 'pending'")]
    assert run_ocm("review", "confirm", *ids, "--reviewer", "t", "--db", str(db_path)).returncode == 0
    return run


FAULTS = [
    ("500", {}, "HTTP 500"),
    ("503", {}, "HTTP 503"),
    ("403", {}, "HTTP 403"),
    ("429", {}, "HTTP 429"),
    ("timeout", {"DOWNLOAD_TIMEOUT": "1"}, "TimeoutError"),
    ("redirect-loop", {"REDIRECT_MAX_TIMES": "3"}, "redirect"),
    ("oversized", {"DOWNLOAD_MAXSIZE": "1000000"}, "Cancelled"),
    ("binary-as-html", {}, "Unreadable"),
    ("empty", {}, "Unreadable"),
]


@pytest.mark.parametrize("fault, settings, reason", FAULTS, ids=[f[0] for f in FAULTS])
def test_a_fault_is_one_failure_of_that_source(sample_web, night, fault, settings, reason):
    sample_web.inject_fault("cms-html", fault, path=PAGE, seconds=3)
    db_path = night(**settings)
    (source,) = rows(db_path, "SELECT consecutive_failures, last_error FROM source")
    assert source[0] == 1 and reason.lower() in source[1].lower(), source
    assert rows(db_path, "SELECT COUNT(*) FROM snapshot") == [(1,)]  # the last good text stays
    assert rows(db_path, "SELECT status, finish_reason FROM run ORDER BY id DESC LIMIT 1") == [("finished",
                                                                                                "finished")]
    assert rows(db_path, "SELECT kind FROM flag WHERE status = 'pending'") == []


@pytest.mark.parametrize("fault, reason", [("truncated-pdf", "Unreadable"), ("corrupt", ""),
                                           ("many-pages-pdf", "more than OCM_MAX_PDF_PAGES"),
                                           ("scanned-pdf", "NoTextLayer")])
def test_broken_pdfs_never_lose_the_last_good_text_nor_flag(sample_web, tmp_path, fault, reason):
    registry = sample_web.write_registry(tmp_path / "registry.csv")
    db_path = tmp_path / "ocm.db"
    code = sample_web.sites["nopolicy"].code
    night = ["nightly", "--registry", str(registry), "--db", str(db_path), "--council", code, *settings_args()]
    assert run_ocm(*night).returncode == 0
    ids = [str(r[0]) for r in rows(db_path, "SELECT id FROM flag WHERE status = 'pending'")]
    assert run_ocm("review", "confirm", *ids, "--reviewer", "t", "--db", str(db_path)).returncode == 0
    sample_web.inject_fault("nopolicy", fault, path="/media/2417/standing-orders.pdf")
    assert run_ocm(*night).returncode == 0
    (last_error,) = rows(db_path, "SELECT last_error FROM source")[0]
    assert rows(db_path, "SELECT COUNT(*) FROM snapshot") == [(1,)]
    assert rows(db_path, "SELECT kind FROM flag WHERE status = 'pending'") == []
    if fault != "corrupt":  # flipped bytes may still leave pdfium a readable file: then nothing changed
        assert reason in (last_error or ""), last_error


def test_a_wrong_charset_is_read_right_and_is_no_change(sample_web, night):
    sample_web.inject_fault("cms-html", "wrong-charset", path=PAGE)
    db_path = night()
    assert rows(db_path, "SELECT consecutive_failures FROM source") == [(0,)]
    assert rows(db_path, "SELECT kind FROM flag WHERE status = 'pending'") == []


@pytest.mark.parametrize("status", ["404", "410"])
def test_a_404_or_410_flags_source_gone_at_once(sample_web, night, status):
    sample_web.inject_fault("cms-html", status, path=PAGE)
    db_path = night()
    assert rows(db_path, "SELECT kind FROM flag WHERE status = 'pending'") == [("source_gone",)]


def test_retries_wait_and_a_recovered_site_is_healthy_again(sample_web, night):
    sample_web.inject_fault("cms-html", "503", path=PAGE)
    db_path = night(RETRY_TIMES="2", OCM_RETRY_BACKOFF="0.1", OCM_RETRY_BACKOFF_MAX="0.2")
    assert sample_web.request_log("cms-html").count(PAGE) == 1 + 1 + 2  # night 1; night 2: first try + 2 retries
    sample_web.clear_faults()
    night()
    assert rows(db_path, "SELECT consecutive_failures, last_error FROM source") == [(0, None)]


def test_backoff_doubles_honours_retry_after_and_is_capped():
    assert 1.6 <= backoff_seconds(1, 2.0, 60) <= 2.4
    assert 6.4 <= backoff_seconds(3, 2.0, 60) <= 9.6
    assert backoff_seconds(10, 2.0, 60) == 60
    assert backoff_seconds(1, 2.0, 60, retry_after="120") == 60
    assert backoff_seconds(1, 2.0, 60, retry_after="5") == 5
