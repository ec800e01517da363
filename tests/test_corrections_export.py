"""Corrections become labelled passages: `ocm corrections export` writes them, `ocm eval` reads them unchanged."""

from __future__ import annotations

import json

from click.testing import CliRunner

from cli import main
from review.workflow import correct
from rules.taxonomy import (
    ACTIVITIES,
    ALLOWED,
    AUDIO_RECORDING,
    CHAIR_CONSENT,
    FILMING,
    NOT_STATED,
    PERMISSION,
    PHOTOGRAPHY,
    SOCIAL_MEDIA,
)
from store.events import list_events
from tests.test_changes import PROTOCOL, night, store_text
from tests.test_corrections import misread
from tests.test_web import logged_in, token
from tests.webseed import PASSWORD, REVIEWER, fast_hashing  # noqa: F401 (autouse fixture)

FIRST = "Filming, audio recording and photography of public meetings are permitted."
SECOND = "Anyone filming must keep to the area the clerk shows them."
PROTOCOL_TEXT = f"Recording at meetings. {FIRST} Other business. {SECOND}"


def ocm(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def exported(db_path) -> list[dict]:
    result = ocm("corrections", "export", "--db", str(db_path))
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def one_clause_for_three_activities() -> list[dict]:
    """Findings where filming, audio recording and photography rest on the same clauses (quoted out of order)."""
    clauses = [{"quote": SECOND, "start": PROTOCOL_TEXT.index(SECOND), "page": 1},
               {"quote": FIRST, "start": PROTOCOL_TEXT.index(FIRST), "page": 1}]
    rows = []
    for activity in ACTIVITIES:
        stated = activity != SOCIAL_MEDIA
        rows.append({"activity": activity, "verdict": ALLOWED if stated else NOT_STATED, "conditions": [],
                     "evidence": (clauses if activity == FILMING else clauses[1:]) if stated else []})
    return rows


def test_a_cli_correction_is_exported_as_a_labelled_passage(db, council, db_path):
    flag = misread(db)
    ocm("review", "correct", str(flag.id), "--verdict", PERMISSION, "--condition", CHAIR_CONSENT,
        "--note", "the Chair's agreement is consent", "--reviewer", "Ann", "--db", str(db_path))
    (event,) = list_events(db, action="correct")
    (row,) = exported(db_path)
    assert row == {
        "id": f"corr-{event.id}", "council": "Testshire County Council", "nation": "England",
        "council_type": None, "url": PROTOCOL, "doc_type": "protocol", "year": None,
        "text": "Filming is permitted, subject to the Chair's agreement.",
        # The other activities were published from other clauses: this text says nothing of them.
        "verdicts": {FILMING: PERMISSION, AUDIO_RECORDING: NOT_STATED, PHOTOGRAPHY: NOT_STATED,
                     SOCIAL_MEDIA: NOT_STATED},
        "conditions": [CHAIR_CONSENT], "ambiguous": False, "why": {FILMING: "the Chair's agreement is consent"},
        "verdict_notes": row["verdict_notes"], "corrected_by": "Ann", "corrected_at": event.at,
        "flag": flag.id, "classifier_version": "test",
    }
    assert "not checked by a person" in row["verdict_notes"]


def test_a_web_correction_keeps_the_clauses_in_document_order_and_the_other_activities_they_decided(
        db, council, db_path):
    from review.accounts import create_reviewer
    from review.web import create_app

    create_reviewer(db, REVIEWER, PASSWORD)
    store_text(db, PROTOCOL, PROTOCOL_TEXT, one_clause_for_three_activities())
    (flag,) = night(db)
    client = logged_in(create_app(db_path, secret_key="test-only-key", testing=True).test_client())
    form = {"csrf_token": token(client, f"/flag/{flag.id}"), "activity": FILMING, "verdict": PERMISSION,
            "condition": [CHAIR_CONSENT], "note": "the clerk decides where: consent is needed"}
    assert client.post(f"/flag/{flag.id}/correct", data=form).status_code == 303
    (row,) = exported(db_path)
    assert row["text"] == f"{FIRST}\n{SECOND}"
    assert row["verdicts"] == {FILMING: PERMISSION, AUDIO_RECORDING: ALLOWED, PHOTOGRAPHY: ALLOWED,
                               SOCIAL_MEDIA: NOT_STATED}
    assert (row["corrected_by"], row["flag"], row["why"]) == (REVIEWER, flag.id, {FILMING: form["note"]})


def test_the_export_runs_through_ocm_eval_unchanged_and_its_ids_are_stable(db, council, db_path, tmp_path):
    flag = misread(db)
    correct(db, flag.id, "Ann", PERMISSION, [CHAIR_CONSENT], "the Chair's agreement is consent")
    out = tmp_path / "corrections.jsonl"
    written = ocm("corrections", "export", "--out", str(out), "--db", str(db_path))
    assert written.exit_code == 0 and f"Wrote 1 correction(s) to {out}" in written.output
    assert [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()] == exported(db_path)
    scored = ocm("eval", str(out), "--json")
    assert scored.exit_code == 0, scored.output
    assert json.loads(scored.output)["rows"] == 1


def test_a_correction_that_quoted_no_clause_is_reported_not_exported(db, council, db_path):
    rows = one_clause_for_three_activities()
    store_text(db, PROTOCOL, PROTOCOL_TEXT, rows)
    (flag,) = night(db)
    correct(db, flag.id, "Ann", ALLOWED, [], "the page says tweeting is fine", activity=SOCIAL_MEDIA)
    result = ocm("corrections", "export", "--db", str(db_path))
    assert result.exit_code == 0 and result.stdout == ""
    assert "1 correction(s) quoted no clause" in result.stderr
