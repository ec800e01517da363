"""`ocm councils`: list, show and check the registry; `add` scaffolds a council whose test fails until finished."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from registry import ACTIVE, RETIRED, load_registry
from tests.conftest import ROOT

# What a scaffolded council's test needs from the checkout (the registry, spiders and what they import).
COPY_IGNORE = shutil.ignore_patterns(".venv", "data", "tests", "bench", "sampleweb", "__pycache__", "*.egg-info",
                                     ".pytest_cache", ".git", ".mypy_cache", ".ruff_cache", "*.db")


def ocm(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_list_filters_and_json():
    councils, _errors = load_registry()
    welsh = ocm("councils", "list", "--nation", "wales", "--json")
    assert welsh.exit_code == 0
    assert [c["code"] for c in json.loads(welsh.output)] == [c.code for c in councils if c.nation == "Wales"]
    cmis = ocm("councils", "list", "--platform", "CMIS", "--status", "active")
    expected = [c for c in councils if c.platform == "CMIS" and c.status == ACTIVE]
    assert cmis.exit_code == 0 and expected and cmis.output.strip().endswith(f"{len(expected)} council(s).")
    retired = ocm("councils", "list", "--status", "retired").output.strip()
    assert retired == f"{sum(c.status == RETIRED for c in councils)} council(s)."


def test_show_one_council_and_unknown_codes_are_a_clean_error():
    shown = ocm("councils", "show", "lic")
    assert shown.exit_code == 0
    assert "name: City of Lincoln Council" in shown.output and "gss_code: E07000138" in shown.output
    assert json.loads(ocm("councils", "show", "LIC", "--json").output)["platform"] == "ModernGov"
    missing = ocm("councils", "show", "ZZZ")
    assert missing.exit_code == 1 and missing.output.strip() == "Error: no council 'ZZZ' in the registry"


def test_check_passes_on_the_bundled_registry_and_lists_each_problem(tmp_path):
    councils, _errors = load_registry()
    assert ocm("councils", "check").output.strip() == f"{len(councils)} council(s), no problems."
    bad = tmp_path / "councils"
    shutil.copytree(ROOT / "registry" / "councils", bad)
    lic = bad / "LIC.toml"
    broken = lic.read_text().replace('"England"', '"Atlantis"')
    lic.write_text(broken.replace("http://www.lincoln", "http//www"))  # a malformed URL in the file; no request
    (bad / "NOT.toml").write_text((bad / "ADU.toml").read_text())
    result = CliRunner().invoke(main, ["councils", "check", "--registry", str(bad)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert any("LIC.toml: nation: 'Atlantis'" in line for line in lines)
    assert any("LIC.toml: website:" in line for line in lines)
    assert any("NOT.toml: code 'ADU' does not match the file name NOT.toml" in line for line in lines)
    assert f"3 problem(s); {len(councils) - 1} council(s) load." in result.stderr  # all but LIC (and NOT)


def test_check_finds_duplicate_gss_codes(tmp_path):
    bad = tmp_path / "councils"
    shutil.copytree(ROOT / "registry" / "councils", bad)
    (bad / "LIC.toml").write_text((bad / "LIC.toml").read_text().replace("E07000138", "E07000223"))
    result = ocm("councils", "check", "--registry", str(bad))
    assert result.exit_code == 1 and "duplicate gss_code E07000223: ADU, LIC" in result.output


@pytest.fixture
def checkout(tmp_path) -> Path:
    """A temporary copy of the checkout's code and registry, for `add` to write into."""
    copy = tmp_path / "checkout"
    shutil.copytree(ROOT, copy, ignore=COPY_IGNORE)
    return copy


def run_pytest(checkout: Path, test: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(test)],
                          cwd=checkout, env=env, capture_output=True, text=True, timeout=120, check=False)


def add(checkout: Path, *extra: str):
    return ocm("councils", "add", "xyz", "--name", "Xyzshire Council", "--nation", "England",
               "--website", "https://www.xyz.gov.uk/", "--root", str(checkout), *extra)


@pytest.mark.e2e  # runs the scaffolded test with pytest, four times, in a copy of the checkout
def test_add_scaffolds_a_council_whose_test_fails_until_the_fixture_is_saved(checkout):
    result = add(checkout, "--platform", "other/Custom HTML", "--spider")
    assert result.exit_code == 0, result.output
    entry = checkout / "registry" / "councils" / "XYZ.toml"
    test = checkout / "tests" / "councils" / "test_xyz.py"
    fixture = checkout / "tests" / "fixtures" / "councils" / "xyz.html"
    spider = checkout / "spiders" / "councils" / "xyz.py"
    assert all(str(p) in result.output for p in (entry, test, fixture, spider))
    (council,) = [c for c in load_registry(entry.parent)[0] if c.code == "XYZ"]
    assert council.spider == "spiders.councils.xyz.XyzSpider" and council.status == "active"
    assert 'name = "XYZ"' in spider.read_text() and "parse_page(response)" in spider.read_text()

    placeholder = run_pytest(checkout, test)
    assert placeholder.returncode == 1
    assert "is still the placeholder: save the council's page https://www.xyz.gov.uk/" in placeholder.stdout

    fixture.write_text('<html><body><a href="/council/filming-and-recording-at-meetings">Filming and recording '
                       'at meetings</a> <a href="/docs/standing-orders.pdf">Standing Orders</a></body></html>')
    empty = run_pytest(checkout, test)
    assert empty.returncode == 1 and "EXPECTED_DOCUMENTS is empty" in empty.stdout

    expected = ('    "https://www.xyz.gov.uk/council/filming-and-recording-at-meetings",\n'
                '    "https://www.xyz.gov.uk/docs/standing-orders.pdf",\n')
    test.write_text(test.read_text().replace("EXPECTED_DOCUMENTS: list[str] = [\n",
                                             "EXPECTED_DOCUMENTS: list[str] = [\n" + expected))
    passed = run_pytest(checkout, test)
    assert passed.returncode == 0, passed.stdout + passed.stderr

    test.write_text(test.read_text().replace("standing-orders.pdf", "not-linked.pdf"))
    missed = run_pytest(checkout, test)
    assert missed.returncode == 1 and "does not request ['https://www.xyz.gov.uk/docs/not-linked.pdf']" \
        in missed.stdout


def test_add_without_a_spider_tests_the_base_spider_on_the_constitution_index(checkout):
    result = add(checkout, "--platform", "ModernGov", "--democracy-url", "https://democracy.xyz.gov.uk",
                 "--document", "https://www.xyz.gov.uk/filming")
    assert result.exit_code == 0, result.output
    assert not (checkout / "spiders" / "councils" / "xyz.py").exists()
    test = (checkout / "tests" / "councils" / "test_xyz.py").read_text()
    assert "from spiders.moderngov import ModernGovSpider as Spider" in test  # its platform's base spider
    assert 'FIXTURE_URL = "https://democracy.xyz.gov.uk/mgGeneric.aspx?MD=mgconstitution"' in test
    (council,) = [c for c in load_registry(checkout / "registry" / "councils")[0] if c.code == "XYZ"]
    assert council.documents == ("https://www.xyz.gov.uk/filming",) and not council.spider


def test_add_refuses_to_overwrite_and_to_write_an_invalid_entry(checkout):
    assert add(checkout).exit_code == 0
    again = add(checkout)
    assert again.exit_code == 1 and "already scaffolded, not overwriting" in again.output
    taken = ocm("councils", "add", "LIC", "--name", "Lincoln", "--nation", "England", "--website",
                "https://lincoln.gov.uk/", "--root", str(checkout))
    assert taken.exit_code == 1 and "LIC.toml" in taken.output
    invalid = ocm("councils", "add", "QQQ", "--name", "Qqq", "--nation", "Atlantis", "--website", "www.abc.uk",
                  "--root", str(checkout))
    assert invalid.exit_code == 1
    assert "nation: 'Atlantis' is not one of" in invalid.output and "website:" in invalid.output
    assert not (checkout / "registry" / "councils" / "QQQ.toml").exists()
    assert not (checkout / "tests" / "councils" / "test_qqq.py").exists()
