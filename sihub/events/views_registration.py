"""Signing up, one's registration (by its signed link), cancelling, and "my registrations".

* ``register`` — the form for any live event (its canonical page or any
  translation's id). Bots that fill the hidden honeypot get the form back with
  nothing done; each IP address may post ``SIHUB_EVENTS_REGISTRATIONS_PER_IP_HOUR``
  times an hour (the address as log-in throttling sees it, behind
  ``SIHUB_PROXY_COUNT`` proxies).
* An address that is already registered gets a friendly answer. Only the
  account holder of that address is taken to the registration's page: anyone
  else is told to use the link in the confirmation mail — otherwise typing
  someone's address into the form would hand over their cancel button.
* ``registration`` and ``cancel`` are reached by the signed link alone (no
  account needed); GET on ``cancel`` only asks, POST cancels, so link
  scanners in mail programs cannot cancel anyone.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from sihub.core.i18n import current_language
from sihub.core.throttle import client_within_limit
from sihub.events import selectors, services
from sihub.events.consents import CONSENT_KINDS
from sihub.events.emails import event_in_language
from sihub.events.forms_registration import DATALIST_ID, RegistrationForm, actor_suggestions
from sihub.events.models import (
    ACTIVE_STATUSES,
    EventPage,
    Registration,
    RegistrationStatus,
)
from sihub.events.tokens import registration_from_token, registration_token


def _rate_limited(request: HttpRequest) -> bool:
    return not client_within_limit(request, "events:register",
                                   limit=settings.SIHUB_EVENTS_REGISTRATIONS_PER_IP_HOUR)


def _account(request: HttpRequest) -> Any:
    user = request.user
    return user if user.is_authenticated and user.is_active else None


def _owns_address(user: Any, email: str) -> bool:
    return user is not None and bool(user.email) and user.email.strip().lower() == email


def _registration_path(registration: Registration) -> str:
    return reverse("events:registration", args=[registration_token(registration)])


def _status_message(registration: Registration) -> str:
    if registration.status == RegistrationStatus.CONFIRMED:
        return _("You are registered. We have sent a confirmation to %(email)s.") % {
            "email": registration.email}
    position = services.waiting_position(registration)
    return _("The event is full: you are number %(position)s on the waiting list. We will "
             "e-mail %(email)s if a place becomes free.") % {
        "position": position, "email": registration.email}


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def register(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.get_event(event_id)
    language = current_language()
    user = _account(request)
    initial = {"name": user.get_full_name(), "email": user.email} if user is not None else {}
    form = RegistrationForm(request.POST if request.method == "POST" else None,
                            language=language, initial=initial)
    refusal = services.sign_up_refusal(event)
    status = 200
    if request.method == "POST":
        if _rate_limited(request):
            return render(request, "events/register.html", {
                **_register_context(event, language, form=None, refusal=None),
                "too_many": True}, status=429)
        if form.is_bot():
            return redirect(request.path)  # nothing done, and nothing said
        if refusal is None and form.is_valid():
            data = form.cleaned_data
            try:
                registration, created = services.registration_create(
                    event=event, name=data["name"], email=data["email"],
                    organisation=data["organisation"], actor=form.actor(),
                    sector=data["sector"], dietary_needs=data["dietary_needs"],
                    accessibility_needs=data["accessibility_needs"], language=language,
                    consents=form.consents(),
                    user=user if _owns_address(user, data["email"]) else None)
            except services.RegistrationError as exc:
                refusal, status = exc, 409
            else:
                return _answer(request, event, language, registration, created=created,
                               user=user)
        else:
            status = 409 if refusal is not None else 400
    return render(request, "events/register.html",
                  _register_context(event, language, form=form, refusal=refusal), status=status)


def _answer(request: HttpRequest, event: EventPage, language: str, registration: Registration,
            *, created: bool, user: Any) -> HttpResponse:
    if created:
        messages.success(request, _status_message(registration))
        return redirect(_registration_path(registration))
    if _owns_address(user, registration.email):
        messages.info(request, _("You were already registered for this event."))
        return redirect(_registration_path(registration))
    return render(request, "events/register.html", {
        **_register_context(event, language, form=None, refusal=None),
        "already_registered": True})


def _register_context(event: EventPage, language: str, *, form: RegistrationForm | None,
                      refusal: services.RegistrationError | None) -> dict[str, Any]:
    return {
        "event": event_in_language(event, language),
        "canonical": event,
        "form": form,
        "refusal": refusal,
        "opens": (event.registration_opens
                  if isinstance(refusal, services.RegistrationNotYetOpen) else None),
        "places_left": selectors.places_left(event),
        "actor_names": actor_suggestions() if form is not None and refusal is None else [],
        "datalist_id": DATALIST_ID,
    }


@never_cache
@require_safe
def registration(request: HttpRequest, token: str) -> HttpResponse:
    registration = registration_from_token(token)
    event = registration.event
    return render(request, "events/registration.html", {
        "registration": registration,
        "token": token,
        "event": event_in_language(event, current_language()),
        "position": services.waiting_position(registration),
        "active": registration.status in ACTIVE_STATUSES,
        "can_cancel": registration.status in ACTIVE_STATUSES and not event.is_past,
        "consents": sorted(registration.consents.all(),
                           key=lambda c: CONSENT_KINDS.index(c.kind)
                           if c.kind in CONSENT_KINDS else len(CONSENT_KINDS)),
    })


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def cancel(request: HttpRequest, token: str) -> HttpResponse:
    registration = registration_from_token(token)
    page = reverse("events:registration", args=[token])
    if registration.status == RegistrationStatus.CANCELLED:
        messages.info(request, _("This registration is already cancelled."))
        return redirect(page)
    event = registration.event
    error = services.CancellationClosed() if event.is_past else None
    if request.method == "POST" and error is None:
        actor = _account(request)
        try:
            services.registration_cancel(registration=registration, actor=actor)
        except services.RegistrationError as exc:
            error = exc
        else:
            messages.success(request, _("Your registration is cancelled. Thank you for "
                                        "letting us know."))
            return redirect(page)
    return render(request, "events/cancel.html", {
        "registration": registration,
        "token": token,
        "event": event_in_language(event, current_language()),
        "error": error,
    }, status=409 if error is not None and request.method == "POST" else 200)


@never_cache
@login_required
@require_safe
def mine(request: HttpRequest) -> HttpResponse:
    registrations = list(selectors.registrations_of_user(request.user))
    shown = _events_in_language([r.event for r in registrations], current_language())
    positions = _waiting_positions(registrations)
    now = timezone.now()
    rows = [{
        "registration": r,
        "event": shown.get(r.event.translation_key, r.event),
        "position": positions.get(r.pk),
        "url": _registration_path(r),
    } for r in registrations]
    upcoming = sorted((row for row in rows if row["registration"].event.end >= now),
                      key=lambda row: row["registration"].event.start)
    past = [row for row in rows if row["registration"].event.end < now]
    return render(request, "events/mine.html", {"upcoming": upcoming, "past": past})


def _events_in_language(events: list[EventPage], language: str) -> dict[Any, EventPage]:
    """{translation key: the live page in ``language``} for many events in one query."""
    keys = {e.translation_key for e in events}
    if not keys:
        return {}
    pages = EventPage.objects.live().filter(translation_key__in=keys,
                                            locale__language_code=language)
    return {page.translation_key: page for page in pages}


def _waiting_positions(registrations: list[Registration]) -> dict[int, int]:
    """{registration id: place in line} for the waiting ones among ``registrations``, one query."""
    event_ids = {r.event_id for r in registrations if r.status == RegistrationStatus.WAITING}
    if not event_ids:
        return {}
    line = (Registration.objects.filter(event_id__in=event_ids, status=RegistrationStatus.WAITING)
            .order_by("event_id", "created_at", "pk").values_list("event_id", "pk"))
    positions: dict[int, int] = {}
    counters: dict[int, int] = {}
    for event_id, pk in line:
        counters[event_id] = counters.get(event_id, 0) + 1
        positions[pk] = counters[event_id]
    return positions
