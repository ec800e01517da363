"""Fixtures of the hostile-web suite: the hostile server, and a registry of one council on it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.hostile.server import HostileWeb


@pytest.fixture
def hostile() -> Iterator[HostileWeb]:
    with HostileWeb() as web:
        yield web


def write_registry(path: Path, website: str, code: str = "HOS", documents: str = "") -> Path:
    """A registry CSV with one English council whose website is `website`."""
    path.write_text(
        "name,nice_name,local_authority_code,gss_code,nation,region,type,tier,principal_council,website,"
        "democracy_url,democracy_url_source,platform,documents\n"
        f"Hostile Borough Council,Hostile,{code},E07999990,England,South East,Non-metropolitan district,"
        f"lower (district),yes,{website},,,other/Custom HTML,{documents}\n", encoding="utf-8")
    return path


@pytest.fixture
def registry_for(tmp_path: Path):
    """`registry_for(website, documents="")`: a registry of one council on the hostile server."""
    def make(website: str, documents: str = "") -> Path:
        return write_registry(tmp_path / "registry.csv", website, documents=documents)
    return make
