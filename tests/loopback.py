"""The tests' network boundary: a socket of the test process may connect or send only to this machine.

Installed for the whole session by tests/conftest.py. A connection to any other address raises
`OffMachine` at once, so a test that would send traffic off 127.0.0.1 fails loudly instead of reaching
the internet. (Crawl processes a test starts are bounded by their registry, every site of which is on
127.0.0.1 or a `.localhost` name, and by the crawler's own-site and address checks.)
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

LOCAL_NAMES = ("localhost",)


class OffMachine(ConnectionRefusedError):
    """A test tried to reach an address that is not this machine."""


def is_local(address: Any) -> bool:
    """Whether a socket address (a path, or (host, port, ...)) is on this machine."""
    if not isinstance(address, tuple):
        return True  # a Unix socket path, or an abstract name
    host = str(address[0]).split("%", 1)[0]
    if host in LOCAL_NAMES or host.endswith(".localhost"):
        return True
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False  # a name: Python's sockets connect to addresses, so a name here would be resolved off-machine
    return ip.is_loopback or ip.is_unspecified or (ip.version == 6 and ip.ipv4_mapped is not None
                                                   and ip.ipv4_mapped.is_loopback)


def _guarded(method: Callable[..., Any], where: int) -> Callable[..., Any]:
    def call(self: socket.socket, *args: Any) -> Any:
        address = args[where] if len(args) > where else None
        if address is not None and not is_local(address):
            raise OffMachine(f"tests may only reach 127.0.0.1: refused {address!r}")
        return method(self, *args)
    return call


@contextmanager
def loopback_only() -> Iterator[None]:
    """Refuse every connect / sendto of this process to an address off this machine, for the block."""
    saved = {name: getattr(socket.socket, name) for name in ("connect", "connect_ex", "sendto")}
    socket.socket.connect = _guarded(saved["connect"], 0)  # type: ignore[method-assign]
    socket.socket.connect_ex = _guarded(saved["connect_ex"], 0)  # type: ignore[method-assign]
    socket.socket.sendto = _guarded(saved["sendto"], -1)  # type: ignore[method-assign]  # (data[, flags], address)
    try:
        yield
    finally:
        for name, method in saved.items():
            setattr(socket.socket, name, method)
