"""`ocm`: the one command users type. Every verb calls into the project; no logic of its own lives here."""

from __future__ import annotations

import getpass
import json
import logging
import os
import sys
from collections.abc import Callable, Iterator
from functools import wraps
from typing import Any

import click

from registry import RegistryError
from review.workflow import ReviewError
from store import StoreError

DEFAULT_DB = "data/ocm.db"
EXPECTED_ERRORS = (RegistryError, StoreError, ReviewError)


def clean_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn the project's expected exceptions into a one-line `Error: ...` and exit code 1."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from scheduler import CrawlFailed, RunInProgress

        try:
            return func(*args, **kwargs)
        except (*EXPECTED_ERRORS, RunInProgress, CrawlFailed) as exc:
            raise click.ClickException(str(exc)) from exc

    return wrapper


db_option = click.option("--db", "db_path", default=DEFAULT_DB, envvar="OCM_DB", show_default=True,
                         help="SQLite store to use (env OCM_DB).")
registry_option = click.option("--registry", type=click.Path(dir_okay=False), envvar="OCM_REGISTRY",
                               help="Registry CSV (columns of councils.csv, optional `documents`); "
                                    "default: every UK principal council.")
council_option = click.option("--council", "councils", multiple=True, metavar="CODE",
                              help="Only this council (register code); repeat for more.")
setting_option = click.option("-s", "--set", "settings", multiple=True, metavar="NAME=VALUE",
                              help="Override a Scrapy or OCM_ setting, as `scrapy crawl -s` does.")


def _settings(pairs: tuple[str, ...]) -> dict[str, str]:
    parsed = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep:
            raise click.BadParameter(f"expected NAME=VALUE, got {pair!r}", param_hint="-s")
        parsed[name.strip()] = value
    return parsed


def _db(db_path: str):
    from store import open_db

    return open_db(db_path)


def _registry_codes(registry: str | None) -> set[str] | None:
    """The council codes of a registry, to scope review commands to it; None means every council."""
    if not registry:
        return None
    from registry import load_registry

    councils, _errors = load_registry(registry)
    return {c.code for c in councils}


def _reviewer(value: str | None) -> str:
    return value or os.environ.get("OCM_REVIEWER") or getpass.getuser()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", is_flag=True, help="Log more.")
def main(verbose: bool) -> None:
    """Open Council Meetings: may the public film, record, photograph or report live at UK council meetings?"""
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")


@main.command()
@db_option
@registry_option
@council_option
@setting_option
@click.option("--trigger", default="manual", hidden=True)
@clean_errors
def crawl(db_path: str, registry: str | None, councils: tuple[str, ...], settings: tuple[str, ...],
          trigger: str) -> None:
    """Crawl councils' sites and store their documents and findings.

    Example: ocm crawl --registry sample-registry.csv --db data/ocm.db --council NMD
    """
    from review.render import run_line
    from spiders.runner import crawl as run_crawl
    from store.runs import last_run

    run_crawl(db_path, registry, list(councils), trigger, _settings(settings))
    run = last_run(_db(db_path))
    if run and trigger == "manual":  # a nightly run reports for itself, after change detection
        click.echo(run_line(run))


@main.command()
@db_option
@registry_option
@council_option
@setting_option
@clean_errors
def nightly(db_path: str, registry: str | None, councils: tuple[str, ...], settings: tuple[str, ...]) -> None:
    """Crawl (in a child process), then derive policies and flag changes for review.

    Example: ocm nightly --db data/ocm.db
    """
    from review.render import run_line
    from scheduler import run_nightly

    result = run_nightly(db_path, registry, list(councils), "nightly", _settings(settings))
    click.echo(run_line(result.run))
    for kind, count in sorted(result.flag_counts.items()):
        click.echo(f"  {count} {kind} flag(s)")
    if result.flags:
        click.echo(f"Review them with: ocm review list --db {db_path}")
    if result.crawl_exit_code != 0 or result.run["status"] != "finished":
        sys.exit(1)


@main.command()
@db_option
@registry_option
@click.option("--at", metavar="HH:MM", help="Nightly time, Europe/London (default OCM_NIGHTLY_TIME).")
@clean_errors
def schedule(db_path: str, registry: str | None, at: str | None) -> None:
    """Run the nightly job on schedule, in the foreground (Ctrl-C stops).

    Example: ocm schedule --at 02:30 --db /var/lib/ocm/ocm.db
    """
    from scheduler import build_scheduler, next_nightly

    logging.getLogger().setLevel(logging.INFO)
    scheduler = build_scheduler(db_path, registry, at)
    click.echo(f"Nightly runs on {db_path}; next at {next_nightly(scheduler):%Y-%m-%d %H:%M %Z}. Ctrl-C stops.")
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        click.echo("Stopped.")


@main.command()
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, help="SQLite store the demo writes.")
@clean_errors
def demo(db_path: str) -> None:
    """Two nights on the bundled sample council web, with a policy change between them.

    Example: ocm demo
    """
    from sampleweb.demo import run_demo

    run_demo(db_path, click.echo)


@main.command()
@click.option("--registry", "registry_out", default="sample-registry.csv", show_default=True,
              help="Where to write the registry of the sample councils.")
@click.option("--port-base", type=int, help="First port (sites take consecutive ports); default: free ports.")
def sampleweb(registry_out: str, port_base: int | None) -> None:
    """Serve the sample council web on 127.0.0.1 in the foreground (Ctrl-C stops).

    Example: ocm sampleweb --port-base 8701, then in another shell: ocm crawl --registry sample-registry.csv
    """
    from sampleweb import serve

    serve(registry_out, port_base)


@main.command("classify")
@click.argument("source", type=click.File("r", encoding="utf-8"), default="-")
@click.option("--nation", help="Nation for plain-text input (England, Wales, Scotland, Northern Ireland).")
def classify_command(source: Any, nation: str | None) -> None:
    """Classify JSONL passages (`id`, `text`, optional `nation`) or one plain text; one JSONL line out each.

    Example: ocm classify passages.jsonl > verdicts.jsonl   (or: pdftotext part4.pdf - | ocm classify -)
    """
    from rules import classify
    from rules.contract import InputError, Passage, classification_json, parse_jsonl_line

    first = source.readline()
    if not first.lstrip().startswith("{"):
        name = getattr(source, "name", "-")
        passage = Passage("-" if name == "<stdin>" else name, first + source.read(), nation)
        click.echo(json.dumps(classification_json(passage.id, classify(passage.text, passage.nation)),
                              ensure_ascii=False))
        return
    failed = 0
    for number, line in enumerate(_lines(first, source), start=1):
        if not line.strip():
            continue
        try:
            passage = parse_jsonl_line(line, number)
        except InputError as exc:
            failed += 1
            click.echo(f"Error: {exc}", err=True)
            click.echo(json.dumps({"id": None, "line": number, "error": str(exc)}))
            continue
        result = classify(passage.text, passage.nation or nation)
        click.echo(json.dumps(classification_json(passage.id, result), ensure_ascii=False))
    if failed:
        sys.exit(1)


def _lines(first: str, rest: Any) -> Iterator[str]:
    yield first
    yield from rest


@main.command("eval")
@click.argument("labelled", type=click.File("r", encoding="utf-8"))
@click.option("--json", "as_json", is_flag=True, help="Machine-readable scores.")
def eval_command(labelled: Any, as_json: bool) -> None:
    """Score the classifier on labelled passages (the format of passages-dev.jsonl).

    Example: ocm eval ../shared/data/passages-dev.jsonl
    """
    from rules.contract import InputError, parse_labelled, report_json
    from rules.evaluate import format_report, score

    try:
        rows = parse_labelled(labelled)
    except InputError as exc:
        raise click.ClickException(str(exc)) from exc
    report = score(rows)
    click.echo(json.dumps(report_json(report), indent=2) if as_json else format_report(report))


@main.command()
@db_option
@council_option
@clean_errors
def reclassify(db_path: str, councils: tuple[str, ...]) -> None:
    """Re-run the current classifier over stored texts (no fetching); changed verdicts are flagged
    `reclassified`.

    Example: ocm reclassify --db data/ocm.db
    """
    from review.reclassify import reclassify as run

    result = run(_db(db_path), list(councils) or None)
    click.echo(f"Reclassified {result.snapshots} text(s) of {len(result.councils)} council(s); "
               f"{len(result.flags)} reclassified flag(s) raised.")
    if result.flags:
        click.echo(f"Review them with: ocm review list --db {db_path}")


@main.group()
def review() -> None:
    """List, show, confirm and reject flagged changes."""


@review.command("list")
@db_option
@registry_option
@click.option("--status", default="pending", show_default=True,
              type=click.Choice(["pending", "confirmed", "rejected", "superseded", "all"]))
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@clean_errors
def review_list(db_path: str, registry: str | None, status: str, as_json: bool) -> None:
    """The review queue, most important first.

    Example: ocm review list --db data/ocm.db
    """
    from review.kinds import priority
    from review.render import flag_line
    from store.councils import council_rows
    from store.flags import list_flags

    db = _db(db_path)
    scope = _registry_codes(registry)
    flags = sorted((f for f in list_flags(db, None if status == "all" else status)
                    if scope is None or f["council"] in scope), key=lambda f: (priority(f["kind"]), f["id"]))
    if as_json:
        click.echo(json.dumps(flags, indent=2, ensure_ascii=False))
        return
    names = {c["code"]: c["name"] for c in council_rows(db)}
    if not flags:
        click.echo(f"No {status} flags.")
    for flag in flags:
        click.echo(flag_line(flag, names.get(flag["council"], "")))
    if flags and status == "pending":
        click.echo(f"\n{len(flags)} flag(s) waiting. Show one with: ocm review show N --db {db_path}")


@review.command("show")
@click.argument("flag_id", type=int)
@db_option
@registry_option
@clean_errors
def review_show(flag_id: int, db_path: str, registry: str | None) -> None:
    """One flag: council, activity, verdict and clauses before and after, with their sources.

    Example: ocm review show 8 --db data/ocm.db
    """
    from review.render import flag_detail
    from review.workflow import find_flag
    from store.councils import council_rows

    db = _db(db_path)
    flag = find_flag(db, flag_id, _registry_codes(registry))
    council = next(iter(council_rows(db, [flag["council"]])), None)
    hint = "" if db_path == DEFAULT_DB else f"--db {db_path}"
    click.echo(flag_detail(flag, council, hint))


@review.command("confirm")
@click.argument("flag_ids", type=int, nargs=-1, required=True)
@db_option
@registry_option
@click.option("--reviewer", help="Your name (default: $OCM_REVIEWER or your login).")
@click.option("--note", help="Why, for the record.")
@clean_errors
def review_confirm(flag_ids: tuple[int, ...], db_path: str, registry: str | None, reviewer: str | None,
                   note: str | None) -> None:
    """Confirm flags: their change is published (a gone source is retired).

    Example: ocm review confirm 8 --reviewer "A. Reviewer" --db data/ocm.db
    """
    from review.workflow import confirm

    db = _db(db_path)
    for flag_id in flag_ids:
        flag = confirm(db, flag_id, _reviewer(reviewer), note, _registry_codes(registry))
        click.echo(f"Confirmed #{flag_id} ({flag['kind']}, {flag['council']}).")


@review.command("reject")
@click.argument("flag_ids", type=int, nargs=-1, required=True)
@db_option
@registry_option
@click.option("--reviewer", help="Your name (default: $OCM_REVIEWER or your login).")
@click.option("--note", required=True, help="Why the change is wrong; the same change will not flag again.")
@clean_errors
def review_reject(flag_ids: tuple[int, ...], db_path: str, registry: str | None, reviewer: str | None,
                  note: str) -> None:
    """Reject flags: the published policy stays, and the same change is not flagged again.

    Example: ocm review reject 8 --note "the clause is about the council's webcast" --db data/ocm.db
    """
    from review.workflow import reject

    db = _db(db_path)
    for flag_id in flag_ids:
        flag = reject(db, flag_id, _reviewer(reviewer), note, _registry_codes(registry))
        click.echo(f"Rejected #{flag_id} ({flag['kind']}, {flag['council']}).")


if __name__ == "__main__":
    main()
