"""Discovery cost: requests until each council's policy document is first fetched, ours beside a breadth-first crawl.

On the realistic sample web (`sampleweb/realistic`: councils shaped like real ModernGov, CMIS, Jadu, GOSS, Drupal,
Squiz, Umbraco, Contensis and WordPress sites, with a registry of `website` and `democracy_url` only), for each
council with a policy:
- **ours**: a cold `ocm crawl` with the default page budget and depth; the place, in the council's discovery order
  (the store's `discovery_visit`), of the first fetch of one of its answer-key documents;
- **breadth-first**: the same start pages, every same-site link followed in the order found (first in, first out),
  under the same budget and depth, no robots.txt, no scoring: the place of that first fetch.
A council whose policy is not fetched within the budget counts as the budget plus one.

Run: .venv/bin/python -m bench.discovery_cost [--runs 5] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import urllib.request
from collections import deque
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

from lxml import html as lxml_html
from w3lib.url import canonicalize_url

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import settings  # noqa: E402  # (after the path: the project's defaults are the crawl's)
from sampleweb.realistic import COUNCILS, RealisticWeb  # noqa: E402

FAST = {"OCM_TEST_MODE": "True", "DOWNLOAD_DELAY": "0", "AUTOTHROTTLE_ENABLED": "False", "RETRY_TIMES": "0",
        "LOG_LEVEL": "ERROR", "OCM_WORKERS": "0", "OCM_CRAWL_PROCESSES": "1"}
DOCUMENT_SUFFIXES = (".pdf", ".doc", ".docx")


def ours(web: RealisticWeb, codes: list[str], work: Path) -> dict[str, int | None]:
    """Our cold crawl: each council's place of the first answer-key fetch in its discovery order (None: not fetched)."""
    registry = web.write_registry(work / "registry.csv")
    db = work / "ocm.db"
    args = [sys.executable, "-m", "cli", "crawl", "--registry", str(registry), "--db", str(db)]
    for name, value in FAST.items():
        args += ["-s", f"{name}={value}"]
    subprocess.run(args, cwd=ROOT, check=True, capture_output=True, timeout=1800)
    with sqlite3.connect(db) as conn:
        visits = conn.execute("""SELECT d.council, v.ord, v.url FROM discovery_visit v
                                 JOIN discovery d ON d.id = v.discovery_id
                                 WHERE v.outcome = 'fetched' ORDER BY d.council, v.ord""").fetchall()
    found: dict[str, int | None] = dict.fromkeys(codes)
    for code, order, url in visits:
        if found.get(code) is None and canonicalize_url(url) in _answers(web, code):
            found[code] = order
    return found


def breadth_first(web: RealisticWeb, code: str, budget: int, depth_limit: int) -> int | None:
    """A plain breadth-first crawl of the council's start pages: the place of the first answer-key fetch."""
    starts = [u for u in (web.website(code), web.democracy_url(code)) if u]
    allowed = {urlsplit(u).netloc for u in starts}
    queue: deque[tuple[str, int]] = deque((u, 0) for u in starts)
    seen = {canonicalize_url(u) for u in starts}
    answers = _answers(web, code)
    for fetched in range(1, budget + 1):
        if not queue:
            return None
        url, depth = queue.popleft()
        if canonicalize_url(url) in answers:
            return fetched
        body, content_type, final = _get(url)
        if depth >= depth_limit or "html" not in content_type:
            continue
        for link in _links(body, final):
            key = canonicalize_url(link)
            if key not in seen and urlsplit(link).netloc in allowed:
                seen.add(key)
                queue.append((link, depth + 1))
    return None


def _answers(web: RealisticWeb, code: str) -> set[str]:
    """Every rendition of every answer-key document of the council (fetching any one counts)."""
    return {canonicalize_url(u) for renditions in web.policy_urls(code) for u in renditions}


def _get(url: str) -> tuple[bytes, str, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # only 127.0.0.1: the sample web
            return response.read(), response.headers.get("Content-Type", ""), response.geturl()
    except OSError:
        return b"", "", url


def _links(body: bytes, base: str) -> list[str]:
    try:
        tree = lxml_html.fromstring(body)
    except (ValueError, lxml_html.etree.ParserError):
        return []
    out = []
    for href in tree.xpath("//a/@href"):
        url = urldefrag(urljoin(base, str(href).strip()))[0]
        if url.startswith("http") and not url.lower().endswith((".css", ".js", ".png", ".jpg", ".svg")):
            out.append(url)
    return out


def measure(runs: int) -> dict[str, Any]:
    budget, depth = settings.OCM_MAX_PAGES_PER_COUNCIL, settings.OCM_DISCOVERY_DEPTH
    codes = [c.code for c in COUNCILS if c.policy]
    per_council: dict[str, dict[str, Any]] = {code: {"ours": [], "breadth_first": None} for code in codes}
    with RealisticWeb() as web:
        for _ in range(runs):
            with tempfile.TemporaryDirectory() as tmp:
                for code, place in ours(web, codes, Path(tmp)).items():
                    per_council[code]["ours"].append(place)
        for code in codes:
            per_council[code]["breadth_first"] = breadth_first(web, code, budget, depth)
    missing = budget + 1

    def cost(place: int | None) -> int:
        return missing if place is None else place

    ours_cost = [max(cost(p) for p in c["ours"]) for c in per_council.values()]  # the worst of the runs
    bfs_cost = [cost(c["breadth_first"]) for c in per_council.values()]
    return {
        "budget": budget, "depth": depth, "runs": runs, "councils": per_council,
        "ours": {"median": statistics.median(ours_cost), "max": max(ours_cost),
                 "not_found": sum(1 for c in ours_cost if c == missing)},
        "breadth_first": {"median": statistics.median(bfs_cost), "max": max(bfs_cost),
                          "not_found": sum(1 for c in bfs_cost if c == missing)},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="cold crawls of ours (the worst place per council counts)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    result = measure(args.runs)
    print(f"budget {result['budget']} pages, depth {result['depth']}; requests until the policy was first fetched"
          f" (budget + 1 = not found), ours the worst of {result['runs']} runs")
    print(f"{'council':<10} {'ours':>6} {'breadth-first':>14}")
    for code, c in result["councils"].items():
        worst = max((p or result["budget"] + 1) for p in c["ours"])
        print(f"{code:<10} {worst:>6} {c['breadth_first'] or result['budget'] + 1:>14}")
    for name in ("ours", "breadth_first"):
        r = result[name]
        print(f"{name:<14} median {r['median']:>5}  max {r['max']:>4}  not found {r['not_found']}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
