"""`manage.py fetch_feed URL`: JSON lines on stdout, one-line reasons and exit codes."""

from __future__ import annotations

import json
import os
import subprocess  # nosec B404
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.test import override_settings

from sihub.env import env_networks
from sihub.monitoring.management.commands.fetch_feed import (
    EXIT_FAILED,
    EXIT_NOT_A_FEED,
    EXIT_REFUSED,
)
from sihub.monitoring.tests.servers import LocalServer, fixture_bytes, respond

ROOT = Path(__file__).resolve().parents[3]


def run(url: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("fetch_feed", url, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def feeds(server: LocalServer) -> LocalServer:
    server.routes["/rss"] = lambda h: respond(h, 200, fixture_bytes("rss_sv.xml"))
    server.routes["/json"] = lambda h: respond(
        h, 200, fixture_bytes("feed_en.json"), content_type="application/feed+json")
    server.routes["/page"] = lambda h: respond(
        h, 200, b"<html><body>Hello</body></html>", content_type="text/html")
    return server


@override_settings(SIHUB_FEEDS_ALLOW_PRIVATE_NETWORKS=True,
                   WAGTAILADMIN_BASE_URL="https://sihub.example")
def test_it_prints_one_json_line_per_item(feeds: LocalServer) -> None:
    out, err = run(feeds.url("/rss"))
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["title"] for line in lines] == [
        "Malmö startar välfärdslabb för unga",
        "Ny rapport: sociala investeringar i regionerna",
        "Sammanfattning utan länk",
    ]
    first = lines[0]
    assert first["guid"] == "nyheter-2026-0301"
    assert first["link"] == feeds.url("/2026/03/valfardslabb")
    assert first["published"] == "2026-03-02T09:00:00+00:00"
    assert first["summary"].startswith("Staden bjuder in")
    assert first["language"] == "sv"
    assert err.strip() == f"3 items from {feeds.url('/rss')} (rss)"
    user_agent = feeds.requests[0][1]["user-agent"]
    assert user_agent == "sihub-feed-fetcher/1.0 (+https://sihub.example)"


@override_settings(SIHUB_FEEDS_ALLOW_PRIVATE_NETWORKS=True)
def test_it_prints_json_feed_items_too(feeds: LocalServer) -> None:
    out, _ = run(feeds.url("/json"))
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["guid"] for line in lines] == [
        "https://watch.example.org/2026/03/commons", "https://watch.example.org/2026/02/no-id"]
    assert lines[1]["published"] == "2026-02-20T10:00:00+00:00"


def test_it_refuses_private_addresses_by_default(feeds: LocalServer) -> None:
    with pytest.raises(CommandError) as error:
        run(feeds.url("/rss"))
    assert error.value.returncode == EXIT_REFUSED
    assert str(error.value) == (
        "Refused: 127.0.0.1 is a loopback address, and private networks are not allowed")
    assert feeds.requests == []
    with pytest.raises(CommandError, match="only http and https URLs are fetched, not file:"):
        run("file:///etc/passwd")


@override_settings(SIHUB_FEEDS_ALLOWED_NETWORKS=["127.0.0.1/32"])
def test_the_allowed_networks_setting_opens_one_network(feeds: LocalServer) -> None:
    out, _ = run(feeds.url("/rss"))
    assert len(out.splitlines()) == 3


@override_settings(SIHUB_FEEDS_ALLOW_PRIVATE_NETWORKS=True)
def test_it_exits_with_the_failure_reason(feeds: LocalServer) -> None:
    with pytest.raises(CommandError) as error:
        run(feeds.url("/missing"))
    assert error.value.returncode == EXIT_FAILED
    assert str(error.value).startswith("Fetch failed: ")
    assert "HTTP 404" in str(error.value)


@override_settings(SIHUB_FEEDS_ALLOW_PRIVATE_NETWORKS=True)
def test_it_exits_when_the_document_is_not_a_feed(feeds: LocalServer) -> None:
    with pytest.raises(CommandError) as error:
        run(feeds.url("/page"))
    assert error.value.returncode == EXIT_NOT_A_FEED
    assert str(error.value).startswith("Not a feed: not an RSS, Atom or JSON feed")


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    # The feed settings come only from ``env``, whatever the calling shell has.
    environ = {k: v for k, v in os.environ.items() if not k.startswith("SIHUB_FEEDS_")}
    environ.update(SIHUB_ENV="test", **env)
    # A fixed argv (this interpreter, this checkout's manage.py), no shell.
    return subprocess.run(  # nosec B603
        [sys.executable, str(ROOT / "manage.py"), "fetch_feed", *args],
        capture_output=True, text=True, env=environ, cwd=ROOT, timeout=60, check=False,
    )


def test_the_real_command_line_exits_non_zero_with_one_line_on_stderr(
    feeds: LocalServer,
) -> None:
    refused = _manage(feeds.url("/rss"))
    assert refused.returncode == EXIT_REFUSED
    assert refused.stdout == ""
    assert refused.stderr.splitlines() == [
        "CommandError: Refused: 127.0.0.1 is a loopback address, "
        "and private networks are not allowed"]
    assert feeds.requests == []


def test_the_real_command_line_prints_json_lines(feeds: LocalServer) -> None:
    done = _manage(feeds.url("/rss"), SIHUB_FEEDS_ALLOW_PRIVATE_NETWORKS="1")
    assert done.returncode == 0, done.stderr
    assert [json.loads(line)["guid"] for line in done.stdout.splitlines()][0] == (
        "nyheter-2026-0301")


def test_the_allowed_networks_setting_must_be_networks() -> None:
    assert env_networks("N", [], environ={"N": "10.1.2.0/24, fd00:1::/64"}) == [
        "10.1.2.0/24", "fd00:1::/64"]
    with pytest.raises(ImproperlyConfigured, match="N must list IP networks"):
        env_networks("N", [], environ={"N": "10.1.2.3/24"})  # host bits set: a typo
    with pytest.raises(ImproperlyConfigured, match="N must list IP networks"):
        env_networks("N", [], environ={"N": "intranet"})
