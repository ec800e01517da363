"""Load the registry: a directory of TOML entries (one per council, the default) or a CSV file.

A directory holds one `<CODE>.toml` per principal council and, under `local/`, one `<PARENT>.csv` per principal
council's area listing its local (parish, town, community) councils (see registry.local).
A CSV file has the columns of councils.csv plus optional `documents` (space-separated URLs), `status`, and for
local councils `parent` and `no_website_reason`.
"""

from __future__ import annotations

import csv
import datetime as dt
import logging
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from registry.local import LocalFileError, area_files, read_area
from registry.schema import entry_problems
from rules.taxonomy import NATIONS

logger = logging.getLogger(__name__)

DEFAULT_REGISTRY = Path(__file__).with_name("councils")
REQUIRED_COLUMNS = ("name", "local_authority_code", "nation", "website")
ACTIVE = "active"
RETIRED = "retired"
STATUSES = (ACTIVE, RETIRED)
PRINCIPAL = "principal"  # a council's tier: principal (county, district, unitary, ...) or local (parish, town, ...)
LOCAL = "local"
TIERS = (PRINCIPAL, LOCAL)


class RegistryError(Exception):
    """The registry cannot be used at all (missing, unreadable, wrong columns)."""


class MalformedEntry(RegistryError):
    """One registry entry (a file or a row) is unusable; the others still load."""

    def __init__(self, message: str, source: str = "", problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.source = source
        self.problems = problems or [message]


class UnknownCouncil(RegistryError):
    """No council with that register code."""


@dataclass(frozen=True)
class Council:
    """One council as the registry describes it."""

    code: str
    name: str
    nation: str
    type: str = ""
    website: str = ""
    democracy_url: str = ""
    platform: str = ""
    documents: tuple[str, ...] = ()
    status: str = ACTIVE
    nice_name: str = ""
    gss_code: str = ""
    region: str = ""
    tier: str = PRINCIPAL
    democracy_url_source: str = ""
    retired_reason: str = ""
    retired_on: dt.date | None = None
    spider: str = ""  # dotted path of a custom spider class; normally empty
    principal_tier: str = ""  # unitary, upper (county), lower (district): a principal council's tier in its area
    parent: str = ""  # a local council's principal council (register code)
    no_website_reason: str = ""  # why a council has nothing to crawl; its verdicts are then unknown for this reason
    wdtk_url_name: str = ""
    listed_by: tuple[str, ...] = ()  # open-data sources whose last import listed it (local councils)

    @property
    def start_urls(self) -> tuple[str, ...]:
        """Where a crawl of this council starts: known documents first, then its sites."""
        urls = [*self.documents, self.democracy_url, self.website]
        return tuple(dict.fromkeys(u for u in urls if u))


# --- CSV -------------------------------------------------------------------------------------------

def _check_url(value: str, column: str, code: str) -> str:
    value = value.strip()
    if not value:
        return ""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise MalformedEntry(f"{code}: {column} is not an http(s) URL: {value!r}")
    return value


def council_from_row(row: dict[str, str]) -> Council:
    """Build a Council from one CSV row, or raise MalformedEntry saying what is wrong."""
    code = (row.get("local_authority_code") or "").strip()
    if not code:
        raise MalformedEntry(f"row for {row.get('name')!r} has no local_authority_code")
    nation = (row.get("nation") or "").strip()
    if nation not in NATIONS:
        raise MalformedEntry(f"{code}: unknown nation {nation!r}")
    name = (row.get("name") or "").strip()
    if not name:
        raise MalformedEntry(f"{code}: no name")
    website = _check_url(row.get("website") or "", "website", code)
    democracy = _check_url(row.get("democracy_url") or "", "democracy_url", code)
    documents = tuple(_check_url(u, "documents", code) for u in (row.get("documents") or "").split())

    def text(column: str) -> str:
        return (row.get(column) or "").strip()

    if not (website or democracy or documents or text("no_website_reason")):
        raise MalformedEntry(f"{code}: no website, democracy_url or documents to crawl")
    tier, principal_tier = _tiers(text("tier"), text("parent"), text("principal_council"))
    return Council(
        code=code, name=name, nation=nation, type=text("type"), website=website, democracy_url=democracy,
        platform=text("platform"), documents=documents, status=text("status") or ACTIVE,
        nice_name=text("nice_name"), gss_code=text("gss_code"), region=text("region"), tier=tier,
        democracy_url_source=text("democracy_url_source"), principal_tier=principal_tier, parent=text("parent"),
        no_website_reason="" if website else text("no_website_reason"),
    )


def _tiers(value: str, parent: str, principal_council: str) -> tuple[str, str]:
    """(tier, principal_tier) of a CSV row: councils.csv's `tier` column holds GOV.UK's principal tier, and its
    `principal_council` column says `no` for a local council (as the sample webs write it: "local (parish)")."""
    if value in TIERS:
        return value, ""
    if parent or principal_council.lower() == "no" or value.lower().startswith(LOCAL):
        return LOCAL, ""
    return PRINCIPAL, value


def read_csv_rows(path: Path) -> list[dict[str, str]]:
    """The rows of a registry CSV, or RegistryError if it is unreadable or lacks a required column."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or ())]
            if missing:
                raise RegistryError(f"{path}: missing column(s) {', '.join(missing)}")
            return list(reader)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise RegistryError(f"cannot read registry {path}: {exc}") from exc


def _load_csv(path: Path) -> tuple[list[Council], list[MalformedEntry]]:
    councils: dict[str, Council] = {}
    errors: list[MalformedEntry] = []
    for row in read_csv_rows(path):
        try:
            council = council_from_row(row)
        except MalformedEntry as exc:
            logger.warning("registry %s: %s", path, exc)
            errors.append(exc)
            continue
        if council.code in councils:
            errors.append(MalformedEntry(f"{council.code}: duplicate register code"))
            continue
        councils[council.code] = council
    return list(councils.values()), errors


# --- TOML directory --------------------------------------------------------------------------------

def council_from_entry(entry: dict[str, Any]) -> Council:
    """A Council from a valid entry (see registry.schema.entry_problems)."""
    def text(name: str) -> str:
        return str(entry.get(name) or "").strip()

    retired_on = entry.get("retired_on")
    if isinstance(retired_on, str):
        retired_on = dt.date.fromisoformat(retired_on)
    return Council(
        code=text("code"), name=text("name"), nation=text("nation"), type=text("type"), website=text("website"),
        democracy_url=text("democracy_url"), platform=text("platform"),
        documents=tuple(u.strip() for u in entry.get("documents") or ()), status=text("status") or ACTIVE,
        nice_name=text("nice_name"), gss_code=text("gss_code"), region=text("region"),
        democracy_url_source=text("democracy_url_source"), retired_reason=text("retired_reason"),
        retired_on=retired_on if isinstance(retired_on, dt.date) else None, spider=text("spider"),
        tier=text("tier") or PRINCIPAL, principal_tier=text("principal_tier"), parent=text("parent"),
        no_website_reason=text("no_website_reason"), wdtk_url_name=text("wdtk_url_name"),
        listed_by=tuple(entry.get("listed_by") or ()),
    )


def read_entry(path: Path) -> dict[str, Any]:
    """The raw entry of one TOML file, or MalformedEntry if it cannot be parsed."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise MalformedEntry(f"{path}: cannot read: {exc}", str(path)) from exc
    except tomllib.TOMLDecodeError as exc:
        raise MalformedEntry(f"{path}: invalid TOML: {exc}", str(path)) from exc


def council_from_file(path: Path) -> Council:
    """The Council of one entry file, or MalformedEntry listing every problem found in it."""
    entry = read_entry(path)
    problems = entry_problems(entry, expected_code=path.stem)
    if problems:
        raise MalformedEntry(f"{path}: {'; '.join(problems)}", str(path), problems)
    return council_from_entry(entry)


def _load_directory(path: Path) -> tuple[list[Council], list[MalformedEntry]]:
    files = sorted(path.glob("*.toml"))
    if not files:
        raise RegistryError(f"registry {path} has no *.toml entries")
    councils: dict[str, Council] = {}
    errors: list[MalformedEntry] = []
    for file in files:
        try:
            _add(councils, council_from_file(file), str(file))
        except MalformedEntry as exc:
            logger.warning("registry entry skipped: %s", exc)
            errors.append(exc)
    local, local_errors = _load_local(path)
    errors += local_errors
    for council, where in local:
        try:
            _add(councils, council, where)
        except MalformedEntry as exc:
            logger.warning("registry entry skipped: %s", exc)
            errors.append(exc)
    return list(councils.values()), errors


def _load_local(path: Path) -> tuple[list[tuple[Council, str]], list[MalformedEntry]]:
    """The local councils of a registry directory (local/<PARENT>.csv), each with the file and line it is on."""
    councils: list[tuple[Council, str]] = []
    errors: list[MalformedEntry] = []
    for file in area_files(path):
        try:
            for entry, where, row_problems in read_area(file):
                problems = row_problems + entry_problems(entry)
                if problems:
                    errors.append(MalformedEntry(f"{where}: {'; '.join(problems)}", where, problems))
                    continue
                councils.append((council_from_entry(entry), where))
        except LocalFileError as exc:
            errors.append(MalformedEntry(str(exc), str(file)))
    return councils, errors


def _add(councils: dict[str, Council], council: Council, where: str) -> None:
    if council.code.upper() in councils:
        raise MalformedEntry(f"{where}: duplicate register code {council.code}", where)
    councils[council.code.upper()] = council


def load_registry(path: str | Path | None = None) -> tuple[list[Council], list[MalformedEntry]]:
    """Load every usable council from a directory of TOML entries (default) or a CSV file.

    Malformed entries are returned as errors, one per file or row, never silently dropped.
    """
    path = Path(path) if path else DEFAULT_REGISTRY
    if path.is_dir():
        return _load_directory(path)
    return _load_csv(path)


def find_council(councils: list[Council], code: str) -> Council:
    """The council with this register code (case-insensitive)."""
    for council in councils:
        if council.code.upper() == code.upper():
            return council
    raise UnknownCouncil(f"no council {code!r} in the registry")
