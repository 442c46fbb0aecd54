"""Contact people are personal data: shown only with consent, exported and erased by e-mail."""

from __future__ import annotations

import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.admin.models import FormState
from wagtail.models import Revision

from sihub.actors import services
from sihub.actors.models import Actor, ChangeProposal, Claim, Contact, Representative
from sihub.actors.tests.factories import make_actor
from sihub.conftest import _person
from sihub.core import privacy
from sihub.core.models import AuditEntry, User
from sihub.core.roles import MEMBER

EMAIL = "hanna.hemlig@example.org"


@pytest.fixture(autouse=True)
def ledger(settings, tmp_path):
    settings.SIHUB_ERASURE_LEDGER = tmp_path / "ledger.jsonl"


@pytest.fixture
def actor(db) -> Actor:
    actor = make_actor("Läxhjälpen i Umeå", sector_slug="civil-society")
    Contact.objects.create(actor=actor, name="Hanna Hemlig", email=EMAIL.upper(),
                           phone="070-111 22 33")
    Contact.objects.create(actor=actor, name="Petra Publik", email="petra@example.org",
                           is_public=True)
    actor.save_revision()  # the history holds a copy of both contacts
    return actor


def revision_text(actor: Actor) -> str:
    return json.dumps([r.content for r in Revision.objects.filter(object_id=str(actor.pk))])


def test_the_public_profile_shows_only_contacts_who_agreed(client, actor):
    response = client.get(actor.get_absolute_url())
    html = response.content.decode()
    assert "Hanna Hemlig" not in html and EMAIL not in html.lower()
    assert response.status_code == 200 and "Petra Publik" in html


def test_erasing_an_account_erases_contacts_with_its_address(actor, editor):
    person = _person(EMAIL, [MEMBER])
    assert "Hanna Hemlig" in revision_text(actor)
    export = privacy.personal_data_export(person)
    assert [row["name"] for row in export["data"]["actors.Contact"]] == ["Hanna Hemlig"]

    report = privacy.person_erase(actor=editor, user=person)
    assert report.rows["actors.Contact"] == 1
    assert list(actor.contacts.values_list("name", flat=True)) == ["Petra Publik"]
    text = revision_text(actor)
    assert "Hanna Hemlig" not in text and "070-111" not in text
    assert "Petra Publik" in text  # only that person is erased


def test_a_contact_without_an_account_is_erased_by_address(actor, editor):
    actor_type = ContentType.objects.get_for_model(Actor)
    FormState.objects.create(user=editor, content_type=actor_type, object_id=str(actor.pk),
                             parent_object_id="",
                             data="contacts-0-name=Hanna+Hemlig&contacts-0-email=hanna.hemlig%40"
                                  "example.org", last_updated_at=timezone.now())
    rows = privacy.email_erase(actor=editor, email=" Hanna.Hemlig@example.org ")
    assert rows == {"actors.Contact": 1}
    assert not Contact.objects.filter(email__iexact=EMAIL).exists()
    assert "Hanna Hemlig" not in revision_text(actor)
    assert not FormState.objects.exists()
    [line] = privacy.ledger_entries()
    assert line["user_id"] is None and line["email_digest"] == privacy.email_digest(EMAIL)
    assert EMAIL not in privacy.ledger_path().read_text().lower()
    entry = AuditEntry.objects.get(action="person.erased_by_email")
    assert "hanna" not in json.dumps(entry.data).lower()


def test_an_erased_contact_is_erased_again_after_restoring_a_backup(actor, editor):
    privacy.email_erase(actor=editor, email=EMAIL)
    # An older backup brings the contact and a revision with it back…
    Contact.objects.create(actor=actor, name="Hanna Hemlig", email=EMAIL)
    actor.save_revision()
    assert privacy.reapply_erasures() == 1
    assert not Contact.objects.filter(email__iexact=EMAIL).exists()
    assert "Hanna Hemlig" not in revision_text(actor)
    assert privacy.reapply_erasures() == 0


def test_erasing_a_member_removes_their_claims_and_keeps_the_organisations_changes(actor,
                                                                                    editor):
    person = _person("maja.member@example.org", [MEMBER])
    Representative.objects.create(actor=actor, user=person)
    other = make_actor("Grannföreningen")
    services.claim_create(actor=other, user=person, message="Jag är Maja, ordförande.")
    proposal = services.proposal_create(actor=actor, user=person, comment="Hälsningar Maja",
                                        values={"website": "https://nya.example.org"})
    export = privacy.personal_data_export(person)
    assert export["data"]["actors.Claim"][0]["message"] == "Jag är Maja, ordförande."
    assert export["data"]["actors.ChangeProposal"][0]["comment"] == "Hälsningar Maja"

    privacy.person_erase(actor=editor, user=person)
    assert not User.objects.filter(email="maja.member@example.org").exists()
    assert not Claim.objects.exists() and not Representative.objects.exists()
    proposal = ChangeProposal.objects.get(pk=proposal.pk)
    assert proposal.proposed_by is None and proposal.comment == ""
    assert proposal.data == {"website": "https://nya.example.org"}  # about the organisation


def test_an_approved_proposal_from_an_erased_member_can_still_be_decided(actor, editor):
    person = _person("maja.member@example.org", [MEMBER])
    Representative.objects.create(actor=actor, user=person)
    proposal = services.proposal_create(actor=actor, user=person,
                                        values={"website": "https://nya.example.org"})
    privacy.person_erase(actor=editor, user=person)
    services.proposal_approve(proposal=ChangeProposal.objects.get(pk=proposal.pk), editor=editor)
    actor = Actor.objects.get(pk=actor.pk)
    assert actor.website == "https://nya.example.org" and actor.latest_revision.user is None


def test_the_erase_command_erases_a_contact_who_has_no_account(actor):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("erase_person", EMAIL, "--yes", stdout=out)
    assert "erased by e-mail" in out.getvalue() and "actors.Contact: 1" in out.getvalue()
    assert list(actor.contacts.values_list("name", flat=True)) == ["Petra Publik"]
