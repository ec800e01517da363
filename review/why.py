"""What a council's last discovery saw, and why its policy was not found: for a maintainer fixing a council
(`ocm councils why`) and for the operator's list of councils without a policy (`ocm status`).

Read from the store only: the discovery's account (`store.discovery`: every link in the order taken, with its
score, and those the page budget refused), the council's sources fetched in that run with their findings, and
the pages found silent. A council's policy is found when a finding in force on one of its current texts states a
verdict; otherwise the reason is the first of `REASONS` that holds.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlite_utils import Database

from rules import CLASSIFIER_VERSION
from rules.taxonomy import NOT_STATED, UNKNOWN
from spiders.links import CANDIDATE
from store.councils import council_rows
from store.discovery import FAILED, FETCHED, HELD, REFUSED, UNVISITED, last_discovery
from store.documents import UNREADABLE, checked_page_urls, current_verdicts, fetched_in_run

# Why a council's policy was not found, in the order they are tried (the first that holds is the reason).
BUDGET_RAN_OUT = "budget ran out"  # the page budget was spent with candidates or pages still waiting
CRAWL_STOPPED = "crawl stopped"  # the crawl ended (stopped, timed out) with links still waiting
NO_CANDIDATE = "no candidate link"  # no page fetched linked anything that may be policy
ALL_FAILED = "all candidates failed"  # every candidate's fetch failed (or left nothing to read)
UNREADABLE_CANDIDATES = "unreadable"  # a candidate document has no text layer (a scanned PDF)
SAID_NOTHING = "candidates said nothing"  # every candidate read says nothing about recording at meetings
NOT_DISCOVERED = "never discovered"  # no discovery of the council is recorded: nothing to explain yet
NO_WEBSITE = "no website"  # the registry says the council has none, and why: its verdicts are unknown
REASONS = (BUDGET_RAN_OUT, CRAWL_STOPPED, NO_CANDIDATE, ALL_FAILED, UNREADABLE_CANDIDATES, SAID_NOTHING)

# What became of a candidate link (`Explanation.candidates`, each visit's `result`).
KEPT = "kept"  # a source whose text states a verdict
SILENT = "says nothing"  # read (a source, or a page not kept), nothing about recording
NOT_KEPT = "not kept"  # fetched, but nothing was stored: its text could not be extracted, or an error page
UNREAD = "unreadable"  # kept as a source without text (a scanned PDF)
LOST = "failed"  # the fetch failed
WAITING = {REFUSED: "refused", UNVISITED: "not reached", HELD: "held back"}  # never fetched

# What a maintainer can do about each reason.
HINTS = {
    BUDGET_RAN_OUT: "raise OCM_MAX_PAGES_PER_COUNCIL (ocm crawl -s OCM_MAX_PAGES_PER_COUNCIL=120 --council CODE), "
                    "or list the policy document under `documents` in the registry entry",
    CRAWL_STOPPED: "crawl the council again; if it keeps stopping, see the run's finish reason in ocm status",
    NO_CANDIDATE: "find the policy on the site and add the wording of the link to it to spiders/links.py, "
                  "or list the document under `documents` in the registry entry",
    ALL_FAILED: "open the addresses in a browser: moved (list the new one under `documents`), or refusing the "
                "crawler",
    UNREADABLE_CANDIDATES: "a scanned document has no text to classify: look for a text version of it, or read "
                           "it and correct the verdict by hand (ocm review correct)",
    SAID_NOTHING: "if one of them does speak of recording, it is a classifier miss (rules/, docs/classifier.md); "
                  "otherwise the policy is elsewhere: list it under `documents` in the registry entry",
}


class DiscoveryNotFound(Exception):
    """There is no discovery to explain for this council."""


class CouncilNotInStore(DiscoveryNotFound):
    """The store has no such council (councils are copied into it from the registry by each crawl)."""


class NeverDiscovered(DiscoveryNotFound):
    """The council is in the store, but no discovery of its sites is recorded."""


@dataclass
class Explanation:
    """One council's last discovery, what it kept, and (when its policy was not found) why."""

    council: dict[str, Any]  # its store row: code, name, nation, website, democracy_url ...
    discovery: dict[str, Any]  # run_id, mode, budget (0: no limit), fetched, failed, refused, recorded_at
    visits: list[dict[str, Any]]  # every link in the order taken, then those left waiting; candidates: `result`
    documents: list[dict[str, Any]]  # the council's sources fetched in that run, with `verdicts` by activity
    policy_found: bool
    reason: str | None = None  # one of REASONS when the policy was not found
    detail: str = ""  # the reason in a sentence, with the counts behind it
    hint: str = ""  # what a maintainer can do about it
    stated: list[str] = field(default_factory=list)  # when found: the verdicts its current texts state

    def as_dict(self) -> dict[str, Any]:
        """Everything, for `--json`: with the candidates, and the links refused best first, listed apart too."""
        return {**asdict(self), "candidates": self.candidates, "refused": self.refused, "unvisited": self.unvisited,
                "held": self.held}

    @property
    def visited(self) -> list[dict[str, Any]]:
        """The links fetched (or failed), in the order taken."""
        return [v for v in self.visits if v["outcome"] in (FETCHED, FAILED)]

    @property
    def candidates(self) -> list[dict[str, Any]]:
        """Every candidate link found, in the order taken (those never fetched last, best first)."""
        return [v for v in self.visits if v["role"] == CANDIDATE]

    @property
    def refused(self) -> list[dict[str, Any]]:
        """The links the budget refused, best first (then shallow, then by address, as the frontier orders)."""
        return _best_first(v for v in self.visits if v["outcome"] == REFUSED)

    @property
    def held(self) -> list[dict[str, Any]]:
        """The committee and meeting pages not followed because candidates were found elsewhere, best first."""
        return _best_first(v for v in self.visits if v["outcome"] == HELD)

    @property
    def unvisited(self) -> list[dict[str, Any]]:
        """The links still waiting when the crawl ended early, best first."""
        return _best_first(v for v in self.visits if v["outcome"] == UNVISITED)


def _best_first(visits: Any) -> list[dict[str, Any]]:
    return sorted(visits, key=lambda v: (-v["score"], v["depth"], v["url"]))


def explain(db: Database, code: str) -> Explanation:
    """Explain the council's last discovery. Raises CouncilNotInStore or NeverDiscovered."""
    code = code.strip().upper()
    found = council_rows(db, [code])
    if not found:
        raise CouncilNotInStore(f"no council {code!r} in the store: councils are added to it by their first crawl "
                                f"(ocm crawl --council {code})")
    discovery = last_discovery(db, code)
    if discovery is None and found[0].get("no_website_reason"):
        raise NeverDiscovered(f"{code} has no website to discover ({found[0]['no_website_reason']}): its verdicts "
                              "are published as unknown, for that reason")
    if discovery is None:
        raise NeverDiscovered(f"{code} has no discovery recorded yet: crawl it first (ocm crawl --council {code})")
    visits = discovery.pop("visits")
    documents = fetched_in_run(db, code, discovery["run_id"], CLASSIFIER_VERSION)
    _mark_candidates(visits, documents, checked_page_urls(db, code))
    stated = sorted(_stated(current_verdicts(db, CLASSIFIER_VERSION, [code]).get(code, set())))
    explanation = Explanation(found[0], discovery, visits, documents, policy_found=bool(stated), stated=stated)
    if not stated:
        explanation.reason, explanation.detail = not_found_reason(visits, documents, discovery["budget"])
        explanation.hint = HINTS[explanation.reason]
    return explanation


def councils_without_policy(db: Database) -> list[dict[str, Any]]:
    """The store's councils whose policy was not found, by code, each row with the `reason` from its last discovery
    (NOT_DISCOVERED when none is recorded)."""
    verdicts = current_verdicts(db, CLASSIFIER_VERSION)
    found = []
    for council in council_rows(db):
        if _stated(verdicts.get(council["code"], set())):
            continue
        if council.get("no_website_reason"):
            found.append({**council, "reason": f"{NO_WEBSITE}: {council['no_website_reason']}"})
            continue
        try:
            reason = explain(db, council["code"]).reason or SAID_NOTHING
        except NeverDiscovered:
            reason = NOT_DISCOVERED
        found.append({**council, "reason": reason})
    return found


def _stated(verdicts: set[str]) -> set[str]:
    """The verdicts that say something: not silence, not 'nothing found'."""
    return verdicts - {NOT_STATED, UNKNOWN}


def _mark_candidates(visits: list[dict[str, Any]], documents: list[dict[str, Any]], silent_pages: set[str]) -> None:
    """Set each candidate visit's `result` (and `document`, the source it became, if any)."""
    by_url = {d["url"]: d for d in documents}
    for visit in visits:
        if visit["role"] != CANDIDATE:
            continue
        document = by_url.get(visit["url"])
        visit["document"] = document
        if visit["outcome"] in WAITING:
            visit["result"] = WAITING[visit["outcome"]]
        elif visit["outcome"] == FAILED:
            visit["result"] = LOST
        elif document is not None:
            visit["result"] = document_result(document)
        elif visit["url"] in silent_pages:
            visit["result"] = SILENT
        else:
            visit["result"] = NOT_KEPT


def document_result(document: dict[str, Any]) -> str:
    """What a source fetched in the run amounts to: KEPT, SILENT, UNREAD or LOST."""
    if document["outcome"] == UNREADABLE:
        return UNREAD
    if document["outcome"] == FAILED:
        return LOST
    return KEPT if _stated(set(document["verdicts"].values())) else SILENT


def not_found_reason(visits: list[dict[str, Any]], documents: list[dict[str, Any]], budget: int) -> tuple[str, str]:
    """Why a discovery found no policy, and the counts behind it in a sentence: the first of REASONS that holds.
    `visits` carry their `result` (candidates); `documents` are the sources fetched in the discovery's run (known
    and registry documents, fetched outside discovery, count as candidates too)."""
    refused = _best_first(v for v in visits if v["outcome"] == REFUSED)
    if refused:
        candidates = [v for v in refused if v["role"] == CANDIDATE]
        best = (f", the best scored {candidates[0]['score']} ({candidates[0]['cue']})" if candidates else "")
        return BUDGET_RAN_OUT, (f"the page budget ({budget}) was spent with {len(refused)} link(s) waiting: "
                                f"{len(candidates)} candidate(s){best}, and {len(refused) - len(candidates)} "
                                f"page(s) that may lead to more")
    waiting = [v for v in visits if v["outcome"] == UNVISITED]
    if waiting:
        return CRAWL_STOPPED, f"the crawl ended with {len(waiting)} link(s) not reached"
    linked = {v["url"] for v in visits if v["role"] == CANDIDATE}
    results = [v["result"] for v in visits if v["role"] == CANDIDATE]
    results += [document_result(d) for d in documents if d["url"] not in linked]
    if not results:
        pages = sum(1 for v in visits if v["outcome"] == FETCHED)
        return NO_CANDIDATE, f"none of the {pages} page(s) fetched linked anything that may be policy"
    counts = Counter(results)
    if counts[LOST] + counts[NOT_KEPT] == len(results):
        errors = Counter(_failure(v) for v in visits if v["role"] == CANDIDATE)
        errors.update(d["error"] or "failed" for d in documents if d["url"] not in linked)
        return ALL_FAILED, f"all {len(results)} candidate(s) failed: " + ", ".join(
            f"{error} ({n})" for error, n in errors.most_common())
    if counts[UNREAD]:
        return UNREADABLE_CANDIDATES, (f"{counts[UNREAD]} of {len(results)} candidate(s) have no text to read "
                                       f"(scanned?), and none of the others states a verdict")
    return SAID_NOTHING, (f"{counts[SILENT]} candidate(s) read say nothing about recording at meetings"
                          + (f"; {len(results) - counts[SILENT]} failed" if len(results) > counts[SILENT] else ""))


def _failure(visit: dict[str, Any]) -> str:
    """Why a candidate came to nothing, in a few words."""
    document = visit.get("document")
    if visit.get("detail"):
        return str(visit["detail"])
    if document is not None and document.get("error"):
        return str(document["error"])
    return "fetched, nothing stored (no text extracted, or an error page: see the crawl log)"
