"""The registry loader: every council of the bundled registry (TOML), CSV registries, and clear errors."""

from __future__ import annotations

import csv
import datetime as dt
import re

import pytest
from scrapy.settings import Settings

from registry import (
    ACTIVE,
    DEFAULT_REGISTRY,
    PRINCIPAL,
    RETIRED,
    MalformedEntry,
    RegistryError,
    UnknownCouncil,
    find_council,
    load_registry,
)
from registry.build import build
from registry.entry import dump_entry
from registry.loader import read_entry
from registry.schema import validator
from rules.taxonomy import NATIONS
from spiders.loader import CouncilSpiderLoader

COLUMNS = ["name", "nice_name", "local_authority_code", "gss_code", "nation", "region", "type", "tier",
           "principal_council", "website", "democracy_url", "democracy_url_source", "platform", "documents"]


def write(path, rows):
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c, "") for c in COLUMNS})
    return path


def documented_counts() -> tuple[int, dict[str, int]]:
    """How many councils registry/SOURCES.md says the bundled registry has, in all and by nation: "382 current UK
    principal councils (England 317, Wales 22, ...)"."""
    text = (DEFAULT_REGISTRY.parent / "SOURCES.md").read_text(encoding="utf-8")
    found = re.search(r"(\d+) current UK principal councils \(([^)]*)\)", text)
    assert found, "registry/SOURCES.md no longer says how many councils the registry has"
    return int(found[1]), {nation: int(count) for nation, count in re.findall(r"([A-Z][A-Za-z ]*?) (\d+)", found[2])}


def test_bundled_registry_has_every_uk_principal_council():
    councils, errors = load_registry(DEFAULT_REGISTRY)
    assert errors == []
    total, nations = documented_counts()
    assert set(nations) == set(NATIONS)
    current = [c for c in councils if c.status == ACTIVE and c.tier == PRINCIPAL]
    assert len(current) == total
    assert {n: sum(c.nation == n for c in current) for n in NATIONS} == nations
    lincoln = find_council(councils, "lic")
    assert lincoln.name == "City of Lincoln Council"


def test_documents_column_and_start_urls(tmp_path):
    path = write(tmp_path / "r.csv", [{"name": "A Council", "local_authority_code": "AAA", "nation": "England",
                                       "website": "https://a.gov.uk/", "democracy_url": "https://democracy.a.gov.uk",
                                       "documents": "https://a.gov.uk/so.pdf https://a.gov.uk/protocol"}])
    (council,), errors = load_registry(path)
    assert errors == []
    assert council.documents == ("https://a.gov.uk/so.pdf", "https://a.gov.uk/protocol")
    assert council.start_urls[0] == "https://a.gov.uk/so.pdf"


@pytest.mark.parametrize("row, message", [
    ({"name": "No code", "nation": "England", "website": "https://x.gov.uk"}, "no local_authority_code"),
    ({"name": "Bad", "local_authority_code": "BAD", "nation": "Atlantis", "website": "https://x.gov.uk"},
     "unknown nation"),
    ({"name": "Ftp", "local_authority_code": "FTP", "nation": "Wales", "website": "ftp://x.gov.uk"}, "not an http"),
    ({"name": "Nowhere", "local_authority_code": "NOW", "nation": "Scotland"},
     "no website, democracy_url or documents to crawl"),
])
def test_malformed_rows_are_reported_and_the_rest_load(tmp_path, row, message):
    good = {"name": "Good", "local_authority_code": "GOD", "nation": "England", "website": "https://g.gov.uk"}
    councils, errors = load_registry(write(tmp_path / "r.csv", [row, good]))
    assert [c.code for c in councils] == ["GOD"]
    assert len(errors) == 1 and message.split()[-1] in str(errors[0])


def test_duplicate_codes_are_reported(tmp_path):
    row = {"name": "Twice", "local_authority_code": "TWO", "nation": "England", "website": "https://t.gov.uk"}
    councils, errors = load_registry(write(tmp_path / "r.csv", [row, row]))
    assert len(councils) == 1 and "duplicate" in str(errors[0])


def test_unusable_files_raise_registry_error(tmp_path):
    with pytest.raises(RegistryError, match="cannot read"):
        load_registry(tmp_path / "missing.csv")
    (tmp_path / "cols.csv").write_text("foo,bar\n1,2\n")
    with pytest.raises(RegistryError, match="missing column"):
        load_registry(tmp_path / "cols.csv")
    with pytest.raises(UnknownCouncil):
        find_council([], "XYZ")


# --- The TOML registry: one file per council ------------------------------------------------------------

GOOD_ENTRY = '''code = "GOD"
name = "Good Council"
nation = "England"
website = "https://good.gov.uk/"
documents = ["https://good.gov.uk/filming-protocol"]
status = "active"
'''


def toml_registry(tmp_path, **files):
    directory = tmp_path / "councils"
    directory.mkdir()
    (directory / "GOD.toml").write_text(GOOD_ENTRY)
    for name, text in files.items():
        (directory / f"{name}.toml").write_text(text)
    return directory


def test_bundled_registry_is_one_toml_file_per_council_in_canonical_form():
    files = sorted(DEFAULT_REGISTRY.glob("*.toml"))
    councils, _errors = load_registry(DEFAULT_REGISTRY)
    assert DEFAULT_REGISTRY.is_dir() and [p.stem for p in files] == sorted(c.code for c in councils)
    for path in files[:40]:
        assert dump_entry(read_entry(path)) == path.read_text(), f"{path.name} is not in the form build.py writes"


def test_schema_nations_and_statuses_are_the_taxonomy_constants():
    properties = validator().schema["properties"]
    assert tuple(properties["nation"]["enum"]) == NATIONS
    assert tuple(properties["status"]["enum"]) == (ACTIVE, RETIRED)


def test_toml_entry_loads_every_field(tmp_path):
    retired = GOOD_ENTRY.replace("GOD", "OLD").replace('"active"', '"retired"') + (
        'retired_reason = "Merged into Newshire Council"\nretired_on = 2023-04-01\n'
        'spider = "spiders.councils.old.OldSpider"\n')
    councils, errors = load_registry(toml_registry(tmp_path, OLD=retired))
    assert errors == []
    by_code = {c.code: c for c in councils}
    assert by_code["GOD"].documents == ("https://good.gov.uk/filming-protocol",)
    assert by_code["GOD"].start_urls == ("https://good.gov.uk/filming-protocol", "https://good.gov.uk/")
    old = by_code["OLD"]
    assert (old.status, old.retired_reason, old.retired_on) == (RETIRED, "Merged into Newshire Council",
                                                                dt.date(2023, 4, 1))
    assert old.spider == "spiders.councils.old.OldSpider"


def test_retired_councils_load_but_are_not_crawled(tmp_path):
    retired = GOOD_ENTRY.replace("GOD", "OLD").replace('"active"', '"retired"') + (
        'retired_reason = "Abolished"\nretired_on = 2023-04-01\n')
    loader = CouncilSpiderLoader(Settings({"OCM_REGISTRY": str(toml_registry(tmp_path, OLD=retired)),
                                           "SPIDER_MODULES": []}))
    assert "GOD" in loader.list() and "OLD" not in loader.list()


@pytest.mark.parametrize("name, text, message", [
    ("BAD", 'code = "BAD"\nname = "Unclosed\n', "invalid TOML"),
    ("NAT", GOOD_ENTRY.replace("GOD", "NAT").replace("England", "Atlantis"), "nation: 'Atlantis' is not one of"),
    ("TYP", GOOD_ENTRY.replace("GOD", "TYP").replace("website", "webiste"), "'webiste' was unexpected"),
    ("URL", GOOD_ENTRY.replace("GOD", "URL").replace("https://good.gov.uk/\"", "https:///nohost\""),
     "website: not an http(s) URL with a host"),
    ("DOC", GOOD_ENTRY.replace("GOD", "DOC").replace("https://good.gov.uk/filming", "ftp://good.gov.uk/filming"),
     "documents.0: 'ftp://good.gov.uk/filming-protocol' does not match"),
    ("MIS", GOOD_ENTRY, "code 'GOD' does not match the file name MIS.toml"),
    ("RET", GOOD_ENTRY.replace("GOD", "RET").replace('"active"', '"retired"'), "'retired_reason' is a required"),
    ("DAT", GOOD_ENTRY.replace("GOD", "DAT").replace('"active"', '"retired"')
     + 'retired_reason = "Merged"\nretired_on = "April 2023"\n', "'April 2023' is not a 'date'"),
    ("ACT", GOOD_ENTRY.replace("GOD", "ACT") + 'retired_reason = "Merged"\n', "only a retired council has one"),
])
def test_a_bad_toml_file_is_reported_and_the_rest_load(tmp_path, name, text, message):
    councils, errors = load_registry(toml_registry(tmp_path, **{name: text}))
    assert [c.code for c in councils] == ["GOD"]
    assert len(errors) == 1 and isinstance(errors[0], MalformedEntry)
    assert f"{name}.toml" in str(errors[0]) and message in str(errors[0])


def test_an_empty_registry_directory_is_unusable(tmp_path):
    with pytest.raises(RegistryError, match="no \\*.toml entries"):
        load_registry(tmp_path)


def test_build_refreshes_from_csv_and_keeps_what_maintainers_own(tmp_path):
    rows = [{"name": "A Council", "local_authority_code": "AAA", "nation": "England", "website": "https://a.gov.uk/"},
            {"name": "B Council", "local_authority_code": "BBB", "nation": "Wales", "website": "https://b.gov.wales/"}]
    out = tmp_path / "councils"
    assert build(write(tmp_path / "r.csv", rows), out).written == ["AAA", "BBB"]
    entry = out / "AAA.toml"
    entry.write_text(entry.read_text().replace("documents = []", 'documents = ["https://a.gov.uk/so.pdf"]'))
    rows[0]["website"] = "https://www.a.gov.uk/"
    result = build(write(tmp_path / "r.csv", rows[:1]), out)
    assert result.written == ["AAA"] and result.missing_from_csv == ["BBB"]
    (council,) = [c for c in load_registry(out)[0] if c.code == "AAA"]
    assert council.website == "https://www.a.gov.uk/" and council.documents == ("https://a.gov.uk/so.pdf",)
