"""Failed logins slow down whoever makes them, never for long: exponential backoff per client address and name,
per client address, and per name.

After a few free failures a key waits 1 s, then 2 s, 4 s, ... up to `MAX_WAIT_S` after each further failure. An
attempt made while waiting is refused without checking the password and is not counted, so the wait never grows
past the bound, and the rightful owner, who fails rarely, is at worst kept waiting that long. A client guessing at
many names is slowed by its address; guesses at one name from many addresses are slowed by the name. Passwords are
hashed with scrypt, which already makes each guess slow. Kept in memory: `ocm serve` is one process, and a restart
forgetting the counts is harmless.
"""

from __future__ import annotations

import ipaddress
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

THROTTLE = "ocm_login_throttle"  # the app's LoginThrottle, in app.extensions
MAX_WAIT_S = 60  # the longest any key ever waits after a failure
FORGET_S = 15 * 60  # a key's failures are forgotten this long after its last one
MAX_KEYS = 10_000  # keys counted at once: guesses at ever new names must not grow memory without bound


@dataclass(frozen=True)
class Rule:
    """Failures a key may have before it waits, and the words that say why it waits."""

    free: int
    reason: str


NAME_AT_ADDRESS = Rule(3, "for this name from this address")
ADDRESS = Rule(10, "from this address")
NAME = Rule(10, "for this name")


@dataclass
class _Failures:
    count: int
    last: float


class LoginThrottle:
    """Counts failed logins per (address, name), address and name (names without case or surrounding spaces,
    IPv6 addresses by their /64); thread-safe."""

    def __init__(self, max_wait_s: float = MAX_WAIT_S, forget_s: float = FORGET_S,
                 clock: Callable[[], float] = time.monotonic, max_keys: int = MAX_KEYS) -> None:
        self.max_wait_s = max_wait_s
        self.forget_s = forget_s
        self.max_keys = max_keys
        self.clock = clock
        self._failures: dict[tuple[str, ...], _Failures] = {}
        self._lock = threading.Lock()

    def retry_after(self, address: str, name: str) -> tuple[int, str]:
        """Seconds before this client may try this name again (0: now), and why it must wait."""
        now = self.clock()
        with self._lock:
            waits = [(self._remaining(key, rule, now), rule.reason) for key, rule in _keys(address, name)]
        wait, reason = max(waits)
        return (max(1, int(wait + 0.999)), reason) if wait > 0 else (0, "")

    def failed(self, address: str, name: str) -> None:
        """Count a failed login of this client for this name."""
        now = self.clock()
        with self._lock:
            for key, _rule in _keys(address, name):
                found = self._current(key, now)
                self._failures[key] = _Failures(found.count + 1 if found else 1, now)
            if len(self._failures) > self.max_keys:
                self._forget_old(now)

    def succeeded(self, address: str, name: str) -> None:
        """A successful login clears the name's counts; its address's count stays (a client may not clear the
        count of its guesses at other names by logging in to its own account)."""
        with self._lock:
            for key, rule in _keys(address, name):
                if rule is not ADDRESS:
                    self._failures.pop(key, None)

    def wait_after(self, failures: int, rule: Rule) -> float:
        """How long a key with this many failures waits after its last one."""
        if failures < rule.free:
            return 0.0
        return float(min(self.max_wait_s, 2 ** min(failures - rule.free, 32)))

    def _remaining(self, key: tuple[str, ...], rule: Rule, now: float) -> float:
        found = self._current(key, now)
        return 0.0 if found is None else found.last + self.wait_after(found.count, rule) - now

    def _current(self, key: tuple[str, ...], now: float) -> _Failures | None:
        found = self._failures.get(key)
        if found is not None and now - found.last > self.forget_s:
            del self._failures[key]
            return None
        return found

    def _forget_old(self, now: float) -> None:
        """Drop keys whose failures are forgotten, then, if still too many, the least recently failed."""
        for key in list(self._failures):
            self._current(key, now)
        while len(self._failures) > self.max_keys:
            del self._failures[min(self._failures, key=lambda k: self._failures[k].last)]


def _keys(address: str, name: str) -> tuple[tuple[tuple[str, ...], Rule], ...]:
    client, who = _client(address), name.strip().casefold()
    return ((("name at address", client, who), NAME_AT_ADDRESS), (("address", client), ADDRESS),
            (("name", who), NAME))


def _client(address: str) -> str:
    """The client an address stands for: an IPv4 address, or an IPv6 address's /64 (one host's usual share)."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)
