"""The SQLite store (sqlite-utils): the schema and every read and write. No business rules here."""

from store.db import StoreError, open_db, utcnow

__all__ = ["StoreError", "open_db", "utcnow"]
