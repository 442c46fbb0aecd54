"""Value map, SROI and proxy pages: who may see and change what, and what they show."""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from sihub.conftest import login
from sihub.impact.models import FinancialProxy, ValueMapRow
from sihub.impact.tests.conftest import fresh
from sihub.impact.tests.sroi_fixtures import known_map

pytestmark = pytest.mark.django_db


def url(name: str, initiative: Any, lang: str = "sv") -> str:
    with translation.override(lang):
        return reverse(f"impact:{name}", args=[initiative.pk])


def row_post(base: Any, **changes: Any) -> dict[str, Any]:
    data = {"action": "add", "outcome": base.outcome_id, "indicator": "",
            "quantity": "4", "proxy": "", "proxy_value": "1000", "proxy_source": "Egen",
            "deadweight": "25", "displacement": "10", "attribution": "0", "drop_off": "50",
            "duration_years": "2", "starts": "during"}
    data.update(changes)
    return data


@pytest.fixture
def known_a(initiative_a, lead_a):
    return known_map(initiative_a, lead_a)


@pytest.fixture
def known_public(public_b, lead_b):
    return known_map(public_b, lead_b)


# --- Who may read -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["value_map", "sroi", "value_map_export"])
def test_it_hides_unpublished_pages_from_other_teams_and_anonymous(name, known_a, lead_b):
    initiative = known_a.initiative
    assert login(fresh(lead_b)).get(url(name, initiative)).status_code == 404
    assert Client().get(url(name, initiative)).status_code == 404


@pytest.mark.parametrize("persona", ["lead_a", "contributor_a", "analyst"])
def test_it_shows_writers_the_forms(persona, request, known_a):
    user = fresh(request.getfixturevalue(persona))
    response = login(user).get(url("value_map", known_a.initiative))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'name="action" value="add"' in body
    assert 'name="action" value="inputs"' in body
    assert 'value="delete"' in body


@pytest.mark.parametrize("persona", ["viewer_a", "editor"])
def test_it_shows_readers_the_map_without_forms(persona, request, known_a):
    user = fresh(request.getfixturevalue(persona))
    response = login(user).get(url("value_map", known_a.initiative))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Egen beräkning" in body
    assert "<form method=\"post\"" not in body


def test_it_shows_a_published_map_and_sroi_to_anyone_read_only(known_public, lead_a):
    initiative = known_public.initiative
    for client in (Client(), login(fresh(lead_a))):
        page = client.get(url("value_map", initiative))
        assert page.status_code == 200
        assert "<form method=\"post\"" not in page.content.decode()
        assert client.get(url("sroi", initiative)).status_code == 200
        assert client.get(url("value_map_export", initiative)).status_code == 200
        assert client.get(url("value_map_import", initiative)).status_code == 403


# --- Who may write ----------------------------------------------------------------------------


def test_it_refuses_posts_from_those_who_may_not_change(known_a, lead_b, viewer_a):
    target = url("value_map", known_a.initiative)
    data = row_post(known_a)
    assert login(fresh(lead_b)).post(target, data).status_code == 404
    assert Client().post(target, data).status_code == 404
    assert login(viewer_a).post(target, data).status_code == 403
    assert login(viewer_a).post(target, {"action": "delete", "row": known_a.pk}).status_code == 403
    assert ValueMapRow.objects.count() == 1


def test_it_refuses_import_to_readers_and_strangers(known_a, lead_b, viewer_a):
    target = url("value_map_import", known_a.initiative)
    assert login(fresh(lead_b)).get(target).status_code == 404
    assert Client().get(target).status_code == 404
    assert login(viewer_a).get(target).status_code == 403
    assert login(fresh(known_a.initiative.memberships.first().user)).get(target).status_code == 200


def test_it_lets_an_analyst_add_a_row_with_percentages_stored_as_fractions(known_a, analyst):
    response = login(fresh(analyst)).post(url("value_map", known_a.initiative), row_post(known_a))
    assert response.status_code == 302
    row = ValueMapRow.objects.exclude(pk=known_a.pk).get()
    assert (row.deadweight, row.displacement, row.attribution, row.drop_off) == (
        D("0.25"), D("0.1"), D("0"), D("0.5"))
    assert row.stakeholder_id == known_a.stakeholder_id
    assert row.proxy_value == D(1000)


def test_it_picks_a_library_proxy(known_a, lead_a):
    proxy = FinancialProxy.objects.create(key="dygn", name_sv="Dygn", name_en="Day",
                                          value_sek=D(3202), unit="SEK per dag",
                                          base_year=2019, source_title="Årsredovisning")
    client = login(fresh(lead_a))
    page = client.get(url("value_map", known_a.initiative)).content.decode()
    assert "Dygn" in page and "2019" in page
    response = client.post(url("value_map", known_a.initiative),
                           row_post(known_a, proxy=proxy.pk, proxy_value=""))
    assert response.status_code == 302
    assert ValueMapRow.objects.get(proxy=proxy).value_per_unit == D(3202)


def test_it_rerenders_an_invalid_row_with_an_error_summary(known_a, lead_a):
    response = login(fresh(lead_a)).post(url("value_map", known_a.initiative, "en"),
                                         row_post(known_a, deadweight="150", proxy_value=""))
    assert response.status_code == 400
    body = response.content.decode()
    assert "error-summary" in body
    assert "Enter a percentage from 0 to 100." in body
    assert "Choose a financial proxy or enter a value per unit." in body
    assert ValueMapRow.objects.count() == 1


def test_it_maps_sroi_errors_to_the_field(known_a, lead_a):
    response = login(fresh(lead_a)).post(url("value_map", known_a.initiative, "en"),
                                         row_post(known_a, duration_years="60"))
    assert response.status_code == 400
    assert "The duration must be from 1 to 50 years." in response.content.decode()


def test_it_changes_and_deletes_a_row(known_a, lead_a):
    client = login(fresh(lead_a))
    target = url("value_map", known_a.initiative)
    form = client.get(target + f"?edit={known_a.pk}").content.decode()
    assert 'name="action" value="edit"' in form and 'value="25"' in form  # 0.25 shown as 25
    response = client.post(target, row_post(known_a, action="edit", row=known_a.pk, quantity="7"))
    assert response.status_code == 302
    known_a.refresh_from_db()
    assert known_a.quantity == 7
    assert client.post(target, {"action": "delete", "row": known_a.pk}).status_code == 302
    assert not ValueMapRow.objects.exists()


def test_it_does_not_touch_another_initiatives_row(known_a, known_public, lead_a):
    target = url("value_map", known_a.initiative)
    response = login(fresh(lead_a)).post(target, {"action": "delete", "row": known_public.pk})
    assert response.status_code == 404
    assert ValueMapRow.objects.filter(pk=known_public.pk).exists()


def test_it_saves_inputs_and_the_discount_rate_as_percent(known_a, lead_a):
    client = login(fresh(lead_a))
    target = url("value_map", known_a.initiative)
    response = client.post(target, {"action": "inputs", "inputs-inputs_total": "250000",
                                    "inputs-discount_rate": "3"})
    assert response.status_code == 302
    initiative = known_a.initiative
    initiative.refresh_from_db()
    assert (initiative.inputs_total, initiative.discount_rate) == (D(250000), D("0.03"))
    bad = client.post(target, {"action": "inputs", "inputs-inputs_total": "0",
                               "inputs-discount_rate": "3"})
    assert bad.status_code == 400
    assert "error-summary" in bad.content.decode()


# --- The SROI page ----------------------------------------------------------------------------


def test_it_shows_the_ratio_of_a_known_map(known_a, lead_a):
    client = login(fresh(lead_a))
    body = client.get(url("sroi", known_a.initiative)).content.decode()
    assert "1 : 1,79" in body  # Swedish decimal comma
    english = client.get(url("sroi", known_a.initiative, "en")).content.decode()
    assert "1 : 1.79" in english
    assert "179,109.86" in english  # present value
    assert "11.1 months" in english  # payback
    assert "Year 3" in english


def test_it_draws_the_tornado_and_the_break_even_table(known_a, lead_a):
    body = login(fresh(lead_a)).get(url("sroi", known_a.initiative, "en")).content.decode()
    assert '<svg class="sroi-tornado__svg"' in body
    assert "<title id=\"tornado-title\">" in body
    assert body.count('class="sroi-tornado__bar"') >= 5
    assert "Break-even" in body
    # Attribution at 1:1: 1 − (1 − 0.2) / 1.7911 ≈ 55.33 %.
    assert "55.33 %" in body
    assert "Cannot reach 1:1" in body  # quantity and proxy reach it; duration cannot go below 1


def test_it_explains_a_missing_input_or_an_empty_map(initiative_a, lead_a):
    client = login(fresh(lead_a))
    body = client.get(url("sroi", initiative_a, "en")).content.decode()
    assert "Fill in the total value of the inputs first." in body
    known_map(initiative_a, lead_a).delete()
    body = client.get(url("sroi", initiative_a, "en")).content.decode()
    assert "The value map has no rows yet." in body


# --- Export and the proxy library ------------------------------------------------------------


def test_it_exports_xlsx_to_readers(known_a, viewer_a):
    response = login(viewer_a).get(url("value_map_export", known_a.initiative))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    assert response.content[:2] == b"PK"


def test_it_lists_and_searches_the_proxy_library_for_anyone():
    FinancialProxy.objects.create(key="a-dygn", name_sv="Anstaltsdygn", name_en="Prison day",
                                  value_sek=D(3202), unit="SEK per dygn", base_year=2019,
                                  source_title="Årsredovisning", source_url="https://example.org/")
    FinancialProxy.objects.create(key="b-hushall", name_sv="Bistånd per hushåll",
                                  name_en="Assistance per household", value_sek=D(47369),
                                  unit="SEK per år", base_year=2013, source_title="Statistik")
    with translation.override("en"):
        target = reverse("impact:proxies")
    body = Client().get(target).content.decode()
    assert "Prison day" in body and "Assistance per household" in body
    assert "https://example.org/" in body
    found = Client().get(target, {"q": "hushåll"}).content.decode()
    assert "Assistance per household" in found and "Prison day" not in found


def test_it_reads_the_value_map_in_a_fixed_number_of_queries(known_a, lead_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sihub.impact import services

    client = login(fresh(lead_a))
    target = url("value_map", known_a.initiative)
    client.get(target)  # warm the session and permission caches
    with CaptureQueriesContext(connection) as one:
        client.get(target)
    for quantity in (2, 3, 4):
        services.value_map_row_create(initiative=known_a.initiative, user=lead_a, fields={
            "stakeholder": known_a.stakeholder, "outcome": known_a.outcome,
            "quantity": D(quantity), "proxy_value": D(100), "duration_years": 1})
    with CaptureQueriesContext(connection) as four:
        assert client.get(target).status_code == 200
    assert len(four) == len(one)


def test_it_says_why_there_is_no_payback_for_a_late_outcome(initiative_a, lead_a):
    known_map(initiative_a, lead_a, starts_after_activity=True)
    body = login(fresh(lead_a)).get(url("sroi", initiative_a, "en")).content.decode()
    assert "No payback period: the total value in year 1 is 0" in body
    assert "Year 4" in body  # three years from year 2
