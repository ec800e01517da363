"""Documents keep their identity: a source that vanished and a new source with the same (or nearly the
same) text are one document that moved, not one gone and one new."""

from __future__ import annotations

import logging
import re

from sqlite_utils import Database

from store.lineage import current_text, mark_moved, newer_sources

logger = logging.getLogger(__name__)

SIMILAR = 0.85  # share of word 5-grams two texts must have in common to be one document
WORD = re.compile(r"\w+")


def shingles(text: str, size: int = 5) -> set[tuple[str, ...]]:
    """The text's overlapping word n-grams, lower-cased: robust to re-flowed lines and re-paginated PDFs."""
    words = WORD.findall(text.lower())
    return {tuple(words[i:i + size]) for i in range(max(1, len(words) - size + 1))}


def similarity(a: str, b: str) -> float:
    """Jaccard similarity of two texts' word 5-grams (1.0 for the same words in the same order)."""
    left, right = shingles(a), shingles(b)
    return len(left & right) / len(left | right) if left or right else 1.0


def find_successor(db: Database, source: dict) -> dict | None:
    """The source that now carries this failing source's text, if the council republished it.

    The same text at any other address counts; nearly the same text only at an address first seen since
    the old one last answered (so two similar documents that long lived side by side are not merged).
    """
    old = current_text(db, source["id"])
    if old is None:
        return None
    best, best_score = None, SIMILAR
    for candidate in newer_sources(db, source["council"], source["id"], None):
        if candidate["text_sha256"] == old["text_sha256"]:
            return candidate
        if candidate["first_seen"] < (source["last_success"] or ""):
            continue
        score = similarity(old["text"], candidate["text"])
        if score >= best_score:
            best, best_score = candidate, score
    return best


def follow_move(db: Database, source: dict) -> dict | None:
    """Link a failing source to its successor when there is one; return the successor."""
    successor = find_successor(db, source)
    if successor is not None:
        mark_moved(db, source["id"], successor["id"])
        logger.info("%s: %s moved to %s", source["council"], source["url"], successor["url"])
    return successor
