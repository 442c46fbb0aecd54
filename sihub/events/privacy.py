"""A person's event data: find it, export it, erase it — by e-mail address or by account.

People sign up to events without an account, so their data is found by the
address they registered with (and, for an account, by the account too):

* ``registrations_with_email`` / ``registrations_of_user`` — the
  registrations not yet anonymised;
* ``export_for_email`` / ``export_for_user`` — everything held, as
  JSON-ready data: the registrations with their event, status, needs,
  consents (with the text shown), feedback and matchmaking at that event;
  for an account also the matchmaking profile;
* ``erase_for_email`` / ``erase_for_user`` — cancel the person's places at
  events still to come (so the waiting list moves up, through
  ``services.registration_cancel``), then anonymise the rows exactly as the
  retention job does (``retention.anonymise_registrations``), with the
  free-text feedback blanked too. Statistics (sector, attendance) survive.

``core/privacy.py`` registers these for the platform-wide export and erasure;
the self-service page (``views_privacy``) reaches them through a link mailed
to the address (``my_data_token``), valid 24 hours.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core import signing
from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.crypto import salted_hmac

from sihub.core.services import audit_record
from sihub.core.throttle import within_limit
from sihub.events import selectors
from sihub.events.models import (
    ACTIVE_STATUSES,
    Feedback,
    MatchMeeting,
    MatchProfile,
    Registration,
    RegistrationConsent,
)
from sihub.events.retention import anonymise_registrations

FORMAT = "sihub-event-registrations/1"
LINK_MAX_AGE = timedelta(hours=24)
ERASED = "events.registrations_erased"
_LINK_SALT = "sihub.events.my_data"
MAILS_PER_ADDRESS_PER_DAY = 3
_FINGERPRINT_SALT = "sihub.events.my_data.address"


# --- Finding ----------------------------------------------------------------------------


def _normal(email: str | None) -> str:
    return (email or "").strip().lower()


def registrations_with_email(email: str) -> QuerySet[Registration]:
    """The registrations made with ``email``, or by the account with that address."""
    email = _normal(email)
    if not email:
        return Registration.objects.none()
    return Registration.objects.filter(
        Q(email__iexact=email) | Q(user__email__iexact=email), anonymised_at__isnull=True)


def registrations_of_user(user: Any) -> QuerySet[Registration]:
    """The registrations of ``user``'s account, or made with its address (any state)."""
    return selectors.registrations_of_account(user).filter(anonymised_at__isnull=True)


def registration_emails() -> set[str]:
    """Every address held in registrations not yet anonymised (for ``reapply_erasures``)."""
    return {_normal(e) for e in Registration.objects.filter(anonymised_at__isnull=True)
            .values_list("email", flat=True)} - {""}


# --- Export -------------------------------------------------------------------------------


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _with_details(rows: QuerySet[Registration]) -> QuerySet[Registration]:
    return (rows.select_related("event", "sector", "actor", "feedback",
                                "match_participant")
            .prefetch_related(Prefetch("consents",
                                       queryset=RegistrationConsent.objects.order_by("kind")))
            .order_by("event__start", "pk"))


def _matchmaking(registration: Registration) -> dict[str, Any] | None:
    participant = getattr(registration, "match_participant", None)
    if participant is None:
        return None
    meetings = (MatchMeeting.objects.filter(Q(first=participant) | Q(second=participant))
                .select_related("slot").order_by("slot__start"))
    return {
        "joined_at": _iso(participant.joined_at),
        # The other person of each meeting is their data, not this person's.
        "meetings": [{"start": _iso(m.slot.start), "table": m.table,
                      "my_answer": m.first_answer if m.first_id == participant.pk
                      else m.second_answer} for m in meetings],
    }


def _feedback(registration: Registration) -> dict[str, Any] | None:
    feedback = getattr(registration, "feedback", None)
    if feedback is None:
        return None
    return {"rating": feedback.rating, "useful": feedback.useful, "improve": feedback.improve,
            "new_contacts": feedback.new_contacts, "would_recommend": feedback.would_recommend,
            "given_at": _iso(feedback.created_at)}


def export_registration(registration: Registration) -> dict[str, Any]:
    event = registration.event
    return {
        "id": registration.pk,
        "event": {"id": event.pk, "title": event.title, "start": _iso(event.start),
                  "end": _iso(event.end)},
        "status": registration.status,
        "name": registration.name,
        "email": registration.email,
        "organisation": registration.organisation,
        "organisation_in_directory": registration.actor.name if registration.actor else None,
        "sector": registration.sector.slug if registration.sector else None,
        "dietary_needs": registration.dietary_needs,
        "accessibility_needs": registration.accessibility_needs,
        "language": registration.language,
        "registered_at": _iso(registration.created_at),
        "status_changed_at": _iso(registration.status_changed_at),
        "checked_in_at": _iso(registration.checked_in_at),
        "consents": [{"kind": c.kind, "granted": c.granted, "text": c.text,
                      "text_version": c.text_version, "recorded_at": _iso(c.recorded_at)}
                     for c in registration.consents.all()],
        "feedback": _feedback(registration),
        "matchmaking": _matchmaking(registration),
    }


def _export(rows: QuerySet[Registration], subject: dict[str, Any]) -> dict[str, Any]:
    return {"format": FORMAT, "exported_at": timezone.now().isoformat(), "subject": subject,
            "registrations": [export_registration(r) for r in _with_details(rows)]}


def export_for_email(email: str) -> dict[str, Any]:
    return _export(registrations_with_email(email), {"email": _normal(email)})


def export_match_profile(profile: MatchProfile | None) -> dict[str, Any] | None:
    if profile is None:
        return None
    return {"organisation": profile.organisation,
            "sector": profile.sector.slug if profile.sector_id else None,
            "offers": profile.offers, "seeks": profile.seeks, "interests": profile.interests,
            "sdgs": sorted(profile.sdgs.values_list("number", flat=True)),
            "updated_at": _iso(profile.updated_at)}


def export_for_user(user: Any) -> dict[str, Any]:
    out = _export(registrations_of_user(user), {"id": user.pk, "email": user.email})
    profile = MatchProfile.objects.filter(user=user).select_related("sector").first()
    out["match_profile"] = export_match_profile(profile)
    return out


# --- Erasure ------------------------------------------------------------------------------


def _cancel(registration: Registration, *, actor: Any) -> None:
    """Give up the place, so the waiting list moves up (the registration service does it)."""
    from sihub.events.services import CancellationClosed, registration_cancel

    try:
        registration_cancel(registration=registration, actor=actor)
    except CancellationClosed:  # the event ended meanwhile: nobody is waiting for the place
        pass


def erase_registrations(rows: QuerySet[Registration], *, actor: Any = None) -> int:
    """Cancel the active places at events still to come, then anonymise every row."""
    now = timezone.now()
    registrations = list(rows.select_related("event").order_by("pk"))
    for registration in registrations:
        if registration.status in ACTIVE_STATUSES and registration.event.start > now:
            _cancel(registration, actor=actor)
    count = anonymise_registrations([r.pk for r in registrations], blank_feedback_text=True)
    if count:
        # A count only: the address is not kept, not even here.
        audit_record(actor=actor, action=ERASED, data={"registrations": count})
    return count


def erase_feedback_for_email(email: str) -> int:
    """Blank and detach the free-text feedback of ``email``'s registrations (the ratings stay).

    ``erase_for_email`` does this too; the platform-wide erasure registers it
    on its own so that each model's count is reported.
    """
    return Feedback.objects.filter(registration__in=registrations_with_email(email)).update(
        useful="", improve="", registration=None)


def erase_for_email(email: str, *, actor: Any = None) -> int:
    """Erase the event data held under ``email``; returns the registrations anonymised."""
    return erase_registrations(registrations_with_email(email), actor=actor)


def erase_for_user(user: Any, *, actor: Any = None) -> int:
    """Erase ``user``'s event data: registrations anonymised, matchmaking profile deleted.

    Not one transaction: each cancellation commits first, so its mails (to
    the person, and to whoever moves up from the waiting list) go out with
    the address still in place.
    """
    count = erase_registrations(registrations_of_user(user), actor=actor)
    MatchProfile.objects.filter(user=user).delete()
    return count


# --- The self-service link ----------------------------------------------------------------


class LinkInvalid(Exception):
    """A link that was altered, cut, or made with another key."""


class LinkExpired(LinkInvalid):
    """A link older than ``LINK_MAX_AGE``."""


def _fingerprint(email: str) -> str:
    return salted_hmac(_FINGERPRINT_SALT, _normal(email)).hexdigest()[:24]


def my_data_token(email: str) -> str | None:
    """A 24-hour link token for ``email``, or None when nothing is held for it.

    The token names one of the address's registrations and a keyed
    fingerprint of the address, never the address itself (links end up in
    logs and browser histories).
    """
    anchor = registrations_with_email(email).order_by("pk").values_list("pk", flat=True).first()
    if anchor is None:
        return None
    return signing.TimestampSigner(salt=_LINK_SALT).sign(f"{anchor}.{_fingerprint(email)}")


def _email_of(anchor_id: int, fingerprint: str) -> str | None:
    """The address of registration ``anchor_id`` (or its account) that has ``fingerprint``."""
    anchor = (Registration.objects.select_related("user")
              .filter(pk=anchor_id, anonymised_at__isnull=True).first())
    if anchor is None:
        return None  # erased (or anonymised by retention) since
    for email in (anchor.email, anchor.user.email if anchor.user else ""):
        if email and _fingerprint(email) == fingerprint:
            return _normal(email)
    return None


def email_from_token(token: str, *, max_age: timedelta = LINK_MAX_AGE) -> str | None:
    """The address a link was made for; None when nothing is held for it any more.

    Raises ``LinkExpired`` or ``LinkInvalid``.
    """
    try:
        value = signing.TimestampSigner(salt=_LINK_SALT).unsign(token, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise LinkExpired from exc
    except signing.BadSignature as exc:
        raise LinkInvalid from exc
    pk, _dot, fingerprint = value.partition(".")
    if not pk.isdigit():
        raise LinkInvalid
    return _email_of(int(pk), fingerprint)


def _may_mail(email: str) -> bool:
    """At most ``MAILS_PER_ADDRESS_PER_DAY`` links a day: the form cannot flood an inbox."""
    return within_limit(f"sihub:events:my-data:{_fingerprint(email)}",
                        limit=MAILS_PER_ADDRESS_PER_DAY, window_seconds=24 * 3600)


def my_data_request(*, email: str, language: str) -> bool:
    """Mail ``email`` a link to its event data, if any is held; True when a mail is on its way.

    The caller answers the same whatever this returns (no enumeration). The
    task gets the anchor's id and the address's fingerprint, not the address.
    """
    from sihub.events.privacy_tasks import send_my_data_link

    anchor = registrations_with_email(email).order_by("pk").values_list("pk", flat=True).first()
    if anchor is None or not _may_mail(email):
        return False
    fingerprint = _fingerprint(email)
    transaction.on_commit(lambda: send_my_data_link.enqueue(anchor, fingerprint, language))
    return True


def my_data_mail(*, anchor_id: int, fingerprint: str, language: str) -> tuple[str, str, str] | None:
    """(address, subject, body) of the link mail; None when nothing is held any more."""
    from django.conf import settings
    from django.template.loader import render_to_string
    from django.urls import reverse
    from django.utils import translation

    email = _email_of(anchor_id, fingerprint)
    token = my_data_token(email) if email else None
    if email is None or token is None:
        return None
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    with translation.override(language):
        url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("events:my_data",
                                                                   args=[token])
        context = {"url": url, "hours": int(LINK_MAX_AGE.total_seconds() // 3600),
                   "site_name": settings.WAGTAIL_SITE_NAME}
        subject = render_to_string("events/email/my_data_link_subject.txt", context).strip()
        body = render_to_string("events/email/my_data_link.txt", context)
    return email, subject, body


def registrations_for_page(email: str) -> list[Registration]:
    """The address's registrations as the self-service page lists them (newest event first)."""
    return list(registrations_with_email(email).select_related("event")
                .order_by("-event__start", "pk"))
