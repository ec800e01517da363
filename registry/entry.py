"""One registry entry as a TOML file: its fields, in a stable order, written by hand-friendly rules."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

# The order fields are written in; `documents` and `status` are always written, other empty ones omitted.
FIELDS = ("code", "name", "nice_name", "gss_code", "nation", "region", "type", "tier", "principal_tier", "parent",
          "website", "no_website_reason", "democracy_url", "democracy_url_source", "platform", "documents", "status",
          "retired_reason", "retired_on", "spider", "wdtk_url_name", "listed_by")
LISTS = ("documents", "listed_by")
ALWAYS = ("documents", "status")


def _value(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()  # a TOML local date
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        return "[\n" + "".join(f"  {_value(v)},\n" for v in value) + "]"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string
    raise TypeError(f"cannot write {type(value).__name__} to a registry entry")


def dump_entry(entry: dict[str, Any]) -> str:
    """TOML text for one entry: known fields in FIELDS order, empty optional fields left out."""
    unknown = set(entry) - set(FIELDS)
    if unknown:
        raise ValueError(f"unknown registry field(s): {', '.join(sorted(unknown))}")
    lines = [f"{name} = {_value(entry[name])}" for name in FIELDS
             if name in entry and (entry[name] or name in ALWAYS)]
    return "\n".join(lines) + "\n"


def entry_from_council(council: Any) -> dict[str, Any]:
    """The entry (field name -> value) of a Council, without empty optional fields."""
    data = {name: getattr(council, name) for name in FIELDS if hasattr(council, name)}  # flat: no deep copy
    entry = {name: list(data[name]) if name in LISTS else data[name] for name in FIELDS if name in data}
    return {k: v for k, v in entry.items() if v or k in ALWAYS}
