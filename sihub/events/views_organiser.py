"""Organisers' pages of one event: participants and check-in, exports, messages, statistics.

Every view has one shape: fetch the event with
``selectors.get_event_for_organiser`` (reading needs events.view_registration,
checking in and writing to participants events.change_registration), validate
a form, call an ``organiser_services`` function, redirect or render. Anonymous
visitors are sent to log in; logged-in people without the right get 403, and
an event that is not live 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sihub.core.forms import apply_validation_error
from sihub.events import organiser_selectors as queries
from sihub.events import organiser_services as services
from sihub.events import selectors, stats
from sihub.events.forms_organiser import CheckInForm, MessageForm, ParticipantFilterForm
from sihub.events.models import EventPage, ParticipantMessage, RegistrationStatus

PER_PAGE = 50
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT_FORMATS = ("csv", "xlsx")


def _frame(request: HttpRequest, event: EventPage, section: str) -> dict[str, Any]:
    """What organiser_base.html needs."""
    return {"event": event, "section": section,
            "can_organise": selectors.user_can_organise(request.user, event)}


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _filters(request: HttpRequest) -> tuple[ParticipantFilterForm, queries.ParticipantFilters]:
    form = ParticipantFilterForm(request.GET or None)
    form.is_valid()
    return form, form.filters()


def _list_query(raw: str) -> str:
    """A participant-list query string, re-encoded: whatever was posted, only a query comes out."""
    query = QueryDict(raw[:2000], mutable=True)
    for key in list(query):
        if key not in ("status", "sector", "checked_in", "q", "page"):
            del query[key]
    return query.urlencode()


# --- The participant list and check-in -------------------------------------------------------


@login_required
@require_GET
def participants(request: HttpRequest, event_id: int) -> HttpResponse:
    """The registrations of the event, filtered, 50 a page, with a check-in button per row."""
    event = selectors.get_event_for_organiser(request.user, event_id)
    form, filters = _filters(request)
    page = Paginator(queries.participants(event, filters), PER_PAGE).get_page(
        request.GET.get("page"))
    rows = queries.participant_rows(page.object_list, queries.waiting_positions(event))
    filter_query = request.GET.copy()
    filter_query.pop("page", None)
    context = {
        **_frame(request, event, "participants"),
        "form": form,
        "rows": rows,
        "results": page,
        "counts": queries.participant_counts(event),
        "filter_query": filter_query.urlencode(),
        "back": _list_query(request.GET.urlencode()),
        "any_filter": filters != queries.ParticipantFilters(),
    }
    return render(request, "events/participants.html", context)


@login_required
@require_POST
def check_in(request: HttpRequest, event_id: int, registration_id: int) -> HttpResponse:
    """Set one person present or absent; back to the same place in the list (or the row, htmx)."""
    event = selectors.get_event_for_organiser(request.user, event_id, change=True)
    registration = queries.registration_for_event(event, registration_id)
    form = CheckInForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Say whether the person is present."))
    back = _list_query(form.cleaned_data["back"])
    error = ""
    try:
        services.registration_check_in(actor=request.user, registration=registration,
                                       present=form.cleaned_data["present"])
    except ValidationError as exc:
        error = " ".join(exc.messages)
    if _is_htmx(request):
        waiting = registration.status == RegistrationStatus.WAITING
        positions = queries.waiting_positions(event) if waiting else {}
        row = queries.participant_rows([registration], positions)[0]
        context = {**_frame(request, event, "participants"), "row": row, "back": back,
                   "row_error": error, "counts": queries.participant_counts(event),
                   "oob": True}
        # 200 even with an error: htmx swaps only successful answers, and the row says why.
        return render(request, "events/_participants_row.html", context)
    if error:
        flash.error(request, error)
    elif form.cleaned_data["present"]:
        flash.success(request, _("Checked in."))
    else:
        flash.success(request, _("Check-in undone."))
    url = reverse("events:participants", args=[event.pk])
    return redirect(f"{url}{'?' + back if back else ''}#registration-{registration.pk}")


@login_required
@require_GET
def participants_export(request: HttpRequest, event_id: int, fmt: str) -> HttpResponse:
    """The list as the current filters show it, every page, as CSV or XLSX."""
    from sihub.actors.exports import csv_document, xlsx_document

    event = selectors.get_event_for_organiser(request.user, event_id)
    if fmt not in EXPORT_FORMATS:
        raise Http404
    _form, filters = _filters(request)
    rows = queries.participant_rows(queries.participants(event, filters),
                                    queries.waiting_positions(event))
    fields, records = queries.export_table(rows)
    services.participants_export_record(actor=request.user, event=event, fmt=fmt,
                                        rows=len(records))
    stem = f"{event.slug}-{_('participants')}-{timezone.localdate().isoformat()}"
    if fmt == "xlsx":
        sheet = _("Participants")[:31]
        response = HttpResponse(xlsx_document({sheet: (fields, records)}),
                                content_type=XLSX_TYPE)
    else:
        response = HttpResponse(csv_document(records, fields),
                                content_type="text/csv; charset=utf-8")
    # The slug may hold å, ä, ö: the header helper writes RFC 6266 filename* for those.
    response["Content-Disposition"] = content_disposition_header(True, f"{stem}.{fmt}")
    response["Cache-Control"] = "no-store"  # personal data: not kept in caches
    return response


# --- Messages --------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def messages(request: HttpRequest, event_id: int) -> HttpResponse:
    """Write to a group of participants: the form, a confirmation with the count, then send.

    POST ``action``: "preview" (default) shows whom it goes to, "edit" returns
    to the form, "send" sends.
    """
    event = selectors.get_event_for_organiser(request.user, event_id, change=True)
    sizes = queries.audience_sizes(event)
    action = request.POST.get("action", "preview") if request.method == "POST" else ""
    form = MessageForm(request.POST if action in ("preview", "send") else None, sizes=sizes)
    status = 200
    preview = None
    if action == "edit":
        form = MessageForm(initial={k: request.POST.get(k, "")
                                    for k in ("audience", "subject", "body")}, sizes=sizes)
    elif action in ("preview", "send"):
        if form.is_valid():
            data = form.cleaned_data
            if action == "send":
                try:
                    message = services.participants_message_send(
                        actor=request.user, event=event, audience=data["audience"],
                        subject=data["subject"], body=data["body"])
                except ValidationError as exc:
                    apply_validation_error(form, exc)
                else:
                    flash.success(request, ngettext(
                        "The message is being sent to %(count)d person.",
                        "The message is being sent to %(count)d people.",
                        message.recipients) % {"count": message.recipients})
                    return redirect("events:messages", event.pk)
            else:
                count = sizes.get(data["audience"], 0)
                if count:
                    preview = {**data, "count": count, "audience_label": dict(
                        queries.Audience.choices)[data["audience"]]}
                else:
                    form.add_error("audience", _("Nobody in this group can be written to."))
        if not preview:
            status = 400
    # "sent to N of M": N counts the receipts the task stamped, M the recipients chosen.
    sent = (ParticipantMessage.objects.filter(event=event).select_related("sent_by")
            .annotate(delivered=Count("receipts", filter=Q(receipts__sent_at__isnull=False)))
            .order_by("-sent_at"))
    context = {**_frame(request, event, "messages"), "form": form, "preview": preview,
               "sent_messages": sent, "audiences": dict(queries.Audience.choices),
               "summary": form.error_summary() if form.is_bound else []}
    return render(request, "events/messages.html", context, status=status)


# --- Statistics ------------------------------------------------------------------------------


@login_required
@require_GET
def statistics(request: HttpRequest, event_id: int) -> HttpResponse:
    """The sector mix of who signed up and who came, as a bar chart and a table."""
    event = selectors.get_event_for_organiser(request.user, event_id)
    mix = queries.event_sector_mix(event)
    columns: list[stats.Column] = [
        (_("Registered"), 0, [(r.confirmed_share, r.confirmed) for r in mix.rows])]
    if mix.waiting:
        columns.append((_("Waiting list"), 1, [(r.waiting_share, r.waiting) for r in mix.rows]))
    if mix.attended:  # before anyone is checked in, a column of empty bars says nothing
        columns.append((_("Came"), 2, [(r.attended_share, r.attended) for r in mix.rows]))
    chart = None if mix.is_empty else stats.mix_chart([r.label for r in mix.rows], columns)
    context = {**_frame(request, event, "statistics"), "mix": mix, "chart": chart,
               "started": event.start <= timezone.now()}
    return render(request, "events/statistics.html", context)
