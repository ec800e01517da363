"""The reviewers' workbench in-process: clauses paired in document order, the reasoning on the page, the next flag
after a decision, queue filters, bulk confirm of new councils, the councils list, the history, failing sources,
highlighted quotes in the stored text."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from review.changes import detect_changes
from review.kinds import NEW_COUNCIL, WORDING_CHANGE
from review.web import create_app
from review.web.clauses import compare
from review.workflow import confirm_new_councils
from rules.taxonomy import ALLOWED, FILMING, LOW
from store.events import list_events
from store.flags import PENDING, get_flag, list_flags, raise_flag
from store.policies import published_policy
from store.records import DerivedEntry, Evidence, PublishedEntry
from tests.test_changes import NOW, PROTOCOL
from tests.test_web import TOKEN, logged_in, token
from tests.webseed import (  # noqa: F401 (fixture)
    REVIEWER,
    confident_passages,
    ensure_reviewer,
    fast_hashing,
    passage,
    seed_new_councils,
    seed_one_clause_change,
    store_reading,
)

OLD, NEW = "at least 24 hours before", "at least 48 hours before"


@pytest.fixture
def client(db_path, db, council):
    return create_app(db_path, secret_key="test-only-key", testing=True).test_client()


def clause(quote: str, start: int, url: str = PROTOCOL) -> Evidence:
    return Evidence(quote=quote, start=start, source_url=url, snapshot_id=1, page=1)


def test_each_changed_clause_is_paired_with_its_own_counterpart_in_document_order():
    before = PublishedEntry(activity=FILMING, verdict=ALLOWED, evidence=(
        clause("Zebra crossings are outside.", 300), clause("Anyone may film the meeting.", 10),
        clause("Flash photography is not allowed.", 100)))
    after = DerivedEntry(activity=FILMING, verdict=ALLOWED, evidence=(
        clause("Zebra crossings are outside.", 300), clause("Anyone may film the whole meeting.", 10),
        clause("Flash photography and extra lighting are not allowed.", 100), clause("Tripods need consent.", 200)))
    pairs = compare(before, after)
    assert [p.kind for p in pairs] == ["reworded", "reworded", "added", "unchanged"]  # by offset, not alphabet
    assert pairs[0].before.quote == "Anyone may film the meeting." and "whole" in str(pairs[0].right)
    assert pairs[1].before.quote.startswith("Flash") and pairs[1].after.quote.startswith("Flash")
    assert pairs[2].before is None and pairs[2].after.quote == "Tripods need consent."


def test_the_flag_page_leads_with_the_change_and_the_reasoning(client, db):
    flags = seed_one_clause_change(db, OLD, NEW)
    page = logged_in(client).get(f"/flag/{flags[0]}").get_data(as_text=True)
    summary = page[page.index("<h1"):page.index("</h1>")]
    assert "Testshire County Council" in summary and "filming" in summary
    changed = page[page.index('<ol class="pairs">'):page.index("</ol>")]
    assert changed.count('<li class="pair') == 1 and "24" in changed and "48" in changed
    assert "[removed: </span>24" in changed and "[added: </span>48" in changed
    assert "unchanged clauses</summary>" in page
    assert "Decides the verdict" in page and "Gives the condition: notice requested" in changed
    assert "Stored text of Testshire County Council protocol, page 1" in page
    assert "the council&#39;s document" not in page and "the text we stored" not in page
    assert page.index('class="pairs"') < page.index("Confirm: publish this")  # the change, then the decision
    assert f'href="/flag/{flags[0]}/documents"' in page


def test_the_whole_documents_page_marks_the_changed_paragraph(client, db):
    flags = seed_one_clause_change(db, OLD, NEW)
    page = logged_in(client).get(f"/flag/{flags[0]}/documents").get_data(as_text=True)
    marked = re.findall(r'<p class="changed" id="change-(\d+)">(.*?)</p>', page, re.S)
    assert [n for n, _ in marked] == ["1"] and "24" in marked[0][1] and "48" in marked[0][1]
    assert "Recording equipment must not be left unattended" in page  # the whole text, not just the clauses


def test_the_stored_text_highlights_every_quoted_clause_at_its_anchor(client, db):
    flags = seed_one_clause_change(db, OLD, NEW)
    flag = get_flag(db, flags[0])
    page = logged_in(client).get("/snapshot/2").get_data(as_text=True)
    for e in flag.after.evidence:
        assert f'id="clause-{e.start}"' in page
    assert page.count('<mark class="quoted">') >= 1 and "Go to the first quoted clause" in page
    assert f'href="/snapshot/2#clause-{flag.after.evidence[0].start}"' in client.get(f"/flag/{flags[0]}").get_data(
        as_text=True)


def test_a_decision_leads_to_the_next_pending_flag_with_a_way_back(client, db):
    flags = seed_one_clause_change(db, OLD, NEW)
    logged_in(client)
    response = client.post(f"/flag/{flags[0]}/confirm", data={"csrf_token": token(client, f"/flag/{flags[0]}")})
    assert response.status_code == 303
    assert response.headers["Location"] == f"/flag/{flags[1]}?previous={flags[0]}"
    following = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f"Back to flag #{flags[0]} (confirmed" in following and f"Confirmed #{flags[0]}" in following
    assert 'data-key="c"' in following and 'data-key="r"' in following and 'data-key="n"' in following


def test_queue_rows_show_proposals_and_filter_by_kind_nation_confidence_and_council(client, db):
    seed_new_councils(db, 3)
    seed_one_clause_change(db, OLD, NEW)
    low = next(f for f in list_flags(db, PENDING) if f.kind == WORDING_CHANGE)
    logged_in(client)
    page = client.get("/").get_data(as_text=True)
    assert page.count('<ul class="proposed">') == len([f for f in list_flags(db, PENDING) if f.kind == NEW_COUNCIL])
    only_new = client.get("/?kind=new_council").get_data(as_text=True)
    assert f"Review #{low.id}<" not in only_new and only_new.count('<ul class="proposed">') == 3
    assert f"Review #{low.id}<" in client.get("/?kind=wording_change&council=testshire").get_data(as_text=True)
    assert "Review #" not in client.get("/?council=nowhere-at-all").get_data(as_text=True)
    assert client.get("/?nation=Wales").get_data(as_text=True).count("Review #") == len(list_flags(db, PENDING))
    assert "Review #" not in client.get("/?kind=new_council&confidence=low").get_data(as_text=True)
    assert client.get("/?kind=bogus&confidence=bogus").status_code == 200  # unknown filters are ignored


def test_bulk_confirm_publishes_each_flag_with_its_own_event_and_skips_the_uncertain(client, db):
    flags = seed_new_councils(db, 4)
    uncertain = get_flag(db, flags[0])
    doubtful = {a: replace(e, confidence=LOW, doubts=("a requirement or a request?",)) for a, e in
                uncertain.entries.items()}
    db.execute("UPDATE flag SET status = 'superseded' WHERE id = ?", [uncertain.id])
    db.conn.commit()
    low_id = raise_flag(db, council=uncertain.council, kind=NEW_COUNCIL, after=doubtful, fingerprint="low",
                        run_id=None, now=NOW)
    logged_in(client)
    page = client.get("/?kind=new_council&confidence=high").get_data(as_text=True)
    ids = [int(i) for i in re.findall(r'name="flag" value="(\d+)"', page)]
    assert sorted(ids) == sorted(flags[1:]) and low_id not in ids  # what the table shows is what is sent
    assert "Confirm all 3" in page
    refused = client.post("/confirm-new-councils", data={"flag": ids})
    assert refused.status_code == 400 and all(get_flag(db, i).status == PENDING for i in ids)
    done = client.post("/confirm-new-councils", data={"flag": [*ids, low_id], "csrf_token": TOKEN.search(page)[1]})
    assert done.status_code == 303
    assert all(get_flag(db, i).status == "confirmed" for i in ids) and get_flag(db, low_id).status == PENDING
    assert sorted(e.flag_id for e in list_events(db, action="confirm")) == sorted(ids)  # one event per flag
    assert all(published_policy(db, get_flag(db, i).council) for i in ids)
    queue = client.get("/").get_data(as_text=True)
    assert f"Not confirmed #{low_id}: flag #{low_id} was read with low confidence" in queue


def test_bulk_confirm_refuses_other_kinds(db, council):
    flags = seed_one_clause_change(db, OLD, NEW)
    done, skipped = confirm_new_councils(db, flags[:1], REVIEWER)
    assert done == [] and "review it on its own" in skipped[flags[0]]
    assert get_flag(db, flags[0]).status == PENDING


def test_councils_list_searches_and_shows_where_each_stands(client, db):
    seed_new_councils(db, 2)
    seed_one_clause_change(db, OLD, NEW)
    db.execute("UPDATE source SET consecutive_failures = 3, last_error = 'HTTP 500: server error' "
               "WHERE council = 'TST'")
    db.conn.commit()
    logged_in(client)
    page = client.get("/councils").get_data(as_text=True)
    tst = page[page.index("Testshire County Council</a>"):].split("</tr>")[0]
    assert "published" in tst and "pending" in tst and "source failing" in tst
    assert "no policy found" not in tst
    found = client.get("/councils?q=testshire").get_data(as_text=True)
    assert "Testshire County Council</a>" in found and "(C000)" not in found
    assert "Testshire" not in client.get("/councils?status=no+policy+found").get_data(as_text=True).split(
        "</form>")[1]
    council = client.get("/council/TST").get_data(as_text=True)
    assert "Sources failing (1)" in council and "HTTP 500: server error" in council
    assert "Last good fetch" in council and "2026-11-27" in council


def test_history_lists_decisions_filterable_by_reviewer(client, db):
    flags = seed_one_clause_change(db, OLD, NEW)  # its first night was confirmed by "Earlier Reviewer"
    logged_in(client)
    client.post(f"/flag/{flags[0]}/reject", data={"csrf_token": token(client, f"/flag/{flags[0]}"),
                                                  "note": "advice only"})
    everyone = client.get("/history").get_data(as_text=True)
    assert "Earlier Reviewer" in everyone and f"{REVIEWER}</strong> chose <strong>reject" in everyone
    mine = client.get(f"/history?reviewer={REVIEWER}").get_data(as_text=True)
    listed = mine.split('<ol class="history">')[1]
    assert "advice only" in listed and "Earlier Reviewer</strong>" not in listed
    assert "Stored text 2" in listed or "stored text 2" in listed


@pytest.mark.parametrize("path", ["/councils", "/history", "/flag/1/documents"])
def test_the_new_pages_need_a_login(client, db, path):
    seed_new_councils(db, 1)
    response = client.get(path)
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    assert client.post("/confirm-new-councils", data={"flag": ["1"]}).status_code in (302, 400)
    assert get_flag(db, 1).status == PENDING


def test_the_shortcut_script_is_allowed_and_nothing_inline(client, db):
    seed_new_councils(db, 1)
    logged_in(client)
    response = client.get("/flag/1")
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    html = response.get_data(as_text=True)
    assert re.findall(r"<script[^>]*>", html) == ['<script src="/static/shortcuts.js" defer>']
    assert 'hidden>Keys: <kbd>c</kbd> confirm' in html  # shown only when the script runs
    script = client.get("/static/shortcuts.js")
    assert script.status_code == 200 and b"data-key" in script.data
    script.close()


def test_a_flag_quoting_text_without_offsets_still_shows(client, db):
    """Flags raised before quotes carried offsets and roles: no anchors, no reasoning marks, nothing broken."""
    quote = passage("r2-026")["text"].split("\n")[1]
    entry = DerivedEntry(activity=FILMING, verdict=ALLOWED,
                         evidence=(Evidence(quote=quote, page=1, source_url=PROTOCOL, snapshot_id=None),))
    seed_new_councils(db, 1)
    flag_id = raise_flag(db, council="C000", kind=WORDING_CHANGE, activity=FILMING, after=entry, fingerprint="old",
                         run_id=None, now=NOW)
    page = logged_in(client).get(f"/flag/{flag_id}").get_data(as_text=True)
    assert quote.replace("'", "&#39;") in page and "Decides the verdict" not in page


def test_the_terminal_view_marks_the_deciding_clause_and_the_conditions_too(db, council):
    from review.render import flag_detail

    flags = seed_one_clause_change(db, OLD, NEW)
    text = flag_detail(get_flag(db, flags[0]), None)
    assert "[decides the verdict; gives: notice_requested]" in text and "[gives: no_oral_commentary]" in text


def test_a_new_councils_clauses_show_once_with_their_role_for_each_activity(client, db, council):
    ensure_reviewer(db)
    store_reading(db, "TST", PROTOCOL, "Recording and reporting at meetings\nAnyone attending may film, photograph, "
                  "audio-record and report on the meeting, including on social media. Please let the clerk know "
                  "beforehand if you intend to film.")
    (flag_id,) = detect_changes(db, ["TST"], None, NOW, gone_after=3)
    flag = get_flag(db, flag_id)
    page = logged_in(client).get(f"/flag/{flag_id}").get_data(as_text=True)
    quotes = {" ".join(e.quote.split()) for entry in flag.entries.values() for e in entry.evidence}
    assert page.count('<li class="clause') == len(quotes)  # each clause once, however many activities quote it
    deciding_everywhere = {" ".join(e.quote.split()) for e in flag.entries[FILMING].evidence if e.decides
                           and all(any(q.quote == e.quote and q.decides for q in entry.evidence)
                                   for entry in flag.entries.values())}
    assert deciding_everywhere and "Decides every verdict" in page
    assert "Read with high confidence for every activity." in page


def test_decisions_lead_on_through_the_filtered_queue(client, db):
    seed_new_councils(db, 2)
    flags = seed_one_clause_change(db, OLD, NEW)
    logged_in(client)
    assert client.get("/?council=testshire").status_code == 200  # the reviewer works through Testshire's flags
    csrf = token(client, f"/flag/{flags[0]}")
    visited = []
    where = f"/flag/{flags[0]}"
    while where.startswith("/flag/"):
        flag_id = int(where.split("/flag/")[1].split("?")[0])
        visited.append(flag_id)
        where = client.post(f"/flag/{flag_id}/confirm", data={"csrf_token": csrf}).headers["Location"]
    assert sorted(visited) == sorted(flags)  # never a new council, which the filter leaves out
    assert where == f"/?previous={visited[-1]}&council=testshire"
    assert all(f.kind == NEW_COUNCIL for f in list_flags(db, PENDING)) and len(list_flags(db, PENDING)) == 2


def test_a_flag_of_a_shared_text_says_its_decision_decides_them_all(client, db):
    flags = seed_new_councils(db, 3 * len(confident_passages()))  # every passage three times: templates
    shared = [f for f in (get_flag(db, i) for i in flags) if f.template]
    assert shared, "no two councils share a text: nothing to show"
    siblings = [f for f in shared if f.template == shared[0].template and f.id != shared[0].id]
    page = logged_in(client).get(f"/flag/{shared[0].id}").get_data(as_text=True)
    assert f"{len(siblings) + 1} councils share this text" in page
    assert all(f'href="/flag/{f.id}"' in page for f in siblings)
    alone = seed_one_clause_change(db, OLD, NEW)
    assert "share this text" not in client.get(f"/flag/{alone[0]}").get_data(as_text=True)


def test_councils_sharing_one_text_are_one_row_of_the_queue(client, db):
    """A first night of many parishes on the model standing orders does not bury the reviewer: one row a text."""
    from registry import Council
    from store.councils import upsert_councils
    from tests.webseed import council_code

    ensure_reviewer(db)
    codes = [council_code(i) for i in range(5)]
    upsert_councils(db, [Council(code=c, name=f"Parish {c}", nation="England", website="http://127.0.0.1:9/")
                         for c in codes])
    model = confident_passages("England")[0]["text"]
    for code in codes:
        store_reading(db, code, f"http://127.0.0.1:9/{code}/standing-orders", model)
    flags = detect_changes(db, codes, None, NOW, gone_after=3)
    page = logged_in(client).get("/").get_data(as_text=True)
    assert page.count("Review #") == 1 and f"and {len(flags) - 1} other council(s) of the same text" in page
    assert f"{len(flags)} change(s) shown, in 1 decision(s)" in page


def test_a_long_queue_lists_the_first_decisions_and_says_how_to_reach_the_rest(client, db, monkeypatch):
    from review.web import views

    flags = seed_new_councils(db, 3, shared=False)
    monkeypatch.setattr(views, "QUEUE_ROWS", 2)
    page = logged_in(client).get("/").get_data(as_text=True)
    assert page.count("Review #") == 2 and f"{len(flags)} change(s) shown" in page
    assert "The first 2 decisions are listed: filter by kind, nation, confidence or council" in page
