"""The registry benchmark runs end to end on a small registry, and its large side holds what was asked."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from registry import DEFAULT_REGISTRY, LOCAL, load_registry
from registry.check import registry_problems

ROOT = Path(__file__).resolve().parent.parent


def test_generated_local_councils_make_a_clean_registry(tmp_path):
    from bench.registry import build_registry

    principal = len(load_registry(DEFAULT_REGISTRY)[0])
    total = build_registry(tmp_path / "large", principal + 500)
    councils, problems = registry_problems(tmp_path / "large")
    assert problems == [] and len(councils) == total == principal + 500
    local = [c for c in councils if c.tier == LOCAL]
    assert {c.nation for c in local} == {"England", "Wales"}
    assert sum(bool(c.no_website_reason) for c in local) == len(local) // 10


@pytest.mark.e2e
def test_registry_bench_writes_results(tmp_path):
    out = tmp_path / "registry.json"
    done = subprocess.run([sys.executable, "-m", "bench.registry", "--councils", "1000", "--runs", "1",
                           "--json", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    results = json.loads(out.read_text())
    assert results["large"]["councils"] == 1000
    assert results["bundled"]["councils"] == len(load_registry(DEFAULT_REGISTRY)[0])
    assert set(results["ratios"]) >= {"load_s", "load_cpu_s", "check_wall_s", "check_peak_rss_mb"}
    assert results["import"]["first_import_added"] == 1000 - results["bundled"]["councils"]
    assert results["import"]["again_added"] == 0
