"""The hostile server itself answers as told."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from tests.hostile.server import Reply, links


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_routes_switch_and_requests_are_logged(hostile):
    hostile.route("/", links("/a"))
    assert get(hostile.base_url)[0] == 200 and b'href="/a"' in get(hostile.base_url)[1]
    hostile.route("/a", lambda path, headers: Reply(b"second" if hostile.log.count("/a") > 1 else b"first"))
    assert get(hostile.url("/a"))[1] == b"first" and get(hostile.url("/a"))[1] == b"second"
    assert get(hostile.url("/missing"))[0] == 404
    assert hostile.log.count("/a") == 2


def test_it_refuses_use_before_start():
    from tests.hostile.server import HostileWeb

    with pytest.raises(RuntimeError):
        _ = HostileWeb().base_url
