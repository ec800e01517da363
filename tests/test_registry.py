"""The registry loader: every council of the bundled registry, and clear errors for malformed rows."""

from __future__ import annotations

import csv

import pytest

from registry import DEFAULT_REGISTRY, RegistryError, UnknownCouncil, find_council, load_registry

COLUMNS = ["name", "nice_name", "local_authority_code", "gss_code", "nation", "region", "type", "tier",
           "principal_council", "website", "democracy_url", "democracy_url_source", "platform", "documents"]


def write(path, rows):
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c, "") for c in COLUMNS})
    return path


def test_bundled_registry_has_every_uk_principal_council():
    councils, errors = load_registry(DEFAULT_REGISTRY)
    assert errors == []
    assert len(councils) == 382
    by_nation = {n: sum(c.nation == n for c in councils) for n in ("England", "Wales", "Scotland", "Northern Ireland")}
    assert by_nation == {"England": 317, "Wales": 22, "Scotland": 32, "Northern Ireland": 11}
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
    ({"name": "Nowhere", "local_authority_code": "NOW", "nation": "Scotland"}, "no website, democracy_url or documents to crawl"),
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
