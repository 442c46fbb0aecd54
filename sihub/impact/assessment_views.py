"""The self-assessment page and the printable report of one initiative.

Both follow the initiative's access rule (``selectors.get_initiative_for_user``):
404 for those who may not read it. The self-assessment form is for writers
only; readers (a published initiative's public, a team viewer) see the
latest result. Submitting goes through ``assessment_services`` (which checks
the rights again), then redirects.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sihub.impact import assessment_display, assessment_services, selectors
from sihub.impact.forms_assessment import SelfAssessmentForm
from sihub.impact.report import report_context


@require_http_methods(["GET", "HEAD", "POST"])
def assessment(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = selectors.get_initiative_for_user(user=request.user, pk=pk,
                                                   write=request.method == "POST")
    can_write = selectors.user_can_change_initiative(request.user, initiative)
    latest, previous = assessment_services.latest_two(initiative)
    status = 200
    form = None
    if request.method == "POST":
        form = SelfAssessmentForm(request.POST)
        if form.is_valid():
            try:
                assessment_services.self_assessment_submit(
                    initiative=initiative, user=request.user, answers=form.answers())
            except ValidationError as exc:  # the form checks the same; kept for safety
                for message in exc.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _("Your self-assessment has been saved."))
                return HttpResponseRedirect(
                    reverse("impact:assessment", args=[initiative.pk]) + "#result")
        status = 400
    elif can_write:
        form = SelfAssessmentForm(previous=latest.answers if latest else None)
    context = {
        "initiative": initiative,
        "can_write": can_write,
        "section": "assessment",
        "form": form,
        "latest": latest,
        "result": assessment_display.present_submission(latest, initiative=initiative,
                                                        previous=previous),
        "history_count": assessment_services.self_assessments_of(initiative).count(),
    }
    return render(request, "impact/assessment.html", context, status=status)


@require_http_methods(["GET", "HEAD"])
def report(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = selectors.get_initiative_for_user(user=request.user, pk=pk)
    context = {
        "initiative": initiative,
        "can_write": selectors.user_can_change_initiative(request.user, initiative),
        "section": "report",
        "today": timezone.localdate(),
        **report_context(initiative),
    }
    return render(request, "impact/report.html", context)
