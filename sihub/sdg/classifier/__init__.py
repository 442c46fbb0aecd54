"""Which of the 17 SDGs a Swedish or English text addresses — offline, on CPU, no Django.

    from sihub.sdg.classifier import get_classifier
    result = get_classifier().classify_one("Regionen bygger ut vårdcentralerna ...")
    result.sdgs      # [3]
    result.scores    # {1: 0.02, ..., 3: 0.91, ...}
    result.targets   # [{"code": "3.8", "score": 0.61}, ...]
    result.evidence  # {3: ["“vårdcentralerna”", "3.8: Uppnå hälso- och sjukvård för alla ..."]}

How it decides is in ``model.py``; how it was trained and measured in
``training.py``, ``scripts/train_sdg_classifier.py`` and ``bench/sdg.py``; the data
it stands on in ``sihub/sdg/data/`` (README there).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from sihub.sdg.classifier.lexicon import Lexicon
from sihub.sdg.classifier.model import (
    Classifier,
    ClassifierInputError,
    ClassifierResult,
    Featuriser,
    Reference,
    Weights,
)
from sihub.sdg.classifier.vectors import WordVectors

DATA = Path(__file__).resolve().parent.parent / "data"
VECTORS = DATA / "classifier" / "vectors.npz"
WEIGHTS = DATA / "classifier" / "weights.npz"
LEXICON = DATA / "lexicon.tsv"
REFERENCE = DATA / "sdgs.json"

__all__ = ["Classifier", "ClassifierInputError", "ClassifierResult", "build_featuriser",
           "get_classifier"]


@lru_cache(maxsize=1)
def build_featuriser() -> Featuriser:
    return Featuriser(WordVectors(VECTORS), Lexicon.from_file(LEXICON),
                      Reference.from_sdgs_json(REFERENCE))


@lru_cache(maxsize=1)
def get_classifier() -> Classifier:
    """The process-wide classifier (loaded on first use, ~1 s, ~100 MB)."""
    return Classifier(build_featuriser(), Weights.load(WEIGHTS))
