"""The machine's reasoning as a reviewer sees it: whole sentences quoted, the clause that decided each verdict and
the clause each condition came from, kept through the store (and old rows without them still read)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from review.policy import derive_policy
from rules.classifier import classify
from rules.contract import finding_rows
from rules.segment import sentence_span
from rules.taxonomy import ACTIVITIES, NOT_STATED
from store.records import CurrentFinding, Evidence, Quote

PASSAGES = Path(__file__).parent / "data" / "passages"


def labelled() -> list[dict]:
    rows = [json.loads(line) for name in ("passages-dev.jsonl", "passages-dev-2.jsonl")
            for line in (PASSAGES / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    assert rows, "the labelled passages are missing"
    return rows


def with_semicolon_or_list(rows: list[dict]) -> list[dict]:
    """Passages whose rules sit in clauses after a semicolon or in list items: where quotes used to be cut."""
    found = [r for r in rows if ";" in r["text"] or ":\n" in r["text"]]
    assert found, "no labelled passage has a semicolon or a list: the test would prove nothing"
    return found


@pytest.mark.parametrize("row", labelled(), ids=lambda r: str(r["id"]))
def test_every_quote_is_a_whole_sentence_of_the_text(row):
    text = row["text"]
    for finding in classify(text, row.get("nation")).findings.values():
        for e in finding.evidence:
            assert text[e.start:e.end] == e.quote
            assert not e.quote.rstrip().endswith(";"), e.quote  # never cut at a semicolon
            assert not text[e.end:].lstrip().startswith(";"), e.quote
            assert sentence_span(text, e.start, e.end) == (e.start, e.end)  # already whole


def test_a_clause_after_a_semicolon_is_quoted_with_its_sentence():
    rows = with_semicolon_or_list(labelled())
    widened = 0
    for row in rows:
        for finding in classify(row["text"], row.get("nation")).findings.values():
            widened += sum(";" in e.quote or ":\n" in e.quote for e in finding.evidence)
    assert widened, "no quote spans a semicolon or a list: sentences are still cut"


def test_a_list_item_is_quoted_with_its_lead_in():
    text = "Anyone filming must:\n- not use flash;\n- stay in the designated area.\nThank you."
    item = text.index("not use flash")
    start, end = sentence_span(text, item, item + len("not use flash"))
    assert text[start:end] == "Anyone filming must:\n- not use flash;\n- stay in the designated area."


def test_a_heading_above_is_not_part_of_the_sentence():
    text = "Reporting on meetings\nThe press and public may report on meetings."
    start, end = sentence_span(text, text.index("The press"), len(text))
    assert text[start:end] == "The press and public may report on meetings."


@pytest.mark.parametrize("row", labelled(), ids=lambda r: str(r["id"]))
def test_each_verdict_has_its_deciding_clause_and_each_condition_its_source(row):
    for finding in classify(row["text"], row.get("nation")).findings.values():
        if finding.verdict == NOT_STATED or not finding.evidence:
            continue
        assert any(e.decides for e in finding.evidence), (finding.activity, finding.evidence)
        given = {c for e in finding.evidence for c in e.conditions}
        assert set(finding.conditions) <= given, (finding.activity, finding.conditions, given)
        assert given <= set(finding.conditions)  # a clause never claims a condition the finding does not have


def test_the_links_travel_from_the_classifier_to_the_policy_entry():
    row = next(r for r in labelled() if any(classify(r["text"], r.get("nation"))[a].conditions for a in ACTIVITIES))
    rows = finding_rows(classify(row["text"], row.get("nation")), [0])
    findings = [CurrentFinding.from_row({"source_id": 1, "url": "http://127.0.0.1:9/p", "snapshot_id": 7,
                                         **{k: (json.dumps(v) if isinstance(v, list) else v) for k, v in r.items()}})
                for r in rows]
    derived = derive_policy(findings, row.get("nation"))
    entry = next(e for e in derived.values() if e.conditions)
    assert any(e.decides for e in entry.evidence)
    assert {c for e in entry.evidence for c in e.conditions} == set(entry.conditions)
    assert all(e.start is not None and row["text"][e.start:].startswith(e.quote) for e in entry.evidence)


def test_evidence_stored_before_the_links_still_reads():
    old = {"quote": "Filming is permitted.", "start": 0, "end": 21, "page": 1}
    assert Quote.from_dict(old) == Quote("Filming is permitted.", 0, 21, 1, decides=False, conditions=())
    assert Evidence.from_dict({"quote": "Filming is permitted.", "page": 1}).conditions == ()
    linked = Evidence.from_dict({"quote": "x", "decides": True, "conditions": ["chair_consent"], "start": 4})
    assert (linked.decides, linked.conditions, linked.start) == (True, ("chair_consent",), 4)
