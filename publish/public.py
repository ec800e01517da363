"""What the public sees, gathered once from the store (and the registry's codes): every council with its answers in
force, its published changes and the state of its documents. The site, the feeds and the dataset all render this.

Only published verdicts (what reviewers confirmed or corrected) are read; derived policies and pending flags never.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from registry import RETIRED, RegistryError, load_registry
from registry.loader import LOCAL
from rules.taxonomy import ACTIVITIES, ENGLAND, NATIONS
from store.councils import council_rows
from store.documents import known_sources
from store.policies import published_history
from store.records import PublishedEntry

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Change:
    """One published change of one activity of a council: what was published before (None the first time) and
    after, when and by whom."""

    council_code: str
    activity: str
    at: str
    reviewer: str | None
    before: PublishedEntry | None
    after: PublishedEntry

    @property
    def kind(self) -> str:
        """first published / verdict changed / conditions changed / wording changed."""
        if self.before is None:
            return "first published"
        if self.before.verdict != self.after.verdict:
            return "verdict changed"
        if self.before.conditions != self.after.conditions:
            return "conditions changed"
        return "wording changed"


@dataclass(frozen=True)
class SourceState:
    """One of a council's documents as the last checks left it."""

    url: str
    kind: str | None
    last_checked: str | None
    last_success: str | None
    consecutive_failures: int
    last_error: str | None


@dataclass(frozen=True)
class PublicCouncil:
    """A council as the public site shows it."""

    code: str
    name: str
    nation: str
    type: str = ""
    website: str = ""
    gss_code: str = ""
    nice_name: str = ""
    region: str = ""
    tier: str = ""  # principal or local
    parent: str = ""  # a local council's principal council (its code)
    parent_name: str = ""
    no_website_reason: str = ""  # why nothing of the council can be read (no website)
    entries: Mapping[str, PublishedEntry] = field(default_factory=dict)  # in force, by activity
    changes: tuple[Change, ...] = ()  # newest first
    sources: tuple[SourceState, ...] = ()

    @property
    def published(self) -> bool:
        return bool(self.entries)

    @property
    def conflicts(self) -> bool:
        """Some answer in force conflicts with the nation's statute."""
        return any(e.conflicts_with_statute for e in self.entries.values())

    @property
    def last_checked(self) -> str | None:
        """When its documents were last fetched (or tried)."""
        return max((s.last_checked for s in self.sources if s.last_checked), default=None)

    @property
    def last_reviewed(self) -> PublishedEntry | None:
        """The answer in force reviewed last (its `reviewer` and `reviewed_at`)."""
        return max(self.entries.values(), key=lambda e: e.reviewed_at or "", default=None)

    @property
    def failing(self) -> tuple[SourceState, ...]:
        """Its documents whose last fetch failed: their last good copy stands."""
        return tuple(s for s in self.sources if s.consecutive_failures > 0)

    @property
    def local(self) -> bool:
        """A local council (parish, town, community): listed under its principal council, not on the A to Z."""
        return self.tier == LOCAL

    @property
    def place(self) -> str:
        """Words a search for the council by place may use: its short name, its principal council's, its region."""
        return " ".join(p for p in (self.nice_name, self.parent_name, self.region) if p)


@dataclass(frozen=True)
class PublicData:
    """Everything the public site and dataset show, at one moment."""

    generated_at: str
    councils: tuple[PublicCouncil, ...]  # by name

    @property
    def published(self) -> tuple[PublicCouncil, ...]:
        return tuple(c for c in self.councils if c.published)

    @property
    def changes(self) -> list[Change]:
        """Every published change, newest first."""
        return sorted((c for council in self.councils for c in council.changes), key=lambda c: c.at, reverse=True)

    def nations(self) -> list[str]:
        """The nations present, in the taxonomy's order."""
        present = {c.nation for c in self.councils}
        return [n for n in NATIONS if n in present] + sorted(n for n in present if n not in NATIONS)


def gather(db: Database, generated_at: str, registry: str | Path | None = None) -> PublicData:
    """The public view of the store: active councils and any council with a published answer, with the registry's
    codes (GSS, short name, region) where it has the council."""
    extras = registry_extras(registry)
    councils = []
    for row in council_rows(db):
        history = published_history(db, row["code"])
        if row.get("status") == RETIRED and not history:
            continue
        councils.append(_council(row, extras.get(row["code"], {}), history, known_sources(db, row["code"])))
    councils.sort(key=lambda c: (c.name.casefold(), c.code))
    return PublicData(generated_at, tuple(councils))


def registry_extras(registry: str | Path | None) -> dict[str, dict[str, str]]:
    """GSS code, short name and region per council code, from the registry (empty when it cannot be read: the
    store's own council rows still publish)."""
    try:
        found, errors = load_registry(registry)
    except RegistryError as exc:
        logger.warning("publishing without the registry's codes: %s", exc)
        return {}
    if errors:
        logger.warning("%d registry entr(ies) unreadable: their councils publish without GSS codes", len(errors))
    names = {c.code: c.nice_name or c.name for c in found}
    return {c.code: {"gss_code": c.gss_code, "nice_name": c.nice_name, "region": c.region, "tier": c.tier,
                     "parent": c.parent, "parent_name": names.get(c.parent, "") if c.parent else "",
                     "no_website_reason": c.no_website_reason} for c in found}


def _council(row: Mapping[str, Any], extra: Mapping[str, str], history: list[PublishedEntry],
             sources: Iterable[Mapping[str, Any]]) -> PublicCouncil:
    changes = list(changes_of(row["code"], history))
    entries = {}
    for change in changes:  # oldest first: the last one of each activity is in force
        entries[change.activity] = change.after
    return PublicCouncil(
        code=row["code"], name=row.get("name") or row["code"], nation=row.get("nation") or "",
        type=row.get("type") or "", website=row.get("website") or "", gss_code=extra.get("gss_code", ""),
        nice_name=extra.get("nice_name", ""), region=extra.get("region", ""),
        tier=extra.get("tier") or row.get("tier") or "", parent=extra.get("parent") or row.get("parent") or "",
        parent_name=extra.get("parent_name", ""),
        no_website_reason=row.get("no_website_reason") or extra.get("no_website_reason", ""),  # the store's first
        entries={a: entries[a] for a in ACTIVITIES if a in entries} | {
            a: e for a, e in entries.items() if a not in ACTIVITIES},
        changes=tuple(reversed(changes)),
        sources=tuple(SourceState(url=s["url"], kind=s.get("kind"), last_checked=s.get("last_seen"),
                                  last_success=s.get("last_success"),
                                  consecutive_failures=int(s.get("consecutive_failures") or 0),
                                  last_error=s.get("last_error")) for s in sources),
    )


def changes_of(code: str, history: list[PublishedEntry]) -> Iterable[Change]:
    """A council's published rows (newest first, as the store gives them) as changes, oldest first. A row that
    publishes again what was in force (same verdict, conditions and clauses) is no change."""
    previous: dict[str, PublishedEntry] = {}
    for entry in reversed(history):
        before = previous.get(entry.activity)
        previous[entry.activity] = entry
        if before is not None and _same(before, entry):
            continue
        yield Change(code, entry.activity, entry.reviewed_at or "", entry.reviewer, before, entry)


def _same(a: PublishedEntry, b: PublishedEntry) -> bool:
    return (a.verdict, a.conditions, [e.quote for e in a.evidence]) == (
        b.verdict, b.conditions, [e.quote for e in b.evidence])


def statute_nation(council: PublicCouncil) -> bool:
    """True for a council of the nation whose statute gives the public the right to record (England)."""
    return council.nation == ENGLAND
