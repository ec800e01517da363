"""`ocm councils validate`: crawl one council twice into a scratch store and check what the crawls found.

The checks: both crawls ran; policy documents were found; each has text; the second fetch of every
document gave the same text as the first (a page that changes on every fetch would flag every night).

The crawl is the `ocm crawl` command in a process of its own, whose command the caller gives (`cli/councils.py` gives
`spiders.runner.crawl_child`): the registry imports no spider. The scratch store is read through the store's
functions.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from sqlite_utils import Database

from registry.loader import RegistryError, find_council, load_registry
from rules import CLASSIFIER_VERSION
from store import open_db
from store.documents import fetched_in_run, known_sources, latest_snapshot
from store.runs import recent_runs

logger = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CRAWLS = 2
CRAWL_TIMEOUT = 1800  # seconds per crawl; one council only


class CrawlProcess(Protocol):
    """An `ocm crawl` process to start (a `spiders.runner.CrawlCommand`): its command line, and what to add to its
    environment (its settings, which `ps` must not show)."""

    @property
    def argv(self) -> list[str]: ...
    @property
    def env(self) -> dict[str, str]: ...


# The command of the crawl of these councils into a store: (store, registry, councils, trigger, settings).
CrawlCommandFor = Callable[[Path, Path | None, Iterable[str], str, Mapping[str, object] | None], CrawlProcess]


class ValidationError(RegistryError):
    """Validation could not run (the scratch store already exists, a crawl did not start)."""


@dataclass(frozen=True)
class Check:
    """One check's verdict and the reason for it."""

    name: str
    passed: bool
    detail: str


@dataclass
class Validation:
    """Every check of one council, and where its scratch store was (gone unless kept)."""

    code: str
    db_path: Path
    checks: list[Check] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return bool(self.checks) and all(c.passed for c in self.checks)


def validate_council(code: str, crawl_command: CrawlCommandFor, registry: str | Path | None = None,
                     settings: dict[str, str] | None = None, keep_db: str | Path | None = None) -> Validation:
    """Crawl ``code`` twice into a scratch store (``keep_db`` to keep it), each crawl the process
    ``crawl_command`` gives, and check the results."""
    councils, _errors = load_registry(registry)
    council = find_council(councils, code)
    registry_path = Path(registry).resolve() if registry else None
    with tempfile.TemporaryDirectory(prefix="ocm-validate-") as tmp:
        db_path = Path(keep_db).resolve() if keep_db else Path(tmp) / "validate.db"
        if db_path.exists():
            raise ValidationError(f"{db_path} already exists; validation needs a fresh store")
        validation = Validation(council.code, db_path)
        command = crawl_command(db_path, registry_path, [council.code], "validate", settings)
        for night in range(1, CRAWLS + 1):
            failure = _crawl(command, night)
            if failure:
                validation.checks.append(Check("crawl", False, failure))
                return validation
        validation.checks.append(Check("crawl", True, f"{CRAWLS} crawls finished"))
        db = open_db(db_path)
        try:
            validation.checks += store_checks(db, council.code)
        finally:
            db.close()
    return validation


def _crawl(command: CrawlProcess, night: int) -> str | None:
    """Run one crawl (its settings in its environment, never on its command line); None if it went well, else why
    not."""
    env = {**os.environ, **command.env,
           "PYTHONPATH": os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")]))}
    logger.info("validation crawl %d: %s", night, " ".join(command.argv))
    try:
        done = subprocess.run(command.argv, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True,
                              timeout=CRAWL_TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        return f"crawl {night} took longer than {CRAWL_TIMEOUT} s"
    except OSError as exc:
        raise ValidationError(f"cannot start the crawl: {exc}") from exc
    if done.returncode != 0:
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return f"crawl {night} exited with code {done.returncode}: {tail}"
    return None


def store_checks(db: Database, code: str) -> list[Check]:
    """The documents, text and stability checks, read from a store two crawls of ``code`` wrote."""
    runs = sorted(recent_runs(db, CRAWLS), key=lambda r: r["id"])
    if len(runs) < CRAWLS:
        return [Check("runs", False, f"the crawls recorded {len(runs)} run(s), not {CRAWLS}; see their log")]
    last = runs[-1]
    sources = sorted(known_sources(db, code), key=lambda s: s["url"])
    if not sources:
        return [Check("documents", False, f"no policy documents found{_responses(last)}: list known "
                                          "ones in the entry's `documents`, or add a discovery rule or a spider")]
    checks = [Check("documents", True, f"{len(sources)} policy document(s) found: "
                                       + ", ".join(s["url"] for s in sources))]
    empty = [s for s in sources if not _has_text(db, s["id"])]
    checks.append(Check("text", not empty,
                        "every document has text" if not empty else
                        "no text from " + "; ".join(_why_empty(s) for s in empty)))
    second = {f["id"]: f for f in fetched_in_run(db, code, last["id"], CLASSIFIER_VERSION)}
    unstable = [f"{s['url']} ({_outcome(second.get(s['id']))})" for s in sources
                if _outcome(second.get(s["id"])) != "unchanged"]
    checks.append(Check("stable", not unstable,
                        "the second crawl found the same text in every document" if not unstable else
                        "not the same text on the second crawl: " + "; ".join(unstable)))
    return checks


def _has_text(db: Database, source_id: int) -> bool:
    snapshot = latest_snapshot(db, source_id)
    return bool(snapshot and snapshot["text"].strip())


def _why_empty(source: dict) -> str:
    reason = source["last_error"] or (f"HTTP {source['last_status']}" if source["last_status"] else "empty text")
    return f"{source['url']} ({reason})"


def _outcome(fetch: dict | None) -> str:
    """What the second crawl's fetch of a source gave: `unchanged`, `new_snapshot`, `failed: why`, ..."""
    if fetch is None:
        return "not fetched again"
    return fetch["outcome"] + (f": {fetch['error']}" if fetch["error"] else "")


def _responses(run: dict) -> str:
    """The errors the council's sites gave in a run, from its Scrapy stats: ` (HTTP 500 x4)`, or ""."""
    try:
        stored = json.loads(run["stats"] or "{}")
    except json.JSONDecodeError:
        return ""
    stats: dict = {}
    for key, value in stored.items():  # kept per spider name: {"councils": {...}}
        stats.update(value if isinstance(value, dict) else {key: value})
    status_key, error_key = "downloader/response_status_count/", "downloader/exception_type_count/"
    found = [f"HTTP {k[len(status_key):]} x{v}" for k, v in sorted(stats.items())
             if k.startswith(status_key) and not k[len(status_key):].startswith(("2", "3"))]
    found += [f"{k.rsplit('.', 1)[-1]} x{v}" for k, v in sorted(stats.items()) if k.startswith(error_key)]
    return f" (the sites answered {', '.join(found)})" if found else ""
