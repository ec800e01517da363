"""Publishing on its own, end to end (issue 18, point 3): the real `ocm nightly` and `ocm review` commands against the
sample council web publish the public site beside the store; only what reviewers confirmed reaches it."""

from __future__ import annotations

import csv
import json

import pytest

from tests.conftest import run_ocm, settings_args

pytestmark = pytest.mark.e2e

CHANGED = "cms-protocol"  # its filming rule is `permission` on night 1 and `allowed` on night 2


def ocm(*args: str) -> str:
    result = run_ocm(*args)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def pending(db_path) -> list[dict]:
    return json.loads(ocm("review", "list", "--json", "--db", str(db_path)))


def page(site, code: str) -> str:
    return (site / "council" / code / "index.html").read_text(encoding="utf-8")


def test_the_nights_and_the_decisions_publish_the_site_and_only_what_was_confirmed(sample_web, tmp_path):
    registry = sample_web.write_registry(tmp_path / "registry.csv")
    db_path, site = tmp_path / "ocm.db", tmp_path / "site"
    code = sample_web.sites[CHANGED].code

    ocm("nightly", "--registry", str(registry), "--db", str(db_path), *settings_args())
    assert json.loads((site / ".ocm-publication.json").read_text())["published"] == 0  # nothing confirmed yet
    assert "We have not published an answer for this council yet" in page(site, code)

    night1 = pending(db_path)
    said = ocm("review", "confirm", *[str(f["id"]) for f in night1], "--reviewer", "Tess Reviewer",
               "--db", str(db_path))
    assert said.count("Published to the public site") == 1  # many decisions, one publication
    assert "You may film the meeting only with permission." in page(site, code)

    sample_web.set_night(2, CHANGED)
    ocm("nightly", "--registry", str(registry), "--db", str(db_path), *settings_args())
    (change,) = pending(db_path)
    assert "You may film the meeting only with permission." in page(site, code)  # pending: not on the site

    ocm("review", "confirm", str(change["id"]), "--reviewer", "Uma Reviewer", "--db", str(db_path))
    assert "You may film the meeting without asking." in page(site, code)
    with (site / "changes.csv").open(newline="", encoding="utf-8") as handle:
        latest = next(csv.DictReader(handle))
    assert (latest["council_code"], latest["kind"], latest["verdict_before"], latest["verdict_after"],
            latest["reviewer"]) == (code, "verdict changed", "permission", "allowed", "Uma Reviewer")
    feed = (site / "council" / code / "feed.xml").read_text(encoding="utf-8")
    assert "verdict changed (Ask first -&gt; Yes)" in feed
