"""A real server for the concurrency tests: gunicorn in a subprocess on the test database.

The server must see the rows the test made, and the test must see the rows
the server wrote:

* PostgreSQL — the server connects to the test database itself
  (``connection.settings_dict``, so pytest-xdist's ``test_sihub_gw0`` works);
* SQLite — the test database lives in this process's memory, so it is copied
  to a file (``VACUUM INTO``) that the server uses; the results are read back
  from that file once the server has stopped.

Everything is removed afterwards: the server is always terminated (then
killed), the temporary directory deleted.
"""

from __future__ import annotations

import os
import re
import socket
import sqlite3
import subprocess  # nosec B404 - starts our own gunicorn, fixed arguments
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from http.client import HTTPConnection
from urllib.parse import quote, urlencode

import httpx
from django.conf import settings
from django.db import connection

BASE_DIR = Path(settings.BASE_DIR)
START_TIMEOUT = 60.0
REQUEST_TIMEOUT = 60.0


@dataclass
class ServerDatabase:
    url: str
    # event id → its registrations (id, email, status, created_at), read after the server stopped.
    registrations: Callable[[int], list[tuple[Any, ...]]]


_REGISTRATIONS = ("SELECT id, email, status, created_at FROM events_registration "
                  "WHERE event_id = {} ORDER BY id")


@contextmanager
def server_database(workdir: Path) -> Iterator[ServerDatabase]:
    """The test database as the server will open it (see the module doc)."""
    config = connection.settings_dict
    if connection.vendor == "postgresql":
        auth = quote(config["USER"] or "", safe="")
        if config.get("PASSWORD"):
            auth += ":" + quote(config["PASSWORD"], safe="")
        host = config.get("HOST") or "127.0.0.1"
        port = config.get("PORT") or "5432"
        url = f"postgres://{auth}@{host}:{port}/{quote(config['NAME'], safe='')}"

        def pg_rows(event_id: int) -> list[tuple[Any, ...]]:
            with connection.cursor() as cursor:
                cursor.execute(_REGISTRATIONS.format("%s"), [event_id])
                return list(cursor.fetchall())

        yield ServerDatabase(url=url, registrations=pg_rows)
        return
    if connection.vendor != "sqlite":
        raise RuntimeError(f"No concurrency server for {connection.vendor}")
    path = workdir / "server.sqlite3"
    connection.ensure_connection()
    if connection.in_atomic_block:
        raise RuntimeError("VACUUM INTO needs a transactional test (no open transaction)")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM INTO %s", [str(path)])

    def sqlite_rows(event_id: int) -> list[tuple[Any, ...]]:
        db = sqlite3.connect(path)
        try:
            return list(db.execute(_REGISTRATIONS.format("?"), [event_id]))
        finally:
            db.close()

    yield ServerDatabase(url=f"sqlite:///{path}", registrations=sqlite_rows)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def gunicorn(wsgi: str, *, database_url: str, workdir: Path, ready_path: str,
             workers: int = 4, threads: int = 8) -> Iterator[tuple[str, Path]]:
    """Serve ``wsgi`` (``module:application``) until the block ends; yields (base URL, log)."""
    port = _free_port()
    log = workdir / "gunicorn.log"
    output = workdir / "gunicorn.out"
    env = {k: v for k, v in os.environ.items()
           if k not in ("EMAIL_HOST", "SIHUB_CACHE_URL", "PYTEST_XDIST_WORKER")}
    env.update({"SIHUB_ENV": "test", "DATABASE_URL": database_url,
                "DJANGO_SETTINGS_MODULE": "sihub.settings", "SIHUB_TASKS_BACKEND": "immediate",
                "SIHUB_LOG_LEVEL": "WARNING"})
    command = [sys.executable, "-m", "gunicorn", wsgi, "--bind", f"127.0.0.1:{port}",
               "--workers", str(workers), "--threads", str(threads), "--preload",
               "--timeout", "60", "--graceful-timeout", "2", "--log-level", "warning",
               "--error-logfile", str(log)]
    with open(output, "wb") as out:  # start-up errors, and the console e-mail backend's mails
        process = subprocess.Popen(command, cwd=BASE_DIR, env=env,  # nosec B603 - fixed command
                                   stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_ready(process, base + ready_path, output)
        yield base, log
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


def _wait_until_ready(process: subprocess.Popen[bytes], url: str, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited ({process.returncode}):\n{tail(log)}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer {url} in {START_TIMEOUT} s:\n{tail(log)}")


def tail(log: Path, lines: int = 40) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def post_forms_in_parallel(base: str, path: str, forms: list[dict[str, str]]) -> list[int | str]:
    """Each form from its own client and connection, all sent at the same moment.

    The form is loaded once for a CSRF cookie and token (Django ties the
    token to the cookie, not to a session, so every client may carry the
    pair); then all clients wait at a barrier and post together. Returns the
    status codes (or the exception names) in the order of ``forms``.
    """
    page = httpx.get(base + path, timeout=REQUEST_TIMEOUT)
    match = _CSRF.search(page.text)
    if page.status_code != 200 or match is None or "csrftoken" not in page.cookies:
        raise RuntimeError(f"The form did not load: {page.status_code}")
    headers = {"Cookie": f"csrftoken={page.cookies['csrftoken']}",
               "Content-Type": "application/x-www-form-urlencoded"}
    host, port = base.removeprefix("http://").split(":")
    barrier = threading.Barrier(len(forms))
    results: list[int | str] = ["not run"] * len(forms)

    def client(n: int) -> None:
        # http.client, not httpx: a client per thread must be cheap to make
        # (httpx builds an SSL context for each), or the "parallel" posts trickle.
        http = HTTPConnection(host, int(port), timeout=REQUEST_TIMEOUT)
        try:
            body = urlencode({**forms[n], "csrfmiddlewaretoken": match.group(1)})
            http.connect()
            barrier.wait(timeout=REQUEST_TIMEOUT)
            http.request("POST", path, body=body, headers=headers)
            response = http.getresponse()
            response.read()
            results[n] = response.status
        except Exception as exc:  # noqa: BLE001 - reported per client, asserted by the test
            results[n] = type(exc).__name__
        finally:
            http.close()

    workers = [threading.Thread(target=client, args=(n,)) for n in range(len(forms))]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=REQUEST_TIMEOUT * 2)
    return results


@contextmanager
def workdir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="sihub-concurrency-") as name:
        yield Path(name)
