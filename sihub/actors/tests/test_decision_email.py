"""Members hear by e-mail what the editors decided, in their own language."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from sihub.actors import services
from sihub.actors.models import Actor, Representative
from sihub.actors.tasks import send_review_decision_email
from sihub.actors.tests.factories import make_actor


@pytest.fixture
def actor(db) -> Actor:
    return make_actor("Läxhjälpen i Umeå", sector_slug="civil-society", home="2480",
                      website="https://laxhjalpen.example.org")


def test_an_approved_claim_tells_the_member_in_their_language(member, editor, actor,
                                                               django_capture_on_commit_callbacks):
    member.preferred_language = "en"
    member.save()
    claim = services.claim_create(actor=actor, user=member, message="I am the treasurer.")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.claim_approve(claim=claim, editor=editor)
    [message] = mail.outbox
    assert message.to == [member.email]
    assert message.subject == "You now represent Läxhjälpen i Umeå on sihub"
    assert f"/en/actors/{actor.slug}/" in message.body  # the profile, in their language


def test_a_rejected_proposal_carries_the_editors_note_in_swedish(member, editor, actor,
                                                                django_capture_on_commit_callbacks):
    member.preferred_language = "sv"
    member.save()
    Representative.objects.create(actor=actor, user=member)
    proposal = services.proposal_create(actor=actor, user=member,
                                        values={"website": "https://ny.example.org"})
    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_reject(proposal=proposal, editor=editor,
                                 note="Webbplatsen svarar inte.")
    [message] = mail.outbox
    assert "Läxhjälpen i Umeå" in message.subject
    assert "Webbplatsen svarar inte." in message.body
    assert "Hej" in message.body  # the Swedish greeting


def test_nothing_is_sent_for_a_pending_request_or_an_erased_member(member, actor):
    claim = services.claim_create(actor=actor, user=member, message="")
    assert send_review_decision_email.call("claim", claim.pk) is False
    assert send_review_decision_email.call("proposal", 999_999) is False
    assert mail.outbox == []
    with pytest.raises(CommandError):
        call_command("send_review_decision_email", "claim", str(claim.pk))
