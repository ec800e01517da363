"""`ocm export`: the published verdicts as CSV, JSON, licence note and HTML; Datasette metadata for the store."""

from __future__ import annotations

import asyncio
import csv
import json
from pathlib import Path

import datasette.app as datasette_app
import pytest
from click.testing import CliRunner

from cli import main
from publish.build import publish_site
from publish.datasette import DATABASE, metadata
from publish.export import COUNCIL_KEYS, CSV_COLUMNS
from registry import Council
from review.changes import detect_changes
from review.workflow import confirm
from rules.taxonomy import ALLOWED, AUDIO_RECORDING, CHAIR_CONSENT, FILMING, PERMISSION, STATUTE_ENGLAND
from store import open_db
from store.councils import upsert_councils
from tests.conftest import ROOT
from tests.test_changes import NOW, PROTOCOL, findings, store_text

HOSTILE = 'Filming only with the consent of the Chair. <script>alert("x")</script> <img src=x onerror=alert(1)>'
WELSH = Council(code="WLS", name="Cyngor Cymuned Prawf", nation="Wales", website="http://127.0.0.1:9/")


@pytest.fixture
def published(db, council):
    """TST (England) published with filming `permission` quoting hostile markup; WLS has nothing published."""
    upsert_councils(db, [WELSH])
    store_text(db, PROTOCOL, HOSTILE, findings(PERMISSION, HOSTILE, [CHAIR_CONSENT]))
    (flag,) = detect_changes(db, ["TST", "WLS"], None, NOW, gone_after=3)
    confirm(db, flag, "Ann Reviewer")
    return db


def export(db, out: Path, now: str | None = None):
    """What `ocm export` and `ocm publish` write (one way to do it): the dataset and the site."""
    return publish_site(db, out, now=now)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_csv_has_one_row_per_council_and_activity(published, tmp_path):
    result = export(published, tmp_path / "out", now=NOW)
    assert (result.councils, result.rows, result.councils_without_published_policy) == (1, 4, 1)
    rows = read_csv(tmp_path / "out" / "published.csv")
    assert [(r["council_code"], r["activity"]) for r in rows][:2] == [("TST", FILMING), ("TST", AUDIO_RECORDING)]
    filming = rows[0]
    assert filming["council_name"] == "Testshire County Council" and filming["nation"] == "England"
    assert (filming["verdict"], filming["conditions"]) == (PERMISSION, CHAIR_CONSENT)
    assert (filming["conflicts_with_statute"], filming["statute"]) == ("true", STATUTE_ENGLAND)
    assert filming["reviewer"] == "Ann Reviewer" and filming["reviewed_at"].endswith("+00:00")
    (evidence,) = json.loads(filming["evidence"])
    assert evidence == {"quote": HOSTILE, "source_url": PROTOCOL, "page": 1, "verdict": PERMISSION}
    assert rows[1]["verdict"] == ALLOWED and rows[1]["conflicts_with_statute"] == "false"


def test_json_is_nested_per_council_with_metadata(published, tmp_path):
    export(published, tmp_path / "out", now=NOW)
    document = json.loads((tmp_path / "out" / "published.json").read_text(encoding="utf-8"))
    assert document["generated_at"] == NOW
    assert document["licence"]["id"] == "CC-BY-4.0" and "not legal advice" in document["licence"]["note"]
    assert document["councils_with_published_policy"] == 1
    assert document["councils_without_published_policy"] == 1
    (council,) = document["councils"]
    assert (council["code"], council["name"], council["statute"]) == ("TST", "Testshire County Council",
                                                                       STATUTE_ENGLAND)
    filming = council["activities"][FILMING]
    assert filming["verdict"] == PERMISSION and filming["conditions"] == [CHAIR_CONSENT]
    assert filming["conflicts_with_statute"] is True and filming["evidence"][0]["source_url"] == PROTOCOL


def test_every_column_is_in_the_csv_and_once_in_the_json(published, tmp_path):
    """The columns have one definition (publish.export.PublishedRow): the CSV's header, and the JSON's fields of a
    council (COUNCIL_KEYS) and of each of its activities (the rest)."""
    export(published, tmp_path / "out", now=NOW)
    (header,) = read_csv(tmp_path / "out" / "published.csv")[:1]
    assert tuple(header) == CSV_COLUMNS
    (council,) = json.loads((tmp_path / "out" / "published.json").read_text(encoding="utf-8"))["councils"]
    activity = council["activities"][FILMING]
    assert set(council) == {*COUNCIL_KEYS.values(), "activities"}
    assert set(activity) == set(CSV_COLUMNS) - set(COUNCIL_KEYS) - {"activity"}


def test_licence_note_names_every_licence_and_the_disclaimer(published, tmp_path):
    export(published, tmp_path / "out")
    licence = (tmp_path / "out" / "LICENCE.md").read_text(encoding="utf-8")
    for words in ("Open Government Licence v3.0", "CC BY 4.0", "mySociety", "machine-inferred and human-reviewed",
                  "not legal advice"):
        assert words in licence


def test_the_home_page_escapes_council_texts_and_the_council_page_links_the_sources(published, tmp_path):
    export(published, tmp_path / "out")
    home = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "<svg" in home and "England: 1 Ask first" in home and "England: 3 Yes" in home
    assert "Testshire County Council" in home and "Cyngor Cymuned Prawf" in home  # A to Z: every council
    page = (tmp_path / "out" / "council" / "TST" / "index.html").read_text(encoding="utf-8")
    assert "<script" not in page.replace('<script src="', "") and "<img" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    assert f'<a href="{PROTOCOL}">' in page


def test_an_empty_store_exports_empty_files_with_headers(db, tmp_path):
    result = export(db, tmp_path / "out", now=NOW)
    assert (result.councils, result.rows) == (0, 0)
    assert (tmp_path / "out" / "published.csv").read_text(encoding="utf-8").strip() == ",".join(CSV_COLUMNS)
    document = json.loads((tmp_path / "out" / "published.json").read_text(encoding="utf-8"))
    assert document["councils"] == [] and document["councils_without_published_policy"] == 0
    assert "0 of 0 councils have a published answer" in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")


def test_ocm_export_command(published, db_path, tmp_path):
    out, meta = tmp_path / "open-data", tmp_path / "meta.json"
    result = CliRunner().invoke(main, ["export", "--db", str(db_path), "--out", str(out),
                                       "--datasette-metadata", str(meta)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "Exported 4 published verdict(s) of 1 council(s)" in result.output
    assert {"LICENCE.md", "index.html", "published.csv", "published.json"} <= {p.name for p in out.iterdir()}
    assert json.loads(meta.read_text(encoding="utf-8")) == metadata()


def test_datasette_metadata_describes_every_table_and_column_of_the_store(tmp_path):
    store = open_db(tmp_path / "ocm.db")
    tables = metadata()["databases"][DATABASE]["tables"]
    assert set(tables) == set(store.table_names()) | set(store.view_names())
    assert "current_verdicts" in store.view_names()
    for name in store.table_names() + store.view_names():
        assert tables[name]["description"]
        assert set(tables[name]["columns"]) == set(store[name].columns_dict), f"columns of {name}"
    for key in ("title", "description", "license", "license_url", "source", "source_url"):
        assert metadata()[key]
    store.close()


def test_checked_in_datasette_metadata_is_current():
    checked_in = json.loads((ROOT / "datasette-metadata.json").read_text(encoding="utf-8"))
    assert checked_in == metadata(), "regenerate: ocm export --datasette-metadata datasette-metadata.json"


def test_datasette_serves_the_store_with_the_metadata(tmp_path):
    path = tmp_path / f"{DATABASE}.db"
    open_db(path).close()

    async def pages() -> list[tuple[int, str]]:
        datasette = datasette_app.Datasette([str(path)], metadata=metadata())
        await datasette.invoke_startup()
        found = []
        for url in (f"/{DATABASE}/flag", f"/{DATABASE}/published", "/-/metadata.json"):
            response = await datasette.client.get(url)
            found.append((response.status_code, response.text))
        return found

    (flag, published, meta) = asyncio.run(pages())
    assert flag[0] == 200 and "A change awaiting review" in flag[1]
    assert published[0] == 200 and "who confirmed it" in published[1]
    assert meta[0] == 200 and json.loads(meta[1])["title"] == "Open Council Meetings"


def test_datasette_keeps_password_hashes_and_session_keys_out(tmp_path):
    path = tmp_path / f"{DATABASE}.db"
    open_db(path).close()

    async def statuses() -> list[int]:
        datasette = datasette_app.Datasette([str(path)], metadata=metadata())
        await datasette.invoke_startup()
        urls = (f"/{DATABASE}/reviewer", f"/{DATABASE}/setting", f"/{DATABASE}?sql=select+*+from+setting",
                f"/{DATABASE}/council")
        return [(await datasette.client.get(url)).status_code for url in urls]

    assert asyncio.run(statuses()) == [403, 403, 403, 200]
