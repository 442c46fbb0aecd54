"""The shared work in a coalition's workspace: commitments, meetings, decisions, the
theory of change, linked initiatives and the export of members and commitments.

Every view has one shape: fetch the coalition with ``get_coalition_for_user``
(workspace access to read, contribute access to post), validate a form, call a
``work_services`` function (which checks permissions again), redirect. A POST
names its edit with ``action``.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.forms import Form, model_to_dict
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_safe

from sihub.coalitions import selectors
from sihub.coalitions import work_services as services
from sihub.coalitions.forms_work import (
    CommitmentFilterForm,
    CommitmentForm,
    CommitmentStatusForm,
    DecisionForm,
    DocumentForm,
    InitiativeLinkForm,
    MeetingForm,
)
from sihub.coalitions.models import Coalition, CoalitionMember, MemberStatus
from sihub.coalitions.selectors import Access
from sihub.core.forms import apply_validation_error

logger = logging.getLogger(__name__)

def _coalition(request: HttpRequest, pk: int) -> Coalition:
    access = Access.WORKSPACE if request.method in ("GET", "HEAD") else Access.CONTRIBUTE
    return selectors.get_coalition_for_user(user=request.user, pk=pk, access=access)


def _frame(request: HttpRequest, coalition: Coalition, section: str) -> dict[str, Any]:
    """What workspace_base.html needs, plus ``can_steward`` for the shared record."""
    can_manage = selectors.user_can_manage(request.user, coalition)
    member = selectors.membership_for(request.user, coalition)
    return {"coalition": coalition, "section": section, "can_manage": can_manage,
            "can_contribute": can_manage or member is not None,
            "can_steward": can_manage or (member is not None
                                          and member.role in selectors.STEWARD_ROLES),
            "own_member": member}


def _forbidden_action() -> HttpResponse:
    return HttpResponseBadRequest(_("Unknown action."))


# --- Commitments ----------------------------------------------------------------------------


def _editable_members(request: HttpRequest, coalition: Coalition, frame: dict[str, Any]) -> Any:
    """Whom the user may record commitments for: everyone (stewards) or their own organisation."""
    active = CoalitionMember.objects.filter(coalition=coalition, status=MemberStatus.ACTIVE)
    if frame["can_steward"]:
        return active.order_by("actor__name")
    own = frame["own_member"]
    return active.filter(pk=own.pk) if own is not None else active.none()


def _commitments_page(request: HttpRequest, coalition: Coalition, frame: dict[str, Any], *,
                      form: CommitmentForm | None = None, editing: Any = None,
                      status: int = 200) -> HttpResponse:
    today = timezone.localdate()
    members = CoalitionMember.objects.filter(coalition=coalition).filter(
        Q(status=MemberStatus.ACTIVE) | Q(commitments__isnull=False)).distinct().order_by(
        "actor__name")
    filters = CommitmentFilterForm(request.GET or None, members=members)
    rows = (coalition.commitments.select_related("member__actor")
            .order_by("member__actor__name", "member_id", "due_on", "pk"))
    if filters.is_valid():
        data = filters.cleaned_data
        if data.get("member"):
            rows = rows.filter(member=data["member"])
        if data.get("status"):
            rows = rows.filter(status=data["status"])
        if data.get("overdue"):
            rows = rows.filter(services.overdue_q(today))
    groups, totals = services.commitment_groups(rows, user=request.user, coalition=coalition,
                                                today=today)
    editable = _editable_members(request, coalition, frame)
    if form is None and frame["can_contribute"]:
        form = CommitmentForm(members=editable)
    context = {**frame, "filters": filters, "groups": groups, "totals": totals, "form": form,
               "editing": editing, "can_add": frame["can_contribute"] and editable.exists(),
               "summary": form.error_summary() if form is not None and form.is_bound else [],
               "status_choices": CommitmentStatusForm().fields["status"].choices,
               "filtered": filters.is_bound}
    return render(request, "coalitions/commitments.html", context, status=status)


@require_http_methods(["GET", "POST"])
def commitments(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the commitments by member, with filters and totals (``?edit=ID`` opens one).
    POST ``action``: create, update, status, delete."""
    coalition = _coalition(request, pk)
    frame = _frame(request, coalition, "commitments")
    here = reverse("coalitions:commitments", args=[coalition.pk])
    if request.method == "GET":
        editing = None
        form = None
        if request.GET.get("edit") and frame["can_contribute"]:
            editing = services.commitment_of(coalition, request.GET["edit"])
            if not services.can_edit_commitments_of(request.user, coalition, editing.member):
                raise Http404
            form = CommitmentForm(members=_editable_members(request, coalition, frame),
                                  initial=model_to_dict(editing, fields=services.COMMITMENT_FIELDS))
        return _commitments_page(request, coalition, frame, form=form, editing=editing)

    action = request.POST.get("action", "")
    members = _editable_members(request, coalition, frame)
    if action in ("create", "update"):
        editing = (services.commitment_of(coalition, request.POST.get("commitment"))
                   if action == "update" else None)
        form = CommitmentForm(request.POST, members=members)
        if form.is_valid():
            try:
                if editing is None:
                    services.commitment_create(user=request.user, coalition=coalition,
                                               **form.cleaned_data)
                else:
                    services.commitment_update(user=request.user, commitment=editing,
                                               fields=form.cleaned_data)
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                messages.success(request, _("The commitment was saved."))
                return redirect(here)
        return _commitments_page(request, coalition, frame, form=form, editing=editing,
                                 status=400)
    if action == "status":
        commitment = services.commitment_of(coalition, request.POST.get("commitment"))
        status_form = CommitmentStatusForm(request.POST)
        if not status_form.is_valid():
            return HttpResponseBadRequest(_("Choose a valid status."))
        services.commitment_set_status(user=request.user, commitment=commitment,
                                       status=status_form.cleaned_data["status"])
        messages.success(request, _("The status was changed."))
        return redirect(here)
    if action == "delete":
        commitment = services.commitment_of(coalition, request.POST.get("commitment"))
        services.commitment_delete(user=request.user, commitment=commitment)
        messages.success(request, _("The commitment was deleted."))
        return redirect(here)
    return _forbidden_action()


# --- Meetings and decisions ----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def meetings(request: HttpRequest, pk: int) -> HttpResponse:
    """Upcoming meetings first (soonest first), then past ones (latest first); stewards add."""
    coalition = _coalition(request, pk)
    frame = _frame(request, coalition, "meetings")
    form = None
    if request.method == "POST":
        services.require_steward(request.user, coalition)
        if request.POST.get("action") != "create":
            return _forbidden_action()
        form = MeetingForm(request.POST)
        if form.is_valid():
            try:
                meeting = services.meeting_create(user=request.user, coalition=coalition,
                                                  **form.cleaned_data)
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                messages.success(request, _("The meeting was added."))
                return redirect("coalitions:meeting", coalition.pk, meeting.pk)
    now = timezone.now()
    all_meetings = coalition.meetings.annotate(decision_count=Count("decisions", distinct=True),
                                               document_count=Count("documents", distinct=True))
    context = {
        **frame,
        "upcoming": list(all_meetings.filter(starts_at__gte=now).order_by("starts_at", "pk")),
        "past": list(all_meetings.filter(starts_at__lt=now).order_by("-starts_at", "-pk")),
        "form": form or (MeetingForm() if frame["can_steward"] else None),
        "summary": form.error_summary() if form is not None else [],
    }
    return render(request, "coalitions/meetings.html", context,
                  status=400 if form is not None else 200)


def _meeting_page(request: HttpRequest, coalition: Coalition, meeting: Any,
                  frame: dict[str, Any], *, forms: dict[str, Form] | None = None,
                  status: int = 200) -> HttpResponse:
    forms = forms or {}
    if frame["can_steward"]:
        forms = {"meeting": MeetingForm(instance=meeting), "decision": DecisionForm(),
                 "document": DocumentForm(), **forms}
    summary = [item for f in forms.values() if f.is_bound for item in f.error_summary()]
    context = {**frame, "meeting": meeting, "forms": forms, "summary": summary,
               "decisions": list(meeting.decisions.order_by("decided_on", "pk")),
               "documents": list(meeting.documents.order_by("title", "pk"))}
    return render(request, "coalitions/meeting.html", context, status=status)


@require_http_methods(["GET", "POST"])
def meeting(request: HttpRequest, pk: int, meeting_pk: int) -> HttpResponse:
    """One meeting: agenda, notes, its decisions and documents. POST ``action`` (stewards):
    update, delete, decision, delete_decision, document, remove_document."""
    coalition = _coalition(request, pk)
    frame = _frame(request, coalition, "meetings")
    the_meeting = services.meeting_of(coalition, meeting_pk)
    if request.method == "GET":
        return _meeting_page(request, coalition, the_meeting, frame)

    services.require_steward(request.user, coalition)
    here = reverse("coalitions:meeting", args=[coalition.pk, the_meeting.pk])
    action = request.POST.get("action", "")
    if action == "update":
        form: Any = MeetingForm(request.POST)
        if form.is_valid():
            try:
                services.meeting_update(user=request.user, meeting=the_meeting,
                                        fields=form.cleaned_data)
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                messages.success(request, _("The meeting was saved."))
                return redirect(here)
        the_meeting = services.meeting_of(coalition, meeting_pk)  # unsaved edits not shown as saved
        return _meeting_page(request, coalition, the_meeting, frame, forms={"meeting": form},
                             status=400)
    if action == "delete":
        services.meeting_delete(user=request.user, meeting=the_meeting)
        messages.success(request, _("The meeting was deleted."))
        return redirect("coalitions:meetings", coalition.pk)
    if action == "decision":
        form = DecisionForm(request.POST)
        if form.is_valid():
            try:
                services.decision_record(user=request.user, coalition=coalition,
                                         meeting=the_meeting, **form.cleaned_data)
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                messages.success(request, _("The decision was recorded."))
                return redirect(here)
        return _meeting_page(request, coalition, the_meeting, frame, forms={"decision": form},
                             status=400)
    if action == "delete_decision":
        decision = services.decision_of(coalition, request.POST.get("decision"))
        services.decision_delete(user=request.user, decision=decision)
        messages.success(request, _("The decision was deleted."))
        return redirect(here)
    if action == "document":
        form = DocumentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.meeting_document_add(user=request.user, meeting=the_meeting,
                                              **form.cleaned_data)
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                messages.success(request, _("The document was attached."))
                return redirect(here)
        return _meeting_page(request, coalition, the_meeting, frame, forms={"document": form},
                             status=400)
    if action == "remove_document":
        document = the_meeting.documents.filter(
            pk=_int(request.POST.get("document"))).first()
        if document is None:
            raise Http404
        services.meeting_document_remove(user=request.user, meeting=the_meeting,
                                         document=document)
        messages.success(request, _("The document was removed."))
        return redirect(here)
    return _forbidden_action()


@require_safe
def document(request: HttpRequest, pk: int, document_id: int) -> HttpResponse:
    """Download a meeting document of the coalition: workspace readers only.

    Wagtail's own serve URL would give it to any logged-in account (the collection
    is only login-restricted), so the meeting page links here. Anyone else gets
    404 whether or not the coalition or document exists; the anonymous are sent
    to log in first (before any lookup, so that tells nothing either).
    """
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    coalition = Coalition.objects.filter(pk=pk).first()
    if coalition is None or not selectors.user_can_enter_workspace(request.user, coalition):
        raise Http404
    doc = selectors.meeting_document_of(coalition, document_id)
    if doc is None:
        raise Http404
    try:
        handle = doc.file.open("rb")
    except (FileNotFoundError, ValueError):
        logger.warning("Coalition document %s has no file on disk", doc.pk)
        raise Http404 from None
    extension = doc.file_extension.lower()
    name = f"{slugify(doc.title) or 'document'}.{extension}" if extension else doc.filename
    response = FileResponse(handle, as_attachment=True, filename=name,
                            content_type=doc.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    patch_cache_control(response, private=True, no_store=True)
    return response


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@require_http_methods(["GET", "POST"])
def decisions(request: HttpRequest, pk: int) -> HttpResponse:
    """The decisions log, oldest first, one year at a time (``?year=``; default all years)."""
    coalition = _coalition(request, pk)
    frame = _frame(request, coalition, "decisions")
    here = reverse("coalitions:decisions", args=[coalition.pk])
    meetings_qs = coalition.meetings.order_by("-starts_at")
    form = None
    if request.method == "POST":
        services.require_steward(request.user, coalition)
        action = request.POST.get("action", "")
        if action == "delete":
            decision = services.decision_of(coalition, request.POST.get("decision"))
            services.decision_delete(user=request.user, decision=decision)
            messages.success(request, _("The decision was deleted."))
            return redirect(here)
        if action != "create":
            return _forbidden_action()
        form = DecisionForm(request.POST, meetings=meetings_qs)
        if form.is_valid():
            try:
                services.decision_record(user=request.user, coalition=coalition,
                                         **form.cleaned_data)
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                messages.success(request, _("The decision was recorded."))
                return redirect(here)
    years = [d.year for d in coalition.decisions.dates("decided_on", "year", order="DESC")]
    year = _int(request.GET.get("year"))
    entries = coalition.decisions.select_related("meeting").order_by("decided_on", "pk")
    if year is not None:
        entries = entries.filter(decided_on__year=year)
    context = {**frame, "decisions": list(entries), "years": years, "year": year,
               "form": form or (DecisionForm(meetings=meetings_qs) if frame["can_steward"]
                                else None),
               "summary": form.error_summary() if form is not None else []}
    return render(request, "coalitions/decisions.html", context,
                  status=400 if form is not None else 200)


# --- The theory of change --------------------------------------------------------------------


def _toc_page(request: HttpRequest, coalition: Coalition, frame: dict[str, Any], *,
              forms: dict[str, Form] | None = None, summary: list[tuple[str, str]] | None = None,
              status: int = 200) -> HttpResponse:
    from sihub.impact.forms_toc import ElementForm, LinkForm
    from sihub.impact.toc_views import diagram_for

    toc = coalition.theory_of_change
    if toc is not None and frame["can_steward"]:
        # outcomes=None: a coalition's theory stands for no initiative's value map.
        forms = {"element": ElementForm(outcomes=None), "link": LinkForm(toc=toc),
                 **(forms or {})}
    diagram = diagram_for(toc) if toc is not None else None
    context = {**frame, "toc": toc, "diagram": diagram, "forms": forms or {},
               "summary": summary or [],
               "elements": list(toc.elements.all()) if toc is not None else [],
               "links": list(toc.links.select_related("source", "target"))
               if toc is not None else []}
    return render(request, "coalitions/toc.html", context, status=status)


@require_http_methods(["GET", "POST"])
def toc(request: HttpRequest, pk: int) -> HttpResponse:
    """The coalition's shared theory of change (impact's diagram); stewards edit it.
    POST ``action``: create, add_element, add_link, delete_element, remove_link."""
    from sihub.impact.forms_toc import ElementDeleteForm, ElementForm, LinkForm, LinkRemoveForm

    coalition = _coalition(request, pk)
    frame = _frame(request, coalition, "toc")
    if request.method == "GET":
        return _toc_page(request, coalition, frame)

    services.require_steward(request.user, coalition)
    here = reverse("coalitions:toc", args=[coalition.pk])
    action = request.POST.get("action", "")
    if action == "create":
        try:
            services.coalition_toc_create(user=request.user, coalition=coalition)
        except ValidationError:
            messages.info(request, _("This coalition already has a theory of change."))
        else:
            messages.success(request, _("The theory of change was created."))
        return redirect(here)
    theory = coalition.theory_of_change
    if theory is None:
        messages.error(request, _("Create the theory of change first."))
        return redirect(here)
    if action == "add_element":
        form: Any = ElementForm(request.POST, outcomes=None)
        if form.is_valid():
            try:
                services.coalition_toc_element_add(user=request.user, coalition=coalition,
                                                   kind=form.cleaned_data["kind"],
                                                   text=form.cleaned_data["text"])
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                messages.success(request, _("The element was added."))
                return redirect(here)
        return _toc_page(request, coalition, frame, forms={"element": form},
                         summary=form.error_summary(), status=400)
    if action == "add_link":
        form = LinkForm(request.POST, toc=theory)
        if form.is_valid():
            try:
                services.coalition_toc_link_add(user=request.user, coalition=coalition,
                                                **form.cleaned_data)
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                messages.success(request, _("The link was added."))
                return redirect(here)
        return _toc_page(request, coalition, frame, forms={"link": form},
                         summary=form.error_summary(), status=400)
    if action == "delete_element":
        form = ElementDeleteForm(request.POST, toc=theory)
        if form.is_valid():
            services.coalition_toc_element_delete(user=request.user, coalition=coalition,
                                                  element=form.cleaned_data["element"])
            messages.success(request, _("The element and its links were deleted."))
            return redirect(here)
        return _toc_page(request, coalition, frame, status=400, summary=[
            ("", _("That element is not in this theory of change (any more)."))])
    if action == "remove_link":
        form = LinkRemoveForm(request.POST, toc=theory)
        if form.is_valid():
            services.coalition_toc_link_remove(user=request.user, coalition=coalition,
                                               link=form.cleaned_data["link"])
            messages.success(request, _("The link was removed."))
            return redirect(here)
        return _toc_page(request, coalition, frame, status=400, summary=[
            ("", _("That link is not in this theory of change (any more)."))])
    return _forbidden_action()


# --- Linked initiatives ----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def initiatives(request: HttpRequest, pk: int) -> HttpResponse:
    """The linked initiatives the viewer may read; stewards link those they can see."""
    from sihub.impact.selectors import initiatives_visible_to

    coalition = _coalition(request, pk)
    frame = _frame(request, coalition, "initiatives")
    here = reverse("coalitions:initiatives", args=[coalition.pk])
    linked = services.linked_initiatives_visible_to(request.user, coalition)
    candidates = (initiatives_visible_to(request.user)
                  .exclude(pk__in=coalition.initiatives.values("pk")).order_by("title"))
    form = None
    if request.method == "POST":
        services.require_steward(request.user, coalition)
        action = request.POST.get("action", "")
        if action == "unlink":
            initiative = linked.filter(pk=_int(request.POST.get("initiative"))).first()
            if initiative is None:
                raise Http404
            services.initiative_unlink(user=request.user, coalition=coalition,
                                       initiative=initiative)
            messages.success(request, _("The initiative was unlinked."))
            return redirect(here)
        if action != "link":
            return _forbidden_action()
        form = InitiativeLinkForm(request.POST, initiatives=candidates)
        if form.is_valid():
            try:
                services.initiative_link(user=request.user, coalition=coalition,
                                         initiative=form.cleaned_data["initiative"])
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                messages.success(request, _("The initiative was linked."))
                return redirect(here)
    if form is None and frame["can_steward"]:
        form = InitiativeLinkForm(initiatives=candidates)
    context = {**frame, "initiatives": list(linked), "form": form,
               "has_candidates": frame["can_steward"] and candidates.exists(),
               "summary": form.error_summary() if form is not None and form.is_bound else []}
    return render(request, "coalitions/initiatives.html", context,
                  status=400 if form is not None and form.is_bound else 200)


# --- Export ---------------------------------------------------------------------------------

EXPORT_WHAT = ("members", "commitments")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_GET
def export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """Members and commitments as CSV (``?what=members|commitments``) or XLSX (both sheets).

    Workspace readers only; the contact people's names and e-mail addresses go
    to managers only.
    """
    from sihub.actors.exports import csv_document, xlsx_document

    if fmt not in ("csv", "xlsx"):
        raise Http404
    coalition = _coalition(request, pk)
    today: date = timezone.localdate()
    members = services.member_records(
        coalition, with_contacts=selectors.user_can_manage(request.user, coalition))
    commitment_rows = services.commitment_records(coalition, today=today)
    stem = f"{coalition.slug}-{today.isoformat()}"
    if fmt == "xlsx":
        body = xlsx_document({"members": members, "commitments": commitment_rows})
        response = HttpResponse(body, content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{stem}.xlsx"'
        return response
    what = request.GET.get("what", "members")
    if what not in EXPORT_WHAT:
        raise Http404
    fields, records = members if what == "members" else commitment_rows
    response = HttpResponse(csv_document(records, fields), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{stem}-{what}.csv"'
    return response

