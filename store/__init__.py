"""The SQLite store (sqlite-utils): the schema and every read and write. No business rules here."""

from store.connection import open_db
from store.db import StoreError, utcnow

__all__ = ["StoreError", "open_db", "utcnow"]
