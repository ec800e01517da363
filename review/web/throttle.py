"""Failed logins per reviewer name: after a few in a row, that name is refused for a while.

Passwords are hashed with scrypt, which already makes each guess slow; this bounds the guesses per name.
Kept in memory: `ocm serve` is one process, and a restart forgetting the count is harmless.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

MAX_FAILURES = 5  # failed logins for one name within WINDOW_S before it is refused
WINDOW_S = 15 * 60  # how long failures count, and how long a refused name waits
MAX_NAMES = 10_000  # names counted at once: guesses at ever new names must not grow memory without bound


class LoginThrottle:
    """Counts failed logins per name (case and surrounding spaces ignored); thread-safe."""

    def __init__(self, max_failures: int = MAX_FAILURES, window_s: float = WINDOW_S,
                 clock: Callable[[], float] = time.monotonic, max_names: int = MAX_NAMES) -> None:
        self.max_failures = max_failures
        self.window_s = window_s
        self.max_names = max_names
        self.clock = clock
        self._failures: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def retry_after(self, name: str) -> int:
        """Seconds before `name` may try again; 0 when it may try now."""
        with self._lock:
            recent = self._recent(_key(name))
            if len(recent) < self.max_failures:
                return 0
            return max(1, int(recent[-self.max_failures] + self.window_s - self.clock() + 0.999))

    def failed(self, name: str) -> None:
        """Count a failed login for `name`."""
        with self._lock:
            key = _key(name)
            self._failures[key] = [*self._recent(key), self.clock()]
            if len(self._failures) > self.max_names:
                self._forget_old()

    def _forget_old(self) -> None:
        """Drop names whose failures have all expired, then, if still too many, the least recently failed."""
        for key in list(self._failures):
            self._recent(key)
        while len(self._failures) > self.max_names:
            del self._failures[min(self._failures, key=lambda k: self._failures[k][-1])]

    def succeeded(self, name: str) -> None:
        """A successful login clears the name's count."""
        with self._lock:
            self._failures.pop(_key(name), None)

    def _recent(self, key: str) -> list[float]:
        cutoff = self.clock() - self.window_s
        recent = [t for t in self._failures.get(key, []) if t > cutoff]
        if recent:
            self._failures[key] = recent
        else:
            self._failures.pop(key, None)
        return recent


def _key(name: str) -> str:
    return name.strip().casefold()
