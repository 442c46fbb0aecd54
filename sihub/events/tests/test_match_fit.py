"""Pairwise fit of matchmaking profiles (``sihub.events.match_fit``): plain pytest, no database."""

from __future__ import annotations

import numpy as np
import pytest

from sihub.events.match_fit import (
    CROSS_SECTOR,
    INTERESTS,
    OFFER_NEED,
    SDGS,
    W_CROSS_SECTOR,
    W_INTERESTS,
    W_OFFER_NEED,
    W_SDGS,
    Profile,
    fit_components,
    fit_matrix,
    fit_reasons,
)


def profile(pid: int, sector: str = "public", offers: str = "", seeks: str = "",
            interests: str = "", sdgs: frozenset[int] = frozenset()) -> Profile:
    return Profile(id=pid, sector=sector, offers=offers, seeks=seeks, interests=interests,
                   sdgs=sdgs)


def one_hot_embed(texts: list[str]) -> np.ndarray:
    """Each distinct text its own axis: equal texts have cosine 1, different ones 0."""
    vocabulary = {t: i for i, t in enumerate(dict.fromkeys(texts))}
    out = np.zeros((len(texts), max(1, len(vocabulary))))
    for row, text in enumerate(texts):
        out[row, vocabulary[text]] = 1.0
    return out


MENTOR_SV = profile(1, "civil-society",
                    offers="Vi erbjuder mentorskap och praktikplatser för unga arbetslösa",
                    seeks="Vi söker finansiering för vår verksamhet")
MENTOR_NEED_EN = profile(2, "private",
                         seeks="We are looking for mentoring and internships for unemployed "
                               "young people")
ENERGY_NEED_EN = profile(3, "private",
                         seeks="We need solar panels and renewable energy for our buildings")


def test_it_scores_a_swedish_offer_higher_against_an_english_need_on_the_same_topic():
    fit = fit_matrix([MENTOR_SV, MENTOR_NEED_EN, ENERGY_NEED_EN])
    assert fit[0, 1] > fit[0, 2] + 0.1
    same = fit_components([MENTOR_SV, MENTOR_NEED_EN, ENERGY_NEED_EN])[OFFER_NEED]
    assert same[0, 1] > 0.3  # the Swedish offer meets the English need
    assert same[0, 2] == pytest.approx(0.0, abs=0.05)  # mentoring does not meet an energy need
    assert same[1, 0] == 0.0  # the second offers nothing


def test_it_is_symmetric_in_range_with_a_zero_diagonal():
    profiles = [
        MENTOR_SV, MENTOR_NEED_EN, ENERGY_NEED_EN,
        profile(4, "academia", offers="Forskning om äldreomsorg och demens",
                interests="hälsa, äldre", sdgs=frozenset({3})),
        profile(5, "public", offers="Research on elderly care", seeks="cirkulär ekonomi",
                interests="health and older people", sdgs=frozenset({3, 12})),
        profile(6, "public"),
    ]
    fit = fit_matrix(profiles)
    assert fit.shape == (6, 6) and fit.dtype == np.float64
    assert np.array_equal(fit, fit.T)
    assert np.all(np.diag(fit) == 0.0)
    assert fit.min() >= 0.0 and fit.max() <= 1.0
    assert fit[3, 4] > fit[3, 5]  # shared goal, interests and topic beat an empty profile


def test_it_gives_empty_texts_no_text_fit():
    a, b = profile(1, "public"), profile(2, "public")
    assert fit_matrix([a, b])[0, 1] == 0.0
    c = fit_components([profile(1, offers="mentorskap"), profile(2, seeks="")])
    assert c[OFFER_NEED][0, 1] == 0.0 and c[INTERESTS][0, 1] == 0.0


def test_it_weighs_the_components_as_documented():
    a = profile(1, "public", offers="x", seeks="y", interests="z", sdgs=frozenset({3, 8}))
    b = profile(2, "private", offers="q", seeks="x", interests="z", sdgs=frozenset({8}))
    c = fit_components([a, b], one_hot_embed)
    assert c[OFFER_NEED][0, 1] == 1.0 and c[OFFER_NEED][1, 0] == 0.0
    assert c[INTERESTS][0, 1] == 1.0
    assert c[SDGS][0, 1] == pytest.approx(0.5)
    assert c[CROSS_SECTOR][0, 1] == 1.0
    expected = W_OFFER_NEED * 0.5 + W_INTERESTS + W_SDGS * 0.5 + W_CROSS_SECTOR
    assert fit_matrix([a, b], one_hot_embed)[0, 1] == pytest.approx(expected)
    assert W_OFFER_NEED + W_INTERESTS + W_SDGS + W_CROSS_SECTOR == pytest.approx(1.0)


def test_it_scores_a_mutual_offer_and_need_highest():
    a = profile(1, offers="x", seeks="y")
    b = profile(2, offers="y", seeks="x")
    one_way = profile(3, offers="q", seeks="x")
    fit = fit_matrix([a, b, one_way], one_hot_embed)
    assert fit[0, 1] == pytest.approx(W_OFFER_NEED)
    assert fit[0, 2] == pytest.approx(W_OFFER_NEED / 2)


def test_it_handles_no_profiles():
    assert fit_matrix([]).shape == (0, 0)


def test_it_explains_a_fit_with_reason_codes():
    a = profile(7, "public", offers="x", interests="z", sdgs=frozenset({3, 8, 10}))
    b = profile(9, "private", seeks="x", interests="z", sdgs=frozenset({8, 3}))
    reasons = fit_reasons(a, b, one_hot_embed)
    assert reasons[0] == ("offer_need", "7")  # a's offer meets b's need: the strongest part
    assert ("sdgs", "3, 8") in reasons
    assert ("interests", "100") in reasons
    assert ("cross_sector", "public, private") in reasons
    assert [code for code, _ in reasons].count("offer_need") == 1


def test_it_gives_no_reasons_for_strangers_of_one_sector():
    a = profile(1, "public", offers="solceller och förnybar energi")
    b = profile(2, "public", seeks="läxhjälp för barn i skolan")
    assert fit_reasons(a, b) == []


def test_it_explains_with_the_real_embedder_across_languages():
    reasons = fit_reasons(MENTOR_SV, MENTOR_NEED_EN)
    assert ("offer_need", "1") in reasons
    assert ("cross_sector", "civil-society, private") in reasons
