"""Choosing which councils a crawl covers."""

from __future__ import annotations

from collections.abc import Iterable

from registry.loader import ACTIVE, Council


def select_councils(councils: list[Council], codes: Iterable[str]) -> list[Council]:
    """The named councils (any status), or every active one when none is named."""
    wanted = {code.strip().upper() for code in codes if code.strip()}
    return [c for c in councils if (c.code.upper() in wanted if wanted else c.status == ACTIVE)]
