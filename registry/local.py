"""Local councils on disk: one CSV per principal council's area, `<registry>/local/<PARENT>.csv`.

England's ~10,000 parish and town councils and Wales's ~730 community councils are too many for a file each:
one CSV per area keeps 12,000 entries quick to load and check, and a diff of an import readable. Each row is
checked as an entry against the registry's JSON Schema (schema.json) with `tier = "local"` and `parent` (the
file's name) added; `documents` and `listed_by` are space-separated. Nothing here knows `Council`: the loader
turns the entries into councils.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

LOCAL_DIR = "local"
COLUMNS = ("code", "name", "type", "gss_code", "nation", "website", "no_website_reason", "documents", "status",
           "retired_reason", "retired_on", "wdtk_url_name", "listed_by")
LIST_COLUMNS = ("documents", "listed_by")


class LocalFileError(Exception):
    """A local/<PARENT>.csv cannot be read at all (unreadable, not UTF-8, wrong columns)."""


def local_dir(registry: Path) -> Path:
    """Where a registry directory keeps its local councils."""
    return registry / LOCAL_DIR


def area_files(registry: Path) -> list[Path]:
    """The local/<PARENT>.csv files of a registry directory, in order."""
    return sorted(local_dir(registry).glob("*.csv"))


def entry_from_row(row: dict[str, str], parent: str) -> dict[str, Any]:
    """The registry entry of one CSV row: empty cells left out, lists split, tier and parent added."""
    entry: dict[str, Any] = {}
    for column in COLUMNS:
        value = (row.get(column) or "").strip()
        if column in LIST_COLUMNS:
            if value:
                entry[column] = value.split()
        elif value:
            entry[column] = value
    return {**entry, "tier": "local", "parent": parent}


def read_area(path: Path) -> Iterator[tuple[dict[str, Any], str, list[str]]]:
    """Each row of one area file as (entry, where, problems the schema cannot see), `where` naming the file and
    line; LocalFileError if the file cannot be read or its header is not COLUMNS (in any order)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise LocalFileError(f"{path}: cannot read: {exc}") from exc
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    missing = [c for c in COLUMNS if c not in header]
    unknown = [c for c in header if c not in COLUMNS]
    if missing or unknown:
        said = [f"missing column(s) {', '.join(missing)}"] * bool(missing)
        said += [f"unknown column(s) {', '.join(unknown)}"] * bool(unknown)
        raise LocalFileError(f"{path}: {'; '.join(said)} (the columns are {', '.join(COLUMNS)})")
    try:
        for row in reader:
            problems = ["more cells than columns"] * (None in row)
            yield entry_from_row(row, path.stem), f"{path}:{reader.line_num}", problems
    except csv.Error as exc:
        raise LocalFileError(f"{path}: line {reader.line_num}: {exc}") from exc


def row_from_entry(entry: dict[str, Any]) -> dict[str, str]:
    """One CSV row of an entry (tier and parent left to the file)."""
    def cell(value: Any) -> str:
        if isinstance(value, (list, tuple)):
            return " ".join(value)
        return "" if value is None else str(value)  # a date is written ISO
    return {column: cell(entry.get(column)) for column in COLUMNS}


def area_text(entries: Iterable[dict[str, Any]]) -> str:
    """The CSV text of one area file, rows sorted by code so that the same entries give the same bytes."""
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, COLUMNS, lineterminator="\n")
    writer.writeheader()
    for entry in sorted(entries, key=lambda e: str(e["code"])):
        writer.writerow(row_from_entry(entry))
    return out.getvalue()


def write_area(registry: Path, parent: str, entries: Iterable[dict[str, Any]]) -> bool:
    """Write local/<PARENT>.csv; True when its bytes changed (an unchanged file is not rewritten)."""
    path = local_dir(registry) / f"{parent}.csv"
    text = area_text(entries)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".csv.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return True
