"""`ocm councils validate`: crawl one council twice into a scratch store and check what the crawls found.

The checks: both crawls ran; policy documents were found; each has text; the second fetch of every
document gave the same text as the first (a page that changes on every fetch would flag every night).
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from registry.loader import RegistryError, find_council, load_registry

if TYPE_CHECKING:  # (the registry package must not import the spiders' at run time: see validate_council)
    from spiders.runner import CrawlCommand

logger = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CRAWLS = 2
CRAWL_TIMEOUT = 1800  # seconds per crawl; one council only


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


def validate_council(code: str, registry: str | Path | None = None, settings: dict[str, str] | None = None,
                     keep_db: str | Path | None = None) -> Validation:
    """Crawl ``code`` twice into a scratch store (``keep_db`` to keep it) and check the results."""
    councils, _errors = load_registry(registry)
    council = find_council(councils, code)
    registry_path = Path(registry).resolve() if registry else None
    with tempfile.TemporaryDirectory(prefix="ocm-validate-") as tmp:
        db_path = Path(keep_db).resolve() if keep_db else Path(tmp) / "validate.db"
        if db_path.exists():
            raise ValidationError(f"{db_path} already exists; validation needs a fresh store")
        validation = Validation(council.code, db_path)
        from spiders.runner import crawl_child  # here: the registry package must not import the spiders'

        command = crawl_child(db_path, registry_path, [council.code], "validate", settings)
        for night in range(1, CRAWLS + 1):
            failure = _crawl(command, night)
            if failure:
                validation.checks.append(Check("crawl", False, failure))
                return validation
        validation.checks.append(Check("crawl", True, f"{CRAWLS} crawls finished"))
        with sqlite3.connect(db_path) as conn:
            conn.row_factory = sqlite3.Row
            validation.checks += store_checks(conn, council.code)
        conn.close()
    return validation


def _crawl(command: CrawlCommand, night: int) -> str | None:
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


def store_checks(conn: sqlite3.Connection, code: str) -> list[Check]:
    """The documents, text and stability checks, read from a store two crawls of ``code`` wrote."""
    runs = [r[0] for r in conn.execute("SELECT id FROM run ORDER BY id").fetchall()]
    if len(runs) < CRAWLS:
        return [Check("runs", False, f"the crawls recorded {len(runs)} run(s), not {CRAWLS}; see their log")]
    sources = conn.execute("SELECT id, url, last_status, last_error FROM source WHERE council = ? "
                           "AND status = 'active' ORDER BY url", (code,)).fetchall()
    if not sources:
        return [Check("documents", False, f"no policy documents found{_responses(conn, runs[-1])}: list known "
                                          "ones in the entry's `documents`, or add a discovery rule or a spider")]
    checks = [Check("documents", True, f"{len(sources)} policy document(s) found: "
                                       + ", ".join(s["url"] for s in sources))]
    empty = [s for s in sources if not _has_text(conn, s["id"])]
    checks.append(Check("text", not empty,
                        "every document has text" if not empty else
                        "no text from " + "; ".join(_why_empty(s) for s in empty)))
    unstable = [f"{s['url']} ({_second_outcome(conn, s['id'], runs[-1])})" for s in sources
                if _second_outcome(conn, s["id"], runs[-1]) != "unchanged"]
    checks.append(Check("stable", not unstable,
                        "the second crawl found the same text in every document" if not unstable else
                        "not the same text on the second crawl: " + "; ".join(unstable)))
    return checks


def _has_text(conn: sqlite3.Connection, source_id: int) -> bool:
    row = conn.execute("SELECT text FROM snapshot WHERE source_id = ? ORDER BY id DESC LIMIT 1",
                       (source_id,)).fetchone()
    return bool(row and row["text"].strip())


def _why_empty(source: sqlite3.Row) -> str:
    reason = source["last_error"] or (f"HTTP {source['last_status']}" if source["last_status"] else "empty text")
    return f"{source['url']} ({reason})"


def _second_outcome(conn: sqlite3.Connection, source_id: int, run_id: int) -> str:
    row = conn.execute("SELECT outcome, error FROM fetch WHERE source_id = ? AND run_id = ? ORDER BY id DESC "
                       "LIMIT 1", (source_id, run_id)).fetchone()
    if row is None:
        return "not fetched again"
    return row["outcome"] + (f": {row['error']}" if row["error"] else "")


def _responses(conn: sqlite3.Connection, run_id: int) -> str:
    """The errors the council's sites gave in a run, from its Scrapy stats: ` (HTTP 500 x4)`, or ""."""
    row = conn.execute("SELECT stats FROM run WHERE id = ?", (run_id,)).fetchone()
    try:
        stored = json.loads(row["stats"] or "{}") if row else {}
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
