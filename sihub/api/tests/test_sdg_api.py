"""POST /api/v1/sdg/classify: texts in, goals and targets out, for token holders."""

import pytest
from django.test import Client
from openapi_spec_validator import validate

from sihub.api.tests.test_api import bearer
from sihub.conftest import login
from sihub.sdg.classifier import get_classifier

URL = "/api/v1/sdg/classify"
HEALTH_EN = ("The regional hospital expands primary health care so that every patient is "
             "treated in time. New health centres with more doctors and nurses cut waiting times.")
HEALTH_SV = ("Regionen bygger ut sjukhusets primärvård så att alla patienter får vård i tid. Nya "
             "vårdcentraler med fler läkare och sjuksköterskor kortar väntetiderna.")


def post(body, **headers):
    return Client().post(URL, body, content_type="application/json", **headers)


def test_it_refuses_a_request_without_a_token(db):
    response = post({"texts": [{"id": "a", "text": HEALTH_EN}]})
    assert response.status_code == 401
    assert response.json() == {"error": {"code": "unauthenticated",
                                         "message": "A valid bearer token is required.",
                                         "details": []}}
    assert response["WWW-Authenticate"] == "Bearer"


def test_it_ignores_the_session_cookie(editor):
    response = login(editor).post(URL, {"texts": [{"text": HEALTH_EN}]},
                                  content_type="application/json")
    assert response.status_code == 401


def test_it_refuses_a_revoked_token(member):
    from wagtail.models import APIToken

    token, plaintext = APIToken.create_token(user=member, name="old")
    token.revoke()
    response = post({"texts": [{"text": HEALTH_EN}]}, HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    assert response.status_code == 401


def test_it_classifies_texts_in_order_for_any_token_holder(member):
    body = {"texts": [{"id": "en", "text": HEALTH_EN}, {"id": 7, "text": HEALTH_SV},
                      {"text": ""}]}
    response = post(body, **bearer(member))
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["classifier_version"] == get_classifier().version
    en, sv, empty = data["results"]
    assert (en["id"], sv["id"], empty["id"]) == ("en", 7, None)
    assert 3 in en["sdgs"] and 3 in sv["sdgs"] and empty["sdgs"] == []
    assert sorted(en["scores"], key=int) == [str(n) for n in range(1, 18)]
    assert all(0 <= s <= 1 for s in en["scores"].values())
    assert all(t["code"].split(".")[0] in {str(n) for n in en["sdgs"]} for t in en["targets"])
    assert "3" in en["evidence"]
    assert sv["language"] == "sv" and en["language"] == "en"


def test_it_gives_the_same_results_as_the_command(member):
    expected = get_classifier().classify_one(HEALTH_SV).as_json(id="x")
    [result] = post({"texts": [{"id": "x", "text": HEALTH_SV}]}, **bearer(member)).json()["results"]
    assert result == expected


@pytest.mark.parametrize("body, loc", [
    ({}, "texts"),
    ({"texts": []}, "texts"),
    ({"texts": [{"id": "a"}]}, "text"),
    ({"texts": [{"text": 5}]}, "text"),
    ({"texts": [{"id": {"x": 1}, "text": "ok"}]}, "id"),
    ({"texts": [{"text": "x" * 20_001}]}, "text"),
    ({"texts": [{"text": "vård"}] * 51}, "texts"),
])
def test_it_refuses_bad_bodies_in_the_one_error_shape(body, loc, member):
    response = post(body, **bearer(member))
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid" and error["message"] == "The request is not valid."
    assert any(loc in d["loc"] for d in error["details"]), error["details"]


def test_it_takes_fifty_texts_of_twenty_thousand_characters(member):
    long_text = (HEALTH_EN + " ") * (20_000 // (len(HEALTH_EN) + 1))
    body = {"texts": [{"id": i, "text": long_text[:20_000]} for i in range(50)]}
    response = post(body, **bearer(member))
    assert response.status_code == 200
    assert [r["id"] for r in response.json()["results"]] == list(range(50))


def test_a_body_that_is_not_json_is_refused_in_a_documented_way(member):
    response = Client().post(URL, "{not json", content_type="application/json", **bearer(member))
    assert response.status_code in (400, 422)
    assert "error" in response.json()
    schema = Client().get("/api/v1/openapi.json").json()
    assert str(response.status_code) in schema["paths"][URL]["post"]["responses"]


def test_the_schema_documents_the_endpoint_and_its_errors(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    validate(schema)
    operation = schema["paths"][URL]["post"]
    assert {"200", "401", "422"} <= set(operation["responses"])
    assert operation["security"]
    assert "/api/v1/sdg/goals" in schema["paths"]  # the reference data stays beside it
