"""Source health: status rules (pure), weekly arithmetic (database) and the admin page."""

from __future__ import annotations

from datetime import datetime, timedelta
from itertools import count

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from sihub.conftest import login
from sihub.monitoring import trends
from sihub.monitoring.models import Item, Source
from sihub.monitoring.trend_selectors import source_health

HEALTH = "/admin/monitoring/sources/health/"
NOW = timezone.make_aware(datetime(2025, 3, 20, 12))
_serial = count(1)


@pytest.fixture(autouse=True)
def _admin_in_english(settings):
    settings.LANGUAGE_CODE = "en"


def make_source(name: str, **fields) -> Source:
    n = next(_serial)
    return Source.objects.create(name=name, url=f"https://health{n}.example.se/rss", **fields)


def add_items(source: Source, *, days_ago: list[float], now: datetime = NOW) -> None:
    for days in days_ago:
        n = next(_serial)
        Item.objects.create(source=source, guid=f"h{n}", title=f"Nyhet {n}",
                            content_hash=f"{n:064d}", fetched_at=now - timedelta(days=days))


# --- Status rules (no database) --------------------------------------------------------


def test_it_calls_a_source_failing_when_the_last_fetch_failed() -> None:
    earlier, later = NOW - timedelta(hours=2), NOW
    assert trends.health_status(last_success_at=earlier, last_error_at=later,
                                items_last_4_weeks=10) == trends.FAILING
    assert trends.health_status(last_success_at=None, last_error_at=later,
                                items_last_4_weeks=0) == trends.FAILING
    # An old error followed by a success is history, not failure.
    assert trends.health_status(last_success_at=later, last_error_at=earlier,
                                items_last_4_weeks=10) == trends.OK


def test_it_calls_a_working_source_without_new_items_silent() -> None:
    assert trends.health_status(last_success_at=NOW, last_error_at=None,
                                items_last_4_weeks=0) == trends.SILENT


def test_it_tells_sources_never_fetched_apart() -> None:
    assert trends.health_status(last_success_at=None, last_error_at=None,
                                items_last_4_weeks=0) == trends.NEVER


# --- The selector (database) -----------------------------------------------------------


@pytest.mark.django_db
def test_it_counts_items_per_week_and_sorts_failing_first(analyst) -> None:
    ok = make_source("Alfa", last_success_at=NOW)
    add_items(ok, days_ago=[0, 1, 6.9, 8, 20, 50, 55.9, 57, 100])
    failing = make_source("Beta", last_success_at=NOW - timedelta(days=1),
                          last_error_at=NOW, last_error="HTTP 500")
    add_items(failing, days_ago=[2])
    silent = make_source("Gamma", last_success_at=NOW)
    add_items(silent, days_ago=[29, 40])
    make_source("Delta")

    rows = source_health(user=analyst, now=NOW)
    assert [(r.source.name, r.status) for r in rows] == [
        ("Beta", "failing"), ("Gamma", "silent"), ("Delta", "never"), ("Alfa", "ok")]
    alfa = rows[-1]
    # Rolling weeks ending now, oldest first; 57 and 100 days ago are outside the 8 weeks.
    assert alfa.weekly == [2, 0, 0, 0, 0, 1, 1, 3]
    assert alfa.last_7_days == 3
    assert alfa.per_week == 7 / 8
    assert rows[1].weekly[-4:] == [0, 0, 0, 0] and sum(rows[1].weekly) == 2
    assert alfa.last_item_at == NOW


@pytest.mark.django_db
def test_it_reads_health_in_one_query(analyst, django_assert_num_queries) -> None:
    for i in range(5):
        add_items(make_source(f"Källa {i}", last_success_at=NOW), days_ago=[1, 2, 9])
    source_health(user=analyst, now=NOW)  # loads the analyst's permissions
    with django_assert_num_queries(1):
        source_health(user=analyst, now=NOW)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["member", "outsider"])
def test_it_refuses_health_to_people_without_access(persona, request) -> None:
    with pytest.raises(PermissionDenied):
        source_health(user=request.getfixturevalue(persona))


# --- The page --------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_sends_anonymous_visitors_to_the_admin_log_in(client) -> None:
    response = client.get(HEALTH)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["member", "outsider"])
def test_it_keeps_people_without_access_out(persona, request) -> None:
    make_source("Hemlig källa")
    response = login(request.getfixturevalue(persona)).get(HEALTH)
    assert response.status_code in (302, 403)
    assert b"Hemlig k" not in response.content


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["editor", "analyst"])
def test_it_lists_sources_failing_first_with_links_to_edit_them(persona, request) -> None:
    now = timezone.now()
    good = make_source("Alfa", last_success_at=now)
    add_items(good, days_ago=[1, 2], now=now)
    bad = make_source("Beta", last_success_at=now - timedelta(days=1), last_error_at=now,
                      last_error="Not a feed")
    response = login(request.getfixturevalue(persona)).get(HEALTH)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Beta") < html.index("Alfa")
    assert f'href="/admin/snippets/monitoring/source/edit/{bad.pk}/"' in html
    assert "Failing" in html and "Not a feed" in html
    assert '<polyline points="' in html  # the sparkline
    assert "Items per week, oldest first: 0, 0, 0, 0, 0, 0, 0, 2" in html
    assert '<th scope="col">' in html and "<caption>" in html
