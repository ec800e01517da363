"""Write the sample councils as a registry CSV: the columns of councils.csv plus ``documents``."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urljoin

from .site import Site

COLUMNS = ["name", "nice_name", "local_authority_code", "gss_code", "nation", "region", "type", "tier",
           "principal_council", "website", "democracy_url", "democracy_url_source", "platform", "documents"]


def registry_row(site: Site, base_url: str) -> dict[str, str]:
    """One register row for ``site`` served at ``base_url``."""
    democracy = "" if site.democracy_path is None else urljoin(base_url, site.democracy_path)
    return {
        "name": site.name, "nice_name": site.nice_name, "local_authority_code": site.code,
        "gss_code": site.gss_code, "nation": site.nation, "region": site.region, "type": site.type,
        "tier": site.tier, "principal_council": site.principal_council, "website": base_url,
        "democracy_url": democracy, "democracy_url_source": "sampleweb" if democracy else "",
        "platform": site.platform,
        "documents": " ".join(urljoin(base_url, path) for path in site.document_paths),
    }


def write_registry(path: str | Path, sites: Iterable[tuple[Site, str]]) -> Path:
    """Write rows for ``(site, base_url)`` pairs to ``path`` (UTF-8, header row first)."""
    target = Path(path)
    with target.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(registry_row(site, url) for site, url in sites)
    return target
