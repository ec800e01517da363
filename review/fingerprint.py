"""How a change is recognised when it comes back: its fingerprint, stored on its flag.

A change a reviewer rejected is never raised again, so the fingerprint of a change must not move when the code
does. It is defined here by version, on its own, and never through the keys change detection compares
(`review.policy.verdict_key`, `wording_key`): those may change freely. To fingerprint differently, add a version
at the end of VERSIONS and leave the older ones as they are: a change pending or rejected under the fingerprint of
any version is the same change, and new flags store the newest.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from store.db import sha256, to_json
from store.records import Change, GoneSource, PolicyEntry


def _v1(change: Change) -> str:
    """An entry: its verdict, its conditions and its clauses (whitespace-normalised), as sets. A new council: its
    entries' fingerprints by activity. A gone source: its address and its last good fetch."""
    value: Any
    if isinstance(change, PolicyEntry):
        value = {"key": [change.verdict, sorted(change.conditions)],
                 "wording": sorted({" ".join(e.quote.split()) for e in change.evidence})}
    elif isinstance(change, GoneSource):
        value = {"since": sha256(to_json(change.last_success)), "url": sha256(to_json(change.url))}
    else:
        value = {activity: _v1(entry) for activity, entry in sorted(change.items())}
    return sha256(to_json(value))


# Every way of fingerprinting ever used, oldest first. Never edit one: flags in the store carry its marks.
VERSIONS: tuple[Callable[[Change], str], ...] = (_v1,)


def fingerprint(change: Change) -> str:
    """The fingerprint a new flag stores: the newest version's."""
    return VERSIONS[-1](change)


def fingerprints(change: Change) -> tuple[str, ...]:
    """The change's fingerprint under every version, newest first: any of them recognises it."""
    return tuple(dict.fromkeys(version(change) for version in reversed(VERSIONS)))

