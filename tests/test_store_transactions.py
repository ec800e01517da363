"""Two processes writing to the store at once (two crawl processes, a reviewer during a crawl) wait for each
other; neither fails with "database is locked"."""

from __future__ import annotations

import threading
import time

from store import open_db
from store.db import transaction


def test_a_write_that_reads_first_waits_for_another_connection_instead_of_failing(db_path):
    first = open_db(db_path)
    first.execute("CREATE TABLE counter (n INTEGER)")
    first.execute("INSERT INTO counter VALUES (0)")
    errors: list[Exception] = []

    def add_one_elsewhere() -> None:  # its own connection, as another process has
        second = open_db(db_path)
        try:
            with transaction(second):
                second.execute("UPDATE counter SET n = n + 1")
        except Exception as exc:  # reported by the assertion below
            errors.append(exc)
        finally:
            second.close()

    with transaction(first):
        (n,) = first.execute("SELECT n FROM counter").fetchone()  # read first ...
        other = threading.Thread(target=add_one_elsewhere)
        other.start()
        time.sleep(0.3)  # ... the other connection tries to write meanwhile ...
        first.execute("UPDATE counter SET n = ?", [n + 10])  # ... then write what was read
    other.join()
    assert errors == []
    assert first.execute("SELECT n FROM counter").fetchone() == (11,)  # both writes, one after the other
    first.close()


def test_a_failed_transaction_writes_nothing_and_a_nested_one_is_a_savepoint(db):
    db.execute("CREATE TABLE t (n INTEGER)")
    try:
        with transaction(db):
            db.execute("INSERT INTO t VALUES (1)")
            raise RuntimeError("half-way")
    except RuntimeError:
        pass
    with transaction(db):
        db.execute("INSERT INTO t VALUES (2)")
        try:
            with transaction(db):
                db.execute("INSERT INTO t VALUES (3)")
                raise RuntimeError("inner")
        except RuntimeError:
            pass
    assert [n for (n,) in db.execute("SELECT n FROM t")] == [2]
    assert not db.conn.in_transaction
