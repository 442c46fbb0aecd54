"""Pure helpers for ingestion: canonical URLs, content hashes, titles, actor mentions.

No Django imports: ``services.py`` feeds these the rows it read.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from datetime import datetime, timedelta
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from rapidfuzz import fuzz

# Query parameters that only say where a click came from; the same article
# shared on five sites carries five different sets of them.
_TRACKING_PREFIXES = ("utm_",)
_TRACKING_NAMES = frozenset({"fbclid", "gclid", "mc_cid", "mc_eid"})
_DEFAULT_PORTS = {"http": 80, "https": 443}

TITLE_SIMILARITY = 90.0  # rapidfuzz ratio, 0-100: "≥ 0.9"
DUPLICATE_WINDOW = timedelta(days=3)
# Shorter titles ("News", "Weekly update") say too little to call two items the same.
MIN_TITLE_LENGTH = 12
MIN_ACTOR_NAME = 4


def canonical_url(url: str) -> str:
    """The URL two copies of one article share: no tracking, fragment or trailing slash.

    The host is lower-cased and a default port dropped; the path and the
    remaining query keep their case and order (servers may tell them apart).
    """
    if not url:
        return ""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return url.strip()
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    if port is not None and port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{port}"
    query = urlencode([
        (name, value) for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if name.lower() not in _TRACKING_NAMES
        and not name.lower().startswith(_TRACKING_PREFIXES)
    ])
    path = parts.path.rstrip("/")
    return urlunsplit((scheme, host, path, query, ""))


def normalise_text(text: str) -> str:
    """Case-, width- and whitespace-insensitive form of a text."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def content_hash(*parts: str) -> str:
    """A hash that changes when the words change, not when whitespace or case does."""
    basis = "\x1f".join(normalise_text(part) for part in parts)
    # surrogatepass: a hash must never fail, whatever a feed sent.
    return hashlib.sha256(basis.encode("utf-8", "surrogatepass")).hexdigest()


def title_key(title: str) -> str:
    """The form titles are compared in, or "" when too short to compare."""
    key = normalise_text(title)
    return key if len(key) >= MIN_TITLE_LENGTH else ""


def similar_titles(a: str, b: str) -> bool:
    """Whether two ``title_key`` values are near-duplicates (ratio ≥ 0.9)."""
    return bool(a and b) and fuzz.ratio(a, b, score_cutoff=TITLE_SIMILARITY) > 0


def within_window(a: datetime, b: datetime) -> bool:
    return abs(a - b) <= DUPLICATE_WINDOW


class MentionFinder:
    """Finds which of many names occur in a text, with one regular expression.

    A name matches as a whole word sequence (not inside a longer word),
    ignoring case; names shorter than ``MIN_ACTOR_NAME`` characters are
    ignored (too many false hits).
    """

    def __init__(self, names: Iterable[tuple[int, str]]) -> None:
        self._ids: dict[str, set[int]] = {}
        for pk, name in names:
            key = normalise_text(name)
            if len(key) >= MIN_ACTOR_NAME:
                self._ids.setdefault(key, set()).add(pk)
        if self._ids:
            # Longest first, so "Coompanion Skåne" wins over "Coompanion".
            alternatives = sorted(self._ids, key=len, reverse=True)
            self._pattern: re.Pattern[str] | None = re.compile(
                r"(?<!\w)(?:" + "|".join(re.escape(a) for a in alternatives) + r")(?!\w)")
        else:
            self._pattern = None

    def find(self, text: str) -> set[int]:
        """Ids of the names mentioned in ``text``."""
        if self._pattern is None or not text:
            return set()
        found: set[int] = set()
        for match in self._pattern.finditer(normalise_text(text)):
            found |= self._ids.get(match.group(0), set())
        return found
