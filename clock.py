"""Time, in one place: UTC in the store, Europe/London for schedules and display.

A leaf: it imports nothing of the project, so every folder may use it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

TIMEZONE = "Europe/London"  # the councils' time: the nightly schedule, dates on pages, times shown to people
LONDON = ZoneInfo(TIMEZONE)


def utcnow() -> str:
    """The current time, UTC, ISO 8601 to the second: the store's only time format."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def london_now() -> datetime:
    """The current time in Europe/London."""
    return datetime.now(LONDON)


def local_time(iso: str | None) -> str:
    """A stored UTC time as Europe/London wall time, to the minute; `-` for none."""
    if not iso:
        return "-"
    return datetime.fromisoformat(iso).astimezone(LONDON).strftime("%Y-%m-%d %H:%M %Z")
