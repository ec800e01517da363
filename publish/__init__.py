"""Publish: the reviewed verdicts as open data (CSV, JSON, a static HTML summary) and Datasette metadata."""
