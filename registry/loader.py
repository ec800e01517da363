"""Read a registry CSV (the columns of councils.csv, plus an optional `documents` column) into councils."""

from __future__ import annotations

import csv
import logging
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from rules.taxonomy import NATIONS

logger = logging.getLogger(__name__)

DEFAULT_REGISTRY = Path(__file__).with_name("councils.csv")
REQUIRED_COLUMNS = ("name", "local_authority_code", "nation", "website")
ACTIVE = "active"


class RegistryError(Exception):
    """The registry file cannot be used at all (missing, unreadable, wrong columns)."""


class MalformedEntry(RegistryError):
    """One registry row is unusable; the others still load."""


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

    @property
    def start_urls(self) -> tuple[str, ...]:
        """Where a crawl of this council starts: known documents first, then its sites."""
        urls = [*self.documents, self.democracy_url, self.website]
        return tuple(dict.fromkeys(u for u in urls if u))


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
    if not (website or democracy or documents):
        raise MalformedEntry(f"{code}: no website, democracy_url or documents to crawl")
    return Council(
        code=code,
        name=name,
        nation=nation,
        type=(row.get("type") or "").strip(),
        website=website,
        democracy_url=democracy,
        platform=(row.get("platform") or "").strip(),
        documents=documents,
        status=(row.get("status") or ACTIVE).strip() or ACTIVE,
    )


def load_registry(path: str | Path | None = None) -> tuple[list[Council], list[MalformedEntry]]:
    """Load every usable council; malformed rows are returned as errors, never silently dropped."""
    path = Path(path) if path else DEFAULT_REGISTRY
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or ())]
            if missing:
                raise RegistryError(f"{path}: missing column(s) {', '.join(missing)}")
            rows = list(reader)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise RegistryError(f"cannot read registry {path}: {exc}") from exc
    councils: dict[str, Council] = {}
    errors: list[MalformedEntry] = []
    for row in rows:
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


def find_council(councils: list[Council], code: str) -> Council:
    """The council with this register code (case-insensitive)."""
    for council in councils:
        if council.code.upper() == code.upper():
            return council
    raise UnknownCouncil(f"no council {code!r} in the registry")
