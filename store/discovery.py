"""What each council's discovery saw: the links it took in order, with their scores, and what the budget refused.

A diagnostic log for maintainers (`ocm councils why`, `ocm status`), not evidence: only the last
`KEEP_PER_COUNCIL` discoveries of a council are kept.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from store.db import insert, one, rows, transaction

KEEP_PER_COUNCIL = 5
# What became of a link a council's discovery was offered (spiders/frontier.py).
FETCHED = "fetched"  # released and answered (a page read, or a document kept)
FAILED = "failed"  # released, and the fetch failed
REFUSED = "refused"  # never released: the budget was spent first
UNVISITED = "unvisited"  # never released: the crawl ended first (it was stopped)
HELD = "held"  # never released: a committee or meeting page, and candidates were found elsewhere


@dataclass(frozen=True)
class VisitRecord:
    """One link of a discovery, as the spider's frontier accounted for it."""

    ord: int
    url: str
    score: int
    cue: str
    depth: int
    role: str
    found_on: str
    outcome: str
    detail: str = ""


def record_discovery(db: Database, run_id: int | None, council: str, mode: str, budget: int,
                     visits: Iterable[VisitRecord], now: str) -> int:
    """Store one council's discovery of one crawl (in one transaction), and forget its older ones beyond the last
    few. Returns the discovery's id."""
    visits = list(visits)
    counts = {outcome: sum(1 for v in visits if v.outcome == outcome) for outcome in (FETCHED, FAILED, REFUSED)}
    # (links left "unvisited" by a stopped crawl are in the visits, not in the counts)
    with transaction(db):
        discovery_id = insert(db, "discovery", {"run_id": run_id, "council": council, "mode": mode, "budget": budget,
                                                **counts, "recorded_at": now})
        db.conn.executemany(
            "INSERT INTO discovery_visit (discovery_id, ord, url, score, cue, depth, role, found_on, outcome, detail)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(discovery_id, v.ord, v.url, v.score, v.cue, v.depth, v.role, v.found_on or None, v.outcome,
              v.detail or None) for v in visits])
        old = [r["id"] for r in rows(db, "SELECT id FROM discovery WHERE council = ? ORDER BY id DESC"
                                         " LIMIT -1 OFFSET ?", [council, KEEP_PER_COUNCIL])]
        if old:
            marks = ", ".join("?" for _ in old)
            db.execute(f"DELETE FROM discovery_visit WHERE discovery_id IN ({marks})", old)
            db.execute(f"DELETE FROM discovery WHERE id IN ({marks})", old)
    return discovery_id


def last_discovery(db: Database, council: str) -> dict[str, Any] | None:
    """The council's latest discovery with its visits in order (`visits`), or None if it never discovered."""
    found = one(db, "SELECT * FROM discovery WHERE council = ? ORDER BY id DESC LIMIT 1", [council])
    if found is None:
        return None
    found["visits"] = rows(db, "SELECT * FROM discovery_visit WHERE discovery_id = ? ORDER BY ord", [found["id"]])
    return found


def last_discoveries(db: Database) -> dict[str, dict[str, Any]]:
    """Every council's latest discovery (without its visits), by council code."""
    latest = rows(db, "SELECT d.* FROM discovery d"
                      " WHERE d.id = (SELECT MAX(id) FROM discovery WHERE council = d.council)")
    return {r["council"]: r for r in latest}
