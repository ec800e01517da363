"""`ocm publish --serve`: the published folder on 127.0.0.1, for a look before putting it behind a web server.

Loopback only: a production site goes behind nginx, Caddy or any static server (docs/running-nightly.md).
"""

from __future__ import annotations

import functools
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

LOOPBACK = "127.0.0.1"


class SiteHandler(SimpleHTTPRequestHandler):
    """Files of the folder, the site's own 404 page, UTF-8 text types, and no request log on the terminal."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".html": "text/html; charset=utf-8",
                      ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
                      ".json": "application/json", ".xml": "application/atom+xml", ".csv": "text/csv; charset=utf-8",
                      ".md": "text/markdown; charset=utf-8"}

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        missing = Path(self.directory) / "404.html"
        if code != 404 or not missing.is_file():
            super().send_error(code, message, explain)
            return
        body = missing.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


def site_server(folder: str | Path, port: int = 0) -> ThreadingHTTPServer:
    """A server of the folder on 127.0.0.1 (port 0: a free one), not started."""
    handler = functools.partial(SiteHandler, directory=str(folder))
    return ThreadingHTTPServer((LOOPBACK, port), handler)
