"""Refresh registry/councils/*.toml from a councils.csv (../shared/data/councils.csv, rebuilt from open data).

    python -m registry.build ../shared/data/councils.csv [registry/councils]

Kept rather than thrown away after the first conversion because the open data behind councils.csv
(mySociety, GOV.UK, Democracy Club) is refreshed: the CSV's columns overwrite the matching fields, while
the fields maintainers own (`documents`, `status`, `retired_reason`, `retired_on`, `spider`) are kept
from the existing files. A council missing from the new CSV is never deleted: it is reported, to retire.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass, field
from pathlib import Path

from registry.entry import dump_entry, entry_from_council
from registry.loader import DEFAULT_REGISTRY, MalformedEntry, council_from_row, read_csv_rows, read_entry

logger = logging.getLogger(__name__)

MAINTAINED = ("documents", "status", "retired_reason", "retired_on", "spider")


@dataclass
class BuildResult:
    """What a refresh did."""

    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    missing_from_csv: list[str] = field(default_factory=list)  # entries kept; retire them if they are gone
    errors: list[MalformedEntry] = field(default_factory=list)


def build(csv_path: str | Path, out_dir: str | Path = DEFAULT_REGISTRY) -> BuildResult:
    """Write one TOML entry per CSV row into ``out_dir``, keeping maintainer-owned fields of existing files."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    result = BuildResult()
    seen = set()
    for row in read_csv_rows(Path(csv_path)):
        try:
            council = council_from_row(row)
        except MalformedEntry as exc:
            result.errors.append(exc)
            continue
        target = out / f"{council.code}.toml"
        entry = entry_from_council(council)
        if target.exists():
            old = read_entry(target)
            entry.update({k: old[k] for k in MAINTAINED if k in old})
        text = dump_entry(entry)
        seen.add(target.name)
        if target.exists() and target.read_text(encoding="utf-8") == text:
            result.unchanged.append(council.code)
            continue
        target.write_text(text, encoding="utf-8")
        result.written.append(council.code)
    result.missing_from_csv = sorted(p.stem for p in out.glob("*.toml") if p.name not in seen)
    return result


def main(argv: list[str]) -> int:
    """Command-line entry: report what changed; exit 1 if any CSV row was unusable."""
    if not 1 <= len(argv) <= 2:
        print(__doc__, file=sys.stderr)
        return 2
    result = build(*argv)
    print(f"{len(result.written)} written, {len(result.unchanged)} unchanged")
    for code in result.missing_from_csv:
        print(f"not in the CSV (kept; retire it if it is gone): {code}")
    for error in result.errors:
        print(f"skipped: {error}", file=sys.stderr)
    return 1 if result.errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
