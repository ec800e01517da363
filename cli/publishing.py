"""Open data and the public site: `ocm export` and `ocm publish`."""

from __future__ import annotations

from typing import Any

import click

from cli.base import _db, clean_errors, db_option, main, registry_option, serve_until_interrupted


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
        serve_until_interrupted(server)


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
