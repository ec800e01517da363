"""Publish: the public site and the open data (CSV, JSON, Atom, a data dictionary and package) from the reviewed
verdicts only, swapped in at once; Datasette metadata for the store."""
