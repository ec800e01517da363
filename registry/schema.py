"""Validate one registry entry: the JSON Schema (schema.json), then what a schema cannot express."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

SCHEMA_PATH = Path(__file__).with_name("schema.json")
URL_FIELDS = ("website", "democracy_url")
RETIRED_FIELDS = ("retired_reason", "retired_on")


@cache
def validator() -> Draft202012Validator:
    """The registry entry schema, checked once, with date formats enforced."""
    from jsonschema import Draft202012Validator, FormatChecker  # here: `import registry` stays light for the CLI

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker())


def iso_date(value: str) -> bool:
    """Whether a string is a calendar date, YYYY-MM-DD (as jsonschema's FormatChecker has it)."""
    try:
        return len(value) == 10 and dt.date.fromisoformat(value) is not None
    except ValueError:
        return False


@cache
def quick_check() -> Callable[[dict[str, Any]], Any]:
    """The same schema compiled to Python by fastjsonschema: on a valid entry, about fifteen times quicker than
    jsonschema, which then only describes the invalid ones (every error, where fastjsonschema stops at the first).
    Loading 12,000 councils depends on it (bench/registry.py)."""
    import fastjsonschema

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return fastjsonschema.compile(schema, formats={"date": iso_date})


def schema_errors(data: dict[str, Any]) -> list[tuple[str, str]]:
    """(where, message) of every way an entry (as JSON) breaks the schema, in order of place."""
    from fastjsonschema import JsonSchemaValueException

    try:
        quick_check()(data)
        return []
    except JsonSchemaValueException:
        pass  # described below, with every error
    errors = sorted(validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    return [(".".join(map(str, e.absolute_path)) or "entry", e.message) for e in errors]


def plain(entry: dict[str, Any]) -> dict[str, Any]:
    """The entry with TOML dates as ISO strings, as the JSON Schema sees it."""
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in entry.items()}


def url_problem(value: str) -> str | None:
    """Why ``value`` is not a well-formed http(s) URL with a host, or None if it is."""
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError as exc:
        return f"not a URL ({exc}): {value!r}"
    if parts.scheme not in ("http", "https") or not host:
        return f"not an http(s) URL with a host: {value!r}"
    if any(c.isspace() for c in value):
        return f"URL contains whitespace: {value!r}"
    return None


def entry_problems(entry: dict[str, Any], expected_code: str | None = None) -> list[str]:
    """Every problem of one entry (empty when it is valid); ``expected_code`` is its file name's stem."""
    data = plain(entry)
    located = schema_errors(data)
    problems = [f"{where}: {message}" for where, message in located]
    urls = [(f, data.get(f)) for f in URL_FIELDS]
    urls += [(f"documents.{i}", u) for i, u in enumerate(data.get("documents") or [])]
    for where, url in urls:  # only what the schema's coarse pattern let through, so nothing is said twice
        if isinstance(url, str) and where not in dict(located) and (why := url_problem(url)):
            problems.append(f"{where}: {why}")
    crawlable = any(data.get(f) for f in ("website", "democracy_url", "documents"))
    if not crawlable and not data.get("no_website_reason"):
        problems.append("no website, democracy_url or documents to crawl (nor a no_website_reason)")
    if data.get("website") and data.get("no_website_reason"):
        problems.append("no_website_reason: only a council without a website has one")
    if data.get("status") == "active":
        problems += [f"{f}: only a retired council has one" for f in RETIRED_FIELDS if f in data]
    if expected_code is not None and data.get("code") != expected_code:
        problems.append(f"code {data.get('code')!r} does not match the file name {expected_code}.toml")
    return problems

