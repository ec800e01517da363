"""The house style's checks: ruff lints everything, mypy type-checks the packages."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          check=False)


def test_ruff_is_clean():
    result = run("ruff", "check", ".", "--output-format", "concise")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_is_clean():
    result = run("mypy")  # the packages listed under [tool.mypy] files in pyproject.toml
    assert result.returncode == 0, result.stdout + result.stderr
