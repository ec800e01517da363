"""`ocm councils check`: every problem in a registry, one line each."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from registry.loader import PRINCIPAL, Council, MalformedEntry, load_registry

UNIQUE_FIELDS = ("gss_code", "wdtk_url_name")  # besides the register code, which the loader checks


def entry_lines(error: MalformedEntry) -> list[str]:
    """One line per problem of a malformed entry, each naming its file or row."""
    if error.source and len(error.problems) > 1:
        return [f"{error.source}: {problem}" for problem in error.problems]
    return [str(error)]


def duplicate_lines(councils: list[Council]) -> list[str]:
    """Councils sharing a value that must be unique (a GSS code)."""
    lines = []
    for name in UNIQUE_FIELDS:
        holders: dict[str, list[str]] = defaultdict(list)
        for council in councils:
            if value := getattr(council, name):
                holders[value].append(council.code)
        lines += [f"duplicate {name} {value}: {', '.join(codes)}" for value, codes in sorted(holders.items())
                  if len(codes) > 1]
    return lines


def parent_lines(councils: list[Council]) -> list[str]:
    """Local councils whose parent is no principal council of the registry."""
    principal = {c.code for c in councils if c.tier == PRINCIPAL}
    return [f"{c.code}: parent {c.parent} is no principal council of the registry" for c in councils
            if c.parent and c.parent not in principal]


def registry_problems(path: str | Path | None = None) -> tuple[list[Council], list[str]]:
    """The councils that load and every problem found: schema, well-formed URLs, duplicates, parents."""
    councils, errors = load_registry(path)
    problems = [line for error in errors for line in entry_lines(error)]
    return councils, problems + duplicate_lines(councils) + parent_lines(councils)
