"""Local councils end to end: a registry directory with a principal council's TOML file and its area's local
councils in local/<PARENT>.csv; the real `ocm nightly` finds the parish councils' policies on their small sites
(the realistic web's parish-website provider site and clerk's .php pages) within the local page budget; the one
with no website is not crawled, raises nothing, and is published `unknown` with its reason; `ocm status` counts
them by tier and nation."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path
from urllib.parse import unquote

import pytest
from w3lib.url import canonicalize_url

from registry import LOCAL, load_registry
from registry.check import registry_problems
from registry.local import write_area
from sampleweb.realistic import RealisticWeb
from settings import OCM_MAX_PAGES_PER_LOCAL_COUNCIL
from tests.conftest import run_ocm, settings_args

pytestmark = pytest.mark.e2e

PARENT = "ZRP"
LOCALS = ("ZRJ", "ZRK")
SILENT = ("ZRT", "Thornby Parva Parish Meeting", "E04999921",
          "the parish meeting publishes no website; notices are posted in the church porch")


def same(url: str) -> str:
    return unquote(canonicalize_url(url))


def registry(web: RealisticWeb, path: Path) -> Path:
    """A principal council (nothing to crawl in this test) and, in its area, two parishes and one with no site."""
    path.mkdir()
    (path / f"{PARENT}.toml").write_text(
        f'code = "{PARENT}"\nname = "Testshire Wolds District Council"\nnation = "England"\ntier = "principal"\n'
        'website = "http://127.0.0.1:9/"\ndocuments = []\nstatus = "active"\n', encoding="utf-8")
    entries = [{"code": code, "name": web.councils[code].name, "type": web.councils[code].type.lower(),
                "gss_code": web.councils[code].gss_code, "nation": "England", "website": web.website(code),
                "status": "active", "listed_by": ["ons", "wdtk"]} for code in LOCALS]
    code, name, gss, reason = SILENT
    entries.append({"code": code, "name": name, "type": "parish meeting", "gss_code": gss, "nation": "England",
                    "no_website_reason": reason, "status": "active", "listed_by": ["ons"]})
    write_area(path, PARENT, entries)
    return path


def test_nightly_reads_local_councils_and_publishes_the_one_without_a_website_as_unknown(tmp_path):
    with RealisticWeb() as web:
        path = registry(web, tmp_path / "registry")
        councils, problems = registry_problems(path)
        assert problems == [] and {c.code for c in councils if c.tier == LOCAL} == {*LOCALS, SILENT[0]}
        db = tmp_path / "ocm.db"
        chosen = [arg for code in (*LOCALS, SILENT[0]) for arg in ("--council", code)]
        result = run_ocm("nightly", "--registry", str(path), "--db", str(db), *chosen, *settings_args(), timeout=600)
        assert result.returncode == 0, result.stdout + result.stderr
        with sqlite3.connect(db) as conn:
            conn.row_factory = sqlite3.Row
            stored = {(r["council"], same(r["url"])) for r in conn.execute("SELECT council, url FROM source")}
            rows = {r["code"]: dict(r) for r in conn.execute("SELECT * FROM council")}
            budgets = {r["council"]: r["budget"] for r in conn.execute("SELECT council, budget FROM discovery")}
            flagged = {r["council"] for r in conn.execute("SELECT council FROM flag WHERE kind = 'new_council'")}
        for code in LOCALS:
            for urls in web.policy_urls(code):
                assert any((code, same(url)) in stored for url in urls), (code, urls)
        assert budgets == dict.fromkeys(LOCALS, OCM_MAX_PAGES_PER_LOCAL_COUNCIL)  # the silent one: no walk
        assert flagged == set(LOCALS)
        assert {code: (rows[code]["tier"], rows[code]["parent"]) for code in rows} == {
            code: (LOCAL, PARENT) for code in (*LOCALS, SILENT[0])}
        assert rows[SILENT[0]]["no_website_reason"] == SILENT[3]

    export = tmp_path / "export"
    assert run_ocm("export", "--db", str(db), "--out", str(export)).returncode == 0
    with (export / "councils.csv").open(newline="", encoding="utf-8") as handle:
        published = {row["council_code"]: row for row in csv.DictReader(handle)}
    silent = published[SILENT[0]]
    assert (silent["filming"], silent["audio_recording"], silent["unknown_reason"]) == ("unknown", "unknown",
                                                                                      SILENT[3])
    assert "not_stated" not in silent.values()

    status = run_ocm("status", "--db", str(db))
    table = status.stdout.split("Councils by tier and nation:")[1]
    assert table.splitlines()[2].split()[:3] == ["local", "England", "3"]
    why = run_ocm("councils", "why", SILENT[0], "--db", str(db))
    assert why.returncode == 1 and "no website to discover" in why.stderr
    assert len(load_registry(path)[0]) == 1 + len(LOCALS) + 1
