"""`ocm demo`: two nights on the sample council web, with a policy change, a re-saved PDF and a 500 between."""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

from publish.auto import publish_dir
from publish.build import read_marker
from review.kinds import NEW_COUNCIL
from review.render import failing_source_line, flag_line, policy_table, run_line
from review.workflow import confirm
from sampleweb.server import SampleWeb
from scheduler import NightlyResult, run_nightly
from store import StoreError, open_db
from store.councils import council_rows
from store.documents import failing_sources
from store.flags import list_flags
from store.policies import latest_policy, published_policy

CHANGED_SITE = "cms-protocol"  # its filming clause goes from the chair's consent to allowed
RESAVED_SITE = "moderngov"  # its constitution PDFs are re-saved: same text, new bytes and dates
BROKEN_SITE = "cms-html"  # answers 500 to everything on night 2
DEMO_REVIEWER = "demo"
# The sample web is on 127.0.0.1 (test mode) and local: no politeness delays, quick retries.
QUIET = {"OCM_TEST_MODE": "True", "LOG_LEVEL": "CRITICAL", "DOWNLOAD_DELAY": "0", "AUTOTHROTTLE_ENABLED": "False",
         "RETRY_TIMES": "1", "OCM_RETRY_BACKOFF": "0.2", "DOWNLOAD_TIMEOUT": "10"}


class DemoError(StoreError):
    """The demo cannot run on this store."""


def fresh_store(db_path: Path) -> None:
    """Start the demo from an empty store, but never delete one that holds anything but earlier demos."""
    if not db_path.exists():
        return
    try:
        with sqlite3.connect(db_path) as conn:
            triggers = {row[0] for row in conn.execute("SELECT DISTINCT trigger FROM run")}
    except sqlite3.DatabaseError as exc:
        raise DemoError(f"{db_path} is not a demo store ({exc}); choose another with --db") from exc
    if triggers - {"demo"}:
        raise DemoError(f"{db_path} holds real runs ({', '.join(sorted(triggers))}); choose another with --db")
    for suffix in ("", "-wal", "-shm", ".lock"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)


def run_demo(db_path: str | Path, echo: Callable[[str], None]) -> None:
    """Run the demo and tell the story as it goes."""
    db_path = Path(db_path)
    fresh_store(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    with SampleWeb() as web:
        registry = web.write_registry(db_path.parent / "sample-registry.csv")
        echo(f"Sample council web: {len(web.sites)} council sites on 127.0.0.1 (registry: {registry})\n")
        # the demo's site goes beside its own store, whatever OCM_PUBLISH_DIR says (never over a real site)
        settings = {**QUIET, "OCM_PUBLISH_DIR": str(demo_site(db_path))}
        night1 = run_nightly(db_path, registry, trigger="demo", settings=settings)
        _report_night(echo, "Night 1", night1)
        confirmed = _confirm_new_councils(db_path)
        echo(f"  A reviewer confirmed the {confirmed} new_council flag(s), publishing those answers "
             f"(the demo does this as reviewer {DEMO_REVIEWER!r}).\n")
        web.set_night(2)
        web.inject_fault(BROKEN_SITE, "500")
        echo("Between the nights:")
        echo(f"  - {web.sites[CHANGED_SITE].name} changed its filming rule (chair's consent -> allowed);")
        echo(f"  - {web.sites[RESAVED_SITE].name} re-saved its constitution PDFs (same text, new bytes and dates);")
        echo(f"  - {web.sites[BROKEN_SITE].name}'s site answers HTTP 500 to everything.\n")
        night2 = run_nightly(db_path, registry, trigger="demo", settings=settings)
        _report_night(echo, "Night 2", night2)
    _summary(db_path, echo)


def ocm_command() -> str:
    """How to type `ocm` here: plain when it is on PATH, else the path it was run by (e.g. .venv/bin/ocm)."""
    invoked = Path(sys.argv[0])
    on_path = shutil.which("ocm")
    if invoked.name != "ocm" or (on_path and Path(on_path).resolve() == invoked.resolve()):
        return "ocm"
    return os.path.relpath(invoked)


def _report_night(echo: Callable[[str], None], label: str, result: NightlyResult) -> None:
    echo(f"{label}: {run_line(result.run)}")
    for kind, count in sorted(result.flag_counts.items()):
        echo(f"  raised {count} {kind} flag(s)")


def _confirm_new_councils(db_path: Path) -> int:
    db = open_db(db_path)
    try:
        flags = [f for f in list_flags(db) if f.kind == NEW_COUNCIL]
        for flag in flags:
            confirm(db, flag.id, DEMO_REVIEWER, "demo: first answers published")
        return len(flags)
    finally:
        db.close()


def demo_site(db_path: Path) -> Path:
    """The folder the demo publishes its public site to: `site` beside its store."""
    return publish_dir(db_path, "") or db_path.parent / "site"


def _site_lines(db_path: Path, echo: Callable[[str], None], ocm: str, hint: str) -> None:
    """Where the night published the public site, and how to look at it."""
    site = demo_site(db_path)
    if read_marker(site) is None:
        return
    echo(f"\nThe public site and open data, published by the night: {site}/ (index.html, councils.csv, feed.xml)")
    echo(f"  look at it with: {ocm} publish{hint} --serve   (then open http://127.0.0.1:8000/)")


def _summary(db_path: Path, echo: Callable[[str], None]) -> None:
    db = open_db(db_path)
    try:
        councils = council_rows(db)
        echo(f"\nCouncils crawled: {len(councils)}")
        echo("\nPublished verdicts per activity (what the open data says now):")
        echo(policy_table([(f"{c['code']} {c['name']}", published_policy(db, c["code"])) for c in councils]))
        echo("\nDerived tonight from the councils' documents (before review):")
        echo(policy_table([(f"{c['code']} {c['name']}", latest_policy(db, c["code"])) for c in councils]))
        failing = failing_sources(db)
        echo(f"\nSources failing (their last good text stays in force): {len(failing)}")
        for source in failing:
            echo("  " + failing_source_line(source))
        names = {c["code"]: c["name"] for c in councils}
        pending = list_flags(db)
        echo(f"\nFlags waiting for review: {len(pending)}")
        for flag in pending:
            echo("  " + flag_line(flag, names.get(flag.council, "")))
        hint = "" if str(db_path) == "data/ocm.db" else f" --db {db_path}"
        ocm = ocm_command()
        echo(f"\nReview them with:\n  {ocm} review list{hint}\n  {ocm} review show N{hint}")
        echo(f"or in a browser: {ocm} reviewers add \"Your Name\"{hint}, then {ocm} serve{hint} "
             "and open http://127.0.0.1:8080/")
        _site_lines(db_path, echo, ocm, hint)
    finally:
        db.close()
