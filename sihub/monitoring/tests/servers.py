"""Real HTTP servers on loopback addresses for the fetcher tests; nothing leaves the machine."""

from __future__ import annotations

import contextlib
import ssl
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"

Route = Callable[["Handler"], None]


class Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        local = self.server.local
        local.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
        route = local.routes.get(self.path.split("?")[0])
        if route is None:
            respond(self, 404, b"not here", content_type="text/plain")
            return
        # The fetcher hangs up when it reaches a limit, as it should.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            route(self)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        return  # keep test output quiet


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    local: LocalServer


class LocalServer:
    """An HTTP server on ``host`` (a loopback address) with routes a test sets."""

    def __init__(
        self, host: str = "127.0.0.1", port: int = 0, *, tls: ssl.SSLContext | None = None
    ) -> None:
        self.host = host
        self.scheme = "https" if tls else "http"
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.stopping = threading.Event()
        self.httpd = _Server((host, port), Handler)
        self.httpd.local = self
        self.port = self.httpd.server_address[1]
        if tls is not None:
            self.httpd.socket = tls.wrap_socket(self.httpd.socket, server_side=True)
        self._thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self._thread.start()

    def url(self, path: str = "/", *, host: str | None = None) -> str:
        return f"{self.scheme}://{host or self.host}:{self.port}{path}"

    @property
    def paths(self) -> list[str]:
        return [path for path, _ in self.requests]

    def close(self) -> None:
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()


def respond(
    handler: BaseHTTPRequestHandler,
    status: int = 200,
    body: bytes = b"",
    *,
    content_type: str = "application/rss+xml",
    headers: dict[str, str] | None = None,
) -> None:
    handler.send_response(status)
    if content_type:
        handler.send_header("Content-Type", content_type)
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    if "Content-Length" not in (headers or {}):
        handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()
