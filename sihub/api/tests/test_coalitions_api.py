"""/api/v1/coalitions: published for everyone, the rest by token, never a contact person."""

from __future__ import annotations

import json

import pytest
from django.utils import timezone
from wagtail.models import APIToken

from sihub.coalitions.models import MemberRole, MemberStatus, Phase, PhaseChange
from sihub.coalitions.tests.conftest import (  # noqa: F401 - fixtures used by name
    add_member,
    coalition_a,
    coalition_b,
    make_coalition,
    member_a,
    member_b,
)


BASE = "/api/v1/coalitions"
SECRET_EMAIL = "hemlig.kontakt@example.org"  # pragma: allowlist secret


def bearer(user) -> dict[str, str]:
    _token, plaintext = APIToken.create_token(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {plaintext}"}


@pytest.fixture
def published(coalition_b):
    """B with an invited contact (name and e-mail), three sectors and a phase history."""
    add_member(coalition_b, sector="public", role=MemberRole.INITIATOR)
    add_member(coalition_b, sector="private", role=MemberRole.FUNDER)
    invited = add_member(coalition_b, sector="academia", status=MemberStatus.INVITED)
    invited.contact_name, invited.contact_email = "Hemlig Kontakt", SECRET_EMAIL
    invited.invited_at = timezone.now()
    invited.save()
    PhaseChange.objects.create(coalition=coalition_b, from_phase="", to_phase=Phase.INITIATE,
                               decided_on="2025-01-10", decision="Startad av kommunen")
    PhaseChange.objects.create(coalition=coalition_b, from_phase=Phase.INITIATE,
                               to_phase=Phase.ACT, decided_on="2025-06-01",
                               decision="Hemligt beslut i styrgruppen")
    return coalition_b


def test_anonymous_callers_see_only_published_coalitions(client, coalition_a, published):
    body = client.get(BASE).json()
    assert body["count"] == 1
    result = body["results"][0]
    assert result["id"] == published.pk
    assert result["published"] is True and result["phase"] == "act"
    assert result["url"].endswith(f"/sv/coalitions/{published.pk}/")
    assert client.get(BASE + "?lang=en").json()["results"][0]["url"].endswith(
        f"/en/coalitions/{published.pk}/")


def test_it_filters_by_phase(client, published):
    assert client.get(BASE + "?phase=explore").json()["count"] == 0
    assert client.get(BASE + "?phase=act").json()["count"] == 1


def test_an_unpublished_coalition_is_404_without_a_token(client, coalition_a):
    for path in (f"{BASE}/{coalition_a.pk}", f"{BASE}/{coalition_a.pk}/balance"):
        response = client.get(path)
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"


def test_a_session_login_lends_nothing_to_the_api(member_a, coalition_a):
    from sihub.conftest import login

    assert login(member_a).get(f"{BASE}/{coalition_a.pk}").status_code == 404


def test_a_member_contacts_token_reads_its_unpublished_coalition_only(client, member_a,
                                                                     coalition_a, member_b):
    hidden = make_coalition("Någon annans")
    add_member(hidden, contact=member_b)
    body = client.get(BASE, **bearer(member_a)).json()
    assert [r["id"] for r in body["results"]] == [coalition_a.pk]
    assert client.get(f"{BASE}/{coalition_a.pk}", **bearer(member_a)).status_code == 200
    assert client.get(f"{BASE}/{hidden.pk}", **bearer(member_a)).status_code == 404


def test_a_staff_token_reads_all(client, analyst, coalition_a, published):
    assert client.get(BASE, **bearer(analyst)).json()["count"] == 2


def test_the_detail_has_members_and_phase_dates_but_no_contact_data(client, published, member_b):
    response = client.get(f"{BASE}/{published.pk}")
    assert response.status_code == 200
    body = response.json()
    assert sorted(m["sector"] for m in body["members"]) == ["private", "private", "public"]
    assert {m["role"] for m in body["members"]} == {"initiator", "funder", "partner"}
    assert all(set(m) == {"organisation", "role", "sector"} for m in body["members"])
    assert [(p["from_phase"], p["to_phase"], p["decided_on"]) for p in body["phase_history"]] == [
        (None, "initiate", "2025-01-10"), ("initiate", "act", "2025-06-01")]
    text = json.dumps(body, ensure_ascii=False)
    for secret in (SECRET_EMAIL, "Hemlig Kontakt", member_b.email, "Hemligt beslut",
                   "contact"):
        assert secret not in text


def test_no_contact_data_in_any_response_even_for_staff(client, facilitator, published):
    for path in (BASE, f"{BASE}/{published.pk}", f"{BASE}/{published.pk}/balance"):
        for headers in ({}, bearer(facilitator)):
            text = client.get(path, **headers).content.decode()
            assert SECRET_EMAIL not in text and "Hemlig Kontakt" not in text, path


def test_the_balance_in_english(client, published):
    body = client.get(f"{BASE}/{published.pk}/balance?lang=en").json()
    assert body["total"] == 3  # the invited academic does not count yet
    assert body["missing"] == ["academia", "civil-society"]
    assert body["dominant"] == "private"
    assert "No member from academia yet" in body["warnings"]
    assert "Private sector makes up 67 % of the members" in body["warnings"]
    shares = {s["slug"]: (s["count"], s["share"]) for s in body["sectors"]}
    assert shares["private"] == (2, 0.6667)


def test_the_schema_documents_the_endpoints_and_is_valid(client):
    from openapi_spec_validator import validate

    schema = client.get("/api/v1/openapi.json").json()
    validate(schema)
    paths = set(schema["paths"])
    assert {"/api/v1/coalitions", "/api/v1/coalitions/{coalition_id}",
            "/api/v1/coalitions/{coalition_id}/balance"} <= paths
