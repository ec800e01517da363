"""A council's crawl frontier: best links first, a budget that cannot starve, the same choice whatever the timing,
and an account of what it fetched and refused."""

from __future__ import annotations

import random

from scrapy import Request

from spiders.context import CONTEXT, CouncilScope, RequestContext, context_of
from spiders.frontier import Frontier
from store.discovery import FAILED, FETCHED, HELD, REFUSED

SCOPE = CouncilScope("EXA", "England", frozenset({"example.gov.uk"}), "other")


def request(path: str, depth: int = 1) -> Request:
    return Request(f"https://www.example.gov.uk{path}", meta={CONTEXT: RequestContext(SCOPE, depth=depth)})


def drain(frontier: Frontier) -> list[str]:
    """Answer every released request at once, as a crawl would, and return the addresses in release order."""
    order: list[str] = []
    while batch := frontier.release():
        for r in batch:
            order.append(r.url)
            frontier.done(context_of(r).frontier_key)
    return order


LINKS = [("/news", 10), ("/council-and-democracy", 50), ("/standing-orders", 92), ("/filming", 96),
         ("/committees/planning", 10), ("/constitution", 88), ("/meetings", 40)]


def test_best_scored_links_go_first_and_the_budget_refuses_the_rest():
    frontier = Frontier("EXA", "walk", budget=4, concurrency=2)
    for path, score in LINKS:
        frontier.offer(request(path), score, "cue", "page")
    order = drain(frontier)
    assert [u.rsplit("/", 1)[-1] for u in order] == ["filming", "standing-orders", "constitution",
                                                      "council-and-democracy"]
    account = frontier.close()
    assert account.exhausted
    assert [v.outcome for v in account.visits] == [FETCHED] * 4 + [REFUSED] * 3
    assert [v.score for v in account.visits if v.outcome == REFUSED] == [40, 10, 10]  # best first


def test_the_same_links_are_taken_whatever_order_they_are_found_in():
    def run(seed: int) -> list[str]:
        links = LINKS[:]
        random.Random(seed).shuffle(links)
        frontier = Frontier("EXA", "walk", budget=5, concurrency=1)
        for path, score in links:
            frontier.offer(request(path), score, "cue", "page")
        return drain(frontier)

    assert len({tuple(run(seed)) for seed in range(8)}) == 1


def test_a_link_is_taken_once_at_its_best_score_and_known_documents_not_at_all():
    frontier = Frontier("EXA", "walk", budget=10, concurrency=1, fetched=["https://www.example.gov.uk/so.pdf"])
    frontier.offer(request("/policies"), 10, "committee", "page")
    frontier.offer(request("/policies?"), 62, "policies", "page")  # the same link, found again with a better score
    frontier.offer(request("/so.pdf"), 92, "procedure", "candidate")
    released = frontier.release()
    assert [r.priority for r in released] == [62] and all(r.dont_filter for r in released)
    frontier.done(context_of(released[0]).frontier_key)
    frontier.offer(request("/policies"), 99, "again", "page")  # already fetched: never again
    assert frontier.release() == [] and frontier.finished
    assert [(v.cue, v.outcome) for v in frontier.close().visits] == [("policies", FETCHED)]


def test_in_flight_is_bounded_and_a_failure_is_accounted():
    frontier = Frontier("EXA", "walk", budget=0, concurrency=2)  # 0: no limit
    for path, score in LINKS:
        frontier.offer(request(path), score, "cue", "page")
    first = frontier.release()
    assert len(first) == 2 and frontier.release() == []
    frontier.done(context_of(first[0]).frontier_key, failed="HTTP 500")
    assert len(frontier.release()) == 1
    account = frontier.close()
    assert (account.visits[0].outcome, account.visits[0].detail) == (FAILED, "HTTP 500")
    assert not account.exhausted  # no limit: nothing refused, those still waiting were never due


def test_a_frontier_that_lost_an_answer_says_it_is_stalled():
    frontier = Frontier("EXA", "walk", budget=10, concurrency=1)
    frontier.offer(request("/a"), 50, "cue", "page")
    frontier.offer(request("/b"), 40, "cue", "page")
    frontier.release()
    assert not frontier.stalled()
    frontier.in_flight.clear()  # the answer never came (a request dropped on the way)
    assert frontier.stalled()


def test_meeting_pages_are_read_only_where_no_candidate_is_found_elsewhere():
    def crawl(offers, hold_open=False):
        frontier = Frontier("EXA", "walk", budget=10, concurrency=1, hold_at_or_below=10, hold_open=hold_open)
        for path, score, role in offers:
            frontier.offer(request(path), score, "cue", role)
        return [u.rsplit("/", 1)[-1] for u in drain(frontier)], frontier.close()

    with_policy = [("/standing-orders", 92, "candidate"), ("/meetings", 40, "page"),
                   ("/committee/planning", 10, "page")]
    order, account = crawl(with_policy)
    assert order == ["standing-orders", "meetings"]
    assert [(v.url.rsplit("/", 1)[-1], v.outcome) for v in account.visits][-1] == ("planning", HELD)
    # Nothing else to go on: the meeting papers are searched.
    assert crawl([("/meetings", 40, "page"), ("/committee/planning", 10, "page")])[0] == ["meetings", "planning"]
    # A council known to keep its policy among its meeting papers: searched there too.
    assert crawl(with_policy, hold_open=True)[0] == ["standing-orders", "meetings", "planning"]
