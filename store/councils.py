"""Council rows: the registry's view of each council, kept in the store for joins and exports."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from sqlite_utils import Database

from store.db import rows, transaction, utcnow


class CouncilEntry(Protocol):
    """What the store keeps of a council's registry entry (a `registry.Council`): the store imports nothing above
    it, so it names the fields it reads."""

    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def nation(self) -> str: ...
    @property
    def type(self) -> str: ...
    @property
    def website(self) -> str: ...
    @property
    def democracy_url(self) -> str: ...
    @property
    def platform(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def tier(self) -> str: ...
    @property
    def parent(self) -> str: ...
    @property
    def no_website_reason(self) -> str: ...


def upsert_councils(db: Database, councils: Iterable[CouncilEntry]) -> None:
    """Insert or refresh the council rows for these councils."""
    now = utcnow()
    with transaction(db):
        for c in councils:
            db.execute(
                """INSERT INTO council (code, name, nation, type, website, democracy_url, platform, status,
                                        tier, parent, no_website_reason, updated_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT(code) DO UPDATE SET name=excluded.name, nation=excluded.nation,
                     type=excluded.type, website=excluded.website, democracy_url=excluded.democracy_url,
                     platform=excluded.platform, status=excluded.status, tier=excluded.tier,
                     parent=excluded.parent, no_website_reason=excluded.no_website_reason,
                     updated_at=excluded.updated_at""",
                [c.code, c.name, c.nation, c.type, c.website, c.democracy_url, c.platform, c.status, c.tier,
                 c.parent or None, c.no_website_reason or None, now],
            )


def council_rows(db: Database, codes: Iterable[str] | None = None) -> list[dict]:
    """Council rows, all or just these codes, ordered by code."""
    if codes is None:
        return rows(db, "SELECT * FROM council ORDER BY code")
    wanted = list(codes)
    marks = ", ".join("?" for _ in wanted)
    return rows(db, f"SELECT * FROM council WHERE code IN ({marks}) ORDER BY code", wanted)
