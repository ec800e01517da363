"""Deployment checks for `ocm serve`: whether the address it binds is loopback, and the warning when it is not."""

from __future__ import annotations

import ipaddress

LOOPBACK_NAMES = {"localhost", "localhost.", "ip6-localhost", "ip6-loopback"}


def is_loopback(host: str) -> bool:
    """Whether `host` (an address or `localhost`) can only be reached from this machine."""
    host = host.strip().lower()
    if host in LOOPBACK_NAMES:
        return True
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:  # another host name: it may resolve to any address
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped.is_loopback
    return address.is_loopback


def plain_http_warning(host: str) -> str | None:
    """The warning to print when the review page would serve plain HTTP beyond this machine, else None."""
    if is_loopback(host):
        return None
    return (f"Warning: the review page serves plain HTTP on {host or 'every address'}, which other machines can "
            "reach: passwords and session cookies would cross the network unencrypted. Bind 127.0.0.1 behind a "
            "TLS-terminating reverse proxy (see docs/reviewing.md), or let only that proxy reach this address.")
