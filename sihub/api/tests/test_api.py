import pytest
from django.test import Client
from openapi_spec_validator import validate
from wagtail.models import APIToken

from sihub.core.models import AuditEntry, Theme


def bearer(user) -> dict[str, str]:
    _token, plaintext = APIToken.create_token(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {plaintext}"}


def test_the_openapi_schema_is_valid(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    validate(schema)
    assert "/api/v1/sdg/goals" in schema["paths"]
    assert "/api/v1/regions/municipalities" in schema["paths"]


def test_the_browsable_docs_use_vendored_assets(client, db):
    html = client.get("/api/v1/docs").content.decode()
    assert "cdn.jsdelivr" not in html and "unpkg" not in html
    assert "/static/ninja/" in html


def test_it_paginates_consistently(client, db):
    body = client.get("/api/v1/sdg/targets", {"page": 2, "page_size": 50}).json()
    assert body["count"] == 169
    assert body["pages"] == 4
    assert body["page"] == 2
    assert len(body["results"]) == 50
    assert body["next"].endswith("page=3&page_size=50") or "page=3" in body["next"]
    assert "page=1" in body["previous"]


def test_it_filters_targets_by_goal_and_regions_by_county(client, db):
    body = client.get("/api/v1/sdg/targets", {"goal": 8}).json()
    assert body["count"] == 12
    assert body["results"][4]["code"] == "8.5"
    body = client.get("/api/v1/regions/municipalities", {"county": "24"}).json()
    assert body["count"] == 15
    assert all(m["county"] == "24" for m in body["results"])


def test_it_returns_one_goal_with_its_targets(client, db):
    body = client.get("/api/v1/sdg/goals/8").json()
    assert body["title_sv"] == "Anständiga arbetsvillkor och ekonomisk tillväxt"
    assert len(body["targets"]) == 12


def test_it_uses_one_error_shape(client, db):
    body = client.get("/api/v1/sdg/goals/99").json()
    assert body == {"error": {"code": "not_found", "message": "Not found.", "details": []}}
    body = client.get("/api/v1/sdg/targets", {"page_size": 0}).json()
    assert body["error"]["code"] == "invalid"
    assert body["error"]["details"][0]["loc"][-1] == "page_size"


THEME = {"slug": "social-housing", "name_sv": "Socialt boende", "name_en": "Social housing"}


def test_it_rejects_writes_without_a_token(client, db):
    response = client.post("/api/v1/taxonomies/themes", THEME, content_type="application/json")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthenticated"
    assert not Theme.objects.filter(slug="social-housing").exists()


def test_it_rejects_writes_with_a_revoked_token(editor):
    token, plaintext = APIToken.create_token(user=editor, name="old")
    token.revoke()
    response = Client().post("/api/v1/taxonomies/themes", THEME, content_type="application/json",
                             HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    assert response.status_code == 401


@pytest.mark.parametrize("persona", ["member", "outsider", "analyst"])
def test_it_forbids_writes_by_roles_without_permission(persona, request, db):
    user = request.getfixturevalue(persona)
    response = Client().post("/api/v1/taxonomies/themes", THEME,
                             content_type="application/json", **bearer(user))
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"


def test_it_lets_an_editor_add_a_theme_and_audits_it(editor):
    response = Client().post("/api/v1/taxonomies/themes", THEME,
                             content_type="application/json", **bearer(editor))
    assert response.status_code == 201, response.content
    assert Theme.objects.get(slug="social-housing").name_en == "Social housing"
    assert AuditEntry.objects.filter(action="theme.created", actor_id=editor.pk).exists()
    again = Client().post("/api/v1/taxonomies/themes", THEME,
                          content_type="application/json", **bearer(editor))
    assert again.status_code == 409


def test_it_validates_write_payloads(editor):
    response = Client().post("/api/v1/taxonomies/themes", {**THEME, "slug": "Not A Slug!"},
                             content_type="application/json", **bearer(editor))
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["loc"][-1] == "slug"
