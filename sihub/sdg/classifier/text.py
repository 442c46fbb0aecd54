"""Words, stems and language for the SDG classifier (no Django)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

# Letters only: digits and punctuation carry no topic here.  \w minus digits and _.
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")

# The most frequent function words of each language; enough to tell a
# paragraph's language apart, and shared words ("i", "a") are left out. Public
# because they are also the core of the stopword lists in monitoring.trends.
SWEDISH_FUNCTION_WORDS = frozenset(
    "och att det som en är av för med till den har de inte om ett på var men så "
    "från kan ska vi även eller efter sina sin sitt också under mellan genom hur "
    "vilket vilka där när därför inom utan blir många mer mot nya detta dessa".split()
)
ENGLISH_FUNCTION_WORDS = frozenset(
    "the and of to is that for are with as on be by this from or have has which "
    "not their its was were will been can more than into also these those such "
    "through between where when who how about all new our we they".split()
)

MAX_CHARACTERS = 20_000  # longer texts are cut: the first 20,000 characters decide


def normalise(text: str) -> str:
    return unicodedata.normalize("NFC", text[:MAX_CHARACTERS]).lower()


def words(text: str) -> list[str]:
    """Lower-cased words; hyphenated compounds ("co-operation") give their parts too."""
    out: list[str] = []
    for match in _WORD.findall(normalise(text)):
        if "-" in match:
            out.extend(p for p in match.split("-") if p)
        else:
            out.append(match)
    return out


def language(tokens: list[str]) -> str:
    """"sv", "en" or "und" (undetermined) from function-word counts."""
    sv = sum(1 for t in tokens if t in SWEDISH_FUNCTION_WORDS)
    en = sum(1 for t in tokens if t in ENGLISH_FUNCTION_WORDS)
    if sv == en:
        return "und"
    return "sv" if sv > en else "en"


_STEMMERS = {
    "sv": snowballstemmer.stemmer("swedish"),
    "en": snowballstemmer.stemmer("english"),
}


@lru_cache(maxsize=200_000)
def stem(word: str, lang: str) -> str:
    return _STEMMERS[lang].stemWord(word)
