"""Members send in good examples through a route of the index page (models.py)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from sihub.cases.forms import CaseSubmissionForm
from sihub.cases.models import CaseIndexPage
from sihub.cases.selectors import user_can_submit_cases
from sihub.cases.services import SubmissionLimitReached, case_submit

SUBMITTED_FLAG = "submitted"  # ?submitted=1 on the form's URL shows the thank-you page


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def submit_case(request: HttpRequest, *, index_page: CaseIndexPage) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    context: dict[str, Any] = {"page": index_page, "self": index_page}
    if not user_can_submit_cases(request.user):
        return render(request, "cases/forbidden.html", context, status=403)
    form_url = index_page.get_url(request) + index_page.reverse_subpage("submit")

    if request.method == "POST":
        form = CaseSubmissionForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                case_submit(user=request.user, index_page=index_page,
                            data=form.submission_data())
            except SubmissionLimitReached as exc:
                form.add_error(None, _(
                    "You have sent in %(limit)s examples in the last 24 hours, which is the "
                    "most we accept. Please try again tomorrow.") % {"limit": exc.limit})
            else:
                return HttpResponseRedirect(f"{form_url}?{SUBMITTED_FLAG}=1")
    elif request.GET.get(SUBMITTED_FLAG) == "1":
        return render(request, "cases/submitted.html", context)
    else:
        form = CaseSubmissionForm(user=request.user)
    return render(request, "cases/submit.html", {**context, "form": form, "form_url": form_url})
