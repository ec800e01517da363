"""Sources in the store: where each is linked from, kept across nights and across a schema upgrade."""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database

from store import open_db
from store.documents import SourceRef, known_sources, record_failure, record_link_pages
from store.schema import MIGRATIONS, schema_version

NOW = "2026-11-27T02:30:00+00:00"
SITE = "https://www.example.gov.uk"
PART4 = f"{SITE}/documents/s12304/Part%204.pdf"
INDEX = f"{SITE}/mgGeneric.aspx?MD=mgconstitution"
MEETINGS = f"{SITE}/council-and-democracy/meetings"


def add_source(db: Database, url: str) -> None:
    record_failure(db, None, SourceRef("TST", url, "constitution", "registry"), NOW, 500, "HTTP 500", create=True)


def found_on(db: Database) -> dict[str, str | None]:
    return {s["url"]: s["found_on"] for s in known_sources(db, "TST")}


def test_a_source_keeps_its_linking_page_while_that_page_still_links_it(db, council):
    add_source(db, PART4)
    assert found_on(db) == {PART4: None}
    assert record_link_pages(db, {("TST", PART4): {INDEX}}) == 1
    assert record_link_pages(db, {("TST", PART4): {MEETINGS, INDEX}}) == 0  # still linked from its page
    assert found_on(db) == {PART4: INDEX}
    assert record_link_pages(db, {("TST", PART4): {MEETINGS}}) == 1  # its page dropped it, another links it
    assert found_on(db) == {PART4: MEETINGS}


def test_a_source_takes_the_page_that_links_most_of_its_councils_sources(db, council):
    parts = [f"{SITE}/documents/s1230{n}/Part%20{n}.pdf" for n in (1, 2, 3)]
    for url in parts:
        add_source(db, url)
    # Part 1 is also linked from the meetings page, whose address sorts first; the index links all three.
    seen = {("TST", url): {INDEX} for url in parts} | {("TST", parts[0]): {MEETINGS, INDEX}}
    assert record_link_pages(db, seen) == 3
    assert set(found_on(db).values()) == {INDEX}


def test_links_that_are_no_source_are_not_recorded(db, council):
    add_source(db, PART4)
    seen = {("TST", f"{SITE}/not-a-source.pdf"): {INDEX}, ("OTH", PART4): {INDEX}, ("TST", PART4): set()}
    assert record_link_pages(db, seen) == 0
    assert found_on(db) == {PART4: None}
    assert db.execute("SELECT COUNT(*) FROM source").fetchone()[0] == 1


def test_a_store_of_the_previous_schema_is_upgraded_in_place(tmp_path):
    path = tmp_path / "old.db"
    old = Database(sqlite3.connect(path))
    for number, step in enumerate(MIGRATIONS[:3], start=1):
        step(old)
        old.execute(f"PRAGMA user_version = {number}")
    old.execute("INSERT INTO council (code, name, nation, updated_at) VALUES ('TST', 'Testshire', 'England', ?)",
                [NOW])
    old.execute("""INSERT INTO source (council, url, kind, found_via, first_seen)
                   VALUES ('TST', ?, 'constitution', 'discovery', ?)""", [PART4, NOW])
    old.conn.commit()
    old.close()
    db = open_db(path)
    try:
        assert schema_version(db) == len(MIGRATIONS)
        assert found_on(db) == {PART4: None}  # kept; the next walk of the site fills in where it is linked
    finally:
        db.close()
