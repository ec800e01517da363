"""Classifier speed: MB/s on one core, side by side with a naive baseline (one regex per activity).

Run: .venv/bin/python -m bench.classify_speed [--repeat N] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import constitution, policy_dense
from rules import CLASSIFIER_VERSION, classify

# The naive baseline: what a first attempt does, one regex per activity over the whole text.
NAIVE = {
    "filming": re.compile(r"film|video", re.I),
    "audio_recording": re.compile(r"audio|sound record|record", re.I),
    "photography": re.compile(r"photograph|camera", re.I),
    "social_media": re.compile(r"social media|tweet|blog|twitter", re.I),
}


def naive(text: str) -> dict[str, bool]:
    """The baseline: does each activity's word occur at all (no verdict, no scope, no evidence)."""
    return {activity: bool(pattern.findall(text)) for activity, pattern in NAIVE.items()}


def cpu_seconds(func: Callable[[str], object], text: str, repeat: int) -> float:
    """Best of `repeat` runs, in CPU seconds of this process (one core)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        func(text)
        best = min(best, time.process_time() - start)
    return best


def measure(repeat: int) -> dict[str, Any]:
    """Both corpora, both classifiers, in the same run."""
    corpora = {"constitution_400_pages": constitution(400), "policy_dense_1MB": policy_dense(1_000_000)}
    measured: dict[str, dict[str, float]] = {}
    for name, text in corpora.items():
        mb = len(text.encode("utf-8")) / 1e6
        ours, base = cpu_seconds(classify, text, repeat), cpu_seconds(naive, text, repeat)
        measured[name] = {
            "megabytes": round(mb, 3), "classify_seconds": round(ours, 4), "classify_mb_s": round(mb / ours, 2),
            "naive_seconds": round(base, 4), "naive_mb_s": round(mb / base, 2),
            "slowdown_vs_naive": round(ours / base, 2),
        }
    return {"classifier_version": CLASSIFIER_VERSION, "repeat": repeat, "corpora": measured}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", type=Path, help="Also write the results here.")
    args = parser.parse_args()
    results = measure(args.repeat)
    print(f"classifier {results['classifier_version']}, best of {args.repeat}, CPU seconds on one core")
    print(f"{'corpus':<24}{'MB':>7}{'classify s':>12}{'MB/s':>8}{'naive s':>10}{'MB/s':>8}{'x naive':>9}")
    for name, r in results["corpora"].items():
        print(f"{name:<24}{r['megabytes']:>7}{r['classify_seconds']:>12}{r['classify_mb_s']:>8}"
              f"{r['naive_seconds']:>10}{r['naive_mb_s']:>8}{r['slowdown_vs_naive']:>9}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
