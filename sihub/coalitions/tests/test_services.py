"""The coalition's services: creating, publishing, phases and members."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.http import Http404

from sihub.actors.tests.factories import make_actor
from sihub.coalitions import services
from sihub.coalitions.models import (
    Coalition,
    CoalitionMember,
    MemberRole,
    MemberStatus,
    Phase,
    PhaseChange,
)
from sihub.coalitions.tests.conftest import add_member
from sihub.core.models import AuditEntry
from sihub.sdg.models import Goal

pytestmark = pytest.mark.django_db


def audit_actions(coalition: Coalition) -> list[str]:
    return list(AuditEntry.objects.filter(target_type="coalitions.coalition",
                                          target_id=str(coalition.pk))
                .order_by("pk").values_list("action", flat=True))


def invite(coalition, facilitator, actor=None, email="kim@example.org", **extra):
    return services.member_add(coalition=coalition, user=facilitator,
                               actor=actor or make_actor(sector_slug="academia"),
                               role=extra.pop("role", MemberRole.PARTNER),
                               contact_name="Kim Kontakt", contact_email=email)


# --- Creating and editing ------------------------------------------------------------------


def test_it_creates_a_coalition_with_its_first_history_row(facilitator):
    goal = Goal.objects.get(number=8)
    coalition = services.coalition_create(
        user=facilitator,
        fields={"title": "Inkluderande arbetsliv", "challenge": "Fler i arbete.",
                "needed_offering_kinds": ["research", "funding"]},
        m2m={"sdgs": [goal.pk]})
    assert coalition.slug == "inkluderande-arbetsliv"
    assert coalition.phase == Phase.INITIATE and not coalition.is_public
    assert coalition.created_by == facilitator
    assert list(coalition.sdgs.all()) == [goal]
    # In the directory's order, whatever the form sent.
    assert coalition.needed_offering_kinds == ["funding", "research"]
    [first] = coalition.phase_changes.all()
    assert (first.from_phase, first.to_phase, first.changed_by) == ("", Phase.INITIATE,
                                                                    facilitator)
    assert first.decision
    assert audit_actions(coalition) == [services.COALITION_CREATED]


def test_it_gives_a_second_coalition_of_the_same_name_its_own_slug(facilitator):
    fields = {"title": "Mat", "challenge": "x"}
    first = services.coalition_create(user=facilitator, fields=fields)
    second = services.coalition_create(user=facilitator, fields=fields)
    assert (first.slug, second.slug) == ("mat", "mat-2")


@pytest.mark.parametrize("persona", ["member", "editor", "analyst", "outsider"])
def test_it_lets_only_facilitators_create(persona, request):
    with pytest.raises(PermissionDenied):
        services.coalition_create(user=request.getfixturevalue(persona),
                                  fields={"title": "X", "challenge": "y"})
    assert not Coalition.objects.exists()


def test_it_refuses_an_unknown_offering_kind(facilitator):
    with pytest.raises(services.CoalitionError) as error:
        services.coalition_create(user=facilitator, fields={
            "title": "X", "challenge": "y", "needed_offering_kinds": ["magic"]})
    assert error.value.code == "unknown_offering"


def test_it_refuses_to_change_the_phase_through_an_update(facilitator, coalition_a):
    with pytest.raises(ValueError):
        services.coalition_update(coalition=coalition_a, user=facilitator,
                                  fields={"phase": Phase.ACT})


def test_it_updates_and_audits_only_real_changes(facilitator, coalition_a):
    services.coalition_update(coalition=coalition_a, user=facilitator,
                              fields={"title": coalition_a.title})
    assert audit_actions(coalition_a) == []
    services.coalition_update(coalition=coalition_a, user=facilitator,
                              fields={"vision": "Alla som vill arbeta gör det."})
    coalition_a.refresh_from_db()
    assert coalition_a.vision == "Alla som vill arbeta gör det."
    assert audit_actions(coalition_a) == [services.COALITION_UPDATED]


def test_it_refuses_an_update_by_a_member_initiator(member_a, coalition_a):
    with pytest.raises(PermissionDenied):
        services.coalition_update(coalition=coalition_a, user=member_a, fields={"vision": "x"})


def test_it_publishes_and_unpublishes_with_audit(facilitator, coalition_a):
    services.coalition_publish(coalition=coalition_a, user=facilitator)
    services.coalition_publish(coalition=coalition_a, user=facilitator)  # no change, no entry
    services.coalition_unpublish(coalition=coalition_a, user=facilitator)
    coalition_a.refresh_from_db()
    assert not coalition_a.is_public
    assert audit_actions(coalition_a) == [services.COALITION_PUBLISHED,
                                          services.COALITION_UNPUBLISHED]


# --- Phases --------------------------------------------------------------------------------


def test_a_phase_change_records_history_and_audit(facilitator, coalition_a):
    on = datetime.date(2026, 3, 1)
    change = services.phase_change(coalition=coalition_a, user=facilitator, to_phase=Phase.FORM,
                                   decision="  Styrgruppen beslutade att bilda koalitionen. ",
                                   decided_on=on)
    coalition_a.refresh_from_db()
    assert coalition_a.phase == Phase.FORM
    assert (change.from_phase, change.to_phase, change.decided_on) == (Phase.EXPLORE,
                                                                       Phase.FORM, on)
    assert change.decision == "Styrgruppen beslutade att bilda koalitionen."
    assert change.changed_by == facilitator
    entry = AuditEntry.objects.get(action=services.PHASE_CHANGED)
    assert entry.data == {"from": "explore", "to": "form", "decided_on": "2026-03-01"}
    assert entry.target_id == str(coalition_a.pk)


def test_a_coalition_can_move_back_a_phase(facilitator, coalition_a):
    services.phase_change(coalition=coalition_a, user=facilitator, to_phase=Phase.INITIATE,
                          decision="Finansieringen föll bort.")
    coalition_a.refresh_from_db()
    assert coalition_a.phase == Phase.INITIATE


def test_it_refuses_a_move_to_the_same_phase(facilitator, coalition_a):
    with pytest.raises(services.CoalitionError) as error:
        services.phase_change(coalition=coalition_a, user=facilitator, to_phase=Phase.EXPLORE,
                              decision="Vi fortsätter.")
    assert error.value.code == "same_phase"
    assert not PhaseChange.objects.exists()
    assert not AuditEntry.objects.filter(action=services.PHASE_CHANGED).exists()


@pytest.mark.parametrize("decision", ["", "   \n"])
def test_it_requires_a_decision(facilitator, coalition_a, decision):
    with pytest.raises(services.CoalitionError) as error:
        services.phase_change(coalition=coalition_a, user=facilitator, to_phase=Phase.FORM,
                              decision=decision)
    assert error.value.code == "decision_required"
    coalition_a.refresh_from_db()
    assert coalition_a.phase == Phase.EXPLORE


def test_it_refuses_an_unknown_phase(facilitator, coalition_a):
    with pytest.raises(services.CoalitionError):
        services.phase_change(coalition=coalition_a, user=facilitator, to_phase="done",
                              decision="x")


@pytest.mark.parametrize("persona", ["member_a", "editor", "analyst", "member_b"])
def test_only_managers_change_phases(persona, request, coalition_a):
    user = request.getfixturevalue(persona)
    # 404 for member_b, who may not know the unpublished coalition; 403 for the others.
    with pytest.raises((PermissionDenied, Http404)):
        services.phase_change(coalition=coalition_a, user=user, to_phase=Phase.FORM,
                              decision="x")
    coalition_a.refresh_from_db()
    assert coalition_a.phase == Phase.EXPLORE


# --- Members -------------------------------------------------------------------------------


def test_inviting_creates_an_invited_member_and_sends_the_link(
        facilitator, coalition_a, django_capture_on_commit_callbacks):
    actor = make_actor("Umeå universitet", sector_slug="academia")
    with django_capture_on_commit_callbacks(execute=True):
        member = invite(coalition_a, facilitator, actor, email="Kim@Example.org",
                        role=MemberRole.EXPERT)
    assert member.status == MemberStatus.INVITED and member.invited_at is not None
    assert member.contact is None and member.role == MemberRole.EXPERT
    [message] = mail.outbox
    assert message.to == ["Kim@Example.org"]
    assert coalition_a.title in message.subject
    assert "/coalitions/invitation/" in message.body
    assert services.MEMBER_INVITED in audit_actions(coalition_a)


def test_nothing_is_sent_when_the_invitation_rolls_back(facilitator, coalition_a,
                                                        django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            invite(coalition_a, facilitator)
            raise RuntimeError
    assert callbacks == [] and mail.outbox == []


def test_it_refuses_an_actor_already_in_the_coalition(facilitator, coalition_a):
    actor = coalition_a.members.get().actor
    with pytest.raises(services.CoalitionError) as error:
        invite(coalition_a, facilitator, actor)
    assert error.value.code == "duplicate_actor"
    assert error.value.message
    # An invited one counts too.
    other = make_actor(sector_slug="private")
    invite(coalition_a, facilitator, other)
    with pytest.raises(services.CoalitionError):
        invite(coalition_a, facilitator, other)


def test_an_organisation_that_left_can_be_invited_again(facilitator, coalition_a):
    member = coalition_a.members.get()
    services.member_remove(coalition=coalition_a, member=member, user=facilitator)
    again = invite(coalition_a, facilitator, member.actor, email="ny@example.org")
    assert again.pk == member.pk
    assert (again.status, again.contact, again.contact_email) == (MemberStatus.INVITED, None,
                                                                  "ny@example.org")


def test_it_refuses_an_unpublished_actor_and_a_missing_email(facilitator, coalition_a):
    hidden = make_actor(sector_slug="private", is_published=False)
    with pytest.raises(services.CoalitionError) as error:
        invite(coalition_a, facilitator, hidden)
    assert error.value.code == "actor_unpublished"
    with pytest.raises(services.CoalitionError) as error:
        invite(coalition_a, facilitator, email="  ")
    assert error.value.code == "email_required"


def test_a_member_cannot_invite(member_a, coalition_a):
    with pytest.raises(PermissionDenied):
        invite(coalition_a, member_a)
    assert coalition_a.members.count() == 1


def test_it_changes_a_role_and_removes_a_member_keeping_the_row(facilitator, coalition_a,
                                                                member_a):
    member = coalition_a.members.get()
    services.member_set_role(coalition=coalition_a, member=member, user=facilitator,
                             role=MemberRole.CORE)
    member.refresh_from_db()
    assert member.role == MemberRole.CORE
    with pytest.raises(services.CoalitionError):
        services.member_set_role(coalition=coalition_a, member=member, user=facilitator,
                                 role="boss")
    services.member_remove(coalition=coalition_a, member=member, user=facilitator)
    member.refresh_from_db()
    assert member.status == MemberStatus.LEFT and member.contact == member_a
    assert audit_actions(coalition_a) == [services.MEMBER_ROLE_SET, services.MEMBER_REMOVED]
    # The contact no longer enters the workspace.
    from sihub.coalitions import selectors

    assert not selectors.user_can_enter_workspace(member_a, coalition_a)


def test_it_refuses_a_member_of_another_coalition(facilitator, coalition_a, coalition_b):
    other = coalition_b.members.get()
    with pytest.raises(services.CoalitionError) as error:
        services.member_remove(coalition=coalition_a, member=other, user=facilitator)
    assert error.value.code == "not_a_member"
    other.refresh_from_db()
    assert other.status == MemberStatus.ACTIVE


def test_a_member_initiator_cannot_remove_others(member_a, coalition_a):
    other = add_member(coalition_a, sector="academia")
    with pytest.raises(PermissionDenied):
        services.member_remove(coalition=coalition_a, member=other, user=member_a)
    assert CoalitionMember.objects.get(pk=other.pk).status == MemberStatus.ACTIVE
