"""Serve the realistic sample web: one server on 127.0.0.1 per host of each council (www, democracy...).

Every host gets a free port first, so that each council's pages can be built with the real addresses of
its other hosts (a main site links its ModernGov site, which links back), then the servers start::

    with RealisticWeb() as web:
        web.website("ZRA"), web.democracy_url("ZRA")
        web.write_registry(tmp_path / "registry.csv")
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

from ..server import HOST, SampleWebError, UnknownSite, _Server, _SiteState
from ..site import Resource, Site
from .councils import COUNCILS
from .model import Address, Context, Council
from .pages import HostPages
from .register import write_registry


def _site(council: Council, host: str, built: dict[str, HostPages]) -> Site:
    """A :class:`Site` serving one host of ``council`` (its register fields, its pages, its fallback)."""

    def build(site: Site, night: int) -> dict[str, Resource]:
        return built[host].resources

    return Site(f"{council.slug}-{host}", council.name, council.nice_name, council.code, council.gss_code,
                council.nation, council.region, council.type, council.tier, council.principal_council,
                council.platform, build)


class RealisticWeb:
    """The realistic sample councils, each host on its own port; ``with RealisticWeb() as web: ...``."""

    def __init__(self, codes: Iterable[str] | None = None, *, port_base: int | None = None) -> None:
        known = {council.code: council for council in COUNCILS}
        chosen = list(known) if codes is None else list(codes)
        for code in chosen:
            if code not in known:
                raise UnknownSite(code)
        self.councils: dict[str, Council] = {code: known[code] for code in chosen}
        self._port_base = port_base
        self._servers: dict[tuple[str, str], _Server] = {}
        self._states: dict[tuple[str, str], _SiteState] = {}
        self._built: dict[str, dict[str, HostPages]] = {}
        self._threads: list[threading.Thread] = []

    def start(self) -> RealisticWeb:
        """Bind every host, build every council with the real addresses, then serve."""
        index = 0
        for code, council in self.councils.items():
            built: dict[str, HostPages] = {}
            for host in council.hosts:
                state = _SiteState(_site(council, host, built))
                port = 0 if self._port_base is None else self._port_base + index
                index += 1
                self._servers[code, host] = _Server(port, state)
                self._states[code, host] = state
            self._built[code] = built
        try:
            for code, council in self.councils.items():
                built = self._built[code]
                built.update(council.build(self.context(code)))
                for host in council.hosts:
                    self._states[code, host].site.fallback = built[host].fallback
        except BaseException:
            self.stop()
            raise
        for (code, host), server in self._servers.items():
            thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                                      name=f"realistic-{code}-{host}", daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def stop(self) -> None:
        """Stop every server and close its socket."""
        for state in self._states.values():
            state.clear()
        for server in self._servers.values():
            if self._threads:
                server.shutdown()
            server.server_close()
        for thread in self._threads:
            thread.join()
        self._servers.clear()
        self._threads.clear()

    def __enter__(self) -> RealisticWeb:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.stop()

    # --- addresses ------------------------------------------------------------------------------------
    def context(self, code: str) -> Context:
        """The base URL of each of a council's hosts."""
        council = self._council(code)
        return Context({host: self.base_url(code, host) for host in council.hosts})

    def base_url(self, code: str, host: str = "www") -> str:
        """``http://127.0.0.1:<port>/`` of one host of a started council."""
        self._council(code)
        if (code, host) not in self._servers:
            raise SampleWebError(f"{code} has no host {host!r}, or the realistic web is not started")
        return f"http://{HOST}:{self._servers[code, host].server_address[1]}/"

    def url(self, code: str, address: Address) -> str:
        """The absolute URL of a council's ``address``."""
        return self.base_url(code, address.host).rstrip("/") + address.path

    def website(self, code: str) -> str:
        """The register's ``website`` of a council."""
        return self.url(code, self._council(code).website)

    def democracy_url(self, code: str) -> str:
        """The register's ``democracy_url`` of a council ("" when it has none)."""
        council = self._council(code)
        return self.url(code, council.democracy) if council.democracy else ""

    def policy_urls(self, code: str) -> list[tuple[str, ...]]:
        """The answer key: for each policy document, the URLs of its renditions (any one counts)."""
        return [tuple(self.url(code, a) for a in doc.addresses) for doc in self._council(code).policy]

    def meeting_papers(self, code: str) -> set[str]:
        """The URLs (as the server looks them up: percent-decoded) of the council's agendas, minutes and reports."""
        return {self.base_url(code, host).rstrip("/") + key for host, pages in self._built[code].items()
                for key in pages.papers}

    def hosts(self, code: str) -> dict[str, str]:
        """host name -> base URL of a council."""
        return self.context(code).base_urls

    def resources(self, code: str, host: str) -> HostPages:
        """What one host serves (for tests)."""
        return self._built[code][host]

    def request_log(self, code: str, host: str = "www") -> list[str]:
        """Request targets one host received, in order."""
        state = self._states[code, host]
        with state.lock:
            return list(state.log)

    def write_registry(self, path: str | Path, order: Iterable[str] | None = None) -> Path:
        """A registry CSV with each council's ``website`` and ``democracy_url`` only (no ``documents``)."""
        codes = list(self.councils) if order is None else list(order)
        rows = [(self.councils[code], self.website(code), self.democracy_url(code)) for code in codes]
        return write_registry(path, rows)

    def _council(self, code: str) -> Council:
        if code not in self.councils:
            raise UnknownSite(code)
        return self.councils[code]
