"""The review workflow: confirming a flag publishes its change; rejecting it is remembered."""

from __future__ import annotations

from sqlite_utils import Database

from review.kinds import NEW_COUNCIL, SOURCE_GONE
from store.db import utcnow
from store.documents import GONE, mark_source
from store.flags import CONFIRMED, PENDING, REJECTED, decide_flag, get_flag
from store.policies import publish


class ReviewError(Exception):
    """A review action that cannot be carried out."""


class FlagNotFound(ReviewError):
    """No flag with that number."""


class FlagNotPending(ReviewError):
    """The flag was already decided or superseded."""


class FlagOutOfScope(ReviewError):
    """The flag belongs to a council outside the registry the reviewer is working on."""


def find_flag(db: Database, flag_id: int, councils: set[str] | None = None) -> dict:
    """A flag by number, optionally only among the given councils' flags."""
    flag = get_flag(db, flag_id)
    if flag is None:
        raise FlagNotFound(f"no flag #{flag_id}")
    if councils is not None and flag["council"] not in councils:
        raise FlagOutOfScope(f"flag #{flag_id} is for {flag['council']}, which is not in the given registry")
    return flag


def _pending(db: Database, flag_id: int, councils: set[str] | None) -> dict:
    flag = find_flag(db, flag_id, councils)
    if flag["status"] != PENDING:
        raise FlagNotPending(f"flag #{flag_id} is already {flag['status']}")
    return flag


def confirm(db: Database, flag_id: int, reviewer: str, note: str | None = None,
            councils: set[str] | None = None) -> dict:
    """Accept a flagged change: publish what it proposes (or retire a gone source). Returns the flag."""
    if not reviewer.strip():
        raise ReviewError("a reviewer name is required")
    now = utcnow()
    with db.atomic():
        flag = _pending(db, flag_id, councils)
        if flag["kind"] == SOURCE_GONE:
            mark_source(db, flag["source_id"], GONE)
        elif flag["kind"] == NEW_COUNCIL:
            for entry in flag["after"].values():
                publish(db, flag["council"], entry, flag_id, reviewer, now)
        else:
            publish(db, flag["council"], flag["after"], flag_id, reviewer, now)
        decide_flag(db, flag_id, CONFIRMED, reviewer, now, note)
    return flag


def reject(db: Database, flag_id: int, reviewer: str, note: str, councils: set[str] | None = None) -> dict:
    """Refuse a flagged change; the published policy stays and the same change will not flag again."""
    if not note.strip():
        raise ReviewError("say why the change is rejected (--note)")
    if not reviewer.strip():
        raise ReviewError("a reviewer name is required")
    with db.atomic():
        flag = _pending(db, flag_id, councils)
        decide_flag(db, flag_id, REJECTED, reviewer, utcnow(), note)
    return flag
