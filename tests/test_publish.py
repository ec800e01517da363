"""`ocm publish`: the public site and the dataset from the published verdicts only (issue 18)."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import frictionless
import pytest
from click.testing import CliRunner

from cli import main
from publish.build import publish_site, read_marker
from publish.dataset import CHANGE_COLUMNS, COUNCIL_COLUMNS
from publish.law import LAW
from publish.swap import MARKER, NotAPublication
from publish.words import ACTIVITY_WORDS, ASKS, LEAD, MEANING, SHORT, STATES, answer, condition_text
from registry import Council
from review.workflow import confirm
from rules.taxonomy import (
    ACTIVITIES,
    ALLOWED,
    CHAIR_CONSENT,
    CONDITIONS,
    COUNCIL_VERDICTS,
    DESIGNATED_AREA,
    FILMING,
    NATIONS,
    NOT_DISRUPTIVE,
    NOTICE_REQUESTED,
    PERMISSION,
    RESPECT_OBJECTORS,
    STATUTE_ENGLAND,
    WALES,
)
from store.councils import upsert_councils
from store.policies import publish
from store.records import Evidence, PolicyEntry
from tests.test_changes import NOW, PROTOCOL, fail, findings, night, store_text

ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE = 'Filming only with the consent of the Chair. <script>alert("x")</script> <img src=x onerror=alert(1)>'
CHANGED = "Filming is permitted provided it is not disruptive."
WELSH = Council(code="WLS", name="Cyngor <b>Cymuned</b> Prawf", nation=WALES, website="javascript:alert(1)")
WELSH_CLAUSE = "Recording is not permitted without the consent of the Chair."


@pytest.fixture
def store(db, council):
    """TST (England): filming `permission` with chair_consent quoting hostile markup, then changed to `allowed`
    with not_disruptive, its document failing since; WLS (Wales): filming `permission` with chair_consent;
    NOP (England): nothing published."""
    store_text(db, PROTOCOL, HOSTILE, findings(PERMISSION, HOSTILE, [CHAIR_CONSENT]))
    (first,) = night(db)
    confirm(db, first.id, "Ann Reviewer")
    store_text(db, PROTOCOL, CHANGED, findings(ALLOWED, CHANGED, [NOT_DISRUPTIVE]))
    (change,) = night(db)
    confirm(db, change.id, "Bea Reviewer")
    fail(db, PROTOCOL, 500)
    upsert_councils(db, [WELSH, Council(code="NOP", name="Nopublish Borough Council", nation="England",
                                        website="http://127.0.0.1:9/")])
    for activity in ACTIVITIES:
        verdict = PERMISSION if activity == FILMING else ALLOWED
        publish(db, "WLS", PolicyEntry(activity, verdict, (CHAIR_CONSENT,) if activity == FILMING else (),
                                       (Evidence(WELSH_CLAUSE, 4, "http://127.0.0.1:9/cy/standing-orders.pdf"),)),
                None, "Cai Reviewer", NOW)
    return db


@pytest.fixture
def site(store, tmp_path) -> Path:
    publish_site(store, tmp_path / "site", now=NOW)
    return tmp_path / "site"


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_every_code_of_the_taxonomy_has_plain_words_and_every_nation_its_law():
    assert set(ACTIVITY_WORDS) == set(ACTIVITIES)
    assert set(SHORT) == set(LEAD) == set(MEANING) == set(COUNCIL_VERDICTS)
    assert set(ASKS) | set(STATES) == set(CONDITIONS) and not set(ASKS) & set(STATES)
    assert set(LAW) == set(NATIONS)
    for condition in CONDITIONS:
        assert "_" not in condition_text(FILMING, condition) and "{" not in condition_text(FILMING, condition)


def test_an_answer_is_one_plain_sentence_with_its_conditions():
    assert answer(FILMING, ALLOWED, [NOTICE_REQUESTED, RESPECT_OBJECTORS]) == (
        "You may film the meeting without asking. The council asks you to tell the clerk beforehand (a courtesy, "
        "not a requirement), and not to film members of the public who object.")
    assert answer(FILMING, PERMISSION, [CHAIR_CONSENT, DESIGNATED_AREA]).startswith(
        "You may film the meeting only with permission. The council asks you to get the chair's consent, and to "
        "stay")
    assert answer(FILMING, ALLOWED, [NOT_DISRUPTIVE]).endswith("The council asks you not to disrupt the meeting.")


def test_a_council_page_answers_in_words_with_the_clause_the_checks_the_law_and_the_history(site):
    page = (site / "council" / "TST" / "index.html").read_text(encoding="utf-8")
    assert "You may film the meeting without asking." in page
    assert "The council asks you not to disrupt the meeting." in page
    assert f'<a href="{PROTOCOL}">' in page and CHANGED in page
    assert "Documents last checked" in page and "Bea Reviewer" in page
    assert "could not be fetched at the last check (HTTP 500)" in page and "<strong>failing</strong>" in page
    assert STATUTE_ENGLAND in page and "https://www.legislation.gov.uk/uksi/2014/2095/contents/made" in page
    # The history: the change with the clause before (escaped) and after.
    history = page.split("<h2>Changes</h2>", 1)[1]
    assert "filming: verdict changed" in history and "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in history
    assert history.index("verdict changed") < history.index("first published")
    # Allowed now: no conflict, so no letter.
    assert "conflicts with the law" not in page and not (site / "council" / "TST" / "letter").exists()


def test_an_english_council_in_conflict_is_told_so_and_gets_a_letter(store, tmp_path):
    publish(store, "NOP", PolicyEntry(FILMING, PERMISSION, (CHAIR_CONSENT,), (Evidence(
        HOSTILE, 12, "http://127.0.0.1:9/constitution.pdf"),), conflicts_with_statute=True), None, "Ann", NOW)
    publish_site(store, tmp_path / "site", now=NOW)
    page = (tmp_path / "site" / "council" / "NOP" / "index.html").read_text(encoding="utf-8")
    assert "This conflicts with the law. In England the Openness of Local Government Bodies Regulations" in page
    assert '<a href="http://127.0.0.1:9/constitution.pdf#page=12">' in page
    letter = (tmp_path / "site" / "council" / "NOP" / "letter" / "index.html").read_text(encoding="utf-8")
    assert "To the Monitoring Officer, Nopublish Borough Council" in letter and STATUTE_ENGLAND in letter
    assert "(http://127.0.0.1:9/constitution.pdf, page 12)" in letter and "&lt;script&gt;" in letter
    assert "bring the council&#39;s rules into line" in letter.replace("\n", " ")
    nation = (tmp_path / "site" / "nation" / "england" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../council/NOP/letter/index.html"' in nation


def test_a_welsh_council_has_no_statute_conflict_and_its_nation_law(site):
    page = (site / "council" / "WLS" / "index.html").read_text(encoding="utf-8")
    assert "Cyngor &lt;b&gt;Cymuned&lt;/b&gt; Prawf" in page and "<b>" not in page
    assert "No law gives the public a right to film or record council meetings in Wales" in page
    assert "conflicts with the law" not in page and not (site / "council" / "WLS" / "letter").exists()
    assert 'href="javascript' not in page


def test_every_page_escapes_what_it_shows_and_loads_nothing_from_elsewhere(site):
    pages = {p: p.read_text(encoding="utf-8") for p in site.rglob("*.html")}
    assert len(pages) >= 8
    for path, page in pages.items():
        assert "<img" not in page and "<b>" not in page and 'href="javascript' not in page.lower(), path
        assert page.count("<script") == page.count('<script src="'), path  # no inline script
        assert "style=" not in page, path  # no inline style: the CSP allows the site's CSS file only
        for link in ('<link rel="stylesheet" href="', '<script src="'):
            for start in (i + len(link) for i in range(len(page)) if page.startswith(link, i)):
                assert not page[start:start + 8].startswith(("http", "//")), path


def test_the_home_page_lists_every_council_a_to_z_and_the_search_index_has_them(site):
    home = (site / "index.html").read_text(encoding="utf-8")
    index = json.loads((site / "search.json").read_text(encoding="utf-8"))
    codes = {c["code"] for c in index["councils"]}
    assert codes == {"TST", "WLS", "NOP"}
    for code in codes:
        assert f'href="council/{code}/index.html"' in home
        assert (site / "council" / code / "index.html").is_file()
    assert "2 of 3 councils have a published answer" in home


def test_councils_csv_answers_the_newsroom_question_in_one_filter(site):
    rows = {r["council_code"]: r for r in read_csv(site / "councils.csv")}
    assert list(read_csv(site / "councils.csv")[0]) == [c.name for c in COUNCIL_COLUMNS]
    welsh_chair = [r["council_code"] for r in rows.values() if r["nation"] == WALES
                   and r["filming_chair_consent"] == "yes"]
    assert welsh_chair == ["WLS"]
    tst = rows["TST"]
    assert (tst["filming"], tst["filming_not_disruptive"], tst["filming_chair_consent"]) == (ALLOWED, "yes", "no")
    assert (tst["filming_previous"], tst["filming_changed_on"]) == (PERMISSION, tst["last_reviewed"][:10])
    assert tst["last_reviewer"] == "Bea Reviewer" and tst["source_failing"] == "yes" and tst["corrected"] == "no"
    assert tst["sources"] == PROTOCOL and tst["last_checked"] == NOW
    assert rows["NOP"]["published"] == "no" and rows["NOP"]["filming"] == ""


def test_changes_csv_and_json_hold_every_change_with_before_after_and_reviewer(site):
    rows = read_csv(site / "changes.csv")
    assert list(rows[0]) == [c.name for c in CHANGE_COLUMNS]
    filming = [r for r in rows if r["council_code"] == "TST" and r["activity"] == FILMING]
    assert [(r["kind"], r["verdict_before"], r["verdict_after"], r["reviewer"]) for r in filming] == [
        ("verdict changed", PERMISSION, ALLOWED, "Bea Reviewer"), ("first published", "", PERMISSION, "Ann Reviewer")]
    assert (filming[0]["clause_before"], filming[0]["clause_after"]) == (HOSTILE, CHANGED)
    document = json.loads((site / "changes.json").read_text(encoding="utf-8"))
    assert len(document["changes"]) == len(rows) == 4 + 1 + 4  # TST first + its change, WLS first
    assert document["licence"]["id"] == "CC-BY-4.0"


def test_data_md_explains_every_column_of_every_csv(site):
    dictionary = (site / "DATA.md").read_text(encoding="utf-8")
    for name in ("councils.csv", "changes.csv", "published.csv"):
        for column in (site / name).read_text(encoding="utf-8").splitlines()[0].split(","):
            assert f"| `{column}` |" in dictionary, (name, column)


def test_datapackage_is_a_valid_frictionless_package_that_the_csvs_satisfy(site):
    report = frictionless.validate(str(site / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    package = json.loads((site / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["path"] for r in package["resources"]] == ["councils.csv", "changes.csv", "published.csv"]


def test_a_datapackage_that_lies_about_a_csv_fails_validation(site):
    """The validation above can fail: a column the package says is yes/no but holds a verdict."""
    package = json.loads((site / "datapackage.json").read_text(encoding="utf-8"))
    fields = package["resources"][0]["schema"]["fields"]
    next(f for f in fields if f["name"] == FILMING).update(type="boolean", trueValues=["yes"], falseValues=["no"])
    (site / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    assert not frictionless.validate(str(site / "datapackage.json")).valid


def test_feeds_are_atom_with_an_entry_per_change(site):
    everything = ET.parse(site / "feed.xml").getroot()
    assert everything.tag == f"{ATOM}feed"
    entries = everything.findall(f"{ATOM}entry")
    assert len(entries) == 9 and entries[0].find(f"{ATOM}updated").text >= entries[-1].find(f"{ATOM}updated").text
    one = ET.parse(site / "council" / "TST" / "feed.xml").getroot()
    titles = [e.find(f"{ATOM}title").text for e in one.findall(f"{ATOM}entry")]
    assert titles[0] == "Testshire County Council, filming: verdict changed (Ask first -> Yes)" and len(titles) == 5
    summary = one.find(f"{ATOM}entry").find(f"{ATOM}summary").text
    assert HOSTILE in summary and CHANGED in summary  # as text: ElementTree escaped it in the file
    assert "<script>" not in (site / "council" / "TST" / "feed.xml").read_text(encoding="utf-8")
    ids = {e.find(f"{ATOM}id").text for e in entries}
    assert len(ids) == len(entries) and all(i.startswith("urn:uuid:") for i in ids)


def test_entry_ids_stay_the_same_from_one_publication_to_the_next(store, tmp_path):
    def ids() -> list[str]:
        root = ET.parse(tmp_path / "site" / "feed.xml").getroot()
        return [e.find(f"{ATOM}id").text for e in root.findall(f"{ATOM}entry")]

    publish_site(store, tmp_path / "site", now=NOW)
    first = ids()
    publish_site(store, tmp_path / "site", now="2026-12-01T02:30:00+00:00")
    assert ids() == first


def test_publishing_replaces_only_a_publication_and_leaves_no_scratch_folder(store, tmp_path):
    out = tmp_path / "site"
    publish_site(store, out, now=NOW)
    assert read_marker(out)["published"] == 2 and (out / MARKER).is_file()
    (out / "stale.html").write_text("from an earlier publication", encoding="utf-8")
    publish_site(store, out, now=NOW)
    assert not (out / "stale.html").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site.new-")] == []
    old_export = tmp_path / "export"  # what `ocm export` wrote before the site: replaced
    old_export.mkdir()
    for name in ("published.csv", "published.json", "LICENCE.md", "index.html"):
        (old_export / name).write_text("old", encoding="utf-8")
    publish_site(store, old_export, now=NOW)
    assert (old_export / "council" / "TST" / "index.html").is_file()
    home = tmp_path / "home"
    home.mkdir()
    (home / "thesis.tex").write_text("months of work", encoding="utf-8")
    with pytest.raises(NotAPublication, match="holds other files"):
        publish_site(store, home, now=NOW)
    assert (home / "thesis.tex").read_text(encoding="utf-8") == "months of work"


def test_a_failure_while_writing_keeps_the_previous_publication_whole(store, tmp_path, monkeypatch):
    out = tmp_path / "site"
    publish_site(store, out, now=NOW)
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("publish.build.write_site", broken)
    with pytest.raises(OSError, match="No space left"):
        publish_site(store, out, now="2026-12-01T02:30:00+00:00")
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site.new-")] == []


def test_ocm_publish_command_and_a_clean_error_for_a_folder_of_other_files(store, db_path, tmp_path):
    out = tmp_path / "public"
    result = CliRunner().invoke(main, ["publish", "--db", str(db_path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Published 2 council(s) with an answer (8 verdict(s)), 1 without one yet" in result.output
    assert (out / "council" / "TST" / "index.html").is_file() and (out / "councils.csv").is_file()
    result = CliRunner().invoke(main, ["publish", "--db", str(db_path), "--out", str(tmp_path)])
    assert result.exit_code == 1 and "Error:" in result.output and "is not replaced" in result.output


def test_the_store_shows_the_answers_in_force_in_its_current_verdicts_view(store, db_path):
    import asyncio

    import datasette.app

    from publish.datasette import metadata

    rows = list(store["current_verdicts"].rows)
    assert len(rows) == 2 * len(ACTIVITIES)  # TST and WLS, once per activity, though TST's filming changed
    tst = next(r for r in rows if (r["council"], r["activity"]) == ("TST", FILMING))
    assert (tst["verdict"], tst["reviewer"], tst["council_name"]) == (ALLOWED, "Bea Reviewer",
                                                                      "Testshire County Council")

    async def served() -> tuple[int, int]:
        server = datasette.app.Datasette([str(db_path)], metadata=metadata(db_path.stem))
        await server.invoke_startup()
        response = await server.client.get(f"/{db_path.stem}/current_verdicts.json?_shape=array")
        return response.status_code, len(response.json())

    assert asyncio.run(served()) == (200, len(rows))


def test_a_local_council_names_its_principal_council_and_why_it_cannot_be_read(store, tmp_path):
    registry = tmp_path / "registry.csv"
    registry.write_text(
        "local_authority_code,name,nation,website,gss_code,nice_name,tier,parent,no_website_reason\n"
        "TST,Testshire County Council,England,http://127.0.0.1:9/,E10000099,Testshire,,,\n"
        "NOP,Nopublish Parish Council,England,,,Nopublish,local,TST,the parish council has no website\n",
        encoding="utf-8")
    publish_site(store, tmp_path / "site", registry=registry, now=NOW)
    page = (tmp_path / "site" / "council" / "NOP" / "index.html").read_text(encoding="utf-8")
    assert 'A local council in the area of <a href="../../council/TST/index.html">Testshire</a>.' in page
    assert "We cannot read this council's rules: the parish council has no website." in page
    rows = {r["council_code"]: r for r in read_csv(tmp_path / "site" / "councils.csv")}
    assert (rows["NOP"]["tier"], rows["NOP"]["parent_code"], rows["TST"]["gss_code"]) == ("local", "TST", "E10000099")
    index = json.loads((tmp_path / "site" / "search.json").read_text(encoding="utf-8"))
    assert next(c for c in index["councils"] if c["code"] == "NOP")["place"] == "Nopublish Testshire"
    # Listed under its principal council, not on the A to Z (12,000 local councils would swamp it).
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert 'href="council/NOP/index.html"' not in home and 'href="council/TST/index.html"' in home
    assert "1 local council (parish, town and community councils) is listed on the\npage of the council of its area" \
        in home
    principal = (tmp_path / "site" / "council" / "TST" / "index.html").read_text(encoding="utf-8")
    assert '<a href="local/index.html">The 1 parish, town and community council in its area</a>' in principal
    listed = (tmp_path / "site" / "council" / "TST" / "local" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../../NOP/index.html">Nopublish Borough Council</a>' in listed


def test_the_site_is_served_on_loopback_with_its_own_404_page(site):
    import threading
    import urllib.error
    import urllib.request

    from publish.serve import site_server

    server = site_server(site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_port}"
    try:
        assert server.server_address[0] == "127.0.0.1"
        with urllib.request.urlopen(f"{base}/council/TST/") as response:
            assert response.headers["Content-Type"] == "text/html; charset=utf-8"
            assert "<h1>Testshire County Council</h1>" in response.read().decode("utf-8")
        with urllib.request.urlopen(f"{base}/feed.xml") as response:
            assert response.headers["Content-Type"] == "application/atom+xml"
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(f"{base}/council/NOPE/")
        assert missing.value.code == 404 and "Page not found" in missing.value.read().decode("utf-8")
        missing.value.close()
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_the_clause_shown_first_is_the_one_that_decides_the_answer(store, tmp_path):
    supporting = "Council meetings are open to the public, except when confidential information is discussed."
    deciding = "Members of the public may film any meeting which is open to the public."
    publish(store, "NOP", PolicyEntry(FILMING, ALLOWED, (), (
        Evidence(supporting, 1, "http://127.0.0.1:9/p", verdict=ALLOWED),
        Evidence(deciding, 1, "http://127.0.0.1:9/p", verdict=ALLOWED, decides=True))), None, "Ann", NOW)
    publish_site(store, tmp_path / "site", now=NOW)
    page = (tmp_path / "site" / "council" / "NOP" / "index.html").read_text(encoding="utf-8")
    said = page.split("What the council's document says", 1)[1]
    assert said.index(deciding) < said.index(supporting)
