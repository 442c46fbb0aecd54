"""Feed sources and items in the Wagtail admin."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from sihub.monitoring.models import Item, Source

pytestmark = pytest.mark.django_db


@pytest.fixture
def source() -> Source:
    return Source.objects.create(name="Vinnova nyheter", url="https://vinnova.example.se/rss",
                                 last_success_at=timezone.now(), last_error="HTTP 503 once")


def test_it_lists_sources_with_their_health(client, admin_user, source) -> None:
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(admin_user)
    response = client.get(reverse("wagtailsnippets_monitoring_source:list"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Vinnova nyheter" in page and "HTTP 503 once" in page
    for heading in ("Name", "Language", "Active", "Last success", "Last error"):
        assert heading in page


def test_it_refuses_a_source_url_that_is_not_http(client, admin_user) -> None:
    client.force_login(admin_user)
    response = client.post(reverse("wagtailsnippets_monitoring_source:add"), {
        "name": "Local", "url": "ftp://files.example.se/feed", "kind": "auto",
        "language": "sv", "active": "on"})
    assert response.status_code == 200  # the form again, with the error
    assert not Source.objects.exists()


def test_items_are_read_only_even_for_superusers(client, admin_user, source) -> None:
    item = Item.objects.create(source=source, guid="g1", title="Ett nytt labb",
                               content_hash="0" * 64)
    client.force_login(admin_user)
    listing = client.get(reverse("wagtailsnippets_monitoring_item:list"))
    assert listing.status_code == 200 and "Ett nytt labb" in listing.content.decode()
    assert client.get(reverse("wagtailsnippets_monitoring_item:inspect",
                              args=[item.pk])).status_code == 200
    assert client.get(reverse("wagtailsnippets_monitoring_item:edit",
                              args=[item.pk])).status_code in (302, 403)
    assert client.get(reverse("wagtailsnippets_monitoring_item:add")).status_code in (302, 403)


def test_it_keeps_the_admin_from_outsiders(client, source) -> None:
    response = client.get(reverse("wagtailsnippets_monitoring_source:list"))
    assert response.status_code == 302 and "login" in response["Location"]
