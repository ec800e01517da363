"""The sample council web: one threaded HTTP server per site on 127.0.0.1, with nights and faults."""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any

from .faults import CONTENT_FAULTS, FAULTS, HOLD, OVERSIZED, REDIRECT_LOOP, SLOW, STATUS_FAULTS
from .register import write_registry
from .site import HTML_TYPE, PDF_TYPE, Resource, Site, resource_key
from .sites import SITES

logger = logging.getLogger(__name__)

HOST = "127.0.0.1"
ROBOTS = Resource(b"User-agent: *\nAllow: /\n", "text/plain; charset=utf-8")
_REASONS = {403: "Forbidden", 404: "Page not found", 410: "Gone", 429: "Too Many Requests",
            500: "Internal Server Error", 503: "Service Unavailable"}


class SampleWebError(Exception):
    """Misuse of the sample web (unknown site or fault, not started)."""


class UnknownSite(SampleWebError, KeyError):
    """No sample site has this slug."""


@dataclass
class _Fault:
    kind: str
    seconds: float


@dataclass
class _SiteState:
    """What one site's server needs at request time; changed by :class:`SampleWeb` under ``lock``."""

    site: Site
    night: int = 1
    faults: dict[str | None, _Fault] = field(default_factory=dict)
    log: list[str] = field(default_factory=list)
    not_modified: int = 0  # conditional requests answered 304
    lock: threading.Lock = field(default_factory=threading.Lock)
    release: threading.Event = field(default_factory=threading.Event)

    def fault_for(self, target: str) -> _Fault | None:
        key = resource_key(target)
        bare = key.split("?", 1)[0]
        with self.lock:
            for path, fault in self.faults.items():
                if (path is None and bare != "/robots.txt") or path in (key, bare):
                    return fault
        return None

    def clear(self) -> None:
        """Drop faults and let held ("timeout") requests end now."""
        with self.lock:
            self.faults.clear()
            held, self.release = self.release, threading.Event()
        held.set()


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port: int, state: _SiteState) -> None:
        self.state = state
        super().__init__((HOST, port), _Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        logger.debug("sample web: client %s went away", client_address, exc_info=True)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.0"
    timeout = 10  # a client that connects and sends nothing must not hold stop() for ever

    def do_GET(self) -> None:
        self._respond(head=False)

    def do_HEAD(self) -> None:
        self._respond(head=True)

    def log_message(self, format: str, *args: Any) -> None:
        logger.debug("%s %s", self.server.state.site.slug, format % args)

    def _respond(self, head: bool) -> None:
        state = self.server.state
        with state.lock:
            state.log.append(self.path)
            night, release = state.night, state.release
        fault = state.fault_for(self.path)
        if fault and fault.kind == HOLD:
            release.wait(fault.seconds)
            self.close_connection = True
            return
        if fault and fault.kind in STATUS_FAULTS:
            self._send(int(fault.kind), _error_page(int(fault.kind)), head)
            return
        if fault and fault.kind == REDIRECT_LOOP:
            self._redirect(self.path)
            return
        if fault and fault.kind == OVERSIZED:
            self._send_oversized()
            return
        if fault and fault.kind == SLOW:
            release.wait(fault.seconds)
        key = resource_key(self.path)
        found = ROBOTS if key == "/robots.txt" else state.site.resources(night).get(key)
        if found is None and state.site.fallback is not None:
            found = state.site.fallback(key)
        if fault and fault.kind in CONTENT_FAULTS:
            found = CONTENT_FAULTS[fault.kind](found)
        if found is None:
            self._send(404, _error_page(404), head)
        elif found.status != 200:
            self._send(found.status, found, head)
        elif fault is None and self.headers.get("If-None-Match") == _etag(found):
            self._not_modified(found)
        else:
            self._send(200, found, head, validators=fault is None)

    def _not_modified(self, resource: Resource) -> None:
        """304 for a conditional request whose ETag still matches, as real CMSs and CDNs answer."""
        state = self.server.state
        with state.lock:
            state.not_modified += 1
        self.send_response(304)
        self.send_header("ETag", _etag(resource))
        self.end_headers()

    def _redirect(self, target: str) -> None:
        self.send_response(302)
        self.send_header("Location", target)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send_oversized(self) -> None:
        """Announce 2 GB, send a little, close: a client must refuse it by its size limit."""
        self.send_response(200)
        self.send_header("Content-Type", PDF_TYPE)
        self.send_header("Content-Length", str(2 * 1024**3))
        self.end_headers()
        self.wfile.write(b"%PDF-1.7\n" + b"0" * 65_536)
        self.close_connection = True

    def _send(self, status: int, resource: Resource, head: bool, validators: bool = False) -> None:
        self.send_response(status)
        self.send_header("Content-Type", resource.content_type)
        self.send_header("Content-Length", str(len(resource.body)))
        if validators:
            self.send_header("ETag", _etag(resource))
        for name, value in resource.headers:
            self.send_header(name, value)
        if status == 503:
            self.send_header("Retry-After", "120")
        self.end_headers()
        if not head:
            self.wfile.write(resource.body)


def _etag(resource: Resource) -> str:
    """A strong validator: the hash of the bytes served."""
    return '"' + hashlib.sha1(resource.body, usedforsecurity=False).hexdigest()[:20] + '"'


def _error_page(status: int) -> Resource:
    reason = _REASONS.get(status, "Error")
    body = f"<!DOCTYPE html><html><head><title>{reason}</title></head><body><h1>{reason}</h1></body></html>"
    return Resource(body.encode(), HTML_TYPE)


class SampleWeb:
    """The sample council sites, each on its own port: ``with SampleWeb() as web: web.base_url("cmis")``."""

    def __init__(self, sites: Iterable[str] | None = None, *, port_base: int | None = None) -> None:
        known = {site.slug: site for site in SITES}
        slugs = list(known) if sites is None else list(sites)
        for slug in slugs:
            if slug not in known:
                raise UnknownSite(slug)
        self.sites: dict[str, Site] = {slug: known[slug] for slug in slugs}
        self._port_base = port_base
        self._states = {slug: _SiteState(site) for slug, site in self.sites.items()}
        self._servers: dict[str, _Server] = {}
        self._threads: list[threading.Thread] = []

    def start(self) -> SampleWeb:
        """Build night 1 and start one server per site (free ports, or ``port_base`` + index)."""
        for index, (slug, state) in enumerate(self._states.items()):
            state.site.resources(state.night)
            port = 0 if self._port_base is None else self._port_base + index
            server = _Server(port, state)
            self._servers[slug] = server
            thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                                      name=f"sampleweb-{slug}", daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def stop(self) -> None:
        """Release held requests, stop every server and close its socket."""
        for state in self._states.values():
            state.clear()
        for server in self._servers.values():
            server.shutdown()
            server.server_close()
        for thread in self._threads:
            thread.join()
        self._servers.clear()
        self._threads.clear()

    def __enter__(self) -> SampleWeb:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.stop()

    def base_url(self, slug: str) -> str:
        """``http://127.0.0.1:<port>/`` of a started site."""
        self._state(slug)
        if slug not in self._servers:
            raise SampleWebError("the sample web is not started")
        return f"http://{HOST}:{self._servers[slug].server_address[1]}/"

    def set_night(self, night: int, slug: str | None = None) -> None:
        """Serve version ``night`` of one site (or all); its resources are built now."""
        for state in self._selected(slug):
            state.site.resources(night)
            with state.lock:
                state.night = night

    def inject_fault(self, slug: str, fault: str, path: str | None = None, seconds: float = 30.0) -> None:
        """Make ``path`` (None: every path but /robots.txt) answer with ``fault``.

        ``fault`` is an HTTP status ("500", "503", "403", "429", "404", "410"); "timeout": hold the request
        for ``seconds`` (or until :meth:`clear_faults`), then close it without a response; "slow": wait
        ``seconds`` then answer; "redirect-loop"; "oversized" (announces 2 GB); or a content fault of
        :data:`sampleweb.faults.CONTENT_FAULTS` ("truncated-pdf", "corrupt", "wrong-charset",
        "binary-as-html", "empty", "scanned-pdf", "many-pages-pdf").
        """
        if fault not in FAULTS:
            raise SampleWebError(f"unknown fault {fault!r}, expected one of {sorted(FAULTS)}")
        state = self._state(slug)
        if fault in CONTENT_FAULTS:
            CONTENT_FAULTS[fault](None)  # build (and cache) generated documents now, not inside a request
        with state.lock:
            state.faults[None if path is None else resource_key(path)] = _Fault(fault, seconds)

    def clear_faults(self, slug: str | None = None) -> None:
        """Remove the faults of one site (or all), releasing held requests."""
        for state in self._selected(slug):
            state.clear()

    def not_modified_count(self, slug: str) -> int:
        """How many conditional requests the site answered with 304 Not Modified."""
        state = self._state(slug)
        with state.lock:
            return state.not_modified

    def request_log(self, slug: str) -> list[str]:
        """Request targets (path and query, as sent) the site received, in order."""
        state = self._state(slug)
        with state.lock:
            return list(state.log)

    def write_registry(self, path: str | Path) -> Path:
        """Write a councils.csv-style registry of the started sites; returns the path."""
        return write_registry(path, [(site, self.base_url(slug)) for slug, site in self.sites.items()])

    def _state(self, slug: str) -> _SiteState:
        if slug not in self._states:
            raise UnknownSite(slug)
        return self._states[slug]

    def _selected(self, slug: str | None) -> list[_SiteState]:
        return list(self._states.values()) if slug is None else [self._state(slug)]
