"""The shared-work services: who may write what, overdue, meetings, the ToC, initiatives."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.utils import timezone

from sihub.coalitions import work_services as services
from sihub.coalitions.models import Commitment, CommitmentStatus, Decision
from sihub.coalitions.tests.conftest import make_coalition
from sihub.coalitions.tests.work_fixtures import (
    PDF,
    add_partner,
    make_commitment,
    make_initiative,
    make_meeting,
    member_of,
)
from sihub.core.models import AuditEntry
from sihub.impact.models import ElementKind

TODAY = date(2026, 3, 10)


# --- Overdue (pure) ----------------------------------------------------------------------


@pytest.mark.parametrize(("status", "due_on", "expected"), [
    (CommitmentStatus.PROMISED, date(2026, 3, 5), 5),
    (CommitmentStatus.IN_PROGRESS, date(2026, 3, 9), 1),
    (CommitmentStatus.PROMISED, TODAY, 0),          # due today is not late yet
    (CommitmentStatus.PROMISED, date(2026, 4, 1), 0),
    (CommitmentStatus.DELIVERED, date(2026, 1, 1), 0),
    (CommitmentStatus.CANCELLED, date(2026, 1, 1), 0),
    (CommitmentStatus.PROMISED, None, 0),
])
def test_it_computes_overdue_days(status, due_on, expected):
    assert services.overdue_days(status=status, due_on=due_on, today=TODAY) == expected


def test_it_filters_overdue_like_it_computes(coalition_a, member_a):
    own = member_of(coalition_a, member_a)
    late = make_commitment(own, days_overdue=3)
    make_commitment(own, days_overdue=3, status=CommitmentStatus.DELIVERED)
    make_commitment(own, days_overdue=0)
    make_commitment(own, due_on=None)
    today = timezone.localdate()
    assert list(Commitment.objects.filter(services.overdue_q(today))) == [late]


# --- Commitments ----------------------------------------------------------------------------


def test_it_lets_a_member_commit_for_its_own_organisation(coalition_a):
    partner, partner_member = add_partner(coalition_a)
    c = services.commitment_create(user=partner, coalition=coalition_a, member=partner_member,
                                   kind="money", description="Medfinansiering",
                                   amount=50000, unit="SEK")
    assert c.pk and c.member == partner_member
    assert AuditEntry.objects.filter(action=services.COMMITMENT_SAVED,
                                     target_id=str(c.pk)).exists()


def test_it_refuses_a_member_committing_for_another_organisation(coalition_a, member_a):
    partner, _ = add_partner(coalition_a)
    with pytest.raises(PermissionDenied):
        services.commitment_create(user=partner, coalition=coalition_a,
                                   member=member_of(coalition_a, member_a), kind="time",
                                   description="Inte mitt löfte")
    assert not Commitment.objects.exists()


def test_it_refuses_a_member_editing_another_organisations_commitment(coalition_a, member_a):
    partner, partner_member = add_partner(coalition_a)
    theirs = make_commitment(member_of(coalition_a, member_a), description="Initiativtagarens")
    with pytest.raises(PermissionDenied):
        services.commitment_update(user=partner, commitment=theirs,
                                   fields={"description": "Ändrat"})
    with pytest.raises(PermissionDenied):
        services.commitment_set_status(user=partner, commitment=theirs,
                                       status=CommitmentStatus.CANCELLED)
    with pytest.raises(PermissionDenied):
        services.commitment_delete(user=partner, commitment=theirs)
    theirs.refresh_from_db()
    assert (theirs.description, theirs.status) == ("Initiativtagarens", CommitmentStatus.PROMISED)


def test_it_refuses_moving_a_commitment_to_another_organisation(coalition_a, member_a):
    partner, partner_member = add_partner(coalition_a)
    own = make_commitment(partner_member)
    with pytest.raises(PermissionDenied):
        services.commitment_update(user=partner, commitment=own,
                                   fields={"member": member_of(coalition_a, member_a)})


def test_it_lets_stewards_and_facilitators_edit_any_commitment(coalition_a, member_a,
                                                               facilitator):
    partner, partner_member = add_partner(coalition_a)
    c = make_commitment(partner_member)
    services.commitment_update(user=member_a, commitment=c, fields={"unit": "timmar"})
    services.commitment_set_status(user=facilitator, commitment=c,
                                   status=CommitmentStatus.DELIVERED)
    c.refresh_from_db()
    assert (c.unit, c.status) == ("timmar", CommitmentStatus.DELIVERED)
    assert AuditEntry.objects.filter(action=services.COMMITMENT_STATUS,
                                     data__to=CommitmentStatus.DELIVERED).exists()
    services.commitment_delete(user=facilitator, commitment=c)
    assert not Commitment.objects.exists()


def test_it_refuses_staff_who_only_read(coalition_a, member_a, editor, analyst):
    own = member_of(coalition_a, member_a)
    for user in (editor, analyst):
        with pytest.raises(PermissionDenied):
            services.commitment_create(user=user, coalition=coalition_a, member=own,
                                       kind="time", description="x")


def test_it_hides_the_coalition_from_members_of_others(coalition_a, member_a, member_b):
    with pytest.raises(Http404):
        services.commitment_create(user=member_b, coalition=coalition_a,
                                   member=member_of(coalition_a, member_a), kind="time",
                                   description="x")


def test_it_refuses_a_member_of_another_coalition(coalition_a, coalition_b, member_b,
                                                  facilitator):
    with pytest.raises(ValidationError):
        services.commitment_create(user=facilitator, coalition=coalition_a,
                                   member=member_of(coalition_b, member_b), kind="time",
                                   description="x")


def test_it_validates_the_commitment(coalition_a, member_a):
    with pytest.raises(ValidationError):
        services.commitment_create(user=member_a, coalition=coalition_a,
                                   member=member_of(coalition_a, member_a), kind="gold",
                                   description="x")
    c = make_commitment(member_of(coalition_a, member_a))
    with pytest.raises(ValidationError):
        services.commitment_set_status(user=member_a, commitment=c, status="lost")


def test_it_groups_and_totals_per_kind_and_unit(coalition_a, member_a):
    partner, partner_member = add_partner(coalition_a)
    own = member_of(coalition_a, member_a)
    make_commitment(own, kind="money", amount=1000, unit="SEK")
    make_commitment(partner_member, kind="money", amount=500, unit="sek")
    make_commitment(partner_member, kind="money", amount=9999, unit="SEK",
                    status=CommitmentStatus.CANCELLED)
    make_commitment(partner_member, kind="time", amount=40, unit="timmar", days_overdue=2)
    groups, totals = services.commitment_groups(
        Commitment.objects.select_related("member__actor").order_by("member_id", "pk"),
        user=partner, coalition=coalition_a, today=timezone.localdate())
    assert [g.member for g in groups] == [own, partner_member]
    assert [r.can_edit for r in groups[0].rows] == [False]
    assert all(r.can_edit for r in groups[1].rows)
    assert [r.overdue_days for r in groups[1].rows] == [0, 0, 2]
    money = next(t for t in totals if t.kind == "money")
    assert (money.amount, money.count) == (1500, 2)  # the cancelled one is left out
    assert next(t for t in totals if t.kind == "time").amount == 40


# --- Meetings, decisions, documents -----------------------------------------------------------


def test_it_lets_stewards_keep_meetings_and_decisions(coalition_a, member_a):
    meeting = services.meeting_create(user=member_a, coalition=coalition_a, title="Uppstart",
                                      starts_at=timezone.now(), agenda="1. Hej")
    services.meeting_update(user=member_a, meeting=meeting, fields={"notes": "Vi sågs."})
    decision = services.decision_record(user=member_a, coalition=coalition_a, meeting=meeting,
                                        text="Vi startar en pilot.")
    assert decision.decided_on == meeting.starts_at.date()
    meeting.refresh_from_db()
    assert meeting.notes == "Vi sågs."
    services.meeting_delete(user=member_a, meeting=meeting)
    decision.refresh_from_db()
    assert decision.meeting is None  # the log keeps it


def test_it_refuses_meetings_and_decisions_from_plain_members(coalition_a, editor):
    partner, _ = add_partner(coalition_a)
    meeting = make_meeting(coalition_a)
    for user in (partner, editor):
        with pytest.raises(PermissionDenied):
            services.meeting_create(user=user, coalition=coalition_a, title="x",
                                    starts_at=timezone.now())
        with pytest.raises(PermissionDenied):
            services.meeting_update(user=user, meeting=meeting, fields={"notes": "x"})
        with pytest.raises(PermissionDenied):
            services.decision_record(user=user, coalition=coalition_a, text="x")
    assert not Decision.objects.exists()


def test_it_refuses_a_meeting_of_another_coalition(coalition_a, facilitator):
    other = make_meeting(make_coalition("Annan"))
    with pytest.raises(ValidationError):
        services.decision_record(user=facilitator, coalition=coalition_a, meeting=other,
                                 text="x")


def test_it_stores_documents_in_the_restricted_collection(coalition_a, member_a, settings,
                                                          tmp_path):
    from wagtail.models import CollectionViewRestriction

    settings.MEDIA_ROOT = tmp_path

    meeting = make_meeting(coalition_a)
    doc = services.meeting_document_add(
        user=member_a, meeting=meeting, title="Protokoll",
        file=SimpleUploadedFile("abc.pdf", PDF, content_type="application/pdf"))
    assert list(meeting.documents.all()) == [doc]
    assert doc.collection.name == services.DOCUMENTS_COLLECTION
    assert CollectionViewRestriction.objects.filter(
        collection=doc.collection, restriction_type=CollectionViewRestriction.LOGIN).exists()
    partner, _ = add_partner(coalition_a)
    with pytest.raises(PermissionDenied):
        services.meeting_document_remove(user=partner, meeting=meeting, document=doc)
    services.meeting_document_remove(user=member_a, meeting=meeting, document=doc)
    assert not meeting.documents.exists()


# --- Theory of change -----------------------------------------------------------------------


def test_it_builds_a_shared_theory_of_change(coalition_a, member_a):
    toc = services.coalition_toc_create(user=member_a, coalition=coalition_a)
    coalition_a.refresh_from_db()
    assert coalition_a.theory_of_change == toc
    with pytest.raises(ValidationError):
        services.coalition_toc_create(user=member_a, coalition=coalition_a)
    activity = services.coalition_toc_element_add(user=member_a, coalition=coalition_a,
                                                  kind=ElementKind.ACTIVITY, text="Mentorskap")
    outcome = services.coalition_toc_element_add(user=member_a, coalition=coalition_a,
                                                 kind=ElementKind.OUTCOME_SHORT, text="Jobb")
    assert outcome.position == activity.position + 1
    link = services.coalition_toc_link_add(user=member_a, coalition=coalition_a,
                                           source=activity, target=outcome,
                                           assumption="Arbetsgivare deltar")
    assert list(toc.links.all()) == [link]
    services.coalition_toc_element_delete(user=member_a, coalition=coalition_a,
                                          element=activity)
    assert not toc.links.exists()


def test_it_refuses_toc_edits_from_plain_members_and_foreign_elements(coalition_a, member_a,
                                                                     facilitator):
    partner, _ = add_partner(coalition_a)
    with pytest.raises(PermissionDenied):
        services.coalition_toc_create(user=partner, coalition=coalition_a)
    services.coalition_toc_create(user=facilitator, coalition=coalition_a)
    with pytest.raises(PermissionDenied):
        services.coalition_toc_element_add(user=partner, coalition=coalition_a,
                                           kind=ElementKind.INPUT, text="x")
    other = make_coalition("Annan")
    services.coalition_toc_create(user=facilitator, coalition=other)
    foreign = services.coalition_toc_element_add(user=facilitator, coalition=other,
                                                 kind=ElementKind.INPUT, text="Främmande")
    own = services.coalition_toc_element_add(user=facilitator, coalition=coalition_a,
                                             kind=ElementKind.OUTPUT, text="Egen")
    with pytest.raises(ValidationError):
        services.coalition_toc_link_add(user=facilitator, coalition=coalition_a,
                                        source=foreign, target=own)
    with pytest.raises(ValidationError):
        services.coalition_toc_element_delete(user=facilitator, coalition=coalition_a,
                                              element=foreign)


# --- Linked initiatives ---------------------------------------------------------------------


def test_it_links_only_initiatives_the_steward_can_see(coalition_a, member_a):
    public = make_initiative("Öppen insats", public=True)
    hidden = make_initiative("Dold insats", public=False)
    services.initiative_link(user=member_a, coalition=coalition_a, initiative=public)
    with pytest.raises(ValidationError):
        services.initiative_link(user=member_a, coalition=coalition_a, initiative=hidden)
    assert list(coalition_a.initiatives.all()) == [public]
    partner, _ = add_partner(coalition_a)
    with pytest.raises(PermissionDenied):
        services.initiative_unlink(user=partner, coalition=coalition_a, initiative=public)
    services.initiative_unlink(user=member_a, coalition=coalition_a, initiative=public)
    assert not coalition_a.initiatives.exists()


def test_it_never_lists_an_unpublished_initiative_to_who_cannot_see_it(coalition_a, member_a,
                                                                      facilitator):
    public = make_initiative("Öppen insats", public=True)
    hidden = make_initiative("Dold insats", public=False)
    coalition_a.initiatives.add(public, hidden)
    assert list(services.linked_initiatives_visible_to(member_a, coalition_a)) == [public]
    assert set(services.linked_initiatives_visible_to(facilitator, coalition_a)) == {public,
                                                                                   hidden}


def test_it_counts_overdue_from_the_local_date(coalition_a, member_a):
    c = make_commitment(member_of(coalition_a, member_a), due_on=timezone.localdate()
                        - timedelta(days=1))
    assert services.overdue_days(status=c.status, due_on=c.due_on,
                                 today=timezone.localdate()) == 1
