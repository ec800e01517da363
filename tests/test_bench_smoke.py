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
def test_nightly_bench_serves_local_councils_and_counts_review_decisions(tmp_path: Path) -> None:
    """At small scale, the shape of the 12,000-council run: local councils as virtual hosts, a whole night (crawl
    and change detection), the store's size, and the review decisions, where the model text is one."""
    out = tmp_path / "nightly.json"
    done = subprocess.run(
        [sys.executable, "-m", "bench.nightly", "--councils", "14", "--principal", "2", "--no-urlwatch",
         "--no-floor", "--max-pdf-pages", "20", "--cache", str(tmp_path / "pdfs"), "--json", str(out),
         "--repeat", "1", "--keep", str(tmp_path / "work")],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    results = json.loads(out.read_text())
    served = results["sampleweb"]
    assert served["tiers"] == {"principal": 2, "local": 12}
    assert results["skipped"] == {"urlwatch": "--no-urlwatch", "floor": "--no-floor"}
    cold, unchanged = results["runs"]["ours_cold"], results["runs"]["ours_unchanged"]
    assert cold["exit_code"] == unchanged["exit_code"] == 0
    # Every council with a website and a policy stored a document; those without one are not asked for anything.
    stored = results["runs"]["ours_cold"]["run"]["councils"]
    assert stored == served["councils"] and cold["documents"] >= served["councils"] - served["local_cases"].get(
        "no_website", 0)
    assert cold["store_mb"] > 0 and unchanged["store_mb"] >= cold["store_mb"]
    # The councils that adopted the model word for word wait on one decision; the others each on their own.
    review = cold["review"]
    model = served["local_cases"].get("model", 0)
    assert model >= 3, "the sample has too few model councils to show grouping"
    assert review["flags_pending"] - review["decisions"] >= model - 2  # one decision per nation's model at most
    assert unchanged["review"] == review  # an unchanged night raises nothing new
    assert results["memory"]["peak_rss_mb"] == max(cold["peak_rss_mb"], unchanged["peak_rss_mb"])
    assert results["projection"]["councils_projected"] == 12_000


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


@pytest.mark.e2e
def test_publish_bench_writes_results(tmp_path: Path) -> None:
    out = tmp_path / "publish.json"
    done = subprocess.run([sys.executable, "-m", "bench.publish", "--small", "20", "--large", "60", "--repeat", "1",
                           "--json", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    results = json.loads(out.read_text())
    assert (results["small"]["councils"], results["large"]["councils"]) == (20, 60)
    for run in (results["small"], results["large"]):
        assert run["seconds"] > 0 and run["total_mb"] > 0 and run["files"] > run["councils"]
        assert run["published_rows"] >= 4 * run["councils"] and run["largest_council_page_kb"] > 0
    assert results["per_council_ratio"] > 0 and results["linear"].startswith(("yes", "no"))
