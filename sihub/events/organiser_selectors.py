"""Reads behind the organisers' pages: the participant list, its counts, exports, audiences.

Access is decided before any of these run (``selectors.get_event_for_organiser``);
these only shape the rows of an event the caller may already see. Every
function costs a fixed number of queries, however many people signed up.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Lower
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy as _

from sihub.core.models import Sector
from sihub.events import stats
from sihub.events.models import (
    ACTIVE_STATUSES,
    ConsentKind,
    EventPage,
    Registration,
    RegistrationStatus,
)

NO_SECTOR = "none"  # the filter value for "no sector given"
ALL = "all"
ACTIVE = "active"


class Audience(models.TextChoices):
    """Whom an organiser's message goes to (stored in ParticipantMessage.audience)."""

    CONFIRMED = "confirmed", _("Confirmed participants")
    WAITING = "waiting", _("People on the waiting list")
    CHECKED_IN = "checked_in", _("Checked-in participants")
    ACTIVE = "active", _("Everyone signed up (confirmed and waiting list)")


@dataclass(frozen=True)
class ParticipantFilters:
    status: str = ACTIVE  # ACTIVE, ALL or a RegistrationStatus
    sector: str = ""  # a sector slug, NO_SECTOR, or "" for all
    checked_in: str = ""  # "yes", "no" or ""
    q: str = ""


def registration_for_event(event: EventPage, registration_id: int) -> Registration:
    """One registration of ``event``, or 404 (an id from another event is not found here)."""
    registration = (Registration.objects.select_related("sector", "actor")
                    .prefetch_related("consents")
                    .filter(pk=registration_id, event=event).first())
    if registration is None:
        raise Http404("No such registration")
    return registration


def participants(event: EventPage, filters: ParticipantFilters) -> QuerySet[Registration]:
    """The event's registrations matching ``filters``, by name, with what a row shows."""
    rows = Registration.objects.filter(event=event)
    if filters.status == ACTIVE:
        rows = rows.filter(status__in=ACTIVE_STATUSES)
    elif filters.status in RegistrationStatus.values:
        rows = rows.filter(status=filters.status)
    if filters.sector == NO_SECTOR:
        rows = rows.filter(sector__isnull=True)
    elif filters.sector:
        rows = rows.filter(sector__slug=filters.sector)
    if filters.checked_in == "yes":
        rows = rows.filter(checked_in_at__isnull=False)
    elif filters.checked_in == "no":
        rows = rows.filter(checked_in_at__isnull=True)
    if filters.q:
        q = filters.q
        rows = rows.filter(Q(name__icontains=q) | Q(email__icontains=q)
                           | Q(organisation__icontains=q) | Q(actor__name__icontains=q))
    return (rows.select_related("sector", "actor").prefetch_related("consents")
            .order_by(Lower("name"), "pk"))


def participant_counts(event: EventPage) -> dict[str, Any]:
    """Confirmed, waiting, cancelled, checked in (one query) and places left."""
    counts = Registration.objects.filter(event=event).aggregate(
        confirmed=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITING)),
        cancelled=Count("pk", filter=Q(status=RegistrationStatus.CANCELLED)),
        checked_in=Count("pk", filter=Q(checked_in_at__isnull=False)),
    )
    counts["places_left"] = (None if event.capacity is None
                             else max(0, event.capacity - counts["confirmed"]))
    return counts


def waiting_positions(event: EventPage) -> dict[int, int]:
    """{registration id: place in the queue (1 = next)} for the event's waiting list."""
    ids = (Registration.objects.filter(event=event, status=RegistrationStatus.WAITING)
           .order_by("created_at", "pk").values_list("pk", flat=True))
    return {pk: position for position, pk in enumerate(ids, start=1)}


def consents_of(registration: Registration) -> dict[str, bool]:
    """{consent kind: granted} from the prefetched consents (no query)."""
    return {c.kind: c.granted for c in registration.consents.all()}


@dataclass(frozen=True)
class ParticipantRow:
    """What one line of the list (and the export) shows about a registration."""

    registration: Registration
    position: int | None  # on the waiting list
    photo_consent: bool | None  # None: not asked
    share_contact: bool | None

    @property
    def pk(self) -> int:
        return self.registration.pk


def participant_rows(registrations: Iterable[Registration],
                     positions: dict[int, int]) -> list[ParticipantRow]:
    rows = []
    for registration in registrations:
        consents = consents_of(registration)
        rows.append(ParticipantRow(
            registration=registration,
            position=positions.get(registration.pk)
            if registration.status == RegistrationStatus.WAITING else None,
            photo_consent=consents.get(ConsentKind.PHOTOS),
            share_contact=consents.get(ConsentKind.SHARE_CONTACT)))
    return rows


# --- Export ----------------------------------------------------------------------------------


def _local(moment: Any) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def _yes_no(value: bool | None) -> str:
    if value is None:
        return ""
    return gettext("yes") if value else gettext("no")


def export_table(rows: Sequence[ParticipantRow]) -> tuple[list[str], list[dict[str, Any]]]:
    """(column names, records) for csv_document/xlsx_document, in the active language.

    Times are in the site's time zone (Europe/Stockholm) as text, so a
    spreadsheet shows the time people saw, not UTC.
    """
    fields = [gettext("Name"), gettext("E-mail"), gettext("Organisation"), gettext("Sector"),
              gettext("Status"), gettext("Place on the waiting list"), gettext("Registered"),
              gettext("Checked in"), gettext("Dietary needs"), gettext("Accessibility needs"),
              gettext("Photo consent"), gettext("Contact sharing consent")]
    records = []
    for row in rows:
        r = row.registration
        organisation = r.organisation or (r.actor.name if r.actor else "")
        values = [r.name, r.email, organisation, r.sector.name if r.sector else "",
                  r.get_status_display(), row.position if row.position is not None else "",
                  _local(r.created_at), _local(r.checked_in_at), r.dietary_needs,
                  r.accessibility_needs, _yes_no(row.photo_consent),
                  _yes_no(row.share_contact)]
        records.append(dict(zip(fields, values, strict=True)))
    return fields, records


# --- Messages --------------------------------------------------------------------------------


def message_recipients(event: EventPage, audience: str) -> QuerySet[Registration]:
    """The registrations an organiser's message to ``audience`` goes to.

    Never the cancelled, never an anonymised row (it has no address left).
    """
    rows = (Registration.objects.filter(event=event, anonymised_at__isnull=True)
            .exclude(email="").exclude(status=RegistrationStatus.CANCELLED))
    if audience == Audience.CONFIRMED:
        return rows.filter(status=RegistrationStatus.CONFIRMED)
    if audience == Audience.WAITING:
        return rows.filter(status=RegistrationStatus.WAITING)
    if audience == Audience.CHECKED_IN:
        return rows.filter(checked_in_at__isnull=False)
    if audience == Audience.ACTIVE:
        return rows.filter(status__in=ACTIVE_STATUSES)
    return rows.none()


def audience_sizes(event: EventPage) -> dict[str, int]:
    """{audience: recipients} for every audience, in one query."""
    rows = (Registration.objects.filter(event=event, anonymised_at__isnull=True)
            .exclude(email="").exclude(status=RegistrationStatus.CANCELLED))
    return rows.aggregate(
        confirmed=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITING)),
        checked_in=Count("pk", filter=Q(checked_in_at__isnull=False)),
        active=Count("pk"),
    )


# --- Statistics ------------------------------------------------------------------------------


def event_sector_mix(event: EventPage) -> stats.SectorMix:
    """The sector mix of the event, anonymised rows included (their sector is kept)."""
    attendees = [(slug or stats.NO_SECTOR, status, checked_in is not None)
                 for slug, status, checked_in in Registration.objects.filter(event=event)
                 .values_list("sector__slug", "status", "checked_in_at")]
    sectors = [(s.slug, s.name) for s in Sector.objects.order_by("sort_order", "pk")]
    return stats.sector_mix(attendees, sectors, no_sector_label=gettext("No sector given"))
