"""The tests' network boundary holds: nothing a test does reaches beyond this machine."""

from __future__ import annotations

import socket
import urllib.request

import pytest

from tests.loopback import OffMachine, is_local


def test_a_connection_off_this_machine_is_refused_before_any_packet():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock, pytest.raises(OffMachine):
        sock.connect(("192.0.2.1", 80))  # TEST-NET-1: documentation only
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock, pytest.raises(OffMachine):
        sock.sendto(b"query", ("192.0.2.53", 53))
    with pytest.raises(OSError):
        urllib.request.urlopen("http://192.0.2.1/", timeout=5)


def test_this_machine_stays_reachable():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        with socket.create_connection(server.getsockname(), timeout=5):
            pass
    assert is_local(("::1", 80, 0, 0)) and is_local(("ham.localhost", 80)) and is_local("/tmp/x.sock")
    assert not is_local(("203.0.113.9", 443)) and not is_local(("www.example.gov.uk", 443))
