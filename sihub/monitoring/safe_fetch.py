"""Fetch a URL that staff typed, without letting it reach inside our network.

Threat model
------------
Feed URLs are typed by staff, pasted from e-mails and web pages, and the
server that answers may redirect anywhere: we treat every URL as hostile. The
fetcher runs on a machine that can reach what the public cannot — the
database, Redis, admin interfaces on localhost, the intranet, the cloud
metadata service at 169.254.169.254. A URL that makes it request one of those
(server-side request forgery) could read or change them. So:

1. Only http and https. The host is parsed strictly: numeric spellings that C
   resolvers read as IPv4 ("2130706433", "0177.0.0.1", "0x7f.1", "127.1"),
   user-info ("http://good.example@127.0.0.1/"), percent-encoded or empty
   hosts and IPv6 zone ids are refused, so the host we check is the host the
   request goes to.
2. We resolve the name ourselves and refuse the URL if *any* of its addresses
   is loopback, private, link-local, carrier-grade NAT, unique-local,
   site-local, multicast, unspecified, broadcast, reserved or otherwise not
   public (`address_refusal`). IPv6 forms that carry an IPv4 address are
   judged by that address (6to4, Teredo, NAT64) or refused outright (mapped,
   compatible, translated).
3. The HTTP client never resolves a name. Its network backend connects only
   to the addresses vetted for that request, then checks the peer address of
   the socket it got; Host header, TLS SNI and certificate check still use the
   name. A DNS answer that changes between our check and the connection (DNS
   rebinding) therefore cannot move the connection somewhere else.
4. Redirects are followed here, at most ``max_redirects``, and every hop goes
   through 1-3 again.
5. Limits: one overall deadline (a watchdog shuts the socket when it passes,
   so a slow drip of bytes cannot hold a worker; name lookup is bounded too);
   the body is counted after decoding and decoded in bounded steps, so a gzip
   bomb never expands past the limit, not even in memory; at most one content
   coding (gzip or deflate).
6. No proxies or certificates from the environment's proxy settings, no
   cookies, no credentials, a new connection for every hop.

``allow_private`` (SIHUB_FEEDS_ALLOW_PRIVATE_NETWORKS) lifts the block on
loopback and private ranges for tests and intranets; ``allowed_networks``
lifts it for a few named networks only. Link-local addresses (cloud metadata),
multicast, unspecified, broadcast and IPv4-mapped forms stay refused either
way: no feed lives there.

Not covered: a public host that is itself an open proxy into somewhere else;
plain http is allowed (feeds are public documents, and TLS is verified when
used).

This module has no Django imports: the Django layer (``fetching.py``) reads
the settings and passes them in.
"""

from __future__ import annotations

import contextlib
import ipaddress
import re
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import quote, urljoin, urlsplit

import httpcore
import httpx
import idna  # installed with httpx; IDNA 2008 with UTS 46 mapping, as browsers do

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int], Sequence[str]]

DEFAULT_USER_AGENT = "sihub-feed-fetcher/1.0"
TIMEOUT = 20.0
MAX_BYTES = 5 * 1024 * 1024
MAX_REDIRECTS = 5
MAX_URL_LENGTH = 2048
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, "
    "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.9, */*;q=0.1"
)
# Only codings we can decode in bounded steps (brotli is not installed, and we
# never ask for it).
ACCEPT_ENCODING = "gzip, deflate"
DEFAULT_PORTS = {"http": 80, "https": 443}
_REDIRECT_STATUSES = {301, 302, 303, 307, 308}
# Refused on the headers, before any of the body is read: these are never feeds.
_NOT_FEED_TYPES = ("image/", "audio/", "video/", "font/", "model/", "multipart/")
_NOT_FEED_MIMES = {"application/pdf", "application/zip", "application/gzip", "application/x-gzip"}


class FetchError(Exception):
    """Base of the two outcomes below; ``reason`` is one human-readable line."""

    def __init__(self, reason: str, *, status: int | None = None) -> None:
        self.reason = _one_line(reason)
        self.status = status
        super().__init__(self.reason)


class FetchRefused(FetchError):
    """The URL, or an address it leads to, is not allowed; it was not requested."""


class FetchFailed(FetchError):
    """The URL was allowed but the fetch did not succeed (network, HTTP status, limits)."""


@dataclass(frozen=True)
class FetchResult:
    url: str  # as asked for
    final_url: str  # after redirects
    status: int
    content: bytes  # decoded; empty when not_modified
    headers: Mapping[str, str] = field(default_factory=dict)  # lower-case names
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    remote_address: str = ""  # the address actually connected to

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")


# --- URLs ---------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """One request's destination, parsed strictly from a URL."""

    scheme: str
    host: str  # lower-case ASCII name without trailing dot, or an IP address
    port: int
    path: str  # path and query, percent-encoded, for the request line
    ip: IPAddress | None  # set when the URL names an address instead of a host

    @property
    def host_header(self) -> str:
        host = f"[{self.host}]" if self.ip is not None and self.ip.version == 6 else self.host
        return host if self.port == DEFAULT_PORTS[self.scheme] else f"{host}:{self.port}"

    @property
    def url(self) -> str:
        return f"{self.scheme}://{self.host_header}{self.path}"


_NETLOC = re.compile(
    r"(?:\[(?P<v6>[0-9A-Fa-f:.]+)\]|(?P<name>[^\[\]:@/?#%\\]+))(?::(?P<port>[0-9]{1,5}))?"
)
# WHATWG URL parsing (and C's inet_aton) read a host whose last label is a
# number as an IPv4 address, in decimal, octal or hex and with 1-4 parts.
_NUMERIC_LABEL = re.compile(r"0[xX][0-9A-Fa-f]*|[0-9]+")
_NAME_LABEL = re.compile(r"(?!-)[a-z0-9_-]{1,63}(?<!-)")
_PATH_SAFE = "/:@!$&'()*+,;=%~"


def parse_target(url: str) -> Target:
    """The strictly parsed destination of ``url``; raises FetchRefused."""
    url = url.strip()
    if len(url) > MAX_URL_LENGTH:
        raise FetchRefused(f"the URL is longer than {MAX_URL_LENGTH} characters")
    if any(ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7F for ch in url) or "\\" in url:
        raise FetchRefused("the URL contains spaces, control characters or backslashes")
    try:
        parts = urlsplit(url)
    except ValueError:
        raise FetchRefused("the URL cannot be read") from None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        shown = f"{scheme}:" if scheme else "a URL without a scheme"
        raise FetchRefused(f"only http and https URLs are fetched, not {shown}")
    netloc = parts.netloc
    if not netloc:
        raise FetchRefused("the URL has no host")
    if "@" in netloc:
        raise FetchRefused("URLs with a user name or password are not fetched")
    match = _NETLOC.fullmatch(netloc)
    if match is None:
        raise FetchRefused(f"{netloc!r} is not a host name or address that can be fetched")
    port = int(match["port"]) if match["port"] else DEFAULT_PORTS[scheme]
    if not 0 < port < 65536:
        raise FetchRefused(f"port {port} is out of range")
    host, ip = _parse_host(match["v6"], match["name"])
    path = quote(parts.path or "/", safe=_PATH_SAFE)
    if parts.query:
        path += "?" + quote(parts.query, safe=_PATH_SAFE + "?")
    return Target(scheme=scheme, host=host, port=port, path=path, ip=ip)


def _parse_host(v6: str | None, name: str | None) -> tuple[str, IPAddress | None]:
    if v6 is not None:
        try:
            ip6 = ipaddress.IPv6Address(v6)
        except ValueError:
            raise FetchRefused(f"[{v6}] is not an IPv6 address") from None
        return str(ip6), ip6
    assert name is not None  # the pattern matched one of the two groups
    if name.endswith("."):  # a fully qualified name; the dot adds nothing
        name = name[:-1]
    if not name:
        raise FetchRefused("the URL has no host")
    if name.isascii():
        ascii_name = name.lower()
    else:
        try:
            ascii_name = idna.encode(name, uts46=True).decode("ascii")
        except idna.IDNAError:
            raise FetchRefused(f"{name!r} is not a valid international host name") from None
    labels = ascii_name.split(".")
    if _NUMERIC_LABEL.fullmatch(labels[-1]):
        try:
            # Only four decimal parts without leading zeros (Python >= 3.9.5).
            ip4 = ipaddress.IPv4Address(ascii_name)
        except ValueError:
            raise FetchRefused(
                f"{name!r} is an ambiguous numeric address: write IPv4 addresses as "
                "four decimal numbers"
            ) from None
        return str(ip4), ip4
    if len(ascii_name) > 253 or not all(_NAME_LABEL.fullmatch(label) for label in labels):
        raise FetchRefused(f"{name!r} is not a valid host name")
    return ascii_name, None


# --- Addresses ----------------------------------------------------------------

_net = ipaddress.ip_network
_CGNAT = _net("100.64.0.0/10")
_RFC1918 = (_net("10.0.0.0/8"), _net("172.16.0.0/12"), _net("192.168.0.0/16"))
_BROADCAST = ipaddress.IPv4Address("255.255.255.255")
_UNIQUE_LOCAL = _net("fc00::/7")
_NAT64 = _net("64:ff9b::/96")  # the well-known prefix: last 32 bits are the IPv4 address
_NAT64_LOCAL = _net("64:ff9b:1::/48")
_V4_COMPATIBLE = _net("::/96")  # deprecated ::a.b.c.d (includes :: and ::1, checked first)
_V4_TRANSLATED = _net("::ffff:0:0:0/96")  # SIIT ::ffff:0:a.b.c.d


def address_refusal(
    ip: IPAddress, *, allow_private: bool = False, allowed_networks: Iterable[Network] = ()
) -> str | None:
    """Why connecting to ``ip`` is refused, or None when it is allowed.

    The explicit networks matter: Python's ``is_global``/``is_private`` differ
    between versions and miss some ranges (e.g. fec0::/10, ::ffff:0:0:0/96).
    """
    allowed_networks = tuple(allowed_networks)
    if ip.version == 6:
        assert isinstance(ip, ipaddress.IPv6Address)
        if ip.is_unspecified or ip.is_loopback:
            pass  # reported below with the plain words
        elif ip.ipv4_mapped is not None or ip in _V4_COMPATIBLE or ip in _V4_TRANSLATED:
            ip4 = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
            return f"{ip} is an IPv4-mapped or IPv4-compatible IPv6 address (for {ip4})"
        else:
            embedded = _embedded_ipv4(ip)
            for kind, ip4 in embedded:
                reason = address_refusal(
                    ip4, allow_private=allow_private, allowed_networks=allowed_networks
                )
                if reason:
                    return f"{ip} is a {kind} address for {ip4}: {reason}"
            if embedded and ip.teredo is None:
                # 6to4 and NAT64 carrying a public address reach that address.
                return None
    if ip.is_unspecified:
        return f"{ip} is the unspecified address"
    if ip.is_multicast:
        return f"{ip} is a multicast address"
    if ip == _BROADCAST:
        return f"{ip} is the broadcast address"
    if ip.is_link_local:
        # Always refused: 169.254.169.254 is the cloud metadata service.
        return f"{ip} is a link-local address"
    kind = _private_kind(ip)
    if kind is not None:
        if allow_private or any(ip in net for net in allowed_networks):
            return None
        return f"{ip} is {kind}, and private networks are not allowed"
    if any(ip in net for net in allowed_networks):
        return None
    if ip.is_reserved:
        return f"{ip} is a reserved address"
    if not ip.is_global:
        return f"{ip} is a special-purpose address, not a public one"
    return None


def _private_kind(ip: IPAddress) -> str | None:
    if ip.is_loopback:
        return "a loopback address"
    if ip.version == 4:
        if ip in _CGNAT:
            return "a carrier-grade NAT address"
        if any(ip in net for net in _RFC1918):
            return "a private address"
        return None
    assert isinstance(ip, ipaddress.IPv6Address)
    if ip in _UNIQUE_LOCAL:
        return "a unique-local address"
    if ip.is_site_local:
        return "a site-local address"
    if ip in _NAT64_LOCAL:
        return "a local-use NAT64 address"
    return None


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> list[tuple[str, ipaddress.IPv4Address]]:
    found: list[tuple[str, ipaddress.IPv4Address]] = []
    if ip.sixtofour is not None:
        found.append(("6to4", ip.sixtofour))
    if ip.teredo is not None:
        server, client = ip.teredo
        found += [("Teredo", client), ("Teredo", server)]
    if ip in _NAT64:
        found.append(("NAT64", ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)))
    return found


def system_resolver(host: str, port: int) -> list[str]:
    """The system's answer for ``host``; the one place a name is ever resolved."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


@dataclass(frozen=True)
class _Policy:
    allow_private: bool
    allowed_networks: tuple[Network, ...]

    def refusal(self, ip: IPAddress) -> str | None:
        return address_refusal(
            ip, allow_private=self.allow_private, allowed_networks=self.allowed_networks
        )


def vet_url(
    url: str,
    *,
    allow_private: bool = False,
    allowed_networks: Iterable[str | Network] = (),
    resolver: Resolver = system_resolver,
    timeout: float = TIMEOUT,
) -> tuple[Target, list[IPAddress]]:
    """Parse ``url`` and resolve its host; the addresses a request may connect to.

    Raises FetchRefused when the URL or any address is not allowed, and
    FetchFailed when the name cannot be resolved in time.
    """
    policy = _Policy(allow_private, _networks(allowed_networks))
    return _vet(url, policy, resolver, _Deadline(timeout))


def _vet(
    url: str, policy: _Policy, resolver: Resolver, deadline: _Deadline
) -> tuple[Target, list[IPAddress]]:
    target = parse_target(url)
    if target.ip is not None:
        addresses: list[IPAddress] = [target.ip]
    else:
        addresses = _resolve(target, resolver, deadline)
    for ip in addresses:
        reason = policy.refusal(ip)
        if reason:
            if target.ip is None:
                reason = f"{target.host}: {reason}"
            raise FetchRefused(reason)
    return target, addresses


def _resolve(target: Target, resolver: Resolver, deadline: _Deadline) -> list[IPAddress]:
    # In a thread, so that a hanging lookup cannot outlast the deadline.
    answer: dict[str, object] = {}

    def lookup() -> None:
        try:
            answer["addresses"] = list(resolver(target.host, target.port))
        except (OSError, UnicodeError) as exc:
            answer["error"] = exc

    thread = threading.Thread(target=lookup, name="sihub-fetch-resolve", daemon=True)
    thread.start()
    thread.join(deadline.remaining())
    if thread.is_alive():
        raise deadline.error()
    if "error" in answer:
        raise FetchFailed(f"cannot resolve {target.host}: {answer['error']}")
    found = answer.get("addresses")
    assert isinstance(found, list)
    addresses: list[IPAddress] = []
    for raw in found:
        try:
            ip = ipaddress.ip_address(raw)
        except ValueError:
            raise FetchFailed(f"the resolver gave {raw!r} for {target.host}") from None
        if ip not in addresses:
            addresses.append(ip)
    if not addresses:
        raise FetchFailed(f"{target.host} has no address")
    return addresses


def _networks(values: Iterable[str | Network]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(value) for value in values)


# --- The deadline ---------------------------------------------------------------


class _Deadline:
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.at = time.monotonic() + seconds
        self.fired = threading.Event()  # the watchdog shut a socket

    def passed(self) -> bool:
        return self.fired.is_set() or time.monotonic() >= self.at

    def remaining(self) -> float:
        left = self.at - time.monotonic()
        if left <= 0:
            raise self.error()
        return left

    def error(self) -> FetchFailed:
        return FetchFailed(f"the fetch took longer than {self.seconds:g} s")


def _shut(sock: socket.socket, deadline: _Deadline) -> None:
    deadline.fired.set()
    # shutdown() wakes a recv() blocked in another thread; close() would not.
    # OSError: the client closed it already, so there is nothing left to stop.
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


# --- The connection -------------------------------------------------------------


class _VettedBackend(httpcore.NetworkBackend):
    """Connects only to the addresses vetted for one request; never resolves a name."""

    def __init__(
        self, target: Target, addresses: list[IPAddress], policy: _Policy, deadline: _Deadline
    ) -> None:
        self._inner = httpcore.SyncBackend()
        self._target = target
        self._addresses = addresses
        self._policy = policy
        self._deadline = deadline
        self._watchdogs: list[tuple[threading.Timer, socket.socket]] = []
        self.connected_to: IPAddress | None = None

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        if host.strip("[]").lower() != self._target.host or port != self._target.port:
            raise FetchRefused(f"the HTTP client asked for {host}, which was not vetted")
        failure: Exception | None = None
        for ip in self._addresses:
            wait = self._deadline.remaining()
            try:
                stream = self._inner.connect_tcp(
                    str(ip), port, timeout=min(wait, timeout or wait),
                    socket_options=socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc  # try the host's next address
                continue
            try:
                self._check_and_watch(stream, ip)
            except BaseException:
                stream.close()
                raise
            return stream
        raise httpcore.ConnectError(str(failure or "no address"))

    def _check_and_watch(self, stream: httpcore.NetworkStream, ip: IPAddress) -> None:
        sock: socket.socket = stream.get_extra_info("socket")
        peer = ipaddress.ip_address(sock.getpeername()[0])
        if peer != ip or self._policy.refusal(peer):
            raise FetchRefused(f"connected to {peer}, which is not the vetted address {ip}")
        self.connected_to = peer
        # A duplicate descriptor of the same connection: TLS wrapping detaches
        # the original socket object, but shutting the duplicate still ends it.
        killer = sock.dup()
        watchdog = threading.Timer(self._deadline.remaining(), _shut, (killer, self._deadline))
        watchdog.daemon = True
        self._watchdogs.append((watchdog, killer))
        watchdog.start()

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        raise FetchRefused("Unix sockets are never fetched")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)

    def close(self) -> None:
        for watchdog, killer in self._watchdogs:
            watchdog.cancel()
            killer.close()
        self._watchdogs.clear()


@lru_cache(maxsize=1)
def _ssl_context() -> ssl.SSLContext:
    return httpx.create_ssl_context()


# --- Fetching -------------------------------------------------------------------


def fetch(
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    allow_private: bool = False,
    allowed_networks: Iterable[str | Network] = (),
    timeout: float = TIMEOUT,
    max_bytes: int = MAX_BYTES,
    max_redirects: int = MAX_REDIRECTS,
    user_agent: str = DEFAULT_USER_AGENT,
    resolver: Resolver = system_resolver,
) -> FetchResult:
    """GET ``url`` under the rules in this module's docstring.

    ``etag``/``last_modified`` make the request conditional: a 304 answer gives
    ``not_modified=True`` and no content. ``timeout`` is the deadline for the
    whole fetch, redirects and name lookups included.
    """
    policy = _Policy(allow_private, _networks(allowed_networks))
    deadline = _Deadline(timeout)
    headers = [
        (b"User-Agent", user_agent.encode("latin-1", "replace")),
        (b"Accept", ACCEPT.encode()),
        (b"Accept-Encoding", ACCEPT_ENCODING.encode()),
        (b"Connection", b"close"),
    ]
    if etag:
        headers.append((b"If-None-Match", etag.encode("latin-1", "replace")))
    if last_modified:
        headers.append((b"If-Modified-Since", last_modified.encode("latin-1", "replace")))
    current = url
    for hop in range(max_redirects + 1):
        target, addresses = _vet(current, policy, resolver, deadline)
        outcome = _request(target, addresses, policy, deadline, headers, max_bytes)
        if isinstance(outcome, _Redirect):
            if hop == max_redirects:
                raise FetchFailed(f"more than {max_redirects} redirects", status=outcome.status)
            current = urljoin(target.url, outcome.location)
            continue
        return FetchResult(
            url=url,
            final_url=target.url,
            status=outcome.status,
            content=outcome.content,
            headers=outcome.headers,
            etag=outcome.headers.get("etag") or (etag if outcome.status == 304 else None),
            last_modified=outcome.headers.get("last-modified")
            or (last_modified if outcome.status == 304 else None),
            not_modified=outcome.status == 304,
            remote_address=outcome.remote_address,
        )
    raise AssertionError("unreachable: the loop returns or raises")  # pragma: no cover


@dataclass(frozen=True)
class _Redirect:
    status: int
    location: str


@dataclass(frozen=True)
class _Answer:
    status: int
    headers: dict[str, str]
    content: bytes
    remote_address: str


def _request(
    target: Target,
    addresses: list[IPAddress],
    policy: _Policy,
    deadline: _Deadline,
    headers: list[tuple[bytes, bytes]],
    max_bytes: int,
) -> _Redirect | _Answer:
    backend = _VettedBackend(target, addresses, policy, deadline)
    wait = deadline.remaining()
    request_url = httpcore.URL(
        scheme=target.scheme.encode(),
        host=target.host.encode(),
        port=target.port,
        target=target.path.encode("ascii"),
    )
    try:
        # A pool of one connection per hop: nothing is reused across hosts.
        with httpcore.ConnectionPool(
            ssl_context=_ssl_context(),
            network_backend=backend,
            max_connections=1,
            max_keepalive_connections=0,
            http1=True,
            http2=False,
            retries=0,
        ) as pool, pool.stream(
            "GET",
            request_url,
            headers=[(b"Host", target.host_header.encode()), *headers],
            extensions={"timeout": {"connect": wait, "read": wait, "write": wait, "pool": wait}},
        ) as response:
            outcome = _read(response, target, deadline, max_bytes)
            if isinstance(outcome, _Answer):
                return _Answer(
                    outcome.status, outcome.headers, outcome.content, str(backend.connected_to)
                )
            return outcome
    except httpcore.TimeoutException:
        raise deadline.error() from None
    except httpcore.ConnectError as exc:
        if deadline.passed():
            raise deadline.error() from None
        raise FetchFailed(f"cannot connect to {target.host_header}: {exc}") from None
    except (httpcore.ProtocolError, httpcore.NetworkError) as exc:
        if deadline.passed():
            raise deadline.error() from None
        raise FetchFailed(f"the connection to {target.host_header} failed: {exc}") from None
    finally:
        backend.close()


def _read(
    response: httpcore.Response, target: Target, deadline: _Deadline, max_bytes: int
) -> _Redirect | _Answer:
    status = response.status
    headers = _header_dict(response.headers)
    if status in _REDIRECT_STATUSES:
        location = headers.get("location", "")
        if not location:
            raise FetchFailed(f"HTTP {status} redirect without a Location", status=status)
        return _Redirect(status, location)
    if status == 304:
        return _Answer(status, headers, b"", "")
    if not 200 <= status < 300:
        reason = response.extensions.get("reason_phrase", b"").decode("latin-1")
        raise FetchFailed(f"{target.host_header} answered HTTP {status} {reason}", status=status)
    mime = headers.get("content-type", "").split(";")[0].strip().lower()
    if mime.startswith(_NOT_FEED_TYPES) or mime in _NOT_FEED_MIMES:
        raise FetchFailed(f"the server sent {mime}, which is not a feed", status=status)
    decoder = _BodyDecoder(headers.get("content-encoding", ""), max_bytes)
    length = headers.get("content-length", "")
    if decoder.identity and length.isdigit() and int(length) > max_bytes:
        raise FetchFailed(f"the body is larger than {_size(max_bytes)}", status=status)
    for chunk in response.iter_stream():
        decoder.feed(chunk)
        if deadline.passed():
            raise deadline.error()
    content = decoder.finish()
    if deadline.passed():  # the watchdog ended the body early; do not keep half of it
        raise deadline.error()
    return _Answer(status, headers, content, "")


def _header_dict(raw: Sequence[tuple[bytes, bytes]]) -> dict[str, str]:
    headers: dict[str, str] = {}
    for name, value in raw:
        key = name.decode("latin-1").lower()
        text = value.decode("latin-1").strip()
        headers[key] = f"{headers[key]}, {text}" if key in headers else text
    return headers


class _BodyDecoder:
    """Undo the content coding in steps that never produce more than the limit."""

    def __init__(self, coding: str, limit: int) -> None:
        self.coding = coding.strip().lower()
        self.limit = limit
        self.identity = self.coding in ("", "identity")
        self._raw_limit = limit + limit // 8 + 1024  # compressed is never much bigger
        self._raw = 0
        self._size = 0
        self._parts: list[bytes] = []
        self._started = False
        if self.identity:
            self._obj = None
        elif self.coding in ("gzip", "x-gzip"):
            self._obj = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif self.coding == "deflate":
            self._obj = zlib.decompressobj(zlib.MAX_WBITS)
        else:
            raise FetchFailed(f"the server used the content coding {self.coding!r}, "
                              "which is not supported")

    def feed(self, chunk: bytes) -> None:
        self._raw += len(chunk)
        if self._raw > self._raw_limit:
            raise FetchFailed(f"the body is larger than {_size(self.limit)}")
        if self._obj is None:
            self._emit(chunk)
            return
        data = chunk
        while data:
            out = self._decompress(data)
            tail = self._obj.unconsumed_tail
            if tail:
                if not out and tail == data:
                    raise FetchFailed(f"the {self.coding} body is corrupt")
                data = tail
            elif self._obj.eof and self._obj.unused_data.startswith(b"\x1f\x8b"):
                data = self._obj.unused_data  # the next member of a multi-member gzip
                self._obj = zlib.decompressobj(16 + zlib.MAX_WBITS)
            else:
                break  # all consumed (or trailing bytes after the end, ignored)

    def _decompress(self, data: bytes) -> bytes:
        assert self._obj is not None
        budget = self.limit - self._size + 1  # one byte more than allowed proves the excess
        try:
            out = self._obj.decompress(data, budget)
        except zlib.error:
            if self.coding != "deflate" or self._started:
                raise FetchFailed(f"the {self.coding} body is corrupt") from None
            # "deflate" servers often send raw deflate without the zlib header.
            self._obj = zlib.decompressobj(-zlib.MAX_WBITS)
            try:
                out = self._obj.decompress(data, budget)
            except zlib.error:
                raise FetchFailed("the deflate body is corrupt") from None
        self._started = True
        self._emit(out)
        return out

    def _emit(self, data: bytes) -> None:
        self._size += len(data)
        if self._size > self.limit:
            decoded = "" if self.identity else " after decoding"
            raise FetchFailed(f"the body is larger than {_size(self.limit)}{decoded}")
        if data:
            self._parts.append(data)

    def finish(self) -> bytes:
        if self._obj is not None and not self._obj.eof:
            try:
                self._emit(self._obj.flush(self.limit - self._size + 1))
            except zlib.error:
                raise FetchFailed(f"the {self.coding} body is corrupt") from None
        return b"".join(self._parts)


def _size(n: int) -> str:
    if n >= 1024 * 1024 and n % (1024 * 1024) == 0:
        return f"{n // (1024 * 1024)} MiB"
    if n >= 1024 and n % 1024 == 0:
        return f"{n // 1024} KiB"
    return f"{n} bytes"


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\s]+")


def _one_line(text: str, limit: int = 300) -> str:
    # Reasons may quote what a server sent: keep them to one printable line.
    text = _CONTROL.sub(" ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"
