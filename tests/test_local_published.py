"""A local council with no website: the store keeps why, no reviewer is asked about it, and the published data
says `unknown` with that reason for every activity, never `not_stated`."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from click.testing import CliRunner

from cli import main
from publish.build import publish_site
from registry import LOCAL, PRINCIPAL, Council
from review.changes import detect_changes
from review.coverage import coverage
from rules.taxonomy import ACTIVITIES, NOT_STATED, UNKNOWN
from store.councils import council_rows, upsert_councils
from store.flags import list_flags
from store.runs import finish_run, start_run
from tests.test_changes import NOW, PROTOCOL, findings, store_text

REASON = "the parish council publishes no website; its clerk posts notices on the village noticeboard"
PARENT = Council(code="TSD", name="Testshire District Council", nation="England", website="http://127.0.0.1:9/",
                 tier=PRINCIPAL)
PARISH = Council(code="E04990003", name="Cold Harrowby Parish Meeting", nation="England", tier=LOCAL, parent="TSD",
                 no_website_reason=REASON)


def councils_csv(path: Path) -> dict[str, dict[str, str]]:
    with (path / "councils.csv").open(newline="", encoding="utf-8") as handle:
        return {row["council_code"]: row for row in csv.DictReader(handle)}


def test_the_store_keeps_tier_parent_and_why_a_council_has_no_website(db):
    upsert_councils(db, [PARENT, PARISH])
    rows = {row["code"]: row for row in council_rows(db)}
    assert (rows[PARISH.code]["tier"], rows[PARISH.code]["parent"], rows[PARISH.code]["no_website_reason"]) == (
        LOCAL, "TSD", REASON)
    assert (rows["TSD"]["tier"], rows["TSD"]["parent"], rows["TSD"]["no_website_reason"]) == (PRINCIPAL, None, None)


def test_a_council_with_no_website_is_published_unknown_with_its_reason(db, tmp_path):
    upsert_councils(db, [PARENT, PARISH])
    assert detect_changes(db, [PARISH.code], None, NOW, gone_after=3) == []  # nothing for a reviewer
    assert list_flags(db, None) == []
    publish_site(db, tmp_path / "site", now=NOW)
    rows = councils_csv(tmp_path / "site")
    parish, parent = rows[PARISH.code], rows[PARENT.code]
    assert [parish[a] for a in ACTIVITIES] == [UNKNOWN] * len(ACTIVITIES)
    assert parish["unknown_reason"] == REASON and parish["published"] == "no"
    assert NOT_STATED not in parish.values()
    assert [parent[a] for a in ACTIVITIES] == [""] * len(ACTIVITIES) and parent["unknown_reason"] == ""
    page = (tmp_path / "site" / "council" / PARISH.code / "index.html").read_text(encoding="utf-8")
    assert REASON in page


def test_status_counts_councils_by_tier_and_nation_and_says_why_one_has_no_policy(db, db_path):
    welsh = Council(code="W04990001", name="Llanfair Dyfnant Community Council", nation="Wales", tier=LOCAL,
                    parent="PEM", website="https://llanfairdyfnant-cc.cymru/")
    tst = Council(code="TST", name="Testshire County Council", nation="England", website="http://127.0.0.1:9/")
    upsert_councils(db, [tst, PARENT, PARISH, welsh])
    store_text(db, PROTOCOL, "Filming is permitted.", findings())  # TST's policy found
    finish_run(db, start_run(db, "nightly", 4), "finished")
    rows = {(c.tier, c.nation): c for c in coverage(db)}
    assert list(rows) == [(PRINCIPAL, "England"), (LOCAL, "England"), (LOCAL, "Wales")]
    assert (rows[PRINCIPAL, "England"].councils, rows[PRINCIPAL, "England"].policy_found) == (2, 1)
    assert (rows[LOCAL, "England"].councils, rows[LOCAL, "England"].no_website) == (1, 1)
    assert rows[LOCAL, "Wales"].councils == 1 and rows[LOCAL, "Wales"].no_website == 0
    result = CliRunner().invoke(main, ["status", "--db", str(db_path)], catch_exceptions=False)
    table = result.output.split("Councils by tier and nation:")[1].split("\n\n")[0].splitlines()[1:]
    assert [line.split()[:3] for line in table] == [
        ["tier", "nation", "councils"], ["principal", "England", "2"], ["local", "England", "1"],
        ["local", "Wales", "1"], ["local", "all", "2"], ["all", "all", "4"]]
    assert f"{PARISH.code} {PARISH.name}: no website: {REASON}" in result.output
    data = CliRunner().invoke(main, ["status", "--db", str(db_path), "--json"]).output
    assert {(c["tier"], c["nation"], c["councils"]) for c in json.loads(data)["coverage"]} == {
        (PRINCIPAL, "England", 2), (LOCAL, "England", 1), (LOCAL, "Wales", 1)}
