"""Representatives: claim an organisation's profile, propose changes to it.

Nothing a member sends here changes a profile: claims and proposals wait for
an editor (the review queue in the admin, wagtail_hooks.py).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from sihub.actors.forms import ClaimForm, OfferingFormSet, ProposalForm, error_summary
from sihub.actors.moderation import (
    get_actor_for_claim,
    get_actor_for_representative,
    pending_claim,
    proposals_of,
    user_can_claim,
    user_represents,
    visible_contacts,
)
from sihub.actors.services import (
    AlreadyRepresentative,
    ClaimAlreadyPending,
    NothingChanged,
    claim_create,
    proposal_create,
)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def claim(request: HttpRequest, slug: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    actor = get_actor_for_claim(request.user, slug)
    context: dict[str, Any] = {"actor": actor}
    if user_represents(request.user, actor):
        return render(request, "actors/claim.html", {**context, "state": "representative"})
    if not user_can_claim(request.user):
        return render(request, "actors/claim.html", {**context, "state": "not_member"},
                      status=403)

    form = ClaimForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            claim_create(actor=actor, user=request.user, message=form.cleaned_data["message"])
        except ClaimAlreadyPending:
            messages.info(request, _("You have already asked to represent %(name)s. An editor "
                                     "will look at it soon; there is no need to ask again.")
                          % {"name": actor.name})
        except AlreadyRepresentative:  # approved between the page and the click
            pass
        else:
            messages.success(request, _("Thank you. An editor will check your request and you "
                                        "will see the answer on this page."))
        return HttpResponseRedirect(request.path)

    pending = pending_claim(request.user, actor)
    return render(request, "actors/claim.html", {
        **context, "state": "pending" if pending else "form", "pending": pending, "form": form,
        "summary": error_summary(form),
        "decided": actor.claims.filter(user=request.user).exclude(status="pending").first(),
    })


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def propose(request: HttpRequest, slug: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    try:
        actor = get_actor_for_representative(request.user, slug)
    except PermissionDenied:
        actor = get_actor_for_claim(request.user, slug)
        return render(request, "actors/propose.html", {
            "actor": actor, "forbidden": True, "can_claim": user_can_claim(request.user),
            "can_edit": request.user.has_perm("actors.change_actor"),
        }, status=403)

    data = request.POST if request.method == "POST" else None
    form = ProposalForm(data, actor=actor)
    formset = OfferingFormSet(data, actor=actor)
    if data is not None and form.is_valid() and formset.is_valid():
        try:
            proposal_create(actor=actor, user=request.user, values=form.values(),
                            offerings=formset.offerings(), comment=form.cleaned_data["comment"])
        except NothingChanged:
            form.add_error(None, _("You have not changed anything yet."))
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, _("Thank you. Your changes were sent to the editors; the "
                                        "profile changes when they approve them."))
            return HttpResponseRedirect(request.path)

    return render(request, "actors/propose.html", {
        "actor": actor, "form": form, "formset": formset,
        "summary": error_summary(form, formset),
        "proposals": proposals_of(request.user, actor)[:10],
        "contacts": visible_contacts(request.user, actor),
    })


def _add_service_errors(form: ProposalForm, error: ValidationError) -> None:
    """The model's own checks, found by the service, shown on the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)
