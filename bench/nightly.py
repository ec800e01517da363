"""Nightly crawl at UK scale: our night, cold and unchanged, beside the floor (bare Scrapy) and urlwatch.

Serves the UK-scale sample web (sampleweb/scale.py: the registry's principal councils and, beyond them, local ones up
to 12,000, as virtual hosts on 127.0.0.1) and runs, one after the other, each as a child process measured alone:
`ocm nightly` cold (empty store: crawl, change detection, flags), `ocm nightly` again (unchanged night), the
floors (bench/floor_spider.py over the URLs our cold and unchanged nights fetched) and urlwatch (cold, then
unchanged) over the documents our crawl found. Politeness delays are off; see bench/README.md.

Run: .venv/bin/python -m bench.nightly [--councils N] [--no-urlwatch] [--no-floor] [--json FILE]
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import os
import platform
import shutil
import sqlite3
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.measure import Measurement, run_measured  # noqa: E402  (path set just above)
from bench.projection import project  # noqa: E402
from sampleweb.scale import DEFAULT_CACHE, PRINCIPAL_COUNT, Hit, ScaleWeb, scale_councils  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "nightly.json"
# Politeness off, the same for our crawl and the floor (the brief of issue 6, point 7).
FAST = {"DOWNLOAD_DELAY": "0", "AUTOTHROTTLE_ENABLED": "False", "CONCURRENT_REQUESTS": "32",
        "CONCURRENT_REQUESTS_PER_DOMAIN": "2", "ROBOTSTXT_OBEY": "True", "LOG_LEVEL": "ERROR"}
# Settings that let a crawl reach 127.0.0.1, if the project has one (outside test mode it may refuse).
TEST_MODE_SETTINGS = ("OCM_ALLOW_PRIVATE", "OCM_TEST_MODE")
MEMORY_GROWTH_MAX = 1.5  # peak memory at any scale over the peak at 382 councils
TARGETS = {"ours_over_floor_max": 1.3, "unchanged_over_cold_max": 0.1, "peak_rss_mb_max": 500}


def crawl_settings() -> dict[str, str]:
    """FAST plus the project's test-mode switch when settings.py has one."""
    project = importlib.import_module("settings")
    extra = {name: "True" for name in TEST_MODE_SETTINGS if hasattr(project, name)}
    return {**FAST, **extra}


def child_env() -> dict[str, str]:
    """The environment of every child: the project on the path, no proxy for 127.0.0.1."""
    env = {k: v for k, v in os.environ.items() if k.lower() not in ("http_proxy", "https_proxy", "all_proxy")}
    env.update({"PYTHONPATH": str(ROOT), "NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost"})
    return env


def _args(settings: dict[str, str]) -> list[str]:
    return [a for k, v in settings.items() for a in ("-s", f"{k}={v}")]


class Bench:
    """One benchmark run: the scale web, a work directory, and the figures gathered so far."""

    def __init__(self, web: ScaleWeb, work: Path) -> None:
        self.web = web
        self.work = work
        self.env = child_env()
        self.settings = crawl_settings()
        self.registry = web.write_registry_dir(work / "registry")
        self.db = work / "ocm.db"
        self.pdf_pages = {unquote(u): n for u, n in web.document_pages().items()}
        self.documents: set[str] = set()  # document URLs (unquoted) our cold night stored as sources
        self.hits: dict[str, list[Hit]] = {}  # what the server answered to our crawl, by night

    # --- runs ---------------------------------------------------------------------------------------
    def ours(self, night: str) -> dict[str, Any]:
        """A whole night as the scheduler runs it: the crawl, then change detection (no digest is sent)."""
        command = [sys.executable, "-m", "cli", "nightly", "--registry", str(self.registry), "--db", str(self.db),
                   *_args(self.settings)]
        measured = run_measured(command, env=self.env, cwd=ROOT, log=self.work / f"ours-{night}.log")
        hits = self.web.take_hits()
        if night == "cold":
            self.documents = {unquote(u) for u in self._store_column("SELECT url FROM source")}
        self.hits[night] = hits
        result = self._figures(measured, hits)
        result.update(self._run_row())
        result["store_mb"] = self.store_mb()
        result["review"] = self.review_queue()
        return result

    def store_mb(self) -> float:
        """The store's size on disk: the database file with its write-ahead log."""
        files = [self.db, self.db.with_name(self.db.name + "-wal"), self.db.with_name(self.db.name + "-shm")]
        return round(sum(f.stat().st_size for f in files if f.exists()) / 1e6, 1)

    def review_queue(self) -> dict[str, int]:
        """What awaits reviewers: pending flags, and the decisions they take (a template's flags are one)."""
        flags = self._store_rows("SELECT status, count(*) FROM flag GROUP BY status")
        columns = {row[1] for row in self._store_rows("PRAGMA table_info(flag)")}
        group = "coalesce(template, 'flag ' || id)" if "template" in columns else "id"
        decisions = self._store_rows(f"SELECT count(DISTINCT {group}) FROM flag WHERE status = 'pending'")
        kinds = self._store_rows("SELECT kind, count(*) FROM flag WHERE status = 'pending' GROUP BY kind")
        return {"flags_pending": dict(flags).get("pending", 0), "decisions": decisions[0][0] if decisions else 0,
                "pending_by_kind": dict(kinds)}

    def floor(self, night: str) -> dict[str, Any]:
        """The bare Scrapy spider over the URLs our crawl fetched that night. Cold: every document read in full
        and extracted. Unchanged: documents asked for with their ETags and nothing extracted (the bytes of an
        unchanged night need no reading), robots.txt not fetched (ours comes from the day's cache)."""
        pages = sorted({self.web.url(h) for h in self.hits[night]
                        if h.path != "/robots.txt" and unquote(self.web.url(h)) not in self.documents})
        documents = sorted(self._store_column("SELECT url FROM source"))
        cold = night == "cold"
        etags = {} if cold else dict(self._store_rows("SELECT url, etag FROM source WHERE etag IS NOT NULL"))
        urls = self.work / f"floor-{night}-urls.json"
        urls.write_text(json.dumps({"pages": pages, "documents": documents, "etags": etags, "extract": cold}))
        stats = self.work / f"floor-{night}-stats.json"
        settings = self.settings if cold else {**self.settings, "ROBOTSTXT_OBEY": "False"}
        command = [sys.executable, str(ROOT / "bench" / "floor_spider.py"), str(urls), str(stats),
                   *_args(settings)]
        measured = run_measured(command, env=self.env, cwd=ROOT, log=self.work / f"floor-{night}.log")
        result = self._figures(measured, self.web.take_hits())
        result["extracted"] = json.loads(stats.read_text()) if stats.exists() else {}
        return result

    def urlwatch(self, night: str) -> dict[str, Any]:
        urlwatch = shutil.which("urlwatch", path=str(Path(sys.executable).parent)) or shutil.which("urlwatch")
        if night == "cold":
            self._write_urlwatch_files()
        command = [urlwatch or "urlwatch", "--urls", str(self.work / "urls.yaml"), "--config",
                   str(self.work / "urlwatch.yaml"), "--cache", str(self.work / "urlwatch-cache.db"),
                   "--hooks", str(self.work / "hooks.py")]
        measured = run_measured(command, env=self.env, cwd=self.work, log=self.work / f"urlwatch-{night}.log")
        return self._figures(measured, self.web.take_hits())

    def _write_urlwatch_files(self) -> None:
        jobs = []
        for url in sorted(self._store_column("SELECT url FROM source")):
            kind = "pdf2text" if unquote(url) in self.pdf_pages else "html2text"
            jobs.append(f"name: {json.dumps(url)}\nurl: {json.dumps(url)}\nfilter:\n  - {kind}: {{}}\n")
        (self.work / "urls.yaml").write_text("---\n".join(jobs))
        (self.work / "urlwatch.yaml").write_text(
            "display: {new: true, error: true, unchanged: false, empty-diff: false}\n"
            "report:\n  stdout: {enabled: true, color: false}\n  text: {details: false, footer: false,"
            " minimal: true, line_length: 75, separate: false}\n")
        (self.work / "hooks.py").write_text("# no hooks\n")

    # --- figures ------------------------------------------------------------------------------------
    def _figures(self, measured: Measurement, hits: list[Hit]) -> dict[str, Any]:
        """What a tool did, counted by the server: the same definitions for every tool."""
        docs = [h for h in hits if unquote(self.web.url(h)) in self.documents and h.status in (200, 304)]
        pdf_docs = [h for h in docs if unquote(self.web.url(h)) in self.pdf_pages]
        pages = sum(self.pdf_pages[unquote(self.web.url(h))] for h in pdf_docs)
        wall = measured.wall_s or 1e-9
        return {
            "wall_s": measured.wall_s, "cpu_s": measured.cpu_s, "peak_rss_mb": measured.peak_rss_mb,
            "exit_code": measured.exit_code, "requests": len(hits),
            "status": dict(sorted(Counter(str(h.status) for h in hits).items())),
            "documents": len(docs), "pdf_documents": len(pdf_docs), "pdf_pages": pages,
            "pdf_pages_downloaded": sum(h.pages for h in hits),
            "megabytes_sent": round(sum(h.sent for h in hits) / 1e6, 1),
            "documents_per_s": round(len(docs) / wall, 2), "pdf_pages_per_s": round(pages / wall, 1),
            "cpu_ms_per_pdf_page": round(1000 * measured.cpu_s / pages, 3) if pages else None,
            "server_cpu_s": measured.harness_cpu_s,
            "server_mean_ms": round(1000 * sum(h.seconds for h in hits) / len(hits), 2) if hits else None,
        }

    def _store_column(self, sql: str) -> list[str]:
        return [row[0] for row in self._store_rows(sql)]

    def _store_rows(self, sql: str) -> list[tuple[Any, ...]]:
        if not self.db.exists():
            return []
        with sqlite3.connect(f"file:{self.db}?mode=ro", uri=True) as db:
            return db.execute(sql).fetchall()

    def _run_row(self) -> dict[str, Any]:
        if not self.db.exists():
            return {}
        with sqlite3.connect(f"file:{self.db}?mode=ro", uri=True) as db:
            db.row_factory = sqlite3.Row
            run = db.execute("SELECT * FROM run ORDER BY id DESC LIMIT 1").fetchone()
            if run is None:
                return {}
            outcomes = dict(db.execute("SELECT outcome, count(*) FROM fetch WHERE run_id = ? GROUP BY outcome",
                                       [run["id"]]).fetchall())
            pages = db.execute("SELECT coalesce(sum(page_count), 0) FROM snapshot WHERE run_id = ?",
                               [run["id"]]).fetchone()[0]
        discovery: Counter[str] = Counter()  # councils walked / link pages read tonight (the date decides which)
        for per_spider in json.loads(run["stats"] or "{}").values():
            discovery.update({k.removeprefix("ocm/discovery_"): v for k, v in per_spider.items()
                              if k.startswith("ocm/discovery_")})
        return {"run": {k: run[k] for k in ("id", "status", "finish_reason", "councils", "requests", "documents",
                                            "changes", "errors")},
                "fetch_outcomes": outcomes, "snapshot_pages": pages, "discovery": dict(sorted(discovery.items()))}


def _line(name: str, result: dict[str, Any]) -> str:
    extra = ""
    if "store_mb" in result:
        extra = (f", store {result['store_mb']} MB, {result['review']['flags_pending']} flags pending in "
                 f"{result['review']['decisions']} decisions")
    return (f"{name}: {result['wall_s']} s wall, {result['cpu_s']} s CPU, peak {result['peak_rss_mb']} MB, "
            f"{result['requests']} requests, {result['documents']} documents, exit code {result['exit_code']}{extra}")


def median_run(results: list[dict[str, Any]]) -> dict[str, Any]:
    """The run of median wall time (the lower middle one of an even count), with every run's wall time and the
    largest peak memory of them all."""
    ordered = sorted(results, key=lambda r: r["wall_s"])
    return {**ordered[(len(ordered) - 1) // 2], "wall_s_runs": [r["wall_s"] for r in ordered],
            "peak_rss_mb": max(r["peak_rss_mb"] for r in results)}


def ratios(runs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    def ratio(a: str, b: str, key: str) -> float | None:
        if a in runs and b in runs and runs[b].get(key):
            return round(runs[a][key] / runs[b][key], 3)
        return None

    out = {}
    for key in ("wall_s", "cpu_s"):
        out[f"ours_unchanged_over_cold_{key}"] = ratio("ours_unchanged", "ours_cold", key)
        out[f"ours_cold_over_floor_{key}"] = ratio("ours_cold", "floor", key)
        out[f"ours_unchanged_over_floor_unchanged_{key}"] = ratio("ours_unchanged", "floor_unchanged", key)
        out[f"floor_unchanged_over_urlwatch_unchanged_{key}"] = ratio("floor_unchanged", "urlwatch_unchanged", key)
        out[f"ours_cold_over_urlwatch_cold_{key}"] = ratio("ours_cold", "urlwatch_cold", key)
        out[f"ours_unchanged_over_urlwatch_unchanged_{key}"] = ratio("ours_unchanged", "urlwatch_unchanged", key)
        out[f"urlwatch_unchanged_over_cold_{key}"] = ratio("urlwatch_unchanged", "urlwatch_cold", key)
    return out


def memory_growth(runs: dict[str, dict[str, Any]], baseline: Path) -> dict[str, Any]:
    """Peak memory of our nights against the 382-council run in ``baseline`` (a JSON file of this benchmark
    measured on the same machine): at 12,000 councils it should be at most MEMORY_GROWTH_MAX times as much."""
    peak = max((runs[k]["peak_rss_mb"] for k in ("ours_cold", "ours_unchanged") if k in runs), default=None)
    base = None
    if baseline.exists():
        before = json.loads(baseline.read_text())
        base_runs = before.get("runs", {})
        if before.get("sampleweb", {}).get("councils") == PRINCIPAL_COUNT:
            base = max((base_runs[k]["peak_rss_mb"] for k in ("ours_cold", "ours_unchanged") if k in base_runs),
                       default=None)
    ratio = round(peak / base, 3) if peak and base else None
    return {"peak_rss_mb": peak, "baseline_382_peak_rss_mb": base, "over_382": ratio,
            "at_most_1.5x_of_382": None if ratio is None else ratio <= MEMORY_GROWTH_MAX}


def targets(runs: dict[str, dict[str, Any]], r: dict[str, Any]) -> dict[str, Any]:
    def within(value: float | None, limit: float) -> bool | None:
        return None if value is None else value <= limit

    uw_cold, uw_same = r["ours_cold_over_urlwatch_cold_wall_s"], r["ours_unchanged_over_urlwatch_unchanged_wall_s"]
    peak = max(runs[k]["peak_rss_mb"] for k in ("ours_cold", "ours_unchanged") if k in runs)
    return {
        "within_1.3x_of_floor": within(r["ours_cold_over_floor_wall_s"], TARGETS["ours_over_floor_max"]),
        "faster_than_urlwatch_cold": None if uw_cold is None else uw_cold < 1,
        "faster_than_urlwatch_unchanged": None if uw_same is None else uw_same < 1,
        "unchanged_at_most_0.1x_cold": within(r["ours_unchanged_over_cold_wall_s"],
                                              TARGETS["unchanged_over_cold_max"]),
        "peak_rss_under_500MB": peak < TARGETS["peak_rss_mb_max"],
    }


ROWS = (("ours_cold", "ours, cold night"), ("ours_unchanged", "ours, unchanged night"),
        ("floor", "floor (bare Scrapy + extract)"), ("floor_unchanged", "floor, unchanged (fetch only)"),
        ("urlwatch_cold", "urlwatch pdf2text, cold"),
        ("urlwatch_unchanged", "urlwatch pdf2text, unchanged"))


def table(runs: dict[str, dict[str, Any]]) -> str:
    head = (f"| {'run':<30} | {'wall s':>7} | {'CPU s':>7} | {'peak MB':>7} | {'docs':>5} | {'docs/s':>7} "
            f"| {'PDF pages':>9} | {'pages/s':>8} | {'requests':>8} |")
    lines = [head, "|" + "|".join("-" * (len(c)) for c in head.split("|")[1:-1]) + "|"]
    for key, label in ROWS:
        r = runs.get(key)
        if r is None:
            continue
        lines.append(f"| {label:<30} | {r['wall_s']:>7} | {r['cpu_s']:>7} | {r['peak_rss_mb']:>7} "
                     f"| {r['documents']:>5} | {r['documents_per_s']:>7} | {r['pdf_pages']:>9} "
                     f"| {r['pdf_pages_per_s']:>8} | {r['requests']:>8} |")
    return "\n".join(lines)


def run(count: int, with_urlwatch: bool, max_pdf_pages: int | None, cache: Path, keep: Path | None,
        repeat: int = 3, log: Any = print, with_floor: bool = True, baseline: Path = RESULTS,
        principal: int | None = None) -> dict[str, Any]:
    """The whole benchmark; returns the results (also what goes into the JSON file)."""
    work = Path(tempfile.mkdtemp(prefix="ocm-bench-")) if keep is None else keep
    work.mkdir(parents=True, exist_ok=True)
    runs: dict[str, dict[str, Any]] = {}
    skipped: dict[str, str] = {}
    if with_urlwatch and shutil.which("urlwatch", path=str(Path(sys.executable).parent)) is None \
            and shutil.which("urlwatch") is None:
        skipped["urlwatch"] = "urlwatch is not installed: .venv/bin/pip install urlwatch pdftotext"
        log(f"skipping urlwatch: {skipped['urlwatch']}")
        with_urlwatch = False
    elif not with_urlwatch:
        skipped["urlwatch"] = "--no-urlwatch"
    if not with_floor:
        skipped["floor"] = "--no-floor"
    with ScaleWeb(scale_councils(count, max_pdf_pages, principal_count=principal), cache) as web:
        bench = Bench(web, work)
        summary = web.summary()
        log(f"sample web: {summary['councils']} councils, {summary['pdfs']} PDFs, {summary['pdf_pages']} PDF pages, "
            f"{summary['pdf_megabytes']} MB; work directory {work}")
        pairs = [("ours", lambda: bench.ours("cold"), lambda: bench.ours("unchanged"))]
        if with_floor:
            pairs.append(("floor", lambda: bench.floor("cold"), lambda: bench.floor("unchanged")))
        if with_urlwatch:
            pairs.append(("urlwatch", lambda: bench.urlwatch("cold"), lambda: bench.urlwatch("unchanged")))
        for tool, cold_night, unchanged_night in pairs:
            cold = "floor" if tool == "floor" else f"{tool}_cold"
            runs[cold] = cold_night()
            log(_line(cold, runs[cold]))
            # An unchanged night takes seconds, so one noisy moment of a shared machine would decide it: each
            # tool's runs `repeat` times straight after its cold night, and the median counts.
            rounds = []
            for _ in range(repeat):
                rounds.append(unchanged_night())
                log(_line(f"{tool}_unchanged", rounds[-1]))
            runs[f"{tool}_unchanged"] = median_run(rounds)
    r = ratios(runs)
    results = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {"cores": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "settings": bench.settings, "sampleweb": summary, "skipped": skipped, "repeat": repeat, "runs": runs,
        "ratios": r,
        "targets": targets(runs, r),
        "projection": project(runs, summary),
        "memory": memory_growth(runs, baseline),
        "work_directory": str(work),
    }
    if keep is None:
        shutil.rmtree(work, ignore_errors=True)
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--councils", type=int, default=PRINCIPAL_COUNT,
                        help="How many councils: the principal ones first, then local ones (default: as many as "
                             f"the registry's principal councils, {PRINCIPAL_COUNT}).")
    parser.add_argument("--principal", type=int,
                        help="Of them, how many principal councils (default as many as there are, up to "
                             f"{PRINCIPAL_COUNT}).")
    parser.add_argument("--no-floor", action="store_true", help="Skip the floor runs (bare Scrapy).")
    parser.add_argument("--baseline", type=Path, default=RESULTS,
                        help="A 382-council result of this benchmark to compare peak memory with (default "
                             f"{RESULTS}).")
    parser.add_argument("--no-urlwatch", action="store_true", help="Skip the urlwatch runs.")
    parser.add_argument("--max-pdf-pages", type=int, help="Only PDFs up to this size (quick runs, tests).")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="Where the pool of PDFs is kept.")
    parser.add_argument("--keep", type=Path, help="Work in this directory and keep it (store, logs, URL lists).")
    parser.add_argument("--json", type=Path, default=RESULTS,
                        help=f"Write the results here (default {RESULTS}, or nightly-N.json for N councils).")
    parser.add_argument("--repeat", type=int, default=3, help="Rounds of the unchanged nights (median counts).")
    args = parser.parse_args(argv)
    if args.json == RESULTS and args.councils != PRINCIPAL_COUNT:
        args.json = RESULTS.with_name(f"nightly-{args.councils}.json")
    results = run(args.councils, not args.no_urlwatch, args.max_pdf_pages, args.cache, args.keep, args.repeat,
                  with_floor=not args.no_floor, baseline=args.baseline, principal=args.principal)
    print()
    print(f"{results['sampleweb']['councils']} councils, {results['machine']['cores']} cores, {results['date']}")
    print(table(results["runs"]))
    for key, value in results["runs"].items():
        if "wall_s_runs" in value:
            print(f"{key} wall s of the {results['repeat']} rounds: {value['wall_s_runs']} (the median counts)")
    print()
    for key, value in results["ratios"].items():
        if value is not None:
            print(f"{key:<52} {value}")
    print()
    for key, value in results["targets"].items():
        print(f"target {key:<45} {'met' if value else 'MISSED' if value is not None else 'not measured'}")
    memory = results["memory"]
    print(f"peak memory {memory['peak_rss_mb']} MB, {memory['over_382']}x the 382-council run's "
          f"({memory['baseline_382_peak_rss_mb']} MB): at most 1.5x "
          f"{'met' if memory['at_most_1.5x_of_382'] else 'MISSED' if memory['over_382'] else 'not measured'}")
    for night in ("ours_cold", "ours_unchanged"):
        if night in results["runs"]:
            r = results["runs"][night]
            print(f"{night}: store {r['store_mb']} MB on disk; review: {r['review']}")
    print()
    for key, value in results["projection"]["nights"].items():
        print(f"projected real UK {key:<38} {value['hours']} h (bound by {value['bound']}) for "
              f"{results['projection']['councils_projected']} councils")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nwrote {args.json}")


if __name__ == "__main__":
    main()
