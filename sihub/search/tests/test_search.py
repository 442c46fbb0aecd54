import pytest
from django.core.management import call_command

from sihub.core.models import ContentPage
from sihub.search.selectors import build_query, search_everything
from sihub.search.stemming import query_terms, stemmed_text


def test_it_stems_swedish_inflections_to_one_form():
    for form in ("kommun", "kommunen", "kommuner", "kommunerna"):
        assert "kommun" in stemmed_text(form).split()


def test_it_keeps_the_word_itself_among_query_alternatives():
    assert query_terms("Kommunerna") == [("kommunerna", "kommun")]
    assert query_terms("  ") == []
    assert build_query("") is None


@pytest.fixture
def indexed_pages(demo_site):
    sv = demo_site["sv"]
    page = ContentPage(title="Samverkan i norr", slug="samverkan",
                       intro="Hur en kommun i Västerbotten arbetar med sociala företag.")
    sv.add_child(instance=page)
    page.save_revision().publish()
    draft = ContentPage(title="Opublicerat om kommun", slug="utkast",
                        intro="En kommun som ännu inte syns.", live=False)
    sv.add_child(instance=draft)
    call_command("update_index", verbosity=0)
    return page, draft


def test_it_finds_kommun_when_searching_kommunerna(indexed_pages):
    page, _draft = indexed_pages
    results = search_everything("kommunerna", language="sv")
    assert page.pk in [p.pk for p in results.pages]


def test_it_never_shows_drafts(indexed_pages):
    _page, draft = indexed_pages
    results = search_everything("kommun", language="sv")
    assert draft.pk not in [p.pk for p in results.pages]


def test_it_searches_only_the_active_language(indexed_pages):
    results = search_everything("kommunerna", language="en")
    assert all(p.locale.language_code == "en" for p in results.pages)


def test_it_finds_goals_and_targets_in_both_languages(db):
    call_command("update_index", verbosity=0)
    assert 1 in [g.number for g in search_everything("fattigdomen", language="sv").goals]
    assert "1.1" in [t.code for t in search_everything("extreme poverty", language="en").targets]


def test_the_search_page_shows_results_and_escapes_the_query(client, indexed_pages):
    html = client.get("/sv/search/", {"q": "kommunerna <script>"}).content.decode()
    assert "<script>" not in html.split("<main", 1)[1]
    html = client.get("/sv/search/", {"q": "kommunerna"}).content.decode()
    assert "Samverkan i norr" in html


def test_it_finds_published_actors_by_stemmed_words_and_never_hidden_ones(client, db):
    from sihub.actors.tests.factories import make_actor

    shown = make_actor("Norrlands Arbetsintegrerande", sector_slug="social-economy",
                       description_sv="Vi driver arbetsintegrerande sociala företag i kommunerna.")
    hidden = make_actor("Dolda föreningen", description_sv="Ett socialt företag i kommunen.",
                        is_published=False)
    call_command("update_index", verbosity=0)
    found = [a.pk for a in search_everything("kommun", language="sv").actors]
    assert shown.pk in found
    assert hidden.pk not in found
    html = client.get("/sv/search/", {"q": "kommun"}).content.decode()
    assert "Norrlands Arbetsintegrerande" in html and "Dolda föreningen" not in html
