"""How long the real UK nightly crawl takes, projected from the measured runs and the politeness settings.

A model, stated so it can be argued with:
- each council is one download slot (its democracy site sometimes is a second host: that only shortens it);
- AutoThrottle sets a slot's delay to latency / AUTOTHROTTLE_TARGET_CONCURRENCY, never below DOWNLOAD_DELAY,
  so a slot issues one request per max(DOWNLOAD_DELAY, latency) seconds, after AUTOTHROTTLE_START_DELAY;
- CONCURRENT_REQUESTS slots work at once (each keeps about one request in flight), so the network-bound
  night is max(longest council, sum over councils / CONCURRENT_REQUESTS);
- the CPU-bound night is the measured CPU seconds per council times the councils projected (the principal
  ones, or 12,000 when the run had local councils: their mix of principal and local councils as measured), over
  the cores it used;
- "at the page budget": real sites are larger than the sample ones, so each council that walks its sites
  spends its whole OCM_MAX_PAGES_PER_COUNCIL of discovery pages (OCM_MAX_PAGES_PER_LOCAL_COUNCIL for a local
  council; the mean over the run's mix of principal and local councils; known documents are exempt):
  every council on the cold night, 1 in OCM_DISCOVERY_INTERVAL_DAYS on an unchanged one;
- the night takes the longer of the two (they overlap, so this is a lower bound of the sum, an upper of each).
"""

from __future__ import annotations

import importlib
import math
from typing import Any

from sampleweb.scale import PRINCIPAL_COUNT

UK_COUNCILS = PRINCIPAL_COUNT  # the registry's principal councils
NIGHT_HOURS = 6  # a night's crawl must end within this (OCM_CRAWL_TIMEOUT's default)
UK_COUNCILS_WITH_LOCAL = 12_000  # the principal councils and about 11,600 parish, town and community councils
# Assumptions about real council sites (stated in bench/README.md).
ASSUMED = {
    "html_latency_s": 0.8,  # time to first byte plus transfer of an ASP.NET / CMS page
    "pdf_kb_per_page": 40,  # real council PDFs (fonts, logos, scans of signatures) vs ~2 KB in the sample web
    "bandwidth_mb_s": 2.0,  # per download from a council's server
}


def project(runs: dict[str, dict[str, Any]], summary: dict[str, Any]) -> dict[str, Any]:
    settings = importlib.import_module("settings")
    delay = float(settings.DOWNLOAD_DELAY)
    autothrottle = bool(settings.AUTOTHROTTLE_ENABLED)
    target = float(getattr(settings, "AUTOTHROTTLE_TARGET_CONCURRENCY", 1.0)) if autothrottle else 0.0
    start = float(getattr(settings, "AUTOTHROTTLE_START_DELAY", delay)) if autothrottle else delay
    max_delay = float(getattr(settings, "AUTOTHROTTLE_MAX_DELAY", 60.0))
    parallel = int(settings.CONCURRENT_REQUESTS)
    councils = max(1, int(summary["councils"]))
    projected = UK_COUNCILS_WITH_LOCAL if summary.get("tiers", {}).get("local") else UK_COUNCILS
    budget = int(settings.OCM_MAX_PAGES_PER_COUNCIL)
    local_budget = int(getattr(settings, "OCM_MAX_PAGES_PER_LOCAL_COUNCIL", budget))
    local = int(summary.get("tiers", {}).get("local", 0))
    mean_budget = (budget * (councils - local) + local_budget * local) / councils
    walk_interval = max(1, int(settings.OCM_DISCOVERY_INTERVAL_DAYS))
    html_documents = summary.get("filming_pages", 0) / councils
    pages_per_pdf = summary["pdf_pages"] / max(1, summary["pdfs"])
    pdf_latency = ASSUMED["html_latency_s"] + pages_per_pdf * ASSUMED["pdf_kb_per_page"] / 1000 / \
        ASSUMED["bandwidth_mb_s"]

    def slot_time(latency: float) -> float:
        wait = min(max(delay, latency / target), max_delay) if autothrottle else delay
        return max(wait, latency)

    nights: dict[str, Any] = {}
    per_council: dict[str, Any] = {}
    for key, label in (("ours_cold", "cold night"), ("ours_unchanged", "unchanged night")):
        measured = runs.get(key)
        if not measured:
            continue
        requests = measured["requests"] / councils
        # PDFs downloaded in full (not answered 304), from the pages the server sent
        pdf_full_per_council = measured["pdf_pages_downloaded"] / max(1.0, pages_per_pdf) / councils
        other = requests - pdf_full_per_council
        used_cores = max(1.0, measured["cpu_s"] / max(measured["wall_s"], 1e-9))
        cpu_s = measured["cpu_s"] / councils * projected / used_cores
        per_council[label] = {"requests": round(requests, 1), "full_pdf_downloads": round(pdf_full_per_council, 2),
                              "cpu_s_per_council": round(measured["cpu_s"] / councils, 3)}
        # as measured (the sample sites are compact), and with the councils walking tonight spending their whole
        # page budget: the mean council sets the sum, a walking one the longest
        walking = 1.0 if key == "ours_cold" else 1 / walk_interval
        for scenario, pages, longest_pages in (
                ("", other, other),
                (" at the page budget", other + walking * (mean_budget - html_documents),
                 other + budget - html_documents)):
            documents_s = start + pdf_full_per_council * slot_time(pdf_latency)
            council_s = documents_s + pages * slot_time(ASSUMED["html_latency_s"])
            longest_s = documents_s + longest_pages * slot_time(ASSUMED["html_latency_s"])
            network_s = max(longest_s, projected * council_s / parallel)
            per_council[label][f"seconds_per_council{scenario}"] = round(council_s, 1)
            nights[label + scenario] = {"network_hours": round(network_s / 3600, 2),
                                        "cpu_hours": round(cpu_s / 3600, 3),
                                        "hours": round(max(network_s, cpu_s) / 3600, 2),
                                        "bound": "politeness/network" if network_s >= cpu_s else "CPU",
                                        # download slots that would fit the night in NIGHT_HOURS (one machine)
                                        "concurrent_requests_for_night": math.ceil(
                                            projected * council_s / (NIGHT_HOURS * 3600))}
    return {
        "councils_projected": projected,
        "night_hours": NIGHT_HOURS,
        "model": __doc__.strip().splitlines()[2:],  # the bullet points above
        "assumptions": {**ASSUMED, "pdf_latency_s": round(pdf_latency, 2), "pages_per_pdf": round(pages_per_pdf, 1)},
        "politeness": {"DOWNLOAD_DELAY": delay, "AUTOTHROTTLE_ENABLED": autothrottle,
                       "AUTOTHROTTLE_START_DELAY": start, "AUTOTHROTTLE_TARGET_CONCURRENCY": target,
                       "CONCURRENT_REQUESTS": parallel,
                       "CONCURRENT_REQUESTS_PER_DOMAIN": int(settings.CONCURRENT_REQUESTS_PER_DOMAIN),
                       "OCM_MAX_PAGES_PER_COUNCIL": budget, "OCM_MAX_PAGES_PER_LOCAL_COUNCIL": local_budget,
                       "OCM_DISCOVERY_INTERVAL_DAYS": walk_interval},
        "per_council": per_council,
        "nights": nights,
    }
