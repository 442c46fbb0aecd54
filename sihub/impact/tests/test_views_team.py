"""The team page (views.team): who is in it, roles, adding by e-mail, leaving."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from sihub.conftest import _person, login
from sihub.core.roles import MEMBER
from sihub.impact.models import InitiativeMembership, MembershipRole

pytestmark = pytest.mark.django_db


def team_url(initiative) -> str:
    return reverse("impact:team", args=[initiative.pk])


def role_of(initiative, person) -> str | None:
    return (InitiativeMembership.objects.filter(initiative=initiative, user=person)
            .values_list("role", flat=True).first())


def add(client: Client, initiative, email: str, role: str = MembershipRole.CONTRIBUTOR):
    return client.post(team_url(initiative), {"action": "add", "add-email": email,
                                              "add-role": role})


def change_role(client: Client, initiative, person, role: str):
    return client.post(team_url(initiative), {
        "action": "role", "member": person.pk, f"m{person.pk}-member": person.pk,
        f"m{person.pk}-role": role})


def remove(client: Client, initiative, person):
    return client.post(team_url(initiative), {"action": "remove", "member": person.pk})


def message_levels(response) -> list[str]:
    return [m.level_tag for m in get_messages(response.wsgi_request)]


def test_it_lists_the_team_with_roles(lead_a, contributor_a, initiative_a):
    response = login(lead_a).get(team_url(initiative_a))
    assert response.status_code == 200
    html = response.content.decode()
    assert lead_a.email in html and contributor_a.email in html
    assert 'name="add-email"' in html


def test_it_lets_the_lead_add_an_existing_person_by_email(lead_a, initiative_a):
    person = _person("nils.ny@example.org", [MEMBER])
    response = add(login(lead_a), initiative_a, "Nils.Ny@Example.org", MembershipRole.VIEWER)
    assert response.status_code == 302
    assert role_of(initiative_a, person) == MembershipRole.VIEWER
    assert message_levels(response) == ["success"]


def test_it_explains_that_an_unknown_email_has_no_account(lead_a, initiative_a):
    response = add(login(lead_a), initiative_a, "ingen@example.org")
    assert response.status_code == 400
    assert 'class="error-summary"' in response.content.decode()
    assert "email" in response.context["add_form"].errors
    assert InitiativeMembership.objects.filter(initiative=initiative_a).count() == 1


def test_it_rejects_an_invalid_email_address(lead_a, initiative_a):
    response = add(login(lead_a), initiative_a, "inte en adress")
    assert response.status_code == 400
    assert "email" in response.context["add_form"].errors


def test_it_lets_the_lead_change_a_role(lead_a, contributor_a, initiative_a):
    response = change_role(login(lead_a), initiative_a, contributor_a, MembershipRole.LEAD)
    assert response.status_code == 302
    assert role_of(initiative_a, contributor_a) == MembershipRole.LEAD


def test_it_keeps_the_last_lead_from_stepping_down(lead_a, initiative_a):
    response = change_role(login(lead_a), initiative_a, lead_a, MembershipRole.VIEWER)
    assert response.status_code == 302
    assert message_levels(response) == ["error"]
    assert role_of(initiative_a, lead_a) == MembershipRole.LEAD


def test_it_lets_the_lead_remove_a_member(lead_a, contributor_a, initiative_a):
    response = remove(login(lead_a), initiative_a, contributor_a)
    assert response.status_code == 302
    assert role_of(initiative_a, contributor_a) is None


def test_it_lets_anyone_in_the_team_leave(viewer_a, initiative_a):
    client = login(viewer_a)
    page = client.get(team_url(initiative_a))
    assert page.status_code == 200
    assert 'name="add-email"' not in page.content.decode()  # viewers do not manage the team
    response = remove(client, initiative_a, viewer_a)
    assert response.status_code == 302
    assert response["Location"] == reverse("impact:index")
    assert role_of(initiative_a, viewer_a) is None


def test_it_keeps_the_last_lead_from_leaving(lead_a, contributor_a, initiative_a):
    response = remove(login(lead_a), initiative_a, lead_a)
    assert response.status_code == 302
    assert response["Location"] == team_url(initiative_a)
    assert message_levels(response) == ["error"]
    assert role_of(initiative_a, lead_a) == MembershipRole.LEAD


def test_it_lets_a_lead_leave_when_another_lead_remains(lead_a, contributor_a, initiative_a):
    client = login(lead_a)
    change_role(client, initiative_a, contributor_a, MembershipRole.LEAD)
    assert remove(client, initiative_a, lead_a).status_code == 302
    assert role_of(initiative_a, lead_a) is None


def test_it_refuses_team_changes_to_contributors(lead_a, contributor_a, viewer_a, initiative_a):
    client = login(contributor_a)
    _person("nils.ny@example.org", [MEMBER])
    assert add(client, initiative_a, "nils.ny@example.org").status_code == 403
    assert change_role(client, initiative_a, viewer_a, MembershipRole.LEAD).status_code == 403
    assert remove(client, initiative_a, viewer_a).status_code == 403
    assert role_of(initiative_a, viewer_a) == MembershipRole.VIEWER
    assert InitiativeMembership.objects.filter(initiative=initiative_a).count() == 3


def test_it_hides_another_teams_unpublished_team(lead_b, lead_a, initiative_a):
    client = login(lead_b)
    assert client.get(team_url(initiative_a)).status_code == 404
    assert add(client, initiative_a, lead_b.email, MembershipRole.LEAD).status_code == 404
    assert remove(client, initiative_a, lead_a).status_code == 404
    assert role_of(initiative_a, lead_b) is None
    assert role_of(initiative_a, lead_a) == MembershipRole.LEAD


def test_it_does_not_show_a_published_initiatives_team_to_outsiders(lead_a, public_b):
    assert Client().get(team_url(public_b)).status_code == 403
    assert login(lead_a).get(team_url(public_b)).status_code == 403
    assert add(login(lead_a), public_b, lead_a.email, MembershipRole.LEAD).status_code == 403
    assert role_of(public_b, lead_a) is None


def test_it_hides_an_unpublished_team_from_anonymous_visitors(initiative_a):
    assert Client().get(team_url(initiative_a)).status_code == 404
    assert Client().post(team_url(initiative_a), {"action": "leave"}).status_code == 404


def test_it_does_not_touch_people_outside_the_team(lead_a, lead_b, initiative_a, initiative_b):
    # lead_b is a lead of B, not a member of A: A's lead cannot act on B's membership.
    response = remove(login(lead_a), initiative_a, lead_b)
    assert response.status_code == 404
    assert role_of(initiative_b, lead_b) == MembershipRole.LEAD


def test_it_lets_an_analyst_manage_any_team(analyst, lead_a, initiative_a):
    person = _person("nils.ny@example.org", [MEMBER])
    client = login(analyst)
    assert client.get(team_url(initiative_a)).status_code == 200
    assert add(client, initiative_a, person.email).status_code == 302
    assert role_of(initiative_a, person) == MembershipRole.CONTRIBUTOR


def test_it_lets_an_editor_read_but_not_change_the_team(editor, initiative_a):
    client = login(editor)
    assert client.get(team_url(initiative_a)).status_code == 200
    assert add(client, initiative_a, editor.email).status_code == 403
