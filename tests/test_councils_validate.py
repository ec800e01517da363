"""`ocm councils validate` against the sample council web: a good council passes, a broken site fails clearly."""

from __future__ import annotations

import sqlite3

import pytest

from tests.conftest import run_ocm, settings_args

pytestmark = pytest.mark.e2e


def test_a_council_with_a_stable_policy_page_is_valid(sample_web, tmp_path):
    registry = sample_web.write_registry(tmp_path / "registry.csv")
    code = sample_web.sites["cms-html"].code
    kept = tmp_path / "kept.db"
    result = run_ocm("councils", "validate", code, "--registry", str(registry), "--keep-db", str(kept),
                     *settings_args(), timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    for check in ("crawl", "documents", "text", "stable"):
        assert f"PASS {check}:" in result.stdout
    assert result.stdout.strip().endswith(f"{code}: valid.")
    with sqlite3.connect(kept) as conn:
        outcomes = conn.execute("SELECT run_id, outcome FROM fetch ORDER BY id").fetchall()
    assert {o for run, o in outcomes if run == 1} == {"new_snapshot"}
    assert {o for run, o in outcomes if run == 2} == {"unchanged"}


def test_a_site_answering_500_is_not_valid_and_says_why(sample_web, tmp_path):
    registry = sample_web.write_registry(tmp_path / "registry.csv")
    code = sample_web.sites["cms-protocol"].code
    sample_web.inject_fault("cms-protocol", "500")
    result = run_ocm("councils", "validate", code, "--registry", str(registry), *settings_args(), timeout=120)
    assert result.returncode == 1
    assert "FAIL" in result.stdout and result.stdout.strip().endswith(f"{code}: NOT valid.")
    assert "HTTP 500" in result.stdout, result.stdout


def test_an_existing_store_is_refused(tmp_path):
    kept = tmp_path / "kept.db"
    kept.write_bytes(b"")
    result = run_ocm("councils", "validate", "LIC", "--keep-db", str(kept))
    assert result.returncode == 1 and "already exists; validation needs a fresh store" in result.stderr
