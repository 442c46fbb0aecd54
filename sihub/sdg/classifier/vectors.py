"""Static word vectors distilled from multilingual-e5-small (see scripts/distill_word_vectors.py).

A text's vector is the SIF-weighted mean of its words' vectors, so a paragraph
costs a few dictionary lookups instead of a transformer pass, and Swedish and
English share one space.  Swedish compounds missing from the vocabulary are
split into two known words ("förskoleplatser" → "förskole" + "platser"),
allowing the linking -s ("arbetsmarknad" → "arbet(s)" + "marknad").
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

SHORTEST_PART = 3


class WordVectors:
    def __init__(self, path: Path) -> None:
        with np.load(path, allow_pickle=False) as z:
            words = z["words"].tolist()
            self.matrix = (z["vectors"].astype(np.float32) * z["scale"][:, None]).astype(np.float32)
            self.sif = z["sif"].astype(np.float32)
        self.index = {w: i for i, w in enumerate(words)}
        self.dims = self.matrix.shape[1]

    def __hash__(self) -> int:
        return id(self)

    @lru_cache(maxsize=200_000)  # noqa: B019 - one instance per process
    def lookup(self, word: str) -> tuple[int, ...]:
        """Row numbers standing for a word: itself, or the two halves of a compound."""
        i = self.index.get(word)
        if i is not None:
            return (i,)
        n = len(word)
        best: tuple[int, ...] = ()
        # Prefer the longest known head: "arbetsmarknadsåtgärder" → "arbetsmarknads" + "åtgärder".
        for k in range(n - SHORTEST_PART, SHORTEST_PART - 1, -1):
            head, tail = word[:k], word[k:]
            j = self.index.get(tail)
            if j is None:
                continue
            h = self.index.get(head)
            if h is None and head.endswith("s") and len(head) > SHORTEST_PART:
                h = self.index.get(head[:-1])
            if h is not None:
                best = (h, j)
                break
        return best

    def text_vector(self, tokens: list[str]) -> tuple[np.ndarray, float]:
        """(unit vector, share of words found); a zero vector when no word is known."""
        rows: list[int] = []
        for t in tokens:
            rows.extend(self.lookup(t))
        known = sum(1 for t in tokens if self.lookup(t))
        if not rows:
            return np.zeros(self.dims, dtype=np.float32), 0.0
        idx = np.fromiter(rows, dtype=np.int64)
        v = self.sif[idx] @ self.matrix[idx]
        norm = float(np.linalg.norm(v))
        if norm > 0:
            v = v / norm
        return v.astype(np.float32), known / len(tokens)
