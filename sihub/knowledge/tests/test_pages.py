"""Knowledge pages: every type renders in both languages, drafts stay hidden, input is checked.

The builders at the top are shared with test_listing.py and core's
test_facets.py, which need the same real pages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from html import escape
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale, Page, PageViewRestriction

from sihub.conftest import login
from sihub.core.models import ContentPage, County, Municipality, Sector, Theme
from sihub.knowledge.models import (
    Facilitation,
    KnowledgeArticlePage,
    MethodIndexPage,
    MethodPage,
    Phase,
    PublicationIndexPage,
    PublicationPage,
    PublicationType,
    StoryIndexPage,
    StoryKind,
    StoryPage,
    isbn_is_valid,
)
from sihub.knowledge.selectors import related_content, related_methods
from sihub.sdg.models import Goal, Target

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"

# --- Builders (shared) -----------------------------------------------------


def add_page(parent: Page, page: Page, *, live: bool = True, sdgs: Iterable[int] = (),
             themes: Iterable[str] = (), counties: Iterable[str] = (),
             sectors: Iterable[str] = (), municipalities: Iterable[str] = (),
             targets: Iterable[str] = ()) -> Any:
    """Add ``page`` under ``parent`` with its tags; publish it unless ``live`` is false."""
    page.sdgs = list(Goal.objects.filter(number__in=list(sdgs)))
    page.themes = list(Theme.objects.filter(slug__in=list(themes)))
    page.counties = list(County.objects.filter(code__in=list(counties)))
    page.sectors = list(Sector.objects.filter(slug__in=list(sectors)))
    page.municipalities = list(Municipality.objects.filter(code__in=list(municipalities)))
    page.sdg_targets = list(Target.objects.filter(code__in=list(targets)))
    page.live = live
    parent.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    return page


def translate(page: Page, language: str = "en", **fields: Any) -> Any:
    """The published translation of ``page``, as core.demo makes them."""
    copy = page.copy_for_translation(Locale.objects.get(language_code=language))
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    copy.refresh_from_db()  # publishing saves a fresh copy: url_path follows the new slug
    return copy


def method(parent: Page, title: str, **fields: Any) -> MethodPage:
    tags = _pop_tags(fields)
    fields.setdefault("purpose", f"Syftet med {title}.")
    fields.setdefault("phase", Phase.IDEATE)
    return add_page(parent, MethodPage(title=title, **fields), **tags)


def story(parent: Page, title: str, **fields: Any) -> StoryPage:
    tags = _pop_tags(fields)
    fields.setdefault("date", date(2025, 3, 14))
    return add_page(parent, StoryPage(title=title, **fields), **tags)


def publication(parent: Page, title: str, **fields: Any) -> PublicationPage:
    tags = _pop_tags(fields)
    fields.setdefault("authors", "Anna Andersson")
    fields.setdefault("year", 2024)
    if "document" not in fields:
        fields.setdefault("external_url", "https://example.org/rapport")
    return add_page(parent, PublicationPage(title=title, **fields), **tags)


def article(parent: Page, title: str, **fields: Any) -> KnowledgeArticlePage:
    tags = _pop_tags(fields)
    return add_page(parent, KnowledgeArticlePage(title=title, **fields), **tags)


def document(title: str = "Workshopmall", name: str = "mall.pdf") -> Any:
    return get_document_model().objects.create(
        title=title, file=ContentFile(PDF, name=name), file_size=len(PDF))


def _pop_tags(fields: dict[str, Any]) -> dict[str, Any]:
    names = ("live", "sdgs", "themes", "counties", "sectors", "municipalities", "targets")
    return {name: fields.pop(name) for name in names if name in fields}


@pytest.fixture
def knowledge(demo_site) -> dict[str, ContentPage]:
    """The Knowledge area page in each language (Swedish "kunskap", English "knowledge")."""
    return {
        "sv": ContentPage.objects.get(slug="kunskap", locale__language_code="sv"),
        "en": ContentPage.objects.get(slug="knowledge", locale__language_code="en"),
    }


INDEX_TYPES = {
    "method": (MethodIndexPage, ("Metoder och verktyg", "metoder"),
               ("Methods and tools", "methods")),
    "story": (StoryIndexPage, ("Berättelser och nyheter", "berattelser"),
              ("Stories and news", "stories")),
    "publication": (PublicationIndexPage, ("Publikationer", "publikationer"),
                    ("Publications", "publications")),
}


class Indexes(dict):
    """``indexes["method"]["sv"]``: each index is made, in both languages, when first asked for."""

    def __init__(self, knowledge: dict[str, ContentPage]) -> None:
        super().__init__()
        self.knowledge = knowledge

    def __missing__(self, kind: str) -> dict[str, Page]:
        model, (sv_title, sv_slug), (en_title, en_slug) = INDEX_TYPES[kind]
        sv = add_page(self.knowledge["sv"], model(title=sv_title, slug=sv_slug,
                                                   intro=f"Om {sv_title.lower()}."))
        en = translate(sv, title=en_title, slug=en_slug, intro=f"About {en_title.lower()}.")
        self[kind] = {"sv": sv, "en": en}
        return self[kind]


@pytest.fixture
def indexes(knowledge) -> Indexes:
    """A methods, a stories and a publications index, in Swedish and English."""
    return Indexes(knowledge)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


# --- Helpers for assertions ------------------------------------------------


def get_html(client, page: Page) -> str:
    response = client.get(page.url)
    assert response.status_code == 200, page.url
    return response.content.decode()


def assert_page_is_sound(html: str, language: str) -> None:
    """The things every public page promises: language, CSP-safe markup, headings in order."""
    assert f'<html lang="{language}">' in html
    # CSP is script-src/style-src 'self': no inline script (JSON-LD is data, not script),
    # no style attributes or elements.
    assert not re.search(r"<script(?![^>]*\b(src=|type=\"application/ld\+json\"))", html), \
        "inline <script>"
    assert not re.search(r"\sstyle=", html), "inline style attribute"
    assert "<style" not in html
    levels = [int(n) for n in re.findall(r"<h([1-6])[\s>]", html)]
    assert levels.count(1) == 1, levels
    for before, after in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, f"heading level jumps from h{before} to h{after}: {levels}"


def goal_link(language: str, number: int) -> str:
    goal = Goal.objects.get(number=number)
    title = goal.title_sv if language == "sv" else goal.title_en
    prefix = "Mål" if language == "sv" else "Goal"
    return (f'<a class="sdg-badge sdg-{number}" href="/{language}/agenda2030/{number}/">'
            f"{prefix} {number}: {escape(title)}</a>")


# --- Rendering in both languages --------------------------------------------


def test_it_renders_a_method_with_every_field_in_both_languages(client, indexes):
    index = indexes["method"]["sv"]
    warmup = method(index, "Uppvärmning", slug="uppvarmning", phase=Phase.UNDERSTAND)
    translate(warmup, title="Warm-up", slug="warm-up")
    page = method(
        index, "Framtidsverkstad", slug="framtidsverkstad",
        intro="Ett sätt att drömma tillsammans.",
        purpose="Att samla en gemensam bild av framtiden.", phase=Phase.IDEATE,
        time_needed="2–3 timmar", group_size_min=4, group_size_max=12,
        facilitation=Facilitation.EXPERIENCED, materials="Post-it-lappar\nTuschpennor",
        templates=[("template", document("Mall för framtidsverkstad"))],
        related_methods=[warmup], sdgs=[3, 11], themes=["health-welfare"], counties=["24"],
        sectors=["civil-society"], municipalities=["2480"], targets=["3.4"],
    )
    translate(page, title="Future workshop", slug="future-workshop",
              purpose="To build a shared picture of the future.", time_needed="2–3 hours")

    sv = get_html(client, page)
    assert_page_is_sound(sv, "sv")
    for text in ("<h1>Framtidsverkstad</h1>", "Ett sätt att drömma tillsammans.",
                 "Att samla en gemensam bild av framtiden.", "2–3 timmar", "4–12",
                 "Post-it-lappar<br>Tuschpennor", "Mall för framtidsverkstad",
                 f"(PDF, {len(PDF)}", goal_link("sv", 3), goal_link("sv", 11),
                 "Hälsa och välfärd", "Västerbottens län", "Umeå", "Civilsamhälle",
                 'href="/sv/agenda2030/3/#target-3.4"',
                 'href="/sv/kunskap/metoder/uppvarmning/">Uppvärmning</a>'):
        assert text in sv, text

    en = get_html(client, page.get_translation(Locale.objects.get(language_code="en")))
    assert_page_is_sound(en, "en")
    for text in ("<h1>Future workshop</h1>", "To build a shared picture of the future.",
                 "2–3 hours", "4–12 people", "Ideate", "Experienced facilitator",
                 goal_link("en", 3), "Health and welfare",
                 # The related method is this language's translation, not the Swedish page.
                 'href="/en/knowledge/methods/warm-up/">Warm-up</a>'):
        assert text in en, text
    assert "/sv/kunskap/metoder/uppvarmning/" not in en


@pytest.mark.parametrize(("low", "high", "text"), [
    (3, None, "At least 3 people"), (None, 1, "Up to 1 person"), (5, 5, "5 people"),
])
def test_it_says_open_ended_group_sizes_in_words(client, indexes, low, high, text):
    page = method(indexes["method"]["sv"], "Metod", group_size_min=low, group_size_max=high)
    translated = translate(page, title="Method", slug="method")
    assert text in get_html(client, translated)


def test_it_renders_a_story_in_both_languages(client, indexes):
    page = StoryPage(title="Matkassen i Umeå", slug="matkassen", kind=StoryKind.NEWS,
                     author="Anna Andersson", date=date(2025, 3, 14), intro="En ingress.",
                     body=[{"type": "paragraph", "value": "<p>Brödtext om matkassen.</p>"}])
    page.tags.add("samskapande", "mat")
    add_page(indexes["story"]["sv"], page, sdgs=[2], themes=["food"])
    translate(page, title="The food bag in Umeå", slug="food-bag", intro="A lead.")

    sv = get_html(client, page)
    assert_page_is_sound(sv, "sv")
    for text in ("<h1>Matkassen i Umeå</h1>", '<time datetime="2025-03-14">14 mars 2025</time>',
                 "Anna Andersson", '<p class="lead">En ingress.</p>', "Brödtext om matkassen.",
                 "<li>samskapande</li>", "<li>mat</li>", goal_link("sv", 2), "Mat och livsmedel"):
        assert text in sv, text

    en = get_html(client, page.get_translation(Locale.objects.get(language_code="en")))
    assert_page_is_sound(en, "en")
    for text in ("<h1>The food bag in Umeå</h1>", '<time datetime="2025-03-14">',
                 "News", "By Anna Andersson", "A lead.", goal_link("en", 2), "Food"):
        assert text in en, text


def test_it_renders_a_publication_in_both_languages(client, indexes):
    pdf = document("Rapporten som PDF", "rapport.pdf")
    page = publication(
        indexes["publication"]["sv"], "Social innovation i Sverige", slug="si-i-sverige",
        authors="Anna Andersson, Bo Berg", publisher="Vinnova", year=2023,
        language="sv", publication_type=PublicationType.GUIDE, intro="Sammanfattningen.",
        document=pdf, external_url="https://example.org/si", doi="10.1234/si.2023.5",
        isbn="978-0-306-40615-7", sdgs=[8], themes=["inclusive-working-life"],
    )
    translate(page, title="Social innovation in Sweden", slug="si-in-sweden", intro="The abstract.")

    sv = get_html(client, page)
    assert_page_is_sound(sv, "sv")
    for text in ("<h1>Social innovation i Sverige</h1>", "Anna Andersson, Bo Berg", "Vinnova",
                 "2023", "Sammanfattningen.", f'href="{pdf.url}"', "(PDF, ",
                 'href="https://example.org/si"',
                 '<a href="https://doi.org/10.1234/si.2023.5">'
                 "https://doi.org/10.1234/si.2023.5</a>",
                 "978-0-306-40615-7", goal_link("sv", 8), "Inkluderande arbetsliv"):
        assert text in sv, text

    en = get_html(client, page.get_translation(Locale.objects.get(language_code="en")))
    assert_page_is_sound(en, "en")
    for text in ("Abstract", "The abstract.", "Guide", "Swedish", "Publisher", "ISBN",
                 "Download the publication", goal_link("en", 8)):
        assert text in en, text


def test_it_links_a_publication_without_a_pdf_to_where_it_is(client, indexes):
    page = publication(indexes["publication"]["sv"], "Extern rapport",
                       external_url="https://example.org/extern")
    html = get_html(client, page)
    assert 'href="https://example.org/extern"' in html
    assert "/documents/" not in html


def test_it_renders_an_article_with_figures_in_both_languages(client, knowledge, media):
    image = get_image_model().objects.create(title="diagram.png", file=get_test_image_file())
    page = article(
        knowledge["sv"], "Vad är social innovation?", slug="vad-ar-si", intro="Nya lösningar.",
        body=[
            {"type": "heading", "value": "Varför"},
            {"type": "paragraph", "value": "<p>För att samhällsutmaningar kräver det.</p>"},
            {"type": "figure", "value": {
                "image": {"image": image.pk, "decorative": False,
                          "alt_text": "Stapeldiagram över antal initiativ per år"},
                "caption": "Antal initiativ per år", "source": "SCB 2024"}},
        ],
        sdgs=[17], themes=["democracy-participation"],
    )
    translate(page, title="What is social innovation?", slug="what-is-si", intro="New solutions.")

    sv = get_html(client, page)
    assert_page_is_sound(sv, "sv")
    for text in ("<h1>Vad är social innovation?</h1>", "Nya lösningar.", "<h2>Varför</h2>",
                 "För att samhällsutmaningar kräver det.", '<figure class="figure">',
                 'alt="Stapeldiagram över antal initiativ per år"', "Antal initiativ per år",
                 "SCB 2024", goal_link("sv", 17)):
        assert text in sv, text
    assert re.search(r"<figcaption>Antal initiativ per år <span class=\"figure__source\">"
                     r"[^<]*SCB 2024</span></figcaption>", sv)

    en = get_html(client, page.get_translation(Locale.objects.get(language_code="en")))
    assert_page_is_sound(en, "en")
    assert "Source: SCB 2024" in en and goal_link("en", 17) in en


@pytest.mark.parametrize("kind", ["method", "story", "publication"])
def test_it_renders_each_index_page_in_both_languages(client, indexes, kind):
    for language in ("sv", "en"):
        html = get_html(client, indexes[kind][language])
        assert_page_is_sound(html, language)
        assert f"<h1>{indexes[kind][language].title}</h1>" in html


def test_it_previews_an_unsaved_method_with_the_tags_the_editor_chose(indexes):
    """Wagtail previews a page that is not saved yet: tags live only in memory."""
    index = indexes["method"]["sv"]
    linked = method(index, "Länkad", sdgs=[3])
    page = MethodPage(title="Förhandsvisning", slug="forhandsvisning", purpose="Syfte.",
                      phase=Phase.TEST, locale=index.locale)
    page.depth = index.depth + 1  # what Wagtail's preview-on-create does
    page.path = Page._get_children_path_interval(index.path)[1]
    page.sdgs = [Goal.objects.get(number=3)]
    page.sdg_targets = [Target.objects.get(code="3.4")]
    page.related_methods = [linked]

    html = page.make_preview_request().content.decode()

    assert "<h1>Förhandsvisning</h1>" in html
    assert goal_link("sv", 3) in html and "#target-3.4" in html
    assert f'href="{linked.url}">Länkad</a>' in html  # related methods and related content


# --- Related content --------------------------------------------------------


def test_it_relates_pages_by_the_goals_and_themes_they_share(client, indexes, knowledge):
    from sihub.cases.models import CaseIndexPage, CasePage

    page = method(indexes["method"]["sv"], "Utgångspunkten", sdgs=[3, 8], themes=["food"])
    best = story(indexes["story"]["sv"], "Tre gemensamma", sdgs=[3, 8], themes=["food"])
    good = publication(indexes["publication"]["sv"], "Två gemensamma", sdgs=[3, 8])
    cases = add_page(knowledge["sv"], CaseIndexPage(title="Goda exempel", slug="exempel"))
    case = add_page(cases, CasePage(title="Ett gott exempel", summary="Kort.", challenge="C",
                                    solution="S"), themes=["food"])
    other = article(knowledge["sv"], "Inget gemensamt", sdgs=[14], themes=["education"])
    draft = story(indexes["story"]["sv"], "Utkast", sdgs=[3, 8], themes=["food"], live=False)
    english = translate(best, title="Three in common", slug="three")

    with translation.override("en"):
        related = related_content(page)
        assert str(related[2].kind) == "Good example" and related[2].summary == "Kort."

    assert [item.page.pk for item in related] == [best.pk, good.pk, case.pk]
    assert [item.shared for item in related] == [3, 2, 1]
    shown = {item.page.pk for item in related}
    assert not shown & {other.pk, draft.pk, english.pk, page.pk}

    html = get_html(client, page)
    assert '<h2 id="related-heading">' in html
    assert f'href="{best.url}">Tre gemensamma</a>' in html


def test_it_leaves_private_pages_out_of_related_content(indexes):
    page = method(indexes["method"]["sv"], "Öppen", sdgs=[3])
    hidden = story(indexes["story"]["sv"], "Bara för inloggade", sdgs=[3])
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    assert related_content(page) == []


def test_it_relates_nothing_to_a_page_without_goals_or_themes(indexes):
    page = method(indexes["method"]["sv"], "Otaggad")
    story(indexes["story"]["sv"], "Något", sdgs=[3])
    assert related_content(page) == []


def test_it_keeps_to_the_limit_newest_first_among_equals(indexes):
    page = method(indexes["method"]["sv"], "Start", sdgs=[3])
    stories = [story(indexes["story"]["sv"], f"Berättelse {i}", sdgs=[3]) for i in range(4)]
    related = related_content(page, limit=3)
    assert [item.page.pk for item in related] == [s.pk for s in reversed(stories)][:3]


def test_related_content_needs_the_same_queries_for_5_or_40_candidates(indexes):
    page = method(indexes["method"]["sv"], "Start", sdgs=[3], themes=["food"])
    for i in range(5):
        story(indexes["story"]["sv"], f"Berättelse {i}", sdgs=[3])
    with CaptureQueriesContext(connection) as few:
        assert len(related_content(page, limit=50)) == 5
    for i in range(5, 40):
        method(indexes["method"]["sv"], f"Metod {i}", themes=["food"], sdgs=[3])
    with CaptureQueriesContext(connection) as many:
        assert len(related_content(page, limit=50)) == 40
    assert len(many) == len(few)


def test_related_methods_skip_drafts(indexes):
    index = indexes["method"]["sv"]
    live = method(index, "Publicerad")
    draft = method(index, "Utkast", live=False)
    page = method(index, "Med länkar", related_methods=[live, draft])
    assert list(related_methods(page)) == [live]


# --- Drafts -------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["method", "story", "publication", "article"])
def test_it_hides_drafts_from_the_public(client, indexes, knowledge, editor, kind):
    make = {"method": method, "story": story, "publication": publication, "article": article}[kind]
    parent = knowledge["sv"] if kind == "article" else indexes[kind]["sv"]
    draft = make(parent, "Hemligt utkast", slug="hemligt", live=False)
    assert client.get(f"{parent.url}hemligt/").status_code == 404
    assert login(editor).get(f"/admin/pages/{draft.pk}/view_draft/").status_code == 200


def test_it_hides_a_page_again_once_unpublished(client, indexes):
    page = story(indexes["story"]["sv"], "Tillfällig", slug="tillfallig")
    url = page.url
    assert client.get(url).status_code == 200
    page.unpublish()
    assert client.get(url).status_code == 404
    assert "Tillfällig" not in client.get(indexes["story"]["sv"].url).content.decode()


# --- Validation ---------------------------------------------------------------


@pytest.mark.parametrize("isbn", ["978-0-306-40615-7", "9780306406157", "0-306-40615-2",
                                  "0 8044 2957 X", "080442957x"])
def test_it_accepts_isbns_with_a_right_check_digit(isbn):
    assert isbn_is_valid(isbn)


@pytest.mark.parametrize("isbn", ["978-0-306-40615-8", "0-306-40615-3", "977-0-306-40615-7",
                                  "12345", "ISBN 978-0-306-40615-7", "X-306-40615-2"])
def test_it_rejects_isbns_with_a_wrong_check_digit_or_shape(isbn):
    assert not isbn_is_valid(isbn)


def test_a_publication_with_a_bad_isbn_does_not_save(indexes):
    with pytest.raises(ValidationError) as error:
        publication(indexes["publication"]["sv"], "Fel ISBN", isbn="978-0-306-40615-8")
    assert "isbn" in error.value.message_dict


@pytest.mark.parametrize(("doi", "valid"), [
    ("10.1234/abc", True), ("10.12345678/a-b_c.d;e(2020)", True),
    ("doi:10.1234/abc", False), ("https://doi.org/10.1234/abc", False), ("10.12/abc", False),
    ("10.1234/", False), ("10.1234/has space", False),
])
def test_it_checks_the_shape_of_a_doi(indexes, doi, valid):
    def make():
        return publication(indexes["publication"]["sv"], f"DOI {doi}", doi=doi)

    if valid:
        assert make().doi == doi
    else:
        with pytest.raises(ValidationError) as error:
            make()
        assert "doi" in error.value.message_dict


def test_a_publication_needs_a_pdf_or_a_link(indexes):
    parent = indexes["publication"]["sv"]
    with translation.override("en"):  # the message is lazy: read it in a known language
        with pytest.raises(ValidationError) as error:
            add_page(parent, PublicationPage(title="Ingenstans", authors="A", year=2024))
        assert error.value.messages == ["Add the PDF or a link to the publication."]
    assert publication(parent, "Med PDF", document=document()).live
    assert publication(parent, "Med länk", external_url="https://example.org/x").live


def test_a_method_group_size_range_must_not_be_upside_down(indexes):
    parent = indexes["method"]["sv"]
    with pytest.raises(ValidationError) as error:
        method(parent, "Bakvänd", group_size_min=10, group_size_max=3)
    assert "group_size_max" in error.value.message_dict
    assert method(parent, "Rättvänd", group_size_min=3, group_size_max=10).live
    assert method(parent, "Bara minsta", group_size_min=3).live


def test_the_database_also_refuses_an_upside_down_group_size(indexes):
    page = method(indexes["method"]["sv"], "Metod", group_size_min=2, group_size_max=5)
    with pytest.raises(IntegrityError), transaction.atomic():
        MethodPage.objects.filter(pk=page.pk).update(group_size_min=9)
