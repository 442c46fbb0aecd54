"""One's own event data without an account: ask for a link, then see, download or erase.

``my_data_request`` takes an e-mail address and always answers the same
("if we hold registrations for this address, we have sent it a link"), so
the form never tells whether someone signed up to anything. It ignores bots
that fill its hidden honeypot field and allows ``REQUEST_LIMIT`` posts per
client address an hour; ``privacy.my_data_request`` allows a few mails per
address a day.

``my_data`` is the page the link opens (valid 24 hours): the address's
registrations, a JSON download, and erasure after an explicit confirmation
(POST; a GET never changes anything, since mail programs open links on their
own). The audit log records that an export or an erasure happened, with
counts only — never the address.
"""

from __future__ import annotations

import json

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from sihub.core.i18n import current_language
from sihub.core.services import audit_record
from sihub.core.throttle import client_within_limit
from sihub.events import privacy
from sihub.events.forms_feedback import EraseConfirmForm, MyDataRequestForm

REQUEST_LIMIT = 10  # posts per client address an hour
EXPORTED = "events.my_data_exported"


def _rate_limited(request: HttpRequest) -> bool:
    return not client_within_limit(request, "events:my-data-request", limit=REQUEST_LIMIT)


@require_http_methods(["GET", "HEAD", "POST"])
def my_data_request(request: HttpRequest) -> HttpResponse:
    if request.method == "GET" and request.GET.get("sent"):
        return render(request, "events/my_data_request.html", {"sent": True})
    form = MyDataRequestForm(request.POST or None)
    if request.method == "POST":
        if _rate_limited(request):
            return render(request, "events/my_data_request.html", {"throttled": True},
                          status=429)
        if form.is_bot():
            return redirect(reverse("events:my_data_request") + "?sent=1")  # nothing done
        if form.is_valid():
            privacy.my_data_request(email=form.cleaned_data["email"],
                                    language=current_language())
            return redirect(reverse("events:my_data_request") + "?sent=1")
    return render(request, "events/my_data_request.html", {"form": form},
                  status=400 if form.is_bound and form.errors else 200)


def _download(request: HttpRequest, email: str) -> HttpResponse:
    data = privacy.export_for_email(email)
    audit_record(actor=request.user, action=EXPORTED,
                 data={"registrations": len(data["registrations"])})
    response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=2),
                            content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-event-registrations.json"'
    return response


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def my_data(request: HttpRequest, token: str) -> HttpResponse:
    try:
        email = privacy.email_from_token(token)
    except privacy.LinkExpired:
        return render(request, "events/my_data.html", {"state": "expired"}, status=410)
    except privacy.LinkInvalid:
        raise Http404("Invalid link") from None
    if email is None:
        return render(request, "events/my_data.html", {"state": "empty"})
    if request.method == "GET" and request.GET.get("download") == "json":
        return _download(request, email)
    form = None
    if request.method == "POST":
        form = EraseConfirmForm(request.POST)
    elif request.GET.get("step") == "erase":
        form = EraseConfirmForm()
    if form is not None and form.is_bound and form.is_valid():
        count = privacy.erase_for_email(email, actor=request.user)
        return render(request, "events/my_data.html", {"state": "erased", "count": count})
    return render(request, "events/my_data.html", {
        "state": "list", "token": token, "form": form,
        "registrations": privacy.registrations_for_page(email),
        "hours": int(privacy.LINK_MAX_AGE.total_seconds() // 3600),
    }, status=400 if form is not None and form.is_bound else 200)
