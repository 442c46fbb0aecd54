"""After the event: the participant's feedback form, the results, and the outcomes.

* ``feedback`` — reached by the registration's signed link (no account);
  open once the event has started, to people who had a place. Sending it
  again updates the answers (one response per registration).
* ``feedback_results`` — organisers and analysts
  (``selectors.user_can_view_feedback``): figures, the 1–5 distribution as
  SVG bars and a table, and the free-text answers without names.
* ``outcomes`` — organisers and analysts read; organisers
  (``selectors.user_can_organise``) add and delete. Outcomes link onward to
  coalitions and initiatives, shown only to those who may see them.

Every view has one shape: permission → form → service → redirect or render.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from sihub.events import feedback_selectors, feedback_services, selectors
from sihub.events.feedback_stats import rating_chart
from sihub.events.forms_feedback import FeedbackForm, OutcomeForm
from sihub.events.models import EventPage
from sihub.events.tokens import registration_from_token

# --- The participant's form ---------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def feedback(request: HttpRequest, token: str) -> HttpResponse:
    registration = registration_from_token(token)
    event = registration.event
    context: dict[str, Any] = {"event": event, "token": token}
    refusal = feedback_services.feedback_refusal(registration)
    if refusal:
        context["refusal"] = feedback_services.ERROR_MESSAGES[refusal]
        return render(request, "events/feedback.html", context, status=403)
    existing = getattr(registration, "feedback", None)
    if request.method == "GET" and request.GET.get("sent") and existing is not None:
        return render(request, "events/feedback.html", {**context, "thanks": True})
    form = FeedbackForm(request.POST or None, initial=FeedbackForm.initial_from(existing))
    if request.method == "POST" and form.is_valid():
        try:
            feedback_services.feedback_submit(registration=registration, **form.answers())
        except feedback_services.FeedbackError as exc:  # the event changed meanwhile
            form.add_error(None, exc.message)
        else:
            return redirect(reverse("events:feedback", args=[token]) + "?sent=1")
    return render(request, "events/feedback.html",
                  {**context, "form": form, "updating": existing is not None},
                  status=400 if form.is_bound and form.errors else 200)


# --- Organisers and analysts --------------------------------------------------------------


def _frame(request: HttpRequest, event: EventPage, section: str) -> dict[str, Any]:
    """What ``events/organiser_base.html`` needs."""
    return {"event": event, "section": section,
            "can_organise": selectors.user_can_organise(request.user, event)}


@login_required
@require_safe
def feedback_results(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.get_event(event_id)
    if not selectors.user_can_view_feedback(request.user, event):
        raise PermissionDenied
    summary = feedback_selectors.feedback_summary(event)
    return render(request, "events/feedback_results.html", {
        **_frame(request, event, "feedback_results"),
        "summary": summary,
        "chart": rating_chart(summary.distribution) if summary.responses else None,
        "answers": feedback_selectors.free_text_answers(event),
    })


def _outcome_form(request: HttpRequest, data: Any = None) -> OutcomeForm:
    return OutcomeForm(data, coalitions=feedback_selectors.linkable_coalitions(request.user),
                       initiatives=feedback_selectors.linkable_initiatives(request.user))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def outcomes(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.get_event(event_id)
    if not feedback_selectors.user_can_view_outcomes(request.user, event):
        raise PermissionDenied
    frame = _frame(request, event, "outcomes")
    form = _outcome_form(request) if frame["can_organise"] else None
    if request.method == "POST":
        if not frame["can_organise"]:
            raise PermissionDenied
        if request.POST.get("action") == "delete":
            outcome = feedback_selectors.get_outcome(event, request.POST.get("outcome", ""))
            if outcome is None:
                raise Http404
            feedback_services.outcome_delete(actor=request.user, outcome=outcome)
            messages.success(request, _("The outcome was removed."))
            return redirect("events:outcomes", event.pk)
        form = _outcome_form(request, request.POST)
        if form.is_valid():
            try:
                feedback_services.outcome_add(actor=request.user, event=event,
                                              **form.cleaned_data)
            except feedback_services.FeedbackError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("The outcome was recorded."))
                return redirect("events:outcomes", event.pk)
    rows = list(feedback_selectors.outcomes_of(event))
    coalitions, initiatives = feedback_selectors.visible_link_ids(request.user, rows)
    items = [{"outcome": o, "coalition": o.coalition if o.coalition_id in coalitions else None,
              "initiative": o.initiative if o.initiative_id in initiatives else None,
              "hidden_link": bool((o.coalition_id and o.coalition_id not in coalitions)
                                  or (o.initiative_id and o.initiative_id not in initiatives))}
             for o in rows]
    return render(request, "events/outcomes.html", {**frame, "items": items, "form": form},
                  status=400 if form is not None and form.is_bound and form.errors else 200)
