"""Read the open data that lists local councils: WhatDoTheyKnow's authorities and the ONS parish lookup.

Each reader turns a file into `Listing`s, one per local council it lists, and `RowProblem`s, one per row it
cannot use (the reading goes on). Neither knows the registry: `registry.importer` joins them to it.

- WhatDoTheyKnow, `all-authorities.csv`: `Internal ID,Name,Short name,URL name,Tags,Home page,Publication
  scheme,Disclosure log` (more columns may follow). `Tags` are space-separated: the kind of body
  (`parish_council`, `town_council`, `community_council`, ...), codes such as `gss:E04001234`, `defunct`.
- ONS, parish to local authority lookup: `PARyyCD,PARyyNM,LADyyCD,LADyyNM` for the year `yy` of the edition
  (other columns, such as `PARyyNMW` or `ObjectId`, may come with them).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

WDTK = "wdtk"
ONS = "ons"
SOURCES = (WDTK, ONS)
SOURCE_NAMES = {WDTK: "WhatDoTheyKnow", ONS: "the ONS parish lookup"}
LOCAL_TAGS = ("local_council", "parish_council", "town_council", "community_council")
WDTK_COLUMNS = ("Internal ID", "Name", "Short name", "URL name", "Tags", "Home page", "Publication scheme",
                "Disclosure log")
DEFUNCT_TAG = "defunct"
LOCAL_CODE = re.compile(r"^[EW]04\d{6}$")  # a civil parish (E04) or a Welsh community (W04)
GSS_CODE = re.compile(r"^[A-Z]\d{8}$")
URL_NAME = re.compile(r"^[a-z0-9_]+$")
ONS_COLUMN = re.compile(r"^(PAR|LAD)(\d{2})(CD|NM)$", re.IGNORECASE)
# The kind of council a tag names, most specific first; a name's own words decide between them.
KIND_TAGS = (("town_council", "town council"), ("community_council", "community council"),
             ("parish_council", "parish council"))
KIND_WORDS = ("parish meeting", "town council", "city council", "community council", "village council",
              "neighbourhood council", "parish council")


class SourceFileError(Exception):
    """A source file cannot be read at all (unreadable, not CSV, not the columns of its source)."""


@dataclass(frozen=True)
class Listing:
    """One local council as a source lists it."""

    source: str
    where: str  # file and line
    name: str
    gss_code: str = ""
    kind: str = ""  # parish council, town council, community council, parish meeting, ...
    website: str = ""
    wdtk_url_name: str = ""
    parent_code: str = ""  # the principal council's GSS code (ONS)
    parent_name: str = ""
    defunct: bool = False


@dataclass(frozen=True)
class RowProblem:
    """A row that could not be used, and why."""

    where: str
    problem: str

    def __str__(self) -> str:
        return f"{self.where}: {self.problem}"


@dataclass
class SourceRows:
    """What a source file lists, the rows it could not use, and how many rows were not local councils."""

    listings: list[Listing] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    other_rows: int = 0


def _rows(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceFileError(f"cannot read {path}: {exc}") from exc
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, [])
        return [h.strip() for h in header], [(reader.line_num, row) for row in reader if any(c.strip() for c in row)]
    except csv.Error as exc:
        raise SourceFileError(f"{path}: line {reader.line_num}: {exc}") from exc


def _kind(name: str, tags: set[str]) -> str:
    lowered = name.lower()
    if word := next((w for w in KIND_WORDS if w in lowered), None):
        return word
    return next((kind for tag, kind in KIND_TAGS if tag in tags), "local council")


BARE_HOST = re.compile(r"^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:/\S*)?$", re.IGNORECASE)


def home_page(value: str) -> str:
    """A home page as a crawlable address: one written without its scheme ("www.x-pc.org.uk") gets http://, which
    a site that has moved to https redirects from."""
    return f"http://{value}" if BARE_HOST.match(value) else value


def website_problem(value: str) -> str | None:
    """Why a home page cannot be crawled as given, or None."""
    if not re.match(r"^https?://[^\s/?#]+\.[^\s/?#]+", value) or any(c.isspace() for c in value):
        return f"home page is not an http(s) address: {value!r}"
    return None


def read_wdtk(path: Path, tags: tuple[str, ...] = LOCAL_TAGS) -> SourceRows:
    """The local councils of a WhatDoTheyKnow authorities file: rows carrying one of ``tags``."""
    header, rows = _rows(path)
    missing = [c for c in WDTK_COLUMNS if c not in header]
    if missing:
        raise SourceFileError(f"{path}: not a WhatDoTheyKnow authorities file: missing column(s) "
                              f"{', '.join(missing)}")
    at = {name: header.index(name) for name in WDTK_COLUMNS}
    wanted = set(tags)
    result = SourceRows()
    for line, row in rows:
        where = f"{path}:{line}"
        if len(row) < len(WDTK_COLUMNS):
            result.problems.append(RowProblem(where, f"{len(row)} cells, {len(WDTK_COLUMNS)} expected"))
            continue
        cell = {name: row[i].strip() for name, i in at.items()}
        row_tags = set(cell["Tags"].split())
        if not row_tags & wanted:
            result.other_rows += 1
            continue
        listing, problem = _wdtk_listing(cell, row_tags, where)
        if problem:
            result.problems.append(RowProblem(where, problem))
        elif listing:
            result.listings.append(listing)
    return result


def _wdtk_listing(cell: dict[str, str], tags: set[str], where: str) -> tuple[Listing | None, str | None]:
    name, url_name, home = cell["Name"], cell["URL name"], home_page(cell["Home page"])
    if not name:
        return None, "no Name"
    if not URL_NAME.match(url_name):
        return None, f"{name}: URL name is not lower-case letters, digits and _: {url_name!r}"
    codes = [t.split(":", 1)[1] for t in tags if t.lower().startswith("gss:")]
    bad = [c for c in codes if not GSS_CODE.match(c)]
    if bad or len(codes) > 1:
        return None, f"{name}: {'malformed' if bad else 'more than one'} GSS code(s) in its tags: {', '.join(codes)}"
    if home and (why := website_problem(home)):
        return None, f"{name}: {why}"
    return Listing(WDTK, where, name, gss_code=codes[0] if codes else "", kind=_kind(name, tags), website=home,
                   wdtk_url_name=url_name, defunct=DEFUNCT_TAG in tags), None


def ons_columns(header: list[str]) -> dict[str, int]:
    """Where PARyyCD, PARyyNM, LADyyCD and LADyyNM are, for whichever edition year `yy` the file has."""
    found: dict[str, list[tuple[str, int]]] = {}
    for i, name in enumerate(header):
        if match := ONS_COLUMN.match(name):
            found.setdefault((match[1] + match[3]).upper(), []).append((match[2], i))
    missing = [k for k in ("PARCD", "PARNM", "LADCD") if k not in found]
    if missing:
        raise SourceFileError("not an ONS parish lookup: no " + ", ".join(f"{k[:3]}yy{k[3:]}" for k in missing)
                              + " column (e.g. PAR23CD, PAR23NM, LAD23CD, LAD23NM)")
    return {key: max(places)[1] for key, places in found.items()}  # the newest year, if several


def read_ons(path: Path) -> SourceRows:
    """The parishes and communities of an ONS lookup (codes E04 / W04; unparished areas are not councils)."""
    header, rows = _rows(path)
    try:
        at = ons_columns(header)
    except SourceFileError as exc:
        raise SourceFileError(f"{path}: {exc}") from exc
    result = SourceRows()
    for line, row in rows:
        where = f"{path}:{line}"
        if len(row) < len(header):
            result.problems.append(RowProblem(where, f"{len(row)} cells, {len(header)} expected"))
            continue
        code, name, lad = (row[at[k]].strip() for k in ("PARCD", "PARNM", "LADCD"))
        lad_name = row[at["LADNM"]].strip() if "LADNM" in at else ""
        if GSS_CODE.match(code) and not LOCAL_CODE.match(code):
            result.other_rows += 1  # e.g. E43: an area with no parish
            continue
        problem = (f"parish code is not a GSS code of a parish (E04) or community (W04): {code!r}"
                   if not LOCAL_CODE.match(code) else "no parish name" if not name
                   else f"{name}: local authority code is not a GSS code: {lad!r}" if not GSS_CODE.match(lad)
                   else None)
        if problem:
            result.problems.append(RowProblem(where, problem))
            continue
        kind = "community" if code.startswith("W") else "parish"  # the area: whether a council or a meeting
        result.listings.append(Listing(ONS, where, name, gss_code=code, kind=kind, parent_code=lad,
                                       parent_name=lad_name))
    return result


def read_source(path: str | Path, source: str, tags: tuple[str, ...] = LOCAL_TAGS) -> SourceRows:
    """The listings of one file of ``source`` (wdtk or ons)."""
    if source == WDTK:
        return read_wdtk(Path(path), tags)
    if source == ONS:
        return read_ons(Path(path))
    raise SourceFileError(f"unknown source {source!r}: one of {', '.join(SOURCES)}")
