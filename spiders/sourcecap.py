"""A council's known sources are capped (OCM_MAX_SOURCES_PER_COUNCIL), so that a crawler trap (a site that links
new documents without end) cannot grow what is fetched every night.

Beyond the cap the crawl retires the sources least worth keeping, at its start and again at its end (before
change detection reads the council's sources). Registry documents are never counted nor retired. Nothing is
deleted: a retired source keeps its history, raises no flag, and is active again if discovery fetches it again.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterable

from sqlite_utils import Database

from registry import Council
from spiders.discovery import normalise_url
from spiders.items import FOUND_DISCOVERY
from store.documents import known_sources, retire_sources
from store.policies import latest_policy, published_policy

logger = logging.getLogger(__name__)


def capped(sources: Iterable[dict], registry_urls: Collection[str]) -> list[dict]:
    """The sources that count against the cap (and the page budget): those discovery found."""
    return [s for s in sources if s.get("found_via") == FOUND_DISCOVERY and s["url"] not in registry_urls]


def over_cap(sources: Iterable[dict], cap: int, registry_urls: Collection[str], evidence: Collection[str],
             linked: Collection[str]) -> list[dict]:
    """The sources to retire so that at most `cap` discovered sources stay (0: no cap), least worth keeping first:
    kept longest are the evidence of the council's published or derived policy (retiring them could change it),
    then those linked tonight, then those a page was seen linking (`found_on`), then the first found (discovery
    takes the best-scored links first, so a trap's documents are the last found)."""
    counted = capped(sources, registry_urls)
    excess = len(counted) - cap
    if cap <= 0 or excess <= 0:
        return []

    def worth(source: dict) -> tuple[bool, bool, bool, int]:
        return source["url"] in evidence, source["url"] in linked, bool(source.get("found_on")), -source["id"]

    return sorted(counted, key=worth)[:excess]


def policy_evidence(db: Database, council: str) -> set[str]:
    """The addresses of the sources quoted by the council's published policy and its latest derived one."""
    entries = [*published_policy(db, council).values(), *latest_policy(db, council).values()]
    return {e.source_url for entry in entries for e in entry.evidence if e.source_url}


def retire_over_cap(db: Database, council: Council, cap: int, linked: Collection[str] = ()) -> list[dict]:
    """Retire the council's discovered sources beyond `cap` (see `over_cap`); the sources retired."""
    if cap <= 0:
        return []
    registry_urls = {normalise_url(url) for url in council.documents}
    retired = over_cap(known_sources(db, council.code), cap, registry_urls, policy_evidence(db, council.code), linked)
    retire_sources(db, [s["id"] for s in retired])
    if retired:
        logger.warning("%s: %d source(s) over the cap of %d retired (a crawler trap?), e.g. %s", council.code,
                       len(retired), cap, retired[0]["url"])
    return retired
