"""Canonical URLs, hreflang, OpenGraph, Twitter cards, JSON-LD and the sitemap."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest
from defusedxml import ElementTree
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation
from django.utils.text import slugify
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale

from sihub.cases.models import CaseIndexPage, CasePage
from sihub.core import seo
from sihub.core.models import ContentPage, Theme
from sihub.knowledge.models import (
    KnowledgeArticlePage,
    MethodIndexPage,
    MethodPage,
    PublicationIndexPage,
    PublicationPage,
    StoryIndexPage,
    StoryPage,
)
from sihub.sdg.models import Goal

EVIL = "</script><script>alert(1)</script>"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


# --- helpers --------------------------------------------------------------------


def publish(page: Any) -> Any:
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def add(parent: Any, page: Any, *, sdgs: tuple[int, ...] = (), live: bool = True) -> Any:
    page.slug = page.slug or slugify(page.title)
    page.live = live
    parent.add_child(instance=page)
    if hasattr(page, "sdgs"):
        page.sdgs.set(Goal.objects.filter(number__in=sdgs))
    return publish(page) if live else page


def translate(page: Any, language: str, **fields: Any) -> Any:
    copy = page.copy_for_translation(Locale.objects.get(language_code=language))
    for name, value in fields.items():
        setattr(copy, name, value)
    return publish(copy)


def render_meta(page: Any) -> str:
    """The tag's output for ``page``, as base.html would render it."""
    page = page.specific
    request = RequestFactory().get(page.url)
    with translation.override(page.locale.language_code):
        return Template("{% load seo_tags %}{% seo_meta %}").render(
            Context({"request": request, "page": page}))


def json_ld(html: str) -> dict[str, Any]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def meta(html: str, key: str) -> list[str]:
    return re.findall(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)">', html)


def hreflangs(html: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


@pytest.fixture
def knowledge(demo_site) -> ContentPage:
    return ContentPage.objects.get(slug="kunskap", locale__language_code="sv")


@pytest.fixture
def stories(knowledge) -> StoryIndexPage:
    return add(knowledge, StoryIndexPage(title="Berättelser", slug="berattelser"))


@pytest.fixture
def publications(knowledge) -> PublicationIndexPage:
    return add(knowledge, PublicationIndexPage(title="Publikationer", slug="publikationer"))


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    # Wagtail caches renditions by image id, and ids come round again after a rollback.
    cache.clear()
    return tmp_path


# --- pure functions ---------------------------------------------------------------


def test_it_keeps_script_endings_out_of_json_ld():
    data = {"name": EVIL, "text": "a & b <!-- c -->\u2028"}
    text = seo.json_ld_text(data)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == data


@pytest.mark.parametrize(("raw", "names"), [
    ("Anna Berg, Bo Ek", ["Anna Berg", "Bo Ek"]),
    ("Berg, Anna; Ek, Bo", ["Berg, Anna", "Ek, Bo"]),
    ("Anna Berg, Bo Ek och Cecilia Lund", ["Anna Berg", "Bo Ek", "Cecilia Lund"]),
    ("Anna Berg and Bo Ek", ["Anna Berg", "Bo Ek"]),
    ("Vinnova", ["Vinnova"]),
    (" ; ,", []),
])
def test_it_splits_author_lists(raw, names):
    assert seo.split_authors(raw) == names


def test_it_makes_plain_short_descriptions():
    assert seo.plain_text("<p>Bröd &amp; <b>smör</b></p>\n\n  i dag", html=True) == (
        "Bröd & smör i dag")
    assert seo.plain_text("3 < 4 & <b> is a tag\n") == "3 < 4 & <b> is a tag"
    long = seo.plain_text("ord " * 200)
    assert len(long) <= seo.DESCRIPTION_LIMIT and long.endswith("ord…")


# --- every page -------------------------------------------------------------------


def test_it_describes_the_home_page_as_a_searchable_website(client, demo_site):
    html = client.get("/sv/").content.decode()
    data = json_ld(html)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "WebSite"
    assert data["inLanguage"] == "sv"
    assert data["url"] == "http://localhost/sv/"
    action = data["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == "http://localhost/sv/search/?q={search_term_string}"
    assert action["query-input"] == "required name=search_term_string"
    assert '<link rel="canonical" href="http://localhost/sv/">' in html
    assert meta(html, "og:type") == ["website"]
    assert meta(html, "og:locale") == ["sv_SE"]
    assert meta(html, "og:locale:alternate") == ["en_GB"]
    assert meta(html, "og:description")[0].startswith("Här samlar kompetenscentret")
    assert meta(html, "twitter:card") == ["summary"]
    assert json_ld(client.get("/en/").content.decode())["inLanguage"] == "en"


def test_it_links_each_page_to_its_live_translations(client, demo_site):
    html = client.get("/sv/kunskap/").content.decode()
    assert hreflangs(html) == {
        "sv": "http://localhost/sv/kunskap/",
        "en": "http://localhost/en/knowledge/",
        "x-default": "http://localhost/sv/kunskap/",
    }
    html = client.get("/en/knowledge/").content.decode()
    assert '<link rel="canonical" href="http://localhost/en/knowledge/">' in html
    assert hreflangs(html)["sv"] == "http://localhost/sv/kunskap/"
    assert meta(html, "og:locale") == ["en_GB"]
    assert meta(html, "og:url") == ["http://localhost/en/knowledge/"]


def test_it_names_pages_on_the_sites_own_host(client, demo_site):
    """A page reached through another allowed host name still points at the one address."""
    html = client.get("/en/", HTTP_HOST="127.0.0.1").content.decode()
    assert '<link rel="canonical" href="http://localhost/en/">' in html
    assert json_ld(html)["url"] == "http://localhost/en/"


def test_it_leaves_out_translations_that_are_not_live(client, knowledge):
    page = add(knowledge, ContentPage(title="Om oss", slug="om-oss"))
    draft = translate(page, "en", title="About us", slug="about-us")
    draft.unpublish()
    html = client.get("/sv/kunskap/om-oss/").content.decode()
    assert hreflangs(html) == {"sv": "http://localhost/sv/kunskap/om-oss/"}
    assert "about-us" not in html


def test_a_title_cannot_break_out_of_the_json_ld(client, knowledge):
    add(knowledge, ContentPage(title=EVIL, slug="elak", intro=EVIL))
    html = client.get("/sv/kunskap/elak/").content.decode()
    assert "</script><script>alert" not in html
    assert "<script>alert" not in html
    data = json_ld(html)
    assert data["@type"] == "WebPage"
    assert data["name"] == EVIL and data["description"] == EVIL


def test_it_prefers_the_search_description(client, knowledge):
    add(knowledge, ContentPage(title="Om", slug="om", intro="Ingressen.",
                               search_description="För sökmotorer."))
    html = client.get("/sv/kunskap/om/").content.decode()
    assert meta(html, "og:description") == ["För sökmotorer."]
    assert meta(html, "twitter:description") == ["För sökmotorer."]
    assert json_ld(html)["description"] == "För sökmotorer."


def test_it_copes_with_a_preview_of_a_page_never_saved(stories):
    """Wagtail previews a new page before it has an id, a URL or a publication date."""
    page = StoryPage(title="Ny", kind="news", date=dt.date(2025, 3, 1), locale=stories.locale)
    request = RequestFactory().get("/admin/pages/add/knowledge/storypage/1/preview/")
    html = Template("{% load seo_tags %}{% seo_meta %}").render(
        Context({"request": request, "page": page}))
    assert json_ld(html)["@type"] == "NewsArticle"


def test_editors_can_view_drafts_with_their_meta(stories, editor):
    from sihub.conftest import login

    page = add(stories, StoryPage(title="Utkast", kind="story", date=dt.date(2025, 3, 1)),
               live=False)
    response = login(editor).get(f"/admin/pages/{page.pk}/view_draft/")
    assert response.status_code == 200
    assert json_ld(response.content.decode())["name"] == "Utkast"


def test_views_that_are_not_pages_get_canonical_and_hreflang_but_no_json_ld(client, db):
    html = client.get("/sv/regions/?sort=x").content.decode()
    assert '<link rel="canonical" href="http://localhost/sv/regions/">' in html
    assert hreflangs(html) == {"sv": "http://localhost/sv/regions/",
                               "en": "http://localhost/en/regions/",
                               "x-default": "http://localhost/sv/regions/"}
    assert "application/ld+json" not in html
    assert meta(html, "og:locale") == ["sv_SE"]


# --- page types -------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "schema_type"), [("news", "NewsArticle"), ("story", "Article")])
def test_it_describes_stories_and_news_as_articles(stories, kind, schema_type):
    theme = Theme.objects.create(slug="valfard", name_sv="Välfärd", name_en="Welfare")
    page = StoryPage(title="Kooperativet växer", kind=kind, date=dt.date(2025, 3, 1),
                     author="Anna Berg", intro="Ett kooperativ i Umeå.")
    page = add(stories, page, sdgs=(8,))
    page.themes.set([theme])
    page = publish(page)
    html = render_meta(page)
    data = json_ld(html)
    assert data["@type"] == schema_type
    assert data["headline"] == data["name"] == "Kooperativet växer"
    assert data["description"] == "Ett kooperativ i Umeå."
    assert data["datePublished"] == "2025-03-01"
    assert data["author"] == [{"@type": "Person", "name": "Anna Berg"}]
    assert data["inLanguage"] == "sv"
    assert data["url"] == "http://localhost/sv/kunskap/berattelser/kooperativet-vaxer/"
    assert data["publisher"]["@type"] == "Organization"
    assert data["keywords"] == "Välfärd"
    assert data["about"] == [{"@type": "Thing", "name": str(Goal.objects.get(number=8)),
                              "url": "http://localhost/sv/agenda2030/8/"}]
    assert meta(html, "og:type") == ["article"]
    assert meta(html, "article:published_time") == ["2025-03-01"]


def test_it_describes_knowledge_articles_as_articles(knowledge):
    page = add(knowledge, KnowledgeArticlePage(title="Vad är social innovation?",
                                               intro="Nya lösningar på samhällsutmaningar."))
    data = json_ld(render_meta(page))
    assert data["@type"] == "Article"
    assert data["inLanguage"] == "sv"
    assert data["description"] == "Nya lösningar på samhällsutmaningar."
    assert data["datePublished"]


def test_it_describes_methods_as_how_tos(knowledge):
    methods = add(knowledge, MethodIndexPage(title="Metoder", slug="metoder"))
    page = add(methods, MethodPage(title="Tjänstedesign", purpose="Att förstå användare.",
                                   phase="understand", materials="Post-it-lappar\n- Pennor\n\n"))
    data = json_ld(render_meta(page))
    assert data["@type"] == "HowTo"
    assert data["description"] == "Att förstå användare."
    assert data["supply"] == [{"@type": "HowToSupply", "name": "Post-it-lappar"},
                              {"@type": "HowToSupply", "name": "Pennor"}]
    assert data["inLanguage"] == "sv"


@pytest.mark.parametrize(("publication_type", "schema_type"), [
    ("article", "ScholarlyArticle"), ("thesis", "ScholarlyArticle"), ("report", "Report"),
    ("guide", "CreativeWork"),
])
def test_it_describes_publications_by_type(publications, publication_type, schema_type):
    page = add(publications, PublicationPage(
        title="Social ekonomi i siffror", authors="Berg, Anna; Ek, Bo", publisher="Vinnova",
        year=2023, language="en", publication_type=publication_type,
        external_url="https://example.org/rapport", doi="10.1234/abc.5", isbn="978-3-16-148410-0",
        intro="En sammanfattning."))
    data = json_ld(render_meta(page))
    assert data["@type"] == schema_type
    assert data["name"] == "Social ekonomi i siffror"
    assert data["author"] == [{"@type": "Person", "name": "Berg, Anna"},
                              {"@type": "Person", "name": "Ek, Bo"}]
    assert data["publisher"] == {"@type": "Organization", "name": "Vinnova"}
    assert data["datePublished"] == "2023"
    assert data["inLanguage"] == "en"  # the publication's language, not the page's
    assert data["url"] == "https://example.org/rapport"
    assert data["mainEntityOfPage"].endswith("/sv/kunskap/publikationer/social-ekonomi-i-siffror/")
    assert {"@type": "PropertyValue", "propertyID": "DOI", "value": "10.1234/abc.5"} in (
        data["identifier"])
    assert {"@type": "PropertyValue", "propertyID": "ISBN", "value": "978-3-16-148410-0"} in (
        data["identifier"])
    assert data["sameAs"] == "https://doi.org/10.1234/abc.5"


def test_it_points_publications_at_their_pdf(publications, media):
    document = Document.objects.create(title="Rapport",
                                       file=ContentFile(b"%PDF-1.4", "rapport.pdf"))
    page = add(publications, PublicationPage(title="Rapporten", authors="Vinnova", year=2024,
                                             language="other", document=document))
    data = json_ld(render_meta(page))
    assert data["url"] == f"http://localhost/documents/{document.pk}/rapport.pdf"
    assert data["inLanguage"] == "und"
    assert "publisher" not in data


def test_it_describes_good_examples_with_their_goals_and_image(knowledge, media):
    cases = add(knowledge, CaseIndexPage(title="Goda exempel", slug="goda-exempel"))
    image = Image.objects.create(title="Lekplats", file=get_test_image_file())
    image.contextual_alt_text, image.decorative = "Barn på en lekplats", False
    page = add(cases, CasePage(title="Lekplats för alla", summary="En tillgänglig lekplats.",
                               challenge="Utanförskap.", solution="Samskapande.",
                               images=[("image", image)]), sdgs=(3, 10))
    html = render_meta(page)
    data = json_ld(html)
    assert data["@type"] == "CreativeWork"
    assert data["description"] == "En tillgänglig lekplats."
    assert [about["name"] for about in data["about"]] == [
        str(Goal.objects.get(number=3)), str(Goal.objects.get(number=10))]
    [og_image] = meta(html, "og:image")
    assert og_image.startswith("http://localhost/") and "fill-1200x630" in og_image
    assert data["image"] == og_image
    assert meta(html, "og:image:alt") == ["Barn på en lekplats"]
    assert meta(html, "twitter:card") == ["summary_large_image"]


def test_it_does_without_an_image_whose_file_is_gone(knowledge, media):
    cases = add(knowledge, CaseIndexPage(title="Goda exempel", slug="goda-exempel"))
    image = Image.objects.create(title="Borta", file=get_test_image_file())
    image.contextual_alt_text, image.decorative = "Borta", False
    page = add(cases, CasePage(title="Exempel", summary="S.", challenge="C.", solution="L.",
                               images=[("image", image)]))
    image.renditions.all().delete()
    image.file.storage.delete(image.file.name)
    html = render_meta(page)
    assert meta(html, "og:image") == [] and "image" not in json_ld(html)


# --- sitemap ----------------------------------------------------------------------


def test_the_sitemap_lists_live_pages_in_both_languages(client, knowledge):
    add(knowledge, ContentPage(title="Utkast", slug="utkast"), live=False)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    paths = {loc.text.split("/", 3)[3] for loc in root.iter(f"{SITEMAP}loc")}
    assert {"sv/", "en/", "sv/kunskap/", "en/knowledge/"} <= paths
    assert not any("utkast" in path for path in paths)



def test_the_tags_cost_a_few_queries_whatever_the_page_holds(stories,
                                                              django_assert_max_num_queries):
    page = add(stories, StoryPage(title="Nyhet", kind="news", date=dt.date(2025, 3, 1)),
               sdgs=(3, 5, 8))
    page = StoryPage.objects.select_related("locale").get(pk=page.pk)
    render_meta(page)  # Wagtail caches where its sites' root pages are (serving has done it)
    # The site (serving has found it too), the translations, the goals, the themes.
    with django_assert_max_num_queries(4):
        render_meta(page)
