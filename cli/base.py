"""The `ocm` group and what every command shares: the store and registry options, settings given with
-s, and the turning of the project's expected errors into one-line messages."""

from __future__ import annotations

import getpass
import logging
import os
from collections.abc import Callable
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


def serve_until_interrupted(server: Any) -> None:
    """Serve in the foreground until Ctrl-C, then close the server."""
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("Stopped.")
    finally:
        server.server_close()
