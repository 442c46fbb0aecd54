import pytest
from django.core.cache import cache
from django.test import Client

from sihub.conftest import login


@pytest.fixture
def page_cache(settings):
    settings.SIHUB_PAGE_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def test_it_serves_anonymous_visitors_from_the_cache(page_cache, demo_site,
                                                     django_assert_num_queries):
    client = Client()
    first = client.get("/sv/kunskap/")
    assert first["X-Sihub-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/sv/kunskap/")
    assert second["X-Sihub-Cache"] == "hit"
    assert second.content == first.content
    # The security headers are added to cached responses too.
    assert "default-src 'self'" in second["Content-Security-Policy"]
    assert second["X-Frame-Options"] == "DENY"


def test_publishing_retires_cached_pages(page_cache, demo_site):
    client = Client()
    client.get("/sv/kunskap/")
    page = demo_site["sv"].get_children().get(slug="kunskap").specific
    page.title = "Kunskap och lärande"
    page.save_revision().publish()
    response = client.get("/sv/kunskap/")
    assert response["X-Sihub-Cache"] == "miss"
    assert "Kunskap och lärande" in response.content.decode()


def test_it_never_caches_for_people_who_are_logged_in(page_cache, demo_site, editor):
    client = login(editor)
    client.get("/sv/")
    response = client.get("/sv/")
    assert "X-Sihub-Cache" not in response
    # …and what they saw is not served to the public.
    assert Client().get("/sv/")["X-Sihub-Cache"] == "miss"


@pytest.mark.parametrize("path", ["/healthz", "/admin/login/"])
def test_it_never_caches_private_or_live_endpoints(page_cache, db, path):
    Client().get(path)
    assert "X-Sihub-Cache" not in Client().get(path)


def test_it_keys_on_the_query_string(page_cache, db):
    a = Client().get("/sv/search/", {"q": "fattigdom"})
    b = Client().get("/sv/search/", {"q": "hunger"})
    assert a["X-Sihub-Cache"] == b["X-Sihub-Cache"] == "miss"
    assert a.content != b.content


def test_content_pages_paginate_their_children(client, demo_site):
    from sihub.core.models import ContentPage

    parent = demo_site["sv"].get_children().get(slug="kunskap")
    for i in range(30):
        parent.add_child(instance=ContentPage(title=f"Barn {i}", slug=f"barn-{i}"))
    first = client.get("/sv/kunskap/").content.decode()
    assert first.count('class="card"') == 24
    second = client.get("/sv/kunskap/?page=2").content.decode()
    assert second.count('class="card"') == 6


def test_an_htmx_fragment_is_never_served_as_the_page(page_cache, demo_site):
    fragment = Client().get("/sv/kunskap/", HTTP_HX_REQUEST="true")
    page = Client().get("/sv/kunskap/")
    assert page["X-Sihub-Cache"] == "miss"
    assert "HX-Request" in page["Vary"]
    assert fragment["X-Sihub-Cache"] == "miss"
