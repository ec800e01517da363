"""`ocm councils import FILE --source wdtk|ons`: the command, hooked into cli.py's `councils` group."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict

import click

from registry.importer import ImportResult, import_source
from registry.loader import RegistryError
from registry.opendata import LOCAL_TAGS, SOURCES


def summary(result: ImportResult, registry: str) -> str:
    """One line: what the import did to the registry."""
    return (f"{len(result.added)} added, {len(result.updated)} updated ({len(result.retired)} retired, "
            f"{len(result.reactivated)} listed again), {len(result.unchanged)} unchanged; "
            f"{result.principal_rows} principal council row(s) and {result.other_rows} other row(s) left alone; "
            f"{len(result.problems)} row(s) skipped; {result.files_written} file(s) of {registry}/local written.")


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--source", type=click.Choice(SOURCES), required=True,
              help="wdtk: WhatDoTheyKnow's all-authorities.csv; ons: the ONS parish to local authority lookup "
                   "(PARyyCD, PARyyNM, LADyyCD, LADyyNM).")
@click.option("--tag", "tags", multiple=True, metavar="TAG",
              help=f"A WhatDoTheyKnow tag that makes a row a local council; repeat for more (default: "
                   f"{' '.join(LOCAL_TAGS)}).")
@click.option("--registry", type=click.Path(file_okay=False), envvar="OCM_REGISTRY",
              help="Registry directory to write into (default: registry/councils/); try an import on a copy.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output: council codes by outcome, problems.")
def import_command(file: str, source: str, tags: tuple[str, ...], registry: str | None, as_json: bool) -> None:
    """Import local (parish, town, community) councils from open data into the registry.

    Import the ONS lookup first: it places each parish in its principal council's area. WhatDoTheyKnow then adds
    council names, websites and its URL names, matched on GSS codes and names. Importing a file twice changes
    nothing; a council no source lists any more is retired, with the reason and date. Rows that cannot be used
    are reported one by one (exit 1), and the import goes on.

    Example: ocm councils import PAR23_LAD23_EW_LU.csv --source ons --registry /tmp/registry-copy
    """
    from registry.loader import DEFAULT_REGISTRY

    try:
        result = import_source(file, source, registry, tuple(tags) or LOCAL_TAGS)
    except RegistryError as exc:
        raise click.ClickException(str(exc)) from exc
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
