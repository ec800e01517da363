"""One council's crawl frontier: its links, best first, fetched within a page budget that cannot starve.

Every link a council's crawl finds is offered here with its score (`spiders.links`). The frontier releases them
to Scrapy best first, a few at a time, and counts each against the council's page budget, so the budget goes
first to policy candidates and the pages that lead to them, and what is left to committee and meeting pages.
Ties are broken by depth, then address, so two crawls of the same site take the same links whatever the
timing. The frontier keeps an account of what it did: every link fetched in order with its score, and those the
budget refused (`DiscoveryAccount`).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

import scrapy
from w3lib.url import canonicalize_url

from spiders.context import context_of, with_context
from spiders.items import DiscoveryAccount, Visit
from spiders.links import CANDIDATE
from store.discovery import FAILED, FETCHED, HELD, REFUSED, UNVISITED


@dataclass(order=True)
class _Entry:
    key: tuple[int, int, str]  # (-score, depth, canonical address): best first, then shallow, then by address
    request: scrapy.Request = field(compare=False)
    cue: str = field(compare=False)
    role: str = field(compare=False)
    found_on: str = field(compare=False)


class Frontier:
    """The links of one council waiting to be fetched, and the budget they draw on."""

    def __init__(self, council: str, mode: str, budget: int, concurrency: int, fetched: Iterable[str] = (),
                 hold_at_or_below: int = -1, hold_open: bool = False, spent: int = 0) -> None:
        """`budget`: pages it may fetch (0: no limit); `spent`: how much of it the council used already tonight
        (its known sources that discovery found, fetched directly); `fetched`: addresses the crawl fetches anyway
        (known and registry documents): never released again. Links scored `hold_at_or_below` or less (committee
        and meeting pages) are released only while no candidate has been, unless `hold_open` (the council is known
        to keep policy among its meeting papers): a council's meeting papers are searched only where nothing
        else is."""
        self.council = council
        self.budget = budget if budget > 0 else float("inf")
        self.concurrency = max(1, concurrency)
        self.account = DiscoveryAccount(council, mode, budget)
        self.spent = spent
        self.in_flight: dict[str, _Entry] = {}
        self._waiting: list[_Entry] = []
        self._best: dict[str, int] = {}  # canonical address -> the best score offered while it waits
        self._seen: set[str] = {self.key_of(url) for url in fetched}  # canonical addresses released
        self.hold_at_or_below = hold_at_or_below
        self.hold_open = hold_open
        self._candidate_released = False
        self._held: list[_Entry] = []

    @staticmethod
    def key_of(url: str) -> str:
        """The canonical form two addresses of one link share (query order, escaping, no fragment)."""
        return canonicalize_url(url)

    def offer(self, request: scrapy.Request, score: int, cue: str, role: str, found_on: str = "") -> None:
        """A link found: it waits for its turn unless it was released already or waits with a better score."""
        key = self.key_of(request.url)
        if key in self._seen or self._best.get(key, -1) >= score:
            return
        self._best[key] = score
        depth = context_of(request).depth
        heapq.heappush(self._waiting, _Entry((-score, depth, key), request, cue, role, found_on))

    def release(self) -> list[scrapy.Request]:
        """The best waiting links, as many as may be in flight, each counted against the budget."""
        out: list[scrapy.Request] = []
        while self._waiting and len(self.in_flight) < self.concurrency and self.spent < self.budget:
            entry = heapq.heappop(self._waiting)
            key = entry.key[2]
            if key in self._seen or self._best.get(key) != -entry.key[0]:
                continue  # released already, or offered again with a better score (that entry comes first)
            if -entry.key[0] <= self.hold_at_or_below and self._candidate_released and not self.hold_open:
                self._held.append(entry)
                continue
            self._candidate_released = self._candidate_released or entry.role == CANDIDATE
            self._seen.add(key)
            self.spent += 1
            self.in_flight[key] = entry
            request = with_context(entry.request, replace(context_of(entry.request), frontier_key=key))
            out.append(request.replace(priority=-entry.key[0], dont_filter=True))
        return out

    def done(self, key: str, failed: str = "") -> None:
        """A released link was answered (or failed, with why): note it and make room for the next."""
        entry = self.in_flight.pop(key, None)
        if entry is None:
            return
        self.account.visits.append(Visit(
            order=len(self.account.visits) + 1, url=entry.request.url, score=-entry.key[0], cue=entry.cue,
            depth=entry.key[1], role=entry.role, found_on=entry.found_on, outcome=FAILED if failed else FETCHED,
            detail=failed))

    def waiting(self) -> list[scrapy.Request]:
        """The links waiting for their turn, best first (for tests and diagnostics)."""
        return [e.request.replace(priority=-e.key[0]) for e in self._current()]

    def _current(self) -> list[_Entry]:
        """The waiting entries that still count (not released, not bettered), best first."""
        return sorted(e for e in self._waiting if self._best.get(e.key[2]) == -e.key[0] and e.key[2] not in self._seen)

    def stalled(self) -> bool:
        """Links wait, nothing is in flight, and there is budget: the crawl lost track of an answer."""
        return bool(self._waiting) and not self.in_flight and self.spent < self.budget

    @property
    def finished(self) -> bool:
        """Nothing in flight and nothing more will be released."""
        return not self.in_flight and (not self._waiting or self.spent >= self.budget)

    def close(self) -> DiscoveryAccount:
        """The account, with every link still waiting noted as refused by the budget when it was spent, else as
        unvisited (the crawl was stopped), best first."""
        for key in list(self.in_flight):  # the crawl ended before it was answered
            self.done(key, failed="the crawl ended before it was answered")
        waiting = self._current()
        self._waiting = []
        outcome = REFUSED if self.spent >= self.budget else UNVISITED
        for entry in waiting:
            self._note_unreleased(entry, outcome)
        for entry in sorted(e for e in self._held if e.key[2] not in self._seen):
            self._note_unreleased(entry, HELD)
        self._held = []
        return self.account

    def _note_unreleased(self, entry: _Entry, outcome: str) -> None:
        self.account.visits.append(Visit(
            order=len(self.account.visits) + 1, url=entry.request.url, score=-entry.key[0], cue=entry.cue,
            depth=entry.key[1], role=entry.role, found_on=entry.found_on, outcome=outcome))
