"""Overdue reminders: once per due date, again after the date moves, to the right people."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from sihub.coalitions.models import CommitmentStatus
from sihub.coalitions.tasks import remind_overdue_commitments
from sihub.coalitions.tests.work_fixtures import add_partner, make_commitment, member_of
from sihub.coalitions.work_services import remind_overdue
from sihub.core import scheduler


def test_it_reminds_the_member_contact_with_a_copy_to_the_initiator(coalition_a, member_a):
    partner, partner_member = add_partner(coalition_a)
    make_commitment(partner_member, description="Lokaler till piloten", days_overdue=5)
    assert remind_overdue() == 1
    [message] = mail.outbox
    assert message.to == [partner.email]
    assert message.cc == [member_a.email]
    assert "Lokaler till piloten" in message.body
    assert coalition_a.title in message.subject
    assert f"/coalitions/{coalition_a.pk}/commitments/" in message.body


def test_it_sends_no_copy_when_the_initiator_is_the_one_late(coalition_a, member_a):
    make_commitment(member_of(coalition_a, member_a), days_overdue=1)
    assert remind_overdue() == 1
    assert mail.outbox[0].to == [member_a.email] and mail.outbox[0].cc == []


def test_it_reminds_once_per_due_date(coalition_a, member_a):
    commitment = make_commitment(member_of(coalition_a, member_a), days_overdue=3)
    assert remind_overdue() == 1
    assert remind_overdue() == 0
    assert remind_overdue(today=timezone.localdate() + timedelta(days=10)) == 0
    assert len(mail.outbox) == 1
    commitment.refresh_from_db()
    assert commitment.reminded_at is not None


def test_it_reminds_again_when_the_due_date_moves_later(coalition_a, member_a):
    commitment = make_commitment(member_of(coalition_a, member_a), days_overdue=20)
    remind_overdue()
    # The coalition agreed a new date, which has passed too: a new reminder is due.
    commitment.due_on = timezone.localdate() - timedelta(days=2)
    commitment.reminded_at = timezone.now() - timedelta(days=19)
    commitment.save()
    assert remind_overdue() == 1
    assert len(mail.outbox) == 2


def test_it_leaves_open_commitments_not_yet_due_and_closed_ones_alone(coalition_a, member_a):
    own = member_of(coalition_a, member_a)
    make_commitment(own, days_overdue=0)  # due today
    make_commitment(own, due_on=timezone.localdate() + timedelta(days=3))
    make_commitment(own, days_overdue=4, status=CommitmentStatus.DELIVERED)
    make_commitment(own, days_overdue=4, status=CommitmentStatus.CANCELLED)
    make_commitment(own, due_on=None)
    assert remind_overdue() == 0
    assert mail.outbox == []


def test_it_skips_members_without_anyone_to_tell(coalition_a, member_a):
    _, partner_member = add_partner(coalition_a)
    partner_member.contact_email = ""
    partner_member.contact = None
    partner_member.save()
    own = member_of(coalition_a, member_a)
    own.contact_email = ""
    own.contact = None
    own.save()
    make_commitment(partner_member, days_overdue=2)
    assert remind_overdue() == 0


def test_it_runs_as_a_task_a_command_and_a_daily_job(coalition_a, member_a):
    make_commitment(member_of(coalition_a, member_a), days_overdue=2)
    out = StringIO()
    call_command("remind_overdue_commitments", stdout=out)
    assert out.getvalue().startswith("1 ")
    assert remind_overdue_commitments.call() == 0  # already reminded
    job = {j.name: j for j in scheduler.jobs()}["coalitions.remind_overdue_commitments"]
    assert job.interval == timedelta(days=1)
    assert job.task == "sihub.coalitions.tasks.remind_overdue_commitments"
