"""Crawling: `ocm crawl`, `nightly`, `schedule`, `status`, `demo` and `sampleweb`."""

from __future__ import annotations

import gc
import json
import logging
import sys
from typing import Any

import click

from cli.base import (
    DEFAULT_DB,
    _db,
    _settings,
    clean_errors,
    council_option,
    db_option,
    main,
    registry_option,
    setting_option,
)


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
