"""The member-suggestion ranking on small known cases (no database).

Most tests use a tiny bag-of-words embedder so similarities are exact
(cos("unga jobb", "unga") = 1/√2); the cross-language tests use the real
multilingual word vectors.
"""

from __future__ import annotations

import math
import random

import numpy as np
import pytest

from sihub.coalitions.suggest import (
    DEFAULT_WEIGHTS,
    Candidate,
    Challenge,
    default_embedder,
    rank,
    sector_mix,
    semantic_similarities,
)
from sihub.sdg.classifier.text import words

VOCABULARY = ("unga", "jobb", "hav", "skola")


class FakeEmbedder:
    """Counts of four words; records its calls so batching can be checked."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def __call__(self, texts: list[str]) -> np.ndarray:
        assert all(t.strip() for t in texts), "empty texts are not embedded"
        self.calls.append(list(texts))
        return np.array([[t.lower().split().count(w) for w in VOCABULARY] for t in texts],
                        dtype=float)


def challenge(**overrides: object) -> Challenge:
    base: dict[str, object] = dict(
        text="unga jobb",
        sdgs=frozenset({8, 10}),
        targets=frozenset({"8.6"}),
        county_codes=frozenset({"24"}),
        municipality_codes=frozenset({"2480"}),
        needed_offering_kinds=frozenset({"advice"}),
        member_ids=frozenset({1, 2}),
        member_sectors={"public": 2},
        region_names={"2480": "Umeå", "24": "Västerbotten"},
    )
    base.update(overrides)
    return Challenge(**base)  # type: ignore[arg-type]


MEMBER = Candidate(id=1, name="Umeå kommun", sector="public", description="unga jobb",
                   sdgs=frozenset({8}), municipality_codes=frozenset({"2480"}))
JOBS = Candidate(id=10, name="Ungdomsjobb AB", sector="private", description="unga jobb",
                 offering_kinds=frozenset({"advice"}), sdgs=frozenset({8}),
                 targets=frozenset({"8.6"}), municipality_codes=frozenset({"2480"}),
                 related_ids=frozenset({1, 99}))
UNIVERSITY = Candidate(id=11, name="Umeå universitet", sector="academia", description="unga",
                       sdgs=frozenset({4}), county_codes=frozenset({"24"}))
SEA = Candidate(id=12, name="Havsföreningen", sector="civil-society", description="hav",
                sdgs=frozenset({14}), serves_national=True)
STRANGER = Candidate(id=13, name="Skolbolaget", sector="private", description="skola",
                     county_codes=frozenset({"01"}))


def test_it_ranks_a_known_case_in_the_expected_order_with_exact_scores() -> None:
    embed = FakeEmbedder()
    result = rank(challenge(), [SEA, STRANGER, UNIVERSITY, MEMBER, JOBS], embed=embed)

    assert [s.candidate_id for s in result] == [10, 11, 12]
    jobs, university, sea = result
    assert jobs.components == pytest.approx({
        "semantic": 1.0, "sdg_overlap": 0.6 * 0.5 + 0.4 * 1.0, "region": 1.0, "offerings": 1.0,
        "relations": 1 / 3, "missing_sector": 1.0, "dominant_sector": 0.0})
    assert jobs.score == pytest.approx(0.3 + 0.2 * 0.7 + 0.15 + 0.15 + 0.1 / 3 + 0.1, abs=1e-6)
    assert university.score == pytest.approx(0.3 / math.sqrt(2) + 0.15 * 0.7 + 0.1, abs=1e-6)
    assert sea.score == pytest.approx(0.15 * 0.4 + 0.1, abs=1e-6)


def test_it_gives_reasons_strongest_first() -> None:
    jobs, university, sea = rank(challenge(), [JOBS, UNIVERSITY, SEA], embed=FakeEmbedder())

    assert [r.code for r in jobs.reasons] == [
        "semantic", "region_municipality", "offerings", "sdg_overlap", "missing_sector",
        "relations"]
    assert [r.message for r in jobs.reasons[1:]] == [
        "Works in Umeå",
        "Offers advice, which the challenge needs",
        "Shares SDG 8 (target 8.6)",
        "From the private sector, which the coalition lacks",
        "Related to 1 member",
    ]
    assert jobs.reasons[0].params == {"similarity": 1.0}
    assert jobs.reasons[5].params == {"count": 1, "member_ids": (1,)}
    assert [(r.code, r.message) for r in university.reasons] == [
        ("semantic", "Describes work close to the challenge (similarity 0.71)"),
        ("region_county", "Works in Västerbotten"),
        ("missing_sector", "From the academia sector, which the coalition lacks"),
    ]
    assert [r.message for r in sea.reasons] == [  # 0.10 for the sector beats 0.15 × 0.4
        "From the civil-society sector, which the coalition lacks", "Works in all of Sweden"]


def test_it_names_several_shared_goals_and_related_members() -> None:
    candidate = Candidate(id=20, name="Nätverket", sector="public", sdgs=frozenset({8, 10}),
                          related_ids=frozenset({1, 2}))
    (s,) = rank(challenge(targets=frozenset()), [candidate], embed=FakeEmbedder())

    assert s.components["sdg_overlap"] == 1.0  # no challenge targets: goals alone
    assert [r.message for r in s.reasons] == [
        "Shares SDGs 8 and 10", "Related to 2 members", "From the public sector, which already "
        "dominates the coalition"]


def test_it_excludes_existing_members_and_actors_with_no_fit() -> None:
    result = rank(challenge(), [MEMBER, STRANGER], embed=FakeEmbedder())

    assert result == []


def test_it_returns_nothing_for_no_candidates_without_embedding() -> None:
    embed = FakeEmbedder()

    assert rank(challenge(), [], embed=embed) == []
    assert embed.calls == []


def test_it_embeds_all_texts_in_one_call_and_skips_empty_ones() -> None:
    embed = FakeEmbedder()
    silent = Candidate(id=30, name="Tyst förening", sector="civil-society", sdgs=frozenset({10}))
    offers = Candidate(id=31, name="Erbjudaren", sector="private",
                       offering_texts=("hav", "  ", "skola"))

    rank(challenge(), [JOBS, silent, UNIVERSITY, offers], embed=embed)

    assert embed.calls == [["unga jobb", "unga jobb", "unga", "hav\nskola"]]


def test_it_ranks_a_candidate_with_no_text_on_the_rest() -> None:
    silent = Candidate(id=30, name="Tyst förening", sector="civil-society", sdgs=frozenset({10}))

    (s,) = rank(challenge(), [silent], embed=FakeEmbedder())

    assert s.components["semantic"] == 0.0
    assert s.components["sdg_overlap"] == pytest.approx(0.6 * 0.5)
    assert [r.code for r in s.reasons] == ["missing_sector", "sdg_overlap"]


def test_it_skips_semantics_when_the_challenge_has_no_text() -> None:
    embed = FakeEmbedder()

    result = rank(challenge(text="  "), [JOBS], embed=embed)

    assert embed.calls == []
    assert result[0].components["semantic"] == 0.0
    assert "semantic" not in [r.code for r in result[0].reasons]


BALANCED = {"public": 1, "private": 1, "civil-society": 1}  # academia missing, none dominant
CLOSER = Candidate(id=40, name="Företaget", sector="private", description="unga jobb")
FARTHER = Candidate(id=41, name="Högskolan", sector="academia", description="unga")


def test_it_prefers_a_missing_sector_enough_to_flip_the_order() -> None:
    on = rank(challenge(member_sectors=BALANCED), [CLOSER, FARTHER], embed=FakeEmbedder())
    off = rank(challenge(member_sectors=BALANCED), [CLOSER, FARTHER], embed=FakeEmbedder(),
               prefer_missing_sectors=False)

    assert [s.candidate_id for s in on] == [41, 40]
    assert on[0].reasons[-1].code == "missing_sector"
    assert [s.candidate_id for s in off] == [40, 41]
    assert all(s.components["missing_sector"] == 0.0 for s in off)
    assert "missing_sector" not in [r.code for s in off for r in s.reasons]


def test_it_does_not_flip_when_the_bonus_weighs_too_little() -> None:
    result = rank(challenge(member_sectors=BALANCED), [CLOSER, FARTHER], embed=FakeEmbedder(),
                  weights={"missing_sector": 0.01})

    assert [s.candidate_id for s in result] == [40, 41]


def test_it_penalises_a_dominant_sector() -> None:
    mix = {"public": 4, "private": 1, "academia": 1, "civil-society": 1}  # public 4/7
    alpha = Candidate(id=50, name="Alfa", sector="public", description="unga jobb")
    beta = Candidate(id=51, name="Beta", sector="private", description="unga jobb")

    on = rank(challenge(member_sectors=mix), [alpha, beta], embed=FakeEmbedder())
    off = rank(challenge(member_sectors=mix), [alpha, beta], embed=FakeEmbedder(),
               prefer_missing_sectors=False)

    assert [s.candidate_id for s in on] == [51, 50]
    assert on[0].score - on[1].score == pytest.approx(DEFAULT_WEIGHTS["dominant_sector"])
    assert on[1].reasons[-1].code == "dominant_sector"
    assert on[1].reasons[-1].params == {"sector": "public", "share": round(4 / 7, 3)}
    assert [s.candidate_id for s in off] == [50, 51]  # equal: by name


def test_it_reads_the_sector_mix() -> None:
    assert sector_mix({"public": 3, "private": 3}).dominant is None  # exactly half is not more
    mix = sector_mix({"public": 4, "academia": 1, "social-economy": 3})
    assert mix.total == 8  # social economy counts toward the total ...
    assert mix.dominant is None
    assert mix.missing == ("private", "civil-society")  # ... but is not a sector one must have
    assert sector_mix({}).missing == ("private", "public", "academia", "civil-society")
    assert sector_mix({"academia": 2}).dominant == "academia"


def test_it_breaks_ties_by_name_then_id_whatever_the_input_order() -> None:
    twins = [Candidate(id=i, name=name, sector="private", description="unga")
             for i, name in ((7, "beta"), (4, "Alfa"), (3, "alfa"), (5, "Gamma"))]
    orders = set()
    for seed in range(5):
        shuffled = twins[:]
        random.Random(seed).shuffle(shuffled)  # nosec B311 - test order, not security
        orders.add(tuple(s.candidate_id for s in rank(challenge(), shuffled,
                                                      embed=FakeEmbedder())))

    assert orders == {(3, 4, 7, 5)}


def test_it_limits_the_list() -> None:
    many = [Candidate(id=100 + i, name=f"Aktör {i:02}", sector="private", description="unga")
            for i in range(30)]

    assert len(rank(challenge(), many, embed=FakeEmbedder())) == 20
    assert len(rank(challenge(), many, embed=FakeEmbedder(), limit=5)) == 5
    assert len(rank(challenge(), many, embed=FakeEmbedder(), limit=None)) == 30


def test_it_rejects_unknown_weights() -> None:
    with pytest.raises(ValueError, match="semantics"):
        rank(challenge(), [JOBS], embed=FakeEmbedder(), weights={"semantics": 1.0})


def test_it_counts_a_served_municipality_toward_its_county() -> None:
    # Vindeln (2404) is in Västerbotten (24), where the challenge is.
    vindeln = Candidate(id=60, name="Vindelns folkhögskola", sector="civil-society",
                        municipality_codes=frozenset({"2404"}))

    (s,) = rank(challenge(), [vindeln], embed=FakeEmbedder())

    assert s.components["region"] == 0.7
    assert s.reasons[0].message == "Works in Västerbotten"


# --- the real multilingual vectors -------------------------------------------------


def test_it_finds_swedish_and_english_close_with_the_real_vectors() -> None:
    sims = semantic_similarities("arbetslöshet bland unga", [
        "youth unemployment", "cultural heritage and museums", "kulturarv och museer",
        "renewable energy", "förnybar energi"])

    assert sims[0] > 0.3
    assert sims[0] > max(sims[1:]) + 0.15
    english = semantic_similarities("youth unemployment", [
        "arbetslöshet bland unga", "kulturarv och museer", "förnybar energi"])
    assert english[0] > max(english[1:]) + 0.15


def test_it_ranks_an_english_description_for_a_swedish_challenge() -> None:
    youth = Candidate(id=70, name="Youth Works", sector="civil-society",
                      description="We coach young people into their first job and work with "
                                  "employers on internships.")
    heritage = Candidate(id=71, name="Heritage Lab", sector="civil-society",
                         description="Research on cultural heritage and museums.")

    result = rank(Challenge(text="Fler unga i arbete: minska arbetslösheten bland unga vuxna"),
                  [heritage, youth])

    assert [s.candidate_id for s in result] == [70, 71]


def test_it_gives_an_unknown_text_no_meaning() -> None:
    vectors = default_embedder()(["xqzv qqxw", "unga"])

    assert not vectors[0].any()
    assert vectors[1].any()


def test_it_embeds_a_batch_as_the_word_vectors_embed_each_text() -> None:
    embedder = default_embedder()
    texts = ["Vi coachar unga vuxna till arbete.", "", "xqzv",
             "Arbetsmarknadsåtgärder och co-operation with employers", "Vi coachar unga"]
    batch = embedder.embed_uncached(texts)
    for text, row in zip(texts, batch, strict=True):
        vec, coverage = embedder.vectors.text_vector(words(text))
        if coverage == 0.0:
            assert not row.any()
            continue
        expected = vec - embedder.centre
        expected -= (expected @ embedder.language) * embedder.language
        np.testing.assert_allclose(row, expected, atol=1e-5)
    np.testing.assert_array_equal(embedder(texts), batch)  # through the text cache
    np.testing.assert_array_equal(embedder(texts[::-1]), batch[::-1])


def test_it_lists_shared_targets_in_the_un_order() -> None:
    targets = frozenset({"8.a", "8.10", "8.6", "10.2"})
    candidate = Candidate(id=80, name="Alla mål", sector="academia", targets=targets)

    (s,) = rank(challenge(targets=targets), [candidate], embed=FakeEmbedder())

    assert s.reasons[0].params["targets"] == ("8.6", "8.10", "8.a", "10.2")
    assert s.reasons[0].message == "Shares SDGs 8 and 10 (targets 8.6, 8.10, 8.a and 10.2)"
    assert s.components["sdg_overlap"] == 1.0  # goals from targets: {8, 10} both sides


def test_it_takes_plain_sets_and_lists() -> None:
    candidate = Candidate(id=90, name="Listig", sector="academia", description="unga",
                          offering_kinds={"advice"}, offering_texts=["jobb"], sdgs={8},
                          related_ids={1})
    (s,) = rank(challenge(member_ids={1, 2}, sdgs={8, 10}), [candidate],
                embed=FakeEmbedder())

    assert s.components["semantic"] == pytest.approx(1.0)
    assert s.components["offerings"] == 1.0
    assert s.components["relations"] == pytest.approx(1 / 3)
