"""The whole nightly path, end to end, with the real `ocm` commands against the sample council web."""

from __future__ import annotations

import json
import sqlite3
import urllib.request

import pytest

from tests.conftest import run_ocm, settings_args

pytestmark = pytest.mark.e2e

CHANGED, RESAVED, BROKEN = "cms-protocol", "moderngov", "cms-html"


def nightly(registry, db_path):
    result = run_ocm("nightly", "--registry", str(registry), "--db", str(db_path), *settings_args())
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def pending(db_path) -> list[dict]:
    result = run_ocm("review", "list", "--json", "--db", str(db_path))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def query(db_path, sql, *params):
    with sqlite3.connect(db_path) as conn:
        return conn.execute(sql, params).fetchall()


def test_two_nights_flag_exactly_the_policy_change(sample_web, tmp_path):
    registry = sample_web.write_registry(tmp_path / "registry.csv")
    db_path = tmp_path / "ocm.db"
    code = {slug: site.code for slug, site in sample_web.sites.items()}

    # Night 1: every council with documents is new and needs a person to see its first answers.
    nightly(registry, db_path)
    night1 = pending(db_path)
    assert {f["kind"] for f in night1} == {"new_council"}
    assert {f["council"] for f in night1} == set(code.values())
    welsh = next(f for f in night1 if f["council"] == code["welsh"])
    assert welsh["after"]["filming"]["verdict"] == "permission"
    changed = next(f for f in night1 if f["council"] == code[CHANGED])
    assert changed["after"]["filming"]["verdict"] == "permission"
    confirmed = run_ocm("review", "confirm", *[str(f["id"]) for f in night1], "--reviewer", "tester",
                        "--db", str(db_path))
    assert confirmed.returncode == 0, confirmed.stderr
    assert pending(db_path) == []
    snapshots_before = query(db_path, "SELECT COUNT(*) FROM snapshot")[0][0]
    resaved_pdf = sample_web.base_url(RESAVED)

    # Between the nights: a real change, a re-saved PDF (same text, new bytes), a broken site.
    pdf_urls = [r[0] for r in query(db_path, "SELECT url FROM source WHERE council = ? AND url LIKE '%.pdf'",
                                    code[RESAVED])]
    assert pdf_urls, "the ModernGov constitution parts were found"
    old_bytes = urllib.request.urlopen(pdf_urls[0], timeout=5).read()
    sample_web.set_night(2, CHANGED)
    sample_web.set_night(2, RESAVED)
    sample_web.inject_fault(BROKEN, "500")
    assert urllib.request.urlopen(pdf_urls[0], timeout=5).read() != old_bytes
    assert resaved_pdf

    nightly(registry, db_path)
    night2 = pending(db_path)
    assert [(f["kind"], f["council"], f["activity"]) for f in night2] == [("policy_change", code[CHANGED], "filming")]
    flag = night2[0]
    assert flag["before"]["verdict"] == "permission" and flag["after"]["verdict"] == "allowed"
    assert "consent" in flag["before"]["evidence"][0]["quote"].lower()
    assert flag["after"]["evidence"] and flag["after"]["evidence"][0]["source_url"].startswith("http://127.0.0.1")

    # The re-saved PDFs gave no new snapshot, and their text (the stored one) was not classified again; the
    # changed page gave exactly one.
    assert query(db_path, "SELECT COUNT(*) FROM snapshot")[0][0] == snapshots_before + 1
    (stats,) = query(db_path, "SELECT stats FROM run ORDER BY id DESC LIMIT 1")[0]
    skipped = sum(s.get("ocm/classify_skipped_same_text", 0) for s in json.loads(stats).values())
    assert skipped >= len(pdf_urls)
    # The broken site: failures recorded, its published policy untouched, nothing flagged.
    failures = query(db_path, "SELECT consecutive_failures, last_error FROM source WHERE council = ?", code[BROKEN])
    assert failures and all(n == 1 and "500" in err for n, err in failures)
    run = query(db_path, "SELECT status, finish_reason, errors FROM run ORDER BY id DESC LIMIT 1")[0]
    assert run[0] == "finished" and run[1] == "finished" and run[2] >= 1

    shown = run_ocm("review", "show", str(flag["id"]), "--db", str(db_path))
    assert shown.returncode == 0
    assert "Before" in shown.stdout and "After" in shown.stdout
    assert flag["before"]["evidence"][0]["quote"].split()[0] in shown.stdout
    assert "conflicts with the Openness of Local Government Bodies Regulations 2014" in shown.stdout
