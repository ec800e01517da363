"""Spiders: find and fetch each council's policy documents. They never decide what a text means."""
