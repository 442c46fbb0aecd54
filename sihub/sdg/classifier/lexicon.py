"""Precise lexical evidence: curated phrases per goal, in Swedish and English.

The file ``sdg/data/lexicon.tsv`` has the columns goal, lang, weight, phrase.
A phrase matches a run of consecutive words.  A plain phrase word matches a
text word with the same Snowball stem (in the phrase's language), so
"hospital" finds "hospitals" and "sjukhus" finds "sjukhusen".  ``*`` at the end
matches any continuation ("fattigdom*" finds "fattigdomsbekämpning"), at the
start any beginning ("*sjukhus" finds "akutsjukhus"), at both ends anything
around it — the way Swedish builds compounds.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from sihub.sdg.classifier.text import stem

SHORTEST_AFFIX = 3  # a wildcard part shorter than this would match too much


@dataclass(frozen=True)
class Phrase:
    goal: int
    lang: str
    weight: float
    text: str
    parts: tuple[int, ...]  # ids of the word patterns, in order


@dataclass(frozen=True)
class Match:
    phrase: Phrase
    start: int
    end: int  # exclusive, in words


@dataclass
class Lexicon:
    phrases: list[Phrase] = field(default_factory=list)
    # one id per distinct word pattern; how each kind of pattern is looked up
    _exact: dict[tuple[str, str], int] = field(default_factory=dict)  # (lang, stem)
    _prefix: dict[str, int] = field(default_factory=dict)
    _suffix: dict[str, int] = field(default_factory=dict)
    _infix: dict[str, int] = field(default_factory=dict)
    _by_first: dict[int, list[Phrase]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[int, str, float, str]]) -> Lexicon:
        lexicon = cls()
        seen: set[tuple[int, str, str]] = set()
        for goal, lang, weight, text in rows:
            if not 1 <= goal <= 17 or lang not in ("sv", "en") or weight <= 0:
                raise ValueError(f"bad lexicon row: {goal}\t{lang}\t{weight}\t{text}")
            key = (goal, lang, text.strip().lower())
            if key in seen or not key[2]:
                continue
            seen.add(key)
            parts = tuple(lexicon._pattern_id(p, lang) for p in key[2].split())
            if -1 in parts:
                raise ValueError(f"lexicon phrase too short around '*': {text!r}")
            phrase = Phrase(goal=goal, lang=lang, weight=weight, text=key[2], parts=parts)
            lexicon.phrases.append(phrase)
            lexicon._by_first[parts[0]].append(phrase)
        lexicon._matching_patterns.cache_clear()
        return lexicon

    @classmethod
    def from_file(cls, path: Path) -> Lexicon:
        rows = []
        with path.open(encoding="utf-8") as f:
            reader = csv.reader((ln for ln in f if ln.strip() and not ln.startswith("#")),
                                delimiter="\t")
            for row in reader:
                if row[0] == "goal":
                    continue
                goal, lang, weight, text = row
                rows.append((int(goal), lang, float(weight), text))
        return cls.from_rows(rows)

    def _pattern_id(self, pattern: str, lang: str) -> int:
        starts, ends = pattern.startswith("*"), pattern.endswith("*")
        core = pattern.strip("*")
        if starts or ends:
            if len(core) < SHORTEST_AFFIX:
                return -1
            table = self._infix if starts and ends else self._prefix if ends else self._suffix
            key: object = core
        else:
            table, key = self._exact, (lang, stem(core, lang))
        if key not in table:
            table[key] = self._next_id()  # type: ignore[index]
        return table[key]  # type: ignore[index]

    def _next_id(self) -> int:
        return len(self._exact) + len(self._prefix) + len(self._suffix) + len(self._infix)

    @lru_cache(maxsize=100_000)  # noqa: B019 - one lexicon per process, words repeat a lot
    def _matching_patterns(self, word: str) -> frozenset[int]:
        found: set[int] = set()
        for lang in ("sv", "en"):
            hit = self._exact.get((lang, stem(word, lang)))
            if hit is not None:
                found.add(hit)
        n = len(word)
        for k in range(SHORTEST_AFFIX, n + 1):
            if (hit := self._prefix.get(word[:k])) is not None:
                found.add(hit)
            if (hit := self._suffix.get(word[n - k:])) is not None:
                found.add(hit)
        if self._infix:
            for i in range(n - SHORTEST_AFFIX + 1):
                for j in range(i + SHORTEST_AFFIX, n + 1):
                    if (hit := self._infix.get(word[i:j])) is not None:
                        found.add(hit)
        return frozenset(found)

    def __hash__(self) -> int:  # for the lru_cache on a method
        return id(self)

    def matches(self, tokens: list[str]) -> list[Match]:
        patterns = [self._matching_patterns(t) for t in tokens]
        out: list[Match] = []
        for i, here in enumerate(patterns):
            for first in here:
                for phrase in self._by_first.get(first, ()):
                    end = i + len(phrase.parts)
                    if end <= len(tokens) and all(
                        phrase.parts[k] in patterns[i + k] for k in range(1, len(phrase.parts))
                    ):
                        out.append(Match(phrase=phrase, start=i, end=end))
        return out


def goal_evidence(matches: list[Match], tokens: list[str]) -> dict[int, list[tuple[str, float]]]:
    """Per goal, the distinct text spans that matched, strongest first."""
    best: dict[int, dict[str, float]] = defaultdict(dict)
    for m in matches:
        span = " ".join(tokens[m.start:m.end])
        spans = best[m.phrase.goal]
        spans[span] = max(spans.get(span, 0.0), m.phrase.weight)
    return {g: sorted(s.items(), key=lambda kv: (-kv[1], kv[0])) for g, s in best.items()}
