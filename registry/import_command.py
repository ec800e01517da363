"""What `ocm councils import` says: the outcome in the terminal, or as JSON (the command: cli/councils.py)."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict

import click

from registry.importer import ImportResult, import_source
from registry.loader import DEFAULT_REGISTRY
from registry.opendata import LOCAL_TAGS


def summary(result: ImportResult, registry: str) -> str:
    """One line: what the import did to the registry."""
    return (f"{len(result.added)} added, {len(result.updated)} updated ({len(result.retired)} retired, "
            f"{len(result.reactivated)} listed again), {len(result.unchanged)} unchanged; "
            f"{result.principal_rows} principal council row(s) and {result.other_rows} other row(s) left alone; "
            f"{len(result.problems)} row(s) skipped; {result.files_written} file(s) of {registry}/local written.")


def run_import(file: str, source: str, tags: tuple[str, ...], registry: str | None, as_json: bool) -> None:
    """Import, report each skipped row (standard error) and the retired councils, then the summary; exit 1 when a
    row was skipped. RegistryError when the import cannot run at all (nothing written)."""
    result = import_source(file, source, registry, tuple(tags) or LOCAL_TAGS)
    if as_json:
        click.echo(json.dumps({**asdict(result), "problems": [str(p) for p in result.problems]}, indent=2))
    else:
        for problem in result.problems:
            click.echo(f"skipped {problem}", err=True)
        for code in result.retired:
            click.echo(f"retired {code}")
        click.echo(summary(result, registry or str(DEFAULT_REGISTRY)))
    if result.problems:
        sys.exit(1)
