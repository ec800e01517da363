"""The store for each request of the review page: opened on first use, closed when the request ends.

Its own module, so that the app factory, the blueprints and the sessions all import it and none imports the app.
"""

from __future__ import annotations

from flask import current_app, g
from sqlite_utils import Database

from store import open_db


def get_db() -> Database:
    """The store for this request, opened on first use and closed when the request ends."""
    if "db" not in g:
        g.db = open_db(current_app.config["DB_PATH"])
    return g.db


def close_db(_exc: BaseException | None) -> None:
    """Close this request's store, if it was opened (the app's teardown)."""
    db = g.pop("db", None)
    if db is not None:
        db.close()
