"""Parsing RSS, Atom and JSON Feed fixtures (Swedish and English) and hostile documents."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sihub.monitoring.parse import (
    SUMMARY_LENGTH,
    FeedParseError,
    ParsedFeed,
    html_to_text,
    parse_feed,
)
from sihub.monitoring.tests.servers import LocalServer, fixture_bytes, respond

BASE = "https://feeds.example.se/feed"


def parse(name: str, base_url: str = BASE) -> ParsedFeed:
    return parse_feed(fixture_bytes(name), base_url=base_url)


# --- The fixtures ---------------------------------------------------------------


def test_it_reads_a_swedish_rss_feed() -> None:
    feed = parse("rss_sv.xml")
    assert (feed.format, feed.title, feed.link, feed.language) == (
        "rss", "Social innovation i Sverige", "https://nyheter.example.se/", "sv")
    first, second, third = feed.items
    assert first.guid == "nyheter-2026-0301"
    assert first.title == "Malmö startar välfärdslabb för unga"
    assert first.link == "https://feeds.example.se/2026/03/valfardslabb"  # relative, resolved
    assert first.published == datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    assert first.summary == (
        "Staden bjuder in sociala företag, föreningar och forskare att pröva nya arbetssätt.")
    assert "<strong>sociala företag</strong>" in first.content_html
    assert 'href="https://feeds.example.se/om-labbet"' in first.content_html
    assert first.author == "Åsa Öberg"
    assert first.language == "sv"
    assert second.guid == "https://nyheter.example.se/2026/02/rapport"  # no guid: the link
    assert third.link == ""
    assert third.guid.startswith("sha256:")  # no guid, no link: title and date


def test_it_reads_an_english_rss_feed() -> None:
    feed = parse("rss_en.xml")
    assert (feed.title, feed.language) == ("Social Innovation Digest", "en")
    first = feed.items[0]
    assert first.title == "Cities & citizens co-design public services"
    assert first.author == "Jane Doe"  # the name, not the e-mail address
    assert first.published == datetime(2026, 3, 3, 9, 15, tzinfo=UTC)
    assert [item.guid for item in feed.items] == [
        "https://digest.example.org/news/co-design", "tag:digest.example.org,2026:growth"]


def test_it_reads_a_swedish_atom_feed() -> None:
    feed = parse("atom_sv.xml")
    assert (feed.format, feed.language, feed.link) == ("atom", "sv", "https://centrum.example.se/")
    first, second = feed.items
    assert first.title == "Koalitionsmodellen prövas i Umeå"  # type="html" title, as text
    assert first.link == "https://feeds.example.se/nyheter/koalitionsmodellen"
    assert first.published == datetime(2026, 3, 4, 9, 0, tzinfo=UTC)
    assert first.author == "Karin Lindström"
    assert first.content_html == "<p>Koalitionen möts varje månad.</p>"
    assert first.summary.startswith("Kommunen, ett universitet")
    assert second.published == datetime(2026, 3, 1, 8, 0, tzinfo=UTC)  # only <updated>


def test_it_reads_an_english_atom_feed_with_a_swedish_entry() -> None:
    feed = parse("atom_en.xml")
    first, second = feed.items
    assert (first.language, second.language) == ("en", "sv")
    assert first.summary == "Theory of change first, then indicators."
    assert first.content_html == "<p>Theory of change first, <em>then</em> indicators.</p>"


def test_it_reads_a_swedish_json_feed() -> None:
    feed = parse("feed_sv.json")
    assert (feed.format, feed.title, feed.link, feed.language) == (
        "json", "Socialt företagande – nyheter", "https://socent.example.se/", "sv")
    first, second = feed.items
    assert first.guid == "socent-17"
    assert first.link == "https://feeds.example.se/artiklar/arbetsintegrerande"
    assert first.published == datetime(2026, 3, 3, 6, 0, tzinfo=UTC)
    assert first.author == "Björn Ek"
    assert first.summary == "Fler arbetsintegrerande sociala företag startar i Norrland."
    assert second.guid == "18"  # a number, coerced
    assert second.content_html == (
        "<p>Vinnova öppnar en utlysning.</p><p>Sista ansökningsdag är i maj.</p>")
    assert second.summary == "Vinnova öppnar en utlysning. Sista ansökningsdag är i maj."


def test_it_reads_an_english_json_feed_version_1() -> None:
    feed = parse("feed_en.json")
    first, second = feed.items
    assert first.author == "Priya Natarajan"  # version 1.0 "author"
    assert second.guid == "https://watch.example.org/2026/02/no-id"
    assert second.published == datetime(2026, 2, 20, 10, 0, tzinfo=UTC)  # date_modified
    assert feed.language == ""


# --- Identity -------------------------------------------------------------------


def _rss(item: str) -> bytes:
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>'
            f"<link>https://x.example/</link>{item}</channel></rss>").encode()


def test_the_hash_guid_is_stable_and_depends_on_title_and_date() -> None:
    def guid(item: str) -> str:
        return parse_feed(_rss(item), base_url=BASE).items[0].guid

    one = "<item><title>A</title><pubDate>Mon, 02 Mar 2026 10:00:00 GMT</pubDate></item>"
    assert guid(one) == guid(one)
    assert guid(one) != guid(one.replace("<title>A", "<title>B"))
    assert guid(one) != guid(one.replace("02 Mar", "03 Mar"))


# --- Hostile content ------------------------------------------------------------


def test_it_strips_scripts_and_handlers_from_items() -> None:
    document = _rss(
        "<item><title>&lt;script&gt;alert(1)&lt;/script&gt;Hello</title>"
        "<link>javascript:alert(document.cookie)</link>"
        "<description>&lt;img src=x onerror=alert(1)&gt;&lt;p onclick=&quot;x()&quot;&gt;Hi"
        "&lt;/p&gt;&lt;a href=&quot;javascript:alert(1)&quot;&gt;link&lt;/a&gt;"
        "&lt;iframe src=&quot;https://evil.example/&quot;&gt;&lt;/iframe&gt;"
        "&lt;style&gt;body{display:none}&lt;/style&gt;</description></item>"
    )
    item = parse_feed(document, base_url=BASE).items[0]
    assert item.title == "Hello"
    assert item.link == ""
    for bad in ("<script", "onerror", "onclick", "javascript:", "<iframe", "<style", "display"):
        assert bad not in item.content_html
        assert bad not in item.summary
    assert "Hi" in item.content_html


def test_it_sanitises_json_feed_html_and_drops_unsafe_links() -> None:
    document = json.dumps({
        "version": "https://jsonfeed.org/version/1.1",
        "title": "T",
        "items": [{
            "id": "1",
            "url": "javascript:alert(1)",
            "title": "<b>T</b>",
            "content_html": '<p>ok</p><script>alert(1)</script><img src="x" onerror="alert(1)">',
        }],
    }).encode()
    item = parse_feed(document, base_url=BASE).items[0]
    assert item.link == ""
    assert "<script" not in item.content_html and "onerror" not in item.content_html
    assert "<p>ok</p>" in item.content_html
    assert item.summary == "ok"


def test_it_refuses_a_billion_laughs_feed_quickly() -> None:
    levels = "".join(
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10))
    document = (
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol0 "lol">' + levels + "]>"
        '<rss version="2.0"><channel><title>&lol9;</title></channel></rss>'
    ).encode()
    started = time.monotonic()
    with pytest.raises(FeedParseError, match="declares XML entities"):
        parse_feed(document, base_url=BASE)
    assert time.monotonic() - started < 1


def test_it_refuses_external_entities() -> None:
    document = (
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<rss version="2.0"><channel><title>&x;</title></channel></rss>'
    )
    with pytest.raises(FeedParseError, match="declares XML entities"):
        parse_feed(document, base_url=BASE)


def test_it_never_reads_an_external_dtd(tmp_path: Path) -> None:
    dtd = tmp_path / "evil.dtd"
    dtd.write_text('<!ENTITY leak "LEAKED-FROM-DISK">')
    document = (
        f'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "{dtd.as_uri()}">'
        '<rss version="2.0"><channel><title>T &leak;</title>'
        "<item><title>A &leak;</title><guid>a</guid></item></channel></rss>"
    ).encode()
    feed = parse_feed(document, base_url=BASE)
    assert feed.items[0].title == "A"
    assert "LEAKED" not in repr(feed)


def test_feedparser_gets_the_bytes_never_a_path(tmp_path: Path) -> None:
    # feedparser.parse() opens a str or bytes argument that names an existing
    # file; parse_feed must hand it the document, so a path is just bad XML.
    real_feed = tmp_path / "feed.xml"
    real_feed.write_bytes(fixture_bytes("rss_en.xml"))
    for content in (b"/etc/passwd", str(real_feed).encode()):
        with pytest.raises(FeedParseError, match="not an RSS, Atom or JSON feed"):
            parse_feed(content, base_url=BASE)


def test_feedparser_gets_the_bytes_never_a_url(server: LocalServer) -> None:
    server.routes["/feed"] = lambda h: respond(h, 200, fixture_bytes("rss_en.xml"))
    with pytest.raises(FeedParseError, match="not an RSS, Atom or JSON feed"):
        parse_feed(server.url("/feed").encode(), base_url=BASE)
    assert server.requests == []


def test_it_only_takes_bytes() -> None:
    with pytest.raises(TypeError):
        parse_feed("/etc/passwd", base_url=BASE)  # type: ignore[arg-type]


# --- Not feeds ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"  \n ", "empty"),
        (b"<!doctype html><html><head><title>Hi</title></head><body><p>No feed</p></body></html>",
         "not an RSS, Atom or JSON feed"),
        (b"just some text", "not an RSS, Atom or JSON feed"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not an RSS, Atom or JSON feed"),
        (b"[1, 2, 3]", "not an object"),
        (b'{"title": "x", "items": []}', "not a JSON Feed"),
        (b'{"version": "https://example.org/v1", "items": []}', "not a JSON Feed"),
        (b"{not json", "not valid JSON"),
        (b'{"version": "https://jsonfeed.org/version/1.1", "title": "x"}', "without an items list"),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": {}}', "without an items list"),
        (b'{"version": "https://jsonfeed.org/version/1.1", "title": 5, "items": []}',
         "'title' must be a string"),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": ["x"]}',
         "item 1 is not an object"),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "1", "title": 2}]}',
         "item 1: 'title' must be a string"),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": [1]}]}',
         "item 1: 'id' must be a string"),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "1", "authors": 1}]}',
         "'authors' must be a list of objects"),
        (b'{"version": "https://jsonfeed.org/version/1.1", "title": "\xff", "items": []}',
         "not UTF-8"),
        (b"[" * 100_000 + b"]" * 100_000, "not valid JSON"),
    ],
)
def test_it_explains_what_is_not_a_feed(content: bytes, reason: str) -> None:
    with pytest.raises(FeedParseError, match=reason.replace("[", r"\[")) as error:
        parse_feed(content, base_url=BASE)
    assert "\n" not in str(error.value)


def test_an_empty_feed_is_a_feed() -> None:
    feed = parse_feed(_rss(""), base_url=BASE)
    assert (feed.format, feed.items) == ("rss", [])


# --- Details --------------------------------------------------------------------


def test_it_reads_a_declared_legacy_encoding() -> None:
    document = ('<?xml version="1.0" encoding="iso-8859-1"?><rss version="2.0"><channel>'
                "<title>Östersund</title><item><title>Åre och Älvdalen</title><guid>1</guid>"
                "</item></channel></rss>").encode("iso-8859-1")
    feed = parse_feed(document, base_url=BASE, content_type="application/rss+xml")
    assert feed.title == "Östersund"
    assert feed.items[0].title == "Åre och Älvdalen"


def test_it_gives_dates_in_utc_and_forgives_bad_ones() -> None:
    document = json.dumps({
        "version": "https://jsonfeed.org/version/1.1",
        "items": [
            {"id": "a", "date_published": "2026-03-01T12:00:00+02:00"},
            {"id": "b", "date_published": "2026-03-01T12:00:00"},
            {"id": "c", "date_published": "yesterday"},
        ],
    }).encode()
    a, b, c = parse_feed(document, base_url=BASE).items
    assert a.published == datetime(2026, 3, 1, 10, 0, tzinfo=UTC)
    assert b.published == datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    assert c.published is None


def test_it_shortens_long_summaries() -> None:
    words = " ".join(["ord"] * 1000)
    item = parse_feed(_rss(f"<item><guid>1</guid><description>{words}</description></item>"),
                      base_url=BASE).items[0]
    assert len(item.summary) <= SUMMARY_LENGTH
    assert item.summary.endswith("ord…")


def test_html_to_text_keeps_words_apart_and_drops_scripts() -> None:
    assert html_to_text("<p>Ett</p><p>två &amp; tre</p><script>alert(1)</script>") == (
        "Ett två & tre")
    assert html_to_text('<p title="a>b">x</p>') == "x"
    assert html_to_text("a &lt;b&gt; c") == "a <b> c"


# --- Storable text: what a database refuses never leaves the parser --------------

UNSTORABLE = ["\x00", "\x01", "\x08", "\x0b", "\x1f", "\ud800", "\udfff"]


def assert_storable(item: object) -> None:
    for name, value in vars(item).items():
        if isinstance(value, str):
            assert not any(ch in value for ch in UNSTORABLE), (name, value)
            value.encode("utf-8")  # no lone surrogates left


def test_it_removes_control_characters_and_surrogates_from_rss() -> None:
    rss = (b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T\x00</title>'
           b'<item><guid isPermaLink="false">id-\x00-1</guid>'
           b"<title>Nul\x00 and &#0; and &#xD800; and &#55296;"
           b" and \x01 gone, tab&#9;kept</title>"
           b"<description>Body\x00 text &amp;#xDC00; escaped</description>"
           b"<author>a\x00@example.org (Ann\x02)</author>"
           b"<link>https://e.example.org/1</link></item></channel></rss>")
    feed = parse_feed(rss, base_url=BASE)
    item = feed.items[0]
    assert feed.title == "T"
    assert item.guid == "id--1"
    assert item.title == "Nul and and and and gone, tab kept"
    assert item.summary.startswith("Body text")
    assert_storable(item)


def test_it_removes_them_from_json_feeds_and_hashes_long_ids() -> None:
    document = json.dumps({
        "version": "https://jsonfeed.org/version/1.1", "title": "J\x00",
        "items": [{"id": "x" * 600 + "\x00", "title": "A\x00B\ud800C\x1fD",
                   "content_html": "<p>x\x00\udc00y</p>", "summary": "S\x07",
                   "authors": [{"name": "N\x00"}], "url": "https://e.example.org/\x00a"}],
    }).encode()
    feed = parse_feed(document, base_url=BASE)
    item = feed.items[0]
    assert (feed.title, item.title, item.summary, item.author) == ("J", "ABCD", "S", "N")
    assert item.content_html == "<p>xy</p>"
    assert item.guid.startswith("sha256:") and len(item.guid) <= 500
    # The same entry gives the same id every time (idempotent ingestion).
    assert parse_feed(document, base_url=BASE).items[0].guid == item.guid
    assert_storable(item)


def test_a_utf16_feed_is_still_read() -> None:
    rss = ('<?xml version="1.0" encoding="utf-16"?><rss version="2.0"><channel><title>Sextón'
           '</title><item><guid isPermaLink="false">u1</guid><title>Åter\u0000bruk</title>'
           "</item></channel></rss>")
    feed = parse_feed(rss.encode("utf-16"), base_url=BASE)
    assert feed.title == "Sextón"
    assert feed.items[0].guid == "u1"
    assert_storable(feed.items[0])
