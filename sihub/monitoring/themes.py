"""Which of the site's themes a feed item's text is about (no Django).

The themes are the fixed vocabulary in ``core.services.THEMES``; the phrases
that name them, in Swedish and English, are in ``data/themes.tsv`` (columns
slug, lang, weight, phrase). Phrases match the way the SDG lexicon's do
(``sdg/classifier/lexicon.py``), with the same words and stems
(``sdg/classifier/text.py``): a plain phrase word matches text words with the
same Snowball stem in the phrase's language, ``*`` at the end of a word
matches any continuation, at the start any beginning, at both ends anything
around it — Swedish builds compounds ("återbruk*" finds "återbruksgalleria").

A theme is found when the distinct phrases of it that occur weigh at least
``THRESHOLD``: one strong phrase (weight 2, "social upphandling") or two weak
ones (weight 1, "upphandling" and "anbud"). A weak word alone ("school",
"barn") is too common in this field's news to tag an item with.

Fast enough for ingestion: the patterns a text word matches are computed once
per distinct word and cached, so a text costs one dict look-up per word.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sihub.sdg.classifier.lexicon import SHORTEST_AFFIX
from sihub.sdg.classifier.text import stem, words

DATA = Path(__file__).parent / "data" / "themes.tsv"
THRESHOLD = 2
LANGUAGES = ("sv", "en")
_CACHE_SIZE = 200_000  # distinct words remembered; cleared when full


@dataclass(frozen=True)
class ThemePhrase:
    slug: str
    lang: str
    weight: int
    text: str
    parts: tuple[int, ...]  # ids of the word patterns, in order


class ThemeMatcher:
    """Finds theme slugs in texts; build once (``get_matcher``), use for many texts."""

    def __init__(self, rows: list[tuple[str, str, int, str]]) -> None:
        self.phrases: list[ThemePhrase] = []
        self._exact: dict[tuple[str, str], int] = {}  # (lang, stem) -> pattern id
        self._prefix: dict[str, int] = {}
        self._suffix: dict[str, int] = {}
        self._infix: dict[str, int] = {}
        self._by_first: dict[int, list[ThemePhrase]] = defaultdict(list)
        self._word_patterns: dict[str, frozenset[int]] = {}
        # Two phrases of a theme with the same patterns ("kvinnor", "kvinnliga":
        # one stem) are one phrase, of the higher weight, so they never add up.
        chosen: dict[tuple[str, tuple[int, ...]], ThemePhrase] = {}
        for slug, lang, weight, text in rows:
            # Hyphens split words in texts ("co-operative"), so in phrases too.
            key = (slug, lang, " ".join(text.lower().replace("-", " ").split()))
            if lang not in LANGUAGES or weight < 1 or not slug or not key[2]:
                raise ValueError(f"bad theme phrase row: {slug}\t{lang}\t{weight}\t{text}")
            parts = tuple(self._pattern_id(word, lang) for word in key[2].split())
            phrase = ThemePhrase(slug=slug, lang=lang, weight=weight, text=key[2], parts=parts)
            other = chosen.get((slug, parts))
            if other is None or other.weight < weight:
                chosen[(slug, parts)] = phrase
        self.phrases = list(chosen.values())
        for phrase in self.phrases:
            self._by_first[phrase.parts[0]].append(phrase)

    @classmethod
    def from_file(cls, path: Path = DATA) -> ThemeMatcher:
        with path.open(encoding="utf-8") as f:
            lines = (line for line in f if line.strip() and not line.startswith("#"))
            rows = [(slug, lang, int(weight), phrase)
                    for slug, lang, weight, phrase in csv.reader(lines, delimiter="\t")
                    if slug != "slug"]
        return cls(rows)

    @property
    def slugs(self) -> set[str]:
        return {phrase.slug for phrase in self.phrases}

    def _pattern_id(self, pattern: str, lang: str) -> int:
        starts, ends = pattern.startswith("*"), pattern.endswith("*")
        core = pattern.strip("*")
        table: dict
        if starts or ends:
            if len(core) < SHORTEST_AFFIX:
                raise ValueError(f"theme phrase too short around '*': {pattern!r}")
            table = self._infix if starts and ends else self._prefix if ends else self._suffix
            key: object = core
        else:
            table, key = self._exact, (lang, stem(core, lang))
        if key not in table:
            table[key] = (len(self._exact) + len(self._prefix) + len(self._suffix)
                          + len(self._infix))
        return table[key]

    def _patterns(self, word: str) -> frozenset[int]:
        """The ids of the patterns ``word`` matches; cached per distinct word."""
        found = self._word_patterns.get(word)
        if found is not None:
            return found
        hits: set[int] = set()
        for lang in LANGUAGES:
            if (hit := self._exact.get((lang, stem(word, lang)))) is not None:
                hits.add(hit)
        n = len(word)
        for k in range(SHORTEST_AFFIX, n + 1):
            if (hit := self._prefix.get(word[:k])) is not None:
                hits.add(hit)
            if (hit := self._suffix.get(word[n - k:])) is not None:
                hits.add(hit)
        if self._infix:
            for i in range(n - SHORTEST_AFFIX + 1):
                for j in range(i + SHORTEST_AFFIX, n + 1):
                    if (hit := self._infix.get(word[i:j])) is not None:
                        hits.add(hit)
        if len(self._word_patterns) >= _CACHE_SIZE:
            self._word_patterns.clear()
        found = self._word_patterns[word] = frozenset(hits)
        return found

    def matched_phrases(self, text: str | list[str]) -> list[ThemePhrase]:
        """The distinct phrases in ``text`` (or its ``words``), in order of first occurrence."""
        tokens = words(text) if isinstance(text, str) else text
        patterns = [self._patterns(token) for token in tokens]
        found: dict[ThemePhrase, None] = {}
        for i, here in enumerate(patterns):
            for first in here:
                for phrase in self._by_first.get(first, ()):
                    end = i + len(phrase.parts)
                    if end <= len(patterns) and all(
                        phrase.parts[k] in patterns[i + k] for k in range(1, len(phrase.parts))
                    ):
                        found.setdefault(phrase)
        return list(found)

    def find(self, text: str | list[str]) -> set[str]:
        """Slugs of the themes ``text`` is about (see the module docstring).

        ``text`` may also be its ``words(text)``, when the caller has them already.
        """
        weight: dict[str, int] = defaultdict(int)
        for phrase in self.matched_phrases(text):
            weight[phrase.slug] += phrase.weight
        return {slug for slug, total in weight.items() if total >= THRESHOLD}


@lru_cache(maxsize=1)
def get_matcher() -> ThemeMatcher:
    """The matcher for ``data/themes.tsv``, built once per process."""
    return ThemeMatcher.from_file(DATA)
