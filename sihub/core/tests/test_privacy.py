"""GDPR: the registry is complete, exports are complete, erasure leaves no trace."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection, models
from django.utils import timezone

from sihub.core import privacy
from sihub.core.models import User
from sihub.core.roles import EDITOR
from sihub.core.services import audit_record, user_set_roles

TEXTUAL = (models.CharField, models.TextField, models.JSONField, models.FileField,
           models.GenericIPAddressField)
FIRST, LAST = "Zlatana", "Quixblomqvist"  # distinctive, to search the whole database for
EMAIL = "zlatana.quixblomqvist@example.org"


def test_every_field_of_sihub_models_is_classified():
    classified = set(privacy.classified_fields())
    missing = []
    for model in apps.get_models():
        if not model.__module__.startswith("sihub."):
            continue
        label = model._meta.label
        for f in model._meta.get_fields():
            if not getattr(f, "concrete", False) or f.auto_created:
                continue
            to_user = getattr(f, "related_model", None) is User
            if (isinstance(f, TEXTUAL) or to_user) and (label, f.name) not in classified:
                # Fields inherited from Wagtail's Page are Wagtail's business.
                if f.model is not model and not f.model.__module__.startswith("sihub."):
                    continue
                missing.append(f"{label}.{f.name}")
    assert missing == [], "classify these in sihub/core/privacy.py (REGISTRY or NOT_PERSONAL)"


def test_every_link_to_a_person_anywhere_is_registered():
    registered = {(e.model, e.subject) for e in privacy.REGISTRY if isinstance(e.subject, str)}
    missing = []
    for model in apps.get_models():
        for f in model._meta.concrete_fields:
            if getattr(f, "related_model", None) is not User:
                continue
            key = (model._meta.label, f.name)
            if key in privacy.AUTHORSHIP_LINKS or key in registered:
                continue
            # Page subclasses inherit owner/locked_by from wagtailcore.Page.
            if f.model is not model and (f.model._meta.label, f.name) in privacy.AUTHORSHIP_LINKS:
                continue
            missing.append(".".join(key))
    assert missing == []


@pytest.fixture
def person(db, demo_site, settings, tmp_path):
    """A person with data in every place the registry lists."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from wagtail.models import (Comment, CommentReply, ModelLogEntry, PageLogEntry,
                                PageSubscription)
    from wagtail.models import APIToken
    from wagtail.admin.models import EditingSession, FormState
    from wagtail.users.models import UserProfile

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SIHUB_ERASURE_LEDGER = tmp_path / "ledger.jsonl"
    user = User.objects.create_user(EMAIL, "pw-Zlatana-123", first_name=FIRST, last_name=LAST)
    user_set_roles(actor=None, user=user, roles=[EDITOR])
    profile = UserProfile.get_for_user(user)
    profile.avatar.save("zlatana.png", ContentFile(b"\x89PNG fake avatar"), save=True)
    APIToken.create_token(user=user, name=f"{FIRST}s token")
    page = demo_site["sv"]
    revision = page.save_revision(user=user)
    comment = Comment.objects.create(page=page, user=user, text=f"Kommentar av {FIRST}",
                                     contentpath="title", revision_created=revision)
    CommentReply.objects.create(comment=comment, user=user, text=f"Svar från {LAST}")
    PageSubscription.objects.create(user=user, page=page, comment_notifications=True)
    PageLogEntry.objects.log_action(page, "wagtail.edit", user=user)
    ModelLogEntry.objects.log_action(user, "wagtail.edit", user=user)  # about the account
    ctype = ContentType.objects.get_for_model(page)
    EditingSession.objects.create(user=user, content_type=ctype, object_id=str(page.pk),
                                  last_seen_at=timezone.now())
    FormState.objects.create(user=user, content_type=ctype, object_id=str(page.pk),
                             parent_object_id="", data=json.dumps({"title": FIRST}),
                             last_updated_at=timezone.now())
    LogEntry.objects.create(user=user, content_type=ctype, object_id=str(page.pk),
                            object_repr=f"{FIRST} {LAST}", action_flag=2)
    audit_record(actor=user, action="page.published", target=page)
    from sihub.cases.models import CaseIndexPage, CasePage

    cases = CaseIndexPage(title="Exempel", slug="exempel")
    page.add_child(instance=cases)
    case = CasePage(title="Läxhjälp", slug="laxhjalp", summary="s", challenge="c", solution="s",
                    contact_name=f"{FIRST} {LAST}", contact_email=EMAIL, submitted_by=user)
    cases.add_child(instance=case)
    case.save_revision(user=user).publish()
    from sihub.actors.models import Actor, ChangeProposal, Claim, Contact, Representative
    from sihub.core.models import Sector

    org = Actor(name="Läxhjälpsföreningen", slug="laxhjalpsforeningen",
                sector=Sector.objects.get(slug="civil-society"), kind="association")
    org.save()
    Contact.objects.create(actor=org, name=f"{FIRST} {LAST}", role="Ordförande", email=EMAIL)
    org.save_revision(user=user)  # the actor's history holds a copy of the contact
    Claim.objects.create(actor=org, user=user, message=f"Jag, {FIRST}, är ordförande")
    Representative.objects.create(actor=org, user=user)
    ChangeProposal.objects.create(actor=org, proposed_by=user, data={"website": "https://x.se"},
                                  previous={"website": ""}, comment=f"Hälsningar, {FIRST}")
    from sihub.impact.models import Initiative, InitiativeMembership

    InitiativeMembership.objects.create(user=user, role="lead", initiative=Initiative.objects.create(
        title="Läxhjälp i Umeå", slug="laxhjalp-umea"))
    from sihub.coalitions.models import Coalition, CoalitionMember

    CoalitionMember.objects.create(
        coalition=Coalition.objects.create(title="Inkluderande arbetsliv", slug="arbetsliv",
                                           challenge="Fler i arbete"),
        actor=org, contact=user, contact_name=f"{FIRST} {LAST}", contact_email=EMAIL,
        status="active")
    from sihub.monitoring.models import Subscriber

    Subscriber.objects.create(email=EMAIL, language="sv", confirmed_at=timezone.now(),
                              consent_text=f"Jag, {FIRST}, vill ha nyhetsbrevet.",
                              consent_version="2026-11")
    from sihub.core.demo import _publish
    from sihub.events import models as ev
    from sihub.events.tests.conftest import make_event

    calendar = ev.EventIndexPage(title="Kalender", slug="kalender")
    page.add_child(instance=calendar)
    _publish(calendar)
    event = make_event({"sv": calendar}, "Nätverksträff", english=False, days=-3,
                       matchmaking_enabled=True)
    registration = ev.Registration.objects.create(
        event=event, user=user, name=f"{FIRST} {LAST}", email=EMAIL, organisation=org.name,
        dietary_needs=f"{FIRST} äter vegetariskt", checked_in_at=timezone.now())
    ev.RegistrationConsent.objects.create(registration=registration, kind="registration",
                                          granted=True, text="Jag godkänner.", text_version="1")
    message = ev.ParticipantMessage.objects.create(event=event, subject="Välkommen", body="Hej!",
                                                   audience="confirmed", recipients=1)
    ev.ParticipantMessageRecipient.objects.create(message=message, registration=registration,
                                                  sent_at=timezone.now())
    ev.Feedback.objects.create(event=event, registration=registration, rating=5,
                               useful=f"Jag, {FIRST}, fick nya kontakter")
    other = User.objects.create_user("bo.berg@example.org", "pw-Bo-Berg-123")
    slot = ev.MatchSlot.objects.create(event=event, start=event.start, end=event.end)
    participants = []
    for who, reg in ((user, registration),
                     (other, ev.Registration.objects.create(event=event, user=other, name="Bo",
                                                            email=other.email))):
        profile = ev.MatchProfile.objects.create(user=who, sector=Sector.objects.get(
            slug="private"), offers=f"Lokaler hos {LAST}" if who == user else "Mentorer")
        participants.append(ev.MatchParticipant.objects.create(event=event, registration=reg,
                                                               profile=profile))
    ev.MatchMeeting.objects.create(event=event, slot=slot, table=1, first=participants[0],
                                   second=participants[1], first_answer="accepted")
    from sihub.surveys import tokens
    from sihub.surveys.models import Invitation, SurveyResponse
    from sihub.surveys.tests.conftest import make_questionnaire, make_round

    survey = make_round(make_questionnaire(), "kartlaggning-2026", anonymous=False)
    invitation = Invitation.objects.create(round=survey, email=EMAIL, name=f"{FIRST} {LAST}",
                                           actor=org, token_digest=tokens.new_token()[1])
    SurveyResponse.objects.create(
        round=survey, invitation=invitation, user=user, actor=org, client_digest="ab" * 32,
        resume_digest=tokens.new_token()[1], answers={"q_story": f"Jag heter {FIRST}."},
        consent_text="Jag samtycker.", consent_given_at=timezone.now(), status="submitted",
        submitted_at=timezone.now(), text_sdgs={"q_story": [4]})
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        kwargs = dict(username=EMAIL, ip_address="192.0.2.7", user_agent=f"{LAST}-browser",
                      http_accept="*/*", path_info="/admin/login/")
        if model is AccessAttempt:
            kwargs.update(get_data="", post_data=f"username={EMAIL}", failures_since_start=1)
        model.objects.create(**kwargs)
    return user


def test_the_export_holds_every_registered_field(person):
    export = privacy.personal_data_export(person)
    json.dumps(export)  # JSON-ready
    for entry in privacy.REGISTRY:
        rows = export["data"][entry.model]
        assert rows, f"no rows exported for {entry.model}"
        for name in entry.fields:
            if name == "password":
                continue
            assert any(name in row for row in rows), f"{entry.model}.{name} missing"
    assert export["subject"]["email"] == EMAIL
    assert "password" not in json.dumps(export["data"]["core.User"])


def test_export_command_prints_json_and_is_audited(person, capsys):
    call_command("export_personal_data", EMAIL.upper())
    data = json.loads(capsys.readouterr().out)
    assert data["data"]["core.User"][0]["first_name"] == FIRST


def _database_text() -> str:
    """Every textual value in every table, as one string to search."""
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - names from introspection
            for row in cursor.fetchall():
                chunks.extend(str(v) for v in row if isinstance(v, (str, bytes, dict, list)))
    return "\n".join(chunks)


def test_erasure_leaves_no_trace(person, editor):
    from django_tasks_db.models import DBTaskResult  # noqa: F401 - a table the scan covers

    avatar = person.wagtail_userprofile.avatar
    storage, avatar_name = avatar.storage, avatar.name
    assert storage.exists(avatar_name)
    before = _database_text()
    assert FIRST in before and EMAIL in before

    from django.db import transaction

    with transaction.atomic():
        report = privacy.person_erase(actor=editor, user=person)
    # on_commit (media deletion) does not run inside the test transaction: run it.
    for name in report.files:
        storage.delete(name)

    after = _database_text()
    for trace in (FIRST, LAST, EMAIL, EMAIL.split("@")[0]):
        assert trace not in after, f"{trace!r} is still in the database"
    assert not storage.exists(avatar_name)
    assert not User.objects.filter(pk=report.user_id).exists()
    ledger = privacy.ledger_entries()
    assert ledger[-1]["user_id"] == report.user_id
    assert EMAIL not in privacy.ledger_path().read_text()


def test_erased_people_stay_erased_after_restoring_an_old_backup(person, editor):
    user_id = person.pk
    privacy.person_erase(actor=editor, user=person)
    # An older backup brings the account back…
    User.objects.create_user(EMAIL, "pw", first_name=FIRST, last_name=LAST)
    assert privacy.reapply_erasures() == 1
    assert not User.objects.filter(email=EMAIL).exists()
    assert privacy.reapply_erasures() == 0
    assert user_id in {e["user_id"] for e in privacy.ledger_entries()}


def test_retention_deletes_old_login_records_only(person):
    from axes.models import AccessAttempt

    old = AccessAttempt.objects.create(username="old@example.org", ip_address="192.0.2.8",
                                       user_agent="x", http_accept="*/*", path_info="/",
                                       get_data="", post_data="", failures_since_start=1)
    AccessAttempt.objects.filter(pk=old.pk).update(
        attempt_time=timezone.now() - timedelta(days=31))
    deleted = privacy.apply_retention()
    assert deleted["axes.AccessAttempt"] == 1
    assert not AccessAttempt.objects.filter(pk=old.pk).exists()
    assert AccessAttempt.objects.filter(username=EMAIL).exists()
