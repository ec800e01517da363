"""Health an operator (or a monitor) can see: recent runs, failing and unreadable sources, councils with no
policy found (and why, from their last discovery), texts the classifier in force has not read yet, when the
scheduler last fired, and whether the last run failed or is overdue."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlite_utils import Database

from review.why import councils_without_policy
from rules import CLASSIFIER_VERSION
from store.appsettings import get_setting
from store.documents import count_snapshots_to_reclassify, failing_sources, unreadable_sources
from store.runs import ABORTED, RUNNING, last_run, last_run_of, recent_runs

SCHEDULER_FIRED = "scheduler_last_fired"
NIGHTLY = "nightly"


@dataclass
class Health:
    """The state of the store's crawling, and what is wrong with it."""

    runs: list[dict]
    failing: list[dict]
    unreadable: list[dict]
    without_policy: list[dict]  # council rows, each with the `reason` from its last discovery (review/why.py)
    scheduler_last_fired: str | None
    last_nightly: dict | None
    classifier_version: str = CLASSIFIER_VERSION
    # Current texts the classifier in force has not read yet (their older findings stand): `ocm reclassify`.
    not_reclassified: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def health(db: Database, now: datetime, overdue_hours: float, stuck_seconds: float, failing_nights: int = 1,
           ) -> Health:
    """Read the store's health. Problems: the last run failed, is stuck, or the nightly run is overdue."""
    state = Health(
        runs=recent_runs(db, 10),
        failing=[s for s in failing_sources(db) if s["consecutive_failures"] >= failing_nights],
        unreadable=unreadable_sources(db),
        without_policy=councils_without_policy(db),
        scheduler_last_fired=get_setting(db, SCHEDULER_FIRED),
        last_nightly=last_run_of(db, NIGHTLY),
        not_reclassified=count_snapshots_to_reclassify(db, CLASSIFIER_VERSION),
    )
    state.problems = _problems(last_run(db), state.last_nightly, now, overdue_hours, stuck_seconds)
    return state


def _problems(last: dict | None, nightly: dict | None, now: datetime, overdue_hours: float,
              stuck_seconds: float) -> list[str]:
    problems = []
    if last is None:
        return ["no run has been recorded yet"]
    if last["status"] == ABORTED:
        problems.append(f"the last run ({last['id']}) was aborted: {last['finish_reason']}")
    elif last["status"] == RUNNING and now - datetime.fromisoformat(last["started_at"]) > timedelta(
            seconds=stuck_seconds):
        problems.append(f"the last run ({last['id']}) has been running since {last['started_at']}")
    elif last["status"] != RUNNING and last["finish_reason"] != "finished":
        problems.append(f"the last run ({last['id']}) ended: {last['finish_reason']}")
    elif last["status"] != RUNNING and last["requests"] > 0 and last["documents"] == 0 and last["errors"] > 0:
        problems.append(f"the last run ({last['id']}) fetched no document: {last['errors']} errors")
    if nightly is None:
        problems.append("no nightly run has been recorded yet")
    elif now - datetime.fromisoformat(nightly["started_at"]) > timedelta(hours=overdue_hours):
        problems.append(f"the nightly run is overdue: the last one started {nightly['started_at']}")
    return problems
