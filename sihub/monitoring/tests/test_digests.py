"""The digest: composing from kept items, publishing, mailing once, the archive, RSS, the admin."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from itertools import count
from typing import Any
from urllib.parse import urlsplit
from defusedxml import ElementTree

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from sihub.conftest import login
from sihub.core.models import AuditEntry
from sihub.monitoring import digests
from sihub.monitoring.digests import (
    DIGEST_PUBLISHED,
    DigestError,
    digest_add_items,
    digest_create,
    digest_move_entry,
    digest_publish,
    digest_remove_entry,
    digest_send,
    digest_update_entry,
)
from sihub.monitoring.models import (
    Digest,
    DigestDelivery,
    DigestStatus,
    Item,
    ItemStatus,
    Source,
    Subscriber,
)

pytestmark = pytest.mark.django_db

START, END = date(2026, 11, 23), date(2026, 11, 29)  # ISO week 48
ADMIN = "/admin/monitoring/digests/"
_serial = count(1)


def at(day: date, hour: int = 12) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


def make_item(title: str, *, language: str = "sv", status: str = ItemStatus.KEPT,
              published: datetime | None = None, relevance: float = 0.5,
              link: str | None = None) -> Item:
    n = next(_serial)
    source = Source.objects.create(name=f"Källa {n}", url=f"https://feeds{n}.example.se/rss")
    return Item.objects.create(
        source=source, guid=f"guid-{n}", title=title, summary=f"Om {title}.",
        link=f"https://news.example.se/{n}" if link is None else link, language=language,
        status=status, relevance=relevance, published_at=published or at(START + timedelta(2)),
        content_hash=f"{n:064d}")


def make_subscriber(email: str, *, language: str = "sv", confirmed: bool = True) -> Subscriber:
    return Subscriber.objects.create(email=email, language=language,
                                     confirmed_at=timezone.now() if confirmed else None,
                                     consent_text="Jag vill ha nyhetsbrevet.",
                                     consent_version="test")


def new_digest(user: Any, language: str = "sv") -> Digest:
    return digest_create(user=user, language=language, period_start=START, period_end=END)


def titles(digest: Digest) -> list[str]:
    return list(digest.entries.order_by("position", "pk").values_list("title", flat=True))


# --- Composing ---------------------------------------------------------------------------


def test_it_prefills_kept_items_of_the_language_in_the_period_only(editor) -> None:
    make_item("Mest relevant", relevance=0.9)
    make_item("Mindre relevant", relevance=0.3, published=at(END, 23))
    make_item("Första dagen", relevance=0.5, published=at(START, 0))
    make_item("In English", language="en")
    make_item("Ej granskad", status=ItemStatus.NEW)
    make_item("Kasserad", status=ItemStatus.DISCARDED)
    make_item("Före perioden", published=at(START - timedelta(1), 23))
    make_item("Efter perioden", published=at(END + timedelta(1), 0))
    make_item("Utan länk", link="")

    digest = new_digest(editor)

    assert titles(digest) == ["Mest relevant", "Första dagen", "Mindre relevant"]
    assert digest.status == DigestStatus.DRAFT and digest.created_by == editor
    entry = digest.entries.get(title="Mest relevant")
    assert entry.source_name.startswith("Källa") and entry.summary == "Om Mest relevant."
    assert entry.link.startswith("https://news.example.se/")
    assert AuditEntry.objects.filter(action=digests.DIGEST_CREATED,
                                     target_id=str(digest.pk)).exists()


def test_it_prefills_at_most_twenty_items(analyst) -> None:
    for n in range(25):
        make_item(f"Nyhet {n}", relevance=n / 100)
    digest = new_digest(analyst)
    assert digest.entries.count() == 20
    assert titles(digest)[0] == "Nyhet 24"


def test_it_titles_the_digest_by_week_in_its_own_language(editor) -> None:
    assert new_digest(editor, "en").title == "Monitoring digest, week 48 2026"
    swedish = new_digest(editor, "sv").title
    assert "48" in swedish and "2026" in swedish
    assert digest_create(user=editor, language="sv", period_start=START, period_end=END,
                         title="Egen rubrik").title == "Egen rubrik"


def test_the_entry_is_a_snapshot_of_the_item(editor) -> None:
    item = make_item("Ursprunglig rubrik")
    digest = new_digest(editor)
    Item.objects.filter(pk=item.pk).update(title="Ändrad rubrik")
    item.delete()
    assert titles(digest) == ["Ursprunglig rubrik"]


def test_it_moves_removes_and_edits_entries(editor) -> None:
    for n, relevance in enumerate((0.9, 0.8, 0.7)):
        make_item(f"Nyhet {n}", relevance=relevance)
    digest = new_digest(editor)
    first, second, third = digest.entries.order_by("position")
    assert digest_move_entry(entry=third, user=editor, direction="up")
    assert titles(digest) == ["Nyhet 0", "Nyhet 2", "Nyhet 1"]
    assert not digest_move_entry(entry=first, user=editor, direction="up")
    digest_remove_entry(entry=first, user=editor)
    assert titles(digest) == ["Nyhet 2", "Nyhet 1"]
    digest_update_entry(entry=second, user=editor, summary="  Vår egen sammanfattning. ")
    second.refresh_from_db()
    assert second.summary == "Vår egen sammanfattning."


def test_it_adds_only_kept_items_of_the_period_and_never_twice(editor) -> None:
    digest = new_digest(editor)
    kept = make_item("Sparad senare")
    new = make_item("Ej granskad", status=ItemStatus.NEW)
    english = make_item("English", language="en")
    assert digest_add_items(digest=digest, items=[kept, new, english], user=editor) == 1
    assert digest_add_items(digest=digest, items=[kept], user=editor) == 0
    assert titles(digest) == ["Sparad senare"]


def test_it_refuses_composing_without_permission(member, editor) -> None:
    make_item("Nyhet")
    with pytest.raises(PermissionDenied):
        new_digest(member)
    digest = new_digest(editor)
    with pytest.raises(PermissionDenied):
        digest_remove_entry(entry=digest.entries.first(), user=member)


# --- Publishing and sending ------------------------------------------------------------------


def test_it_refuses_to_publish_an_empty_digest(editor) -> None:
    digest = new_digest(editor)
    with pytest.raises(DigestError):
        digest_publish(digest=digest, user=editor)
    digest.refresh_from_db()
    assert digest.status == DigestStatus.DRAFT and digest.published_at is None


def test_publishing_mails_each_confirmed_subscriber_of_the_language_once(
        editor, django_capture_on_commit_callbacks) -> None:
    make_item("Veckans nyhet")
    digest = new_digest(editor)
    make_subscriber("anna@example.se")
    make_subscriber("bo@example.se")
    make_subscriber("obekraftad@example.se", confirmed=False)
    make_subscriber("english@example.org", language="en")

    with django_capture_on_commit_callbacks(execute=True):
        digest_publish(digest=digest, user=editor)

    digest.refresh_from_db()
    assert digest.status == DigestStatus.PUBLISHED and digest.published_at is not None
    assert digest.sent_at is not None
    assert sorted(m.to[0] for m in mail.outbox) == ["anna@example.se", "bo@example.se"]
    assert DigestDelivery.objects.filter(digest=digest).count() == 2
    assert AuditEntry.objects.filter(action=DIGEST_PUBLISHED, target_id=str(digest.pk)).exists()
    message = mail.outbox[0]
    assert message.subject == digest.title
    assert "Veckans nyhet" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "Veckans nyhet" in html
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<http") and "/digest/unsubscribe/" in unsubscribe
    assert unsubscribe.strip("<>") in message.body and unsubscribe.strip("<>") in html
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # Each recipient gets their own link.
    assert mail.outbox[1].extra_headers["List-Unsubscribe"] != unsubscribe

    # Running it again mails nobody; a subscriber confirmed since gets it.
    assert digest_send(digest_id=digest.pk).sent == 0
    assert len(mail.outbox) == 2
    make_subscriber("cecilia@example.se")
    call_command("send_digest", str(digest.pk))
    assert [m.to[0] for m in mail.outbox[2:]] == ["cecilia@example.se"]


def test_a_crash_halfway_then_a_rerun_mails_nobody_twice(editor, monkeypatch) -> None:
    make_item("Veckans nyhet")
    digest = new_digest(editor)
    for name in ("a", "b", "c"):
        make_subscriber(f"{name}@example.se")
    Digest.objects.filter(pk=digest.pk).update(status=DigestStatus.PUBLISHED,
                                               published_at=timezone.now())
    original = EmailBackend.send_messages
    calls = {"n": 0}

    def crash_on_second(self: EmailBackend, messages: Any) -> int:
        calls["n"] += 1
        if calls["n"] == 2:
            raise ConnectionError("the mail server went away")
        return original(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", crash_on_second)
    with pytest.raises(ConnectionError):
        digest_send(digest_id=digest.pk)
    assert len(mail.outbox) == 1
    assert DigestDelivery.objects.count() == 1  # the failed one left no row
    assert Digest.objects.get(pk=digest.pk).sent_at is None

    monkeypatch.setattr(EmailBackend, "send_messages", original)
    report = digest_send(digest_id=digest.pk)
    assert report.sent == 2 and report.finished
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.se", "b@example.se",
                                                     "c@example.se"]
    assert Digest.objects.get(pk=digest.pk).sent_at is not None


def test_a_draft_is_never_mailed(editor) -> None:
    make_item("Nyhet")
    digest = new_digest(editor)
    make_subscriber("anna@example.se")
    assert digest_send(digest_id=digest.pk).sent == 0
    assert mail.outbox == []


def test_the_one_click_unsubscribe_in_the_mail_works_without_a_csrf_token(
        editor, django_capture_on_commit_callbacks) -> None:
    make_item("Nyhet")
    digest = new_digest(editor)
    subscriber = make_subscriber("anna@example.se")
    with django_capture_on_commit_callbacks(execute=True):
        digest_publish(digest=digest, user=editor)
    url = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>")
    client = Client(enforce_csrf_checks=True)
    response = client.post(urlsplit(url).path, "List-Unsubscribe=One-Click",
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert not Subscriber.objects.filter(pk=subscriber.pk).exists()
    assert not DigestDelivery.objects.exists()


# --- The public archive and RSS ----------------------------------------------------------------


def published(user: Any, title: str, language: str = "sv") -> Digest:
    make_item(f"Nyhet i {title}", language=language)
    digest = digest_create(user=user, language=language, period_start=START, period_end=END,
                           title=title)
    digest_publish(digest=digest, user=user)
    return digest


def test_the_archive_shows_only_published_digests_of_the_language(client, editor) -> None:
    sv = published(editor, "Svensk utgåva")
    published(editor, "English edition", "en")
    digest_create(user=editor, language="sv", period_start=START, period_end=END,
                  title="Utkast")
    page = client.get("/sv/digest/").content.decode()
    assert "Svensk utgåva" in page and "English edition" not in page and "Utkast" not in page
    assert 'type="application/rss+xml"' in page and "/sv/digest/feed.xml" in page
    english = client.get("/en/digest/").content.decode()
    assert "English edition" in english and "Svensk utgåva" not in english

    detail = client.get(f"/sv/digest/{sv.pk}/")
    assert detail.status_code == 200
    body = detail.content.decode()
    assert "Nyhet i Svensk utgåva" in body and "Källa" in body
    assert "https://news.example.se/" in body
    # Under the other language's prefix: redirected to its own.
    response = client.get(f"/en/digest/{sv.pk}/")
    assert response.status_code == 302 and response["Location"] == f"/sv/digest/{sv.pk}/"


def test_a_draft_has_no_public_page(client, editor) -> None:
    make_item("Nyhet")
    draft = new_digest(editor)
    assert client.get(f"/sv/digest/{draft.pk}/").status_code == 404


def test_the_rss_feed_is_valid_xml_with_the_languages_editions(client, editor) -> None:
    sv = published(editor, "Svensk utgåva")
    published(editor, "English edition", "en")
    response = client.get("/sv/digest/feed.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ElementTree.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    items = root.findall("./channel/item")
    assert [i.findtext("title") for i in items] == ["Svensk utgåva"]
    assert items[0].findtext("link").endswith(f"/sv/digest/{sv.pk}/")
    assert "Nyhet i Svensk utgåva" in items[0].findtext("description")


def test_the_archive_takes_a_fixed_number_of_queries(client, editor,
                                                     django_assert_max_num_queries) -> None:
    for n in range(5):
        published(editor, f"Utgåva {n}")
    with django_assert_max_num_queries(12):
        assert client.get("/sv/digest/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/sv/digest/feed.xml").status_code == 200


# --- The admin ---------------------------------------------------------------------------


def test_it_sends_anonymous_visitors_to_the_admin_log_in(client, editor) -> None:
    make_item("Nyhet")
    digest = new_digest(editor)
    for url in (ADMIN, f"{ADMIN}new/", f"{ADMIN}{digest.pk}/", f"{ADMIN}{digest.pk}/preview/"):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    client.post(f"{ADMIN}{digest.pk}/publish/")
    assert Digest.objects.get(pk=digest.pk).status == DigestStatus.DRAFT


@pytest.mark.parametrize("persona", ["member", "outsider", "facilitator"])
def test_it_keeps_everyone_but_editors_and_analysts_out(persona, request, editor) -> None:
    make_item("Hemlig nyhet")
    digest = new_digest(editor)
    client = login(request.getfixturevalue(persona))
    for url in (ADMIN, f"{ADMIN}new/", f"{ADMIN}{digest.pk}/", f"{ADMIN}{digest.pk}/preview/",
                f"{ADMIN}{digest.pk}/preview/html/"):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert "Hemlig nyhet" not in response.content.decode()
    client.post(f"{ADMIN}{digest.pk}/publish/")
    client.post(f"{ADMIN}{digest.pk}/", {"action": "remove",
                                         "entry": digest.entries.first().pk})
    assert Digest.objects.get(pk=digest.pk).status == DigestStatus.DRAFT
    assert digest.entries.count() == 1


@pytest.mark.parametrize("persona", ["editor", "analyst"])
def test_editors_and_analysts_compose_preview_and_publish(
        persona, request, django_capture_on_commit_callbacks) -> None:
    user = request.getfixturevalue(persona)
    client = login(user)
    make_item("Först vald", relevance=0.9)
    make_item("Sedan vald", relevance=0.8)
    make_subscriber("anna@example.se")
    assert client.get(ADMIN).status_code == 200
    assert client.get(f"{ADMIN}new/").status_code == 200

    response = client.post(f"{ADMIN}new/", {"language": "sv", "period_start": "2026-11-23",
                                            "period_end": "2026-11-29", "title": ""})
    digest = Digest.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{ADMIN}{digest.pk}/"
    page = client.get(f"{ADMIN}{digest.pk}/").content.decode()
    assert "Först vald" in page and "Sedan vald" in page

    first, second = digest.entries.order_by("position")
    client.post(f"{ADMIN}{digest.pk}/", {"action": "move_down", "entry": first.pk})
    assert titles(digest) == ["Sedan vald", "Först vald"]
    client.post(f"{ADMIN}{digest.pk}/", {"action": "entry", "entry": second.pk,
                                         "title": "Sedan vald", "summary": "Egen text."})
    second.refresh_from_db()
    assert second.summary == "Egen text."
    client.post(f"{ADMIN}{digest.pk}/", {"action": "remove", "entry": first.pk})
    assert titles(digest) == ["Sedan vald"]
    late = make_item("Tillagd")
    assert "Tillagd" in client.get(f"{ADMIN}{digest.pk}/").content.decode()
    client.post(f"{ADMIN}{digest.pk}/", {"action": "add", "items": [late.pk]})
    assert titles(digest) == ["Sedan vald", "Tillagd"]
    client.post(f"{ADMIN}{digest.pk}/", {"action": "details", "title": "Vecka 48",
                                         "intro": "Hej!"})
    digest.refresh_from_db()
    assert (digest.title, digest.intro) == ("Vecka 48", "Hej!")

    preview = client.get(f"{ADMIN}{digest.pk}/preview/")
    assert preview.status_code == 200 and "List-Unsubscribe" in preview.content.decode()
    html = client.get(f"{ADMIN}{digest.pk}/preview/html/")
    assert html.status_code == 200 and "Tillagd" in html.content.decode()
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{ADMIN}{digest.pk}/publish/")
    assert response.status_code == 302
    digest.refresh_from_db()
    assert digest.status == DigestStatus.PUBLISHED
    assert [m.to[0] for m in mail.outbox] == ["anna@example.se"]
    # Published: read-only.
    client.post(f"{ADMIN}{digest.pk}/", {"action": "remove", "entry": second.pk})
    assert digest.entries.count() == 2


def test_it_refuses_to_publish_an_empty_digest_in_the_admin(editor) -> None:
    client = login(editor)
    digest = new_digest(editor)  # no kept items: empty
    response = client.post(f"{ADMIN}{digest.pk}/publish/")
    assert response.status_code == 302 and response["Location"] == f"{ADMIN}{digest.pk}/"
    assert Digest.objects.get(pk=digest.pk).status == DigestStatus.DRAFT


def test_it_refuses_a_period_that_ends_before_it_starts(editor) -> None:
    response = login(editor).post(f"{ADMIN}new/", {
        "language": "sv", "period_start": "2026-11-29", "period_end": "2026-11-23"})
    assert response.status_code == 400 and not Digest.objects.exists()


def test_only_editors_see_the_subscriber_counts(editor, analyst) -> None:
    make_subscriber("anna@example.se")
    make_subscriber("bo@example.se")
    make_subscriber("obekraftad@example.se", confirmed=False)
    make_subscriber("english@example.org", language="en")
    response = login(editor).get(ADMIN)
    assert response.context["subscriber_counts"] == {"sv": 2, "en": 1}
    assert 'id="digest-subscriber-counts"' in response.content.decode()
    response = login(analyst).get(ADMIN)
    assert response.context["subscriber_counts"] is None
    assert 'id="digest-subscriber-counts"' not in response.content.decode()


def test_the_default_period_is_the_last_full_week() -> None:
    assert digests.last_full_week(date(2026, 11, 28)) == (date(2026, 11, 16), date(2026, 11, 22))
    assert digests.last_full_week(date(2026, 11, 23)) == (date(2026, 11, 16), date(2026, 11, 22))


def test_the_command_refuses_drafts_and_unknown_ids(editor) -> None:
    from django.core.management.base import CommandError

    make_item("Nyhet")
    digest = new_digest(editor)
    make_subscriber("anna@example.se")
    with pytest.raises(CommandError):
        call_command("send_digest", str(digest.pk))
    with pytest.raises(CommandError):
        call_command("send_digest", "999999")
    assert mail.outbox == []


def test_someone_who_unsubscribed_meanwhile_is_not_mailed(editor) -> None:
    make_item("Nyhet")
    digest = new_digest(editor)
    make_subscriber("anna@example.se")
    gone = make_subscriber("bo@example.se")
    Digest.objects.filter(pk=digest.pk).update(status=DigestStatus.PUBLISHED,
                                               published_at=timezone.now())
    original = EmailBackend.send_messages

    def unsubscribe_bo_first(self: EmailBackend, messages: Any) -> int:
        Subscriber.objects.filter(pk=gone.pk).delete()
        return original(self, messages)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(EmailBackend, "send_messages", unsubscribe_bo_first)
        digest_send(digest_id=digest.pk)
    assert [m.to[0] for m in mail.outbox] == ["anna@example.se"]


def test_the_monitoring_menu_lists_digests_for_those_who_may_see_them(editor, analyst,
                                                                      facilitator) -> None:
    assert ADMIN in login(editor).get("/admin/").content.decode()
    assert ADMIN in login(analyst).get("/admin/").content.decode()
    assert ADMIN not in login(facilitator).get("/admin/").content.decode()
