"""The portfolio: aggregation on a known set, filters, who sees what, exports, query count."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from sihub.conftest import login
from sihub.core.models import County
from sihub.impact import services
from sihub.impact.models import InitiativeStatus, Measurement, Programme
from sihub.impact.portfolio import build_portfolio, portfolio_initiatives_for
from sihub.impact.tests.conftest import fresh, make_initiative, outcome_with_indicator
from sihub.sdg.models import Goal

URL = "/sv/initiatives/portfolio/"


def _value_row(initiative, lead, indicator, *, quantity: int, value: int) -> None:
    services.value_map_row_create(initiative=initiative, user=lead, fields={
        "stakeholder": indicator.outcome.stakeholder, "outcome": indicator.outcome,
        "indicator": indicator, "quantity": D(quantity), "proxy_value": D(value),
        "duration_years": 1})


def _measure(indicator, *values: int) -> None:
    for month, value in enumerate(values, start=1):
        Measurement.objects.create(indicator=indicator, date=dt.date(2025, month, 1),
                                   value=D(value))


@pytest.fixture
def esf(db) -> Programme:
    return Programme.objects.create(name="Europeiska socialfonden+ 2021–2027", funder="ESF")


@pytest.fixture
def known_set(lead_a, lead_b, esf):
    """A: PV 10 000 over inputs 5 000, indicator at target (25 ≥ 20).
    B: PV 2 000 over inputs 4 000, indicator below target (5 < 20); published.
    C (team B): no inputs, so its SROI cannot be computed.
    """
    umea, skane = County.objects.get(code="24"), County.objects.get(code="12")
    goal8, goal10 = Goal.objects.get(number=8), Goal.objects.get(number=10)
    a = make_initiative(lead_a, "Unga i jobb Umeå", programme=esf, funding_amount=D(3000),
                        inputs_total=D(5000), discount_rate=D(0),
                        status=InitiativeStatus.RUNNING)
    services.initiative_update(initiative=a, user=lead_a, m2m={"counties": [umea],
                                                               "sdgs": [goal8, goal10]})
    ind_a = outcome_with_indicator(a, lead_a)
    _measure(ind_a, 4, 12, 25)
    Measurement.objects.create(indicator=ind_a, date=dt.date(2025, 6, 1), value=D(1),
                               breakdown_dimension="kön", breakdown_value="kvinnor")
    _value_row(a, lead_a, ind_a, quantity=10, value=1000)

    b = make_initiative(lead_b, "Läxhjälp Malmö", funding_amount=D(1000), inputs_total=D(4000),
                        discount_rate=D(0), is_public=True, status=InitiativeStatus.COMPLETED)
    services.initiative_update(initiative=b, user=lead_b, m2m={"counties": [skane],
                                                               "sdgs": [goal10]})
    ind_b = outcome_with_indicator(b, lead_b)
    _measure(ind_b, 9, 5)
    _value_row(b, lead_b, ind_b, quantity=4, value=500)

    c = make_initiative(lead_b, "Mötesplats utan insatser")
    return a, b, c


# --- Aggregation ----------------------------------------------------------------------------


def test_it_totals_present_value_inputs_and_the_portfolio_ratio(known_set, analyst):
    a, b, c = known_set
    portfolio = build_portfolio(portfolio_initiatives_for(fresh(analyst)))
    rows = {row.initiative.pk: row for row in portfolio.rows}
    assert rows[a.pk].present_value == D(10000) and rows[a.pk].sroi_ratio == D(2)
    assert rows[b.pk].present_value == D(2000) and rows[b.pk].sroi_ratio == D("0.5")
    assert rows[c.pk].result is None and rows[c.pk].sroi_error_code == "inputs_missing"
    assert rows[c.pk].sroi_error  # the translated reason
    assert portfolio.present_value_total == D(12000)
    assert portfolio.computable_inputs_total == D(9000)
    assert portfolio.inputs_total == D(9000)
    assert portfolio.funding_total == D(4000)
    assert portfolio.sroi_ratio == D(12000) / D(9000)
    assert (portfolio.computable, portfolio.not_computable) == (2, 1)


def test_it_counts_indicators_at_target_from_the_latest_total(known_set, analyst):
    a, b, _c = known_set
    portfolio = build_portfolio(portfolio_initiatives_for(fresh(analyst)))
    rows = {row.initiative.pk: row for row in portfolio.rows}
    # A's latest total is 25 (the later breakdown value 1 is not a total).
    assert rows[a.pk].indicators[0].latest == D(25)
    assert (rows[a.pk].indicators_on_track, rows[a.pk].indicators_measured) == (1, 1)
    assert rows[b.pk].indicators[0].share_achieved == D(5) / D(20)
    assert (rows[b.pk].indicators_on_track, rows[b.pk].indicators_measured) == (0, 1)
    assert portfolio.share_on_track == D("0.5")


def test_a_falling_target_is_reached_by_coming_down(lead_a):
    from sihub.impact.portfolio import IndicatorProgress

    days = IndicatorProgress(name="Dygn på anstalt", unit="dygn", baseline=D(100),
                             target=D(60), latest=D(55), latest_on=None)
    assert days.on_track is True
    assert days.share_achieved == D(45) / D(40)


def test_it_counts_initiatives_per_goal(known_set, analyst):
    portfolio = build_portfolio(portfolio_initiatives_for(fresh(analyst)))
    assert [(g.goal.number, g.count) for g in portfolio.sdg_distribution] == [(8, 1), (10, 2)]


# --- Filters --------------------------------------------------------------------------------


def test_it_filters_by_programme_county_goal_and_status(known_set, analyst, esf):
    a, b, _c = known_set
    client = login(analyst)

    def titles(**params):
        response = client.get(URL, params)
        assert response.status_code == 200
        return {row.initiative.pk for row in response.context["portfolio"].rows}

    assert titles(programme=esf.pk) == {a.pk}
    assert titles(county="12") == {b.pk}
    assert titles(sdg=10) == {a.pk, b.pk}
    assert titles(status="completed") == {b.pk}
    assert titles(sdg=10, county="24") == {a.pk}


def test_it_reports_an_invalid_filter_with_the_error_summary(known_set, analyst):
    response = login(analyst).get(URL, {"status": "nonsense", "sdg": 8})
    assert response.status_code == 400
    assert 'class="error-summary"' in response.content.decode()
    # The valid filter still applies.
    assert [r.initiative.title for r in response.context["portfolio"].rows] == ["Unga i jobb Umeå"]


# --- Who sees what --------------------------------------------------------------------------


def test_it_sends_anonymous_visitors_to_log_in(client, known_set):
    response = client.get(URL)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_it_refuses_an_outsider_without_a_role(known_set, outsider):
    assert login(outsider).get(URL).status_code == 403
    assert login(outsider).get(URL, {"format": "csv"}).status_code == 403


@pytest.mark.parametrize("persona", ["analyst", "editor", "facilitator", "admin_user"])
def test_staff_see_every_initiative(known_set, persona, request):
    user = request.getfixturevalue(persona)
    response = login(user).get(URL)
    assert response.status_code == 200
    assert len(response.context["portfolio"].rows) == 3


def test_a_team_member_sees_only_their_own_initiatives(known_set, lead_a):
    a, b, _c = known_set
    response = login(lead_a).get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert [r.initiative.pk for r in response.context["portfolio"].rows] == [a.pk]
    # Not even B's published initiative: the portfolio is the team's working view.
    assert "Läxhjälp Malmö" not in body and "Mötesplats utan insatser" not in body


def test_a_member_without_initiatives_gets_an_empty_portfolio(known_set, member):
    response = login(member).get(URL)
    assert response.status_code == 200
    assert response.context["portfolio"].rows == []


def test_the_page_has_an_accessible_chart_and_table(known_set, analyst):
    body = login(analyst).get(URL).content.decode()
    assert 'role="img"' in body and "<title id=\"sdg-chart-title\">" in body
    assert "<desc id=\"sdg-chart-desc\">" in body
    assert Goal.objects.get(number=10).color in body
    assert '<th scope="row">' in body and "<tfoot>" in body
    assert "style=" not in body and "<script>" not in body


# --- Exports --------------------------------------------------------------------------------


def test_it_exports_csv_with_a_header_and_the_rows(known_set, analyst):
    a, _b, _c = known_set
    response = login(analyst).get(URL, {"programme": a.programme_id, "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 1
    assert rows[0]["title"] == "Unga i jobb Umeå"
    assert rows[0]["present_value_sek"] == "10000.00"
    assert rows[0]["sroi_ratio"] == "2.00"
    assert rows[0]["sdgs"] == "8; 10"


def test_it_defuses_formulas_in_exported_text(lead_a, analyst):
    make_initiative(lead_a, "=HYPERLINK(\"http://evil\")")
    body = login(analyst).get(URL, {"format": "csv"}).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in body


def test_it_exports_xlsx_that_openpyxl_reads(known_set, analyst):
    response = login(analyst).get(URL, {"format": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert header[:2] == ("id", "title")
    by_title = {row[1]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert set(by_title) == {"Unga i jobb Umeå", "Läxhjälp Malmö", "Mötesplats utan insatser"}
    assert D(str(by_title["Läxhjälp Malmö"]["present_value_sek"])) == D(2000)
    assert by_title["Mötesplats utan insatser"]["sroi_not_computable"]


# --- Queries --------------------------------------------------------------------------------


def test_the_query_count_grows_by_at_most_one_per_initiative(known_set, analyst, lead_a):
    client = login(analyst)
    client.get(URL)  # warm caches (sessions, permissions, content types)
    with CaptureQueriesContext(connection) as three:
        client.get(URL)
    for n in range(4):
        initiative = make_initiative(lead_a, f"Fler {n}", inputs_total=D(100))
        indicator = outcome_with_indicator(initiative, lead_a)
        _measure(indicator, 1, 2)
        _value_row(initiative, lead_a, indicator, quantity=1, value=100)
    with CaptureQueriesContext(connection) as seven:
        response = client.get(URL)
    assert len(response.context["portfolio"].rows) == 7
    # services.value_map reads each initiative's rows itself: one query each, no more.
    assert len(seven) - len(three) <= 4, [q["sql"] for q in seven.captured_queries]
