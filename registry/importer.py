"""`ocm councils import`: local councils from open data into a registry directory's local/<PARENT>.csv files.

Listings join the registry on codes, then names: a listing's GSS code (the local council's code), its
WhatDoTheyKnow URL name, or a name that only one local council has; a new council's parent is the principal
council whose GSS code (or name) the ONS lookup gives. The sources own the names, kinds, websites and codes they
give; `documents`, a maintainer's `no_website_reason` and a maintainer's retirement stay. Importing the same file
twice changes nothing. A council its source no longer lists loses that source from `listed_by`; when no source
lists it any more it is retired, with the reason and the date, never deleted. Unusable rows are reported one
by one, and the import goes on; a registry that does not load cleanly is refused, so nothing in it is lost.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from clock import london_now
from registry.entry import entry_from_council
from registry.loader import ACTIVE, DEFAULT_REGISTRY, LOCAL, PRINCIPAL, RETIRED, Council, RegistryError, load_registry
from registry.local import area_files, write_area
from registry.opendata import (
    LOCAL_TAGS,
    ONS,
    SOURCE_NAMES,
    WDTK,
    Listing,
    RowProblem,
    SourceFileError,
    read_source,
)
from registry.schema import plain

NATION_OF_PREFIX = {"E": "England", "W": "Wales"}
NO_LONGER_LISTED = "no longer listed by any source"
DEFUNCT = "marked defunct by WhatDoTheyKnow"
NO_WEBSITE = "no website listed by "
KIND_WORDS = re.compile(r"\b(parish council|town council|community council|city council|village council|"
                        r"neighbourhood council|parish meeting|cyngor cymuned|cyngor tref|council|"
                        r"district|borough|county|metropolitan|city of|london borough of)\b")
LOCAL_KIND = re.compile(r"\b(parish|town|community|village|neighbourhood) (council|meeting)\b"
                        r"|\bcyngor (cymuned|tref)\b", re.IGNORECASE)


class ImportFailed(RegistryError):
    """The import cannot run at all (the file or the registry); nothing was written."""


@dataclass
class ImportResult:
    """What an import did, council codes by outcome, and every row it could not use."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)
    reactivated: list[str] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    principal_rows: int = 0  # rows naming a principal council, already in the registry
    other_rows: int = 0  # rows that are no local council (other tags, unparished areas)
    files_written: int = 0


def spelling_key(name: str) -> str:
    """A name as an exact match compares it: lower case, `&` as `and`, without punctuation."""
    text = name.lower().replace("&", " and ").replace("'", "").replace("\u2019", "")
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def name_key(name: str) -> str:
    """A place's name as matching compares it: its spelling key without words like `parish council`."""
    return " ".join(KIND_WORDS.sub(" ", spelling_key(name)).split())


class Registry:
    """The registry's local councils as editable entries, with the indexes an import matches on."""

    def __init__(self, councils: list[Council]) -> None:
        principal = [c for c in councils if c.tier == PRINCIPAL]
        self.principal_codes = {c.gss_code: c.code for c in principal if c.gss_code}
        self.principal_spellings = {spelling_key(c.name) for c in principal}
        self.principal_names: dict[str, list[str]] = defaultdict(list)
        for council in principal:
            for key in {name_key(council.name), name_key(council.nice_name)} - {""}:
                self.principal_names[key].append(council.code)
        self.entries: dict[str, dict[str, Any]] = {c.code: plain(entry_from_council(c)) for c in councils
                                                   if c.tier == LOCAL}
        self.before = {code: dict(entry) for code, entry in self.entries.items()}
        self.by_gss = {e["gss_code"]: code for code, e in self.entries.items() if e.get("gss_code")}
        self.by_wdtk = {e["wdtk_url_name"]: code for code, e in self.entries.items() if e.get("wdtk_url_name")}
        self.by_name: dict[str, list[str]] = defaultdict(list)
        for code, entry in self.entries.items():
            self.by_name[name_key(entry["name"])].append(code)

    def principal(self, listing: Listing) -> bool:
        """Whether a listing is a principal council (WhatDoTheyKnow tags those `local_council` too)."""
        if listing.gss_code:
            return listing.gss_code in self.principal_codes
        return not LOCAL_KIND.search(listing.name) and spelling_key(listing.name) in self.principal_spellings

    def match(self, listing: Listing) -> tuple[str | None, str | None]:
        """(code of the local council a listing names, or None; why it is ambiguous, or None)."""
        if listing.gss_code:
            return self.by_gss.get(listing.gss_code), None
        if listing.wdtk_url_name in self.by_wdtk:
            return self.by_wdtk[listing.wdtk_url_name], None
        named = self.by_name.get(name_key(listing.name), [])
        if len(named) > 1:
            return None, f"{listing.name}: {len(named)} local councils have this name ({', '.join(sorted(named))})"
        return (named[0] if named else None), None

    def parent(self, listing: Listing) -> str | None:
        """The principal council a listing lies in, by its local authority's GSS code, else its name."""
        if listing.parent_code in self.principal_codes:
            return self.principal_codes[listing.parent_code]
        named = self.principal_names.get(name_key(listing.parent_name), []) if listing.parent_name else []
        return named[0] if len(named) == 1 else None

    def add(self, entry: dict[str, Any]) -> None:
        self.entries[entry["code"]] = entry
        self.by_gss[entry["gss_code"]] = entry["code"]
        if entry.get("wdtk_url_name"):
            self.by_wdtk[entry["wdtk_url_name"]] = entry["code"]


def _listed(entry: dict[str, Any], source: str) -> None:
    entry["listed_by"] = sorted({*entry.get("listed_by", ()), source})
    back = {NO_LONGER_LISTED} | ({DEFUNCT} if source == WDTK else set())  # a maintainer's retirement stays
    if entry.get("status") == RETIRED and entry.get("retired_reason") in back:
        entry["status"] = ACTIVE  # retired by an import, listed again: back
        entry.pop("retired_reason", None)
        entry.pop("retired_on", None)


def _apply(entry: dict[str, Any], listing: Listing, parent: str | None) -> None:
    """What a listing says of a council, over what the registry had."""
    from_wdtk = listing.source == WDTK
    if from_wdtk or WDTK not in entry.get("listed_by", ()):  # WhatDoTheyKnow names the council, ONS the area
        entry["name"], entry["type"] = listing.name, listing.kind
    if listing.wdtk_url_name:
        entry["wdtk_url_name"] = listing.wdtk_url_name
    if listing.website:
        entry["website"] = listing.website
    if parent:
        entry["parent"] = parent
    _listed(entry, listing.source)


def _new_entry(listing: Listing, parent: str) -> dict[str, Any]:
    return {"code": listing.gss_code, "name": listing.name, "type": listing.kind, "gss_code": listing.gss_code,
            "nation": NATION_OF_PREFIX[listing.gss_code[0]], "tier": LOCAL, "parent": parent, "documents": [],
            "status": ACTIVE}


def _website_reason(entry: dict[str, Any]) -> None:
    """A council without a website says so: which sources listed none (a maintainer's own reason stays)."""
    reason = entry.get("no_website_reason", "")
    if entry.get("website") or entry.get("documents"):
        if reason.startswith(NO_WEBSITE):
            entry.pop("no_website_reason")
    elif not reason or reason.startswith(NO_WEBSITE):
        names = [SOURCE_NAMES[s] for s in entry.get("listed_by", ())] or ["any source"]
        entry["no_website_reason"] = NO_WEBSITE + " or ".join(names)


def _retire(entry: dict[str, Any], source: str, reason: str, today: dt.date) -> bool:
    """Take a source off a council; retire it when no source lists it any more (True if it was retired now)."""
    entry["listed_by"] = [s for s in entry.get("listed_by", ()) if s != source]
    if entry.get("status") == ACTIVE and (reason == DEFUNCT or not entry["listed_by"]):
        entry.update(status=RETIRED, retired_reason=reason, retired_on=today.isoformat())
        return True
    return False


def _merge(registry: Registry, listings: list[Listing], source: str, today: dt.date,
           result: ImportResult) -> set[str]:
    """Apply every listing; the codes of the councils listed (and not defunct)."""
    listed: dict[str, str] = {}
    for listing in listings:
        if registry.principal(listing):
            result.principal_rows += 1
            continue
        code, ambiguous = registry.match(listing)
        if ambiguous:
            result.problems.append(RowProblem(listing.where, ambiguous + "; give it a gss: code"))
            continue
        if code in listed:
            result.problems.append(RowProblem(listing.where, f"{listing.name}: the same council as {listed[code]}"))
            continue
        parent = registry.parent(listing) if source == ONS else None
        if source == ONS and not parent:
            result.problems.append(RowProblem(listing.where, f"{listing.name}: no principal council has the local "
                                              f"authority code {listing.parent_code} or name {listing.parent_name!r}"))
            if code is None:
                continue
        if code is None:
            if not listing.gss_code or not parent:
                result.problems.append(RowProblem(listing.where, f"{listing.name}: no council of the registry has "
                                                  f"this {'GSS code' if listing.gss_code else 'name'}; import the "
                                                  "ONS parish lookup first, which places councils in their areas"))
                continue
            registry.add(_new_entry(listing, parent))
            code = listing.gss_code
        listed[code] = listing.where
        if listing.defunct:
            _retire(registry.entries[code], source, DEFUNCT, today)
            continue
        _apply(registry.entries[code], listing, parent)
    return set(listed)


def import_source(path: str | Path, source: str, registry_dir: str | Path | None = None,
                  tags: tuple[str, ...] = LOCAL_TAGS, today: dt.date | None = None) -> ImportResult:
    """Import one open-data file into a registry directory (default: the bundled registry)."""
    registry_dir = Path(registry_dir) if registry_dir else DEFAULT_REGISTRY
    if not registry_dir.is_dir():
        raise ImportFailed(f"{registry_dir}: an import writes into a registry directory (of <CODE>.toml files)")
    councils, errors = load_registry(registry_dir)
    if errors:
        raise ImportFailed(f"{registry_dir}: {len(errors)} malformed entr(ies) (see ocm councils check); fix them "
                           "first, so that rewriting their files loses nothing. Nothing imported.")
    try:
        rows = read_source(path, source, tags)
    except SourceFileError as exc:
        raise ImportFailed(f"{exc}. Nothing imported.") from exc
    today = today or london_now().date()
    result = ImportResult(problems=list(rows.problems), other_rows=rows.other_rows)
    registry = Registry(councils)
    listed = _merge(registry, rows.listings, source, today, result)
    for code, entry in registry.entries.items():
        if source in entry.get("listed_by", ()) and code not in listed:
            _retire(entry, source, NO_LONGER_LISTED, today)
        _website_reason(entry)
    result.problems.sort(key=lambda p: _line_order(p.where))
    _outcomes(registry, result)
    result.files_written = _write(registry_dir, registry)
    return result


def _line_order(where: str) -> tuple[str, int]:
    path, _, line = where.rpartition(":")
    return (path, int(line)) if line.isdigit() else (where, 0)


def _outcomes(registry: Registry, result: ImportResult) -> None:
    for code, entry in sorted(registry.entries.items()):
        old = registry.before.get(code)
        if old is None:
            result.added.append(code)
        elif old == entry:
            result.unchanged.append(code)
        else:
            result.updated.append(code)
            if entry.get("status") != old.get("status"):
                (result.retired if entry.get("status") == RETIRED else result.reactivated).append(code)


def _write(registry_dir: Path, registry: Registry) -> int:
    """Write every area file whose councils changed; an area left with none keeps its header only."""
    areas: dict[str, list[dict[str, Any]]] = {path.stem: [] for path in area_files(registry_dir)}
    for entry in registry.entries.values():
        areas.setdefault(entry["parent"], []).append(entry)
    return sum(write_area(registry_dir, parent, entries) for parent, entries in sorted(areas.items()))
