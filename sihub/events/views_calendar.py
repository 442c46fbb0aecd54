"""iCalendar feeds: the calendar of one language (any filter of it) and one event.

    /<lang>/events/calendar.ics?type=workshop&region=01   the calendar, filtered
    /<lang>/events/<id>/event.ics                         one event, as a download

Both are public, so an online link the organisers keep for registered
participants is replaced by a note. The one-event file asked for with a
registration's signed token (``?registration=<token>``, the link on that
person's registration page) is theirs, and carries the link while they hold a
place.

The feed takes the calendar page's filters through the same function
(``calendar.filter_events``), so subscribing from a filtered calendar gives
the events the page listed. It holds upcoming events and those of the last
30 days, so a calendar program keeps last week's meeting in view.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail.models import Locale

from sihub.events import ical, selectors
from sihub.events.calendar import LIST_DEFERRED, filter_events
from sihub.events.models import EventIndexPage, EventPage, RegistrationStatus
from sihub.events.tokens import registration_from_token

FEED_PAST_DAYS = 30
FEED_LIMIT = 1000  # a bound on one response; a year of a busy calendar fits
CONTENT_TYPE = "text/calendar; charset=utf-8"


def _feed_name(locale: Locale, label: str) -> str:
    index = EventIndexPage.objects.live().filter(locale=locale).only("title").first()
    name = index.title if index is not None else str(EventPage._meta.verbose_name_plural)
    if label:
        name = f"{name}: {label}"
    return f"{name} – {settings.WAGTAIL_SITE_NAME}"


def online_note() -> str:
    """What a public calendar entry says where a participants-only link would be."""
    return _("Online – the link is sent to registered participants")


def _for_participant(request: HttpRequest, page: EventPage) -> bool:
    """Whether the request carries the signed token of a confirmed place at ``page``.

    A bad or outdated token is a 404 (as on the registration page); a token of
    another event, or of someone waiting or cancelled, gets the public file.
    """
    token = request.GET.get("registration")
    if not token:
        return False
    registration = registration_from_token(token)
    return (registration.status == RegistrationStatus.CONFIRMED
            and registration.event_id == page.canonical.pk)


@require_safe
def calendar_ics(request: HttpRequest) -> HttpResponse:
    locale = Locale.get_active()
    since = timezone.now() - timedelta(days=FEED_PAST_DAYS)
    base = selectors.live_events().filter(locale=locale, end__gte=since)
    events, flt = filter_events(base, request.GET)
    pages = events.defer(*LIST_DEFERRED).order_by("start", "pk")[:FEED_LIMIT]
    note = online_note()
    components = [ical.vevent(page, url=page.get_full_url(request), online_note=note)
                  for page in pages]
    cal = ical.calendar(components, name=_feed_name(locale, flt.label()), method="PUBLISH")
    return HttpResponse(ical.to_bytes(cal), content_type=CONTENT_TYPE)


@require_safe
def event_ics(request: HttpRequest, event_id: int) -> HttpResponse:
    """One event in the language of the page asked for; 404 unless it is live."""
    page = selectors.live_events().filter(pk=event_id).first()
    if page is None:
        raise Http404("No such event")
    participant = _for_participant(request, page)
    item = ical.vevent(page, url=page.get_full_url(request), participant=participant,
                       online_note=online_note())
    cal = ical.calendar([item], name=page.title, method="PUBLISH")
    response = HttpResponse(ical.to_bytes(cal), content_type=CONTENT_TYPE)
    if participant:  # one person's file: not for shared caches
        response["Cache-Control"] = "private, no-store"
    # RFC 6266 quoting, so a slug with å, ä or ö stays a valid header.
    response["Content-Disposition"] = content_disposition_header(True, f"{page.slug}.ics")
    return response
