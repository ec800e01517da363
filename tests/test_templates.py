"""Review at scale: councils whose documents are one shared text (the model standing orders) are one decision."""

from __future__ import annotations

import pytest

from registry.loader import Council
from review.changes import TEMPLATE_MIN_COUNCILS, detect_changes
from review.kinds import NEW_COUNCIL
from review.templates import template_key
from review.workflow import confirm, correct, covered, reject
from rules import classify
from rules.contract import finding_rows
from rules.taxonomy import FILMING
from sampleweb.scale_local import LocalCouncil, own_policy
from sampleweb.texts import load
from store.councils import upsert_councils
from store.db import rows
from store.documents import FetchedDocument, SourceRef, record_document
from store.events import list_events
from store.flags import PENDING, count_decisions, list_flags
from store.policies import published_policy

NOW = "2026-12-05T02:30:00+00:00"
LATER = "2026-12-06T02:30:00+00:00"
MODEL = "\n".join(line for line in load("model-standing-orders-en").paragraphs if not line.startswith("## "))
SHARING = TEMPLATE_MIN_COUNCILS + 3  # councils that adopted the model word for word


def departing(code: str) -> str:
    """The model with the recording clause a council wrote for itself instead (as the sample web's own ones)."""
    council = LocalCouncil(0, code, f"{code} Parish Council", code, "England", "Parish council", "ZS001",
                           "wordpress", "own", 5, 5)
    kept = [line for line in MODEL.splitlines() if not line.startswith(("3(f)", "3(g)"))]
    return "\n".join(kept + own_policy(council))


def adopt(db, code: str, text: str, when: str = NOW) -> None:
    upsert_councils(db, [Council(code=code, name=f"{code} Parish Council", nation="England",
                                 website=f"http://{code.lower()}.localhost:9/")])
    url = f"http://{code.lower()}.localhost:9/wp-content/uploads/2024/05/Standing-Orders.pdf"
    doc = FetchedDocument(fetched_at=when, http_status=200, final_url=url, content_type="application/pdf",
                          body=(text + code).encode(), text=text, format="pdf", title="Standing Orders",
                          page_count=1, page_starts=[0], dates=[],
                          findings=finding_rows(classify(text, "England"), [0]), classifier_version="test")
    record_document(db, None, SourceRef(code, url, "standing_orders", "discovery"), doc)


def night(db, codes: list[str], when: str = NOW) -> list[int]:
    return detect_changes(db, codes, None, when, gone_after=3, version="test")


@pytest.fixture
def first_night(db):
    """SHARING councils with the model word for word, one whose recording clause is its own."""
    sharing = [f"ZL{i:05d}" for i in range(1, SHARING + 1)]
    for code in sharing:
        adopt(db, code, MODEL)
    adopt(db, "ZL09999", departing("ZL09999"))
    raised = night(db, [*sharing, "ZL09999"])
    return sharing, raised


def test_the_model_text_is_one_decision_and_a_council_departing_from_it_its_own(db, first_night):
    sharing, raised = first_night
    flags = {f.council: f for f in list_flags(db) if f.id in raised}
    assert set(flags) == {*sharing, "ZL09999"} and {f.kind for f in flags.values()} == {NEW_COUNCIL}
    templates = {flags[code].template for code in sharing}
    assert len(templates) == 1 and None not in templates
    assert flags["ZL09999"].template is None
    assert count_decisions(db) == 2  # the model's, and the departing council's
    assert [f.council for f in covered(db, flags[sharing[-1]])] == [sharing[-1], *sharing[:-1]]


def test_confirming_the_template_publishes_every_council_it_covers_marked_as_the_templates(db, first_night):
    sharing, raised = first_night
    template_flag = next(f for f in list_flags(db) if f.council == sharing[0])
    confirm(db, template_flag.id, "Ann Reviewer")
    for code in sharing:
        published = published_policy(db, code)
        assert published[FILMING].template == template_flag.template
        assert published[FILMING].reviewer == "Ann Reviewer"
        assert all(e.snapshot_id is not None for e in published[FILMING].evidence)  # its own document, not another's
    assert published_policy(db, "ZL09999") == {}  # departing: reviewed on its own, still pending
    assert [f.council for f in list_flags(db, PENDING)] == ["ZL09999"]
    assert len([e for e in list_events(db) if e.action == "confirm"]) == SHARING  # one audit event per council
    assert rows(db, "SELECT count(*) AS n FROM published WHERE template IS NULL")[0]["n"] == 0


def test_a_council_arriving_with_a_confirmed_template_is_published_with_its_review(db, first_night):
    sharing, _ = first_night
    template_flag = next(f for f in list_flags(db) if f.council == sharing[0])
    confirm(db, template_flag.id, "Ann Reviewer")
    adopt(db, "ZL00500", MODEL, LATER)
    adopt(db, "ZL00501", departing("ZL00501"), LATER)
    raised = night(db, ["ZL00500", "ZL00501"], LATER)
    assert [f.council for f in list_flags(db) if f.id in raised] == ["ZL00501"]  # only the departing one asks
    published = published_policy(db, "ZL00500")
    assert published[FILMING].template == template_flag.template and published[FILMING].reviewer == "Ann Reviewer"
    (flag,) = [f for f in list_flags(db, None) if f.council == "ZL00500"]
    decided = {f"#{f.id}" for f in list_flags(db, "confirmed") if f.template == template_flag.template}
    assert flag.status == "confirmed" and (flag.note or "").rsplit(" ", 1)[-1] in decided - {f"#{flag.id}"}


def test_correcting_the_template_corrects_every_council_it_covers(db, first_night):
    sharing, _ = first_night
    first = next(f for f in list_flags(db) if f.council == sharing[0])
    correct(db, first.id, "Ann Reviewer", "notice", ["notice_required"], "the model asks for notice",
            activity=FILMING)
    for code in sharing:
        entry = published_policy(db, code)[FILMING]
        assert (entry.verdict, entry.corrected, entry.template) == ("notice", True, first.template)
    assert [f.council for f in list_flags(db, PENDING)] == ["ZL09999"]


def test_rejecting_the_template_rejects_every_council_it_covers_and_none_flags_again(db, first_night):
    sharing, _ = first_night
    first = next(f for f in list_flags(db) if f.council == sharing[0])
    reject(db, first.id, "Ann Reviewer", "the model was misread")
    assert {f.council for f in list_flags(db, "rejected")} == set(sharing)
    assert all(published_policy(db, code) == {} for code in sharing)
    assert night(db, sharing, LATER) == []  # the same change, rejected, is not raised again
    assert [f.council for f in list_flags(db, PENDING)] == ["ZL09999"]


def test_councils_whose_documents_say_nothing_are_no_template(db):
    silent = "\n".join(line for line in MODEL.splitlines() if not line.startswith(("3(f)", "3(g)", "3(h)")))
    codes = [f"ZL{i:05d}" for i in range(1, SHARING + 1)]
    for code in codes:
        adopt(db, code, silent)
    raised = night(db, codes)
    flags = [f for f in list_flags(db) if f.id in raised]
    assert len(flags) == len(codes) and {f.template for f in flags} == {None}
    assert count_decisions(db) == len(codes)
    assert template_key({}) is None


def test_the_queue_shows_a_template_as_one_line_and_confirming_two_of_its_flags_decides_it_once(db, db_path,
                                                                                               first_night):
    from click.testing import CliRunner

    from cli import main

    sharing, _ = first_night
    flags = {f.council: f for f in list_flags(db)}
    listed = CliRunner().invoke(main, ["review", "list", "--db", str(db_path)], catch_exceptions=False)
    assert listed.exit_code == 0, listed.output
    lines = [line for line in listed.output.splitlines() if line.startswith("#")]
    assert len(lines) == 2  # the model's decision and the departing council's
    (template_line,) = [line for line in lines if "same text" in line]
    assert f"{SHARING - 1} other council(s)" in template_line and "ZL09999" not in template_line
    assert f"{SHARING + 1} flag(s) waiting in 2 decision(s)" in listed.output
    ids = [str(flags[code].id) for code in sharing[:2]]
    done = CliRunner().invoke(main, ["review", "confirm", *ids, "--reviewer", "Ann", "--db", str(db_path)],
                              catch_exceptions=False)
    assert done.exit_code == 0, done.output
    assert f"and {SHARING - 1} other council(s) of the same text" in done.output
    assert [f.council for f in list_flags(db, PENDING)] == ["ZL09999"]


def test_an_unchanged_night_adds_no_policy_rows_and_raises_nothing(db, first_night):
    sharing, _ = first_night
    before = rows(db, "SELECT count(*) AS n FROM policy")[0]["n"]
    assert before == (SHARING + 1) * 4  # every activity of every council, derived once
    assert night(db, [*sharing, "ZL09999"], LATER) == []
    assert rows(db, "SELECT count(*) AS n FROM policy")[0]["n"] == before
    adopt(db, sharing[0], departing(sharing[0]), LATER)  # a council rewrites its recording clause
    night(db, [sharing[0]], LATER)
    changed = rows(db, "SELECT activity FROM policy WHERE council = ? AND derived_at = ?", [sharing[0], LATER])
    assert {r["activity"] for r in changed} >= {FILMING}


def test_the_digest_gives_a_template_one_line_naming_how_many_councils_it_covers(db, first_night):
    from review.nightly import NightlyResult
    from review.notify import build_digest

    _, raised = first_night
    flags = [f for f in list_flags(db) if f.id in raised]
    run = {"id": 1, "started_at": NOW, "status": "finished", "finish_reason": "finished", "councils": len(flags),
           "documents": len(flags), "changes": len(flags), "errors": 0}
    body = build_digest(db, NightlyResult(run=run, flags=flags)).body
    assert f"New flags to review: {len(flags)} in 2 decisions" in body
    lines = [line for line in body.splitlines() if line.startswith("  #")]
    assert len(lines) == 2 and sum(f"and {SHARING - 1} other councils of the same text" in line for line in lines) == 1


def test_a_new_reading_of_the_shared_text_is_one_decision_for_every_council_it_changes(db, first_night):
    from review.kinds import RECLASSIFIED
    from rules.taxonomy import ACTIVITIES
    from store.documents import add_findings

    sharing, _ = first_night
    confirm(db, next(f for f in list_flags(db) if f.council == sharing[0]).id, "Ann Reviewer")
    # A new classifier reads the model's clause as a notice rule: the same new reading for every council.
    reread = []
    for row in finding_rows(classify(MODEL, "England"), [0]):
        if row["activity"] == FILMING:
            row = {**row, "verdict": "notice", "conditions": ["notice_required"]}
        reread.append(row)
    for snapshot in rows(db, "SELECT sn.id, s.council FROM snapshot sn JOIN source s ON s.id = sn.source_id"):
        if snapshot["council"] in sharing:
            add_findings(db, snapshot["id"], reread, "test2", LATER)
    raised = detect_changes(db, sharing, None, LATER, gone_after=0, cause=RECLASSIFIED, version="test2")
    flags = [f for f in list_flags(db) if f.id in raised]
    assert {(f.kind, f.activity) for f in flags} == {(RECLASSIFIED, FILMING)} and len(flags) == len(sharing)
    assert len({f.template for f in flags}) == 1 and flags[0].template is not None
    assert count_decisions(db) == 2  # the new reading, and the departing council's first policy
    confirm(db, flags[-1].id, "Ann Reviewer")
    for code in sharing:
        published = published_policy(db, code)
        assert published[FILMING].verdict == "notice" and published[FILMING].template == flags[0].template
        assert {published[a].verdict for a in ACTIVITIES if a != FILMING} == {"allowed"}  # the rest stands


def test_the_open_data_says_which_councils_were_published_with_a_shared_texts_review(db, first_night, tmp_path):
    import csv

    from publish.build import publish_site

    sharing, _raised = first_night
    confirm(db, next(f for f in list_flags(db) if f.council == sharing[0]).id, "Ann Reviewer")
    confirm(db, next(f for f in list_flags(db) if f.council == "ZL09999").id, "Ann Reviewer")
    publish_site(db, tmp_path / "site")
    with open(tmp_path / "site" / "councils.csv", encoding="utf-8", newline="") as handle:
        shared = {row["council_code"]: row["shared_text"] for row in csv.DictReader(handle)}
    assert {code: shared[code] for code in [*sharing, "ZL09999"]} == {**dict.fromkeys(sharing, "yes"),
                                                                      "ZL09999": "no"}
