"""`ocm`: the one command users type. Every verb calls into the project; no logic of its own lives here."""

from __future__ import annotations

import gc
import getpass
import json
import logging
import os
import sys
from collections.abc import Callable, Iterator
from functools import wraps
from typing import Any

import click

DEFAULT_DB = "data/ocm.db"


def clean_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn the project's expected exceptions into a one-line `Error: ...` and exit code 1."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except Exception as exc:
            # Imported here: a crawl process need not load APScheduler, and a worker process, which imports this
            # module again (multiprocessing's spawn does), need not load the registry's jsonschema or the store.
            from registry import RegistryError
            from review.why import DiscoveryNotFound
            from review.workflow import ReviewError
            from scheduler import CrawlFailed, RunInProgress
            from store import StoreError
            from store.runs import RunAborted

            if isinstance(exc, (RegistryError, StoreError, ReviewError, DiscoveryNotFound, RunInProgress,
                                CrawlFailed, RunAborted)):
                raise click.ClickException(str(exc)) from exc
            raise

    return wrapper


db_option = click.option("--db", "db_path", default=DEFAULT_DB, envvar="OCM_DB", show_default=True,
                         help="SQLite store to use (env OCM_DB).")
registry_option = click.option("--registry", type=click.Path(), envvar="OCM_REGISTRY",
                               help="Registry: a directory of TOML entries or a CSV (columns of councils.csv, "
                                    "optional `documents`); default: every UK principal council.")
council_option = click.option("--council", "councils", multiple=True, metavar="CODE",
                              help="Only this council (register code); repeat for more.")
setting_option = click.option("-s", "--set", "settings", multiple=True, metavar="NAME=VALUE",
                              help="Override a Scrapy or OCM_ setting, as `scrapy crawl -s` does.")


def _settings(pairs: tuple[str, ...]) -> dict[str, str]:
    parsed: dict[str, str] = {}
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
    from spiders.shares import Share
    from store.runs import get_run

    overrides = _settings(settings)
    try:
        Share.parse(overrides.get("OCM_CRAWL_SHARE"))  # set by `ocm crawl` for its own processes; checked here
    except ValueError as exc:                          # so that a hand-set one is a usage error, not a traceback
        raise click.BadParameter(str(exc), param_hint="-s") from exc
    run_id = run_crawl(db_path, registry, list(councils), trigger, overrides)
    if trigger == "manual" and not overrides.get("OCM_CRAWL_SHARE"):  # nightly runs report after change
        run = get_run(_db(db_path), run_id)                            # detection; a share's starter reports
        if run:
            click.echo(run_line(run))
    # The crawl is stored and its connections closed; what remains of its heap goes with the process. Frozen, it
    # is not searched for garbage once more on the way out (about a third of a second after a night's crawl).
    gc.freeze()


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
@click.option("--realistic", is_flag=True,
              help="Serve the second sample web instead: nine councils shaped like real ones (ModernGov, CMIS, Jadu, "
                   "GOSS, LocalGov Drupal, Squiz, Umbraco, Contensis, WordPress), each host on its own port; its "
                   "registry has only website and democracy_url.")
def sampleweb(registry_out: str, port_base: int | None, realistic: bool) -> None:
    """Serve the sample council web on 127.0.0.1 in the foreground (Ctrl-C stops).

    Example: ocm sampleweb --port-base 8701, then in another shell: ocm crawl --registry sample-registry.csv;
    ocm sampleweb --realistic serves the second sample web, shaped like real council sites, the same way.
    """
    from sampleweb import serve

    serve(registry_out, port_base, realistic)


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


def _listed_ids(lines: Any) -> list[str]:
    """The ids of an ids file: one per line, blank lines and `#` comments skipped."""
    return [line.split("#", 1)[0].strip() for line in lines if line.split("#", 1)[0].strip()]


def _lines(first: str, rest: Any) -> Iterator[str]:
    yield first
    yield from rest


@main.command("eval")
@click.argument("labelled", type=click.File("r", encoding="utf-8"))
@click.option("--ids", "ids_file", type=click.File("r", encoding="utf-8"),
              help="Score only the rows whose ids this file lists, one per line (# starts a comment).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable scores.")
def eval_command(labelled: Any, ids_file: Any, as_json: bool) -> None:
    """Score the classifier on labelled passages (the format of passages-dev.jsonl): accuracy, macro-F1,
    confusion, inversions, and how far its high-confidence verdicts can be trusted.

    Example: ocm eval tests/data/passages/passages-dev-2.jsonl --ids tests/data/passages/holdout.txt
    """
    from rules.contract import InputError, parse_labelled, report_json
    from rules.evaluate import format_report, score, select_ids

    try:
        rows = parse_labelled(labelled)
        if ids_file is not None:
            rows = select_ids(rows, _listed_ids(ids_file))
    except (InputError, KeyError) as exc:
        raise click.ClickException(str(exc).strip("'\"")) from exc
    report = score(rows)
    click.echo(json.dumps(report_json(report), indent=2) if as_json else format_report(report))


@main.command()
@db_option
@council_option
@clean_errors
def reclassify(db_path: str, councils: tuple[str, ...]) -> None:
    """Bring stored texts in line with the classifier in force (no fetching), after an upgrade or a rollback;
    changed verdicts are flagged `reclassified`.

    Example: ocm reclassify --db data/ocm.db
    """
    from review.reclassify import reclassify as run

    result = run(_db(db_path), list(councils) or None)
    click.echo(f"Reclassified {result.snapshots} text(s); re-derived the policy of {len(result.councils)} "
               f"council(s); {len(result.flags)} reclassified flag(s) raised.")
    if result.flags:
        click.echo(f"Review them with: ocm review list --db {db_path}")


@main.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@clean_errors
def status(db_path: str, as_json: bool) -> None:
    """Health: recent runs, failing sources, councils with no policy; exit 1 if the last run failed or is
    overdue.

    Example: ocm status --db /var/lib/ocm/ocm.db || alert-the-operator
    """
    from datetime import UTC, datetime

    from review.render import status_text
    from review.status import health
    from spiders.runner import project_settings
    from store.councils import council_rows

    settings = project_settings()
    db = _db(db_path)
    state = health(db, datetime.now(UTC), settings.getfloat("OCM_OVERDUE_HOURS"),
                   settings.getfloat("OCM_CRAWL_TIMEOUT"), public_site=_public_site(db_path, settings))
    if as_json:
        from dataclasses import asdict

        click.echo(json.dumps({**asdict(state), "ok": state.ok}, indent=2, default=str))
    else:
        click.echo(status_text(state, {c["code"]: c["name"] for c in council_rows(db)}))
    if not state.ok:
        sys.exit(1)


def _public_site(db_path: str, settings: Any) -> Any:
    """Where the site is published on its own and when it last was, for `ocm status` (None: it is not)."""
    from publish.auto import publish_dir
    from publish.build import read_marker
    from review.status import PublicSite

    folder = publish_dir(db_path, settings.get("OCM_PUBLISH_DIR"))
    if folder is None:
        return None
    marker = read_marker(folder) or {}
    return PublicSite(str(folder), marker.get("generated_at"))


@main.group()
def review() -> None:
    """List, show, confirm and reject flagged changes."""


@review.command("list")
@db_option
@registry_option
@click.option("--status", default="pending", show_default=True,
              type=click.Choice(["pending", "confirmed", "corrected", "rejected", "superseded", "all"]))
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@clean_errors
def review_list(db_path: str, registry: str | None, status: str, as_json: bool) -> None:
    """The review queue, most important first (low-confidence readings first within a kind).

    Example: ocm review list --db data/ocm.db
    """
    from review.confidence import queue_key
    from review.render import flag_line
    from review.templates import covers_text, decisions
    from store.councils import council_rows
    from store.flags import list_flags

    db = _db(db_path)
    scope = _registry_codes(registry)
    flags = sorted((f for f in list_flags(db, None if status == "all" else status)
                    if scope is None or f.council in scope), key=queue_key)
    if as_json:
        click.echo(json.dumps([f.to_dict() for f in flags], indent=2, ensure_ascii=False))
        return
    names = {c["code"]: c["name"] for c in council_rows(db)}
    if not flags:
        click.echo(f"No {status} flags.")
    queue = decisions(flags)  # a template's flags (one shared text) are one line: one decision
    for flag, others in queue:
        click.echo(flag_line(flag, names.get(flag.council, "")) + covers_text(others))
    if flags and status == "pending":
        click.echo(f"\n{len(flags)} flag(s) waiting in {len(queue)} decision(s). "
                   f"Show one with: ocm review show N --db {db_path}")


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
    council = next(iter(council_rows(db, [flag.council])), None)
    hint = "" if db_path == DEFAULT_DB else f"--db {db_path}"
    click.echo(flag_detail(flag, council, hint))


def _decides(db: Any, flag_id: int, registry: str | None, decided: set[int]) -> str:
    """What deciding this flag also decides (the other flags of its template), added to `decided`; as text."""
    from review.workflow import covered, find_flag

    scope = _registry_codes(registry)
    group = covered(db, find_flag(db, flag_id, scope), scope)
    decided.update(f.id for f in group)
    return f" and {len(group) - 1:,} other council(s) of the same text" if len(group) > 1 else ""


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
    decided: set[int] = set()
    for flag_id in flag_ids:
        if flag_id not in decided:
            others = _decides(db, flag_id, registry, decided)
            flag = confirm(db, flag_id, _reviewer(reviewer), note, _registry_codes(registry))
            click.echo(f"Confirmed #{flag_id} ({flag.kind}, {flag.council}){others}.")
    _publish_decisions(db_path)


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
    decided: set[int] = set()
    for flag_id in flag_ids:
        if flag_id not in decided:
            others = _decides(db, flag_id, registry, decided)
            flag = reject(db, flag_id, _reviewer(reviewer), note, _registry_codes(registry))
            click.echo(f"Rejected #{flag_id} ({flag.kind}, {flag.council}){others}.")


@main.command("export")
@db_option
@click.option("--out", "out_dir", default="data/export", show_default=True, type=click.Path(file_okay=False),
              help="Folder for the dataset (published.csv and .json, councils.csv, changes.csv and .json, DATA.md, "
                   "datapackage.json, LICENCE.md) and the site (as `ocm publish`).")
@click.option("--datasette-metadata", "metadata_path", type=click.Path(dir_okay=False), metavar="PATH",
              help="Also write Datasette metadata for this store, named as Datasette names it after its file "
                   "(datasette data/ocm.db -m PATH).")
@clean_errors
def export_command(db_path: str, out_dir: str, metadata_path: str | None) -> None:
    """Export the published verdicts as open data and the public site (the same files as `ocm publish`).

    Example: ocm export --db data/ocm.db --out data/export --datasette-metadata datasette-metadata.json
    """
    result = _publish(db_path, out_dir, None, "")
    click.echo(f"Exported {result.rows} published verdict(s) of {result.councils} council(s) to {result.out} "
               f"({result.councils_without_published_policy} council(s) without a published policy).")
    if metadata_path:
        from publish.datasette import database_name, write_metadata

        name = database_name(db_path)
        click.echo(f"Datasette metadata for the database {name!r} ({db_path}): {write_metadata(metadata_path, name)}")


@main.command("publish")
@db_option
@registry_option
@click.option("--out", "out_dir", type=click.Path(file_okay=False),
              help="Folder of the public site and dataset, replaced at once (only an earlier publication is); "
                   "default: OCM_PUBLISH_DIR, else `site` beside the store (data/site).")
@click.option("--base-url", default="", envvar="OCM_PUBLIC_URL", metavar="URL",
              help="The site's public address, for absolute links in feeds (env OCM_PUBLIC_URL).")
@click.option("--serve", is_flag=True, help="Then serve the folder on 127.0.0.1 for a look (Ctrl-C stops).")
@click.option("--port", default=8000, show_default=True, type=int, help="Port for --serve.")
@clean_errors
def publish_command(db_path: str, registry: str | None, out_dir: str | None, base_url: str, serve: bool,
                    port: int) -> None:
    """Publish the public site and the dataset from the published verdicts, swapped in atomically.

    Example: ocm publish --db data/ocm.db --out /srv/ocm-site --serve
    """
    from publish.auto import publish_dir
    from spiders.runner import project_settings

    out = out_dir or publish_dir(db_path, project_settings().get("OCM_PUBLISH_DIR")) or publish_dir(db_path, "")
    result = _publish(db_path, str(out), registry, base_url)
    click.echo(f"Published {result.councils} council(s) with an answer ({result.rows} verdict(s)), "
               f"{result.councils_without_published_policy} without one yet, to {result.out}.")
    if serve:
        from publish.serve import site_server

        server = site_server(result.out, port)
        click.echo(f"Serving {result.out} on http://127.0.0.1:{server.server_port}/ (Ctrl-C stops).")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            click.echo("Stopped.")
        finally:
            server.server_close()


def _publish_decisions(db_path: str) -> None:
    """After reviewers' decisions in the terminal: the public site once (OCM_PUBLISH_DIR; `off`: not)."""
    from publish.auto import publish_dir, publish_once
    from spiders.runner import project_settings

    settings = project_settings()
    out = publish_dir(db_path, settings.get("OCM_PUBLISH_DIR"))
    if out is None:
        return
    try:
        publish_once(db_path, out, base_url=settings.get("OCM_PUBLIC_URL") or "")
    except Exception as exc:  # the decisions are in the store: say so, and that the site is behind
        click.echo(f"Warning: the public site in {out} was not published ({exc}); run ocm publish.", err=True)
        return
    click.echo(f"Published to the public site in {out}.")


def _publish(db_path: str, out_dir: str, registry: str | None, base_url: str) -> Any:
    from publish.build import NotAPublicAddress, publish_site
    from publish.swap import NotAPublication

    try:
        return publish_site(_db(db_path), out_dir, registry, base_url)
    except (NotAPublication, NotAPublicAddress) as exc:
        raise click.ClickException(str(exc)) from exc


# --- Web review page, reviewer accounts and corrections (review/web, review/accounts) ---

@review.command("correct")
@click.argument("flag_id", type=int)
@db_option
@registry_option
@click.option("--verdict", required=True, help="The right verdict: allowed, notice, permission, prohibited, "
                                               "not_stated.")
@click.option("--condition", "conditions", multiple=True, metavar="CONDITION",
              help="A condition of the right verdict (e.g. chair_consent); repeat for more.")
@click.option("--activity", help="For a new_council flag: which activity to correct (the others publish as found).")
@click.option("--reviewer", help="Your name (default: $OCM_REVIEWER or your login).")
@click.option("--note", required=True, help="Why the machine is wrong, for the record.")
@clean_errors
def review_correct(flag_id: int, db_path: str, registry: str | None, verdict: str, conditions: tuple[str, ...],
                   activity: str | None, reviewer: str | None, note: str) -> None:
    """Correct a flag: publish your verdict and conditions instead, with the flag's evidence.

    Example: ocm review correct 8 --verdict permission --condition chair_consent --note "consent is needed"
    """
    from review.workflow import correct

    db = _db(db_path)
    others = _decides(db, flag_id, registry, set())
    flag = correct(db, flag_id, _reviewer(reviewer), verdict, list(conditions), note, activity,
                   _registry_codes(registry))
    click.echo(f"Corrected #{flag_id} ({flag.kind}, {flag.council}){others}: published {verdict}.")
    _publish_decisions(db_path)


@main.group()
def corrections() -> None:
    """Reviewers' corrections as labelled passages, for the classifier's development data."""


@corrections.command("export")
@db_option
@click.option("--out", "out_path", type=click.Path(dir_okay=False), metavar="FILE",
              help="Write the rows to FILE (default: standard output).")
@clean_errors
def corrections_export(db_path: str, out_path: str | None) -> None:
    """Write every correction as a labelled passage (JSONL, the format of passages-dev.jsonl) for `ocm eval`.

    Example: ocm corrections export --out corrections.jsonl && ocm eval corrections.jsonl
    """
    from review.corrections import correction_rows

    done = correction_rows(_db(db_path))
    lines = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in done.rows)
    if out_path:
        with open(out_path, "w", encoding="utf-8") as handle:
            handle.write(lines)
        click.echo(f"Wrote {len(done.rows)} correction(s) to {out_path}; check each before it joins "
                   "tests/data/passages/.")
    else:
        click.echo(lines, nl=False)
    if done.without_clause:
        click.echo(f"{len(done.without_clause)} correction(s) quoted no clause and have no text to label "
                   f"(events {', '.join(map(str, done.without_clause))}): add their passages by hand.", err=True)


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8080, show_default=True, type=int, help="Port to listen on.")
@click.option("--behind-proxy", is_flag=True, envvar="OCM_BEHIND_PROXY",
              help="Trust X-Forwarded-For, -Proto and -Host from one TLS-terminating reverse proxy in front "
                   "(env OCM_BEHIND_PROXY=1): cookies are Secure over HTTPS, logins throttled per real client.")
@click.option("--publish-dir", envvar="OCM_PUBLISH_DIR", metavar="DIR",
              help="Publish the public site here after reviewers' decisions, debounced (env OCM_PUBLISH_DIR); "
                   "default: `site` beside the store; `off`: never.")
@clean_errors
def serve(db_path: str, host: str, port: int, behind_proxy: bool, publish_dir: str | None) -> None:
    """Serve the web review page (log in with an `ocm reviewers add` account); Ctrl-C stops.

    Example: ocm serve --db data/ocm.db --port 8080, then open http://127.0.0.1:8080/
    """
    from werkzeug.serving import make_server

    from publish.auto import AutoPublisher
    from publish.auto import publish_dir as publish_folder
    from review.web import create_app
    from review.web.serving import plain_http_warning
    from spiders.runner import project_settings

    logging.getLogger().setLevel(logging.INFO)
    warning = plain_http_warning(host)
    if warning:
        click.echo(warning, err=True)
    out = publish_folder(db_path, publish_dir)
    base_url = project_settings().get("OCM_PUBLIC_URL") or ""
    publisher = AutoPublisher.for_store(db_path, out, base_url=base_url) if out else None
    server = make_server(host, port, create_app(db_path, behind_proxy=behind_proxy, public_site=publisher),
                         threaded=True)
    click.echo(f"Review page on http://{host}:{server.server_port}/ for {db_path}"
               f"{' behind a proxy' if behind_proxy else ''}"
               f"{f'; decisions are published to {out}' if out else ''}. Ctrl-C stops.")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("Stopped.")
    finally:
        server.server_close()
        if publisher:
            publisher.flush()  # a decision still waiting is published before the page goes


@main.group()
def reviewers() -> None:
    """Add, list, change and remove the reviewers who may log in to the web review page."""


@reviewers.command("add")
@click.argument("name")
@db_option
@click.option("--replace", is_flag=True, help="Set a new password for an existing reviewer (as `passwd` does).")
@clean_errors
def reviewers_add(name: str, db_path: str, replace: bool) -> None:
    """Add a reviewer; the password is asked twice (never on the command line) and only its scrypt hash
    is stored.

    Example: ocm reviewers add "Ann Reviewer" --db data/ocm.db
    """
    from review.accounts import create_reviewer

    password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    create_reviewer(_db(db_path), name, password, replace)
    click.echo(f"Reviewer {name.strip()} {'updated' if replace else 'added'}; they can log in with ocm serve.")


@reviewers.command("passwd")
@click.argument("name")
@db_option
@clean_errors
def reviewers_passwd(name: str, db_path: str) -> None:
    """Set a reviewer's new password (asked twice); every session they have open ends.

    Example: ocm reviewers passwd "Ann Reviewer" --db data/ocm.db
    """
    from review.accounts import change_password, require_reviewer

    db = _db(db_path)
    require_reviewer(db, name)
    password = click.prompt("New password", hide_input=True, confirmation_prompt=True)
    change_password(db, name, password)
    click.echo(f"Reviewer {name.strip()} has a new password; their open sessions have ended.")


@reviewers.command("remove")
@click.argument("name")
@db_option
@clean_errors
def reviewers_remove(name: str, db_path: str) -> None:
    """Remove a reviewer: they can no longer log in and their open sessions end; their past decisions keep their
    name.

    Example: ocm reviewers remove "Ann Reviewer" --db data/ocm.db
    """
    from review.accounts import remove

    remove(_db(db_path), name)
    click.echo(f"Reviewer {name.strip()} removed; their open sessions have ended, their decisions stay on record.")


@reviewers.command("list")
@db_option
@clean_errors
def reviewers_list(db_path: str) -> None:
    """The reviewers who may log in, with when they last did.

    Example: ocm reviewers list --db data/ocm.db
    """
    from clock import local_time
    from store.reviewers import list_reviewers

    found = list_reviewers(_db(db_path))
    if not found:
        click.echo("No reviewers yet. Add one with: ocm reviewers add NAME")
    for row in found:
        click.echo(f"{row['name']:<30} added {local_time(row['created_at'])}, "
                   f"last login {local_time(row['last_login'])}")


# --- ocm councils: the registry ------------------------------------------------------------------------

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


if __name__ == "__main__":
    main()
