"""Publishing on its own: after every nightly run, and after reviewers' decisions, debounced.

`publish_once` publishes a store's site and dataset (`publish.build`, atomic). `AutoPublisher` is what the review
page calls after each decision: it waits until the decisions stop for `quiet` seconds (or `longest` seconds have
passed since the first one waiting), then publishes once in a thread of its own, so fifty confirmations in a row
write the site once and a reviewer never waits for it. Its `status()` says, in words for the review page, whether
every decision is on the public site yet.

Where: `OCM_PUBLISH_DIR` (a folder; empty = `site` beside the store, so `data/ocm.db` publishes to `data/site`;
`off` = never on its own). The site's public address, for absolute links in its feeds: `OCM_PUBLIC_URL`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

from clock import local_time, utcnow
from publish.build import PublishResult, publish_site, read_marker
from store import open_db

logger = logging.getLogger(__name__)

OFF = "off"
QUIET_SECONDS = 5.0  # a decision waits this long for the next one before the site is published
LONGEST_SECONDS = 60.0  # a decision is published within this long however busy the reviewers are


def publish_dir(db_path: str | Path, setting: str | None) -> Path | None:
    """The folder a store publishes to on its own: the setting, else `site` beside the store; None when `off`."""
    if setting and setting.strip().lower() == OFF:
        return None
    return Path(setting) if setting else Path(db_path).parent / "site"


def publish_once(db_path: str | Path, out: str | Path, registry: str | Path | None = None,
                 base_url: str = "") -> PublishResult:
    """Publish the store at `db_path` to `out` with a connection of its own."""
    db = open_db(db_path)
    try:
        return publish_site(db, out, registry, base_url)
    finally:
        db.close()


class AutoPublisher:
    """Publishes the site after decisions, debounced (see the module's docstring). Thread-safe."""

    def __init__(self, out: str | Path, publish: Callable[[], PublishResult], quiet: float = QUIET_SECONDS,
                 longest: float = LONGEST_SECONDS) -> None:
        self.out, self._publish, self.quiet, self.longest = Path(out), publish, quiet, longest
        self._lock = threading.Condition()
        self._waiting = 0  # decisions not yet published
        self._first = self._last = 0.0  # monotonic times of the first and the last decision waiting
        self._worker: threading.Thread | None = None
        self._publishing = False
        self.published_at: str | None = None  # when this publisher last published (UTC)
        self.failure: str | None = None  # why the last attempt failed, until one succeeds
        self.publications = 0

    @classmethod
    def for_store(cls, db_path: str | Path, out: str | Path, registry: str | Path | None = None,
                  quiet: float = QUIET_SECONDS, base_url: str = "") -> AutoPublisher:
        return cls(out, lambda: publish_once(db_path, out, registry, base_url), quiet)

    def request(self) -> None:
        """A decision was made: publish once the decisions stop for a moment."""
        with self._lock:
            now = time.monotonic()
            if not self._waiting:
                self._first = now
            self._waiting += 1
            self._last = now
            self._start()

    def _start(self) -> None:
        """Start the worker unless it runs (with the lock held)."""
        if self._worker is None:
            self._worker = threading.Thread(target=self._run, name="ocm-auto-publish", daemon=True)
            self._worker.start()
        self._lock.notify_all()

    def _due(self) -> float:
        """Seconds until the waiting decisions are due (0: now)."""
        now = time.monotonic()
        return max(0.0, min(self._last + self.quiet, self._first + self.longest) - now)

    def _run(self) -> None:
        while True:
            with self._lock:
                while self._waiting and self._due() > 0:
                    self._lock.wait(self._due())
                if not self._waiting:
                    self._worker = None
                    self._lock.notify_all()
                    return
                taken, self._waiting, self._publishing = self._waiting, 0, True
            if not self._attempt(taken):  # failed: tried again at the next decision (or flush), not in a loop
                with self._lock:
                    self._worker = None
                    self._lock.notify_all()
                return

    def _attempt(self, taken: int) -> bool:
        try:
            self._publish()
        except Exception as exc:  # any failure (disk full, a bad folder) must not stop later attempts
            logger.exception("could not publish the public site to %s", self.out)
            with self._lock:
                self.failure, self._publishing = f"{local_time(utcnow())}: {exc}", False
                self._waiting += taken  # still to publish: the next decision, or flush(), tries again
            return False
        with self._lock:
            self.published_at, self.failure, self._publishing = utcnow(), None, False
            self.publications += 1
        return True

    def flush(self, timeout: float = 120.0) -> bool:
        """Publish what is waiting now, and wait until nothing is; True when every decision is published."""
        with self._lock:
            self._first = self._last = time.monotonic() - max(self.quiet, self.longest)
            if self._waiting:
                self._start()
            deadline = time.monotonic() + timeout
            while self._worker is not None and time.monotonic() < deadline:
                self._lock.wait(min(0.1, max(0.0, deadline - time.monotonic())))
            return not self._waiting and not self._publishing

    def status(self) -> str:
        """Whether every decision is on the public site, in words for the review page."""
        with self._lock:
            waiting, failure, published_at = self._waiting + (1 if self._publishing else 0), self.failure, \
                self.published_at
        if failure:
            return (f"The public site could not be published ({failure}). The decisions are safe in the store; "
                    "it is tried again at the next decision.")
        if waiting:
            return "Your latest decisions are being published to the public site (within a minute)."
        if published_at:
            return f"Every decision up to {local_time(published_at)} is published to the public site."
        marker = read_marker(self.out)
        if marker and marker.get("generated_at"):
            return f"The public site was last published at {local_time(marker['generated_at'])}."
        return ""
