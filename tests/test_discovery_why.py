"""`ocm councils why` and the reasons in `ocm status`: what a council's last discovery saw, and why no policy was
found, from store rows made by the store's own functions; then once on a real crawl of the sample web."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from cli import main
from review.why import (
    ALL_FAILED,
    BUDGET_RAN_OUT,
    CRAWL_STOPPED,
    NO_CANDIDATE,
    NOT_DISCOVERED,
    SAID_NOTHING,
    UNREADABLE_CANDIDATES,
    CouncilNotInStore,
    NeverDiscovered,
    explain,
)
from review.why_render import short_url, why_text
from rules.taxonomy import ACTIVITIES, NOT_STATED
from spiders.frontier import FAILED, FETCHED, REFUSED, UNVISITED
from spiders.links import CANDIDATE, PAGE
from store.discovery import VisitRecord, record_discovery
from store.documents import FetchedDocument, SourceRef, record_checked_page, record_document, record_unreadable
from store.runs import start_run
from tests.conftest import run_ocm, settings_args
from tests.test_changes import NOW, findings

SITE = "http://127.0.0.1:9"


def link(order: int, path: str, score: int, role: str = PAGE, outcome: str = FETCHED, found_on: str = "",
         cue: str = "", detail: str = "") -> VisitRecord:
    return VisitRecord(order, SITE + path, score, cue or path.strip("/") or "start page", path.count("/"), role,
                       found_on and SITE + found_on, outcome, detail)


START = link(1, "/", 100)
DEMOCRACY = link(2, "/council-and-democracy", 50, found_on="/")


def discover(db, visits, budget: int = 60, mode: str = "walk") -> int:
    run = start_run(db, "manual", 1)
    record_discovery(db, run, "TST", mode, budget, visits, NOW)
    return run


def keep(db, run: int, path: str, rows, kind: str = "standing_orders", found_via: str = "discovery") -> None:
    """A document fetched in the run, with its findings."""
    text = " ".join(f"{row['activity']} {row['verdict']}" for row in rows)
    doc = FetchedDocument(fetched_at=NOW, http_status=200, final_url=SITE + path, content_type="application/pdf",
                          body=text.encode(), text=text, format="pdf", title=None, page_count=1, page_starts=[0],
                          dates=[], findings=rows, classifier_version="test")
    record_document(db, run, SourceRef("TST", SITE + path, kind, found_via), doc)


SILENT = findings(filming=NOT_STATED, others=NOT_STATED)


def ocm(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_the_budget_ran_out_lists_visits_in_order_and_refusals_best_first(db, db_path, council):
    discover(db, [START, DEMOCRACY,
                  link(3, "/council-and-democracy/standing-orders", 92, CANDIDATE, REFUSED, "/council-and-democracy",
                       "procedure"),
                  link(4, "/committees/planning", 10, PAGE, REFUSED, "/council-and-democracy", "committee"),
                  link(5, "/filming-at-meetings", 96, CANDIDATE, REFUSED, "/", "filming")], budget=2)
    found = explain(db, "tst")
    assert found.reason == BUDGET_RAN_OUT and not found.policy_found
    assert "budget (2)" in found.detail and "2 candidate(s), the best scored 96 (filming)" in found.detail
    assert [v["url"] for v in found.refused] == [SITE + "/filming-at-meetings",
                                                 SITE + "/council-and-democracy/standing-orders",
                                                 SITE + "/committees/planning"]
    text = why_text(found)
    assert "No policy found: budget ran out." in text and "OCM_MAX_PAGES_PER_COUNCIL" in text
    assert text.index("Visited, in order (2)") < text.index("  1    100  start page") < text.index(
        "  2     50  council-and-democracy")
    refused = text[text.index("Refused by the budget (3), best first:"):]
    assert refused.index("/filming-at-meetings") < refused.index("/standing-orders") < refused.index("/planning")
    assert "#2" in refused  # found on the page visited second
    assert "Candidates found (2):" in text and "refused" in text


def test_no_candidate_link(db, council):
    discover(db, [START, DEMOCRACY, link(3, "/news", 10, found_on="/")])
    found = explain(db, "TST")
    assert found.reason == NO_CANDIDATE and "none of the 3 page(s) fetched" in found.detail
    assert "No policy found: no candidate link." in why_text(found)


def test_all_candidates_failed(db, council):
    discover(db, [START, link(2, "/standing-orders.pdf", 92, CANDIDATE, FAILED, "/", detail="HTTP 404"),
                  link(3, "/filming", 96, CANDIDATE, FAILED, "/", detail="TimeoutError: took too long")])
    found = explain(db, "TST")
    assert found.reason == ALL_FAILED
    assert "all 2 candidate(s) failed" in found.detail and "HTTP 404 (1)" in found.detail
    assert "failed: HTTP 404" in why_text(found)


def test_unreadable_candidates(db, council):
    run = discover(db, [START, link(2, "/standing-orders.pdf", 92, CANDIDATE, FETCHED, "/"),
                        link(3, "/attending-meetings", 80, CANDIDATE, FETCHED, "/")])
    record_unreadable(db, run, SourceRef("TST", SITE + "/standing-orders.pdf", "standing_orders", "discovery"), NOW,
                      200, "NoTextLayer: no text in 12 pages")
    record_checked_page(db, "TST", SITE + "/attending-meetings", "b", "t", "test", NOW)
    found = explain(db, "TST")
    assert found.reason == UNREADABLE_CANDIDATES and "1 of 2 candidate(s) have no text" in found.detail
    assert [v["result"] for v in found.candidates] == ["unreadable", "says nothing"]
    assert "unreadable: NoTextLayer: no text in 12 pages" in why_text(found)


def test_a_known_document_fetched_outside_discovery_counts_as_a_candidate(db, council):
    """A night that re-reads only the linking page: the unreadable known document is the reason, not the lack of
    candidate links (it was fetched directly)."""
    run = discover(db, [link(1, "/council-and-democracy", 100, cue="a page linking known documents")],
                   mode="link_pages")
    record_unreadable(db, run, SourceRef("TST", SITE + "/standing-orders.pdf", "standing_orders", "known"), NOW, 200,
                      "NoTextLayer: scanned")
    assert explain(db, "TST").reason == UNREADABLE_CANDIDATES


def test_candidates_said_nothing_and_status_lists_the_council_with_its_reason(db, db_path, council):
    run = discover(db, [START, link(2, "/attending-meetings", 80, CANDIDATE, FETCHED, "/"),
                        link(3, "/standing-orders.pdf", 92, CANDIDATE, FETCHED, "/")])
    record_checked_page(db, "TST", SITE + "/attending-meetings", "b", "t", "test", NOW)
    keep(db, run, "/standing-orders.pdf", SILENT)
    found = explain(db, "TST")
    assert found.reason == SAID_NOTHING and "2 candidate(s) read say nothing" in found.detail
    assert "says nothing about recording at meetings" in why_text(found)
    # A council whose documents are all silent has no policy found, whatever its derived verdict `not_stated`.
    status = ocm("status", "--db", str(db_path))
    assert "TST Testshire County Council: candidates said nothing" in status.output
    assert "ocm councils why CODE" in status.output
    data = json.loads(ocm("status", "--db", str(db_path), "--json").output)
    assert [(c["code"], c["reason"]) for c in data["without_policy"]] == [("TST", SAID_NOTHING)]


def test_a_crawl_stopped_before_its_links_were_reached(db, council):
    discover(db, [START, link(2, "/standing-orders", 92, CANDIDATE, UNVISITED, "/")])
    found = explain(db, "TST")
    assert found.reason == CRAWL_STOPPED and "Not reached when the crawl ended (1)" in why_text(found)


def test_a_policy_found_has_no_reason_and_status_does_not_list_it(db, db_path, council):
    run = discover(db, [START, link(2, "/filming", 96, CANDIDATE, FETCHED, "/"),
                        link(3, "/committees", 10, PAGE, REFUSED, "/")], budget=2)
    keep(db, run, "/filming", findings(), kind="protocol")
    found = explain(db, "TST")
    assert found.policy_found and found.reason is None and found.stated == ["allowed"]
    assert [v["result"] for v in found.candidates] == ["kept"]
    text = why_text(found)
    assert "Policy found" in text and "budget ran out too: 1 link(s) refused" in text
    assert ", ".join(f"{a} allowed" for a in sorted(ACTIVITIES)) in text
    assert json.loads(ocm("status", "--db", str(db_path), "--json").output)["without_policy"] == []


def test_why_on_the_command_line(db, db_path, council):
    discover(db, [START, DEMOCRACY, link(3, "/filming", 96, CANDIDATE, REFUSED, "/")], budget=2)
    shown = ocm("councils", "why", "TST", "--db", str(db_path))
    assert shown.exit_code == 0 and "TST Testshire County Council" in shown.output
    assert "Budget: 2 page(s). Links: 2 fetched, 0 failed, 1 refused." in shown.output
    data = json.loads(ocm("councils", "why", "tst", "--db", str(db_path), "--json").output)
    assert data["reason"] == BUDGET_RAN_OUT and data["policy_found"] is False
    assert [v["ord"] for v in data["visits"]] == [1, 2, 3] and data["refused"][0]["url"] == SITE + "/filming"


def test_a_council_not_in_the_store_or_never_discovered_is_a_clean_error(db, db_path, council):
    with pytest.raises(NeverDiscovered):
        explain(db, "TST")
    never = CliRunner().invoke(main, ["councils", "why", "TST", "--db", str(db_path)])
    assert never.exit_code == 1 and never.output.startswith("Error: TST has no discovery recorded yet")
    unknown = CliRunner().invoke(main, ["councils", "why", "XYZ", "--db", str(db_path)])
    assert unknown.exit_code == 1 and unknown.output.startswith("Error: no council 'XYZ' in the store")
    with pytest.raises(CouncilNotInStore):
        explain(db, "XYZ")
    data = json.loads(ocm("status", "--db", str(db_path), "--json").output)
    assert [(c["code"], c["reason"]) for c in data["without_policy"]] == [("TST", NOT_DISCOVERED)]


@pytest.mark.parametrize(("url", "width", "site", "shown"), [
    ("https://www.x.gov.uk/Part%204%20-%20Rules.pdf", 72, "", "www.x.gov.uk/Part 4 - Rules.pdf"),
    ("https://www.x.gov.uk/", 72, "https://www.x.gov.uk", "/"),
    ("https://www.x.gov.uk/a/very/long/path/to/the/standing-orders.pdf", 30, "",
     "www.x.gov.\u2026standing-orders.pdf"),
])
def test_addresses_are_shortened_for_reading(url, width, site, shown):
    assert short_url(url, width, site) == shown and len(shown) <= width


@pytest.mark.e2e
def test_a_real_crawl_with_a_tiny_budget_says_the_budget_ran_out(sample_web, tmp_path):
    registry = sample_web.write_registry(tmp_path / "registry.csv")
    db_path = tmp_path / "ocm.db"
    code = sample_web.sites["moderngov"].code
    crawled = run_ocm("crawl", "--registry", str(registry), "--db", str(db_path), "--council", code,
                      *settings_args({"OCM_MAX_PAGES_PER_COUNCIL": "2"}))
    assert crawled.returncode == 0, crawled.stderr
    shown = ocm("councils", "why", code, "--db", str(db_path))
    assert shown.exit_code == 0
    assert "No policy found: budget ran out." in shown.output
    assert "Budget: 2 page(s). Links: 2 fetched" in shown.output
    refused = shown.output[shown.output.index("Refused by the budget"):]
    assert "candidate" in refused and "Rules of Procedure.pdf" in refused  # the constitution's parts, waiting
