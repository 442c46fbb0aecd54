"""Object-level rights: who reads and who changes which initiative, through the selectors.

The matrix: unpublished A (team A), unpublished B and published P (team B)
× lead of A, lead of B, analyst, editor, facilitator, outsider, anonymous.
A member of A must never reach B's unpublished data, by any route here.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from sihub.impact import selectors, services
from sihub.impact.models import InitiativeMembership, MembershipRole
from sihub.impact.tests.conftest import add_member, fresh, outcome_with_indicator

READ, WRITE, NONE = "write-denied", "write", "invisible"


def access(user, initiative) -> str:
    """What ``user`` may do with ``initiative``: write, read only, or not even see it."""
    try:
        selectors.get_initiative_for_user(user=user, pk=initiative.pk)
    except Http404:
        return NONE
    try:
        selectors.get_initiative_for_user(user=user, pk=initiative.pk, write=True)
    except PermissionDenied:
        return READ
    return WRITE


@pytest.fixture
def everyone(lead_a, lead_b, analyst, editor, facilitator, outsider, admin_user):
    return {"lead_a": lead_a, "lead_b": lead_b, "analyst": fresh(analyst),
            "editor": fresh(editor), "facilitator": fresh(facilitator),
            "outsider": outsider, "anonymous": AnonymousUser(), "admin": admin_user}


EXPECTED = {
    #              unpublished A, unpublished B, published P (team B)
    "lead_a":      (WRITE, NONE, READ),
    "lead_b":      (NONE, WRITE, WRITE),
    "analyst":     (WRITE, WRITE, WRITE),
    "editor":      (READ, READ, READ),
    "facilitator": (READ, READ, READ),
    "outsider":    (NONE, NONE, READ),
    "anonymous":   (NONE, NONE, READ),
    "admin":       (WRITE, WRITE, WRITE),
}


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_it_applies_the_permission_matrix(persona, everyone, initiative_a, initiative_b, public_b):
    user = everyone[persona]
    got = tuple(access(user, i) for i in (initiative_a, initiative_b, public_b))
    assert got == EXPECTED[persona]


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_it_lists_exactly_the_readable_initiatives(persona, everyone, initiative_a, initiative_b,
                                                   public_b):
    visible = set(selectors.initiatives_visible_to(everyone[persona]))
    expected = {i for i, a in zip((initiative_a, initiative_b, public_b), EXPECTED[persona])
                if a != NONE}
    assert visible == expected


def test_it_lists_each_initiative_once_for_a_member_of_a_public_one(lead_b, public_b):
    add_member(public_b, lead_b, "second.lead@example.org", MembershipRole.LEAD)
    assert list(selectors.initiatives_visible_to(lead_b)) == [public_b]


def test_it_hides_b_unpublished_rows_from_a_member_of_a(lead_a, lead_b, initiative_a,
                                                        initiative_b):
    indicator_b = outcome_with_indicator(initiative_b, lead_b)
    outcome_b = indicator_b.outcome
    row_b = services.value_map_row_create(initiative=initiative_b, user=lead_b, fields={
        "stakeholder": outcome_b.stakeholder, "outcome": outcome_b, "quantity": Decimal(3),
        "proxy_value": Decimal(100)})
    for getter, obj in ((selectors.get_stakeholder_for_user, outcome_b.stakeholder),
                        (selectors.get_outcome_for_user, outcome_b),
                        (selectors.get_indicator_for_user, indicator_b),
                        (selectors.get_value_map_row_for_user, row_b)):
        with pytest.raises(Http404):
            getter(user=lead_a, pk=obj.pk)
        assert getter(user=lead_b, pk=obj.pk) == obj
    from sihub.impact.models import Measurement
    Measurement.objects.create(indicator=indicator_b, date="2025-01-31", value=Decimal(4))
    assert not selectors.measurements_visible_to(lead_a).exists()
    assert selectors.measurements_visible_to(lead_b).count() == 1


def test_it_hides_b_theory_of_change_from_a_member_of_a(lead_a, lead_b, initiative_b):
    toc = services.toc_create(initiative=initiative_b, user=lead_b)
    element = services.toc_element_add(toc=toc, user=lead_b, kind="input", text="Pengar")
    with pytest.raises(Http404):
        selectors.get_toc_for_user(user=lead_a, pk=toc.pk)
    with pytest.raises(Http404):
        selectors.get_toc_element_for_user(user=lead_a, pk=element.pk)
    with pytest.raises(Http404):
        services.toc_element_add(toc=toc, user=lead_a, kind="activity", text="Intrång")
    assert selectors.get_toc_element_for_user(user=lead_b, pk=element.pk) == element


def test_it_refuses_writes_to_b_by_a_member_of_a_as_not_found(lead_a, initiative_b):
    with pytest.raises(Http404):
        services.stakeholder_create(initiative=initiative_b, user=lead_a, name="Intrång")
    with pytest.raises(Http404):
        services.initiative_update(initiative=initiative_b, user=lead_a, fields={"title": "X"})
    assert initiative_b.stakeholders.count() == 0


def test_it_lets_a_viewer_read_but_not_write(viewer_a, initiative_a):
    assert access(viewer_a, initiative_a) == READ
    with pytest.raises(PermissionDenied):
        services.stakeholder_create(initiative=initiative_a, user=viewer_a, name="Föräldrar")


def test_it_lets_a_contributor_write_but_not_publish_or_manage_the_team(contributor_a,
                                                                        initiative_a):
    assert access(contributor_a, initiative_a) == WRITE
    services.initiative_update(initiative=initiative_a, user=contributor_a,
                               fields={"purpose": "Nytt syfte"})
    with pytest.raises(PermissionDenied):
        services.initiative_update(initiative=initiative_a, user=contributor_a,
                                   fields={"is_public": True})
    with pytest.raises(PermissionDenied):
        services.membership_set(initiative=initiative_a, user=contributor_a,
                                member=contributor_a, role=MembershipRole.LEAD)
    initiative_a.refresh_from_db()
    assert initiative_a.purpose == "Nytt syfte" and not initiative_a.is_public


def test_it_lets_the_lead_publish(lead_a, initiative_a, outsider):
    assert access(outsider, initiative_a) == NONE
    services.initiative_update(initiative=initiative_a, user=lead_a, fields={"is_public": True})
    assert access(outsider, initiative_a) == READ


def test_it_treats_an_inactive_member_as_anonymous(lead_a, initiative_a):
    lead_a.is_active = False
    lead_a.save()
    assert access(fresh(lead_a), initiative_a) == NONE


def test_it_answers_404_for_a_bad_or_missing_id(lead_a):
    for pk in (999999, "not-a-number", None):
        with pytest.raises(Http404):
            selectors.get_initiative_for_user(user=lead_a, pk=pk)


def test_it_lets_members_create_initiatives_and_makes_them_lead(member, outsider, facilitator):
    initiative = services.initiative_create(user=member, fields={"title": "Ny idé"})
    assert InitiativeMembership.objects.get(initiative=initiative).role == MembershipRole.LEAD
    assert initiative.slug == "ny-ide"
    for user in (outsider, fresh(facilitator), AnonymousUser()):
        with pytest.raises(PermissionDenied):
            services.initiative_create(user=user, fields={"title": "Får inte"})


def test_it_keeps_at_least_one_lead(lead_a, initiative_a, contributor_a):
    with pytest.raises(services.MembershipError) as stepped_down:
        services.membership_set(initiative=initiative_a, user=lead_a, member=lead_a,
                                role=MembershipRole.VIEWER)
    assert stepped_down.value.code == "last_lead"
    with pytest.raises(services.MembershipError):
        services.membership_remove(initiative=initiative_a, user=lead_a, member=lead_a)
    # With a second lead the first may go.
    services.membership_set(initiative=initiative_a, user=lead_a, member=contributor_a,
                            role=MembershipRole.LEAD)
    services.membership_remove(initiative=initiative_a, user=lead_a, member=lead_a)
    assert access(fresh(lead_a), initiative_a) == NONE


def test_it_lets_a_member_leave_but_not_remove_others(contributor_a, viewer_a, initiative_a):
    with pytest.raises(PermissionDenied):
        services.membership_remove(initiative=initiative_a, user=contributor_a, member=viewer_a)
    services.membership_remove(initiative=initiative_a, user=viewer_a, member=viewer_a)
    assert access(viewer_a, initiative_a) == NONE


def test_it_hides_the_team_of_b_from_a_lead_of_a(lead_a, lead_b, initiative_b):
    with pytest.raises(Http404):
        services.membership_set(initiative=initiative_b, user=lead_a, member=lead_a,
                                role=MembershipRole.LEAD)
    assert not InitiativeMembership.objects.filter(initiative=initiative_b, user=lead_a).exists()
