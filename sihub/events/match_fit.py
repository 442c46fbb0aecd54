"""How well two matchmaking participants fit: a score in [0, 1] from their profiles, and why.

Pure numpy over plain data (no Django): the Django layer turns each
``MatchProfile`` into a ``Profile``, calls ``fit_matrix`` once for an event's
participants and hands the matrix to the scheduler (``sihub.events.matchmaking``);
``fit_reasons`` explains a proposed meeting with codes it translates.

The fit of a and b is a weighted sum of components, each between 0 and 1:

================  ======  =====================================================
component         weight  value
================  ======  =====================================================
``offer_need``     0.45   text similarity of what a offers to what b seeks, and
                          of what b offers to what a seeks: the mean of the two
                          directions, so a meeting that helps both counts most
``interests``      0.20   text similarity of the two interest texts
``sdgs``           0.25   Jaccard of the two sets of goals
``cross_sector``   0.10   1 when their sectors differ (the event is there to
                          join sectors; the scheduler's variety rule is the
                          guarantee, this only tilts ties toward it)
================  ======  =====================================================

Text similarity is the cosine of the two texts' vectors from
``sihub.sdg.classifier.multilingual`` (Swedish and English in one space),
rescaled: cosines at or below ``TEXT_FLOOR`` are what unrelated texts score on
that embedder (measured: 0.0–0.3, mostly < 0.15) and count 0; ``TEXT_FULL``
and above (a text and its translation score 0.45–0.7) count 1. An empty
text gives 0 for its component. The matrix is symmetric with a zero diagonal.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

Embed = Callable[[list[str]], np.ndarray]

W_OFFER_NEED = 0.45
W_INTERESTS = 0.20
W_SDGS = 0.25
W_CROSS_SECTOR = 0.10

TEXT_FLOOR = 0.15  # cosine of unrelated texts on the multilingual embedder: counts 0
TEXT_FULL = 0.60  # cosine of a text and its translation, or closer: counts 1
REASON_TEXT_MIN = 0.25  # rescaled similarity from which a text match is given as a reason

# Reason codes: the Django layer turns each into a translated sentence.
OFFER_NEED = "offer_need"  # detail: the id of the person whose offer meets the other's need
INTERESTS = "interests"  # detail: the rescaled similarity in percent, "62"
SDGS = "sdgs"  # detail: the shared goal numbers, "3, 8"
CROSS_SECTOR = "cross_sector"  # detail: the two sector slugs, "private, public"


@dataclass(frozen=True)
class Profile:
    """A participant's matchmaking profile as the fit sees it."""

    id: int
    sector: str  # sector slug
    offers: str  # free text, Swedish or English
    seeks: str
    interests: str
    sdgs: frozenset[int]  # goal numbers


def _default_embed() -> Embed:
    from sihub.sdg.classifier.multilingual import default_embedder

    return default_embedder()


def _unit(m: np.ndarray) -> np.ndarray:
    m = np.asarray(m, dtype=np.float64)
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return np.divide(m, norms, out=np.zeros_like(m), where=norms > 1e-9)


def _rescale(cos: np.ndarray) -> np.ndarray:
    return np.clip((cos - TEXT_FLOOR) / (TEXT_FULL - TEXT_FLOOR), 0.0, 1.0)


def fit_components(profiles: Sequence[Profile], embed: Embed | None = None
                   ) -> dict[str, np.ndarray]:
    """Each component as an n×n matrix in [0, 1] (``offer_need`` directed: row offers, column seeks).

    Keys: ``offer_need`` (not symmetric: [a, b] is a's offer against b's need),
    ``interests``, ``sdgs``, ``cross_sector`` (symmetric). Diagonals are 0.
    """
    n = len(profiles)
    if n == 0:
        empty = np.zeros((0, 0))
        return {OFFER_NEED: empty, INTERESTS: empty, SDGS: empty, CROSS_SECTOR: empty}
    embed = embed or _default_embed()
    texts = [p.offers.strip() for p in profiles]
    texts += [p.seeks.strip() for p in profiles]
    texts += [p.interests.strip() for p in profiles]
    vectors = _unit(embed(texts))
    # An empty text has no vector, whatever the embedder returns for "".
    vectors[[i for i, t in enumerate(texts) if not t]] = 0.0
    offers, seeks, interests = vectors[:n], vectors[n:2 * n], vectors[2 * n:]

    offer_need = _rescale(offers @ seeks.T)
    shared_interests = _rescale(interests @ interests.T)

    goals = np.zeros((n, 18))
    for i, p in enumerate(profiles):
        goals[i, [g for g in p.sdgs if 1 <= g <= 17]] = 1.0
    inter = goals @ goals.T
    sizes = goals.sum(axis=1)
    union = sizes[:, None] + sizes[None, :] - inter
    jaccard = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)

    sectors = np.array([p.sector for p in profiles], dtype=object)
    cross = (sectors[:, None] != sectors[None, :]).astype(np.float64)

    out = {OFFER_NEED: offer_need, INTERESTS: shared_interests, SDGS: jaccard,
           CROSS_SECTOR: cross}
    for m in out.values():
        np.fill_diagonal(m, 0.0)
    return out


def fit_matrix(profiles: Sequence[Profile], embed: Embed | None = None) -> np.ndarray:
    """Symmetric n×n float64 fit in [0, 1], aligned with ``profiles``; diagonal 0.

    ``embed`` maps texts to vectors (one row per text); the default is the
    process-wide multilingual embedder (loaded once, ~0.5 s).
    """
    c = fit_components(profiles, embed)
    if not len(profiles):
        return np.zeros((0, 0))
    mutual = (c[OFFER_NEED] + c[OFFER_NEED].T) / 2
    fit = (W_OFFER_NEED * mutual + W_INTERESTS * c[INTERESTS] + W_SDGS * c[SDGS]
           + W_CROSS_SECTOR * c[CROSS_SECTOR])
    fit = np.clip((fit + fit.T) / 2, 0.0, 1.0)  # exactly symmetric despite float rounding
    np.fill_diagonal(fit, 0.0)
    return fit


def fit_reasons(a: Profile, b: Profile, embed: Embed | None = None
                ) -> list[tuple[str, str]]:
    """Why a and b fit, strongest first, as (code, detail) pairs (codes above).

    ``offer_need`` may come twice, once per direction whose similarity reaches
    ``REASON_TEXT_MIN``; its detail is the id of the person who offers.
    """
    c = fit_components([a, b], embed)
    scored: list[tuple[float, str, str]] = []
    for i, j, offerer in ((0, 1, a), (1, 0, b)):
        sim = float(c[OFFER_NEED][i, j])
        if sim >= REASON_TEXT_MIN:
            scored.append((W_OFFER_NEED * sim / 2, OFFER_NEED, str(offerer.id)))
    interests = float(c[INTERESTS][0, 1])
    if interests >= REASON_TEXT_MIN:
        scored.append((W_INTERESTS * interests, INTERESTS, str(round(100 * interests))))
    shared = sorted(a.sdgs & b.sdgs)
    if shared:
        scored.append((W_SDGS * float(c[SDGS][0, 1]), SDGS, ", ".join(map(str, shared))))
    if a.sector != b.sector:
        scored.append((W_CROSS_SECTOR, CROSS_SECTOR, f"{a.sector}, {b.sector}"))
    scored.sort(key=lambda r: -r[0])  # stable: equal weights keep the order above
    return [(code, detail) for _, code, detail in scored]
