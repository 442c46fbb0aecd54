"""Knowledge URLs: the feeds (see feeds.py). Included under the language prefix."""

from django.urls import path

from sihub.knowledge import feeds

app_name = "knowledge"
urlpatterns = [
    path("feeds/stories.rss", feeds.StoriesFeed(), name="stories_rss"),
    path("feeds/stories.atom", feeds.StoriesAtomFeed(), name="stories_atom"),
    path("feeds/news.rss", feeds.NewsFeed(), name="news_rss"),
    path("feeds/news.atom", feeds.NewsAtomFeed(), name="news_atom"),
    path("feeds/publications.rss", feeds.PublicationsFeed(), name="publications_rss"),
    path("feeds/publications.atom", feeds.PublicationsAtomFeed(), name="publications_atom"),
]
