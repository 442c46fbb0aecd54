"""Good examples name organisations from the directory: links, network edges, profile content."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Locale, PageViewRestriction

from sihub.actors.graph import LinkedItem, ecosystem_graph, linked_content
from sihub.actors.tests.factories import make_actor
from sihub.cases.models import CaseIndexPage, CasePage
from sihub.cases.tests.test_cases import publish_case
from sihub.conftest import login

# The code a visitor would type to see a restricted page (not a real credential).
VIEW_CODE = "hemligt"


@pytest.fixture
def case_index(demo_site) -> dict[str, CaseIndexPage]:
    """The index of good examples in Swedish and its English translation."""
    from wagtail.models import Page

    index = CaseIndexPage(title="Goda exempel", slug="goda-exempel", intro="Goda exempel.")
    Page.objects.get(pk=demo_site["sv"].pk).add_child(instance=index)
    index.save_revision().publish()
    english = index.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title, english.slug = "Good examples", "good-examples"
    english.save_revision().publish()
    return {"sv": CaseIndexPage.objects.get(pk=index.pk),
            "en": CaseIndexPage.objects.get(pk=english.pk)}


@pytest.fixture
def actors(db) -> dict[str, object]:
    return {
        "kommun": make_actor("Umeå kommun", sector_slug="public", kind="municipality",
                             home="2480"),
        "forening": make_actor("Läxhjälpen i Umeå", sector_slug="civil-society", home="2480"),
        "foretag": make_actor("Cykelköket", sector_slug="social-economy",
                              kind="social_enterprise", home="2580"),
        "hidden": make_actor("Ej publicerad förening", sector_slug="civil-society",
                             is_published=False),
        "outside": make_actor("Står utanför", sector_slug="private", kind="company"),
    }


def _with_actors(case: CasePage, *people: object) -> CasePage:
    case = CasePage.objects.get(pk=case.pk)
    case.involved_actors = list(people)
    case.save_revision().publish()
    return CasePage.objects.get(pk=case.pk)


def _translate(case: CasePage, title: str, slug: str) -> CasePage:
    """The English translation under the English index, as the translation tools make it."""
    copy = case.copy_for_translation(Locale.objects.get(language_code="en"))
    copy.title, copy.slug = title, slug
    copy.save_revision().publish()
    return CasePage.objects.get(pk=copy.pk)


def _case_edges() -> set[tuple[int, int, str]]:
    _nodes, edges = ecosystem_graph()
    return {(e.source, e.target, e.label) for e in edges if e.origin == "cases"}


@pytest.fixture
def linked(case_index, actors) -> CasePage:
    case = publish_case(case_index["sv"], "Läxhjälp genom IOP")
    return _with_actors(case, actors["kommun"], actors["forening"], actors["foretag"])


# --- The network ------------------------------------------------------------------------


def test_it_links_every_two_actors_of_a_live_example_in_the_graph(linked, actors):
    ids = sorted(a.pk for a in (actors["kommun"], actors["forening"], actors["foretag"]))
    assert _case_edges() == {
        (ids[0], ids[1], "Läxhjälp genom IOP"), (ids[0], ids[2], "Läxhjälp genom IOP"),
        (ids[1], ids[2], "Läxhjälp genom IOP")}
    _nodes, edges = ecosystem_graph()
    assert {e.kind for e in edges if e.origin == "cases"} == {"case"}


def test_a_translation_does_not_double_the_edges_and_labels_follow_the_language(linked):
    _translate(linked, "Homework help through IOP", "homework-help-through-iop")
    with translation.override("en"):
        labels = [label for *_ends, label in _case_edges()]
    assert labels == ["Homework help through IOP"] * 3
    with translation.override("sv"):
        assert {label for *_ends, label in _case_edges()} == {"Läxhjälp genom IOP"}


def test_drafts_unpublished_and_restricted_examples_make_no_edges(case_index, actors):
    draft = CasePage(title="Utkast", slug="utkast", summary="S.", challenge="C.",
                     solution="L.", live=False)
    draft.involved_actors = [actors["kommun"], actors["outside"]]
    case_index["sv"].add_child(instance=draft)
    draft.save_revision()  # saved, never published
    gone = _with_actors(publish_case(case_index["sv"], "Avslutat"), actors["kommun"],
                        actors["foretag"])
    gone.unpublish()
    secret = _with_actors(publish_case(case_index["sv"], "Hemligt"), actors["forening"],
                          actors["outside"])
    PageViewRestriction.objects.create(page=secret, password=VIEW_CODE,
                                       restriction_type=PageViewRestriction.PASSWORD)
    assert _case_edges() == set()
    assert linked_content(actors["kommun"].pk) == []
    assert linked_content(actors["outside"].pk) == []


def test_unpublished_actors_stay_out_of_the_graph(case_index, actors):
    _with_actors(publish_case(case_index["sv"], "Med dold"), actors["kommun"], actors["hidden"])
    assert _case_edges() == set()  # the only pair has an end outside the directory


# --- The actor's profile ----------------------------------------------------------------


def test_the_profile_lists_the_examples_in_the_current_language(linked, actors):
    english = _translate(linked, "Homework help through IOP", "homework-help-through-iop")
    with translation.override("sv"):
        assert linked_content(actors["forening"].pk) == [
            LinkedItem("Läxhjälp genom IOP", linked.get_url(), "Goda exempel")]
    with translation.override("en"):
        assert linked_content(actors["forening"].pk) == [
            LinkedItem("Homework help through IOP", english.get_url(), "Good examples")]
    assert linked_content(actors["outside"].pk) == []


def test_an_untranslated_example_is_listed_in_its_own_language(linked, actors):
    with translation.override("en"):
        items = linked_content(actors["kommun"].pk)
    assert [(i.title, i.url) for i in items] == [("Läxhjälp genom IOP", linked.get_url())]
    assert linked.get_url().startswith("/sv/goda-exempel/")


def test_the_profile_lists_several_examples_by_title_without_a_query_each(
        case_index, actors, django_assert_num_queries):
    _with_actors(publish_case(case_index["sv"], "Öppen förskola"), actors["kommun"])
    linked_content(actors["kommun"].pk)  # warm the site's root paths cache
    with CaptureQueriesContext(connection) as one:
        linked_content(actors["kommun"].pk)
    for title in ("Bybuss", "Matkassar"):
        _with_actors(publish_case(case_index["sv"], title), actors["kommun"])
    with translation.override("sv"), django_assert_num_queries(len(one)):
        items = linked_content(actors["kommun"].pk)
    assert [i.title for i in items] == ["Bybuss", "Matkassar", "Öppen förskola"]


# --- The good-example page ----------------------------------------------------------------


def test_the_example_links_its_published_actors_and_keeps_the_free_text(client, case_index,
                                                                          actors):
    case = publish_case(case_index["sv"], "Cykelverkstad",
                        actors_involved="Bostadsbolaget – cyklar")
    _with_actors(case, actors["foretag"], actors["hidden"], actors["kommun"])
    html = client.get("/sv/goda-exempel/cykelverkstad/").content.decode()
    listing = html[html.index('class="case-directory-actors"'):]
    listing = listing[:listing.index("</ul>")]
    assert f'<a href="{actors["foretag"].get_absolute_url()}">Cykelköket</a>' in listing
    assert f'<a href="{actors["kommun"].get_absolute_url()}">Umeå kommun</a>' in listing
    assert listing.index("Cykelköket") < listing.index("Umeå kommun")  # by name
    assert "(Social ekonomi)" in listing  # the sector in words
    assert "Ej publicerad" not in html
    assert "Bostadsbolaget – cyklar" in html


def test_an_example_without_directory_actors_shows_no_empty_list(client, case_index):
    publish_case(case_index["sv"], "Utan aktörer")
    html = client.get("/sv/goda-exempel/utan-aktorer/").content.decode()
    assert "case-directory-actors" not in html
    assert 'id="case-actors-heading"' not in html


def test_a_draft_example_and_its_actors_are_not_shown_to_the_public(client, case_index, actors):
    case = _with_actors(publish_case(case_index["sv"], "Snart"), actors["kommun"])
    case.unpublish()
    assert client.get("/sv/goda-exempel/snart/").status_code == 404


def test_editors_choose_the_actors_in_the_page_editor_and_outsiders_cannot(linked, editor,
                                                                          outsider):
    response = login(editor).get(f"/admin/pages/{linked.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="involved_actors"' in html and "Cykelköket" in html
    assert login(outsider).get(f"/admin/pages/{linked.pk}/edit/").status_code in (302, 403)


# --- Demo data ----------------------------------------------------------------------------


def test_the_demo_examples_name_demo_actors_once_and_keep_an_editors_choice(demo_site):
    from sihub.actors import demo as actors_demo
    from sihub.actors.models import Actor
    from sihub.cases import demo as cases_demo
    from sihub.cases import demo_content

    lines: list[str] = []
    actors_demo.seed(scale=0, log=lines.append)
    cases_demo.seed(scale=0, log=lines.append)
    sv = CasePage.objects.get(slug="laxhjalp-genom-iop-umea", locale__language_code="sv")
    en = sv.get_translation(Locale.objects.get(language_code="en")).specific
    names = {"Umeå kommun", "Föreningen Läxhjälpen Umeå"}
    assert {a.name for a in sv.involved_actors.all()} == names
    assert {a.name for a in en.involved_actors.all()} == names
    for record in demo_content.CASES:  # every demo example, every name found
        page = CasePage.objects.get(slug=record["slug"]["sv"], locale__language_code="sv")
        wanted = set(demo_content.CASE_ACTORS[record["slug"]["sv"]])
        assert {a.name for a in page.involved_actors.all()} == wanted
    with translation.override("sv"):
        edges = _case_edges()
    assert len(edges) >= 40
    ends = sorted(a.pk for a in sv.involved_actors.all())
    assert (ends[0], ends[1], sv.title) in edges
    # An example made before examples named directory actors gets them on the next run,
    # with a revision, so the page editor starts from the linked version.
    CasePage.involved_actors.through.objects.filter(casepage=en).delete()
    # What an editor chose instead is kept; nothing else changes.
    chosen = Actor.objects.get(name="Region Västerbotten")
    _with_actors(sv, chosen)
    pages, revisions = CasePage.objects.count(), sv.revisions.count()
    cases_demo.seed(scale=0, log=lines.append)
    assert CasePage.objects.count() == pages
    assert CasePage.objects.get(pk=sv.pk).revisions.count() == revisions
    assert list(CasePage.objects.get(pk=sv.pk).involved_actors.all()) == [chosen]
    en = CasePage.objects.get(pk=en.pk)
    assert {a.name for a in en.involved_actors.all()} == names
    latest = en.get_latest_revision_as_object()
    assert {a.name for a in latest.involved_actors.all()} == names
