"""A person's event data: export and erasure by address and by account, and the
self-service link (no enumeration, 24-hour expiry, confirmation before erasure)."""

from __future__ import annotations

import json
import re
import time
from datetime import timedelta
from unittest import mock
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from sihub.core.models import AuditEntry, Sector, User
from sihub.events import privacy
from sihub.events.feedback_services import feedback_submit
from sihub.events.models import (
    ConsentKind,
    Feedback,
    MatchMeeting,
    MatchParticipant,
    MatchProfile,
    MatchSlot,
    Registration,
    RegistrationConsent,
    RegistrationStatus,
)
from sihub.events.tests.conftest import make_event
from sihub.events.views_privacy import REQUEST_LIMIT

pytestmark = pytest.mark.django_db

EMAIL = "Zlatana.Quix@Example.org"
URL_RE = re.compile(r"https?://\S+")


def register(event, email: str = EMAIL, **fields) -> Registration:
    defaults = {"name": "Zlatana Quix", "organisation": "Quix AB", "dietary_needs": "Glutenfri",
                "accessibility_needs": "Rullstol",
                "sector": Sector.objects.get(slug="private")}
    return Registration.objects.create(event=event, email=email, **{**defaults, **fields})


@pytest.fixture
def small(calendars):
    """An upcoming event with one place: taken by the person, one other waiting."""
    return make_event(calendars, "Liten verkstad", days=10, capacity=1)


@pytest.fixture
def past(calendars):
    return make_event(calendars, "Förra konferensen", days=-5)


@pytest.fixture
def person(small, past):
    """The person's confirmed place at ``small`` and attended registration at ``past``."""
    upcoming = register(small)
    RegistrationConsent.objects.create(registration=upcoming, kind=ConsentKind.REGISTRATION,
                                       granted=True, text="Jag godkänner.", text_version="v1")
    attended = register(past, email=EMAIL.lower(), checked_in_at=timezone.now())
    feedback_submit(registration=attended, rating=5, useful="Jag, Zlatana, träffade Bo",
                    new_contacts=2, would_recommend=True)
    return {"upcoming": upcoming, "attended": attended}


# --- Export -------------------------------------------------------------------------------


def test_it_exports_everything_held_for_an_address(person, small):
    other = register(small, "bo@example.org", name="Bo", status=RegistrationStatus.WAITING)
    data = privacy.export_for_email(" zlatana.quix@example.org ")
    json.dumps(data)  # JSON-ready
    assert data["format"] == privacy.FORMAT
    rows = {r["id"]: r for r in data["registrations"]}
    assert set(rows) == {person["upcoming"].pk, person["attended"].pk}
    assert other.pk not in rows
    upcoming = rows[person["upcoming"].pk]
    assert upcoming["event"]["title"] == "Liten verkstad"
    assert upcoming["event"]["start"] == small.start.isoformat()
    assert (upcoming["status"], upcoming["name"], upcoming["organisation"]) == (
        "confirmed", "Zlatana Quix", "Quix AB")
    assert (upcoming["dietary_needs"], upcoming["accessibility_needs"]) == ("Glutenfri",
                                                                            "Rullstol")
    assert upcoming["consents"] == [{"kind": "registration", "granted": True,
                                     "text": "Jag godkänner.", "text_version": "v1",
                                     "recorded_at": upcoming["consents"][0]["recorded_at"]}]
    attended = rows[person["attended"].pk]
    assert attended["feedback"]["useful"] == "Jag, Zlatana, träffade Bo"
    assert attended["feedback"]["rating"] == 5 and attended["checked_in_at"]


def test_it_finds_registrations_made_by_the_account_with_another_address(small):
    user = User.objects.create_user("zq@example.org", "pw-zq-12345")
    registration = register(small, "work@quix.se", user=user)
    assert list(privacy.registrations_with_email("ZQ@example.org")) == [registration]
    assert list(privacy.registrations_of_user(user)) == [registration]
    assert not privacy.registrations_with_email("")


def test_it_exports_an_accounts_matchmaking_profile(person, small):
    user = User.objects.create_user(EMAIL.lower(), "pw-zq-12345")
    MatchProfile.objects.create(user=user, sector=Sector.objects.get(slug="private"),
                                offers="Lokaler i Umeå", seeks="Samarbete med skolor")
    data = privacy.export_for_user(user)
    assert len(data["registrations"]) == 2
    assert data["match_profile"]["offers"] == "Lokaler i Umeå"
    assert data["match_profile"]["sector"] == "private"


# --- Erasure ------------------------------------------------------------------------------


def assert_blank(registration: Registration) -> None:
    registration.refresh_from_db()
    assert (registration.name, registration.organisation, registration.dietary_needs,
            registration.accessibility_needs) == ("", "", "", "")
    assert "quix" not in registration.email.lower()
    assert registration.user_id is None and registration.anonymised_at is not None


def test_erasure_blanks_everything_personal_and_promotes_the_waiting_list(
        person, small, django_capture_on_commit_callbacks):
    waiting = register(small, "bo@example.org", name="Bo", status=RegistrationStatus.WAITING)
    with django_capture_on_commit_callbacks(execute=True):
        assert privacy.erase_for_email(EMAIL) == 2
    for registration in person.values():
        assert_blank(registration)
    person["upcoming"].refresh_from_db()
    assert person["upcoming"].status == RegistrationStatus.CANCELLED
    # The past registration keeps its status and attendance for the statistics.
    person["attended"].refresh_from_db()
    assert person["attended"].status == RegistrationStatus.CONFIRMED
    assert person["attended"].checked_in_at is not None
    assert person["attended"].sector.slug == "private"
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED and waiting.name == "Bo"
    feedback = Feedback.objects.get()
    assert (feedback.registration_id, feedback.useful, feedback.rating) == (None, "", 5)
    assert not privacy.registrations_with_email(EMAIL).exists()
    entry = AuditEntry.objects.get(action=privacy.ERASED)
    assert entry.data == {"registrations": 2}
    assert "quix" not in json.dumps([e.data for e in AuditEntry.objects.all()]).lower()


def test_erasing_a_waiting_place_promotes_nobody(small, django_capture_on_commit_callbacks):
    holder = register(small, "bo@example.org", name="Bo")
    mine = register(small, status=RegistrationStatus.WAITING)
    later = register(small, "cy@example.org", name="Cy", status=RegistrationStatus.WAITING)
    with django_capture_on_commit_callbacks(execute=True):
        assert privacy.erase_for_email(EMAIL) == 1
    assert_blank(mine)
    assert Registration.objects.get(pk=holder.pk).status == RegistrationStatus.CONFIRMED
    assert Registration.objects.get(pk=later.pk).status == RegistrationStatus.WAITING
    assert Registration.objects.filter(event=small, status="confirmed").count() == 1


def test_erasure_of_a_past_event_promotes_nobody(past):
    register(past)
    waiting = register(past, "bo@example.org", name="Bo", status=RegistrationStatus.WAITING)
    assert privacy.erase_for_email(EMAIL) == 1
    assert Registration.objects.get(pk=waiting.pk).status == RegistrationStatus.WAITING


def test_erasure_removes_matchmaking(small, person):
    other = register(small, "bo@example.org", name="Bo", status=RegistrationStatus.WAITING)
    slot = MatchSlot.objects.create(event=small, start=small.start, end=small.end)
    parts = []
    for reg, address in ((person["upcoming"], EMAIL.lower()), (other, "bo@example.org")):
        profile = MatchProfile.objects.create(user=User.objects.create_user(address, "pw-x-123456"),
                                              sector=reg.sector)
        parts.append(MatchParticipant.objects.create(event=small, registration=reg,
                                                     profile=profile))
    MatchMeeting.objects.create(event=small, slot=slot, table=1, first=parts[0], second=parts[1])
    privacy.erase_for_email(EMAIL)
    assert list(MatchParticipant.objects.values_list("pk", flat=True)) == [parts[1].pk]
    assert not MatchMeeting.objects.exists()


def test_erase_for_user_also_deletes_the_profile(person, small):
    user = User.objects.create_user("zq@example.org", "pw-zq-12345")
    mine = register(small, "work@quix.se", user=user, status=RegistrationStatus.WAITING)
    MatchProfile.objects.create(user=user, sector=Sector.objects.get(slug="private"))
    assert privacy.erase_for_user(user) == 1
    assert_blank(mine)
    assert not MatchProfile.objects.filter(user=user).exists()
    # Registrations under another address of someone else stay.
    assert Registration.objects.filter(anonymised_at__isnull=True).count() == 2


def test_erasure_is_idempotent(person):
    assert privacy.erase_for_email(EMAIL) == 2
    assert privacy.erase_for_email(EMAIL) == 0
    assert AuditEntry.objects.filter(action=privacy.ERASED).count() == 1


def test_it_lists_the_addresses_held(person):
    assert privacy.registration_emails() == {EMAIL.lower()}
    privacy.erase_for_email(EMAIL)
    assert privacy.registration_emails() == set()


# --- The self-service request -------------------------------------------------------------


def request_url(lang: str = "sv") -> str:
    with translation.override(lang):
        return reverse("events:my_data_request")


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    def send(email: str, **extra: str):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(request_url(), {"email": email, "website": "", **extra})
    return send


def link_in(message) -> str:
    return urlsplit(next(u for u in URL_RE.findall(message.body) if "my-data" in u)).path


def test_it_mails_a_link_to_a_known_address(post, person, client):
    response = post(EMAIL)
    assert response.status_code == 302 and response["Location"].endswith("?sent=1")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [EMAIL.lower()]
    path = link_in(message)
    assert "quix" not in path.lower()  # the address is not in the link
    page = client.get(path)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Liten verkstad" in html and "Förra konferensen" in html


def test_it_answers_the_same_for_an_unknown_address(post, person, client):
    known = post(EMAIL)
    unknown = post("nobody@example.org")
    assert known["Location"] == unknown["Location"]
    assert len(mail.outbox) == 1
    page_known = client.get(known["Location"]).content.decode()
    page_unknown = client.get(unknown["Location"]).content.decode()
    strip = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert strip.sub("", page_known) == strip.sub("", page_unknown)


def test_it_ignores_bots(post, person):
    response = post(EMAIL, website="http://spam.example")
    assert response.status_code == 302
    assert mail.outbox == []


def test_it_rejects_a_malformed_address(post):
    response = post("not-an-address")
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()


def test_it_limits_posts_per_client(post, person):
    for n in range(REQUEST_LIMIT):
        assert post(f"p{n}@example.org").status_code == 302
    assert post(EMAIL).status_code == 429
    assert mail.outbox == []


def test_it_limits_mails_per_address(post, person):
    for _n in range(privacy.MAILS_PER_ADDRESS_PER_DAY + 2):
        post(EMAIL)
    assert len(mail.outbox) == privacy.MAILS_PER_ADDRESS_PER_DAY


def test_the_link_mail_is_in_the_page_language(person, client,
                                               django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(request_url("en"), {"email": EMAIL, "website": ""})
    assert "Open this link" in mail.outbox[0].body
    assert "/en/" in mail.outbox[0].body


# --- The page the link opens --------------------------------------------------------------


def my_data_url(token: str, lang: str = "sv") -> str:
    with translation.override(lang):
        return reverse("events:my_data", args=[token])


def test_it_downloads_the_data_as_json(person, client):
    token = privacy.my_data_token(EMAIL)
    response = client.get(my_data_url(token) + "?download=json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert len(data["registrations"]) == 2
    entry = AuditEntry.objects.get(action="events.my_data_exported")
    assert entry.data == {"registrations": 2}


def test_it_erases_only_after_confirmation(person, client, django_capture_on_commit_callbacks):
    token = privacy.my_data_token(EMAIL)
    url = my_data_url(token, "en")
    confirm_page = client.get(url + "?step=erase").content.decode()
    assert 'name="confirm"' in confirm_page
    assert privacy.registrations_with_email(EMAIL).count() == 2  # a GET changes nothing
    refused = client.post(url, {})
    assert refused.status_code == 400
    assert "Tick the box to confirm the erasure." in refused.content.decode()
    assert privacy.registrations_with_email(EMAIL).count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url, {"confirm": "on"})
    assert done.status_code == 200 and "Done:" in done.content.decode()
    for registration in person.values():
        assert_blank(registration)
    after = client.get(url).content.decode()
    assert "We hold no registrations for this address" in after


def test_an_expired_link_is_refused(person, client):
    long_ago = time.time() - timedelta(hours=25).total_seconds()
    with mock.patch("django.core.signing.time.time", return_value=long_ago):
        token = privacy.my_data_token(EMAIL)
    response = client.get(my_data_url(token, "en"))
    assert response.status_code == 410
    assert "expired" in response.content.decode()
    assert client.post(my_data_url(token), {"confirm": "on"}).status_code == 410
    assert privacy.registrations_with_email(EMAIL).count() == 2
    with pytest.raises(privacy.LinkExpired):
        privacy.email_from_token(token)


def test_a_link_of_yesterday_still_works(person, client):
    recently = time.time() - timedelta(hours=23).total_seconds()
    with mock.patch("django.core.signing.time.time", return_value=recently):
        token = privacy.my_data_token(EMAIL)
    assert client.get(my_data_url(token)).status_code == 200


def test_a_wrong_or_forged_token_is_404(person, small, client):
    token = privacy.my_data_token(EMAIL)
    assert client.get(my_data_url(token[:-2] + "xx")).status_code == 404
    assert client.get(my_data_url("nonsense")).status_code == 404
    other = register(small, "bo@example.org", name="Bo", status=RegistrationStatus.WAITING)
    forged = token.replace(f"{person['upcoming'].pk}.", f"{other.pk}.", 1)
    assert client.get(my_data_url(forged)).status_code == 404
    # A registration token is not a my-data token (another salt).
    from sihub.events.tokens import registration_token

    assert client.get(my_data_url(registration_token(other))).status_code == 404


def test_a_token_for_someone_else_reveals_nothing(person, small):
    """A validly signed token whose fingerprint is not the anchor's address finds nothing."""
    other = register(small, "bo@example.org", name="Bo", status=RegistrationStatus.WAITING)
    from django.core import signing

    token = signing.TimestampSigner(salt="sihub.events.my_data").sign(f"{other.pk}.deadbeef")
    assert privacy.email_from_token(token) is None


def test_no_token_for_an_address_without_registrations(db):
    assert privacy.my_data_token("nobody@example.org") is None


# --- The platform's registry (core/privacy.py) covers the events app


@pytest.fixture
def core_privacy():
    from sihub.core import privacy as core

    return core


def test_the_registry_classifies_every_events_field(core_privacy):
    from django.apps import apps
    from django.db import models

    classified = set(core_privacy.classified_fields())
    textual = (models.CharField, models.TextField, models.JSONField, models.FileField)
    missing = [
        f"{m._meta.label}.{f.name}" for m in apps.get_app_config("events").get_models()
        for f in m._meta.get_fields()
        if getattr(f, "concrete", False) and not f.auto_created
        and (f.model is m or f.model.__module__.startswith("sihub."))
        and (isinstance(f, textual) or getattr(f, "related_model", None) is User)
        and (m._meta.label, f.name) not in classified]
    assert missing == []
    links = {(e.model, e.subject) for e in core_privacy.REGISTRY if isinstance(e.subject, str)}
    for model in apps.get_app_config("events").get_models():
        for f in model._meta.concrete_fields:
            if getattr(f, "related_model", None) is User and f.model is model:
                key = (model._meta.label, f.name)
                assert key in links or key in core_privacy.AUTHORSHIP_LINKS, key


def test_the_platform_export_and_erasure_cover_event_data(core_privacy, person, small,
                                                          settings, tmp_path,
                                                          django_capture_on_commit_callbacks):
    settings.SIHUB_ERASURE_LEDGER = tmp_path / "ledger.jsonl"
    user = User.objects.create_user(EMAIL.lower(), "pw-zq-12345")
    MatchProfile.objects.create(user=user, sector=Sector.objects.get(slug="private"),
                                offers="Lokaler")
    exported = core_privacy.personal_data_export(user)
    json.dumps(exported)
    assert len(exported["data"]["events.Registration"]) >= 2
    assert exported["data"]["events.Feedback"][0]["useful"] == "Jag, Zlatana, träffade Bo"
    assert exported["data"]["events.MatchProfile"][0]["offers"] == "Lokaler"
    with django_capture_on_commit_callbacks(execute=True):
        core_privacy.person_erase(actor=None, user=user)
    for registration in person.values():
        assert_blank(registration)
    assert not MatchProfile.objects.exists()
    assert Feedback.objects.get().useful == ""
    assert privacy.registration_emails() == set()
