"""Where each council stands, for the councils list: published, pending review, no policy found, source failing
(a council may be several at once)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlite_utils import Database

from rules import CLASSIFIER_VERSION
from rules.taxonomy import NOT_STATED, UNKNOWN
from store.documents import current_verdicts, failing_sources
from store.flags import PENDING, list_flags
from store.policies import published_councils

PUBLISHED = "published"
PENDING_REVIEW = "pending"
NO_POLICY = "no policy found"
SOURCE_FAILING = "source failing"
STANDINGS: tuple[str, ...] = (PUBLISHED, PENDING_REVIEW, NO_POLICY, SOURCE_FAILING)


def standings(db: Database, councils: Iterable[Mapping[str, Any]]) -> dict[str, list[str]]:
    """Each council's standings by code, in `STANDINGS` order."""
    published = set(published_councils(db))
    pending = {f.council for f in list_flags(db, PENDING)}
    failing = {s["council"] for s in failing_sources(db)}
    stated = {code for code, verdicts in current_verdicts(db, CLASSIFIER_VERSION).items()
              if verdicts - {NOT_STATED, UNKNOWN}}
    out: dict[str, list[str]] = {}
    for council in councils:
        code = council["code"]
        marks = {PUBLISHED: code in published, PENDING_REVIEW: code in pending,
                 NO_POLICY: code not in published and code not in stated, SOURCE_FAILING: code in failing}
        out[code] = [s for s in STANDINGS if marks[s]]
    return out


def matches(council: Mapping[str, Any], words: str) -> bool:
    """Every word of the search is in the council's code or name (any case)."""
    named = f"{council['code']} {council.get('name') or ''}".lower()
    return all(word in named for word in words.lower().split())
