"""Change detection after a crawl: derive each council's policy, compare it with the published one, flag.

What counts as a change is ../shared/DESIGN.md "What counts as a change". A fetch failure never is.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlite_utils import Database

from review.kinds import CONFLICT, NEW_COUNCIL, POLICY_CHANGE, SOURCE_GONE, WORDING_CHANGE
from review.policy import derive_policy, fingerprint, verdict_key, wording_key
from rules.taxonomy import ACTIVITIES, CONFLICTING, UNKNOWN
from store.councils import council_rows
from store.documents import ACTIVE, current_findings, known_sources
from store.flags import raise_flag, supersede_pending
from store.policies import published_policy, save_policy

logger = logging.getLogger(__name__)

GONE_STATUSES = (404, 410)


def detect_changes(db: Database, codes: list[str], run_id: int | None, now: str, gone_after: int) -> list[int]:
    """Derive and store the policy of each council, and raise the flags its differences call for."""
    raised: list[int] = []
    for council in council_rows(db, codes):
        raised += _council_changes(db, council, run_id, now)
        raised += _gone_sources(db, council["code"], run_id, now, gone_after)
    return raised


def _council_changes(db: Database, council: dict[str, Any], run_id: int | None, now: str) -> list[int]:
    code = council["code"]
    derived = derive_policy(current_findings(db, code), council["nation"])
    save_policy(db, run_id, code, list(derived.values()), now)
    published = published_policy(db, code)
    if not published:
        if all(entry["verdict"] == UNKNOWN for entry in derived.values()):
            return []  # nothing found yet: shown in status, nothing for a reviewer to confirm
        flag = raise_flag(db, council=code, kind=NEW_COUNCIL, after=derived, fingerprint=fingerprint(derived),
                          run_id=run_id, now=now)
        return [flag] if flag else []
    raised = []
    for activity in ACTIVITIES:
        flag = _activity_change(db, code, activity, published.get(activity), derived[activity], run_id, now)
        if flag:
            raised.append(flag)
    return raised


def _activity_change(
    db: Database, code: str, activity: str, before: dict | None, after: dict, run_id: int | None, now: str,
) -> int | None:
    if after["verdict"] == CONFLICTING and (before is None or before["verdict"] != CONFLICTING
                                            or wording_key(before) != wording_key(after)):
        kind = CONFLICT
    elif before is None or verdict_key(before) != verdict_key(after):
        kind = POLICY_CHANGE
    elif wording_key(before) != wording_key(after):
        kind = WORDING_CHANGE
    else:
        kind = None
    for other in (CONFLICT, POLICY_CHANGE, WORDING_CHANGE):
        if other != kind:
            supersede_pending(db, council=code, kind=other, activity=activity, now=now)
    if kind is None:
        return None
    return raise_flag(db, council=code, kind=kind, activity=activity, before=_plain(before), after=after,
                      fingerprint=fingerprint(after), run_id=run_id, now=now)


def _plain(entry: dict | None) -> dict | None:
    if entry is None:
        return None
    keys = ("activity", "verdict", "conditions", "evidence", "conflicts_with_statute", "reviewer", "reviewed_at")
    return {k: entry[k] for k in keys if k in entry}


def _gone_sources(db: Database, code: str, run_id: int | None, now: str, gone_after: int) -> list[int]:
    raised = []
    for source in known_sources(db, code):
        gone = source["status"] == ACTIVE and (
            source["last_status"] in GONE_STATUSES and source["consecutive_failures"] > 0
            or source["consecutive_failures"] >= gone_after)
        if not gone:
            supersede_pending(db, council=code, kind=SOURCE_GONE, source_id=source["id"], now=now)
            continue
        after = {"url": source["url"], "kind": source["kind"], "last_status": source["last_status"],
                 "last_error": source["last_error"], "consecutive_failures": source["consecutive_failures"],
                 "last_success": source["last_success"]}
        flag = raise_flag(db, council=code, kind=SOURCE_GONE, source_id=source["id"], after=after,
                          fingerprint=fingerprint({"url": source["url"], "since": source["last_success"]}),
                          run_id=run_id, now=now)
        if flag:
            logger.info("%s: source gone: %s (%s)", code, source["url"], source["last_error"])
            raised.append(flag)
    return raised
