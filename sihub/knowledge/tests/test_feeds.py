"""The RSS and Atom feeds of stories, news and publications."""

from __future__ import annotations

import datetime as dt
from email.utils import parsedate_to_datetime
from typing import Any

import pytest
from defusedxml import ElementTree
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext
from wagtail.models import Locale

from sihub.core.models import Theme
from sihub.knowledge.models import (
    PublicationIndexPage,
    PublicationPage,
    StoryIndexPage,
    StoryPage,
)
from sihub.sdg.models import Goal

ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"


# --- content ------------------------------------------------------------------


def _publish(page: Any) -> Any:
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def _translate(page: Any, language: str, **fields: Any) -> Any:
    copy = page.copy_for_translation(Locale.objects.get(language_code=language))
    for name, value in fields.items():
        setattr(copy, name, value)
    return _publish(copy)


def add_story(index: StoryIndexPage, title: str, *, kind: str = "story",
              date: dt.date = dt.date(2025, 3, 1), live: bool = True, sdgs: tuple[int, ...] = (),
              themes: tuple[Theme, ...] = (), **fields: Any) -> StoryPage:
    page = StoryPage(title=title, slug=slugify(title), kind=kind, date=date, live=live,
                     intro=fields.pop("intro", f"Ingress till {title}."), **fields)
    index.add_child(instance=page)
    page.sdgs.set(Goal.objects.filter(number__in=sdgs))
    page.themes.set(themes)
    revision = page.save_revision()
    if live:
        revision.publish()
    return page


def add_publication(index: PublicationIndexPage, title: str, *, live: bool = True,
                    sdgs: tuple[int, ...] = (), **fields: Any) -> PublicationPage:
    fields.setdefault("authors", "Anna Berg; Bo Ek")
    fields.setdefault("external_url", "https://example.org/report.pdf")
    page = PublicationPage(title=title, slug=slugify(title), year=2024, live=live,
                           intro=f"Sammanfattning av {title}.", **fields)
    index.add_child(instance=page)
    page.sdgs.set(Goal.objects.filter(number__in=sdgs))
    revision = page.save_revision()
    if live:
        revision.publish()
    return page


@pytest.fixture
def theme(db) -> Theme:
    return Theme.objects.create(slug="valfard", name_sv="Välfärd", name_en="Welfare")


@pytest.fixture
def indexes(demo_site) -> dict[str, Any]:
    stories = StoryIndexPage(title="Berättelser och nyheter", slug="berattelser")
    demo_site["sv"].add_child(instance=stories)
    _publish(stories)
    publications = PublicationIndexPage(title="Publikationer", slug="publikationer")
    demo_site["sv"].add_child(instance=publications)
    _publish(publications)
    return {
        "stories": {"sv": stories, "en": _translate(stories, "en", title="Stories and news",
                                                    slug="stories")},
        "publications": {"sv": publications,
                         "en": _translate(publications, "en", title="Publications",
                                          slug="publications")},
    }


# --- reading feeds ------------------------------------------------------------


def sv(text: str) -> str:
    with translation.override("sv"):
        return gettext(text)


def rss(client: Any, url: str) -> Any:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ElementTree.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    return root.find("channel")


def atom(client: Any, url: str) -> Any:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    return root


def rss_titles(client: Any, url: str) -> list[str]:
    return [item.findtext("title") for item in rss(client, url).findall("item")]


# --- RSS ----------------------------------------------------------------------


def test_it_serves_news_as_rss_2(client, indexes, theme):
    add_story(indexes["stories"]["sv"], "Ny lag om upphandling", kind="news",
              author="Anna Berg", sdgs=(5, 8), themes=(theme,))
    channel = rss(client, "/sv/feeds/news.rss")

    assert channel.findtext("title") == f"sihub – {sv('News')}"
    assert channel.findtext("link") == "http://localhost/sv/berattelser/?kind=news"
    assert channel.findtext("description")
    assert channel.findtext("language") == "sv"
    [item] = channel.findall("item")
    assert item.findtext("title") == "Ny lag om upphandling"
    assert item.findtext("link") == "http://localhost/sv/berattelser/ny-lag-om-upphandling/"
    assert item.findtext("description") == "Ingress till Ny lag om upphandling."
    assert item.findtext(f"{DC}creator") == "Anna Berg"
    assert item.find("guid").get("isPermaLink") == "false"
    assert item.findtext("guid").startswith("tag:localhost,2025:sihub/page/")
    categories = [c.text for c in item.findall("category")]
    assert categories == [str(Goal.objects.get(number=5)), str(Goal.objects.get(number=8)),
                          "Välfärd"]


def test_it_dates_items_in_rfc_822(client, indexes):
    add_story(indexes["stories"]["sv"], "En berättelse", date=dt.date(2024, 11, 5))
    item = rss(client, "/sv/feeds/stories.rss").find("item")
    published = parsedate_to_datetime(item.findtext("pubDate"))
    assert published.tzinfo is not None
    assert published.date() == dt.date(2024, 11, 5)


def test_it_orders_stories_newest_first_and_keeps_the_latest_fifty(client, indexes):
    index = indexes["stories"]["sv"]
    for day in range(1, 53):
        add_story(index, f"Berättelse {day}", date=dt.date(2024, 1, 1) + dt.timedelta(days=day))
    titles = rss_titles(client, "/sv/feeds/stories.rss")
    assert len(titles) == 50
    assert titles[0] == "Berättelse 52" and titles[-1] == "Berättelse 3"


def test_it_escapes_markup_in_leads_so_readers_show_it_as_text(client, indexes):
    add_story(indexes["stories"]["sv"], "Tecken", intro="Bröd & smör, 3 < 4")
    item = rss(client, "/sv/feeds/stories.rss").find("item")
    # The XML holds HTML, and that HTML shows the characters as written.
    assert item.findtext("description") == "Bröd &amp; smör, 3 &lt; 4"


# --- Atom ---------------------------------------------------------------------


def test_it_serves_publications_as_atom(client, indexes):
    add_publication(indexes["publications"]["sv"], "Rapport om social ekonomi", sdgs=(8,))
    feed = atom(client, "/sv/feeds/publications.atom")

    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "sv"
    assert feed.findtext(f"{ATOM}id") == "http://localhost/sv/feeds/publications.atom"
    assert feed.findtext(f"{ATOM}title") == f"sihub – {sv('Publications')}"
    assert dt.datetime.fromisoformat(feed.findtext(f"{ATOM}updated"))
    assert feed.find(f"{ATOM}author/{ATOM}name").text == "sihub"
    [entry] = feed.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}id").startswith("tag:localhost,2025:sihub/page/")
    assert entry.findtext(f"{ATOM}title") == "Rapport om social ekonomi"
    assert dt.datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
    assert entry.find(f"{ATOM}link").get("href") == (
        "http://localhost/sv/publikationer/rapport-om-social-ekonomi/")
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Anna Berg; Bo Ek"
    assert [c.get("term") for c in entry.findall(f"{ATOM}category")] == [
        str(Goal.objects.get(number=8))]


@pytest.mark.parametrize("url", ["/sv/feeds/stories.atom", "/en/feeds/news.atom"])
def test_it_serves_a_valid_empty_atom_feed(client, indexes, url):
    feed = atom(client, url)
    assert feed.findtext(f"{ATOM}updated") and feed.findtext(f"{ATOM}id")
    assert feed.findall(f"{ATOM}entry") == []


# --- what goes in -------------------------------------------------------------


@pytest.mark.parametrize("url", ["/sv/feeds/stories.rss", "/sv/feeds/stories.atom",
                                 "/sv/feeds/news.rss", "/sv/feeds/publications.rss"])
def test_it_never_shows_drafts(client, indexes, url):
    add_story(indexes["stories"]["sv"], "Hemligt utkast", kind="news", live=False)
    add_publication(indexes["publications"]["sv"], "Hemlig rapport", live=False)
    body = client.get(url).content.decode()
    assert "Hemligt utkast" not in body and "Hemlig rapport" not in body


def test_it_hides_pages_that_were_unpublished(client, indexes):
    page = add_story(indexes["stories"]["sv"], "Tillbakadragen")
    page.unpublish()
    assert rss_titles(client, "/sv/feeds/stories.rss") == []


def test_it_keeps_each_language_in_its_own_feed(client, indexes):
    sv = add_story(indexes["stories"]["sv"], "Svensk nyhet", kind="news")
    _translate(sv, "en", title="English news", slug="english-news")
    add_story(indexes["stories"]["sv"], "Bara på svenska", kind="news")

    # Same date: the one published last comes first.
    assert rss_titles(client, "/sv/feeds/news.rss") == ["Bara på svenska", "Svensk nyhet"]
    channel = rss(client, "/en/feeds/news.rss")
    assert channel.findtext("language") == "en"
    assert channel.findtext("link") == "http://localhost/en/stories/?kind=news"
    assert [i.findtext("link") for i in channel.findall("item")] == [
        "http://localhost/en/stories/english-news/"]


def test_it_separates_news_from_stories(client, indexes):
    add_story(indexes["stories"]["sv"], "En nyhet", kind="news", date=dt.date(2025, 2, 1))
    add_story(indexes["stories"]["sv"], "En berättelse", kind="story", date=dt.date(2025, 1, 1))

    assert rss_titles(client, "/sv/feeds/stories.rss") == ["En nyhet", "En berättelse"]
    assert rss_titles(client, "/sv/feeds/news.rss") == ["En nyhet"]
    assert rss_titles(client, "/sv/feeds/stories.rss?kind=news") == ["En nyhet"]
    assert rss_titles(client, "/sv/feeds/stories.rss?kind=story") == ["En berättelse"]
    assert rss(client, "/sv/feeds/stories.rss?kind=story").findtext("title") == (
        f"sihub – {sv('Stories')}")


# --- filters --------------------------------------------------------------------


def test_it_filters_by_goal_and_theme(client, indexes, theme):
    index = indexes["stories"]["sv"]
    add_story(index, "Jämställdhet", sdgs=(5,))
    add_story(index, "Arbete och välfärd", sdgs=(8,), themes=(theme,))
    add_story(index, "Inget av det")

    assert rss_titles(client, "/sv/feeds/stories.rss?sdg=5") == ["Jämställdhet"]
    assert set(rss_titles(client, "/sv/feeds/stories.rss?sdg=5&sdg=8")) == {
        "Jämställdhet", "Arbete och välfärd"}
    assert rss_titles(client, "/sv/feeds/stories.rss?theme=valfard") == ["Arbete och välfärd"]
    assert rss_titles(client, "/sv/feeds/stories.rss?sdg=5&theme=valfard") == []
    channel = rss(client, "/sv/feeds/stories.rss?sdg=8&theme=valfard")
    goal = Goal.objects.get(number=8)
    assert channel.findtext("title") == f"sihub – {sv('Stories and news')} – {goal}, Välfärd"
    assert channel.findtext("link") == "http://localhost/sv/berattelser/?sdg=8&theme=valfard"


def test_it_filters_publications_by_goal(client, indexes):
    add_publication(indexes["publications"]["sv"], "Om klimat", sdgs=(13,))
    add_publication(indexes["publications"]["sv"], "Om hälsa", sdgs=(3,))
    assert rss_titles(client, "/sv/feeds/publications.rss?sdg=13") == ["Om klimat"]


UNREADABLE_FILTERS = [
    "sdg=abc", "sdg=0", "sdg=18", "sdg=-5", "sdg=99999999999999999999999", "sdg=%00", "sdg=",
    "sdg=" + "9" * 5000, "sdg=%EF%BC%95",  # a full-width digit five
    "theme=no-such-theme", "theme=%00", "theme=%3Cscript%3E", "theme=" + "a" * 500,
    "kind=%00", "kind=podcast", "kind=news%00", "page=-1",
]


@pytest.mark.parametrize("feed", ["stories.rss", "stories.atom", "publications.rss", "news.atom"])
def test_it_ignores_filter_values_it_cannot_read(client, indexes, feed):
    add_story(indexes["stories"]["sv"], "En nyhet", kind="news", sdgs=(5,))
    add_publication(indexes["publications"]["sv"], "En rapport", sdgs=(5,))
    for query in UNREADABLE_FILTERS:
        response = client.get(f"/sv/feeds/{feed}?{query}")
        assert response.status_code == 200, query
        root = ElementTree.fromstring(response.content)
        items = root.findall("channel/item") or root.findall(f"{ATOM}entry")
        # The filter was dropped, not applied as "nothing matches".
        assert len(items) == 1, query


def test_it_reads_the_feed_without_a_query_per_item(client, indexes, theme,
                                                    django_assert_max_num_queries):
    for n in range(20):
        add_story(indexes["stories"]["sv"], f"Berättelse {n}", sdgs=(n % 17 + 1,),
                  themes=(theme,))
    client.get("/sv/feeds/stories.rss")  # warm the site root paths
    with django_assert_max_num_queries(12):
        assert len(rss_titles(client, "/sv/feeds/stories.rss?sdg=1&theme=valfard")) == 2


def test_the_site_advertises_its_feeds(client, demo_site):
    html = client.get("/en/").content.decode()
    assert 'type="application/rss+xml"' in html
    assert 'href="/en/feeds/news.rss"' in html
    assert 'href="/en/feeds/publications.rss"' in html
