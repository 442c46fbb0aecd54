"""Promoting a feed item to a draft: news, story or good example, in the item's language."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from sihub.actors.tests.factories import make_actor
from sihub.cases.models import CaseIndexPage, CasePage
from sihub.conftest import login
from sihub.core.models import AuditEntry, Theme
from sihub.knowledge.models import StoryIndexPage, StoryPage
from sihub.monitoring.models import Item, ItemStatus
from sihub.monitoring.promotion import (
    CASE,
    ITEM_PROMOTED,
    NEWS,
    STORY,
    PromotionError,
    body_html,
    item_promote,
)
from sihub.monitoring.services import ITEM_KEPT
from sihub.monitoring.tests.test_inbox import INBOX, make_item

pytestmark = pytest.mark.django_db

EVIL = ('<p onclick="steal()">Ett <strong>nytt</strong> labb</p>'
        '<script>alert(1)</script><img src="x" onerror="alert(2)">'
        '<a href="javascript:alert(3)">klicka</a> <a href="https://example.se/mer">mer</a>'
        '<iframe src="https://evil.example/"></iframe><h2>Rubrik</h2>')


@pytest.fixture(autouse=True)
def _admin_in_english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def indexes(demo_site) -> dict[str, dict[str, Page]]:
    """A stories-and-news index and a good-examples index under each language's home page."""
    made: dict[str, dict[str, Page]] = {"stories": {}, "cases": {}}
    for lang, titles in {"sv": (("Berättelser och nyheter", "berattelser"),
                                ("Goda exempel", "goda-exempel")),
                         "en": (("Stories and news", "stories"),
                                ("Good examples", "good-examples"))}.items():
        home = Page.objects.get(pk=demo_site[lang].pk)  # fresh: the fixture's url_path may be stale
        for key, model, (title, slug) in (("stories", StoryIndexPage, titles[0]),
                                          ("cases", CaseIndexPage, titles[1])):
            index = model(title=title, slug=slug)
            home.add_child(instance=index)
            index.save_revision().publish()
            made[key][lang] = index
    return made


@pytest.fixture
def theme(db) -> Theme:
    return Theme.objects.create(slug="valfard", name_sv="Välfärd", name_en="Welfare")


def swedish_item(**fields: Any) -> Item:
    fields.setdefault("summary", "Kommunen startar ett labb för social innovation.")
    fields.setdefault("content_html", "<p>Labbet ska <strong>pröva</strong> nya idéer.</p>")
    return make_item("Umeå öppnar ett innovationslabb", language="sv", sdgs=[3, 11], **fields)


def promote_url(item: Item) -> str:
    return reverse("monitoring_inbox:promote", args=[item.pk])


# --- The service ----------------------------------------------------------------------


def test_it_promotes_a_swedish_item_to_a_news_draft(editor, indexes, theme) -> None:
    item = swedish_item(published=timezone.make_aware(timezone.datetime(2025, 3, 10, 12)))
    item.themes.set([theme])
    page = item_promote(item=item, user=editor, kind=NEWS)

    page = StoryPage.objects.get(pk=page.pk)
    assert page.get_parent().pk == indexes["stories"]["sv"].pk
    assert page.locale.language_code == "sv"
    assert not page.live and page.has_unpublished_changes
    assert page.kind == "news" and page.title == "Umeå öppnar ett innovationslabb"
    assert page.date.isoformat() == "2025-03-10"
    assert page.intro == "Kommunen startar ett labb för social innovation."
    assert page.source_url == item.link
    assert sorted(page.sdgs.values_list("number", flat=True)) == [3, 11]
    assert list(page.themes.all()) == [theme]
    assert "<b>pröva</b>" in str(page.body[0].value) or "<strong>pröva</strong>" in str(
        page.body[0].value)
    # The editor opens the latest revision: it carries the same content.
    draft = page.get_latest_revision_as_object()
    assert draft.source_url == item.link and len(draft.body) == 1

    item.refresh_from_db()
    assert item.promoted_page_id == page.pk and item.promoted_at is not None
    assert item.status == ItemStatus.KEPT
    entry = AuditEntry.objects.get(action=ITEM_PROMOTED)
    assert entry.actor_id == editor.pk and entry.target_id == str(item.pk)
    assert entry.data["page"] == page.pk and entry.data["kind"] == "news"
    assert AuditEntry.objects.filter(action=ITEM_KEPT, target_id=str(item.pk)).count() == 1


def test_it_puts_an_english_story_under_the_english_index(editor, indexes) -> None:
    item = make_item("A new lab in Leeds", language="en", summary="A lab.")
    page = item_promote(item=item, user=editor, kind=STORY)
    assert page.get_parent().pk == indexes["stories"]["en"].pk
    assert page.specific.kind == "story" and page.locale.language_code == "en"


def test_it_promotes_a_good_example_draft(editor, indexes, theme) -> None:
    actor = make_actor("Läxhjälpen i Umeå")
    item = swedish_item(actors=[actor])
    item.themes.set([theme])
    page = item_promote(item=item, user=editor, kind=CASE)

    page = CasePage.objects.get(pk=page.pk)
    assert page.get_parent().pk == indexes["cases"]["sv"].pk
    assert not page.live
    assert page.summary == item.summary and page.source_url == item.link
    assert sorted(page.sdgs.values_list("number", flat=True)) == [3, 11]
    assert list(page.involved_actors.all()) == [actor]
    assert list(page.themes.all()) == [theme]
    # The challenge and the solution are the editor's to write before publishing.
    assert page.challenge == "" and page.solution == ""


def test_promoting_twice_gives_the_same_page(editor, indexes) -> None:
    item = swedish_item()
    first = item_promote(item=item, user=editor, kind=NEWS)
    again = item_promote(item=item, user=editor, kind=CASE)
    assert again.pk == first.pk
    assert StoryPage.objects.count() == 1 and not CasePage.objects.exists()
    assert AuditEntry.objects.filter(action=ITEM_PROMOTED).count() == 1


def test_it_refuses_an_analyst_without_page_permissions(analyst, indexes) -> None:
    item = swedish_item()
    with pytest.raises(PermissionDenied):
        item_promote(item=item, user=analyst, kind=NEWS)
    assert not StoryPage.objects.exists()
    item.refresh_from_db()
    assert item.promoted_page_id is None and item.status == ItemStatus.NEW
    assert not AuditEntry.objects.filter(action__startswith="monitoring.item_").exists()


@pytest.mark.parametrize("persona", ["outsider", "member", "facilitator"])
def test_it_refuses_those_who_may_not_triage(persona, request, indexes) -> None:
    item = swedish_item()
    with pytest.raises(PermissionDenied):
        item_promote(item=item, user=request.getfixturevalue(persona), kind=NEWS)
    assert not StoryPage.objects.exists()


def test_it_refuses_an_index_of_the_wrong_type(editor, indexes) -> None:
    item = swedish_item()
    with pytest.raises(PromotionError):
        item_promote(item=item, user=editor, kind=NEWS, parent=indexes["cases"]["sv"])
    with pytest.raises(PromotionError):
        item_promote(item=item, user=editor, kind="publication")
    assert not Page.objects.type(StoryPage, CasePage).exists()


def test_it_needs_an_index_in_the_items_language(editor, demo_site) -> None:
    item = swedish_item()
    with pytest.raises(PromotionError):
        item_promote(item=item, user=editor, kind=NEWS)
    item.refresh_from_db()
    assert item.promoted_page_id is None


def test_html_injection_in_the_item_does_not_reach_the_page(editor, indexes) -> None:
    item = swedish_item(content_html=EVIL)
    page = StoryPage.objects.get(pk=item_promote(item=item, user=editor, kind=NEWS).pk)
    stored = page.body.raw_data[0]["value"]
    for bad in ("<script", "alert(1)", "onclick", "onerror", "javascript:", "<img", "<iframe",
                "<h2"):
        assert bad not in stored
    assert '<a href="https://example.se/mer">mer</a>' in stored
    assert "<h3>Rubrik</h3>" in stored


def test_body_html_keeps_only_what_the_rich_text_holds() -> None:
    assert body_html('<h1 class="x">T</h1><h5>U</h5><p style="color:red">V</p>') == (
        "<h3>T</h3><h4>U</h4><p>V</p>")
    assert body_html("") == ""


# --- The inbox ------------------------------------------------------------------------


def test_an_editor_promotes_from_the_inbox_and_lands_in_the_editor(editor, indexes) -> None:
    item = swedish_item()
    client = login(editor)
    html = client.get(INBOX).content.decode()
    assert f'action="{promote_url(item)}"' in html
    assert f'<label for="promote-{item.pk}">Promote to' in html

    response = client.post(promote_url(item), {"kind": "news", "next": INBOX}, follow=True)
    page = StoryPage.objects.get()
    assert response.redirect_chain[0] == (reverse("wagtailadmin_pages:edit", args=[page.pk]),
                                          302)
    assert response.status_code == 200
    assert "created from the feed item" in response.content.decode()

    html = client.get(INBOX, {"status": "all"}).content.decode()
    assert f'href="{reverse("wagtailadmin_pages:edit", args=[page.pk])}"' in html
    assert "Promoted: Umeå öppnar ett innovationslabb" in html
    assert f'action="{promote_url(item)}"' not in html


def test_a_good_example_from_the_inbox(editor, indexes) -> None:
    item = swedish_item()
    response = login(editor).post(promote_url(item), {"kind": "case"})
    page = CasePage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    # The draft opens in Wagtail's editor, the source field with it.
    edit = login(editor).get(response["Location"])
    assert edit.status_code == 200 and 'name="source_url"' in edit.content.decode()


def test_posting_twice_opens_the_same_draft(editor, indexes) -> None:
    item = swedish_item()
    client = login(editor)
    first = client.post(promote_url(item), {"kind": "news"})
    second = client.post(promote_url(item), {"kind": "story"})
    assert first["Location"] == second["Location"]
    assert StoryPage.objects.count() == 1


def test_an_analyst_sees_no_promote_form_and_cannot_post_one(analyst, indexes) -> None:
    item = swedish_item()
    client = login(analyst)
    html = client.get(INBOX).content.decode()
    assert "Umeå öppnar" in html and promote_url(item) not in html
    response = client.post(promote_url(item), {"kind": "news"})
    # Wagtail answers a PermissionDenied in the admin with a redirect to the dashboard.
    assert response.status_code in (302, 403)
    assert response.status_code == 403 or response["Location"] == reverse("wagtailadmin_home")
    assert not StoryPage.objects.exists()
    assert Item.objects.get(pk=item.pk).promoted_page_id is None


def test_anonymous_visitors_are_sent_to_log_in(client, indexes) -> None:
    item = swedish_item()
    response = client.post(promote_url(item), {"kind": "news"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert not StoryPage.objects.exists()


@pytest.mark.parametrize("persona", ["outsider", "member", "facilitator"])
def test_others_are_kept_out(persona, request, indexes) -> None:
    item = swedish_item()
    response = login(request.getfixturevalue(persona)).post(promote_url(item), {"kind": "news"})
    assert response.status_code in (302, 403)
    assert "/pages/" not in response.get("Location", "")
    assert not StoryPage.objects.exists()


def test_it_refuses_get_an_unknown_kind_and_an_unknown_item(editor, indexes) -> None:
    item = swedish_item()
    client = login(editor)
    assert client.get(promote_url(item)).status_code == 405
    response = client.post(promote_url(item), {"kind": "publication", "next": INBOX})
    assert response.status_code == 302 and response["Location"] == INBOX
    assert client.post(reverse("monitoring_inbox:promote", args=[item.pk + 999]),
                       {"kind": "news"}).status_code == 404
    assert not StoryPage.objects.exists()


def test_without_an_index_it_says_so(editor, demo_site) -> None:
    item = swedish_item()
    response = login(editor).post(promote_url(item), {"kind": "news", "next": INBOX},
                                  follow=True)
    assert response.redirect_chain[-1][0] == INBOX
    assert "no index page" in response.content.decode()
    assert Item.objects.get(pk=item.pk).promoted_page_id is None


# --- The public pages -----------------------------------------------------------------


@pytest.mark.parametrize("kind", [NEWS, CASE])
def test_the_published_page_names_its_source(kind, editor, indexes, client) -> None:
    item = swedish_item()
    page = item_promote(item=item, user=editor, kind=kind).specific
    if kind == CASE:
        page.challenge, page.solution = "Utmaningen.", "Lösningen."
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert f'<p class="source-link">' in html
    assert f'<a href="{item.link}" rel="nofollow noopener">{item.link}</a>' in html
