"""Migrations: a store saved at every earlier schema version opens migrated, with no row lost and the schema of a
fresh store; migrating a migrated store changes nothing; a step that ran but was not recorded runs again safely.

The stores under tests/fixtures/stores/ were made by the store code of their own time (build.py there says how).
"""

from __future__ import annotations

import re
import shutil
import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from sqlite_utils import Database

from store import open_db
from store.schema import APPLICATION_ID, MIGRATIONS, migrate, schema_version

STORES = Path(__file__).resolve().parent / "fixtures" / "stores"
EARLIER = range(1, len(MIGRATIONS))
# Rows a migration removes on purpose: (table, first column's value) -> the migration that removes it.
REMOVED = {("setting", "web_secret_key"): 8}  # the web session key moved to a 0600 file beside the store


def fixture(version: int, tmp_path: Path) -> Path:
    """A copy of the store saved at `version`, to migrate."""
    copy = tmp_path / f"v{version}.db"
    shutil.copyfile(STORES / f"v{version}.db", copy)
    return copy


def contents(path: Path) -> dict[str, Counter[tuple]]:
    """Every row of every table, as (column, value) pairs."""
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                             "AND name NOT LIKE 'sqlite_%'")]
        found = {}
        for table in tables:
            cursor = conn.execute(f"SELECT * FROM [{table}]")
            names = [d[0] for d in cursor.description]
            found[table] = Counter(tuple(zip(names, row, strict=True)) for row in cursor.fetchall())
    conn.close()
    return found


def schema(path: Path) -> list[tuple]:
    """The store's tables, columns, indexes and triggers, as SQLite records them (whitespace and comments aside)."""
    with sqlite3.connect(path) as conn:
        found = [(kind, name, table, _normal(sql)) for kind, name, table, sql in conn.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name")]
        for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"):
            found.append(("columns", table, tuple(conn.execute(f"PRAGMA table_info([{table}])"))))
            found.append(("foreign keys", table, tuple(conn.execute(f"PRAGMA foreign_key_list([{table}])"))))
        found.append(("version", conn.execute("PRAGMA user_version").fetchone()[0],
                      conn.execute("PRAGMA application_id").fetchone()[0]))
    conn.close()
    return found


def _normal(sql: str | None) -> str | None:
    if sql is None:
        return None
    return " ".join(re.sub(r"--[^\n]*", "", sql).split())


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("fresh") / "fresh.db"
    open_db(path).close()
    return path


def test_a_store_is_kept_for_every_earlier_version():
    """Adding migration N+1 means saving a store of version N (tests/fixtures/stores/build.py N)."""
    saved = sorted(int(p.stem[1:]) for p in STORES.glob("v*.db"))
    assert saved == list(EARLIER)


@pytest.mark.parametrize("version", EARLIER)
def test_a_store_of_an_earlier_version_migrates_with_every_row_kept(version, tmp_path, fresh):
    path = fixture(version, tmp_path)
    before = contents(path)
    assert before and all(before.values()), "every table of the fixture has rows"
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == version
    conn.close()

    open_db(path).close()

    assert schema(path) == schema(fresh)
    after = contents(path)
    for table, rows in before.items():
        columns = {name for name, _ in next(iter(rows))}  # the table's columns at that version
        kept = Counter(tuple(pair for pair in row if pair[0] in columns) for row in after.get(table, {}))
        removed = Counter(row for row in rows if version < REMOVED.get((table, row[0][1]), 0))
        assert rows - kept == removed, f"{table}: rows lost or changed by migrating from version {version}"


@pytest.mark.parametrize("version", [*EARLIER, len(MIGRATIONS)])
def test_migrating_a_migrated_store_changes_nothing(version, tmp_path):
    path = fixture(version, tmp_path) if version in EARLIER else tmp_path / "new.db"
    open_db(path).close()
    before, rows = schema(path), contents(path)
    db = open_db(path)
    try:
        changes = db.conn.total_changes
        migrate(db)
        assert db.conn.total_changes == changes and not db.conn.in_transaction
    finally:
        db.close()
    assert schema(path) == before and contents(path) == rows


@pytest.mark.parametrize("number", range(1, len(MIGRATIONS) + 1))
def test_a_step_that_ran_without_its_version_bump_runs_again_safely(number, tmp_path, fresh):
    """A store a crash left half-migrated before migrations were atomic: the step's changes are there, its version
    number is not. The next open applies the step again, which must neither fail nor change the result."""
    path = fixture(number - 1, tmp_path) if number > 1 else tmp_path / "half.db"
    with sqlite3.connect(path) as conn:
        MIGRATIONS[number - 1](Database(conn))
        conn.commit()
        assert conn.execute("PRAGMA user_version").fetchone()[0] == number - 1
    conn.close()

    db = open_db(path)
    try:
        assert schema_version(db) == len(MIGRATIONS)
        assert int(db.execute("PRAGMA application_id").fetchone()[0]) == APPLICATION_ID
    finally:
        db.close()
    assert schema(path) == schema(fresh)


@pytest.mark.parametrize("version", EARLIER)
def test_a_migrated_store_shows_every_flag_it_kept(version, tmp_path):
    """A reviewer can read every flag of an old store once it is migrated: each one lists and shows."""
    from click.testing import CliRunner

    from cli import main

    path = fixture(version, tmp_path)
    open_db(path).close()
    with sqlite3.connect(path) as conn:
        kept = [row[0] for row in conn.execute("SELECT id FROM flag")] if version >= 1 else []
    conn.close()
    assert kept, "the fixture store has flags to show"
    listed = CliRunner().invoke(main, ["review", "list", "--status", "all", "--db", str(path)])
    assert listed.exit_code == 0, listed.output
    for flag_id in kept:
        shown = CliRunner().invoke(main, ["review", "show", str(flag_id), "--db", str(path)])
        assert shown.exit_code == 0, shown.output
        assert f"#{flag_id}" in shown.output or str(flag_id) in shown.output
