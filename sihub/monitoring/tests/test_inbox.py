"""The analyst's triage inbox: who gets in, filters, order, actions, CSV, query count."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from itertools import count
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sihub.actors.tests.factories import make_actor
from sihub.conftest import login
from sihub.core.models import AuditEntry, Theme
from sihub.monitoring.models import Item, ItemStatus, Source, Story
from sihub.monitoring.services import ITEM_KEPT, ITEM_NOTED, ITEM_STARRED
from sihub.sdg.models import Goal

pytestmark = pytest.mark.django_db

INBOX = "/admin/monitoring/inbox/"
_serial = count(1)


@pytest.fixture(autouse=True)
def _admin_in_english(settings):
    """The assertions read the English texts; the admin otherwise speaks Swedish."""
    settings.LANGUAGE_CODE = "en"


def make_source(name: str = "") -> Source:
    n = next(_serial)
    return Source.objects.create(name=name or f"Source {n}", url=f"https://feeds{n}.example.se/rss")


def make_item(title: str, *, source: Source | None = None, relevance: float = 0.5,
              published: datetime | None = None, sdgs: list[int] = (), actors: list[Any] = (),
              story: Story | None = None, themes: list[Theme] = (), **fields: Any) -> Item:
    n = next(_serial)
    item = Item.objects.create(
        source=source or make_source(), guid=f"guid-{n}", title=title,
        link=f"https://news.example.se/{n}", relevance=relevance, content_hash=f"{n:064d}",
        published_at=published or timezone.now(), story=story, **fields)
    item.sdgs.set(Goal.objects.filter(number__in=sdgs))
    item.actors.set(actors)
    item.themes.set(themes)
    return item


def make_theme(slug: str, name_sv: str, name_en: str) -> Theme:
    return Theme.objects.create(slug=slug, name_sv=name_sv, name_en=name_en)


def titles(response) -> list[str]:
    return [str(item) for item in response.context["items"]]


# --- Who gets in ---------------------------------------------------------------------


def test_it_sends_anonymous_visitors_to_the_admin_log_in(client) -> None:
    item = make_item("Ett nytt labb")
    response = client.get(INBOX)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    response = client.post(INBOX, {"action": "keep", "item": [item.pk]})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert Item.objects.get(pk=item.pk).status == ItemStatus.NEW


@pytest.mark.parametrize("persona", ["member", "outsider", "facilitator"])
def test_it_keeps_everyone_but_editors_and_analysts_out(persona, request) -> None:
    # Wagtail answers a refused admin page with a redirect (to log-in or the dashboard).
    item = make_item("Ett nytt labb")
    client = login(request.getfixturevalue(persona))
    response = client.get(INBOX)
    assert response.status_code in (302, 403)
    assert "Ett nytt labb" not in response.content.decode()
    assert client.get(INBOX + "?format=csv").status_code in (302, 403)
    client.post(INBOX, {"action": "keep", "item": [item.pk]})
    assert Item.objects.get(pk=item.pk).status == ItemStatus.NEW
    assert not AuditEntry.objects.filter(action=ITEM_KEPT).exists()


@pytest.mark.parametrize("persona", ["editor", "analyst"])
def test_editors_and_analysts_see_the_inbox(persona, request) -> None:
    make_item("Ett nytt labb")
    response = login(request.getfixturevalue(persona)).get(INBOX)
    assert response.status_code == 200
    assert "Ett nytt labb" in response.content.decode()


def test_it_is_in_the_monitoring_menu(analyst) -> None:
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = analyst
    urls = _monitoring_menu_urls(request)
    assert INBOX in urls


# --- The list ------------------------------------------------------------------------


def test_it_lists_new_items_by_relevance_then_newest(analyst) -> None:
    now = timezone.now()
    make_item("Mellan", relevance=0.5, published=now - timezone.timedelta(days=3))
    make_item("Mellan men nyare", relevance=0.5, published=now)
    make_item("Högst", relevance=0.9, published=now - timezone.timedelta(days=9))
    make_item("Redan behållen", relevance=1.0, status=ItemStatus.KEPT)
    response = login(analyst).get(INBOX)
    assert titles(response) == ["Högst", "Mellan men nyare", "Mellan"]


def test_it_shows_tags_actors_and_the_story_size(analyst) -> None:
    actor = make_actor("Läxhjälpen i Umeå")
    story = Story.objects.create(title="Pressmeddelande")
    first = make_item("Pressmeddelande om labb", story=story, sdgs=[3, 11], actors=[actor])
    for _ in range(3):
        make_item("Pressmeddelande om labb (kopia)", story=story, status=ItemStatus.DISCARDED)
    html = login(analyst).get(INBOX).content.decode()
    assert f'href="{first.link}"' in html
    assert first.source.name in html
    assert "SDG 3" in html and "SDG 11" in html
    assert "Läxhjälpen i Umeå" in html
    assert "also on 3 other sources" in html
    assert 'aria-label="Select Pressmeddelande om labb"' not in html  # a label, not aria
    assert '<label for="select-%d" class="w-sr-only">Select Pressmeddelande om labb</label>' % (
        first.pk) in html


def test_it_filters(analyst) -> None:
    vinnova = make_source("Vinnova")
    day = timezone.make_aware(datetime(2025, 3, 10, 12))
    make_item("Svensk nyhet om vård", source=vinnova, language="sv", sdgs=[3], published=day)
    make_item("English news on cities", language="en", sdgs=[11], starred=True,
              published=day + timezone.timedelta(days=20))
    make_item("Behållen nyhet", language="sv", status=ItemStatus.KEPT, published=day)
    make_item("Okänt språk", language="", published=day)
    client = login(analyst)

    def get(**params: Any) -> list[str]:
        response = client.get(INBOX, params)
        assert response.status_code == 200
        return sorted(titles(response))

    assert get(source=vinnova.pk) == ["Svensk nyhet om vård"]
    assert get(sdg=11) == ["English news on cities"]
    assert get(language="en") == ["English news on cities"]
    assert get(language="other") == ["Okänt språk"]
    assert get(starred="yes") == ["English news on cities"]
    assert get(status="kept") == ["Behållen nyhet"]
    assert len(get(status="all")) == 4
    assert get(published_from="2025-03-20") == ["English news on cities"]
    assert get(published_to="2025-03-10") == ["Okänt språk", "Svensk nyhet om vård"]
    assert get(q="CITIES") == ["English news on cities"]


def test_it_summarises_invalid_filters(analyst) -> None:
    make_item("Ett nytt labb")
    response = login(analyst).get(INBOX, {"published_from": "2025-05-01",
                                          "published_to": "2025-04-01"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="error-summary"' in html and 'href="#id_published_to"' in html


def test_it_pages_25_items_at_a_time(analyst) -> None:
    for i in range(30):
        make_item(f"Nyhet {i}", relevance=i / 100)
    client = login(analyst)
    assert len(titles(client.get(INBOX))) == 25
    second = client.get(INBOX, {"page": 2})
    assert titles(second) == [f"Nyhet {i}" for i in range(4, -1, -1)]


def test_the_number_of_queries_does_not_grow_with_the_rows(analyst,
                                                            django_assert_max_num_queries) -> None:
    actor = make_actor("Läxhjälpen i Umeå")
    story = Story.objects.create(title="Berättelse")
    welfare, housing = make_theme("valfard", "Välfärd", "Welfare"), make_theme("boende", "Boende",
                                                                              "Housing")
    make_item("Första", sdgs=[1, 2], actors=[actor], story=story, themes=[welfare])
    make_item("Andra", sdgs=[3], actors=[actor], story=story)
    client = login(analyst)
    client.get(INBOX)  # warm caches (site, menus)
    with CaptureQueriesContext(connection) as few:
        assert client.get(INBOX).status_code == 200
    for i in range(25):
        make_item(f"Fler {i}", sdgs=[i % 17 + 1, 5], actors=[actor], story=story,
                  themes=[welfare, housing])
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(INBOX)
    assert len(titles(response)) == 25


def test_it_filters_by_theme_and_shows_the_themes(analyst) -> None:
    welfare = make_theme("valfard", "Välfärd", "Welfare")
    housing = make_theme("boende", "Boende", "Housing")
    make_item("Om välfärd", themes=[welfare])
    make_item("Om välfärd och boende", themes=[welfare, housing])
    make_item("Utan tema")
    client = login(analyst)
    response = client.get(INBOX, {"theme": "valfard"})
    assert response.status_code == 200
    assert sorted(titles(response)) == ["Om välfärd", "Om välfärd och boende"]
    assert titles(client.get(INBOX, {"theme": "boende"})) == ["Om välfärd och boende"]
    html = client.get(INBOX).content.decode()
    assert 'id="id_theme"' in html and '<option value="boende">' in html
    assert "Welfare, Housing" in html or "Housing, Welfare" in html


def test_an_unknown_theme_is_an_error_not_everything(analyst) -> None:
    make_item("Om välfärd")
    response = login(analyst).get(INBOX, {"theme": "finns-inte"})
    assert response.status_code == 400
    assert 'href="#id_theme"' in response.content.decode()


def test_the_number_of_queries_stays_fixed_with_promote_forms(
        editor, demo_site, django_assert_max_num_queries) -> None:
    from wagtail.models import Page

    from sihub.knowledge.models import StoryIndexPage
    from sihub.monitoring.promotion import item_promote

    home = Page.objects.get(pk=demo_site["sv"].pk)
    home.add_child(instance=StoryIndexPage(title="Nyheter", slug="nyheter"))
    welfare = make_theme("valfard", "Välfärd", "Welfare")
    item_promote(item=make_item("Redan befordrad", language="sv"), user=editor, kind="news")
    make_item("Första", language="sv", sdgs=[1], themes=[welfare])
    client = login(editor)
    client.get(INBOX, {"status": "all"})  # warm caches (site, menus)
    with CaptureQueriesContext(connection) as few:
        html = client.get(INBOX, {"status": "all"}).content.decode()
    assert "Promoted: Redan befordrad" in html and 'name="kind"' in html
    for i in range(25):
        item_promote(item=make_item(f"Befordrad {i}", language="sv"), user=editor, kind="news")
        make_item(f"Fler {i}", language=["sv", "en", ""][i % 3], themes=[welfare], sdgs=[2])
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(INBOX, {"status": "all"})
    assert len(titles(response)) == 25


# --- Actions -------------------------------------------------------------------------


def test_a_row_action_changes_the_item_audits_and_goes_back(analyst) -> None:
    item = make_item("Ett nytt labb")
    back = INBOX + "?language=sv&page=1"
    response = login(analyst).post(back, {"action": "keep", "item": [item.pk], "next": back})
    assert response.status_code == 302 and response["Location"] == back
    assert Item.objects.get(pk=item.pk).status == ItemStatus.KEPT
    entry = AuditEntry.objects.get(action=ITEM_KEPT)
    assert entry.actor_id == analyst.pk and entry.target_id == str(item.pk)
    assert entry.data["before"] == "new" and entry.data["after"] == "kept"


def test_star_unstar_and_discard(editor) -> None:
    item = make_item("Ett nytt labb")
    client = login(editor)
    client.post(INBOX, {"action": "star", "item": [item.pk]})
    assert Item.objects.get(pk=item.pk).starred
    assert AuditEntry.objects.filter(action=ITEM_STARRED, target_id=str(item.pk)).count() == 1
    client.post(INBOX, {"action": "unstar", "item": [item.pk]})
    client.post(INBOX, {"action": "discard", "item": [item.pk]})
    item.refresh_from_db()
    assert not item.starred and item.status == ItemStatus.DISCARDED


def test_a_note_is_saved_and_audited(analyst) -> None:
    item = make_item("Ett nytt labb")
    client = login(analyst)
    client.post(INBOX, {"action": "note", "item": [item.pk], "note": " Följ upp i maj. "})
    assert Item.objects.get(pk=item.pk).note == "Följ upp i maj."
    assert AuditEntry.objects.get(action=ITEM_NOTED).data["after"] == "Följ upp i maj."
    html = client.get(INBOX).content.decode()
    assert "Följ upp i maj.</textarea>" in html
    assert f'<label for="note-{item.pk}" class="w-sr-only">Note on Ett nytt labb</label>' in html


def test_a_bulk_action_changes_every_selected_item(analyst) -> None:
    chosen = [make_item(f"Vald {i}") for i in range(3)]
    other = make_item("Inte vald")
    response = login(analyst).post(INBOX, {"action": "discard",
                                           "item": [i.pk for i in chosen]})
    assert response.status_code == 302
    assert set(Item.objects.filter(status=ItemStatus.DISCARDED)) == set(chosen)
    assert Item.objects.get(pk=other.pk).status == ItemStatus.NEW
    assert AuditEntry.objects.filter(action="monitoring.item_discarded").count() == 3


@pytest.mark.parametrize("data", [
    {"action": "publish"},  # unknown action
    {"action": ""},
    {"action": "keep", "item": []},  # nothing selected
    {"action": "keep", "item": ["not-a-number"]},
    {"action": "note", "note": "x" * 2001},  # too long
])
def test_a_bad_action_changes_nothing_and_says_why(analyst, data) -> None:
    item = make_item("Ett nytt labb")
    post = {"item": [item.pk], **data}
    response = login(analyst).post(INBOX, post)
    assert response.status_code == 400
    assert 'id="error-summary"' in response.content.decode()
    item.refresh_from_db()
    assert item.status == ItemStatus.NEW and not item.starred and item.note == ""
    assert not AuditEntry.objects.filter(action__startswith="monitoring.item_").exists()


def test_a_post_without_the_csrf_token_is_refused(analyst) -> None:
    item = make_item("Ett nytt labb")
    client = Client(enforce_csrf_checks=True)
    client.force_login(analyst, backend="django.contrib.auth.backends.ModelBackend")
    response = client.post(INBOX, {"action": "keep", "item": [item.pk]})
    assert response.status_code == 403
    assert Item.objects.get(pk=item.pk).status == ItemStatus.NEW


def test_the_page_carries_csrf_tokens_in_its_forms(analyst) -> None:
    make_item("Ett nytt labb")
    html = login(analyst).get(INBOX).content.decode()
    assert html.count('name="csrfmiddlewaretoken"') >= 3  # bulk, row actions, note


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/inbox",
                                    "javascript:alert(1)", "http://testserver.evil.example/"])
def test_it_refuses_to_go_back_to_another_site(analyst, target) -> None:
    item = make_item("Ett nytt labb")
    response = login(analyst).post(INBOX, {"action": "keep", "item": [item.pk],
                                           "next": target})
    assert response.status_code == 302 and response["Location"] == INBOX
    assert Item.objects.get(pk=item.pk).status == ItemStatus.KEPT


# --- CSV -----------------------------------------------------------------------------


def test_it_exports_the_current_filter_as_csv(analyst) -> None:
    vinnova = make_source("Vinnova")
    themes = [make_theme("valfard", "Välfärd", "Welfare"), make_theme("boende", "Boende",
                                                                      "Housing")]
    make_item("=HYPERLINK(\"https://evil.example\")", source=vinnova, language="sv",
              sdgs=[3, 11], starred=True, note="Viktig", relevance=0.9, themes=themes,
              published=timezone.make_aware(datetime(2025, 3, 10, 12)))
    make_item("Annan källa", language="sv")
    make_item("Behållen", source=vinnova, status=ItemStatus.KEPT)
    response = login(analyst).get(INBOX, {"source": vinnova.pk, "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    body = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0] == ["Title", "Link", "Source", "Published", "Language", "SDGs", "Themes",
                       "Status", "Starred", "Note"]
    assert len(rows) == 2  # only the new item of Vinnova
    row = rows[1]
    assert row[0] == "'=HYPERLINK(\"https://evil.example\")"  # never a formula
    assert row[1].startswith("https://news.example.se/")
    assert row[2:3] == ["Vinnova"] and row[3].startswith("2025-03-10")
    assert row[4:6] == ["sv", "3;11"] and sorted(row[6].split(";")) == ["Housing", "Welfare"]
    assert row[7:] == ["New", "yes", "Viktig"]


def _monitoring_menu_urls(request) -> list[str]:
    """The URLs in the Monitoring group of the admin menu (found by its feed-sources
    entry: the group's name follows its translated label)."""
    from wagtail.admin.menu import admin_menu

    for item in admin_menu.menu_items_for_request(request):
        submenu = getattr(item, "menu", None)
        if submenu is None:
            continue
        urls = [sub.url for sub in submenu.menu_items_for_request(request)]
        if any(url.startswith("/admin/snippets/monitoring/source/") for url in urls):
            return urls
    return []
