"""The `ocm` command in-process: review verbs, clean errors, and every command and setting documented."""

from __future__ import annotations

import csv
import re

import click
import pytest
from click.testing import CliRunner

import settings
from cli import main
from review.changes import detect_changes
from tests.conftest import ROOT
from tests.test_changes import NOW, PROTOCOL, findings, store_text


@pytest.fixture
def flagged(db, council, db_path):
    store_text(db, PROTOCOL, "Filming is permitted.", findings())
    (flag_id,) = detect_changes(db, ["TST"], None, NOW, gone_after=3)
    return flag_id


def ocm(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_review_list_show_confirm(flagged, db_path):
    listed = ocm("review", "list", "--db", str(db_path))
    assert listed.exit_code == 0
    assert f"#{flagged}" in listed.output and "new_council" in listed.output and "TST" in listed.output
    shown = ocm("review", "show", str(flagged), "--db", str(db_path))
    assert "Testshire County Council" in shown.output and "Filming is permitted." in shown.output
    assert f"ocm review confirm {flagged}" in shown.output
    confirmed = ocm("review", "confirm", str(flagged), "--reviewer", "Ann", "--db", str(db_path))
    assert confirmed.exit_code == 0 and f"Confirmed #{flagged}" in confirmed.output
    assert "No pending flags." in ocm("review", "list", "--db", str(db_path)).output
    again = ocm("review", "confirm", str(flagged), "--db", str(db_path))
    assert again.exit_code == 1 and f"Error: flag #{flagged} is already confirmed" in again.output


def test_reject_needs_a_note_and_unknown_flags_are_a_clean_error(flagged, db_path):
    assert ocm("review", "reject", str(flagged), "--db", str(db_path)).exit_code == 2
    missing = ocm("review", "show", "999", "--db", str(db_path))
    assert missing.exit_code == 1 and missing.output.strip() == "Error: no flag #999"
    rejected = ocm("review", "reject", str(flagged), "--note", "webcast only", "--db", str(db_path))
    assert rejected.exit_code == 0 and f"Rejected #{flagged}" in rejected.output


def test_review_commands_can_be_scoped_to_a_registry(flagged, db_path, tmp_path):
    other = tmp_path / "other.csv"
    with other.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", "local_authority_code", "nation", "website"])
        writer.writerow(["Other Council", "OTH", "Wales", "https://other.gov.wales/"])
    assert "No pending flags." in ocm("review", "list", "--registry", str(other), "--db", str(db_path)).output
    refused = ocm("review", "confirm", str(flagged), "--registry", str(other), "--db", str(db_path))
    assert refused.exit_code == 1 and "not in the given registry" in refused.output


def test_a_broken_store_is_a_clean_error(tmp_path):
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"this is not a database" * 100)
    result = ocm("review", "list", "--db", str(broken))
    assert result.exit_code == 1 and result.output.startswith("Error: cannot open store")


def _commands(group: click.Group, prefix: str = "ocm") -> list[tuple[str, click.Command]]:
    found = []
    for name, command in group.commands.items():
        path = f"{prefix} {name}"
        found.append((path, command))
        if isinstance(command, click.Group):
            found += _commands(command, path)
    return found


def test_every_command_has_a_summary_and_an_example_and_is_documented():
    docs = (ROOT / "README.md").read_text() + "".join(p.read_text() for p in (ROOT / "docs").glob("*.md"))
    for path, command in _commands(main):
        assert command.get_short_help_str(), f"{path} has no one-line summary"
        if not isinstance(command, click.Group):
            assert "Example:" in (command.help or ""), f"{path} has no example in its help"
        words = path.split()[1:]
        assert re.search(r"ocm " + r"\s+".join(map(re.escape, words)) + r"\b", docs), f"{path} is undocumented"


def test_the_commands_the_docs_say_take_db_are_those_that_do():
    """README.md and docs/architecture.md name the commands that take `--db`: exactly those, groups for all theirs."""
    takes = {path.split(" ", 1)[1] for path, command in _commands(main) if not isinstance(command, click.Group)
             and any("--db" in getattr(p, "opts", ()) for p in command.params)}
    readme = (ROOT / "README.md").read_text().split("take `--db PATH`", 1)[1].split("Crawling commands", 1)[0]
    row = next(line for line in (ROOT / "docs" / "architecture.md").read_text().splitlines()
               if line.startswith("| `cli/` |")).split("take `--db PATH`", 1)[1].split(";", 1)[0]
    for said in (readme, row):
        named = {name.rstrip(" .") for name in re.findall(r"`([a-z ]+(?: \.\.\.)?)`", said)}
        covers = {command for command in takes for name in named if command == name or command.startswith(name + " ")}
        assert covers == takes and all(any(c == n or c.startswith(n + " ") for c in takes) for n in named), said


def test_every_project_setting_is_documented():
    docs = (ROOT / "docs" / "running-nightly.md").read_text()
    for name in dir(settings):
        if name.startswith("OCM_"):
            assert f"`{name}`" in docs, f"setting {name} is not in docs/running-nightly.md"


def test_importing_the_command_loads_no_heavy_dependency() -> None:
    """Each worker process imports `cli` again (multiprocessing's spawn re-imports the main module): it must not
    load what only commands use, such as the registry's jsonschema, the store or APScheduler."""
    import subprocess
    import sys

    probe = "import sys, cli; print(sorted({'jsonschema', 'sqlite_utils', 'apscheduler', 'scrapy'} & set(sys.modules)))"
    loaded = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "[]"


def test_a_malformed_share_setting_is_a_usage_error(db_path) -> None:
    result = CliRunner().invoke(main, ["crawl", "--db", str(db_path), "-s", "OCM_CRAWL_SHARE=3/2@1"])
    assert result.exit_code == 2 and "OCM_CRAWL_SHARE must look like 2/2@<parent pid>" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
