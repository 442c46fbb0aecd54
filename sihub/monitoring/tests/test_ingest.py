"""source_fetch: idempotent ingestion, 304, crash and rerun, dedup, tags, mentions."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import override_settings

from sihub.actors.tests.factories import make_actor
from sihub.core.models import Theme
from sihub.monitoring import services
from sihub.monitoring.models import Item, ItemStatus, Source, Story
from sihub.monitoring.services import ACTOR_BONUS, source_fetch
from sihub.monitoring.tests.servers import Handler, LocalServer, respond

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_feeds")]

HEALTH = ("The region opens three new health centres so that patients get primary care, "
          "doctors and nurses closer to home; hospital waiting times for treatment "
          "and vaccination fall.")


@pytest.fixture
def private_feeds():
    with override_settings(SIHUB_FEEDS_ALLOW_PRIVATE_NETWORKS=True):
        yield


def entry(n: int, **extra: Any) -> dict[str, Any]:
    return {"id": f"item-{n}", "url": f"https://news.example.org/{n}?utm_source=rss",
            "title": f"Story number {n} about local social enterprises",
            "content_text": f"Body of item {n}.", "date_published": "2026-03-02T09:00:00Z",
            **extra}


def json_feed(items: list[dict[str, Any]]) -> bytes:
    return json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "T",
                       "items": items}).encode()


class Feed:
    """A feed a test can change between fetches, with an ETag like real servers."""

    def __init__(self, server: LocalServer, path: str, items: list[dict[str, Any]]) -> None:
        self.items = items
        self.server, self.path = server, path
        server.routes[path] = self.serve

    @property
    def body(self) -> bytes:
        return json_feed(self.items)

    def serve(self, handler: Handler) -> None:
        etag = f'"{hash(self.body)}"'
        if handler.headers.get("If-None-Match") == etag:
            respond(handler, 304, content_type="")
            return
        respond(handler, 200, self.body, content_type="application/feed+json",
                headers={"ETag": etag})

    def source(self, name: str = "Feed") -> Source:
        return Source.objects.create(name=name, url=self.server.url(self.path))


def test_it_stores_each_item_once_however_often_it_runs(server: LocalServer) -> None:
    feed = Feed(server, "/feed", [entry(1), entry(2), entry(3)])
    source = feed.source()
    first = source_fetch(source=source)
    assert (first.new, first.updated, first.unchanged, first.errors) == (3, 0, 0, 0)
    source.refresh_from_db()
    source.etag = ""  # force a full fetch, not a 304
    source.save()
    second = source_fetch(source=source)
    assert (second.new, second.updated, second.unchanged, second.errors) == (0, 0, 3, 0)
    assert Item.objects.filter(source=source).count() == 3
    item = Item.objects.get(guid="item-1")
    assert item.canonical_url == "https://news.example.org/1"
    assert item.status == ItemStatus.NEW
    source.refresh_from_db()
    assert source.last_success_at is not None and source.last_error == ""


def test_it_updates_changed_items_and_keeps_their_triage(server: LocalServer) -> None:
    feed = Feed(server, "/feed", [entry(1), entry(2)])
    source = feed.source()
    source_fetch(source=source)
    Item.objects.filter(guid="item-1").update(status=ItemStatus.KEPT, starred=True, note="Use")
    feed.items = [entry(1, content_text="A corrected body."), entry(2)]
    report = source_fetch(source=source)
    assert (report.new, report.updated, report.unchanged) == (0, 1, 1)
    item = Item.objects.get(guid="item-1")
    assert "corrected" in item.summary
    assert (item.status, item.starred, item.note) == (ItemStatus.KEPT, True, "Use")


def test_it_writes_nothing_but_the_success_time_on_a_304(server: LocalServer) -> None:
    feed = Feed(server, "/feed", [entry(1)])
    source = feed.source()
    source_fetch(source=source)
    source.refresh_from_db()
    assert source.etag
    Item.objects.update(title="Edited here")
    before = source.last_success_at
    report = source_fetch(source=source)
    assert report.not_modified and (report.new, report.updated, report.unchanged) == (0, 0, 0)
    assert server.requests[-1][1]["if-none-match"] == source.etag
    assert Item.objects.get().title == "Edited here"
    source.refresh_from_db()
    assert source.last_success_at > before


def test_a_crash_halfway_leaves_nothing_and_a_rerun_no_duplicates(
        server: LocalServer, monkeypatch: pytest.MonkeyPatch) -> None:
    # The items and stories are inserted, then writing their tags fails.
    def failing(self: Any, *, replaced: list[int]) -> None:
        assert Item.objects.count() == 4 and Story.objects.exists()
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(services._Links, "save", failing)
    feed = Feed(server, "/feed", [entry(1), entry(2), entry(3), entry(4)])
    source = feed.source()
    report = source_fetch(source=source)
    assert report.errors == 1 and report.new == 0
    assert Item.objects.count() == 0 and Story.objects.count() == 0
    source.refresh_from_db()
    assert source.last_error == "RuntimeError: the disk is full"
    assert source.last_error_at is not None
    assert source.etag == ""  # the next run fetches everything again
    monkeypatch.undo()
    assert source_fetch(source=source).new == 4
    assert source_fetch(source=source).new == 0
    assert sorted(Item.objects.values_list("guid", flat=True)) == [
        "item-1", "item-2", "item-3", "item-4"]


def test_entries_a_database_refuses_are_cleaned_and_stored_with_the_rest(
        server: LocalServer) -> None:
    # NUL (PostgreSQL text refuses it), a lone surrogate (no database encodes
    # it), other control characters and an id longer than the column.
    feed = Feed(server, "/feed", [
        entry(1, title="Nul\x00 in the title", content_text="Body\x00 with\x01 controls"),
        entry(2, title="Broken \ud800 title in the feed", summary="Lone \udc00 low"),
        entry(3, id="x" * 800 + "\x00"),
        entry(4),
    ])
    source = feed.source()
    report = source_fetch(source=source)
    assert (report.new, report.errors) == (4, 0), report.error
    assert Item.objects.get(guid="item-1").title == "Nul in the title"
    assert "\x00" not in Item.objects.get(guid="item-1").content_html
    assert Item.objects.get(guid="item-2").title == "Broken title in the feed"
    long_id = Item.objects.get(title__startswith="Story number 3")
    assert long_id.guid.startswith("sha256:") and len(long_id.guid) <= 500
    assert source_fetch(source=source).new == 0  # the same cleaned ids next time


def test_it_tags_items_with_the_source_themes_and_those_the_text_names(
        server: LocalServer) -> None:
    feed = Feed(server, "/feed", [
        entry(1, title="Kommunen inför social upphandling",
              content_text="Sysselsättningskrav för långtidsarbetslösa i nya avtal."),
        entry(2, title="Ett vanligt möte", content_text="Styrelsen träffades i tisdags."),
    ])
    source = feed.source()
    source.themes.set(Theme.objects.filter(slug="food"))
    source_fetch(source=source)

    def slugs(guid: str) -> set[str]:
        return set(Item.objects.get(guid=guid).themes.values_list("slug", flat=True))

    assert slugs("item-1") == {"food", "social-procurement", "inclusive-working-life"}
    assert slugs("item-2") == {"food"}
    # A changed text is tagged again: themes it no longer names go.
    feed.items = [entry(1, title="Kommunen inför social upphandling", content_text="Inget mer."),
                  entry(2, title="Ett vanligt möte", content_text="Återbruk och cirkulär ekonomi.")]
    source.refresh_from_db()
    source.etag = ""
    source.save()
    assert source_fetch(source=source).updated == 2
    assert slugs("item-1") == {"food", "social-procurement"}
    assert slugs("item-2") == {"food", "circular-economy"}


def test_a_fetch_costs_the_same_queries_for_one_new_item_or_twenty(
        server: LocalServer) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_actor("Coompanion Skåne")

    def queries(path: str, n: int) -> int:
        feed = Feed(server, path, [entry(i, id=f"{path}-{i}", url=f"https://e.org{path}/{i}",
                                         title=f"Social upphandling {path} {i}",
                                         content_text="Coompanion Skåne och hälsa, vårdcentral.")
                                   for i in range(n)])
        source = feed.source(path)
        source.themes.set(Theme.objects.filter(slug="food"))
        with CaptureQueriesContext(connection) as captured:
            assert source_fetch(source=source).new == n
        return len(captured.captured_queries)

    assert queries("/one", 1) == queries("/twenty", 20)
    item = Item.objects.get(guid="/twenty-3")
    assert item.actors.count() == 1 and item.sdgs.exists()
    assert {"food", "social-procurement"} <= set(item.themes.values_list("slug", flat=True))


def test_a_bad_source_records_its_error_and_does_not_raise(server: LocalServer) -> None:
    server.routes["/page"] = lambda h: respond(h, 200, b"<html>hi</html>",
                                               content_type="text/html")
    source = Source.objects.create(name="Page", url=server.url("/page"))
    report = source_fetch(source=source)
    assert report.errors == 1
    source.refresh_from_db()
    assert "not an RSS, Atom or JSON feed" in source.last_error


@override_settings(SIHUB_FEEDS_ALLOW_PRIVATE_NETWORKS=False)
def test_a_refused_url_is_an_error_on_the_source(server: LocalServer) -> None:
    source = Source.objects.create(name="Local", url=server.url("/feed"))
    assert source_fetch(source=source).errors == 1
    source.refresh_from_db()
    assert "private networks are not allowed" in source.last_error
    assert server.requests == []


def test_the_same_article_on_two_sites_becomes_one_story(server: LocalServer) -> None:
    release = "Government launches fund for social innovation in rural areas"
    one = Feed(server, "/one", [entry(1, title=release, url="https://a.example.se/pr/7/"),
                                entry(2)])
    two = Feed(server, "/two", [
        # Same URL with tracking and a fragment: same canonical URL.
        {"id": "x", "url": "https://A.example.se/pr/7?fbclid=abc#top", "title": "Other words",
         "date_published": "2026-03-03T09:00:00Z"},
        # A near-identical title two days later, elsewhere.
        {"id": "y", "url": "https://b.example.se/news/1",
         "title": "Government launches fund for social innovation in rural areas!",
         "date_published": "2026-03-04T08:00:00Z"},
        # The same title but far outside the ±3 day window: a different story.
        {"id": "z", "url": "https://c.example.se/old",
         "title": release, "date_published": "2026-01-04T08:00:00Z"},
    ])
    source_fetch(source=one.source("One"))
    source_fetch(source=two.source("Two"))
    story = Item.objects.get(guid="item-1").story
    assert story is not None and story.first_item.guid == "item-1"
    assert sorted(story.items.values_list("guid", flat=True)) == ["item-1", "x", "y"]
    assert story.items.values("source").distinct().count() == 2
    assert Item.objects.get(guid="z").story != story
    assert Item.objects.get(guid="item-2").story != story


def test_it_tags_an_item_about_health_care_with_goal_3(server: LocalServer) -> None:
    feed = Feed(server, "/feed", [entry(1, title="New health centres open",
                                        content_text=HEALTH)])
    source_fetch(source=feed.source())
    item = Item.objects.get()
    assert 3 in set(item.sdgs.values_list("number", flat=True))
    assert item.language == "en"
    assert 0.5 <= item.relevance <= 1.0


def test_it_links_published_actors_named_in_the_text(server: LocalServer) -> None:
    named = make_actor("Coompanion Skåne")
    hidden = make_actor("Hemliga Föreningen", is_published=False)
    make_actor("Skånska Kooperativet")  # not named
    short = make_actor("Fix")  # too short to match
    feed = Feed(server, "/feed", [entry(1, content_text=(
        "Coompanion Skåne and Hemliga Föreningen help to fix things; Coompanion Skånes."))])
    source_fetch(source=feed.source())
    item = Item.objects.get()
    assert list(item.actors.all()) == [named]
    assert hidden not in item.actors.all() and short not in item.actors.all()


def test_actor_mentions_raise_relevance(server: LocalServer) -> None:
    make_actor("Coompanion Skåne")
    feed = Feed(server, "/feed", [
        entry(1, title="Same text", content_text="Cooperatives grow in the south."),
        entry(2, title="Same text", content_text="Cooperatives grow in the south. "
                                                  "Coompanion Skåne")])
    source_fetch(source=feed.source())
    plain, named = Item.objects.get(guid="item-1"), Item.objects.get(guid="item-2")
    assert named.relevance - plain.relevance == pytest.approx(ACTOR_BONUS, abs=0.05)


def test_an_odd_but_http_link_does_not_fail_the_feed(server: LocalServer) -> None:
    feed = Feed(server, "/feed", [entry(1, url="https://my_host.example.org/a"), entry(2)])
    assert source_fetch(source=feed.source()).new == 2
    assert Item.objects.get(guid="item-1").link == "https://my_host.example.org/a"


def test_the_demo_data_is_ingested_offline_once_and_spread_over_twelve_weeks() -> None:
    from datetime import timedelta

    from django.db.models import Count
    from django.utils import timezone

    from sihub.monitoring import demo

    messages: list[str] = []
    demo.seed(scale=0, log=messages.append)
    assert Source.objects.count() == len(demo.SOURCES)
    assert not Source.objects.filter(active=True).exists()  # never fetched by the scheduler
    assert all(".example.org/" in url for url in Source.objects.values_list("url", flat=True))
    assert Item.objects.count() == 150
    assert Item.objects.filter(status=ItemStatus.KEPT).exists()
    assert Item.objects.filter(starred=True).exists()
    now = timezone.now()
    oldest, newest = (Item.objects.order_by("published_at").first().published_at,
                      Item.objects.order_by("published_at").last().published_at)
    assert now - timedelta(weeks=12, days=1) <= oldest and newest <= now + timedelta(days=1)
    assert set(Item.objects.values_list("language", flat=True)) == {"sv", "en"}
    assert Story.objects.annotate(n=Count("items")).filter(n__gt=1).exists()
    assert Item.objects.filter(themes__slug="impact-investment").exists()
    kept = Item.objects.filter(status=ItemStatus.KEPT).count()
    demo.seed(scale=0, log=messages.append)
    assert Item.objects.count() == 150
    assert Item.objects.filter(status=ItemStatus.KEPT).count() == kept
    assert "0 new items (150 already there)" in messages[-1]
