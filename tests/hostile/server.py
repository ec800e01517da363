"""One local hostile council server on 127.0.0.1: each test switches what its addresses answer.

    with HostileWeb() as web:
        web.route("/standing-orders.docx", Reply(docx_bomb(), content_type=DOCX))
        web.route("/", page_linking("/standing-orders.docx"))
        ... crawl web.base_url ...
        assert "/standing-orders.docx" in web.log

A route is a `Reply` or a function of (path, request headers) returning one, so a mode can change its answer
from one request to the next (a page that is a document on the first night and a soft 404 on the second).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

HOST = "127.0.0.1"
HTML = "text/html; charset=utf-8"
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
NOT_FOUND_PAGE = b"<html><head><title>Page not found</title></head><body><h1>Page not found</h1></body></html>"


@dataclass(frozen=True)
class Reply:
    """What one address answers."""

    body: bytes = b""
    status: int = 200
    content_type: str = HTML
    headers: tuple[tuple[str, str], ...] = ()
    delay: float = 0.0  # seconds before answering


Route = Reply | Callable[[str, dict[str, str]], Reply]


def page(title: str, body_html: str) -> Reply:
    """An HTML page."""
    return Reply(f"<html><head><title>{title}</title></head><body><h1>{title}</h1>{body_html}</body></html>"
                 .encode())


def links(*paths: str, title: str = "Council and democracy") -> Reply:
    """A page linking each path, with the path as the link's words."""
    items = "".join(f'<li><a href="{p}">{p.strip("/").replace("-", " ") or "home"}</a></li>' for p in paths)
    return page(title, f"<ul>{items}</ul>")


class HostileWeb:
    """The hostile server: routes switchable per test, every request logged."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {"/robots.txt": Reply(b"User-agent: *\nAllow: /\n", content_type="text/plain")}
        self.log: list[str] = []
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None

    def route(self, path: str, reply: Route) -> None:
        """What `path` (with its query) answers from now on."""
        with self._lock:
            self.routes[path] = reply

    def __enter__(self) -> HostileWeb:
        web = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def do_GET(self) -> None:  # (http.server's name)
                web._answer(self)

            def log_message(self, format: str, *args: Any) -> None:  # (http.server's signature)
                pass

        self._server = ThreadingHTTPServer((HOST, 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("the hostile web is not started")
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}/"

    def url(self, path: str, host: str = HOST) -> str:
        """The address of `path` on this server, under `host` (a name the test's resolver maps here)."""
        return f"http://{host}:{self.port}{path}"

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        with self._lock:
            self.log.append(handler.path)
            route = self.routes.get(handler.path)
        headers = {k.lower(): v for k, v in handler.headers.items()}
        reply = route(handler.path, headers) if callable(route) else route
        if reply is None:
            reply = Reply(NOT_FOUND_PAGE, status=404)
        if reply.delay:
            time.sleep(reply.delay)
        handler.send_response(reply.status)
        handler.send_header("Content-Type", reply.content_type)
        handler.send_header("Content-Length", str(len(reply.body)))
        for name, value in reply.headers:
            handler.send_header(name, value)
        handler.end_headers()
        try:
            handler.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError):  # the crawler gave up on it: that is the point
            pass
