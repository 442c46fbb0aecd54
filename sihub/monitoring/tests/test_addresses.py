"""Which URLs and addresses the fetcher refuses: a table, with an injected resolver.

No test here touches the network: names resolve through ``resolver_for`` and
address literals must never be resolved at all.
"""

from __future__ import annotations

import re
import socket
import time
from collections.abc import Sequence

import pytest

from sihub.monitoring.safe_fetch import FetchFailed, FetchRefused, parse_target, vet_url

PUBLIC_V4 = "93.184.216.34"
PUBLIC_V6 = "2606:2800:220:1:248:1893:25c8:1946"

NAMES = {
    "example.org": [PUBLIC_V4, PUBLIC_V6],
    "xn--rksmrgs-5wao1o.se": [PUBLIC_V4],  # räksmörgås.se
    "localhost": ["127.0.0.1", "::1"],
    "intranet.example": ["10.0.0.5"],
    "cgnat.example": ["100.64.3.4"],
    "mixed.example": [PUBLIC_V4, "192.168.1.10"],
    "metadata.example": ["169.254.169.254"],
    "mapped.example": ["::ffff:127.0.0.1"],
    "ula.example": ["fd00:1234::1"],
}


class Resolver:
    """Answers from a table and records what it was asked."""

    def __init__(self, table: dict[str, list[str]]) -> None:
        self.table = table
        self.asked: list[str] = []

    def __call__(self, host: str, port: int) -> Sequence[str]:
        self.asked.append(host)
        if host not in self.table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return self.table[host]


REFUSED = [
    # Schemes and URL shapes
    ("file:///etc/passwd", "only http and https"),
    ("ftp://example.org/feed", "only http and https"),
    ("gopher://example.org/", "only http and https"),
    ("javascript:alert(1)", "only http and https"),
    ("feed://example.org/rss", "only http and https"),
    ("//example.org/feed", "without a scheme"),
    ("http:///feed", "no host"),
    ("https://", "no host"),
    ("http://:80/feed", "not a host name"),
    ("http://[::1/", "cannot be read"),
    ("http://user:secret@example.org/", "user name or password"),  # pragma: allowlist secret
    ("http://example.org@127.0.0.1/", "user name or password"),
    ("http://example.org\\@127.0.0.1/", "backslashes"),
    ("http://exa mple.org/", "spaces"),
    ("http://example.org/\r\nX-Injected: 1", "control characters"),
    ("http://%31%32%37.0.0.1/", "not a host name"),
    ("http://[fe80::1%25eth0]/", "not a host name"),
    ("http://-bad-.example/", "not a valid host name"),
    ("http://" + "a" * 64 + ".example/", "not a valid host name"),
    ("http://example.org/" + "x" * 2100, "longer than 2048"),
    ("http://example.org:0/", "port 0"),
    ("http://example.org:99999/", "port 99999"),
    ("http://example.org:http/", "not a host name"),
    # IPv4 spellings other than four decimal numbers
    ("http://2130706433/", "ambiguous numeric"),
    ("http://017700000001/", "ambiguous numeric"),
    ("http://0x7f000001/", "ambiguous numeric"),
    ("http://0177.0.0.1/", "ambiguous numeric"),
    ("http://0x7f.1/", "ambiguous numeric"),
    ("http://127.1/", "ambiguous numeric"),
    ("http://127.0.0.01/", "ambiguous numeric"),
    ("http://1.2.3.0x4/", "ambiguous numeric"),
    ("http://example.123/", "ambiguous numeric"),
    ("http://０x７f.1/", "ambiguous numeric"),  # fullwidth forms, mapped by IDNA first
    ("http://１２７.０.０.１/", "127.0.0.1 is a loopback address"),
    ("http://127。0。0。1/", "127.0.0.1 is a loopback address"),  # ideographic full stops
    ("http://ｌｏｃａｌｈｏｓｔ/", "localhost: 127.0.0.1 is a loopback"),
    # Loopback, private and shared networks
    ("http://127.0.0.1/", "127.0.0.1 is a loopback address"),
    ("http://127.0.0.1.:8000/", "127.0.0.1 is a loopback address"),
    ("http://127.255.0.9/", "loopback"),
    ("http://localhost/", "localhost: 127.0.0.1 is a loopback"),
    ("http://LOCALHOST./feed", "loopback"),
    ("http://[::1]/", "::1 is a loopback address"),
    ("http://10.0.0.1/", "10.0.0.1 is a private address"),
    ("http://172.16.5.4/", "private address"),
    ("http://172.31.255.255/", "private address"),
    ("http://192.168.1.1/", "private address"),
    ("http://intranet.example/", "10.0.0.5 is a private address"),
    ("http://mixed.example/", "192.168.1.10 is a private address"),
    ("http://100.64.0.1/", "carrier-grade NAT"),
    ("http://cgnat.example/", "carrier-grade NAT"),
    ("http://[fc00::1]/", "unique-local"),
    ("http://[fd12:3456:789a::1]/", "unique-local"),
    ("http://ula.example/", "unique-local"),
    ("http://[fec0::1]/", "site-local"),
    # Never a feed, whatever the settings say
    ("http://169.254.169.254/latest/meta-data/", "link-local"),
    ("http://metadata.example/", "link-local"),
    ("http://[fe80::1]/", "link-local"),
    ("http://0.0.0.0/", "unspecified"),
    ("http://[::]/", "unspecified"),
    ("http://224.0.0.1/", "multicast"),
    ("http://[ff02::1]/", "multicast"),
    ("http://255.255.255.255/", "broadcast"),
    ("http://240.0.0.1/", "reserved"),
    ("http://0.1.2.3/", "special-purpose"),
    ("http://192.0.2.10/", "special-purpose"),
    ("http://198.18.0.1/", "special-purpose"),
    ("http://[2001:db8::1]/", "special-purpose"),
    # IPv6 forms that carry an IPv4 address
    ("http://[::ffff:127.0.0.1]/", "IPv4-mapped"),
    ("http://[::ffff:7f00:1]/", "IPv4-mapped"),
    ("http://[::ffff:93.184.216.34]/", "IPv4-mapped"),
    ("http://[::127.0.0.1]/", "IPv4-compatible"),
    ("http://[::ffff:0:7f00:1]/", "IPv4-mapped"),
    ("http://mapped.example/", "IPv4-mapped"),
    ("http://[2002:7f00:1::1]/", "6to4 address for 127.0.0.1"),
    ("http://[2002:a00:1::1]/", "6to4 address for 10.0.0.1"),
    ("http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/", "Teredo address for 127.0.0.1"),
    ("http://[64:ff9b::7f00:1]/", "NAT64 address for 127.0.0.1"),
    ("http://[64:ff9b::a9fe:a9fe]/", "NAT64 address for 169.254.169.254"),
    ("http://[64:ff9b:1::a00:1]/", "local-use NAT64"),
]


@pytest.mark.parametrize(("url", "reason"), REFUSED)
def test_it_refuses(url: str, reason: str) -> None:
    with pytest.raises(FetchRefused, match=re.escape(reason)) as refused:
        vet_url(url, resolver=Resolver(NAMES))
    assert "\n" not in refused.value.reason


ALLOWED = [
    ("http://93.184.216.34/feed", [PUBLIC_V4]),
    ("https://example.org/feed.xml", [PUBLIC_V4, PUBLIC_V6]),
    ("HTTPS://Example.ORG./feed.xml", [PUBLIC_V4, PUBLIC_V6]),
    ("http://[2606:4700:4700::1111]:8080/", ["2606:4700:4700::1111"]),
    ("http://[2002:5db8:d822::1]/", ["2002:5db8:d822::1"]),  # 6to4 for 93.184.216.34
    ("http://[64:ff9b::5db8:d822]/", ["64:ff9b::5db8:d822"]),  # NAT64 for 93.184.216.34
    ("https://räksmörgås.se/nyheter", [PUBLIC_V4]),
]


@pytest.mark.parametrize(("url", "addresses"), ALLOWED)
def test_it_allows_public_addresses(url: str, addresses: list[str]) -> None:
    _, vetted = vet_url(url, resolver=Resolver(NAMES))
    assert [str(ip) for ip in vetted] == addresses


PRIVATE_ALLOWED = [
    "http://127.0.0.1:8000/feed",
    "http://localhost/",
    "http://[::1]/",
    "http://10.0.0.1/",
    "http://intranet.example/",
    "http://100.64.0.1/",
    "http://[fd00::1]/",
    "http://[2002:7f00:1::1]/",
]


@pytest.mark.parametrize("url", PRIVATE_ALLOWED)
def test_it_allows_private_networks_when_told_to(url: str) -> None:
    with pytest.raises(FetchRefused):
        vet_url(url, resolver=Resolver(NAMES))
    assert vet_url(url, allow_private=True, resolver=Resolver(NAMES))[1]


STILL_REFUSED = [
    ("http://169.254.169.254/latest/meta-data/", "link-local"),
    ("http://[fe80::1]/", "link-local"),
    ("http://0.0.0.0/", "unspecified"),
    ("http://224.0.0.1/", "multicast"),
    ("http://255.255.255.255/", "broadcast"),
    ("http://[::ffff:127.0.0.1]/", "IPv4-mapped"),
    ("http://0x7f.1/", "ambiguous numeric"),
    ("file:///etc/passwd", "only http and https"),
]


@pytest.mark.parametrize(("url", "reason"), STILL_REFUSED)
def test_it_refuses_metadata_and_odd_forms_even_with_private_networks_allowed(
    url: str, reason: str
) -> None:
    with pytest.raises(FetchRefused, match=re.escape(reason)):
        vet_url(url, allow_private=True, resolver=Resolver(NAMES))


def test_it_opens_only_the_listed_networks() -> None:
    networks = ["10.1.2.0/24"]
    assert vet_url("http://10.1.2.3/", allowed_networks=networks)[1]
    for url in ("http://10.1.3.1/", "http://127.0.0.1/", "http://169.254.169.254/"):
        with pytest.raises(FetchRefused):
            vet_url(url, allowed_networks=networks)


def test_it_never_resolves_an_address_literal() -> None:
    resolver = Resolver({})
    vet_url("http://93.184.216.34/", resolver=resolver)
    vet_url("http://[2606:4700:4700::1111]/", resolver=resolver)
    with pytest.raises(FetchRefused):
        vet_url("http://127.0.0.1/", resolver=resolver)
    assert resolver.asked == []


def test_it_resolves_international_names_in_their_ascii_form() -> None:
    resolver = Resolver(NAMES)
    vet_url("https://räksmörgås.se/", resolver=resolver)
    assert resolver.asked == ["xn--rksmrgs-5wao1o.se"]


def test_it_reports_names_that_do_not_resolve() -> None:
    with pytest.raises(FetchFailed, match="cannot resolve nowhere.example"):
        vet_url("http://nowhere.example/", resolver=Resolver(NAMES))
    with pytest.raises(FetchFailed, match="has no address"):
        vet_url("http://empty.example/", resolver=Resolver({"empty.example": []}))
    with pytest.raises(FetchFailed, match="resolver gave"):
        vet_url("http://odd.example/", resolver=Resolver({"odd.example": ["not-an-ip"]}))


def test_it_gives_up_on_a_name_lookup_that_hangs() -> None:
    def hanging(host: str, port: int) -> list[str]:
        time.sleep(2)
        return [PUBLIC_V4]

    started = time.monotonic()
    with pytest.raises(FetchFailed, match="longer than 0.3 s"):
        vet_url("http://slow.example/", resolver=hanging, timeout=0.3)
    assert time.monotonic() - started < 1.5


def test_it_normalises_the_target() -> None:
    target = parse_target("HTTPS://Räksmörgås.SE:8443/nyheter/å ä?q=ö#fragment".replace(" ", "%20"))
    assert target.host == "xn--rksmrgs-5wao1o.se"
    assert target.host_header == "xn--rksmrgs-5wao1o.se:8443"
    assert target.path == "/nyheter/%C3%A5%20%C3%A4?q=%C3%B6"
    assert target.url == "https://xn--rksmrgs-5wao1o.se:8443/nyheter/%C3%A5%20%C3%A4?q=%C3%B6"
    assert parse_target("http://[2606:4700::1]/").host_header == "[2606:4700::1]"
    assert parse_target("http://example.org").path == "/"
