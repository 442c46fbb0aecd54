"""Swedish and English word stems for search (no Django imports).

The database search backends stem English only (SQLite FTS5's porter
tokenizer) or one language per index (PostgreSQL text search configurations).
sihub content is Swedish and English side by side, so each indexed object also
carries a field of Snowball stems in both languages, and queries are stemmed
the same way: "kommunerna" and "kommun" both become "kommun".
"""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

_WORD = re.compile(r"[^\W\d_]{2,}", re.UNICODE)
_TAG = re.compile(r"<[^>]+>")
_swedish = snowballstemmer.stemmer("swedish")
_english = snowballstemmer.stemmer("english")


def words(text: str) -> list[str]:
    """Lower-cased words of two letters or more, markup removed."""
    return [w.lower() for w in _WORD.findall(_TAG.sub(" ", text))]


@lru_cache(maxsize=50_000)
def stems_of(word: str) -> tuple[str, ...]:
    """The distinct Swedish and English stems of one lower-case word."""
    sv = _swedish.stemWord(word)
    en = _english.stemWord(word)
    return (sv,) if sv == en else (sv, en)


def stemmed_text(text: str) -> str:
    """Space-separated distinct stems of every word in ``text``, for indexing."""
    seen: dict[str, None] = {}
    for word in words(text):
        for stem in stems_of(word):
            seen.setdefault(stem, None)
    return " ".join(seen)


def query_terms(query: str) -> list[tuple[str, ...]]:
    """For each word of a query, the alternatives that may match it."""
    terms: list[tuple[str, ...]] = []
    for word in words(query):
        alternatives = dict.fromkeys((word, *stems_of(word)))
        terms.append(tuple(alternatives))
    return terms
