"""The registry: `ocm councils list`, `show`, `why`, `import`, `check`, `add` and `validate`."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from cli.base import _db, _settings, clean_errors, db_option, main

councils_registry_option = click.option(
    "--registry", type=click.Path(exists=True), envvar="OCM_REGISTRY",
    help="Registry: a directory of TOML entries or a CSV file; default: registry/councils/.")


class PlatformsOption(click.Option):
    """An option whose help names the platforms of registry/platforms.py (`{platforms}`) when it is shown."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help_template = self.help or ""

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        from registry.platforms import listed

        self.help = self.help_template.format(platforms=listed())
        return super().get_help_record(ctx)


def _council_json(council: Any) -> dict[str, Any]:
    from registry.entry import entry_from_council
    from registry.schema import plain

    return plain(entry_from_council(council))


@main.group("councils")
def councils_group() -> None:
    """List, show, check, add, import and validate the registry's councils."""


@councils_group.command("list")
@councils_registry_option
@click.option("--nation", help="Only this nation (England, Wales, Scotland, Northern Ireland).")
@click.option("--platform", cls=PlatformsOption, help="Only platforms starting with this ({platforms}, other).")
@click.option("--status", type=click.Choice(["active", "retired"]), help="Only active or retired councils.")
@click.option("--tier", type=click.Choice(["principal", "local"]), help="Only principal or local councils.")
@click.option("--parent", metavar="CODE", help="Only the local councils in this principal council's area.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@clean_errors
def councils_list(registry: str | None, nation: str | None, platform: str | None, status: str | None,
                  tier: str | None, parent: str | None, as_json: bool) -> None:
    """The registry's councils, one line each, optionally filtered.

    Example: ocm councils list --nation Wales --platform ModernGov
    """
    from registry import load_registry

    councils, errors = load_registry(registry)
    chosen = [c for c in sorted(councils, key=lambda c: c.code)
              if (not nation or c.nation.lower() == nation.lower())
              and (not platform or c.platform.lower().startswith(platform.lower()))
              and (not status or c.status == status) and (not tier or c.tier == tier)
              and (not parent or c.parent == parent.upper())]
    if as_json:
        click.echo(json.dumps([_council_json(c) for c in chosen], indent=2, ensure_ascii=False))
    else:
        for c in chosen:
            click.echo(f"{c.code:<5} {c.name:<50} {c.nation:<17} {c.platform or c.parent or '-':<18} {c.status}")
        click.echo(f"{len(chosen)} council(s).")
    if errors:
        click.echo(f"{len(errors)} malformed entr(ies) skipped; see: ocm councils check", err=True)


@councils_group.command("show")
@click.argument("code")
@councils_registry_option
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@clean_errors
def councils_show(code: str, registry: str | None, as_json: bool) -> None:
    """One council's registry entry, every field.

    Example: ocm councils show LIC
    """
    from registry import find_council, load_registry

    councils, _errors = load_registry(registry)
    entry = _council_json(find_council(councils, code))
    if as_json:
        click.echo(json.dumps(entry, indent=2, ensure_ascii=False))
        return
    for name, value in entry.items():
        if isinstance(value, list):
            value = "".join(f"\n  {v}" for v in value) or " (none)"
        else:
            value = f" {value}"
        click.echo(f"{name}:{value}")


@councils_group.command("why")
@click.argument("code")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output, with whole addresses.")
@clean_errors
def councils_why(code: str, db_path: str, as_json: bool) -> None:
    """What the last crawl's discovery of one council saw, and why its policy was not found.

    Pages visited in order with their scores and cues, the candidates found, the documents kept and what their
    texts say, what the page budget refused (best first), and the reason when no policy was found: budget ran
    out, no candidate link, all candidates failed, unreadable, or candidates said nothing.

    Example: ocm councils why GBR --db data/ocm.db
    """
    from review.why import explain

    found = explain(_db(db_path), code)
    if as_json:
        click.echo(json.dumps(found.as_dict(), indent=2, ensure_ascii=False))
        return
    from review.why_render import why_text

    click.echo(why_text(found))


@councils_group.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--source", type=click.Choice(["wdtk", "ons"]), required=True,
              help="wdtk: WhatDoTheyKnow's all-authorities.csv; ons: the ONS parish to local authority lookup "
                   "(PARyyCD, PARyyNM, LADyyCD, LADyyNM).")
@click.option("--tag", "tags", multiple=True, metavar="TAG",
              help="A WhatDoTheyKnow tag that makes a row a local council; repeat for more (default: local_council "
                   "parish_council town_council community_council).")
@click.option("--registry", type=click.Path(file_okay=False), envvar="OCM_REGISTRY",
              help="Registry directory to write into (default: registry/councils/); try an import on a copy.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output: council codes by outcome, problems.")
@clean_errors
def councils_import(file: str, source: str, tags: tuple[str, ...], registry: str | None, as_json: bool) -> None:
    """Import local (parish, town, community) councils from open data into the registry.

    Import the ONS lookup first: it places each parish in its principal council's area. WhatDoTheyKnow then adds
    council names, websites and its URL names, matched on GSS codes and names. Importing a file twice changes
    nothing; a council no source lists any more is retired, with the reason and date. Rows that cannot be used
    are reported one by one (exit 1), and the import goes on.

    Example: ocm councils import PAR23_LAD23_EW_LU.csv --source ons --registry /tmp/registry-copy
    """
    from registry.import_command import run_import

    run_import(file, source, tags, registry, as_json)


@councils_group.command("check")
@councils_registry_option
@clean_errors
def councils_check(registry: str | None) -> None:
    """Check every entry: schema, code = file name, duplicates, well-formed URLs; exit 1 on any problem.

    Example: ocm councils check
    """
    from registry.check import registry_problems

    councils, problems = registry_problems(registry)
    for problem in problems:
        click.echo(problem)
    if problems:
        click.echo(f"{len(problems)} problem(s); {len(councils)} council(s) load.", err=True)
        sys.exit(1)
    click.echo(f"{len(councils)} council(s), no problems.")


@councils_group.command("add")
@click.argument("code")
@click.option("--name", required=True, help="Full name, e.g. \"City of Lincoln Council\".")
@click.option("--nation", required=True, help="England, Wales, Scotland or Northern Ireland.")
@click.option("--website", required=True, help="The council's website, http(s).")
@click.option("--democracy-url", default="", cls=PlatformsOption, help="Root of its committee site ({platforms} ...).")
@click.option("--platform", default="", cls=PlatformsOption, help="{platforms}, or other/... .")
@click.option("--document", "documents", multiple=True, metavar="URL",
              help="A known policy document (filming protocol, standing orders); repeat for more.")
@click.option("--spider", is_flag=True, help="Also write a spider module for a site that needs code.")
@click.option("--registry", "registry_dir", type=click.Path(file_okay=False),
              help="Registry directory to write the entry to; default: registry/councils/ (or ROOT's).")
@click.option("--root", type=click.Path(file_okay=False), help="Project checkout to write the test, "
              "fixture and spider into; default: this one.")
@clean_errors
def councils_add(code: str, name: str, nation: str, website: str, democracy_url: str, platform: str,
                 documents: tuple[str, ...], spider: bool, registry_dir: str | None, root: str | None) -> None:
    """Scaffold a council: its registry entry, a failing fixture test to finish, and optionally a spider.

    Example: ocm councils add XYZ --name "Xyzshire Council" --nation England --website https://www.xyz.gov.uk/
    """
    from pathlib import Path

    from registry.scaffold import PROJECT_ROOT, NewCouncil, scaffold_council

    council = NewCouncil(code.upper(), name, nation, website, democracy_url, platform, documents)
    done = scaffold_council(council, spider=spider, root=Path(root) if root else PROJECT_ROOT,
                            registry_dir=Path(registry_dir) if registry_dir else None)
    click.echo("Wrote:")
    for path in done.paths:
        click.echo(f"  {path}")
    click.echo(f"Next:\n  1. save {council.fixture_url} over {done.fixture}\n"
               f"  2. list the policy documents it links to in EXPECTED_DOCUMENTS in {done.test}\n"
               f"  3. pytest {done.test}\n  4. ocm councils validate {council.code}"
               + (f" --registry {done.entry.parent}" if registry_dir or root else ""))


@councils_group.command("validate")
@click.argument("code")
@councils_registry_option
@click.option("--keep-db", type=click.Path(dir_okay=False), metavar="PATH",
              help="Keep the scratch store here (must not exist yet) to look at afterwards.")
@click.option("-s", "--set", "settings", multiple=True, metavar="NAME=VALUE",
              help="Override a Scrapy or OCM_ setting for both crawls.")
@clean_errors
def councils_validate(code: str, registry: str | None, keep_db: str | None, settings: tuple[str, ...]) -> None:
    """Crawl one council twice into a scratch store: documents found, with text, the same both times?

    Example: ocm councils validate LIC --keep-db /tmp/lic.db
    """
    from registry.validate import validate_council
    from spiders.runner import crawl_child

    click.echo(f"Crawling {code.upper()} twice; this fetches from the council's sites ...")
    result = validate_council(code, crawl_child, registry, _settings(settings), keep_db)
    for check in result.checks:
        click.echo(f"{'PASS' if check.passed else 'FAIL'} {check.name}: {check.detail}")
    if keep_db:
        click.echo(f"Store kept: {result.db_path}")
    click.echo(f"{result.code}: {'valid' if result.passed else 'NOT valid'}.")
    if not result.passed:
        sys.exit(1)
