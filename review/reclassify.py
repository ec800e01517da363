"""Re-run the current classifier over stored texts, without fetching; differences become `reclassified` flags."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from sqlite_utils import Database

from review.changes import detect_changes
from review.kinds import RECLASSIFIED
from rules import CLASSIFIER_VERSION, classify
from rules.contract import finding_rows
from store.db import from_json, transaction, utcnow
from store.documents import add_findings, councils_with_newer_findings, snapshots_to_reclassify

logger = logging.getLogger(__name__)


@dataclass
class Reclassification:
    """What a reclassification did: snapshots re-read, councils re-derived, flags raised."""

    snapshots: int = 0
    councils: list[str] = field(default_factory=list)
    flags: list[int] = field(default_factory=list)


def reclassify(db: Database, councils: list[str] | None = None) -> Reclassification:
    """Bring the current texts in line with the classifier version in force, then re-derive their councils.

    Every current snapshot this version has not read is classified. The councils re-derived are those, and
    those whose texts a newer version has also read (the project was rolled back): their policy now rests on
    this version's findings, and any difference is a `reclassified` flag, not a change by the council.
    """
    now = utcnow()
    done = Reclassification()
    for snapshot in snapshots_to_reclassify(db, CLASSIFIER_VERSION, councils):
        result = classify(snapshot["text"], snapshot["nation"])
        with transaction(db):
            add_findings(db, snapshot["id"], finding_rows(result, from_json(snapshot["page_starts"], [0])),
                         CLASSIFIER_VERSION, now)
        done.snapshots += 1
        if snapshot["council"] not in done.councils:
            done.councils.append(snapshot["council"])
    logger.info("reclassified %d snapshot(s) of %d council(s) with %s", done.snapshots, len(done.councils),
                CLASSIFIER_VERSION)
    done.councils += [code for code in councils_with_newer_findings(db, CLASSIFIER_VERSION, councils)
                      if code not in done.councils]
    if done.councils:
        done.flags = detect_changes(db, done.councils, None, now, gone_after=0, cause=RECLASSIFIED,
                                    version=CLASSIFIER_VERSION)
    return done
