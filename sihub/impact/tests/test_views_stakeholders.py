"""Stakeholder groups and their outcomes (views.stakeholders), through the permission rule."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from sihub.conftest import login
from sihub.impact import services
from sihub.impact.models import Outcome, OutcomeTerm, StakeholderGroup

pytestmark = pytest.mark.django_db


def page(initiative, lang: str = "sv") -> str:
    with translation.override(lang):
        return reverse("impact:stakeholders", args=[initiative.pk])


@pytest.fixture
def group_a(initiative_a, lead_a) -> StakeholderGroup:
    return services.stakeholder_create(initiative=initiative_a, user=lead_a, name="Unga 16–24",
                                       size=40)


@pytest.fixture
def outcome_a(initiative_a, lead_a, group_a) -> Outcome:
    return services.outcome_create(initiative=initiative_a, user=lead_a, stakeholder=group_a,
                                   description="Får arbete")


def add_group(client: Client, initiative, name: str = "Arbetsgivare", size: str = "12"):
    return client.post(page(initiative), {"action": "group_add", "group-name": name,
                                          "group-size": size, "group-involvement": "Praktik"})


def outcome_data(prefix: str, **values: object) -> dict[str, object]:
    data = {"description": "Ökad självkänsla", "term": OutcomeTerm.MEDIUM, "intended": "True",
            "positive": "True", **values}
    return {f"{prefix}-{k}": v for k, v in data.items()}


# --- reading -----------------------------------------------------------------------------------


def test_it_shows_groups_and_outcomes_with_forms_to_the_team(contributor_a, initiative_a,
                                                             group_a, outcome_a):
    response = login(contributor_a).get(page(initiative_a))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Unga 16–24" in html and "Får arbete" in html
    assert 'value="group_add"' in html and 'value="outcome_edit"' in html


def test_it_marks_negative_and_unintended_outcomes_in_words(lead_a, initiative_a, group_a):
    services.outcome_create(initiative=initiative_a, user=lead_a, stakeholder=group_a,
                            description="Stigmatisering", intended=False, positive=False)
    html = login(lead_a).get(page(initiative_a, "en")).content.decode()
    assert "impact-outcome--negative" in html
    assert '<span aria-hidden="true">− </span>Negative</li>' in html
    assert '<span aria-hidden="true">! </span>Unintended</li>' in html


def test_it_shows_a_published_initiatives_stakeholders_read_only(lead_b, public_b):
    group = services.stakeholder_create(initiative=public_b, user=lead_b, name="Besökare")
    services.outcome_create(initiative=public_b, user=lead_b, stakeholder=group,
                            description="Nya kontakter")
    response = Client().get(page(public_b))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Besökare" in html and "Nya kontakter" in html
    assert 'method="post"' not in html


def test_it_shows_viewers_no_forms(viewer_a, initiative_a, group_a, outcome_a):
    response = login(viewer_a).get(page(initiative_a))
    assert response.status_code == 200
    assert 'method="post"' not in response.content.decode()


def test_it_hides_an_unpublished_initiatives_stakeholders(lead_b, initiative_a, group_a):
    assert Client().get(page(initiative_a)).status_code == 404
    assert login(lead_b).get(page(initiative_a)).status_code == 404


# --- writing ----------------------------------------------------------------------------------


def test_it_lets_a_contributor_add_edit_and_delete_a_group(contributor_a, initiative_a):
    client = login(contributor_a)
    response = add_group(client, initiative_a)
    assert response.status_code == 302
    group = StakeholderGroup.objects.get(initiative=initiative_a)
    assert (group.name, group.size, group.involvement) == ("Arbetsgivare", 12, "Praktik")

    prefix = f"group-{group.pk}"
    response = client.post(page(initiative_a), {
        "action": "group_edit", "id": group.pk, f"{prefix}-name": "Lokala arbetsgivare",
        f"{prefix}-size": "", f"{prefix}-involvement": ""})
    assert response.status_code == 302
    group.refresh_from_db()
    assert (group.name, group.size) == ("Lokala arbetsgivare", None)

    response = client.post(page(initiative_a), {"action": "group_delete", "id": group.pk})
    assert response.status_code == 302
    assert not StakeholderGroup.objects.exists()


def test_it_lets_a_contributor_add_edit_and_delete_an_outcome(contributor_a, initiative_a,
                                                              group_a):
    client = login(contributor_a)
    response = client.post(page(initiative_a), {
        "action": "outcome_add", "id": group_a.pk,
        **outcome_data(f"new-outcome-{group_a.pk}", intended="False", positive="False")})
    assert response.status_code == 302
    outcome = Outcome.objects.get(stakeholder=group_a)
    assert (outcome.description, outcome.term, outcome.intended, outcome.positive) == (
        "Ökad självkänsla", OutcomeTerm.MEDIUM, False, False)

    response = client.post(page(initiative_a), {
        "action": "outcome_edit", "id": outcome.pk,
        **outcome_data(f"outcome-{outcome.pk}", description="Bättre hälsa",
                       term=OutcomeTerm.LONG)})
    assert response.status_code == 302
    outcome.refresh_from_db()
    assert (outcome.description, outcome.term, outcome.intended, outcome.positive) == (
        "Bättre hälsa", OutcomeTerm.LONG, True, True)

    response = client.post(page(initiative_a), {"action": "outcome_delete", "id": outcome.pk})
    assert response.status_code == 302
    assert not Outcome.objects.exists()


def test_it_shows_errors_for_an_invalid_group(lead_a, initiative_a, group_a):
    response = add_group(login(lead_a), initiative_a, name="", size="-3")
    assert response.status_code == 400
    assert 'class="error-summary"' in response.content.decode()
    assert StakeholderGroup.objects.count() == 1


def test_it_rejects_a_second_group_of_the_same_name(lead_a, initiative_a, group_a):
    response = add_group(login(lead_a), initiative_a, name="Unga 16–24")
    assert response.status_code == 400
    assert 'class="error-summary"' in response.content.decode()
    assert StakeholderGroup.objects.count() == 1


def test_it_shows_errors_for_an_invalid_outcome_in_its_place(lead_a, initiative_a, group_a):
    prefix = f"new-outcome-{group_a.pk}"
    response = login(lead_a).post(page(initiative_a), {
        "action": "outcome_add", "id": group_a.pk,
        **outcome_data(prefix, description="", term="forever")})
    assert response.status_code == 400
    assert response.context["bound_key"] == prefix
    assert 'class="error-summary"' in response.content.decode()
    assert not Outcome.objects.exists()


def test_it_refuses_writes_to_viewers(viewer_a, initiative_a, group_a):
    response = add_group(login(viewer_a), initiative_a)
    assert response.status_code == 403
    response = login(viewer_a).post(page(initiative_a),
                                    {"action": "group_delete", "id": group_a.pk})
    assert response.status_code == 403
    assert StakeholderGroup.objects.count() == 1


def test_it_refuses_writes_from_another_team_and_anonymous_visitors(lead_b, initiative_a,
                                                                     group_a, public_b):
    assert add_group(login(lead_b), initiative_a).status_code == 404
    assert login(lead_b).post(page(initiative_a),
                              {"action": "group_delete", "id": group_a.pk}).status_code == 404
    assert add_group(Client(), initiative_a).status_code == 404
    assert add_group(Client(), public_b).status_code == 403
    assert list(StakeholderGroup.objects.values_list("name", flat=True)) == ["Unga 16–24"]


def test_it_does_not_reach_rows_of_another_initiative_through_this_one(lead_a, lead_b,
                                                                       initiative_a,
                                                                       initiative_b):
    # lead_a writes A; B's group must not be deleted through A's page.
    group_b = services.stakeholder_create(initiative=initiative_b, user=lead_b, name="Elever")
    response = login(lead_a).post(page(initiative_a), {"action": "group_delete",
                                                       "id": group_b.pk})
    assert response.status_code == 404
    assert StakeholderGroup.objects.filter(pk=group_b.pk).exists()


def test_it_does_not_let_staff_mix_initiatives_either(analyst, lead_b, initiative_a,
                                                      initiative_b):
    group_b = services.stakeholder_create(initiative=initiative_b, user=lead_b, name="Elever")
    response = login(analyst).post(page(initiative_a), {
        "action": "outcome_add", "id": group_b.pk, **outcome_data(f"new-outcome-{group_b.pk}")})
    assert response.status_code == 404
    assert not Outcome.objects.exists()


def test_it_lets_an_analyst_add_a_group_to_any_initiative(analyst, initiative_a):
    assert add_group(login(analyst), initiative_a).status_code == 302
    assert StakeholderGroup.objects.filter(initiative=initiative_a).count() == 1


def test_it_rejects_an_unknown_action(lead_a, initiative_a):
    assert login(lead_a).post(page(initiative_a), {"action": "explode"}).status_code == 400
