"""The trends page in the admin: who gets in, chart and table, rising terms, CSV, query count."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from itertools import count

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sihub.conftest import login
from sihub.monitoring.models import Item, Source
from sihub.monitoring.tests.test_inbox import _monitoring_menu_urls
from sihub.sdg.models import Goal

pytestmark = pytest.mark.django_db

TRENDS = "/admin/monitoring/trends/"
_serial = count(1)


@pytest.fixture(autouse=True)
def _admin_in_english(settings):
    """The assertions read the English texts; the admin otherwise speaks Swedish."""
    settings.LANGUAGE_CODE = "en"


def make_item(title: str, *, days_ago: int = 1, sdgs: list[int] = (), language: str = "sv",
              source: Source | None = None) -> Item:
    n = next(_serial)
    source = source or Source.objects.create(name=f"Källa {n}", url=f"https://f{n}.example.se/")
    item = Item.objects.create(source=source, guid=f"g{n}", title=title, language=language,
                               content_hash=f"{n:064d}",
                               published_at=timezone.now() - timedelta(days=days_ago))
    item.sdgs.set(Goal.objects.filter(number__in=sdgs))
    return item


def read_csv(response) -> list[list[str]]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


# --- Who gets in ---------------------------------------------------------------------


def test_it_sends_anonymous_visitors_to_the_admin_log_in(client) -> None:
    response = client.get(TRENDS)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    response = client.get(TRENDS + "?format=csv")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.parametrize("persona", ["member", "outsider"])
def test_it_keeps_people_without_access_out(persona, request) -> None:
    make_item("Hemlig nyhet om mikrolån", sdgs=[3])
    client = login(request.getfixturevalue(persona))
    for query in ("", "?format=csv", "?format=terms-csv"):
        response = client.get(TRENDS + query)
        # Wagtail answers a refused admin page with 403 or a redirect.
        assert response.status_code in (302, 403)
        assert b"SDG 3" not in response.content and b"mikrol" not in response.content


@pytest.mark.parametrize("persona", ["editor", "analyst"])
def test_editors_and_analysts_see_the_trends(persona, request) -> None:
    make_item("Ny nyhet", sdgs=[3])
    response = login(request.getfixturevalue(persona)).get(TRENDS)
    assert response.status_code == 200


def test_it_is_in_the_monitoring_menu(analyst, member) -> None:
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = analyst
    urls = _monitoring_menu_urls(request)
    assert TRENDS in urls and "/admin/monitoring/sources/health/" in urls


# --- The page ------------------------------------------------------------------------


def test_it_shows_a_chart_and_the_same_numbers_as_a_table(analyst) -> None:
    make_item("Vård i staden", sdgs=[3, 11])
    make_item("Vård på landet", sdgs=[3])
    make_item("Gammal nyhet", sdgs=[3], days_ago=400)  # outside the period
    response = login(analyst).get(TRENDS + "?weeks=4")
    html = response.content.decode()
    assert response.status_code == 200
    series = response.context["series"]
    goal3 = Goal.objects.get(number=3)
    assert sum(series.counts[goal3.pk]) == 2
    assert len(series.labels) == 4
    # The chart: an accessible image whose lines carry their names, in the goal's colour.
    assert 'role="img"' in html and "<title id=\"trends-chart-title\">" in html
    assert f'stroke="{goal3.color}"' in html and ">SDG 3</text>" in html
    # The table: a caption, column and row headers, and the counts.
    assert "<caption id=\"trend-table-caption\">" in html
    assert f'<th scope="row">{goal3}</th>' in html
    assert 'style="' not in html.split('id="trend-filters"')[1]  # no inline styles (CSP)


def test_it_charts_themes_in_palette_colours(analyst) -> None:
    from sihub.core.models import Theme

    welfare = Theme.objects.create(slug="valfard", name_sv="Välfärd", name_en="Welfare")
    make_item("Nyhet").themes.set([welfare])
    html = login(analyst).get(TRENDS + "?dimension=theme").content.decode()
    assert 'stroke="#0072B2"' in html and ">Welfare</text>" in html  # English admin
    assert '<th scope="row">Welfare</th>' in html


def test_it_lists_rising_terms(analyst) -> None:
    for i in range(4):
        make_item(f"Mikrolån växer del {i}", days_ago=2)
    response = login(analyst).get(TRENDS + "?weeks=4")
    terms = [t.term for t in response.context["rising"].terms]
    assert "mikrolån växer" in terms
    assert '<th scope="row">mikrolån växer</th>' in response.content.decode()


def test_it_refuses_bad_filters_with_an_error_summary(analyst) -> None:
    response = login(analyst).get(TRENDS + "?weeks=7")
    assert response.status_code == 400
    assert 'class="error-summary"' in response.content.decode()
    assert 'href="#id_weeks"' in response.content.decode()


def test_it_exports_the_series_as_csv(analyst) -> None:
    make_item("=HYPERLINK(1)", sdgs=[3, 11])
    response = login(analyst).get(TRENDS + "?weeks=4&granularity=week&format=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = read_csv(response)
    assert rows[0] == ["Period", "Dimension", "Items"]
    assert len(rows) == 1 + 2 * 4  # two goals, four weeks
    goal3 = str(Goal.objects.get(number=3))
    assert sum(int(r[2]) for r in rows[1:] if r[1] == goal3) == 1
    assert all(r[0].startswith(str(r[0][:4])) and "-W" in r[0] for r in rows[1:])


def test_it_defuses_formulas_in_csv_cells(analyst) -> None:
    from sihub.core.models import Theme

    theme = Theme.objects.create(slug="formel", name_sv="=SUM(A1:A9)", name_en="=SUM(A1:A9)")
    make_item("Nyhet").themes.set([theme])
    response = login(analyst).get(TRENDS + "?weeks=4&dimension=theme&format=csv")
    rows = read_csv(response)
    assert {r[1] for r in rows[1:]} == {"'=SUM(A1:A9)"}
    assert sum(int(r[2]) for r in rows[1:]) == 1


def test_it_exports_rising_terms_as_csv(analyst) -> None:
    for i in range(3):
        make_item(f"Mikrolån ökar {i}", days_ago=2)
    for i in range(3):
        make_item(f"Nytt om mikrolån {i}", days_ago=3)
    response = login(analyst).get(TRENDS + "?format=terms-csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = read_csv(response)
    assert rows[0] == ["Word or phrase", "This period", "Previous period", "Score"]
    assert ["mikrolån", "6", "0"] == rows[1][:3]
    assert float(rows[1][3]) > 0


def test_it_counts_queries_independently_of_the_number_of_items(analyst) -> None:
    client = login(analyst)
    make_item("En", sdgs=[3])
    client.get(TRENDS)  # warm caches (permissions, site, menu)
    with CaptureQueriesContext(connection) as few:
        assert client.get(TRENDS).status_code == 200
    for i in range(20):
        make_item(f"Nyhet {i}", sdgs=[1 + i % 17, 5], days_ago=i % 20)
    with CaptureQueriesContext(connection) as many:
        assert client.get(TRENDS).status_code == 200
    assert len(many) == len(few)
