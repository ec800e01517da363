"""The classifier's contracts: `ocm classify` JSONL, `ocm eval`, and `ocm reclassify` without false alarms."""

from __future__ import annotations

import json

from click.testing import CliRunner

from cli import main
from review.changes import detect_changes
from review.kinds import RECLASSIFIED
from review.workflow import confirm
from rules import CLASSIFIER_VERSION
from rules.taxonomy import ACTIVITIES, FILMING, NOT_STATED, PERMISSION
from store.flags import list_flags
from store.policies import published_policy
from tests.conftest import ROOT
from tests.test_changes import NOW, PROTOCOL, findings, store_text

CONSENT = "Filming of the meeting is permitted only with the consent of the Chair."
PASSAGES = ROOT / "tests" / "data" / "passages"


def invoke(*args: str, stdin: str = ""):
    return CliRunner().invoke(main, list(args), input=stdin, catch_exceptions=False)


def test_classify_writes_one_line_per_input_in_the_contract_shape():
    lines = [{"id": "a", "text": CONSENT, "nation": "England"},
             {"id": 7, "text": "Council tax bills are sent in March."}]
    result = invoke("classify", "-", stdin="\n".join(json.dumps(x) for x in lines) + "\n")
    assert result.exit_code == 0
    out = [json.loads(line) for line in result.output.splitlines()]
    assert [o["id"] for o in out] == ["a", 7]
    assert set(out[0]) == {"id", *ACTIVITIES}
    filming = out[0][FILMING]
    assert filming["verdict"] == PERMISSION and "chair_consent" in filming["conditions"]
    (evidence,) = filming["evidence"]
    assert CONSENT[evidence["start"]:evidence["end"]] == evidence["quote"]
    assert filming["conflicts_with_statute"] is True
    assert all(out[1][a]["verdict"] == NOT_STATED for a in ACTIVITIES)


def test_classify_plain_text_and_bad_lines():
    plain = invoke("classify", "--nation", "Wales", stdin=CONSENT)
    assert json.loads(plain.output)[FILMING]["conflicts_with_statute"] is False
    bad = invoke("classify", stdin='{"id": 1, "text": "x"}\n{oops\n{"id": 3}\n')
    out = [json.loads(line) for line in bad.output.splitlines() if line.startswith("{")]
    assert bad.exit_code == 1
    assert [o.get("error", "ok")[:7] for o in out] == ["ok", "line 2:", "line 3:"]


def test_eval_scores_the_development_set():
    labelled = PASSAGES / "passages-dev.jsonl"
    rows = sum(1 for line in labelled.read_text(encoding="utf-8").splitlines()
               if line.strip() and not json.loads(line).get("ambiguous"))
    result = invoke("eval", str(labelled), "--json")
    assert result.exit_code == 0
    report = json.loads(result.output)
    assert set(report["activities"]) == set(ACTIVITIES)
    assert report["inversions"] == []
    confidence = report["confidence"]
    assert confidence["verdicts"] == rows * len(ACTIVITIES)
    assert 0 < confidence["high"] <= confidence["verdicts"]
    assert confidence["high_share"] == confidence["high"] / confidence["verdicts"]
    text = invoke("eval", str(labelled)).output
    assert "macro-F1" in text and "confusion filming" in text and "high-confidence accuracy" in text


def test_eval_scores_only_the_listed_ids(tmp_path):
    labelled = tmp_path / "two.jsonl"
    verdicts = {a: PERMISSION if a == FILMING else NOT_STATED for a in ACTIVITIES}
    labelled.write_text("".join(json.dumps({"id": i, "text": CONSENT, "verdicts": verdicts}) + "\n"
                                for i in ("a", "b")))
    ids = tmp_path / "ids.txt"
    ids.write_text("# the split\nb\n")
    result = invoke("eval", str(labelled), "--ids", str(ids), "--json")
    assert result.exit_code == 0 and json.loads(result.output)["rows"] == 1
    ids.write_text("c\n")
    missing = invoke("eval", str(labelled), "--ids", str(ids))
    assert missing.exit_code == 1 and "no row with id c" in missing.output


def test_eval_refuses_rows_without_labels(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"id": 1, "text": "x", "verdicts": {"filming": "maybe"}}) + "\n")
    result = invoke("eval", str(bad))
    assert result.exit_code == 1 and "line 1: `verdicts`" in result.output


def test_reclassify_flags_a_changed_verdict_as_reclassified_never_as_policy_change(db, council):
    # Stored by an older classifier that misread the clause as permission, and published so.
    text = "Anyone may film the meeting; no permission is needed."
    store_text(db, PROTOCOL, text, findings(PERMISSION, text, ["chair_consent"], others=NOT_STATED))
    (new,) = detect_changes(db, ["TST"], None, NOW, gone_after=3)
    confirm(db, new, "reviewer")
    from review.reclassify import reclassify

    done = reclassify(db)
    assert done.snapshots == 1
    (flag,) = [f for f in list_flags(db) if f.id in done.flags]
    assert (flag.kind, flag.activity) == (RECLASSIFIED, FILMING)
    assert flag.before.verdict == PERMISSION and flag.after.verdict == "allowed"
    # The next nightly sees the same difference: it is already waiting, so nothing new is raised.
    assert detect_changes(db, ["TST"], None, NOW, gone_after=3) == []
    assert reclassify(db).snapshots == 0  # nothing left to reclassify with this version
    confirm(db, flag.id, "reviewer")
    assert published_policy(db, "TST")[FILMING].verdict == "allowed"
    versions = {r[0] for r in db.execute("SELECT classifier_version FROM finding")}
    assert versions == {"test", CLASSIFIER_VERSION}
