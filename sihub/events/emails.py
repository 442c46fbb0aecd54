"""The registrant's e-mails: confirmation, waiting list, promotion, cancellation.

Written in the registrant's language (``Registration.language``), about the
event page in that language when it is translated, as plain text with an HTML
alternative. A confirmation and a promotion carry the event as an .ics
attachment (``text/calendar; method=PUBLISH``) so one click puts it in the
calendar. Those two carry the online link (in the text and the attachment)
even when the organisers keep it for registered participants
(``online_url_participants_only``); the waiting-list and cancellation mails
never do. Every mail has the signed link to see or cancel the registration
(``tokens.py``), absolute on the configured site (``SIHUB_BASE_URL``).
"""

from __future__ import annotations

from email.mime.text import MIMEText
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Locale

from sihub.events import ical
from sihub.events.models import EventPage, Registration
from sihub.events.services import (
    MAIL_CANCELLED,
    MAIL_CONFIRMED,
    MAIL_PROMOTED,
    MAIL_WAITING,
    waiting_position,
)
from sihub.events.tokens import registration_token

KINDS = (MAIL_CONFIRMED, MAIL_WAITING, MAIL_PROMOTED, MAIL_CANCELLED)
WITH_ICS = (MAIL_CONFIRMED, MAIL_PROMOTED)


def absolute(path: str) -> str:
    """A path (or an already absolute URL) on the configured site."""
    if path.startswith(("http://", "https://")):
        return path
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def event_in_language(event: EventPage, language: str) -> EventPage:
    """The live translation of ``event`` in ``language``, else the event itself."""
    if not language or event.locale.language_code == language:
        return event
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None:
        return event
    translated = EventPage.objects.live().filter(translation_key=event.translation_key,
                                                 locale=locale).first()
    return translated or event


def registration_url(registration: Registration, language: str | None = None) -> str:
    """The signed page of the registration, absolute, in ``language`` (default: its own)."""
    with translation.override(language or registration.language):
        return absolute(reverse("events:registration", args=[registration_token(registration)]))


def event_ics(event: EventPage, *, participant: bool = False) -> bytes:
    """The event as a one-event iCalendar file (the page in its own language).

    ``participant``: for someone with a place, so it carries an online link the
    organisers keep for participants.
    """
    url = absolute(event.get_url() or "")
    item = ical.vevent(event, url=url, participant=participant)
    return ical.to_bytes(ical.calendar([item], name=event.title, method="PUBLISH"))


def _ics_part(content: bytes) -> MIMEText:
    part = MIMEText(content.decode("utf-8"), "calendar", "utf-8")
    part.set_param("method", "PUBLISH")
    part.add_header("Content-Disposition", "attachment", filename="event.ics")
    return part


def mail_subject(kind: str, title: str) -> str:
    subjects = {
        MAIL_CONFIRMED: _("You are registered: %(title)s"),
        MAIL_WAITING: _("You are on the waiting list: %(title)s"),
        MAIL_PROMOTED: _("A place has become free — you are registered: %(title)s"),
        MAIL_CANCELLED: _("Your registration is cancelled: %(title)s"),
    }
    return subjects[kind] % {"title": title}


def registration_email(registration: Registration, kind: str) -> EmailMultiAlternatives:
    """The mail of ``kind`` to the registrant, ready to send."""
    if kind not in KINDS:
        raise ValueError(f"Unknown registration mail: {kind!r}")
    language = registration.language
    with translation.override(language):
        event = event_in_language(registration.event, language)
        context: dict[str, Any] = {
            "kind": kind,
            "registration": registration,
            "event": event,
            "event_url": absolute(event.get_url() or ""),
            "manage_url": registration_url(registration, language),
            "position": waiting_position(registration) if kind == MAIL_WAITING else None,
            "register_url": absolute(reverse("events:register", args=[registration.event_id])),
            "site_name": settings.WAGTAIL_SITE_NAME,
            "with_ics": kind in WITH_ICS,
        }
        subject = mail_subject(kind, event.title)
        text = render_to_string("events/email/registration.txt", context)
        html = render_to_string("events/email/registration.html", context)
    message = EmailMultiAlternatives(subject, text, None, [registration.email])
    message.attach_alternative(html, "text/html")
    if kind in WITH_ICS:
        # Only confirmations and promotions get here: the person has a place.
        message.attach(_ics_part(event_ics(event, participant=True)))
    return message
