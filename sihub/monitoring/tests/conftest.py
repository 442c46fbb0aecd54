"""Fixtures: local HTTP servers, stopped after each test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from sihub.monitoring.tests.servers import LocalServer


@pytest.fixture
def server() -> Iterator[LocalServer]:
    local = LocalServer()
    yield local
    local.close()


@pytest.fixture
def make_server() -> Iterator[Callable[..., LocalServer]]:
    started: list[LocalServer] = []

    def make(host: str = "127.0.0.1", port: int = 0, **options: Any) -> LocalServer:
        local = LocalServer(host, port, **options)
        started.append(local)
        return local

    yield make
    for local in started:
        local.close()
