"""The store's schema, as numbered migrations applied in order and recorded in PRAGMA user_version.

Each migration and its `user_version` bump commit in one transaction: a migration interrupted half-way (a crash,
a full disk) leaves the store as it was before it, and the next open applies it again. So a migration never
uses `executescript`, which commits on its own: `run_script` runs a script's statements one by one, and an
`ALTER TABLE ... ADD COLUMN` of a column already there is skipped, so that a step can safely run twice (stores a
crash left half-migrated before migrations were atomic). The file is marked as ours with `PRAGMA application_id`;
a file that is not ours, or a store of a newer schema, is refused before anything is written to it.

A step keeps every row earlier ones stored (migration 8 drops only the old web session key). Adding migration
N+1 means keeping a store of version N in tests/fixtures/stores/ (`python tests/fixtures/stores/build.py N`):
tests/test_migrations.py migrates a store of every earlier version, checks that no row is lost and that the result
has a fresh store's schema, and runs each step a second time.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

from sqlite_utils import Database

from store.db import NewerSchema, NotAStore, transaction

APPLICATION_ID = 0x4F434D31  # "OCM1" in PRAGMA application_id: this file is an Open Council Meetings store
# Tables every store has had since the first migration: a file without them is not one of ours.
CORE_TABLES = frozenset({"council", "run", "source", "blob", "snapshot", "finding", "fetch", "policy", "flag",
                         "published"})
ADD_COLUMN = re.compile(r"^ALTER\s+TABLE\s+\[?(\w+)\]?\s+ADD\s+COLUMN\s+\[?(\w+)", re.IGNORECASE)

SCHEMA_V1 = """
CREATE TABLE IF NOT EXISTS council (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    nation TEXT NOT NULL,
    type TEXT,
    website TEXT,
    democracy_url TEXT,
    platform TEXT,
    status TEXT NOT NULL DEFAULT 'active',
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS run (
    id INTEGER PRIMARY KEY,
    trigger TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    pid INTEGER,
    status TEXT NOT NULL DEFAULT 'running',          -- running / finished / aborted
    finish_reason TEXT,
    councils INTEGER NOT NULL DEFAULT 0,
    requests INTEGER NOT NULL DEFAULT 0,
    documents INTEGER NOT NULL DEFAULT 0,
    changes INTEGER NOT NULL DEFAULT 0,
    errors INTEGER NOT NULL DEFAULT 0,
    flags INTEGER NOT NULL DEFAULT 0,
    stats TEXT
);
CREATE TABLE IF NOT EXISTS source (
    id INTEGER PRIMARY KEY,
    council TEXT NOT NULL REFERENCES council(code),
    url TEXT NOT NULL,
    kind TEXT NOT NULL,
    found_via TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT,
    last_success TEXT,
    last_status INTEGER,
    last_error TEXT,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    etag TEXT,
    last_modified TEXT,
    status TEXT NOT NULL DEFAULT 'active',           -- active / gone
    UNIQUE (council, url)
);
CREATE TABLE IF NOT EXISTS blob (
    sha256 TEXT PRIMARY KEY,
    content BLOB NOT NULL,
    size INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS snapshot (
    id INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES source(id),
    run_id INTEGER REFERENCES run(id),
    fetched_at TEXT NOT NULL,
    final_url TEXT NOT NULL,
    http_status INTEGER NOT NULL,
    content_type TEXT,
    bytes_sha256 TEXT NOT NULL REFERENCES blob(sha256),
    text_sha256 TEXT NOT NULL,
    format TEXT NOT NULL,
    title TEXT,
    text TEXT NOT NULL,
    page_count INTEGER NOT NULL,
    page_starts TEXT NOT NULL,
    dates TEXT NOT NULL,
    UNIQUE (source_id, text_sha256)
);
CREATE TABLE IF NOT EXISTS finding (
    id INTEGER PRIMARY KEY,
    snapshot_id INTEGER NOT NULL REFERENCES snapshot(id),
    activity TEXT NOT NULL,
    verdict TEXT NOT NULL,
    conditions TEXT NOT NULL,
    evidence TEXT NOT NULL,
    conflicts_with_statute INTEGER NOT NULL DEFAULT 0,
    classifier_version TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (snapshot_id, activity, classifier_version)
);
CREATE TABLE IF NOT EXISTS fetch (
    id INTEGER PRIMARY KEY,
    run_id INTEGER REFERENCES run(id),
    source_id INTEGER NOT NULL REFERENCES source(id),
    fetched_at TEXT NOT NULL,
    http_status INTEGER,
    outcome TEXT NOT NULL,                           -- new_snapshot / unchanged / failed
    error TEXT,
    snapshot_id INTEGER REFERENCES snapshot(id)
);
CREATE TABLE IF NOT EXISTS policy (
    id INTEGER PRIMARY KEY,
    run_id INTEGER REFERENCES run(id),
    council TEXT NOT NULL REFERENCES council(code),
    activity TEXT NOT NULL,
    verdict TEXT NOT NULL,
    conditions TEXT NOT NULL,
    evidence TEXT NOT NULL,
    conflicts_with_statute INTEGER NOT NULL DEFAULT 0,
    derived_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS flag (
    id INTEGER PRIMARY KEY,
    council TEXT NOT NULL REFERENCES council(code),
    activity TEXT,
    source_id INTEGER REFERENCES source(id),
    kind TEXT NOT NULL,
    before TEXT,
    after TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    run_id INTEGER REFERENCES run(id),
    raised_at TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',          -- pending / confirmed / rejected / superseded
    reviewer TEXT,
    decided_at TEXT,
    note TEXT
);
CREATE TABLE IF NOT EXISTS published (
    id INTEGER PRIMARY KEY,
    council TEXT NOT NULL REFERENCES council(code),
    activity TEXT NOT NULL,
    verdict TEXT NOT NULL,
    conditions TEXT NOT NULL,
    evidence TEXT NOT NULL,
    conflicts_with_statute INTEGER NOT NULL DEFAULT 0,
    flag_id INTEGER REFERENCES flag(id),
    reviewer TEXT NOT NULL,
    reviewed_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS source_council ON source(council);
CREATE INDEX IF NOT EXISTS snapshot_source ON snapshot(source_id, id);
CREATE INDEX IF NOT EXISTS finding_snapshot ON finding(snapshot_id);
CREATE INDEX IF NOT EXISTS fetch_source ON fetch(source_id, id);
CREATE INDEX IF NOT EXISTS policy_council ON policy(council, activity, id);
CREATE INDEX IF NOT EXISTS flag_council ON flag(council, kind, status);
CREATE INDEX IF NOT EXISTS published_council ON published(council, activity, id);
-- A pending flag is unique per council, activity (or none), source (or none) and kind.
CREATE UNIQUE INDEX IF NOT EXISTS flag_one_pending
    ON flag(council, IFNULL(activity, ''), IFNULL(source_id, 0), kind) WHERE status = 'pending';
"""


SCHEMA_V2 = """
CREATE TABLE IF NOT EXISTS event (                   -- the audit trail: one row per reviewer decision
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    action TEXT NOT NULL,                            -- confirm / reject / correct
    flag_id INTEGER REFERENCES flag(id),
    council TEXT NOT NULL,
    activity TEXT,
    before TEXT,
    after TEXT,
    note TEXT,
    snapshots TEXT NOT NULL,                         -- {"before": [ids], "after": [ids]} compared
    classifier_version TEXT
);
CREATE INDEX IF NOT EXISTS event_council ON event(council, id);
CREATE INDEX IF NOT EXISTS event_flag ON event(flag_id);
CREATE TRIGGER IF NOT EXISTS event_no_update BEFORE UPDATE ON event
    BEGIN SELECT RAISE(ABORT, 'the event table is append-only'); END;
CREATE TRIGGER IF NOT EXISTS event_no_delete BEFORE DELETE ON event
    BEGIN SELECT RAISE(ABORT, 'the event table is append-only'); END;
CREATE TABLE IF NOT EXISTS reviewer (
    name TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_login TEXT
);
CREATE TABLE IF NOT EXISTS setting (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
ALTER TABLE published ADD COLUMN corrected INTEGER NOT NULL DEFAULT 0;
ALTER TABLE published ADD COLUMN basis TEXT;     -- JSON snapshot ids a correction was made against
"""


def statements(script: str) -> Iterator[str]:
    """The SQL statements of a script, one at a time (a trigger's body stays whole; comments go with the statement
    that follows them)."""
    pending = ""
    *pieces, rest = script.split(";")
    for piece in pieces:
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            yield pending.strip()
            pending = ""
    if _uncommented(pending + rest):
        raise ValueError(f"an unfinished SQL statement ends the script: {(pending + rest).strip()[:80]}")


def _uncommented(statement: str) -> str:
    return "\n".join(line for line in statement.splitlines() if not line.lstrip().startswith("--")).strip()


def _columns(db: Database, table: str) -> set[str]:
    return {row[1] for row in db.execute(f"PRAGMA table_info([{table}])").fetchall()}


def run_script(db: Database, script: str) -> None:
    """Run a migration's script inside the caller's transaction; adding a column that is there already is skipped."""
    for statement in statements(script):
        added = ADD_COLUMN.match(_uncommented(statement))
        if added and added.group(2) in _columns(db, added.group(1)):
            continue
        db.conn.execute(statement)


def _v1(db: Database) -> None:
    run_script(db, SCHEMA_V1)


def _v2(db: Database) -> None:
    """The audit trail (`event`), web reviewers, settings, and corrections on `published`."""
    run_script(db, SCHEMA_V2)


def _v3(db: Database) -> None:
    """Source lineage: a source that moved points at the source that carries its document now."""
    run_script(db, "ALTER TABLE source ADD COLUMN replaced_by INTEGER REFERENCES source(id);")


def _v4(db: Database) -> None:
    """Where each source is linked from: the pages a light re-discovery reads again for new links."""
    run_script(db, "ALTER TABLE source ADD COLUMN found_on TEXT;")


SCHEMA_V5 = """
CREATE TABLE IF NOT EXISTS checked_page (            -- discovered web pages that said nothing about recording
    council TEXT NOT NULL REFERENCES council(code),
    url TEXT NOT NULL,
    bytes_sha256 TEXT NOT NULL,
    text_sha256 TEXT NOT NULL,
    classifier_version TEXT NOT NULL,
    checked_at TEXT NOT NULL,
    PRIMARY KEY (council, url)
);
"""


def _v5(db: Database) -> None:
    """Pages discovery read and found silent, so that the same page is not read again for the same rules."""
    run_script(db, SCHEMA_V5)


SCHEMA_V6 = """
ALTER TABLE finding ADD COLUMN confidence TEXT NOT NULL DEFAULT 'high';  -- high / low; older findings: high
ALTER TABLE finding ADD COLUMN doubts TEXT NOT NULL DEFAULT '[]';        -- JSON list of reasons for a reviewer
"""


def _v6(db: Database) -> None:
    """How far a finding can be trusted: its confidence and the doubts a reviewer should weigh."""
    run_script(db, SCHEMA_V6)


SCHEMA_V7 = """
CREATE TABLE IF NOT EXISTS discovery (               -- one council's discovery in one crawl: what it saw
    id INTEGER PRIMARY KEY,
    run_id INTEGER REFERENCES run(id),
    council TEXT NOT NULL REFERENCES council(code),
    mode TEXT NOT NULL,                              -- walk / link_pages
    budget INTEGER NOT NULL,                         -- the page budget it had
    fetched INTEGER NOT NULL,                        -- links fetched (pages and candidate documents)
    failed INTEGER NOT NULL,                         -- links whose fetch failed
    refused INTEGER NOT NULL,                        -- links left unvisited when the budget ran out
    recorded_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS discovery_council ON discovery(council, id);
CREATE TABLE IF NOT EXISTS discovery_visit (         -- each link of it, in the order taken, then those refused
    discovery_id INTEGER NOT NULL REFERENCES discovery(id),
    ord INTEGER NOT NULL,
    url TEXT NOT NULL,
    score INTEGER NOT NULL,                          -- how likely it was to lead to policy (spiders/links.py)
    cue TEXT NOT NULL,                               -- what decided the score
    depth INTEGER NOT NULL,                          -- clicks from a start page
    role TEXT NOT NULL,                              -- candidate (may be policy) / page (leads towards it)
    found_on TEXT,                                   -- the page that linked it
    outcome TEXT NOT NULL,                           -- fetched / failed / refused / unvisited / held
    detail TEXT,                                     -- why a fetch failed
    PRIMARY KEY (discovery_id, ord)
);
"""


def _v7(db: Database) -> None:
    """What each council's discovery saw: the links it took, with scores, and what the page budget refused."""
    run_script(db, SCHEMA_V7)


SCHEMA_V8 = """
ALTER TABLE reviewer ADD COLUMN session_token TEXT;  -- in each session cookie; a new one ends the old sessions
UPDATE reviewer SET session_token = lower(hex(randomblob(16)));
DELETE FROM setting WHERE name = 'web_secret_key';  -- the session key now lives in a 0600 file beside the store
"""


def _v8(db: Database) -> None:
    """Reviewer sessions that logout, a new password or removal can end; the session key out of the store."""
    run_script(db, SCHEMA_V8)


SCHEMA_V9 = """
ALTER TABLE flag ADD COLUMN template TEXT;       -- a new council's flag: the shared text it rests on (one decision)
ALTER TABLE published ADD COLUMN template TEXT;  -- published with the review of that shared text, not on its own
CREATE INDEX IF NOT EXISTS flag_template ON flag(template, status) WHERE template IS NOT NULL;
"""


def _v9(db: Database) -> None:
    """Councils whose documents are one shared text (the model standing orders) reviewed as one decision."""
    run_script(db, SCHEMA_V9)


SCHEMA_V10 = """
CREATE VIEW IF NOT EXISTS current_verdicts AS    -- the published answer in force per council and activity
SELECT p.council, c.name AS council_name, c.nation, p.activity, p.verdict, p.conditions, p.evidence,
       p.conflicts_with_statute, p.reviewer, p.reviewed_at, p.corrected
FROM published p LEFT JOIN council c ON c.code = p.council
WHERE p.id = (SELECT MAX(id) FROM published WHERE council = p.council AND activity = p.activity);
"""


def _v10(db: Database) -> None:
    """The answers in force (`current_verdicts`), so that browsing the store shows them, not every row published."""
    run_script(db, SCHEMA_V10)


SCHEMA_V11 = """
ALTER TABLE council ADD COLUMN tier TEXT;               -- principal or local (parish, town, community council)
ALTER TABLE council ADD COLUMN parent TEXT;             -- a local council's principal council (register code)
ALTER TABLE council ADD COLUMN no_website_reason TEXT;  -- why it has no website: its verdicts are unknown for this
"""


def _v11(db: Database) -> None:
    """Local councils beside principal ones: each council's tier and parent, and why one has no website."""
    run_script(db, SCHEMA_V11)


MIGRATIONS: tuple[Callable[[Database], None], ...] = (_v1, _v2, _v3, _v4, _v5, _v6, _v7, _v8, _v9, _v10, _v11)


def schema_version(db: Database) -> int:
    """The number of migrations applied to this store."""
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def _tables(db: Database) -> set[str]:
    return {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                         "AND name NOT LIKE 'sqlite_%'").fetchall()}


def identify(db: Database, path: str | Path) -> None:
    """Refuse a file that is not an Open Council Meetings store, or a store of a newer schema than this code knows.
    Reads only. A store from before the application id was set is known by its tables."""
    application_id = int(db.execute("PRAGMA application_id").fetchone()[0])
    version, tables = schema_version(db), _tables(db)
    if application_id not in (0, APPLICATION_ID):
        raise NotAStore(f"cannot open store {path}: it is not an Open Council Meetings store (another "
                        f"application's SQLite database, application id {application_id:#x})")
    if version > len(MIGRATIONS):
        raise NewerSchema(f"cannot open store {path}: its schema version {version} is newer than this version of "
                          f"Open Council Meetings knows ({len(MIGRATIONS)}): upgrade, or use a backup made by "
                          "this version")
    if application_id == 0 and tables and not (CORE_TABLES <= tables if version else tables <= CORE_TABLES):
        shown = ", ".join(sorted(tables)[:5]) + (", ..." if len(tables) > 5 else "")
        raise NotAStore(f"cannot open store {path}: it is not an Open Council Meetings store (a SQLite database "
                        f"of other tables: {shown})")


def migrate(db: Database) -> None:
    """Apply every migration this store has not had yet, each with its `user_version` bump in one transaction."""
    for number, step in enumerate(MIGRATIONS, start=1):
        if schema_version(db) >= number:
            continue
        with transaction(db):
            if schema_version(db) >= number:  # another process applied it while this one waited for the lock
                continue
            step(db)
            if not db.conn.in_transaction:
                raise RuntimeError(f"migration {number} committed on its own (executescript?): use run_script")
            db.execute(f"PRAGMA user_version = {number}")
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    if int(db.execute("PRAGMA application_id").fetchone()[0]) != APPLICATION_ID:  # a store from before the id
        with transaction(db):
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
