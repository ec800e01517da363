"""Source lineage: a document republished at a new address is linked to its old address."""

from __future__ import annotations

from sqlite_utils import Database

from store.db import rows, update

MOVED = "moved"


def newer_sources(db: Database, council: str, source_id: int, since: str | None) -> list[dict]:
    """Other active sources of the council first seen at or after `since` (all if None), with current text."""
    return rows(db, """
        SELECT s.id, s.url, s.kind, s.first_seen, sn.text, sn.text_sha256
        FROM source s JOIN snapshot sn ON sn.id = (SELECT MAX(id) FROM snapshot WHERE source_id = s.id)
        WHERE s.council = ? AND s.id != ? AND s.status = 'active' AND s.first_seen >= ?
        ORDER BY s.id""", [council, source_id, since or ""])


def current_text(db: Database, source_id: int) -> dict | None:
    """The current snapshot's text and hash of a source."""
    found = rows(db, "SELECT text, text_sha256 FROM snapshot WHERE source_id = ? ORDER BY id DESC LIMIT 1",
                 [source_id])
    return found[0] if found else None


def mark_moved(db: Database, old_id: int, new_id: int) -> None:
    """Retire the old address in favour of the new one; the old source's history stays, linked."""
    update(db, "source", old_id, {"status": MOVED, "replaced_by": new_id})
