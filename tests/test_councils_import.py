"""`ocm councils import`: local councils from WhatDoTheyKnow's authorities and the ONS parish lookup, joined to
their principal councils, idempotent, retiring what no source lists, reporting bad rows one by one."""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from registry import ACTIVE, DEFAULT_REGISTRY, LOCAL, PRINCIPAL, RETIRED, find_council, load_registry
from registry.check import registry_problems
from registry.importer import DEFUNCT, NO_LONGER_LISTED, import_source

OPENDATA = Path(__file__).parent / "fixtures" / "opendata"
WDTK_FILE = OPENDATA / "all-authorities.csv"
ONS_2023 = OPENDATA / "ons-parishes-2023.csv"
ONS_2024 = OPENDATA / "ons-parishes-2024.csv"
EXPECTED = json.loads((OPENDATA / "expected.json").read_text(encoding="utf-8"))
DAY = dt.date(2026, 12, 5)


def rows(path: Path) -> list[dict[str, str]]:
    """A fixture's rows, with the cells a short row lacks as empty strings."""
    reader = csv.DictReader(path.read_text(encoding="utf-8").splitlines(), restval="")
    return list(reader)


def ons_parishes(path: Path) -> dict[str, dict[str, str]]:
    """The well-formed parish rows of an ONS fixture, by code, read with the csv module."""
    year = next(c for c in rows(path)[0] if c.startswith("PAR"))[3:5]
    principal = {c.gss_code: c.code for c in load_registry()[0]}
    return {r[f"PAR{year}CD"]: {**r, "parent": principal.get(r[f"LAD{year}CD"], "")} for r in rows(path)
            if r[f"PAR{year}CD"][:3] in ("E04", "W04") and r[f"PAR{year}NM"] and r[f"LAD{year}CD"]
            and r[f"PAR{year}CD"][3:].isdigit()}


@pytest.fixture
def registry(tmp_path) -> Path:
    path = tmp_path / "registry"
    shutil.copytree(DEFAULT_REGISTRY, path)
    return path


def ocm_import(path: Path, source: str, registry: Path, *more: str):
    return CliRunner().invoke(main, ["councils", "import", str(path), "--source", source, "--registry", str(registry),
                                     *more])


def local(path: Path) -> dict[str, object]:
    councils, errors = load_registry(path)
    assert errors == []
    return {c.code: c for c in councils if c.tier == LOCAL}


def files(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((path / "local").glob("*.csv"))}


def test_ons_places_every_parish_in_its_principal_councils_area(registry):
    result = import_source(ONS_2023, "ons", registry, today=DAY)
    parishes = ons_parishes(ONS_2023)
    placed = {code: row for code, row in parishes.items() if row["parent"]}
    placed.update({code: {**row, "parent": "BAB"} for code, row in parishes.items() if row["LAD23NM"] == "Babergh"})
    councils = local(registry)
    assert set(councils) == set(placed) and sorted(result.added) == sorted(placed)
    for code, row in placed.items():
        council = councils[code]
        assert (council.parent, council.name, council.gss_code, council.status) == (row["parent"], row["PAR23NM"],
                                                                                     code, ACTIVE)
        assert council.nation == ("Wales" if code.startswith("W") else "England")
        assert council.tier == LOCAL and council.listed_by == ("ons",)
        assert council.no_website_reason == "no website listed by the ONS parish lookup" and not council.website
    assert result.other_rows == EXPECTED["ons_unparished"]
    assert len(result.problems) == EXPECTED["ons_malformed"]
    assert registry_problems(registry)[1] == []
    principal = [c for c in load_registry(registry)[0] if c.tier == PRINCIPAL]
    assert len(principal) == len(load_registry()[0])


def test_malformed_rows_are_reported_one_by_one_with_their_lines(registry):
    result = import_source(ONS_2023, "ons", registry, today=DAY)
    lines = [int(p.where.rsplit(":", 1)[1]) for p in result.problems]
    assert lines == sorted(lines) and all(p.where.startswith(str(ONS_2023)) for p in result.problems)
    said = " | ".join(map(str, result.problems))
    for words in ("'E04ABCDEF'", "no parish name", "Atlantis", "cells"):
        assert words in said
    wdtk = import_source(WDTK_FILE, "wdtk", registry, today=DAY)
    by_id = {r["Internal ID"]: n + 2 for n, r in enumerate(rows(WDTK_FILE))}
    malformed = {f"{WDTK_FILE}:{by_id[i]}" for i in EXPECTED["malformed"]}
    assert malformed <= {p.where for p in wdtk.problems}
    ambiguous = [p for p in wdtk.problems if "local councils have this name" in p.problem]
    assert len(ambiguous) == EXPECTED["ambiguous"]
    assert len(wdtk.problems) == len(malformed) + len(ambiguous)


def test_wdtk_adds_names_websites_and_codes_to_the_parishes(registry):
    import_source(ONS_2023, "ons", registry, today=DAY)
    result = import_source(WDTK_FILE, "wdtk", registry, today=DAY)
    councils = local(registry)
    listed = {r["URL name"]: r for r in rows(WDTK_FILE) if "gss:" in r["Tags"] and "defunct" not in r["Tags"]
              and r["Internal ID"] not in EXPECTED["malformed"]
              and any(t in r["Tags"].split() for t in ("parish_council", "town_council", "community_council"))}
    assert listed
    for url_name, row in listed.items():
        code = next(t[4:] for t in row["Tags"].split() if t.startswith("gss:"))
        council = councils[code]
        assert (council.name, council.wdtk_url_name, council.website) == (row["Name"], url_name, row["Home page"])
        assert council.listed_by == ("ons", "wdtk")
        if not row["Home page"]:
            assert council.no_website_reason == "no website listed by the ONS parish lookup or WhatDoTheyKnow"
    matched_by_name = [code for code in EXPECTED["without_code"] if councils[code].wdtk_url_name]
    assert matched_by_name and len(matched_by_name) == len(EXPECTED["without_code"]) - EXPECTED["ambiguous"]
    assert result.principal_rows == EXPECTED["principal"] and result.other_rows == EXPECTED["other"]
    (defunct,) = EXPECTED["defunct"]
    assert (councils[defunct].status, councils[defunct].retired_reason, councils[defunct].retired_on) == (
        RETIRED, DEFUNCT, DAY)
    assert result.retired == [defunct] and result.added == []


def test_importing_twice_changes_nothing(registry):
    for path, source in ((ONS_2023, "ons"), (WDTK_FILE, "wdtk")):
        import_source(path, source, registry, today=DAY)
    before = files(registry)
    for path, source in ((ONS_2023, "ons"), (WDTK_FILE, "wdtk")):
        again = import_source(path, source, registry, today=DAY + dt.timedelta(days=30))
        assert again.added == again.updated == [] and again.files_written == 0
        assert len(again.unchanged) == len(local(registry))
    assert files(registry) == before


def test_a_council_no_source_lists_any_more_is_retired_never_deleted(registry):
    import_source(ONS_2023, "ons", registry, today=DAY)
    later = DAY + dt.timedelta(days=365)
    result = import_source(ONS_2024, "ons", registry, today=later)
    councils = local(registry)
    gone = EXPECTED["gone_in_2024"]
    assert sorted(result.retired) == sorted(gone)
    for code in gone:
        assert (councils[code].status, councils[code].retired_reason, councils[code].retired_on) == (
            RETIRED, NO_LONGER_LISTED, later)
    (moved, parent), = EXPECTED["moved_in_2024"].items()
    assert councils[moved].parent == parent and councils[moved].status == ACTIVE
    placed = {code for code, row in ons_parishes(ONS_2023).items() if row["parent"] or row["LAD23NM"] == "Babergh"}
    assert placed - set(gone) == {c for c, v in councils.items() if v.status == ACTIVE}
    back = import_source(ONS_2023, "ons", registry, today=later)
    assert sorted(back.reactivated) == sorted(gone)
    assert all(local(registry)[code].status == ACTIVE for code in gone)


def test_a_council_another_source_still_lists_stays_active(registry):
    for path, source in ((ONS_2023, "ons"), (WDTK_FILE, "wdtk"), (ONS_2024, "ons")):
        import_source(path, source, registry, today=DAY)
    councils = local(registry)
    for code in EXPECTED["gone_in_2024"]:
        if "wdtk" in councils[code].listed_by:
            assert councils[code].status == ACTIVE and councils[code].listed_by == ("wdtk",)


def test_a_maintainers_documents_and_retirement_survive_an_import(registry):
    import_source(ONS_2023, "ons", registry, today=DAY)
    area = registry / "local" / "WLI.csv"
    lines = area.read_text(encoding="utf-8").splitlines()
    first, second = (line.split(",") for line in lines[1:3])
    first[7] = "https://example.org/standing-orders.pdf"
    first[6] = ""
    second[8:11] = [RETIRED, "merged with its neighbour by order of the district", "2025-04-01"]
    area.write_text("\n".join([lines[0], ",".join(first), ",".join(second), *lines[3:]]) + "\n", encoding="utf-8")
    import_source(ONS_2023, "ons", registry, today=DAY)
    import_source(WDTK_FILE, "wdtk", registry, today=DAY)
    councils = local(registry)
    assert councils[first[0]].documents == ("https://example.org/standing-orders.pdf",)
    assert councils[second[0]].status == RETIRED
    assert councils[second[0]].retired_reason == "merged with its neighbour by order of the district"


def test_tags_choose_which_rows_are_local_councils(registry):
    import_source(ONS_2023, "ons", registry, today=DAY)
    result = import_source(WDTK_FILE, "wdtk", registry, tags=("town_council",), today=DAY)
    towns = [r for r in rows(WDTK_FILE) if "town_council" in r["Tags"].split()]
    too_short = [r for r in rows(WDTK_FILE) if not r["Tags"] and r["Internal ID"] in EXPECTED["malformed"]]
    assert result.other_rows == len(rows(WDTK_FILE)) - len(towns) - len(too_short)  # a short row is a problem
    assert {c.type for c in local(registry).values() if c.wdtk_url_name} == {"town council"}


def test_a_registry_that_does_not_load_cleanly_is_refused(registry):
    (registry / "LIC.toml").write_text('code = "LIC"\n', encoding="utf-8")
    before = files(registry)
    result = ocm_import(ONS_2023, "ons", registry)
    assert result.exit_code == 1 and "malformed" in result.output and "Nothing imported" in result.output
    assert files(registry) == before


@pytest.mark.parametrize("source, header", [
    ("wdtk", "Internal ID,Name,URL name,Tags\n"),
    ("ons", "PARCD,PARNM,LADCD\n"),
])
def test_a_file_of_another_shape_is_a_clean_error(registry, tmp_path, source, header):
    path = tmp_path / "wrong.csv"
    path.write_text(header + "1,2,3,4\n", encoding="utf-8")
    result = ocm_import(path, source, registry)
    assert result.exit_code == 1 and "Nothing imported" in result.output
    assert not (registry / "local").exists()


def test_any_edition_year_of_the_ons_lookup(registry, tmp_path):
    text = ONS_2023.read_text(encoding="utf-8").replace("PAR23", "PAR21").replace("LAD23", "LAD21")
    (tmp_path / "ons21.csv").write_text(text, encoding="utf-8")
    assert len(import_source(tmp_path / "ons21.csv", "ons", registry).added) == len(local(registry)) > 0


def test_the_command_reports_each_skipped_row_and_exits_1(registry):
    first = ocm_import(ONS_2023, "ons", registry)
    assert first.exit_code == 1
    skipped = [line for line in first.stderr.splitlines() if line.startswith("skipped ")]
    assert len(skipped) == EXPECTED["ons_malformed"]
    assert f"{len(local(registry))} added" in first.stdout
    as_json = ocm_import(WDTK_FILE, "wdtk", registry, "--json")
    report = json.loads(as_json.stdout)
    assert report["retired"] == EXPECTED["defunct"]
    assert len(report["problems"]) == len(EXPECTED["malformed"]) + EXPECTED["ambiguous"]
    assert find_council(load_registry(registry)[0], EXPECTED["defunct"][0]).status == RETIRED


def test_the_command_offers_every_source_and_lists_by_tier_and_parent(registry):
    from registry.opendata import SOURCES

    runner = CliRunner()
    help_text = runner.invoke(main, ["councils", "import", "--help"]).output
    assert all(source in help_text for source in SOURCES)
    runner.invoke(main, ["councils", "import", str(ONS_2023), "--source", "ons", "--registry", str(registry)])
    councils = local(registry)
    listed = runner.invoke(main, ["councils", "list", "--registry", str(registry), "--tier", "local", "--parent",
                                  "pem", "--json"])
    assert [c["code"] for c in json.loads(listed.output)] == sorted(c for c, v in councils.items() if v.parent == "PEM")
    principal = runner.invoke(main, ["councils", "list", "--registry", str(registry), "--tier", "principal"])
    assert principal.output.strip().endswith(f"{len(load_registry()[0])} council(s).")


def test_a_home_page_written_without_its_scheme_is_crawlable(registry, tmp_path):
    import_source(ONS_2023, "ons", registry, today=DAY)
    code = next(iter(ons_parishes(ONS_2023)))
    path = tmp_path / "all-authorities.csv"
    path.write_text("Internal ID,Name,Short name,URL name,Tags,Home page,Publication scheme,Disclosure log\n"
                    f"7,Bare Host Parish Council,,bare_host_parish_council,parish_council gss:{code},"
                    "www.barehost-pc.org.uk,,\n", encoding="utf-8")
    result = import_source(path, "wdtk", registry, today=DAY)
    assert result.problems == [] and local(registry)[code].website == "http://www.barehost-pc.org.uk"
