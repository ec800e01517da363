"""The nightly benchmark runs end to end on a tiny sample (3 councils, small PDFs, no urlwatch)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.e2e
def test_nightly_bench_writes_results(tmp_path: Path) -> None:
    out = tmp_path / "nightly.json"
    done = subprocess.run(
        [sys.executable, "-m", "bench.nightly", "--councils", "3", "--no-urlwatch", "--max-pdf-pages", "20",
         "--cache", str(tmp_path / "pdfs"), "--json", str(out), "--repeat", "2"],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    results = json.loads(out.read_text())
    assert {"date", "machine", "settings", "sampleweb", "runs", "ratios", "targets", "projection"} <= set(results)
    assert set(results["runs"]) == {"ours_cold", "ours_unchanged", "floor", "floor_unchanged"}
    assert results["skipped"] == {"urlwatch": "--no-urlwatch"}
    for run in results["runs"].values():
        assert run["exit_code"] == 0
        assert {"wall_s", "cpu_s", "peak_rss_mb", "documents_per_s", "pdf_pages_per_s"} <= set(run)
    cold = results["runs"]["ours_cold"]
    assert cold["documents"] > 0 and cold["pdf_pages"] > 0
    assert cold["documents"] == results["runs"]["floor"]["documents"]
    # The unchanged floor asks for the same documents with their ETags, as our unchanged night does.
    unchanged, floor_unchanged = results["runs"]["ours_unchanged"], results["runs"]["floor_unchanged"]
    assert floor_unchanged["documents"] == unchanged["documents"] == cold["documents"]
    assert floor_unchanged["status"].get("304") == unchanged["status"].get("304") > 0
    # Unchanged nights run in rounds, the median counts.
    assert results["repeat"] == 2 and len(unchanged["wall_s_runs"]) == len(floor_unchanged["wall_s_runs"]) == 2
    assert unchanged["wall_s"] == min(unchanged["wall_s_runs"])
    assert results["ratios"]["ours_cold_over_floor_wall_s"] is not None
    assert {"cold night", "unchanged night"} <= set(results["projection"]["nights"])


@pytest.mark.e2e
def test_discovery_cost_bench_writes_results(tmp_path: Path) -> None:
    out = tmp_path / "discovery_cost.json"
    done = subprocess.run([sys.executable, "-m", "bench.discovery_cost", "--runs", "1", "--json", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    results = json.loads(out.read_text())
    from sampleweb.realistic import COUNCILS

    assert set(results["councils"]) == {c.code for c in COUNCILS if c.policy}
    # Scored, best first, discovery reaches every policy within the budget, in fewer requests than breadth-first.
    assert results["ours"]["not_found"] == 0
    assert results["ours"]["median"] < results["breadth_first"]["median"]
    assert "breadth_first" in done.stdout.replace("breadth-first", "breadth_first")
