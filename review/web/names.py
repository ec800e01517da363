"""Link names that say where a link goes: "Testshire County Council protocol, page 12", not "the document"."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlite_utils import Database

from store.documents import find_source
from store.records import Evidence


def document_names(db: Database, council: Mapping[str, Any] | None, code: str,
                   evidence: Iterable[Evidence]) -> dict[str, str]:
    """For each source URL quoted, the document's name: the council's name and the kind of document."""
    owner = (council or {}).get("name") or code
    names: dict[str, str] = {}
    for e in evidence:
        if e.source_url and e.source_url not in names:
            source = find_source(db, code, e.source_url)
            kind = (source or {}).get("kind") or "document"
            names[e.source_url] = f"{owner} {kind.replace('_', ' ')}"
    return names


def where(name: str, e: Evidence) -> str:
    """`Testshire County Council protocol, page 12` (no page when none is known)."""
    return f"{name}, page {e.page}" if e.page else name
