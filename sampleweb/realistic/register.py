"""The realistic web's registry CSV: the councils.csv columns, with only ``website`` and ``democracy_url`` to start
from. No ``documents`` column and no ``platform``: a crawl must find the policy, and tell the platform, itself.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from .model import Council

COLUMNS = ["name", "nice_name", "local_authority_code", "gss_code", "nation", "region", "type", "tier",
           "principal_council", "website", "democracy_url", "democracy_url_source"]


def registry_row(council: Council, website: str, democracy_url: str) -> dict[str, str]:
    """One register row."""
    return {"name": council.name, "nice_name": council.nice_name, "local_authority_code": council.code,
            "gss_code": council.gss_code, "nation": council.nation, "region": council.region, "type": council.type,
            "tier": council.tier, "principal_council": council.principal_council, "website": website,
            "democracy_url": democracy_url, "democracy_url_source": "sampleweb" if democracy_url else ""}


def write_registry(path: str | Path, rows: Iterable[tuple[Council, str, str]]) -> Path:
    """Write ``(council, website, democracy_url)`` rows to ``path`` (UTF-8, header first)."""
    target = Path(path)
    with target.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(registry_row(*row) for row in rows)
    return target
