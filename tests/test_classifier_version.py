"""The classifier version is a digest of the rules: it changes whenever they do, and only then."""

from __future__ import annotations

import shutil
from pathlib import Path

from rules import CLASSIFIER_VERSION, classify
from rules.version import NOT_RULES, RULES_DIR, rules_digest


def copy_rules(tmp_path: Path) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(RULES_DIR, target, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def test_the_version_in_force_is_the_digest_of_the_rules_as_they_are():
    assert CLASSIFIER_VERSION == f"rules-{rules_digest()}"
    assert classify("Filming is permitted.").version == CLASSIFIER_VERSION


def test_changing_any_rule_changes_the_version(tmp_path):
    rules = copy_rules(tmp_path)
    assert rules_digest(rules) == rules_digest()
    for module in sorted(p.name for p in rules.glob("*.py") if p.name not in NOT_RULES):
        path = rules / module
        original = path.read_text(encoding="utf-8")
        path.write_text(original.replace("(", "( ", 1), encoding="utf-8")
        assert rules_digest(rules) != rules_digest(), f"editing {module} left the version unchanged"
        path.write_text(original, encoding="utf-8")
    (rules / "new_rules.py").write_text("EXTRA = 1\n", encoding="utf-8")
    assert rules_digest(rules) != rules_digest(), "a new rule module left the version unchanged"


def test_scoring_and_output_code_and_line_endings_leave_the_version_alone(tmp_path):
    rules = copy_rules(tmp_path)
    for module in NOT_RULES:
        (rules / module).write_text("# edited\n", encoding="utf-8")
    path = rules / "taxonomy.py"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))  # a Windows checkout
    assert rules_digest(rules) == rules_digest()
