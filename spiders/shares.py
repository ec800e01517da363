"""Sharing a crawl's councils out over processes: one Scrapy reactor uses one core, a night can use them all.

A process that starts a crawl process passes it its settings in its environment (`SETTINGS_ENV`), never on its
command line, which `ps` shows to every user of the machine: settings may carry secrets (tokens in
OCM_NOTIFY_URLS, proxy passwords). Only the settings naming its share stay on the command line."""

from __future__ import annotations

import ctypes
import hashlib
import json
import logging
import os
import signal
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from scrapy.settings import Settings

logger = logging.getLogger(__name__)

T = TypeVar("T")
PR_SET_PDEATHSIG = 1  # prctl(2): the signal this process gets when its parent dies
SETTINGS_ENV = "OCM_CRAWL_SETTINGS"  # a crawl process's settings, as a JSON object, in its environment


class SettingsNotReadable(ValueError):
    """The settings a crawl process was given in its environment are not a JSON object of names to values."""


def settings_environment(settings: Mapping[str, object]) -> dict[str, str]:
    """The environment that passes these settings to a crawl process (nothing for none)."""
    return {SETTINGS_ENV: json.dumps({name: str(value) for name, value in settings.items()})} if settings else {}


def settings_from_environment() -> dict[str, str]:
    """The settings this process was given in its environment, taken out of it: the processes it starts get only
    the settings it passes them."""
    value = os.environ.pop(SETTINGS_ENV, "")
    if not value:
        return {}
    try:
        found = json.loads(value)
    except ValueError as exc:
        raise SettingsNotReadable(f"{SETTINGS_ENV} is not JSON: {exc}") from exc
    if not isinstance(found, dict):
        raise SettingsNotReadable(f"{SETTINGS_ENV} must be a JSON object of setting names to values")
    return {str(name): str(value) for name, value in found.items()}


@dataclass(frozen=True)
class Share:
    """Crawl process `index` of `count` in one run, started by the process `parent` (which runs share 1).

    A share's councils are not listed on its command line (12,000 councils would make a line of 100 KB in every
    `ps`): the process deals the run's councils out itself, as its starter did (`split`), and `digest`, of the codes
    its starter dealt it, proves it took the same ones."""

    index: int
    count: int
    parent: int
    digest: str = ""

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"

    @property
    def setting(self) -> str:
        """The value of OCM_CRAWL_SHARE that tells a process it runs this share."""
        return f"{self}@{self.parent}" + (f"#{self.digest}" if self.digest else "")

    @classmethod
    def parse(cls, value: str | None) -> Share | None:
        """The share an OCM_CRAWL_SHARE value names; None for an empty value (a crawl of its own)."""
        if not value:
            return None
        try:
            part, _, rest = value.partition("@")
            parent, _, digest = rest.partition("#")
            index, _, count = part.partition("/")
            share = cls(int(index), int(count), int(parent), digest)
        except ValueError:
            share = None
        if share is None or not 1 <= share.index <= share.count:
            raise ValueError(f"OCM_CRAWL_SHARE must look like 2/2@<parent pid>#<digest>, not {value!r}")
        return share

    def of(self, councils: list[T], code: Callable[[T], str]) -> list[T]:
        """This share's part of the run's councils, dealt out as its starter dealt them; ShareMismatch when they
        are not the councils its starter dealt it (the registry changed in between)."""
        part = split(councils, self.count)[self.index - 1] if len(councils) >= self.count else []
        if self.digest and codes_digest([code(c) for c in part]) != self.digest:
            raise ShareMismatch(f"crawl process {self} was dealt other councils than its starter meant (the "
                                "registry changed while the crawl started): the run goes on without them")
        return part


class ShareMismatch(ValueError):
    """A crawl process found other councils in its share than the process that started it dealt it."""


def codes_digest(codes: list[str]) -> str:
    """A short digest of a share's council codes, in order."""
    return hashlib.sha256("\n".join(codes).encode()).hexdigest()[:16]


def split(councils: list[T], processes: int) -> list[list[T]]:
    """The councils dealt out over at most `processes` shares (never an empty one, and always one share)."""
    count = max(1, min(processes, len(councils)))
    return [councils[index::count] for index in range(count)]


def share_settings(settings: Settings, share: Share, run_id: int) -> dict[str, str]:
    """The settings of one share: the run it adds to, which share it is, and its part of the totals
    OCM_WORKERS and CONCURRENT_REQUESTS (a council's politeness is its own and unchanged)."""
    workers = settings.getint("OCM_WORKERS")
    return {
        "OCM_RUN_ID": str(run_id),
        "OCM_CRAWL_SHARE": share.setting,
        "OCM_WORKERS": str(-(-workers // share.count)),
        "CONCURRENT_REQUESTS": str(-(-settings.getint("CONCURRENT_REQUESTS") // share.count)),
    }


def die_with_parent(parent: int) -> None:
    """Make this crawl process die with the process that started it (Linux): a share with its crawl, a nightly
    crawl with `ocm nightly`. A crawl killed with SIGKILL, or stopped by the nightly timeout, leaves no process
    running on. Its writes are transactions: none is left half."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL) != 0:
            logger.warning("cannot ask to die with the parent process: errno %d", ctypes.get_errno())
    if os.getppid() != parent:  # it died before that took effect
        raise SystemExit(f"the process {parent} that started this crawl process is gone")
