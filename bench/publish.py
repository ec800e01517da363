"""Publishing speed: the time to publish the site and dataset of the UK's principal councils (382) and of
12,000 (with the local councils), from synthetic published verdicts, and the output's size. Wall time and CPU
time are both reported, the best of `--repeat` runs: on a shared machine the CPU time is the steadier measure.

Each council gets a published verdict per activity with conditions and a clause of real council wording (the
sample web's texts), a third of them a later change with the clause before and after. Publishing must grow no faster
than linearly: the per-council time of the large run over that of the small one (`per_council_ratio`, and
`per_council_cpu_ratio` of CPU time) stays near 1.

Run: .venv/bin/python -m bench.publish [--small N] [--large 12000] [--json bench/results/publish.json]
"""

from __future__ import annotations

import argparse
import csv
import json
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlite_utils import Database

from bench.corpus import CONTENT, _body
from publish.build import publish_site
from registry import Council, load_registry
from registry.loader import LOCAL
from rules.taxonomy import (
    ACTIVITIES,
    ALLOWED,
    CONDITIONS,
    NOT_STATED,
    NOTICE,
    PERMISSION,
    PROHIBITED,
    conflicts_with_statute,
)
from sampleweb.scale import PRINCIPAL_COUNT
from store import open_db
from store.councils import upsert_councils
from store.db import transaction
from store.policies import publish
from store.records import Evidence, PolicyEntry

QUOTE_FILES = ("gloucestershire-rule-21.txt", "cambridge-filming.txt", "watford-filming-guidance.txt",
               "haringey-filming-notice.txt", "nalc-standing-order-3.txt", "hastings-filming-policy.txt",
               "marlow-filming-protocol.txt", "spelthorne-recording-protocol.txt")
VERDICT_WEIGHTS = ((ALLOWED, 55), (NOTICE, 12), (PERMISSION, 18), (PROHIBITED, 3), (NOT_STATED, 12))
DAY_ONE, DAY_TWO = "2026-11-01T09:00:00+00:00", "2026-11-20T09:00:00+00:00"


def _quotes() -> list[str]:
    """Clauses of real council wording, a few hundred characters each."""
    found = []
    for name in QUOTE_FILES:
        for paragraph in _body(name).split("\n"):
            if 120 <= len(paragraph) <= 900:
                found.append(paragraph)
    if not found:
        raise RuntimeError(f"no clause found in {CONTENT}")
    return found


def synthetic_councils(count: int) -> list[Council]:
    """The registry's councils first (their real names, codes and nations), then made-up local councils, each in
    the area of one of them."""
    registered, _ = load_registry(None)
    councils = sorted(registered, key=lambda c: c.code)[:count]
    principal = list(councils)
    for number in range(len(councils), count):
        parent = principal[number % len(principal)]
        councils.append(Council(code=f"L{number:05d}", name=f"Parish of Example {number}", nation=parent.nation,
                                type="Parish", website=f"https://example{number}.parish.uk/", tier=LOCAL,
                                parent=parent.code))
    return councils


def write_registry(councils: list[Council], path: Path) -> Path:
    """The councils as a registry CSV (its codes, tiers and parents are what the site reads of a registry)."""
    columns = ("local_authority_code", "name", "nation", "website", "gss_code", "nice_name", "region", "tier",
               "parent")
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for c in councils:
            writer.writerow((c.code, c.name, c.nation, c.website or "https://example.gov.uk/", c.gss_code,
                             c.nice_name, c.region, c.tier, c.parent))
    return path


def seed_published(db: Database, councils: list[Council], seed: int = 1) -> int:
    """Publish synthetic verdicts for every council (a third of the activities changed once); rows written."""
    chance, quotes, written = random.Random(seed), _quotes(), 0
    verdicts, weights = [v for v, _ in VERDICT_WEIGHTS], [w for _, w in VERDICT_WEIGHTS]
    upsert_councils(db, councils)
    with transaction(db):
        for council in councils:
            for activity in ACTIVITIES:
                days = (DAY_ONE, DAY_TWO) if chance.random() < 1 / 3 else (DAY_ONE,)
                for day in days:
                    verdict = chance.choices(verdicts, weights)[0]
                    conditions = tuple(chance.sample(CONDITIONS, chance.choice((0, 0, 1, 2, 3))))
                    url = f"{council.website or 'https://example.gov.uk/'}constitution-part-4.pdf"
                    evidence = () if verdict == NOT_STATED else (
                        Evidence(chance.choice(quotes), page=chance.randint(1, 400), source_url=url, verdict=verdict),)
                    entry = PolicyEntry(activity, verdict, conditions, evidence,
                                        conflicts_with_statute(verdict, council.nation))
                    publish(db, council.code, entry, None, "Bench Reviewer", day)
                    written += 1
    return written


def sizes(out: Path) -> dict[str, float]:
    """Total size of the publication, and its largest council page and home page, in KB."""
    files = [p for p in out.rglob("*") if p.is_file()]
    pages = [p.stat().st_size for p in (out / "council").glob("*/index.html")]
    return {"files": len(files), "total_mb": round(sum(p.stat().st_size for p in files) / 1e6, 2),
            "home_kb": round((out / "index.html").stat().st_size / 1000, 1),
            "largest_council_page_kb": round(max(pages, default=0) / 1000, 1)}


def measure(count: int, folder: Path, repeat: int) -> dict[str, object]:
    """Seed a store with `count` councils, then publish it `repeat` times; the best time counts."""
    db = open_db(folder / f"bench-{count}.db")
    councils = synthetic_councils(count)
    rows = seed_published(db, councils)
    registry = write_registry(councils, folder / f"registry-{count}.csv")
    out, times, cpu = folder / f"site-{count}", [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        publish_site(db, out, registry)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    db.close()
    best = min(times)
    return {"councils": count, "published_rows": rows, "seconds": round(best, 3), "seconds_runs": [
        round(t, 3) for t in times], "ms_per_council": round(best * 1000 / count, 3),
        "cpu_seconds": round(min(cpu), 3), "cpu_ms_per_council": round(min(cpu) * 1000 / count, 3), **sizes(out)}


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", type=int, default=PRINCIPAL_COUNT)
    parser.add_argument("--large", type=int, default=12_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path, help="Write the results here.")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="ocm-bench-publish-") as scratch:
        small = measure(args.small, Path(scratch), args.repeat)
        large = measure(args.large, Path(scratch), args.repeat)
    ratio = round(float(large["ms_per_council"]) / float(small["ms_per_council"]), 2)  # type: ignore[arg-type]
    cpu_ratio = round(float(large["cpu_ms_per_council"]) / float(small["cpu_ms_per_council"]),  # type: ignore[arg-type]
                      2)
    results = {"date": time.strftime("%Y-%m-%d"), "machine": {"python": platform.python_version(),
                                                              "system": platform.platform()},
               "small": small, "large": large, "per_council_ratio": ratio, "per_council_cpu_ratio": cpu_ratio,
               "linear": "yes" if cpu_ratio <= 1.5 else "no: per-council time grows with the number of councils"}
    print(json.dumps(results, indent=2))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return results


if __name__ == "__main__":
    main()
