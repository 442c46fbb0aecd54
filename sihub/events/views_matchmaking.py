"""Matchmaking pages: my profile, my meetings at an event, my schedule; the organisers' grid.

Every page needs a login. A participant's page needs a confirmed
registration for the event (by account or by the account's address);
without one it explains why and links to the registration. A meeting and
its partner's name and organisation are shown only to the two people in it
(``my_meetings`` reads only the person's own) and to organisers (the grid:
``events.view_registration``; slots and runs: ``events.change_registration``).
Writes go through ``matchmaking_services``; POSTs redirect with a message.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from sihub.core.forms import apply_validation_error
from sihub.core.importing import spreadsheet_safe
from sihub.events import ical, selectors
from sihub.events import matchmaking_adapter as adapter
from sihub.events import matchmaking_services as services
from sihub.events.forms_matchmaking import (
    AvailabilityForm,
    MatchProfileForm,
    RunForm,
    SlotForm,
    slot_label,
)
from sihub.events.models import EventPage, MatchSlot, MeetingAnswer
from sihub.events.selectors import get_event, get_event_for_organiser


def _matchmaking_event(event_id: int) -> EventPage:
    event = get_event(event_id)
    if not event.matchmaking_enabled:
        raise Http404("No matchmaking at this event")
    return event


def _organiser_event(request: HttpRequest, event_id: int, *, change: bool) -> EventPage:
    event = get_event_for_organiser(request.user, event_id, change=change)
    if not event.matchmaking_enabled:
        raise Http404("No matchmaking at this event")
    return event


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return ""


def _error(request: HttpRequest, error: services.MatchmakingError) -> None:
    messages.error(request, error.message)


# --- My profile ----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    """Create or edit my matchmaking profile; ``next`` leads back to the event I came from."""
    current = services.profile_of(request.user)
    next_url = _safe_next(request)
    if request.method == "POST":
        form = MatchProfileForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.profile_save(user=request.user, fields=data, sdgs=data["sdgs"])
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                messages.success(request, _("Your matchmaking profile is saved."))
                return redirect(next_url or reverse("events:match_profile"))
    elif current is not None:
        form = MatchProfileForm(initial={
            "organisation": current.organisation, "sector": current.sector,
            "offers": current.offers, "seeks": current.seeks, "interests": current.interests,
            "sdgs": list(current.sdgs.all())})
    else:
        form = MatchProfileForm()
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "events/match_profile.html", {
        "form": form, "summary": form.error_summary() if form.is_bound else [],
        "profile": current, "next": next_url,
    }, status=status)


# --- My meetings at an event ---------------------------------------------------------------


def _slot_rows(slots: Iterable[MatchSlot], meetings: list[adapter.MyMeeting],
               available: set[int]) -> list[dict[str, Any]]:
    by_slot: dict[int, list[adapter.MyMeeting]] = {}
    for m in meetings:
        by_slot.setdefault(m.meeting.slot_id, []).append(m)
    return [{"slot": s, "label": slot_label(s), "available": s.pk in available,
             "meetings": by_slot.get(s.pk, [])} for s in slots]


def _participant_post(request: HttpRequest, event: EventPage, participant: Any,
                      slots: Any) -> HttpResponse | None:
    """The page's four forms; a response (redirect, or the form again) or None."""
    action = request.POST.get("action", "")
    here = reverse("events:matchmaking", args=[event.pk])
    if action == "join":
        form = AvailabilityForm(request.POST, slots=slots)
        if not form.is_valid():
            return None
        try:
            services.participant_join(user=request.user, event=event,
                                      slots=form.cleaned_data["slots"])
        except services.MatchmakingError as exc:
            _error(request, exc)
        else:
            messages.success(request, _("You take part in the matchmaking. Your proposed "
                                        "meetings appear here when the organisers have run "
                                        "the scheduler."))
        return redirect(here)
    if participant is None:
        _error(request, services.MatchmakingError("not_participant"))
        return redirect(here)
    if action == "availability":
        form = AvailabilityForm(request.POST, slots=slots)
        if not form.is_valid():
            return None
        services.participant_set_availability(user=request.user, participant=participant,
                                              slots=form.cleaned_data["slots"])
        messages.success(request, _("Your times are saved."))
    elif action == "leave":
        services.participant_leave(user=request.user, participant=participant)
        messages.success(request, _("You no longer take part in the matchmaking at this "
                                    "event. Your profile is kept for later events."))
    elif action == "block":
        other = adapter.my_partner(participant, _int(request.POST.get("partner")))
        if other is None:
            raise Http404("Not one of your meetings")
        services.participant_block(user=request.user, participant=participant, other=other)
        messages.success(request, _("You will not be proposed to meet this person again."))
    else:
        return HttpResponse(status=400)
    return redirect(here)


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def matchmaking(request: HttpRequest, event_id: int) -> HttpResponse:
    """Join, say when I can meet, and answer my proposed meetings; or why I cannot."""
    event = _matchmaking_event(event_id)
    registration = services.confirmed_registration(request.user, event)
    participant = services.participant_of(request.user, event)
    if registration is None:
        return render(request, "events/match_not_registered.html", {
            "event": event, "participant": participant}, status=403)
    slots = adapter.event_slots(event)
    form = None
    if request.method == "POST":
        response = _participant_post(request, event, participant, slots)
        if response is not None:
            return response
        form = AvailabilityForm(request.POST, slots=slots)
    profile = services.profile_of(request.user)
    meetings = adapter.my_meetings(participant) if participant else []
    available = ({s.pk for s in participant.available_slots.all()} if participant
                 else {s.pk for s in slots})
    if form is None:
        form = AvailabilityForm(slots=slots, initial={"slots": sorted(available)})
    return render(request, "events/matchmaking.html", {
        "event": event, "profile": profile, "participant": participant,
        "form": form, "summary": form.error_summary() if form.is_bound else [],
        "slot_rows": _slot_rows(slots, meetings, available),
        "accepted": [m for m in meetings if m.state == MeetingAnswer.ACCEPTED],
        "has_meetings": any(m.state != MeetingAnswer.DECLINED for m in meetings),
        "profile_url": reverse("events:match_profile") + "?next="
        + reverse("events:matchmaking", args=[event.pk]),
    }, status=400 if form.is_bound and form.errors else 200)


@require_POST
@login_required
def meeting_answer(request: HttpRequest, event_id: int, meeting_id: int) -> HttpResponse:
    """Accept or decline my side of one of my meetings (404 for anyone else's)."""
    event = _matchmaking_event(event_id)
    meeting = adapter.my_meeting(services.participant_of(request.user, event), meeting_id)
    if meeting is None:
        raise Http404("Not one of your meetings")
    answer = request.POST.get("answer", "")
    try:
        services.meeting_answer(user=request.user, meeting=meeting, answer=answer)
    except services.MatchmakingError as exc:
        _error(request, exc)
    except PermissionDenied:  # the meeting changed hands in between (a run)
        raise Http404("Not one of your meetings") from None
    else:
        messages.success(request, _("You accepted the meeting.") if answer == "accepted"
                         else _("You declined the meeting. You will not be proposed to meet "
                                "this person again."))
    return HttpResponseRedirect(reverse("events:matchmaking", args=[event.pk])
                                + f"#slot-{meeting.slot_id}")


@login_required
@require_safe
def schedule_ics(request: HttpRequest, event_id: int) -> HttpResponse:
    """My accepted meetings (confirmed) and proposals (tentative) as an iCalendar file."""
    event = _matchmaking_event(event_id)
    participant = services.participant_of(request.user, event)
    if participant is None:
        raise Http404("You do not take part in the matchmaking")
    url = request.build_absolute_uri(reverse("events:matchmaking", args=[event.pk]))
    title = event.localized.title
    items = []
    for m in adapter.my_meetings(participant):
        if m.state == MeetingAnswer.DECLINED:
            continue
        slot = m.meeting.slot
        who = m.partner_name + (f" ({m.partner_organisation})" if m.partner_organisation else "")
        summary = _("Meeting with %(name)s, table %(table)s") % {
            "name": m.partner_name, "table": m.meeting.table}
        description = "\n".join([
            _("%(event)s: 1:1 meeting with %(who)s, %(sector)s, at table %(table)s.") % {
                "event": title, "who": who, "sector": m.partner_sector,
                "table": m.meeting.table},
            *m.reasons])
        item = ical.vevent(event, url=url, uid_suffix=f"-meeting-{m.meeting.pk}",
                           summary=summary, description=description, start=slot.start,
                           end=slot.end, participant=True)  # only registered people have one
        item.add("status", "CONFIRMED" if m.state == MeetingAnswer.ACCEPTED else "TENTATIVE")
        items.append(item)
    cal = ical.calendar(items, name=_("My meetings at %(event)s") % {"event": title},
                        method="PUBLISH")
    response = HttpResponse(ical.to_bytes(cal), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="meetings.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


# --- Organisers ----------------------------------------------------------------------------


def _state_label(state: str) -> str:
    return str(dict(MeetingAnswer.choices)[state])


def _grid_csv(event: EventPage, grid: adapter.Grid) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_("Slot"), _("Table"), _("Person 1"), _("Organisation"), _("Sector"),
                     _("Answer"), _("Person 2"), _("Organisation"), _("Sector"), _("Answer"),
                     _("Fit (%)"), _("Status")])
    for m in grid.meetings:
        row = [slot_label(m.slot), m.table]
        for p, answer in ((m.first, m.first_answer), (m.second, m.second_answer)):
            row += [adapter.participant_name(p), adapter.participant_organisation(p),
                    p.profile.sector.name, _state_label(answer)]
        row += [round(m.score * 100), _state_label(adapter.meeting_state(m))]
        writer.writerow([spreadsheet_safe(v) for v in row])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="matchmaking-{event.pk}-{stamp}.csv"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_safe
def grid(request: HttpRequest, event_id: int) -> HttpResponse:
    """The whole grid (tables × slots) with its summary; ``?format=csv`` as a spreadsheet."""
    event = _organiser_event(request, event_id, change=False)
    data = adapter.grid_for(event)
    if request.GET.get("format") == "csv":
        return _grid_csv(event, data)
    return render(request, "events/match_grid.html", {
        "event": event, "section": "match_grid", "grid": data,
        "can_organise": selectors.user_can_organise(request.user, event),
        "status": services.run_status(event), "run_form": RunForm(),
        "slot_count": len(data.slots),
    })


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def slots(request: HttpRequest, event_id: int) -> HttpResponse:
    """Add and remove the event's time slots for meetings."""
    event = _organiser_event(request, event_id, change=True)
    here = reverse("events:match_slots", args=[event.pk])
    form = SlotForm()
    if request.method == "POST":
        if request.POST.get("action") == "remove":
            slot = adapter.event_slots(event).filter(pk=_int(request.POST.get("slot"))).first()
            if slot is None:
                raise Http404("No such slot")
            services.slot_remove(actor=request.user, slot=slot)
            messages.success(request, _("The slot and its meetings are removed."))
            return redirect(here)
        form = SlotForm(request.POST)
        if form.is_valid():
            try:
                services.slot_add(actor=request.user, event=event, **form.cleaned_data)
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                messages.success(request, _("The slot is added."))
                return redirect(here)
    rows = [{"slot": s, "label": slot_label(s), "meetings": s.meeting_count}
            for s in adapter.event_slots(event, with_counts=True)]
    return render(request, "events/match_slots.html", {
        "event": event, "section": "match_grid", "can_organise": True, "form": form,
        "summary": form.error_summary() if form.is_bound else [], "rows": rows,
    }, status=400 if form.is_bound and form.errors else 200)


@require_POST
@login_required
def run(request: HttpRequest, event_id: int) -> HttpResponse:
    """Run the scheduler now (or queue it for a big event) and go back to the grid."""
    event = _organiser_event(request, event_id, change=True)
    here = reverse("events:match_grid", args=[event.pk])
    form = RunForm(request.POST)
    if not form.is_valid():
        for _anchor, message in form.error_summary():
            messages.error(request, message)
        return redirect(here)
    min_fit = (form.cleaned_data.get("min_fit") or 0) / 100
    try:
        report = services.matchmaking_request_run(
            actor=request.user, event=event, max_meetings=form.cleaned_data.get("max_meetings"),
            min_fit=min_fit)
    except services.MatchmakingError as exc:
        _error(request, exc)
        return redirect(here)
    if report is None:
        messages.info(request, _("The scheduler is running. Reload the page in a minute to "
                                 "see the proposals."))
    else:
        messages.success(request, _(
            "The scheduler proposed %(proposed)s new meetings and kept %(kept)s accepted ones "
            "for %(participants)s participants.") % {
            "proposed": report.proposed, "kept": report.kept,
            "participants": report.participants})
    return redirect(here)
