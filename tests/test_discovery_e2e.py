"""Between full walks of a council's sites, a night reads only the pages that link to its known documents."""

from __future__ import annotations

import json
import sqlite3
from datetime import date

import pytest

from tests.conftest import run_ocm, settings_args

pytestmark = pytest.mark.e2e

NEVER_WALKED = 10**6  # a walk interval no council reaches tonight (checked below)
LINK_PAGES_NIGHTLY = {"OCM_DISCOVERY_INTERVAL_DAYS": str(NEVER_WALKED), "OCM_LINK_PAGES_INTERVAL_DAYS": "1"}


def rows(db_path, sql, *params):
    with sqlite3.connect(db_path) as conn:
        return conn.execute(sql, params).fetchall()


def crawl(registry, db_path, settings=None):
    result = run_ocm("crawl", "--registry", str(registry), "--db", str(db_path), *settings_args(settings))
    assert result.returncode == 0, result.stdout + result.stderr
    (stats,) = rows(db_path, "SELECT stats FROM run ORDER BY id DESC LIMIT 1")[0]
    totals: dict[str, int] = {}
    for per_spider in json.loads(stats).values():
        for name, value in per_spider.items():
            if isinstance(value, int) and name.startswith("ocm/"):
                totals[name] = totals.get(name, 0) + value
    return totals


def test_a_link_pages_night_reads_the_linking_pages_only_and_still_finds_moved_documents(sample_web, tmp_path):
    registry = sample_web.write_registry(tmp_path / "registry.csv")
    db_path = tmp_path / "ocm.db"
    codes = [site.code for site in sample_web.sites.values()]
    assert date.today().toordinal() % NEVER_WALKED >= len(codes)  # no council's place comes round tonight

    first = crawl(registry, db_path)  # nothing known yet: every council's sites are walked
    assert first["ocm/discovery_walk"] == len(codes)
    moderngov = sample_web.sites["moderngov"].code
    base = sample_web.base_url("moderngov")
    index = f"{base}mgGeneric.aspx?MD=mgconstitution"
    linked = dict(rows(db_path, "SELECT url, found_on FROM source WHERE council = ?", moderngov))
    assert len(linked) >= 4 and set(linked.values()) == {index}  # every Part is linked from the index
    filming = rows(db_path, "SELECT found_on FROM source WHERE url LIKE '%/filming-and-recording-at-meetings'")
    assert filming == [(f"{sample_web.base_url('cms-protocol')}council-and-democracy/meetings",)]

    walked = len(sample_web.request_log("moderngov"))
    second = crawl(registry, db_path, LINK_PAGES_NIGHTLY)
    tonight = sample_web.request_log("moderngov")[walked:]
    assert tonight.count("/mgGeneric.aspx?MD=mgconstitution") == 1
    assert len(tonight) == 1 + len(linked)  # the index and the documents: no home page, no committee pages
    assert "ocm/discovery_walk" not in second and second["ocm/discovery_link_pages"] >= 4
    assert rows(db_path, "SELECT outcome, COUNT(*) FROM fetch WHERE run_id = 2 AND outcome = 'failed'") == [
        (None, 0)]

    # The council's new CMS moves its filming page: the linking page now links the new address.
    sample_web.set_night(3, "cms-html")
    third = crawl(registry, db_path, LINK_PAGES_NIGHTLY)
    assert third["ocm/discovery_link_pages_failed"] >= 1  # the old link is gone: the sites are walked tonight
    cms_html = sample_web.sites["cms-html"].code
    new = rows(db_path, "SELECT found_on FROM source WHERE council = ? AND url LIKE '%/filming-and-photography'",
               cms_html)
    assert new == [(f"{sample_web.base_url('cms-html')}council-and-democracy/committee-meetings",)]
