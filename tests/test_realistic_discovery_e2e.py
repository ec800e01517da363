"""Discovery on the realistic sample web: the real `ocm nightly` finds each council's policy from its start pages.

The registry gives only each council's `website` and `democracy_url` (no `documents` column); the crawl runs with
the default page budget and depth. Each run lists the councils in a different random order (its seed is in the
test id and in every failure message), into a fresh store. Per run:
- each council's policy documents (the answer key, `sampleweb.realistic`) are stored as sources: any one
  rendition of each (an HTML constitution page or its PDF conversion, say);
- nothing stored for the council that has no rule anywhere says anything about recording (its silent standing
  orders may be kept: their silence is a finding, and a change to them is news);
- no meeting paper (agenda, minutes, committee report: `RealisticWeb.meeting_papers`) is stored as a
  constitution, whatever its committee is called.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from urllib.parse import unquote

import pytest
from w3lib.url import canonicalize_url

from sampleweb.realistic import COUNCILS, RealisticWeb
from tests.conftest import run_ocm, settings_args

pytestmark = pytest.mark.e2e

SEEDS = (20240312, 7, 1914, 424242, 31337)
NO_POLICY = [council.code for council in COUNCILS if not council.policy]


@pytest.fixture(scope="module")
def web() -> Iterator[RealisticWeb]:
    with RealisticWeb() as running:
        yield running


def same(url: str) -> str:
    """An address as a comparison key: canonical (w3lib), then percent-decoded, as the sample web looks it up."""
    return unquote(canonicalize_url(url))


def sources(db_path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(db_path) as conn:
        return conn.execute("SELECT council, url, kind FROM source ORDER BY council, url").fetchall()


def stated(db_path, council: str) -> list[tuple[str, str, str]]:
    """(url, activity, verdict) of every finding of the council's stored documents that is not `not_stated`."""
    with sqlite3.connect(db_path) as conn:
        return conn.execute("""SELECT s.url, f.activity, f.verdict FROM finding f
                               JOIN snapshot sn ON sn.id = f.snapshot_id JOIN source s ON s.id = sn.source_id
                               WHERE s.council = ? AND f.verdict != 'not_stated'""", [council]).fetchall()


@pytest.mark.parametrize("seed", SEEDS)
def test_nightly_finds_every_policy_from_website_and_democracy_url_alone(web, tmp_path, seed):
    order = [council.code for council in COUNCILS]
    random.Random(seed).shuffle(order)
    registry = web.write_registry(tmp_path / "registry.csv", order=order)
    assert "documents" not in registry.read_text(encoding="utf-8").splitlines()[0]
    db_path = tmp_path / "ocm.db"
    context = f"seed {seed}, councils in the order {order}"

    result = run_ocm("nightly", "--registry", str(registry), "--db", str(db_path), *settings_args(), timeout=600)
    assert result.returncode == 0, f"{context}\n{result.stdout}\n{result.stderr}"

    stored = sources(db_path)
    found = {(council, same(url)) for council, url, _ in stored}
    problems = []
    for code in order:
        for document, urls in zip(web.councils[code].policy, web.policy_urls(code), strict=True):
            if not any((code, same(url)) in found for url in urls):
                problems.append(f"not stored: {code} {web.councils[code].name}: {document.title} "
                                f"({' or '.join(urls)})")
    problems += [f"{council} has no rule anywhere, yet {url} was read as {activity} {verdict}"
                 for council in NO_POLICY for url, activity, verdict in stated(db_path, council)]
    papers = {code: {same(url) for url in web.meeting_papers(code)} for code in order}
    problems += [f"a meeting paper of {council} stored as the constitution: {url}" for council, url, kind in stored
                 if kind == "constitution" and same(url) in papers.get(council, set())]
    assert not problems, f"{context}:\n" + "\n".join(problems)


def test_two_crawls_in_different_orders_store_the_same_documents(web, tmp_path):
    stored = []
    for seed in SEEDS[:2]:
        order = [council.code for council in COUNCILS]
        random.Random(seed).shuffle(order)
        registry = web.write_registry(tmp_path / f"registry-{seed}.csv", order=order)
        db_path = tmp_path / f"ocm-{seed}.db"
        result = run_ocm("crawl", "--registry", str(registry), "--db", str(db_path), *settings_args(), timeout=600)
        assert result.returncode == 0, result.stderr
        stored.append({(council, same(url), kind) for council, url, kind in sources(db_path)})
    only_first, only_second = stored[0] - stored[1], stored[1] - stored[0]
    assert not only_first and not only_second, f"only in the first: {only_first}\nonly in the second: {only_second}"
