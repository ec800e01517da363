"""Documents on the sample web that move, turn unreadable or break: each reported for what it is."""

from __future__ import annotations

import sqlite3

import pytest

from tests.conftest import run_ocm, settings_args

pytestmark = pytest.mark.e2e


def rows(db_path, sql, *params):
    with sqlite3.connect(db_path) as conn:
        return conn.execute(sql, params).fetchall()


def nightly(registry, db_path, **settings):
    result = run_ocm("nightly", "--registry", str(registry), "--db", str(db_path), *settings_args(settings))
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def confirm_all(db_path):
    ids = [str(r[0]) for r in rows(db_path, "SELECT id FROM flag WHERE status = 'pending'")]
    if ids:
        assert run_ocm("review", "confirm", *ids, "--reviewer", "t", "--db", str(db_path)).returncode == 0


def test_a_scanned_pdf_is_reported_unreadable_not_as_no_policy(sample_web, tmp_path):
    registry = sample_web.write_registry(tmp_path / "registry.csv")
    db_path = tmp_path / "ocm.db"
    code = sample_web.sites["nopolicy"].code
    sample_web.inject_fault("nopolicy", "scanned-pdf", path="/media/2417/standing-orders.pdf")
    nightly(registry, db_path)
    (source,) = rows(db_path, "SELECT id, last_error, consecutive_failures FROM source WHERE council = ?", code)
    assert "NoTextLayer" in source[1] and source[2] == 0
    assert rows(db_path, "SELECT outcome FROM fetch WHERE source_id = ?", source[0]) == [("unreadable",)]
    # No text was read, so nothing is claimed: the council's answer is unknown, not "not stated".
    verdicts = {r[0] for r in rows(db_path, "SELECT verdict FROM policy WHERE council = ?", code)}
    assert verdicts == {"unknown"}
    assert rows(db_path, "SELECT COUNT(*) FROM flag WHERE council = ?", code) == [(0,)]
    for _ in range(3):  # unreadable night after night is never "gone"
        nightly(registry, db_path)
    assert rows(db_path, "SELECT COUNT(*) FROM flag WHERE council = ?", code) == [(0,)]


def test_a_page_republished_at_a_new_address_keeps_its_identity(sample_web, tmp_path):
    registry = sample_web.write_registry(tmp_path / "registry.csv")
    db_path = tmp_path / "ocm.db"
    code = sample_web.sites["cms-html"].code
    nightly(registry, db_path)
    confirm_all(db_path)
    sample_web.set_night(3, "cms-html")  # the council's new CMS: same page, new address, old one 404
    nightly(registry, db_path)
    sources = rows(db_path, "SELECT id, url, status, replaced_by FROM source WHERE council = ? ORDER BY id", code)
    (old, new) = sources
    assert old[2] == "moved" and old[3] == new[0] and new[2] == "active"
    assert new[1].endswith("/council-and-democracy/committee-meetings/filming-and-photography")
    # Not one gone and one new: nothing for a reviewer, the published answer stands.
    assert rows(db_path, "SELECT kind FROM flag WHERE status = 'pending'") == []
