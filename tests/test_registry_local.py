"""Local councils in a registry directory: local/<PARENT>.csv, each row checked as an entry of the schema."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import fastjsonschema
import pytest

from registry import DEFAULT_REGISTRY, LOCAL, PRINCIPAL, find_council, load_registry
from registry.check import registry_problems
from registry.local import COLUMNS, area_text, entry_from_row, read_area
from registry.schema import plain, quick_check, validator

FIXTURE = Path(__file__).parent / "fixtures" / "registry" / "local"


def fixture_rows() -> dict[str, list[dict[str, str]]]:
    """The fixture's rows by parent, read with the csv module (not the code under test)."""
    return {path.stem: list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))
            for path in sorted(FIXTURE.glob("*.csv"))}


@pytest.fixture
def registry(tmp_path) -> Path:
    """A copy of the bundled registry with the fixture's local councils."""
    path = tmp_path / "registry"
    shutil.copytree(DEFAULT_REGISTRY, path)
    shutil.copytree(FIXTURE, path / "local")
    return path


def test_local_councils_load_beside_the_principal_ones(registry):
    principal, _ = load_registry(DEFAULT_REGISTRY)
    councils, errors = load_registry(registry)
    assert errors == []
    rows = fixture_rows()
    local = [c for c in councils if c.tier == LOCAL]
    assert len(local) == sum(map(len, rows.values()))
    assert len(councils) == len(principal) + len(local)
    assert {c.tier for c in councils if c not in local} == {PRINCIPAL}
    for parent, parent_rows in rows.items():
        for row in parent_rows:
            council = find_council(councils, row["code"])
            assert (council.parent, council.name, council.status) == (parent, row["name"], row["status"])
            assert council.website == row["website"]
            assert council.no_website_reason == row["no_website_reason"]
            assert council.listed_by == tuple(row["listed_by"].split())


def test_principal_councils_keep_their_area_tier():
    councils, _ = load_registry(DEFAULT_REGISTRY)
    assert {c.tier for c in councils} == {PRINCIPAL}
    assert find_council(councils, "LIC").principal_tier == "lower (district)"


def test_a_malformed_row_is_reported_with_its_line_and_the_others_load(registry):
    area = registry / "local" / "WLI.csv"
    lines = area.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace("England", "Atlantis").replace("https://www.", "ftp://www.")
    lines[3] = lines[3].replace("no website listed by ONS or WhatDoTheyKnow", "")
    area.write_text("\n".join(lines) + "\n", encoding="utf-8")
    councils, errors = load_registry(registry)
    assert [e.source for e in errors] == [f"{area}:3", f"{area}:4"]
    assert any("nation" in p for p in errors[0].problems) and any("website" in p for p in errors[0].problems)
    assert "no website, democracy_url or documents to crawl" in str(errors[1])
    assert len([c for c in councils if c.tier == LOCAL]) == sum(map(len, fixture_rows().values())) - 2


def test_a_website_and_a_reason_for_having_none_contradict(registry):
    area = registry / "local" / "PEM.csv"
    text = area.read_text(encoding="utf-8").replace(",,no website listed", ",https://porth.cymru/,no website listed")
    area.write_text(text, encoding="utf-8")
    _, errors = load_registry(registry)
    assert ["only a council without a website has one" in str(e) for e in errors] == [True]


def test_check_names_a_parent_that_is_no_principal_council(registry):
    shutil.copy(registry / "local" / "PEM.csv", registry / "local" / "NOPE.csv")
    text = (registry / "local" / "NOPE.csv").read_text(encoding="utf-8").replace("W0499", "W0498")
    text = text.replace("_council,", "_council_2,")  # their own WhatDoTheyKnow names
    (registry / "local" / "NOPE.csv").write_text(text, encoding="utf-8")
    _, problems = registry_problems(registry)
    assert problems == [f"{code}: parent NOPE is no principal council of the registry"
                        for code in ("W04980001", "W04980002")]


def test_check_names_two_councils_with_one_whatdotheyknow_name(registry):
    area = registry / "local" / "PEM.csv"
    area.write_text(area.read_text(encoding="utf-8").replace("porth_gwenlli_town_council",
                                                             "llanfair_dyfnant_community_council"), encoding="utf-8")
    _, problems = registry_problems(registry)
    assert problems == ["duplicate wdtk_url_name llanfair_dyfnant_community_council: W04990001, W04990002"]


def test_an_unknown_column_is_a_problem_not_silently_dropped(registry):
    area = registry / "local" / "PEM.csv"
    text = area.read_text(encoding="utf-8").splitlines()
    text = [text[0] + ",clerk_email"] + [line + ",clerk@example.org" for line in text[1:]]
    area.write_text("\n".join(text) + "\n", encoding="utf-8")
    councils, errors = load_registry(registry)
    assert [e.source for e in errors] == [str(area)]
    assert "unknown column(s) clerk_email" in str(errors[0])
    assert not [c for c in councils if c.parent == "PEM"]
    assert [c for c in councils if c.parent == "WLI"]


def test_written_area_reads_back_the_same():
    for path in sorted(FIXTURE.glob("*.csv")):
        entries = [entry for entry, _, _ in read_area(path)]
        assert area_text(entries) == path.read_text(encoding="utf-8")
        row = dict(zip(COLUMNS, [""] * len(COLUMNS), strict=True))
        assert entry_from_row({**row, "code": "X"}, path.stem) == {"code": "X", "tier": LOCAL, "parent": path.stem}


def quick_and_full_agree(entry: dict) -> bool:
    try:
        quick_check()(entry)
        quick = True
    except fastjsonschema.JsonSchemaValueException:
        quick = False
    return quick == validator().is_valid(entry)


MUTATIONS = [("code", "lic"), ("code", 7), ("name", ""), ("nation", "Atlantis"), ("tier", "parish"),
             ("website", "ftp://x.org"), ("website", ["https://x.org"]), ("documents", ["https://a.uk", "https://a.uk"]),
             ("documents", "https://a.uk"), ("status", "gone"), ("retired_on", "2023-02-30"),
             ("retired_on", "1 April 2023"), ("gss_code", "E0700013"), ("parent", "wli"), ("listed_by", ["ons", "x"]),
             ("listed_by", ["ons", "ons"]), ("wdtk_url_name", "Bad Name"), ("no_website_reason", ""),
             ("spider", "nodots"), ("colour", "blue")]


def test_the_quick_schema_check_agrees_with_jsonschema(registry):
    """The compiled schema (fastjsonschema) that loading relies on says valid exactly when jsonschema does."""
    from registry.loader import read_entry

    entries = [read_entry(p) for p in sorted(DEFAULT_REGISTRY.glob("*.toml"))]
    entries += [entry for path in sorted(FIXTURE.glob("*.csv")) for entry, _, _ in read_area(path)]
    entries = [plain(e) for e in entries]
    assert all(quick_and_full_agree(e) for e in entries) and all(validator().is_valid(e) for e in entries)
    retired = {**entries[0], "status": "retired", "retired_reason": "Merged", "retired_on": "2023-04-01"}
    local = next(e for e in entries if e.get("tier") == LOCAL)
    for base in (entries[0], retired, local):
        for field, value in MUTATIONS:
            assert quick_and_full_agree({**base, field: value}), (field, value)
    for missing in ("code", "name", "nation", "status", "parent", "retired_on"):
        for base in (retired, local):
            assert quick_and_full_agree({k: v for k, v in base.items() if k != missing}), missing
    assert not validator().is_valid({**entries[0], "parent": "WLI"})  # only a local council has a parent
