"""What one nightly run did, as the scheduler hands it to the digest (`review/notify.py`)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from store.records import Flag


@dataclass
class NightlyResult:
    """What one nightly run did: its run row and the flags change detection raised."""

    run: dict
    flags: list[Flag] = field(default_factory=list)
    crawl_exit_code: int = 0

    @property
    def flag_counts(self) -> Counter[str]:
        return Counter(f.kind for f in self.flags)
