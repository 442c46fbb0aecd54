"""/api/v1/initiatives: published for everyone, the rest by token, SROI as exact strings."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from wagtail.models import APIToken

from sihub.impact import services
from sihub.impact.models import MembershipRole
from sihub.impact.tests.conftest import (  # noqa: F401 - fixtures used by name
    add_member,
    fresh,
    initiative_a,
    initiative_b,
    lead_a,
    lead_b,
    make_initiative,
    outcome_with_indicator,
    public_b,
)


BASE = "/api/v1/initiatives"


def bearer(user) -> dict[str, str]:
    _token, plaintext = APIToken.create_token(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {plaintext}"}


@pytest.fixture
def valued(lead_b):
    """Published, with a value map: 12 × 1 000 SEK, deadweight 25 %, three years, 3.5 %."""
    initiative = make_initiative(lead_b, "Öppen verkstad", is_public=True,
                                 inputs_total=D(7000), funding_amount=D("2500000.50"))
    indicator = outcome_with_indicator(initiative, lead_b)
    services.value_map_row_create(initiative=initiative, user=lead_b, fields={
        "stakeholder": indicator.outcome.stakeholder, "outcome": indicator.outcome,
        "indicator": indicator, "quantity": D(12), "proxy_value": D(1000),
        "deadweight": D("0.25"), "drop_off": D("0.1"), "duration_years": 3})
    return initiative


def test_anonymous_callers_see_only_published_initiatives(client, initiative_a, public_b):
    body = client.get(BASE).json()
    assert body["count"] == 1
    assert [r["id"] for r in body["results"]] == [public_b.pk]
    assert body["results"][0]["published"] is True
    assert body["results"][0]["url"].endswith(f"/sv/initiatives/{public_b.pk}/")


def test_it_is_404_for_an_unpublished_initiative(client, initiative_a):
    for path in (f"{BASE}/{initiative_a.pk}", f"{BASE}/{initiative_a.pk}/sroi"):
        response = client.get(path)
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"


def test_a_session_login_lends_nothing_to_the_api(lead_a, initiative_a):
    from sihub.conftest import login

    assert login(lead_a).get(f"{BASE}/{initiative_a.pk}").status_code == 404


def test_a_team_members_token_reads_their_unpublished_initiative(client, initiative_a, lead_a,
                                                                  initiative_b, public_b):
    viewer = add_member(initiative_a, lead_a, "vera.viewer@example.org", MembershipRole.VIEWER)
    body = client.get(BASE, **bearer(viewer)).json()
    assert {r["id"] for r in body["results"]} == {initiative_a.pk, public_b.pk}
    assert client.get(f"{BASE}/{initiative_a.pk}", **bearer(viewer)).status_code == 200
    # Team B's unpublished initiative stays invisible.
    assert client.get(f"{BASE}/{initiative_b.pk}", **bearer(viewer)).status_code == 404


def test_a_staff_token_reads_all(client, analyst, initiative_a, initiative_b, public_b):
    assert client.get(BASE, **bearer(fresh(analyst))).json()["count"] == 3


def test_a_revoked_token_is_anonymous(client, lead_a, initiative_a, public_b):
    token, plaintext = APIToken.create_token(user=lead_a, name="old")
    token.revoke()
    body = client.get(BASE, HTTP_AUTHORIZATION=f"Bearer {plaintext}").json()
    assert [r["id"] for r in body["results"]] == [public_b.pk]


def test_the_detail_has_outcomes_and_indicators(client, valued):
    body = client.get(f"{BASE}/{valued.pk}").json()
    assert body["title"] == "Öppen verkstad"
    assert body["funding_amount"] == "2500000.50"
    assert body["stakeholders"][0]["name"] == "Unga 16–24"
    outcome = body["outcomes"][0]
    assert outcome["stakeholder"] == "Unga 16–24"
    assert outcome["indicators"][0]["target"] == "20.0000"


def test_it_filters_and_paginates(client, lead_b, public_b, valued):
    services.initiative_update(initiative=valued, user=lead_b, m2m={"sdgs": [8]})
    body = client.get(BASE, {"sdg": 8}).json()
    assert [r["id"] for r in body["results"]] == [valued.pk]
    assert body["results"][0]["sdgs"] == [8]
    page = client.get(BASE, {"page_size": 1, "page": 2}).json()
    assert (page["count"], page["pages"], len(page["results"])) == (2, 2, 1)
    assert client.get(BASE, {"sdg": 18}).status_code == 422


def test_the_sroi_numbers_equal_the_service_with_full_precision(client, valued):
    expected = services.initiative_sroi(valued)
    body = client.get(f"{BASE}/{valued.pk}/sroi").json()
    assert body["sroi_ratio"] == str(expected.sroi_ratio)
    assert D(body["sroi_ratio"]) == expected.sroi_ratio
    assert len(body["sroi_ratio"].replace(".", "")) > 20  # not rounded for display
    assert body["present_value"] == str(expected.present_value)
    assert body["net_present_value"] == str(expected.net_present_value)
    assert body["yearly_totals"] == [str(v) for v in expected.yearly_totals]
    assert body["outcomes"][0]["present_value"] == str(expected.outcomes[0].present_value)


def test_it_says_why_an_sroi_cannot_be_computed(client, lead_b, public_b):
    response = client.get(f"{BASE}/{public_b.pk}/sroi")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "inputs_missing"
    services.initiative_update(initiative=public_b, user=lead_b,
                               fields={"inputs_total": D(100)})
    response = client.get(f"{BASE}/{public_b.pk}/sroi")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "no_outcomes"


def test_the_list_reads_a_fixed_number_of_queries(client, lead_b, django_assert_max_num_queries):
    for n in range(6):
        make_initiative(lead_b, f"Publik {n}", is_public=True)
    with django_assert_max_num_queries(9):
        assert client.get(BASE).json()["count"] == 6


def test_the_openapi_schema_stays_valid(client, db):
    from openapi_spec_validator import validate

    schema = client.get("/api/v1/openapi.json").json()
    validate(schema)
    assert "/api/v1/initiatives" in schema["paths"]
    assert "/api/v1/initiatives/{initiative_id}/sroi" in schema["paths"]
