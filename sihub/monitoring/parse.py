"""Parse RSS, Atom and JSON Feed documents into plain items.

The input is the bytes a fetch returned, never a URL or a path. What comes out
is safe to store and show: titles and summaries are plain text, links are
absolute http(s) URLs or empty, ``content_html`` went through the site's nh3
sanitiser, dates are aware UTC datetimes. Every text is storable: NUL and the
other C0 control characters (but tab, newline, carriage return) and lone
surrogates are removed — PostgreSQL refuses NUL in text, no database can
encode a lone surrogate, and one such entry would fail its whole feed — and an
id longer than 500 characters is replaced by its hash.

XML feeds: defusedxml screens the document first and refuses any that declares
XML entities (billion laughs, quadratic blow-up, external entities: a feed has
no use for them), then feedparser reads it. JSON Feed
(https://jsonfeed.org/version/1.1) is recognised by content, read with the
json module and checked field by field.

No Django imports: the ingestion and the ``fetch_feed`` command call this.
"""

from __future__ import annotations

import hashlib
import html
import io
import json
import re
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit
# Only the exception class comes from xml.sax; documents are parsed by defusedxml.
from xml.sax import SAXException  # nosec B406

import feedparser
import nh3
from defusedxml import DefusedXmlException
from defusedxml.expatreader import create_parser

from sihub.core.html import sanitize

SUMMARY_LENGTH = 1000  # characters of plain text
GUID_LENGTH = 500  # longer ids are replaced by their hash
JSON_FEED_VERSION = "https://jsonfeed.org/version/"


class FeedParseError(ValueError):
    """The document is not a feed we can read; the message is one line."""


@dataclass(frozen=True)
class ParsedItem:
    guid: str
    title: str
    link: str
    published: datetime | None  # aware, UTC
    summary: str  # plain text, at most SUMMARY_LENGTH characters
    content_html: str  # sanitised
    author: str
    language: str  # primary language subtag ("sv", "en") or ""


@dataclass(frozen=True)
class ParsedFeed:
    title: str
    link: str
    language: str
    items: list[ParsedItem] = field(default_factory=list)
    format: str = ""  # "rss", "atom" or "json"


def parse_feed(content: bytes, *, base_url: str, content_type: str = "") -> ParsedFeed:
    """Read a feed document; raises FeedParseError when it is not one.

    ``base_url`` (the URL the document came from) resolves relative links;
    ``content_type`` is the Content-Type header, when known, for the charset.
    """
    if not isinstance(content, bytes):
        raise TypeError("parse_feed takes the document's bytes")
    start = content.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not start:
        raise FeedParseError("the document is empty")
    if start[:1] in (b"{", b"["):
        feed = _parse_json_feed(content, base_url)
    else:
        feed = _parse_xml_feed(content, base_url, content_type)
    return replace(feed, title=storable(feed.title), link=storable(feed.link),
                   language=storable(feed.language),
                   items=[_storable_item(item) for item in feed.items])


# --- Storable text ---------------------------------------------------------------

# C0 controls but tab, newline and carriage return, and lone surrogates (a str
# from JSON "\ud800" or an XML character reference can hold one).
_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


def storable(text: str) -> str:
    """``text`` without the characters a database refuses (see the module docstring)."""
    return _UNSTORABLE.sub("", text) if _UNSTORABLE.search(text) else text


def _storable_item(item: ParsedItem) -> ParsedItem:
    """The item with every text storable, and an id that fits ``GUID_LENGTH``.

    The inputs were cleaned on the way in too (nh3 and the sanitiser cannot
    take lone surrogates); this last pass makes sure, whatever path a text took.
    """
    changes: dict[str, Any] = {
        f.name: storable(value) for f in fields(item)
        if isinstance(value := getattr(item, f.name), str) and _UNSTORABLE.search(value)
    }
    guid = changes.get("guid", item.guid)
    if len(guid) > GUID_LENGTH:
        changes["guid"] = "sha256:" + hashlib.sha256(guid.encode("utf-8")).hexdigest()
    return replace(item, **changes) if changes else item


# --- Text helpers --------------------------------------------------------------

# Block-level tags become spaces in plain text, so "<p>a</p><p>b</p>" reads "a b".
_BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt",
    "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "li", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
}
_TAG = re.compile(r"<[^>]*>")


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment: no tags, no scripts or styles, one line."""
    if not fragment:
        return ""
    fragment = storable(fragment)
    # nh3 first, so the markup left is well-formed tags without attributes and
    # every "<" in text is escaped; then the simple pattern below is exact.
    cleaned = nh3.clean(fragment, tags=_BLOCK_TAGS, attributes={}, strip_comments=True)
    return _one_line(html.unescape(_TAG.sub(" ", cleaned)))


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _shorten(text: str, limit: int = SUMMARY_LENGTH) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,.;:") + "…"


def _safe_link(value: object, base_url: str) -> str:
    """An absolute http(s) URL, or "" (javascript:, data: and the like are dropped)."""
    if not isinstance(value, str) or not value.strip():
        return ""
    try:
        absolute = urljoin(base_url, value.strip())
        parts = urlsplit(absolute)
    except ValueError:
        return ""
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    if any(ch.isspace() or ord(ch) < 0x20 for ch in absolute):
        return ""
    return absolute


def _language(value: object) -> str:
    if not isinstance(value, str):
        return ""
    primary = value.strip().replace("_", "-").split("-")[0].lower()
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else ""


def _guid(raw_id: str, link: str, title: str, published: datetime | None) -> str:
    """The item's identity: its id, else its link, else a hash of title and date."""
    guid = storable(raw_id).strip() or link
    if not guid:
        basis = f"{title}\n{published.isoformat() if published else ''}"
        return "sha256:" + hashlib.sha256(basis.encode("utf-8")).hexdigest()
    if len(guid) > GUID_LENGTH:
        return "sha256:" + hashlib.sha256(guid.encode("utf-8")).hexdigest()
    return guid


def _text_as_html(text: str) -> str:
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)


# --- RSS and Atom --------------------------------------------------------------


def _screen_xml(content: bytes) -> None:
    """Refuse a document that declares XML entities, before feedparser sees it."""
    parser = create_parser()  # defusedxml's expat reader
    parser.forbid_dtd = False  # RSS 0.91 feeds carry a DOCTYPE; harmless without entities
    parser.forbid_entities = True
    # An external DTD subset is not an attack by itself, and it is never read:
    parser.forbid_external = False
    parser.setFeature("http://xml.org/sax/features/external-general-entities", False)
    try:
        parser.parse(io.BytesIO(content))
    except DefusedXmlException:
        raise FeedParseError(
            "the document declares XML entities, which feeds may not (entity expansion)"
        ) from None
    except SAXException:
        pass  # not well-formed XML: feedparser's lenient parser decides below


_XML_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_XML_CHARREF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));")


def _storable_xml(content: bytes) -> bytes:
    """The document without C0 controls and references to them or to surrogates.

    XML forbids them anyway, but feedparser's lenient parser keeps a raw NUL
    and fails outright on "&#xD800;". UTF-16 and UTF-32 documents (NUL bytes
    in every character) are left alone; the last pass cleans their text.
    """
    head = content[:4]
    if head[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in head:
        return content
    content = _XML_CONTROL.sub(b"", content)
    return _XML_CHARREF.sub(_storable_charref, content)


def _storable_charref(match: re.Match[bytes]) -> bytes:
    code = int(match[1], 16) if match[1] else int(match[2])
    refused = (code < 0x20 and code not in (0x09, 0x0A, 0x0D)) or 0xD800 <= code <= 0xDFFF
    return b"" if refused else match[0]


def _parse_xml_feed(content: bytes, base_url: str, content_type: str) -> ParsedFeed:
    content = _storable_xml(content)
    _screen_xml(content)
    headers = {"content-location": base_url}
    if content_type:
        headers["content-type"] = content_type
    # feedparser.parse() opens its argument when it is a URL or the path of an
    # existing file — a bytes argument too, since open() takes bytes paths. So
    # the document goes in wrapped in BytesIO, which feedparser only .read()s:
    # it never receives a URL or a path from us.
    parsed = feedparser.parse(
        io.BytesIO(content), response_headers=headers, sanitize_html=True,
        resolve_relative_uris=True,
    )
    version = parsed.get("version") or ""
    if not version:
        problem = parsed.get("bozo_exception")
        detail = f" ({_one_line(str(problem))[:200]})" if problem else ""
        raise FeedParseError(f"not an RSS, Atom or JSON feed{detail}")
    feed = parsed.get("feed", {})
    language = _language(feed.get("language")) or _language(
        (feed.get("title_detail") or {}).get("language")
    )
    items = [_xml_item(entry, base_url, language) for entry in parsed.get("entries", [])]
    return ParsedFeed(
        title=_detail_text(feed.get("title_detail"), feed.get("title", "")),
        link=_safe_link(feed.get("link"), base_url),
        language=language,
        items=items,
        format="atom" if version.startswith("atom") else "rss",
    )


def _detail_text(detail: Any, fallback: str) -> str:
    """Plain text of a feedparser text construct (title, summary).

    Markup is removed even from constructs feedparser calls plain text: RSS
    does not say whether a title is text or HTML, and feedparser guesses
    "text" for escaped markup it dislikes, such as ``&lt;script&gt;``.
    """
    value = (detail.get("value") if detail else None) or fallback or ""
    return html_to_text(value if isinstance(value, str) else "")


def _xml_item(entry: Any, base_url: str, feed_language: str) -> ParsedItem:
    title = _detail_text(entry.get("title_detail"), entry.get("title", ""))
    link = _safe_link(entry.get("link"), base_url)
    published = _struct_time(entry.get("published_parsed") or entry.get("updated_parsed"))
    body = _xml_content(entry)
    summary = _detail_text(entry.get("summary_detail"), entry.get("summary", ""))
    summary = _shorten(summary or html_to_text(body))
    author = (entry.get("author_detail") or {}).get("name") or entry.get("author") or ""
    details = [
        *(entry.get("content") or []), entry.get("title_detail"), entry.get("summary_detail")
    ]
    language = next(
        (lang for d in details if d and (lang := _language(d.get("language")))), feed_language
    )
    return ParsedItem(
        guid=_guid(entry.get("id") or "", link, title or summary, published),
        title=title,
        link=link,
        published=published,
        summary=summary,
        content_html=sanitize(body) if body else "",
        author=_one_line(storable(author)),
        language=language,
    )


def _xml_content(entry: Any) -> str:
    """The fullest HTML body an entry has: its content, else its summary."""
    contents = entry.get("content") or []
    chosen = next((c for c in contents if "html" in (c.get("type") or "")), None)
    chosen = chosen or (contents[0] if contents else entry.get("summary_detail"))
    if not chosen:
        return ""
    value = storable(chosen.get("value", "") or "")
    return value if "html" in (chosen.get("type") or "") else _text_as_html(value)


def _struct_time(value: Any) -> datetime | None:
    # feedparser's *_parsed values are already in UTC.
    if not value:
        return None
    try:
        return datetime(*value[:6], tzinfo=UTC)
    except (TypeError, ValueError):
        return None


# --- JSON Feed -----------------------------------------------------------------


def _parse_json_feed(content: bytes, base_url: str) -> ParsedFeed:
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise FeedParseError("the JSON document is not UTF-8") from None
    except (ValueError, RecursionError) as exc:
        raise FeedParseError(f"not valid JSON: {_one_line(str(exc))[:200]}") from None
    if not isinstance(data, dict):
        raise FeedParseError("JSON, but not a JSON Feed: the document is not an object")
    version = data.get("version")
    if not isinstance(version, str) or not version.startswith(JSON_FEED_VERSION):
        raise FeedParseError(f"JSON, but not a JSON Feed: no {JSON_FEED_VERSION}… version")
    items = data.get("items")
    if not isinstance(items, list):
        raise FeedParseError("JSON Feed without an items list")
    language = _language(_string(data, "language", ""))
    parsed_items = [
        _json_item(item, number, base_url, language) for number, item in enumerate(items, 1)
    ]
    return ParsedFeed(
        title=_one_line(_string(data, "title", "")),
        link=_safe_link(_string(data, "home_page_url", ""), base_url),
        language=language,
        items=parsed_items,
        format="json",
    )


def _json_item(item: object, number: int, base_url: str, feed_language: str) -> ParsedItem:
    where = f"item {number}"
    if not isinstance(item, dict):
        raise FeedParseError(f"JSON Feed {where} is not an object")
    raw_id = item.get("id")
    if isinstance(raw_id, int | float) and not isinstance(raw_id, bool):
        raw_id = str(raw_id)  # version 1.0 feeds sometimes use numbers; the spec says coerce
    elif raw_id is not None and not isinstance(raw_id, str):
        raise FeedParseError(f"{_json_place(where)}: 'id' must be a string")
    title = _one_line(_string(item, "title", where))
    link = _safe_link(_string(item, "url", where) or _string(item, "external_url", where),
                      base_url)
    published = _rfc3339(_string(item, "date_published", where)) or _rfc3339(
        _string(item, "date_modified", where)
    )
    content_html = _string(item, "content_html", where)
    content_text = _string(item, "content_text", where)
    body = content_html or _text_as_html(content_text)
    summary = _one_line(_string(item, "summary", where)) or (
        html_to_text(content_html) if content_html else _one_line(content_text)
    )
    summary = _shorten(summary)
    return ParsedItem(
        guid=_guid(raw_id or "", link, title or summary, published),
        title=title,
        link=link,
        published=published,
        summary=summary,
        content_html=sanitize(body) if body else "",
        author=_json_author(item, where),
        language=_language(_string(item, "language", where)) or feed_language,
    )


def _string(obj: dict[str, Any], key: str, where: str) -> str:
    value = obj.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise FeedParseError(f"{_json_place(where)}: {key!r} must be a string")
    return storable(value)


def _json_place(where: str) -> str:
    return f"JSON Feed {where}" if where else "JSON Feed"


def _json_author(item: dict[str, Any], where: str) -> str:
    authors = item.get("authors")  # version 1.1
    if authors is None and item.get("author") is not None:  # version 1.0
        authors = [item["author"]]
    if authors is None:
        return ""
    if not isinstance(authors, list) or not all(isinstance(a, dict) for a in authors):
        raise FeedParseError(f"{_json_place(where)}: 'authors' must be a list of objects")
    names = [_one_line(_string(a, "name", where)) for a in authors]
    return ", ".join(name for name in names if name)


def _rfc3339(value: str) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)  # RFC 3339 requires an offset; assume UTC
    return moment.astimezone(UTC)
