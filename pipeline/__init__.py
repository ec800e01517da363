"""Item pipelines: extract text, classify it, persist it. SQL only through the store's functions."""
