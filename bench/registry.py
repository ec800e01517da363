"""Registry at scale: loading it and `ocm councils check`, with 12,000 councils beside the bundled principal ones.

The large registry is the bundled one (every principal council) plus generated local councils in its
`local/<PARENT>.csv` files, spread over the English and Welsh principal councils that are not counties, as the
real ~10,000 parishes and ~730 communities are; one in ten has no website (`no_website_reason`). Each side runs
in fresh processes, side by side, several times; the median counts:
- **load**: `load_registry()` in a fresh process (parse, JSON Schema per entry, councils built), timed around the
  call (the modules imported before);
- **check**: `ocm councils check --registry DIR` as a user runs it (Python's start-up included), with peak RSS;
- **import**: `ocm councils import` of an ONS lookup listing the generated local councils into a copy of the bundled
  registry: the first import (every council added) and the same file again (nothing changes), in-process.

Run: .venv/bin/python -m bench.registry [--councils 12000] [--runs 5] [--json bench/results/registry.json]
"""

from __future__ import annotations

import argparse
import csv
import json
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.measure import run_measured  # noqa: E402  # (after the path)
from registry import DEFAULT_REGISTRY, load_registry  # noqa: E402
from registry.importer import import_source  # noqa: E402
from registry.local import write_area  # noqa: E402
from registry.opendata import ONS  # noqa: E402

LOAD = ("import sys, time; sys.path.insert(0, {root!r}); from registry import load_registry; "
        "t, c = time.perf_counter(), time.process_time(); councils, errors = load_registry({path!r}); "
        "print(time.perf_counter() - t, time.process_time() - c, len(councils), len(errors))")
SYLLABLES = ("ash", "brook", "cal", "dun", "elm", "fen", "gate", "holm", "ick", "kirk", "lea", "mar", "nor",
             "over", "pen", "rad", "sand", "thorn", "up", "wick")


def local_entries(count: int) -> dict[str, list[dict[str, Any]]]:
    """``count`` generated local councils, by parent: English and Welsh principal councils that are not counties."""
    councils, _ = load_registry(DEFAULT_REGISTRY)
    parents = [c for c in councils if c.nation in ("England", "Wales") and c.principal_tier != "upper (county)"]
    areas: dict[str, list[dict[str, Any]]] = {p.code: [] for p in parents}
    for i in range(count):
        parent = parents[i % len(parents)]
        prefix = "W" if parent.nation == "Wales" else "E"
        name = "".join(SYLLABLES[(i // 20 ** k) % 20] for k in range(3)).title()
        entry: dict[str, Any] = {"code": f"{prefix}04{900000 + i:06d}", "name": f"{name} Parish Council",
                                 "type": "parish council", "gss_code": f"{prefix}04{900000 + i:06d}",
                                 "nation": parent.nation, "status": "active", "listed_by": ["ons", "wdtk"],
                                 "wdtk_url_name": f"{name.lower()}_parish_council_{i}"}
        if i % 10 == 9:
            entry["no_website_reason"] = "no website listed by the ONS parish lookup or WhatDoTheyKnow"
        else:
            entry["website"] = f"https://{name.lower()}{i}-pc.org.uk/"
        areas[parent.code].append(entry)
    return areas


def build_registry(path: Path, total: int) -> int:
    """The bundled registry at ``path`` with local councils up to ``total`` councils; how many it holds."""
    shutil.copytree(DEFAULT_REGISTRY, path)
    principal = len(load_registry(DEFAULT_REGISTRY)[0])
    for parent, entries in local_entries(max(0, total - principal)).items():
        if entries:
            write_area(path, parent, entries)
    return principal + max(0, total - principal)


def ons_file(path: Path, total: int) -> Path:
    """An ONS parish lookup (PAR23CD, PAR23NM, LAD23CD, LAD23NM) listing the generated local councils."""
    principal = {c.code: c for c in load_registry(DEFAULT_REGISTRY)[0]}
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["PAR23CD", "PAR23NM", "LAD23CD", "LAD23NM"])
        for parent, entries in local_entries(max(0, total - len(principal))).items():
            writer.writerows([e["code"], e["name"].removesuffix(" Parish Council"), principal[parent].gss_code,
                              principal[parent].nice_name] for e in entries)
    return path


def import_seconds(work: Path, total: int) -> dict[str, Any]:
    """Seconds to import the lookup into a fresh copy of the bundled registry, then to import it again."""
    source, registry = ons_file(work / "ons.csv", total), work / "imported"
    shutil.copytree(DEFAULT_REGISTRY, registry)
    timings = {}
    for name in ("first_import_s", "again_s"):
        started = time.perf_counter()
        result = import_source(source, ONS, registry)
        timings[name] = round(time.perf_counter() - started, 2)
        timings[name.replace("_s", "_added")] = len(result.added)
    if timings["again_added"] or result.updated or result.files_written:
        raise SystemExit("importing the same lookup twice changed the registry")
    return timings


def load_seconds(path: Path) -> tuple[float, float, int]:
    """One fresh process's load_registry() wall and CPU seconds, and the councils it loaded (errors fail the
    bench)."""
    out = subprocess.run([sys.executable, "-c", LOAD.format(root=str(ROOT), path=str(path))], capture_output=True,
                         text=True, check=True).stdout.split()
    if int(out[3]):
        raise SystemExit(f"{path}: {out[3]} malformed entries")
    return float(out[0]), float(out[1]), int(out[2])


def check_run(path: Path, work: Path) -> dict[str, Any]:
    measured = run_measured([sys.executable, "-m", "cli", "councils", "check", "--registry", str(path)],
                            env={"PATH": "/usr/bin:/bin"}, cwd=ROOT, log=work / "check.log")
    if measured.exit_code != 0:
        raise SystemExit(f"ocm councils check failed on {path}: see {work / 'check.log'}")
    return {"wall_s": measured.wall_s, "cpu_s": measured.cpu_s, "peak_rss_mb": measured.peak_rss_mb}


def measure(path: Path, runs: int, work: Path) -> dict[str, Any]:
    loads, load_cpu, checks, councils = [], [], [], 0
    for _ in range(runs):
        seconds, cpu, councils = load_seconds(path)
        loads.append(round(seconds, 3))
        load_cpu.append(cpu)
        checks.append(check_run(path, work))
    return {"councils": councils, "load_s": statistics.median(loads), "load_s_runs": loads,
            "load_cpu_s": round(statistics.median(load_cpu), 3),
            "check_wall_s": statistics.median(c["wall_s"] for c in checks),
            "check_cpu_s": statistics.median(c["cpu_s"] for c in checks),
            "check_peak_rss_mb": max(c["peak_rss_mb"] for c in checks),
            "files": len(list(path.glob("*.toml"))) + len(list(path.glob("local/*.csv")))}


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--councils", type=int, default=12000, help="Councils of the large registry.")
    parser.add_argument("--runs", type=int, default=5, help="Runs of each side; the median counts.")
    parser.add_argument("--json", type=Path, help="Write the results here.")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="ocm-bench-registry-") as tmp:
        work = Path(tmp)
        started = time.perf_counter()
        build_registry(work / "large", args.councils)
        built_s = time.perf_counter() - started
        base = measure(DEFAULT_REGISTRY, args.runs, work)
        large = measure(work / "large", args.runs, work)
        imported = import_seconds(work, args.councils)
    ratios = {name: round(large[name] / base[name], 2)
              for name in ("load_s", "load_cpu_s", "check_wall_s", "check_cpu_s", "check_peak_rss_mb")}
    ratios["councils"] = round(large["councils"] / base["councils"], 2)
    results = {"date": time.strftime("%Y-%m-%d"), "machine": {"python": platform.python_version(),
                                                               "cpus": len(__import__("os").sched_getaffinity(0))},
               "runs": args.runs, "generated_s": round(built_s, 2), "bundled": base, "large": large,
               "import": imported,
               "ratios": ratios,
               "per_1000_councils_s": {"load_cpu": round(large["load_cpu_s"] / large["councils"] * 1000, 3)}}
    text = json.dumps(results, indent=2)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    print(text)
    return results


if __name__ == "__main__":
    main()
