"""The SDG classifier module, without Django: known texts, edge cases, the parts it is built of.

The texts here were written for these tests and are not in the development set.
"""

from __future__ import annotations

import time

import numpy as np
import pytest

from sihub.sdg.classifier import ClassifierInputError, get_classifier
from sihub.sdg.classifier.lexicon import Lexicon, goal_evidence
from sihub.sdg.classifier.text import language, words
from sihub.sdg.classifier.training import (
    Example,
    benchmark_items,
    best_thresholds,
    fit,
    folds,
    predict,
)

CLEAR_CASES = [
    # (goal, English, Swedish)
    (3, "The region will open two new primary care centres and hire more nurses so that "
        "patients can see a doctor within a week. Waiting times for hip surgery at the "
        "hospital have doubled since last year.",
        "Regionen öppnar två nya vårdcentraler och anställer fler sjuksköterskor så att "
        "patienter kan träffa en läkare inom en vecka. Väntetiderna för höftoperationer på "
        "sjukhuset har fördubblats sedan i fjol."),
    (4, "Pupils who fall behind in reading get tutoring twice a week from trained teachers, "
        "and the share of students who leave compulsory school with passing grades has risen.",
        "Elever som halkar efter i läsning får stödundervisning två gånger i veckan av "
        "utbildade lärare, och andelen elever som lämnar grundskolan med godkända betyg har ökat."),
    (13, "The municipality's climate plan halves greenhouse gas emissions from transport by "
         "2030 and prepares low-lying districts for heavier rainfall and flooding.",
         "Kommunens klimatplan halverar växthusgasutsläppen från transporter till 2030 och "
         "förbereder låglänta stadsdelar för kraftigare skyfall och översvämningar."),
    (6, "Villages without safe drinking water get wells and handwashing stations, and the "
        "sewage treatment plant is upgraded so that untreated wastewater no longer reaches "
        "the river.",
        "Byar utan säkert dricksvatten får brunnar och handtvättstationer, och reningsverket "
        "byggs ut så att orenat avloppsvatten inte längre når ån."),
    (14, "Overfishing of cod in the Baltic Sea and plastic litter on the seabed threaten "
         "marine life; the agency proposes larger marine protected areas.",
         "Överfiske av torsk i Östersjön och plastskräp på havsbotten hotar livet i havet; "
         "myndigheten föreslår större marina skyddsområden."),
    (16, "An independent inquiry found that officials had accepted bribes in public "
         "procurement, and the courts will now try the cases of corruption.",
         "En oberoende granskning visade att tjänstemän tagit emot mutor vid offentlig "
         "upphandling, och domstolarna ska nu pröva korruptionsmålen."),
]


@pytest.fixture(scope="module")
def classifier():
    return get_classifier()


@pytest.mark.parametrize("goal,en,sv", CLEAR_CASES, ids=[str(c[0]) for c in CLEAR_CASES])
def test_it_finds_the_goal_of_clear_texts_in_both_languages(classifier, goal, en, sv):
    for text in (en, sv):
        result = classifier.classify_one(text)
        assert result.sdgs[0] == goal, (text, result.sdgs)
        assert result.scores[goal] >= 0.5
        assert any(t["code"].startswith(f"{goal}.") for t in result.targets)
        assert result.evidence[goal], "a chosen goal comes with reasons"


def test_it_tells_the_languages_apart(classifier):
    _goal, en, sv = CLEAR_CASES[0]
    assert classifier.classify_one(en).language == "en"
    assert classifier.classify_one(sv).language == "sv"


def test_hospital_funding_is_health_not_everything_that_shares_a_word(classifier):
    result = classifier.classify_one(
        "The regional council raised the hospitals' budget by 400 million kronor to shorten "
        "waiting lists for cancer treatment and to keep the emergency wards open at night.")
    assert result.sdgs[0] == 3
    assert len(result.sdgs) <= 2
    low = [g for g in (2, 5, 6, 11, 14, 15) if result.scores[g] < 0.5]
    assert len(low) == 6


def test_it_returns_nothing_for_empty_or_wordless_text(classifier):
    for text in ("", "   \n\t", "12 345 — 67,8 %", "!!!"):
        result = classifier.classify_one(text)
        assert result.sdgs == []
        assert set(result.scores) == set(range(1, 18))
        assert all(s == 0.0 for s in result.scores.values())


def test_it_handles_a_very_long_text_quickly(classifier):
    _goal, en, _sv = CLEAR_CASES[2]
    start = time.perf_counter()
    result = classifier.classify_one(en * 2000)  # ~370,000 characters
    assert time.perf_counter() - start < 5
    assert result.sdgs[0] == 13


def test_it_reads_mixed_language_text(classifier):
    text = CLEAR_CASES[1][1] + " " + CLEAR_CASES[4][2]  # English schools + Swedish sea
    result = classifier.classify_one(text)
    assert {4, 14} <= set(result.sdgs)


@pytest.mark.parametrize("bad", [None, 42, b"bytes are not text", ["a list"]])
def test_it_refuses_what_is_not_text(classifier, bad):
    with pytest.raises(ClassifierInputError):
        classifier.classify(["fine", bad])


def test_a_batch_gives_the_same_answers_as_one_by_one(classifier):
    texts = [c[1] for c in CLEAR_CASES] + [""]
    batch = classifier.classify(texts)
    for text, result in zip(texts, batch):
        assert classifier.classify_one(text).as_json() == result.as_json()
    assert classifier.classify([]) == []


def test_as_json_has_the_documented_shape(classifier):
    data = classifier.classify_one(CLEAR_CASES[0][1]).as_json(id="a1")
    assert data["id"] == "a1"
    assert data["sdgs"] and all(isinstance(g, int) for g in data["sdgs"])
    assert sorted(data["scores"], key=int) == [str(g) for g in range(1, 18)]
    assert all(0.0 <= s <= 1.0 for s in data["scores"].values())
    assert all(set(t) == {"code", "score"} for t in data["targets"])
    assert set(data["evidence"]) == {str(g) for g in data["sdgs"]}
    assert data["language"] == "en"


# --- the parts ---------------------------------------------------------------

def test_words_split_hyphenated_compounds_and_drop_digits():
    assert words("Co-operation in 2030: Förskole-platser!") == [
        "co", "operation", "in", "förskole", "platser"]


def test_language_needs_function_words():
    assert language(words("Detta är en text om skolan och barnen")) == "sv"
    assert language(words("This is a text about the school and the children")) == "en"
    assert language(words("Tuberkulos")) == "und"


def test_the_lexicon_matches_stems_affixes_and_phrases():
    lexicon = Lexicon.from_rows([
        (3, "en", 1.0, "hospital"),
        (3, "sv", 1.0, "*sjukhus"),
        (1, "sv", 1.0, "fattigdom*"),
        (13, "en", 1.0, "greenhouse gas emissions"),
        (6, "sv", 0.5, "*vatten*"),
    ])
    tokens = words("Two hospitals and akutsjukhuset; fattigdomsbekämpning; "
                   "greenhouse gas emission; dricksvattnet, grundvattenytan")
    evidence = goal_evidence(lexicon.matches(tokens), tokens)
    assert [s for s, _w in evidence[3]] == ["hospitals"]  # "akutsjukhuset" ends otherwise
    assert [s for s, _w in evidence[1]] == ["fattigdomsbekämpning"]
    assert [s for s, _w in evidence[13]] == ["greenhouse gas emission"]
    assert [s for s, _w in evidence[6]] == ["grundvattenytan"]  # "vattnet" is not "vatten"


def test_the_lexicon_refuses_bad_rows():
    with pytest.raises(ValueError):
        Lexicon.from_rows([(18, "en", 1.0, "x")])
    with pytest.raises(ValueError):
        Lexicon.from_rows([(3, "en", 1.0, "*ab")])  # a two-letter affix would match anything


def test_word_vectors_split_unknown_swedish_compounds(classifier):
    vectors = classifier.featuriser.vectors
    assert "förskola" in vectors.index and "platser" in vectors.index
    assert len(vectors.lookup("förskolaplatser")) == 2
    assert vectors.lookup("qqqxxyz") == ()


def _examples(n_pairs: int) -> list[Example]:
    out = []
    for i in range(n_pairs):
        labels = frozenset({1 + i % 3})
        for lang in ("en", "sv"):
            out.append(Example(f"g{1 + i % 3:02d}-{i:03d}", lang, "", labels, None))
    return out


def test_folds_keep_a_text_and_its_translation_together():
    examples = _examples(30)
    parts = folds(examples, 5, seed=1)
    assert sorted(np.concatenate(parts).tolist()) == list(range(len(examples)))
    for part in parts:
        pairs_here = {examples[i].pair for i in part}
        others = {examples[i].pair for p in parts if p is not part for i in p}
        assert not pairs_here & others


def test_ridge_learns_a_separable_toy_problem():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(120, 5))
    Y = np.zeros((120, 17))
    Y[:, 0] = X[:, 0] > 0
    Y[:, 1] = X[:, 1] < 0
    model = fit(X, Y, dense=5, l2=1.0)
    S = predict(model, X)
    assert ((S[:, 0] > 0) == (Y[:, 0] > 0)).mean() > 0.95
    assert ((S[:, 1] > 0) == (Y[:, 1] > 0)).mean() > 0.95


def test_thresholds_sit_between_the_classes():
    P = np.zeros((8, 17))
    Y = np.zeros((8, 17))
    P[:4, 0], Y[:4, 0] = 0.9, 1
    P[4:, 0] = 0.2
    t = best_thresholds(P, Y)[0]
    assert 0.2 < t <= 0.9


def test_benchmark_items_are_balanced_and_ask_decoys_first():
    examples = _examples(30) + [
        Example("g01-900", lang, "", frozenset({7}), 1) for lang in ("en", "sv")]
    items = benchmark_items(examples)
    questions = items[1]
    positives = [p for p, expected in questions if expected]
    negatives = [p for p, expected in questions if not expected]
    assert len(positives) == len(negatives) == 10
    assert negatives[0] == "g01-900"


def test_a_keyword_alone_needs_lexicon_evidence(classifier):
    assert classifier.classify_one("Tuberkulos").sdgs == [3]
    assert classifier.classify_one("Fotboll").sdgs == []


def test_it_sees_inside_swedish_compounds_with_character_ngrams():
    from sihub.sdg.classifier.model import bag_of_character_ngrams

    compound = bag_of_character_ngrams(["förskoleplatser"])
    relative = bag_of_character_ngrams(["förskolan"])
    stranger = bag_of_character_ngrams(["havsbotten"])
    assert float(compound @ relative) > 0.3
    assert float(compound @ stranger) < float(compound @ relative)
    assert not bag_of_character_ngrams(["och", "att"]).any()  # short words carry nothing


def test_kernel_ridge_weights_survive_a_save_and_load(tmp_path):
    from sihub.sdg.classifier.model import Weights

    rng = np.random.default_rng(1)
    X = rng.normal(size=(60, 8))
    Y = np.zeros((60, 17))
    Y[:, 2] = (X[:, 0] * X[:, 1]) > 0  # not linear: the RBF part has work to do
    model = fit(X, Y, dense=8, l2=1.0)
    assert len(model.support) == 60
    weights = Weights(version="test", ridge=model, calibration=np.zeros((17, 3)),
                      threshold=np.full(17, 0.5))
    weights.save(tmp_path / "w.npz")
    loaded = Weights.load(tmp_path / "w.npz")
    assert loaded.version == "test"
    np.testing.assert_allclose(loaded.ridge.outputs(X), predict(model, X), atol=1e-3)


def test_the_shipped_classifier_is_the_1_1_model(classifier):
    assert classifier.version == "sihub-sdg-1.2"
    assert len(classifier.weights.ridge.support), "the RBF part ships with its support rows"
