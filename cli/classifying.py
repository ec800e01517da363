"""The classifier on its own: `ocm classify`, `eval` and `reclassify`."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import Any

import click

from cli.base import _db, clean_errors, council_option, db_option, main


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
