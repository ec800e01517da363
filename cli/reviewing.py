"""Review: `ocm review ...`, `corrections export`, `serve` (the web review page) and `reviewers ...`."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

import click

from cli.base import (
    DEFAULT_DB,
    _db,
    _registry_codes,
    _reviewer,
    clean_errors,
    db_option,
    main,
    registry_option,
    serve_until_interrupted,
)
from cli.publishing import _publish_decisions


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


def _decides(db: Any, flag_id: int, scope: set[str] | None, decided: set[int]) -> str:
    """What deciding this flag also decides (the other flags of its template), added to `decided`; as text."""
    from review.workflow import covered, find_flag

    group = covered(db, find_flag(db, flag_id, scope), scope)
    decided.update(f.id for f in group)
    return f" and {len(group) - 1:,} other council(s) of the same text" if len(group) > 1 else ""


def _decide_each(db: Any, flag_ids: tuple[int, ...], registry: str | None, done: str,
                 decide: Callable[[int, set[str] | None], Any]) -> None:
    """Decide each flag in turn, saying so; a flag that deciding an earlier one (its template's) decided is passed."""
    codes = _registry_codes(registry)
    decided: set[int] = set()
    for flag_id in flag_ids:
        if flag_id not in decided:
            others = _decides(db, flag_id, codes, decided)
            flag = decide(flag_id, codes)
            click.echo(f"{done} #{flag_id} ({flag.kind}, {flag.council}){others}.")


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
    _decide_each(db, flag_ids, registry, "Confirmed",
                 lambda flag_id, codes: confirm(db, flag_id, _reviewer(reviewer), note, codes))
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
    _decide_each(db, flag_ids, registry, "Rejected",
                 lambda flag_id, codes: reject(db, flag_id, _reviewer(reviewer), note, codes))


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
    codes = _registry_codes(registry)
    others = _decides(db, flag_id, codes, set())
    flag = correct(db, flag_id, _reviewer(reviewer), verdict, list(conditions), note, activity, codes)
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
        serve_until_interrupted(server)
    finally:
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
