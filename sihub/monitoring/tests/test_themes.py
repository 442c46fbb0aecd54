"""Theme tagging of feed texts (themes.py): Swedish and English, stems and compounds."""

from __future__ import annotations

import time

import pytest

from sihub.core.services import THEMES
from sihub.monitoring.themes import DATA, ThemeMatcher, get_matcher


@pytest.mark.parametrize(("text", "expected"), [
    ("Kommunen inför social upphandling med sysselsättningskrav för långtidsarbetslösa.",
     {"social-procurement", "inclusive-working-life"}),
    ("Ett nytt återbrukscenter öppnar i Malmö där trasiga möbler lagas.",
     {"circular-economy"}),
    ("The city council adopted a circular economy strategy with repair cafés.",
     {"circular-economy"}),
    ("Regionen öppnar nya vårdcentraler och akutsjukhuset byggs ut.", {"health-welfare"}),
    ("Older people living alone suffer from loneliness; home care helps.", {"elderly-care"}),
    ("Nyanlända får hjälp att lära sig svenska på ett språkcafé i biblioteket.",
     {"integration"}),
    ("Landsbygdens byalag bygger fiber själva.", {"rural-development"}),
    ("Investors back a social impact bond for youth employment.",
     {"impact-investment"}),
    ("Jämställdheten på arbetsplatsen och mäns våld mot kvinnor diskuterades.",
     {"gender-equality"}),
    ("Affordable housing and homelessness top the agenda.", {"housing-urban"}),
    ("Matsvinnet från skolmaten halveras med ny app.", {"food"}),
    ("Medborgardialoger om digitaliseringen av kommunens tjänster.",
     {"democracy-participation", "digitalisation"}),
])
def test_it_finds_the_themes_a_text_names(text: str, expected: set[str]) -> None:
    assert get_matcher().find(text) == expected


@pytest.mark.parametrize("text", [
    "",
    "The weather was nice today in Stockholm.",
    "Styrelsen träffades i tisdags och godkände protokollet.",
    # One weak word is not enough: every other item mentions children or schools.
    "Barnen gick hem.",
    "The school was closed on Monday.",
])
def test_it_finds_nothing_in_texts_about_no_theme(text: str) -> None:
    assert get_matcher().find(text) == set()


def test_two_weak_phrases_name_a_theme_but_one_does_not() -> None:
    matcher = get_matcher()
    assert matcher.find("Upphandlingen fick tre anbud.") == {"social-procurement"}
    assert matcher.find("Upphandlingen avslutades.") == set()


def test_the_same_weak_phrase_twice_is_still_one() -> None:
    # "kvinnor" and "kvinnliga" share a stem: one phrase, not two.
    assert get_matcher().find("Kvinnor och kvinnliga kvinnor.") == set()


def test_every_theme_has_phrases_in_both_languages_and_only_known_slugs() -> None:
    matcher = get_matcher()
    known = {theme["slug"] for theme in THEMES}
    assert matcher.slugs == known
    for slug in known:
        mine = [p for p in matcher.phrases if p.slug == slug]
        assert 15 <= len(mine) <= 30, slug
        assert {p.lang for p in mine} == {"sv", "en"}, slug
        assert any(p.weight >= 2 for p in mine), slug


def test_it_refuses_bad_rows() -> None:
    with pytest.raises(ValueError, match="bad theme phrase row"):
        ThemeMatcher([("food", "de", 1, "essen")])
    with pytest.raises(ValueError, match="too short"):
        ThemeMatcher([("food", "sv", 1, "ma*")])


def test_it_is_fast_enough_for_ingestion() -> None:
    text = DATA.read_text(encoding="utf-8")[:3000]  # realistic length, many phrases
    matcher = get_matcher()
    matcher.find(text)
    started = time.perf_counter()
    for _ in range(200):
        matcher.find(text)
    assert (time.perf_counter() - started) / 200 < 0.01


def test_it_takes_the_words_of_a_text_too() -> None:
    from sihub.sdg.classifier.text import words

    text = "Ett nytt återbrukscenter och cirkulär ekonomi i Malmö."
    assert get_matcher().find(words(text)) == get_matcher().find(text) == {"circular-economy"}
