"""Digest subscriptions: double opt-in, no enumeration, bots, tokens, unsubscribe, privacy."""

from __future__ import annotations

import re
import time
from datetime import timedelta
from unittest import mock
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from sihub.core import privacy
from sihub.core.models import User
from sihub.monitoring import subscriptions
from sihub.monitoring.models import Subscriber
from sihub.monitoring.views import SUBSCRIBE_LIMIT

pytestmark = pytest.mark.django_db

SUBSCRIBE = "/sv/digest/subscribe/"
SENT = "/sv/digest/subscribe/sent/"
URL_RE = re.compile(r"https?://\S+")


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """POST the subscription form and run what it enqueued on commit (the mail)."""
    def send(data: dict[str, str], url: str = SUBSCRIBE, **extra: str):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data, **extra)
    return send


def form(email: str = "Anna.Andersson@Example.se", **extra: str) -> dict[str, str]:
    return {"email": email, "consent": "on", "website": "", **extra}


def link_in(message: mail.EmailMessage, part: str) -> str:
    url = next(u for u in URL_RE.findall(message.body) if part in u)
    return urlsplit(url).path


def confirmed(email: str, language: str = "sv") -> Subscriber:
    return Subscriber.objects.create(email=email, language=language, confirmed_at=timezone.now(),
                                     consent_text="Ja.", consent_version="test")


# --- Subscribing (double opt-in) ------------------------------------------------------------


def test_the_form_asks_for_an_address_and_explicit_consent(client) -> None:
    response = client.get(SUBSCRIBE)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'type="email"' in page and 'type="checkbox"' in page and 'name="consent"' in page
    assert 'hidden aria-hidden="true"' in page  # the honeypot's wrapper
    assert str(subscriptions.consent_text("sv")) in page


def test_subscribe_mail_confirm_link_confirms(client, post) -> None:
    response = post(form())
    assert response.status_code == 302 and response["Location"] == SENT
    assert client.get(SENT).status_code == 200
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "anna.andersson@example.se"  # stored lower-case
    assert subscriber.language == "sv" and subscriber.confirmed_at is None
    assert subscriber.consent_text == subscriptions.consent_text("sv")
    assert subscriber.consent_version == subscriptions.CONSENT_VERSION

    assert [m.to for m in mail.outbox] == [["anna.andersson@example.se"]]
    confirm = link_in(mail.outbox[0], "/confirm/")
    assert confirm.startswith("/sv/digest/confirm/")
    # Opening the link (as a mail program's link scanner does) only asks for a click.
    page = client.get(confirm)
    assert page.status_code == 200 and 'method="post"' in page.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is None
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(confirm)
    token = page.cookies["csrftoken"].value
    response = browser.post(confirm, {"csrfmiddlewaretoken": token})
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is not None
    assert client.get(confirm).status_code == 200  # a second click is harmless
    assert client.post(confirm).status_code == 200


def test_it_subscribes_to_the_language_of_the_page(post) -> None:
    post(form("ella@example.org"), url="/en/digest/subscribe/")
    subscriber = Subscriber.objects.get()
    assert subscriber.language == "en"
    assert subscriber.consent_text == subscriptions.consent_text("en")
    assert "/en/digest/confirm/" in mail.outbox[0].body


def test_it_answers_the_same_for_a_known_address(post) -> None:
    subscriber = confirmed("anna@example.se")
    known = post(form("anna@example.se"))
    unknown = post(form("okand@example.se"))
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is not None and subscriber.consent_text == "Ja."
    # The owner of the known address hears about it; no confirmation link is sent.
    note = next(m for m in mail.outbox if m.to == ["anna@example.se"])
    assert "/confirm/" not in note.body and "/unsubscribe/" in note.body


def test_asking_again_before_confirming_sends_a_new_link(post, client) -> None:
    post(form())
    post(form())
    assert Subscriber.objects.count() == 1 and len(mail.outbox) == 2
    assert client.post(link_in(mail.outbox[1], "/confirm/")).status_code == 200
    assert Subscriber.objects.get().confirmed_at is not None


def test_it_needs_the_consent_box_ticked(post) -> None:
    response = post({"email": "anna@example.se", "website": ""})
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    assert not Subscriber.objects.exists() and mail.outbox == []


def test_it_ignores_bots_that_fill_the_honeypot(post) -> None:
    response = post(form(website="https://spam.example.com"))
    assert response.status_code == 302 and response["Location"] == SENT
    assert not Subscriber.objects.exists() and mail.outbox == []


def test_it_limits_posts_per_address(post) -> None:
    for n in range(SUBSCRIBE_LIMIT):
        assert post(form(f"person{n}@example.se")).status_code == 302
    response = post(form("en-till@example.se"))
    assert response.status_code == 429
    assert not Subscriber.objects.filter(email="en-till@example.se").exists()


def test_it_limits_mails_to_one_address(post) -> None:
    for _n in range(subscriptions.MAILS_PER_ADDRESS_PER_DAY + 2):
        post(form())
    assert len(mail.outbox) == subscriptions.MAILS_PER_ADDRESS_PER_DAY


# --- Bad links ----------------------------------------------------------------------------


def test_an_expired_confirmation_link_is_refused_clearly(client) -> None:
    subscriber = Subscriber.objects.create(email="anna@example.se", consent_text="Ja.",
                                           consent_version="test")
    eight_days_ago = time.time() - timedelta(days=8).total_seconds()
    with mock.patch("django.core.signing.time.time", return_value=eight_days_ago):
        token = subscriptions.confirm_token(subscriber)
    response = client.get(f"/sv/digest/confirm/{token}/")
    assert response.status_code == 400
    assert client.post(f"/sv/digest/confirm/{token}/").status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is None


def test_a_tampered_link_is_refused_clearly(client) -> None:
    subscriber = Subscriber.objects.create(email="anna@example.se", consent_text="Ja.",
                                           consent_version="test")
    other = Subscriber.objects.create(email="bo@example.se", consent_text="Ja.",
                                      consent_version="test")
    token = subscriptions.confirm_token(subscriber)
    forged = token.replace(f"{subscriber.pk}.", f"{other.pk}.", 1)
    for bad in (forged, token[:-2] + "xx", "nonsense", token + "a"):
        assert client.get(f"/sv/digest/confirm/{bad}/").status_code == 400
        assert client.post(f"/sv/digest/confirm/{bad}/").status_code == 400
        assert client.get(f"/sv/digest/unsubscribe/{bad}/").status_code == 400
        assert client.post(f"/sv/digest/unsubscribe/{bad}/").status_code == 400
    # A confirmation token does not unsubscribe, and the reverse.
    assert client.post(f"/sv/digest/unsubscribe/{token}/").status_code == 400
    unsubscribe = subscriptions.unsubscribe_token(subscriber)
    assert client.get(f"/sv/digest/confirm/{unsubscribe}/").status_code == 400
    assert Subscriber.objects.filter(confirmed_at__isnull=True).count() == 2


def test_a_link_for_a_row_that_is_gone_says_so(client) -> None:
    subscriber = confirmed("anna@example.se")
    token = subscriptions.confirm_token(subscriber)
    subscriber.delete()
    assert client.get(f"/sv/digest/confirm/{token}/").status_code == 404
    assert client.post(f"/sv/digest/confirm/{token}/").status_code == 404


def test_a_token_never_fits_a_new_row_with_the_same_id(client) -> None:
    subscriber = confirmed("anna@example.se")
    token = subscriptions.unsubscribe_token(subscriber)
    pk = subscriber.pk
    subscriber.delete()
    Subscriber.objects.create(pk=pk, email="bo@example.se", confirmed_at=timezone.now(),
                              consent_text="Ja.", consent_version="test")
    assert client.post(f"/sv/digest/unsubscribe/{token}/").status_code == 200
    assert Subscriber.objects.filter(pk=pk, email="bo@example.se").exists()


# --- Unsubscribing ------------------------------------------------------------------------


def test_unsubscribe_asks_first_then_deletes_the_row() -> None:
    subscriber = confirmed("anna@example.se")
    url = f"/sv/digest/unsubscribe/{subscriptions.unsubscribe_token(subscriber)}/"
    client = Client(enforce_csrf_checks=True)
    page = client.get(url)
    assert page.status_code == 200 and 'method="post"' in page.content.decode()
    # A GET (a mail program's link scanner) changes nothing.
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()

    response = client.post(url, "List-Unsubscribe=One-Click",
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert not Subscriber.objects.filter(pk=subscriber.pk).exists()
    assert client.post(url).status_code == 200  # again: nothing left, still fine


def test_the_unsubscribe_url_is_absolute_and_in_the_subscribers_language(settings) -> None:
    settings.WAGTAILADMIN_BASE_URL = "https://sihub.example.se"
    subscriber = confirmed("ella@example.org", language="en")
    url = subscriptions.unsubscribe_url(subscriber)
    assert url.startswith("https://sihub.example.se/en/digest/unsubscribe/")


# --- Retention and privacy -------------------------------------------------------------------


def test_unconfirmed_subscriptions_are_deleted_after_seven_days() -> None:
    old = Subscriber.objects.create(email="gammal@example.se", consent_text="Ja.",
                                    consent_version="test")
    Subscriber.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=8))
    fresh = Subscriber.objects.create(email="ny@example.se", consent_text="Ja.",
                                      consent_version="test")
    kept = confirmed("trogen@example.se")
    Subscriber.objects.filter(pk=kept.pk).update(created_at=timezone.now() - timedelta(days=400))
    assert subscriptions.subscribers_purge_unconfirmed() == 1
    assert set(Subscriber.objects.values_list("pk", flat=True)) == {fresh.pk, kept.pk}


def test_the_personal_data_export_and_erasure_cover_subscriptions(editor, settings,
                                                                  tmp_path) -> None:
    settings.SIHUB_ERASURE_LEDGER = tmp_path / "ledger.jsonl"
    user = User.objects.create_user("Anna@Example.se", "pw-Anna-12345")
    confirmed("anna@example.se")
    export = privacy.personal_data_export(user)
    rows = export["data"]["monitoring.Subscriber"]
    assert rows and rows[0]["email"] == "anna@example.se" and rows[0]["consent_text"] == "Ja."
    privacy.person_erase(actor=editor, user=user)
    assert not Subscriber.objects.exists()

    confirmed("bo@example.se")
    assert privacy.email_erase(actor=editor, email="BO@example.se")["monitoring.Subscriber"] == 1
    assert not Subscriber.objects.exists()
    # Back from an old backup: erased again.
    confirmed("bo@example.se")
    assert privacy.reapply_erasures() >= 1
    assert not Subscriber.objects.exists()


def test_signing_uses_the_site_key(settings) -> None:
    subscriber = confirmed("anna@example.se")
    token = subscriptions.unsubscribe_token(subscriber)
    settings.SECRET_KEY = "another-key-" + "x" * 50  # pragma: allowlist secret
    with pytest.raises(subscriptions.TokenInvalid):
        subscriptions.subscriber_by_unsubscribe_token(token)


def test_the_purge_task_runs_the_retention_rule() -> None:
    from sihub.monitoring.digest_tasks import purge_unconfirmed_subscribers

    old = Subscriber.objects.create(email="gammal@example.se", consent_text="Ja.",
                                    consent_version="test")
    Subscriber.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=8))
    assert purge_unconfirmed_subscribers.enqueue().return_value == 1
    assert not Subscriber.objects.exists()
