"""Deterministic synthetic Swedish and English text for large demo data sets."""

from __future__ import annotations

import random

_SV = ("kommunerna samverkar med sociala företag om arbetsintegrering och ungas delaktighet; "
       "civilsamhället och akademin utvecklar nya metoder för hållbar välfärd i regionen").split()
_EN = ("municipalities cooperate with social enterprises on work integration and youth participation; "
       "civil society and academia develop new methods for sustainable welfare in the region").split()


def synthetic_paragraph(seed: int, language: str, words: int = 40) -> str:
    rng = random.Random(seed)  # nosec B311 - synthetic demo text, not a secret
    vocab = _SV if language == "sv" else _EN
    text = " ".join(rng.choice(vocab) for _ in range(words))
    return text[0].upper() + text[1:] + "."
