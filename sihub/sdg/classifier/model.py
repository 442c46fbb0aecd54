"""The SDG classifier: meaning (word vectors against the 169 targets) plus lexical evidence.

For a text, the features are
- its vector (SIF-weighted mean of distilled e5 word vectors, ``vectors.py``),
- per goal, the cosine to the goal's nearest target text and to the goal's own
  title and text (both languages; the 169 targets are the UN's and our Swedish),
- per goal, the weight of the curated phrases found (``lexicon.py``),
- the share of words the vocabulary knows,
- a hashed bag of Snowball stems and stem pairs (the words the development set
  taught it, in either language),
- a hashed bag of character 4-grams of the longer words, which sees inside
  Swedish compounds ("förskoleplatser" shares "förs", "skol" with "förskola") and
  across inflections the stemmer leaves apart.
A kernel ridge regression gives each goal an output: linear in all features,
plus a Gaussian (RBF) kernel on the dense block, so that the text vector and
the per-goal evidence can interact (what a paragraph is about is not a straight
line through the vector space; the linear model alone misread more decoys).  A
small logistic model per goal turns (its output, its lead over the best other
goal) into a probability — "hospital" raises goal 3, but a strong goal 7 beside
it means solar panels on a hospital; a threshold per goal decides.  (The
calibration can also take all 17 outputs, ``stacked``; that measured no better,
so the shipped weights do not.)  All three are fitted on the development set
(``training.py``).  The reported score is the probability shifted so that the
threshold sits at 0.5: a goal is chosen when its score is at least 0.5.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from sihub.sdg.classifier import text as textmod
from sihub.sdg.classifier.lexicon import Lexicon, goal_evidence
from sihub.sdg.classifier.vectors import WordVectors

GOALS = tuple(range(1, 18))
MAX_GOALS = 5  # a paragraph that "addresses" more goals than this addresses none well
TARGETS_PER_GOAL = 2
EVIDENCE_PER_GOAL = 5
BAG_SIZE = 4096  # hashed stem and stem-pair buckets
CHAR_SIZE = 8192  # hashed character 4-gram buckets
CHAR_N = 4
# Below this many words (a title, a keyword) the model is outside what it was
# trained on (paragraphs): only goals with lexicon evidence are chosen.
SHORT_TEXT = 8


class ClassifierInputError(TypeError):
    """The input is not text."""


@dataclass
class ClassifierResult:
    sdgs: list[int]
    scores: dict[int, float]
    targets: list[dict[str, Any]] = field(default_factory=list)
    evidence: dict[int, list[str]] = field(default_factory=dict)
    language: str = "und"

    def as_json(self, id: Any = None) -> dict[str, Any]:  # noqa: A002 - the wire name
        out: dict[str, Any] = {} if id is None else {"id": id}
        out.update({
            "sdgs": list(self.sdgs),
            "scores": {str(g): round(s, 4) for g, s in sorted(self.scores.items())},
            "targets": list(self.targets),
            "evidence": {str(g): list(e) for g, e in self.evidence.items()},
            "language": self.language,
        })
        return out


@dataclass(frozen=True)
class Reference:
    """The 17 goals and 169 targets as the classifier needs them."""

    goal_text: dict[int, str]              # title + text, both languages
    targets: list[tuple[int, str, str, str]]  # (goal, code, text_en, text_sv)

    @classmethod
    def from_sdgs_json(cls, path: Path) -> Reference:
        data = json.loads(path.read_text(encoding="utf-8"))
        goal_text, targets = {}, []
        for g in data["goals"]:
            goal_text[g["number"]] = " ".join(
                (g["title_en"], g["text_en"], g["title_sv"], g["text_sv"]))
            for t in g["targets"]:
                targets.append((g["number"], t["code"], t["text_en"], t["text_sv"]))
        return cls(goal_text=goal_text, targets=targets)


@dataclass
class Ridge:
    """Kernel ridge outputs: a linear part (collapsed into ``coef``) plus an RBF
    kernel between the text's dense block and the training texts' (``support``)."""

    mean: np.ndarray     # (F,) centring of the features
    scale: np.ndarray    # (F,) scaling of the features
    coef: np.ndarray     # (17, F) linear weights
    offset: np.ndarray   # (17,)
    support: np.ndarray  # (n, d) the training texts' scaled dense blocks; (0, d) for none
    dual: np.ndarray     # (n, 17) the RBF part's dual weights
    kernel: np.ndarray   # (3,) gamma, weight of the RBF kernel, norm of the dense block

    def outputs(self, X: np.ndarray) -> np.ndarray:
        """(n, 17) raw outputs."""
        Z = (X - self.mean) * self.scale
        S = Z @ self.coef.T + self.offset
        if len(self.support):
            gamma, weight, norm = (float(v) for v in self.kernel)
            dense = Z[:, :self.support.shape[1]] * norm
            S = S + weight * rbf(dense, self.support, gamma) @ self.dual
        return S


def rbf(A: np.ndarray, B: np.ndarray, gamma: float) -> np.ndarray:
    """exp(-gamma * squared distance) between the rows of A and of B."""
    d2 = (A * A).sum(axis=1)[:, None] + (B * B).sum(axis=1)[None, :] - 2.0 * (A @ B.T)
    return np.exp(-gamma * np.maximum(d2, 0.0))


@dataclass
class Weights:
    version: str
    ridge: Ridge
    calibration: np.ndarray  # (17, 3) logistic weights: output, lead, intercept
    #                          or (17, 20): output, lead, the 17 outputs, intercept
    threshold: np.ndarray    # (17,) probability thresholds
    meta: dict[str, Any] = field(default_factory=dict)

    RIDGE = ("mean", "scale", "coef", "offset", "support", "dual", "kernel")
    ARRAYS = ("calibration", "threshold")

    @classmethod
    def load(cls, path: Path) -> Weights:
        with np.load(path, allow_pickle=False) as z:
            meta = json.loads(str(z["meta"]))
            ridge = Ridge(**{k: z[k].astype(np.float64) for k in cls.RIDGE})
            arrays = {k: z[k].astype(np.float64) for k in cls.ARRAYS}
        return cls(version=meta["version"], ridge=ridge, meta=meta, **arrays)

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path, **{k: getattr(self.ridge, k).astype(np.float32) for k in self.RIDGE},
            **{k: getattr(self, k).astype(np.float32) for k in self.ARRAYS},
            meta=np.array(json.dumps({**self.meta, "version": self.version}, ensure_ascii=False)),
        )


def competition(S: np.ndarray, g: int) -> np.ndarray:
    """For goal index g: its output and its lead over the best other goal, (n, 2).

    The lead is what keeps a hospital-funding text at goal 3 when goal 8's
    output is also raised by "funding".
    """
    others = np.delete(S, g, axis=1).max(axis=1)
    return np.stack([S[:, g], S[:, g] - others], axis=1)


def stacked(S: np.ndarray, g: int) -> np.ndarray:
    """The calibration's inputs for goal index g: output, lead, and all 17 outputs, (n, 19)."""
    return np.hstack([competition(S, g), S])


def calibrated(S: np.ndarray, C: np.ndarray) -> np.ndarray:
    """Probabilities (n, 17) from ridge outputs S and calibration C (either width)."""
    inputs = stacked if C.shape[1] > 3 else competition
    P = np.empty_like(S)
    for g in range(S.shape[1]):
        P[:, g] = sigmoid(inputs(S, g) @ C[g, :-1] + C[g, -1])
    return P


class Featuriser:
    """Text → feature row; also what explains a decision (phrases, nearest targets)."""

    def __init__(self, vectors: WordVectors, lexicon: Lexicon, reference: Reference) -> None:
        self.vectors = vectors
        self.lexicon = lexicon
        self.reference = reference
        goal_of = np.array([g for g, *_ in reference.targets])
        rows = []
        for _g, _code, en, sv in reference.targets:
            rows.append(vectors.text_vector(textmod.words(en))[0])
            rows.append(vectors.text_vector(textmod.words(sv))[0])
        self.target_matrix = np.stack(rows)                      # (2 * 169, D)
        self.target_goal = np.repeat(goal_of, 2)                 # goal of each row
        self.goal_matrix = np.stack(
            [vectors.text_vector(textmod.words(reference.goal_text[g]))[0] for g in GOALS])
        self.dense = vectors.dims + 3 * len(GOALS) + 1
        self.width = self.dense + BAG_SIZE + CHAR_SIZE

    def features(self, texts: list[str]) -> tuple[np.ndarray, list[dict[str, Any]]]:
        X = np.zeros((len(texts), self.width), dtype=np.float32)
        notes: list[dict[str, Any]] = []
        d = self.vectors.dims
        for i, text in enumerate(texts):
            tokens = textmod.words(text)
            lang = textmod.language(tokens)
            vec, coverage = self.vectors.text_vector(tokens)
            tsim = self.target_matrix @ vec
            per_goal_target = np.full(len(GOALS), -1.0, dtype=np.float32)
            np.maximum.at(per_goal_target, self.target_goal - 1, tsim)
            evidence = goal_evidence(self.lexicon.matches(tokens), tokens)
            lex = np.zeros(len(GOALS), dtype=np.float32)
            for g, spans in evidence.items():
                lex[g - 1] = np.log1p(sum(w for _s, w in spans))
            X[i, :d] = vec
            X[i, d:d + 17] = per_goal_target if tokens else 0.0
            X[i, d + 17:d + 34] = self.goal_matrix @ vec
            X[i, d + 34:d + 51] = lex
            X[i, d + 51] = coverage
            X[i, self.dense:self.dense + BAG_SIZE] = bag_of_stems(tokens, lang)
            X[i, self.dense + BAG_SIZE:] = bag_of_character_ngrams(tokens)
            notes.append({"tokens": len(tokens), "language": lang,
                          "evidence": evidence, "target_similarity": tsim})
        return X, notes


def bag_of_stems(tokens: list[str], lang: str) -> np.ndarray:
    """Stems and stem pairs hashed into BAG_SIZE buckets, log counts, unit length."""
    lang = lang if lang in ("sv", "en") else "en"
    stems = [textmod.stem(t, lang) for t in tokens if len(t) > 2]
    v = np.zeros(BAG_SIZE, dtype=np.float32)
    for s in stems:
        v[zlib.crc32(s.encode()) % BAG_SIZE] += 1.0
    for a, b in zip(stems, stems[1:]):
        v[zlib.crc32(f"{a} {b}".encode()) % BAG_SIZE] += 0.5
    v = np.log1p(v)
    norm = float(np.linalg.norm(v))
    return v / norm if norm else v


@lru_cache(maxsize=200_000)
def _ngram_buckets(word: str) -> tuple[int, ...]:
    w = f"<{word}>"
    return tuple(zlib.crc32(w[i:i + CHAR_N].encode()) % CHAR_SIZE
                 for i in range(len(w) - CHAR_N + 1))


def bag_of_character_ngrams(tokens: list[str]) -> np.ndarray:
    """Character 4-grams (word boundaries marked) of words of five letters or more,
    hashed into CHAR_SIZE buckets, log counts, unit length."""
    v = np.zeros(CHAR_SIZE, dtype=np.float32)
    for t in tokens:
        if len(t) > CHAR_N:
            for b in _ngram_buckets(t):
                v[b] += 1.0
    v = np.log1p(v)
    norm = float(np.linalg.norm(v))
    return v / norm if norm else v


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


class Classifier:
    def __init__(self, featuriser: Featuriser, weights: Weights) -> None:
        self.featuriser = featuriser
        self.weights = weights
        self.version = weights.version
        self._shift = logit(weights.threshold)

    def probabilities(self, X: np.ndarray) -> np.ndarray:
        """(n, 17) calibrated probabilities, before the per-goal thresholds."""
        return calibrated(self.weights.ridge.outputs(X), self.weights.calibration)

    def classify(self, texts: list[str]) -> list[ClassifierResult]:
        for t in texts:
            if not isinstance(t, str):
                raise ClassifierInputError(f"expected text, got {type(t).__name__}")
        if not texts:
            return []
        X, notes = self.featuriser.features(texts)
        P = self.probabilities(X)
        scores = sigmoid(logit(P) - self._shift)
        return [self._result(scores[i], notes[i]) for i in range(len(texts))]

    def classify_one(self, text: str) -> ClassifierResult:
        return self.classify([text])[0]

    def _result(self, scores: np.ndarray, note: dict[str, Any]) -> ClassifierResult:
        if note["tokens"] == 0:
            return ClassifierResult(sdgs=[], scores={g: 0.0 for g in GOALS}, language="und")
        chosen = [g for g in sorted(GOALS, key=lambda g: -scores[g - 1]) if scores[g - 1] >= 0.5]
        if note["tokens"] < SHORT_TEXT:
            evidence_weight = {g: sum(w for _s, w in spans) for g, spans in note["evidence"].items()}
            chosen = [g for g in chosen if evidence_weight.get(g, 0.0) >= 0.5]
        chosen = chosen[:MAX_GOALS]
        reference = self.featuriser.reference
        tsim = note["target_similarity"]
        targets: list[dict[str, Any]] = []
        evidence: dict[int, list[str]] = {}
        lang = note["language"]
        for g in chosen:
            best: dict[str, float] = {}
            for row in np.flatnonzero(self.featuriser.target_goal == g):
                code = reference.targets[row // 2][1]
                best[code] = max(best.get(code, -1.0), float(tsim[row]))
            ranked = sorted(best.items(), key=lambda kv: -kv[1])[:TARGETS_PER_GOAL]
            targets += [{"code": c, "score": round(s, 3)} for c, s in ranked]
            why = [f"“{span}”" for span, _w in note["evidence"].get(g, [])[:EVIDENCE_PER_GOAL]]
            if ranked:
                code = ranked[0][0]
                _g, _c, en, sv = next(t for t in reference.targets if t[1] == code)
                target_text = sv if lang == "sv" else en
                why.append(f"{code}: {_shorten(target_text)}")
            evidence[g] = why
        return ClassifierResult(
            sdgs=chosen,
            scores={g: float(scores[g - 1]) for g in GOALS},
            targets=targets,
            evidence=evidence,
            language=lang,
        )


def _shorten(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"
