"""The fetcher against real HTTP servers on loopback addresses.

Tests cannot reach the internet, so a server on 127.0.0.2 plays the public
host: ``allowed_networks=["127.0.0.2/32"]`` opens that one address, while
127.0.0.1 — where a second, "internal" server listens on the same port —
stays refused as loopback. That is the shape of a real attack: an allowed host
that redirects, or re-resolves, to an internal one.
"""

from __future__ import annotations

import time
import tracemalloc
import zlib
from collections.abc import Callable, Iterator, Sequence

import pytest

from sihub.monitoring.safe_fetch import FetchFailed, FetchRefused, fetch
from sihub.monitoring.tests.servers import Handler, LocalServer, fixture_bytes, respond

FEED = fixture_bytes("rss_en.xml")
PUBLIC = ["127.0.0.2/32"]  # see the module docstring
MiB = 1024 * 1024


def serve(body: bytes, content_type: str = "application/rss+xml", **headers: str) -> Callable:
    def route(handler: Handler) -> None:
        respond(handler, 200, body, content_type=content_type, headers=headers or None)

    return route


def redirect(location: str, status: int = 302) -> Callable:
    def route(handler: Handler) -> None:
        respond(handler, status, content_type="", headers={"Location": location})

    return route


class Resolver:
    """Gives each answer in turn (the last one again when they run out)."""

    def __init__(self, *answers: list[str], names: dict[str, list[str]] | None = None) -> None:
        self.answers = list(answers)
        self.names = names or {}
        self.asked: list[str] = []

    def __call__(self, host: str, port: int) -> Sequence[str]:
        self.asked.append(host)
        if host in self.names:
            return self.names[host]
        return self.answers[min(len(self.asked), len(self.answers)) - 1]


@pytest.fixture
def public(make_server: Callable[..., LocalServer]) -> LocalServer:
    return make_server("127.0.0.2")


@pytest.fixture
def internal(make_server: Callable[..., LocalServer], public: LocalServer) -> LocalServer:
    internal = make_server("127.0.0.1", public.port)
    internal.routes["/feed"] = serve(b"<rss>internal secrets</rss>")
    return internal


# --- Plain fetching -------------------------------------------------------------


def test_it_fetches_and_says_who_it_is(server: LocalServer) -> None:
    server.routes["/feed"] = serve(FEED, ETag='"abc"')
    result = fetch(server.url("/feed"), allow_private=True,
                   user_agent="sihub-feed-fetcher/1.0 (+https://sihub.example)")
    assert result.status == 200
    assert result.content == FEED
    assert result.final_url == server.url("/feed")
    assert result.etag == '"abc"'
    assert result.not_modified is False
    assert result.remote_address == "127.0.0.1"
    headers = server.requests[0][1]
    assert headers["user-agent"] == "sihub-feed-fetcher/1.0 (+https://sihub.example)"
    assert headers["host"] == f"127.0.0.1:{server.port}"
    assert headers["accept-encoding"] == "gzip, deflate"
    assert "application/rss+xml" in headers["accept"]


def test_it_refuses_loopback_without_sending_a_request(server: LocalServer) -> None:
    server.routes["/feed"] = serve(FEED)
    with pytest.raises(FetchRefused, match="loopback"):
        fetch(server.url("/feed"))
    assert server.requests == []


def test_it_reports_http_errors_with_their_status(server: LocalServer) -> None:
    with pytest.raises(FetchFailed, match="HTTP 404") as failed:
        fetch(server.url("/missing"), allow_private=True)
    assert failed.value.status == 404


def test_it_reports_a_closed_port() -> None:
    probe = LocalServer()
    url = probe.url("/feed")
    probe.close()  # nothing listens there now
    with pytest.raises(FetchFailed, match="cannot connect"):
        fetch(url, allow_private=True, timeout=2)


# --- Addresses: what is connected to --------------------------------------------


def test_it_sends_the_name_but_connects_to_the_vetted_address(public: LocalServer) -> None:
    public.routes["/feed"] = serve(FEED)
    resolver = Resolver(["127.0.0.2"])
    result = fetch(f"http://feeds.test:{public.port}/feed", allowed_networks=PUBLIC,
                   resolver=resolver)
    assert result.content == FEED
    assert result.final_url == f"http://feeds.test:{public.port}/feed"
    assert result.remote_address == "127.0.0.2"
    assert public.requests[0][1]["host"] == f"feeds.test:{public.port}"


def test_dns_rebinding_cannot_move_the_connection(
    public: LocalServer, internal: LocalServer
) -> None:
    """The first answer is allowed, a second lookup would say 127.0.0.1: there is none."""
    public.routes["/feed"] = serve(FEED)
    resolver = Resolver(["127.0.0.2"], ["127.0.0.1"])
    result = fetch(f"http://rebind.test:{public.port}/feed", allowed_networks=PUBLIC,
                   resolver=resolver)
    assert result.content == FEED
    assert result.remote_address == "127.0.0.2"
    assert resolver.asked == ["rebind.test"]  # the HTTP client never resolved the name
    assert internal.requests == []


def test_dns_rebinding_between_redirects_is_caught_on_the_next_hop(
    public: LocalServer, internal: LocalServer
) -> None:
    public.routes["/go"] = redirect("/feed")
    public.routes["/feed"] = serve(FEED)
    resolver = Resolver(["127.0.0.2"], ["127.0.0.1"])
    with pytest.raises(FetchRefused, match="rebind.test: 127.0.0.1 is a loopback"):
        fetch(f"http://rebind.test:{public.port}/go", allowed_networks=PUBLIC,
              resolver=resolver)
    assert resolver.asked == ["rebind.test", "rebind.test"]
    assert public.paths == ["/go"]
    assert internal.requests == []


# --- Redirects ------------------------------------------------------------------


@pytest.fixture
def chain(server: LocalServer) -> LocalServer:
    """/r/N redirects to /r/N-1 (alternating absolute and relative), /r/0 is the feed."""
    server.routes["/r/0"] = serve(FEED)
    for n in range(1, 8):
        location = server.url(f"/r/{n - 1}") if n % 2 else f"/r/{n - 1}"
        server.routes[f"/r/{n}"] = redirect(location, status=(301, 302, 303, 307, 308)[n % 5])
    return server


def test_it_follows_up_to_five_redirects(chain: LocalServer) -> None:
    result = fetch(chain.url("/r/5"), allow_private=True)
    assert result.content == FEED
    assert result.final_url == chain.url("/r/0")
    assert chain.paths == ["/r/5", "/r/4", "/r/3", "/r/2", "/r/1", "/r/0"]


def test_it_stops_after_five_redirects(chain: LocalServer) -> None:
    with pytest.raises(FetchFailed, match="more than 5 redirects"):
        fetch(chain.url("/r/6"), allow_private=True)
    assert "/r/0" not in chain.paths
    assert len(chain.paths) == 6


def test_it_fails_on_a_redirect_without_location(server: LocalServer) -> None:
    server.routes["/go"] = lambda h: respond(h, 302, content_type="")
    with pytest.raises(FetchFailed, match="without a Location"):
        fetch(server.url("/go"), allow_private=True)


@pytest.mark.parametrize(
    ("location", "reason"),
    [
        ("http://127.0.0.1:{port}/feed", "127.0.0.1 is a loopback address"),
        ("http://localhost:{port}/feed", "localhost: 127.0.0.1 is a loopback"),
        ("http://[::1]:{port}/feed", "::1 is a loopback address"),
        ("http://[::ffff:127.0.0.1]:{port}/feed", "IPv4-mapped"),
        ("http://2130706433:{port}/feed", "ambiguous numeric"),
        ("http://0x7f.1:{port}/feed", "ambiguous numeric"),
        ("http://intranet.test/feed", "10.0.0.5 is a private address"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("file:///etc/passwd", "only http and https"),
        ("gopher://127.0.0.1:{port}/", "only http and https"),
    ],
)
def test_it_refuses_a_redirect_from_an_allowed_host_to_an_internal_one(
    public: LocalServer, internal: LocalServer, location: str, reason: str
) -> None:
    public.routes["/go"] = redirect(location.format(port=public.port))
    resolver = Resolver(["127.0.0.2"], names={"localhost": ["127.0.0.1", "::1"],
                                              "intranet.test": ["10.0.0.5"]})
    with pytest.raises(FetchRefused, match=reason.replace("[", r"\[")):
        fetch(f"http://feeds.test:{public.port}/go", allowed_networks=PUBLIC, resolver=resolver)
    assert public.paths == ["/go"]
    assert internal.requests == []


def test_it_follows_a_redirect_to_a_private_address_when_private_networks_are_allowed(
    public: LocalServer, internal: LocalServer
) -> None:
    public.routes["/go"] = redirect(internal.url("/feed"))
    result = fetch(public.url("/go"), allow_private=True)
    assert result.content == b"<rss>internal secrets</rss>"
    assert result.remote_address == "127.0.0.1"


# --- Conditional GET -----------------------------------------------------------

LAST_MODIFIED = "Mon, 02 Mar 2026 10:00:00 GMT"


@pytest.fixture
def conditional(server: LocalServer) -> LocalServer:
    def route(handler: Handler) -> None:
        if (handler.headers.get("If-None-Match") == '"v1"'
                or handler.headers.get("If-Modified-Since") == LAST_MODIFIED):
            respond(handler, 304, content_type="", headers={"ETag": '"v1"'})
        else:
            respond(handler, 200, FEED,
                    headers={"ETag": '"v1"', "Last-Modified": LAST_MODIFIED})

    server.routes["/feed"] = route
    return server


def test_it_remembers_validators_and_gets_304_with_them(conditional: LocalServer) -> None:
    first = fetch(conditional.url("/feed"), allow_private=True)
    assert (first.etag, first.last_modified) == ('"v1"', LAST_MODIFIED)
    again = fetch(conditional.url("/feed"), etag=first.etag, allow_private=True)
    assert again.not_modified is True
    assert again.status == 304
    assert again.content == b""
    assert again.etag == '"v1"'
    assert conditional.requests[1][1]["if-none-match"] == '"v1"'


def test_it_sends_if_modified_since(conditional: LocalServer) -> None:
    result = fetch(conditional.url("/feed"), last_modified=LAST_MODIFIED, allow_private=True)
    assert result.not_modified is True
    assert result.last_modified == LAST_MODIFIED  # kept from the request
    assert conditional.requests[0][1]["if-modified-since"] == LAST_MODIFIED


# --- Size limits ----------------------------------------------------------------


def _compressed(data_size: int, wbits: int, *, chunk: bytes = bytes(MiB)) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, wbits)
    parts = [compressor.compress(chunk) for _ in range(data_size // len(chunk))]
    return b"".join([*parts, compressor.flush()])


GZIP = 16 + zlib.MAX_WBITS
RAW_DEFLATE = -zlib.MAX_WBITS


def test_it_refuses_a_body_announced_as_too_large_before_reading_it(server: LocalServer) -> None:
    def route(handler: Handler) -> None:
        respond(handler, 200, b"", headers={"Content-Length": str(10 * MiB)})
        server.stopping.wait(5)  # never sends the body

    server.routes["/big"] = route
    started = time.monotonic()
    with pytest.raises(FetchFailed, match="larger than 1 MiB"):
        fetch(server.url("/big"), allow_private=True, max_bytes=MiB, timeout=5)
    assert time.monotonic() - started < 1


def test_it_stops_reading_an_endless_body(server: LocalServer) -> None:
    def route(handler: Handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/rss+xml")
        handler.end_headers()
        while not server.stopping.is_set():
            handler.wfile.write(b"<item>" + b"x" * 65536)

    server.routes["/endless"] = route
    with pytest.raises(FetchFailed, match="larger than 1 MiB"):
        fetch(server.url("/endless"), allow_private=True, max_bytes=MiB)


@pytest.mark.parametrize(("coding", "wbits"), [("gzip", GZIP), ("deflate", RAW_DEFLATE)])
def test_it_stops_a_decompression_bomb_without_inflating_it(
    server: LocalServer, coding: str, wbits: int
) -> None:
    bomb = _compressed(64 * MiB, wbits)
    assert len(bomb) < 100 * 1024
    server.routes["/bomb"] = serve(bomb, **{"Content-Encoding": coding})
    tracemalloc.start()
    try:
        with pytest.raises(FetchFailed, match="larger than 1 MiB after decoding"):
            fetch(server.url("/bomb"), allow_private=True, max_bytes=MiB)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # Decoding the bomb in one go would need 64 MiB; bounded steps need ~1.
    assert peak < 8 * MiB


@pytest.mark.parametrize(
    ("coding", "encode"),
    [
        ("gzip", lambda data: _compressed(len(data), GZIP, chunk=data)),
        ("x-gzip", lambda data: _compressed(len(data), GZIP, chunk=data)),
        ("deflate", lambda data: _compressed(len(data), zlib.MAX_WBITS, chunk=data)),
        ("deflate", lambda data: _compressed(len(data), RAW_DEFLATE, chunk=data)),
        # Two gzip members, one after the other, are one body.
        ("gzip", lambda data: _compressed(len(data[:500]), GZIP, chunk=data[:500])
         + _compressed(len(data[500:]), GZIP, chunk=data[500:])),
    ],
)
def test_it_decodes_compressed_feeds(
    server: LocalServer, coding: str, encode: Callable[[bytes], bytes]
) -> None:
    server.routes["/feed"] = serve(encode(FEED), **{"Content-Encoding": coding})
    assert fetch(server.url("/feed"), allow_private=True).content == FEED


def test_it_refuses_content_codings_it_cannot_bound(server: LocalServer) -> None:
    server.routes["/feed"] = serve(b"\x1b\x00", **{"Content-Encoding": "br"})
    with pytest.raises(FetchFailed, match="content coding 'br'"):
        fetch(server.url("/feed"), allow_private=True)


def test_it_reports_a_corrupt_compressed_body(server: LocalServer) -> None:
    server.routes["/feed"] = serve(b"this is not gzip", **{"Content-Encoding": "gzip"})
    with pytest.raises(FetchFailed, match="gzip body is corrupt"):
        fetch(server.url("/feed"), allow_private=True)


# --- The deadline ---------------------------------------------------------------


@pytest.fixture
def slow(server: LocalServer) -> Iterator[LocalServer]:
    def drip_body(handler: Handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/rss+xml")
        handler.end_headers()
        while not server.stopping.is_set():
            handler.wfile.write(b" ")  # one byte keeps every read inside its timeout
            time.sleep(0.05)

    def drip_headers(handler: Handler) -> None:
        handler.wfile.write(b"HTTP/1.0 200 OK\r\n")
        while not server.stopping.is_set():
            handler.wfile.write(b"X-Slow: yes\r\n")
            time.sleep(0.05)

    server.routes["/drip-body"] = drip_body
    server.routes["/drip-headers"] = drip_headers
    server.routes["/silent"] = lambda handler: server.stopping.wait(10)
    yield server


@pytest.mark.parametrize("path", ["/drip-body", "/drip-headers", "/silent"])
def test_it_gives_up_at_the_deadline(slow: LocalServer, path: str) -> None:
    started = time.monotonic()
    with pytest.raises(FetchFailed, match="took longer than 0.6 s"):
        fetch(slow.url(path), allow_private=True, timeout=0.6)
    assert time.monotonic() - started < 1.6


def test_the_deadline_covers_all_redirects_together(server: LocalServer) -> None:
    def slow_redirect(handler: Handler) -> None:
        time.sleep(0.3)  # each hop alone is well inside the deadline
        respond(handler, 302, content_type="", headers={"Location": "/loop"})

    server.routes["/loop"] = slow_redirect
    started = time.monotonic()
    with pytest.raises(FetchFailed, match="took longer than 1 s"):
        fetch(server.url("/loop"), allow_private=True, timeout=1, max_redirects=10)
    assert time.monotonic() - started < 1.8


# --- Content types --------------------------------------------------------------


@pytest.mark.parametrize(
    "content_type",
    [
        "application/rss+xml",
        "application/atom+xml; charset=utf-8",
        "application/feed+json",
        "application/json",
        "text/xml",
        "text/html; charset=utf-8",  # misconfigured servers; the parser decides
        "application/octet-stream",
        "",
    ],
)
def test_it_accepts_the_types_feeds_are_served_as(server: LocalServer, content_type: str) -> None:
    server.routes["/feed"] = serve(FEED, content_type=content_type)
    result = fetch(server.url("/feed"), allow_private=True)
    assert result.content == FEED
    assert result.content_type == content_type


@pytest.mark.parametrize(
    "content_type", ["image/png", "video/mp4", "audio/mpeg", "application/pdf", "application/zip"]
)
def test_it_refuses_types_that_are_never_feeds(server: LocalServer, content_type: str) -> None:
    server.routes["/feed"] = serve(b"\x89PNG...", content_type=content_type)
    with pytest.raises(FetchFailed, match=f"sent {content_type}, which is not a feed"):
        fetch(server.url("/feed"), allow_private=True)
