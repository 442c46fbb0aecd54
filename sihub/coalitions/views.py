"""Coalitions: the public list and page, the form, the workspace overview, phases, members.

Every view of one coalition fetches it with ``selectors.get_coalition_for_user``
(404 when the user may not know it, 403 when the access asked is too much)
and writes through ``services``, which check the same rule again. POSTs
redirect (PRG) with a message; an invalid form is shown again with status 400
and an error summary. Contact persons' names and e-mails appear only inside
the workspace, never on the public page.
"""

from __future__ import annotations

from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from sihub.actors.models import OfferingKind
from sihub.coalitions import selectors, services
from sihub.coalitions.balance import coalition_balance
from sihub.coalitions.forms import (
    CoalitionForm,
    MemberInviteForm,
    MemberRemoveForm,
    MemberRoleForm,
    PhaseChangeForm,
)
from sihub.coalitions.models import (
    OPEN_COMMITMENT_STATUSES,
    Coalition,
    CoalitionMember,
    Commitment,
    Meeting,
    MemberStatus,
    Phase,
)
from sihub.coalitions.selectors import Access
from sihub.core import facets as facet_lib
from sihub.core.forms import apply_validation_error
from sihub.core.i18n import current_language
from sihub.core.models import County
from sihub.sdg.models import Goal

PER_PAGE = 20
MINE_LIMIT = 50
CARD_PREFETCH = ("sdgs", "counties")


def _invalid(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    """An invalid form, shown again with its error summary (400: nothing was saved)."""
    return render(request, template, context, status=400)


def login_when_denied(view: Any) -> Any:
    """An anonymous visitor refused a workspace page is asked to log in (not shown a 403).

    A coalition the visitor may not know still gives 404 (the selector raises
    Http404 before PermissionDenied), so the login page reveals nothing.
    """
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied:
            if request.user.is_authenticated:
                raise
            return redirect_to_login(request.get_full_path())
    return wrapped


def _workspace_context(request: HttpRequest, coalition: Coalition, section: str,
                       **extra: Any) -> dict[str, Any]:
    """What workspace_base.html needs, plus the page's own context."""
    user = request.user
    can_manage = selectors.user_can_manage(user, coalition)
    return {"coalition": coalition, "section": section, "can_manage": can_manage,
            "can_contribute": can_manage or selectors.membership_for(user, coalition) is not None,
            **extra}


def phase_steps(coalition: Coalition) -> list[dict[str, Any]]:
    """The six phases for the phase track: label, and done / current / to come."""
    current = coalition.phase_index
    return [{"value": value, "label": label, "number": i + 1,
             "state": "done" if i < current else "current" if i == current else "todo"}
            for i, (value, label) in enumerate(Phase.choices)]


# --- The public list ----------------------------------------------------------------------


def _once(load: Any) -> Any:
    """Facet options read once per request, however often the facet helpers ask."""
    cache: list[list[tuple[Any, str]]] = []

    def options() -> list[tuple[Any, str]]:
        if not cache:
            cache.append(list(load()))
        return cache[0]
    return options


def coalition_facets() -> list[facet_lib.Facet]:
    lang = current_language()
    return [
        facet_lib.Facet("phase", gettext_lazy("Phase"), "phase", lambda: list(Phase.choices)),
        facet_lib.Facet("sdg", gettext_lazy("Global goal"), "sdgs__number",
                        _once(lambda: [(g.number, str(g))
                                       for g in Goal.objects.order_by("number")]), cast=int),
        facet_lib.Facet("county", gettext_lazy("County"), "counties__code",
                        _once(lambda: County.objects.order_by("code").values_list(
                            "code", f"name_{lang}"))),
    ]


def _cards(queryset: QuerySet[Coalition]) -> QuerySet[Coalition]:
    return queryset.prefetch_related(*CARD_PREFETCH).annotate(
        active_members=Count("members", filter=_active_member_filter(), distinct=True))


def _active_member_filter() -> Q:
    return Q(members__status=MemberStatus.ACTIVE)


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    """Published coalitions, filtered by phase, goal and county; plus one's own."""
    params = request.GET
    facets = coalition_facets()
    base = Coalition.objects.filter(is_public=True)
    filtered = facet_lib.apply(base, facets, params)
    # Paginate ids, then load one page of rows with what the cards show.
    page = Paginator(filtered.order_by("title", "pk").values_list("pk", flat=True),
                     PER_PAGE).get_page(params.get("page"))
    ids = list(page.object_list)
    rows = {c.pk: c for c in _cards(Coalition.objects.filter(pk__in=ids))}
    page.object_list = [rows[pk] for pk in ids if pk in rows]
    query = params.copy()
    query.pop("page", None)
    user = request.user
    unpublished: list[Coalition] = []
    if user.is_authenticated and user.has_perm(selectors.VIEW_ALL):
        # Staff find the coalitions not yet published here too.
        unpublished = list(_cards(Coalition.objects.filter(is_public=False))
                           .order_by("title", "pk")[:MINE_LIMIT])
    context = {
        "results": page,
        "facet_results": facet_lib.counts(base, facets, params),
        "filter_query": query.urlencode(),
        "any_filter": any(f.selected(params) for f in facets),
        "mine": list(_cards(selectors.coalitions_of_member(user))
                     .order_by("title", "pk")[:MINE_LIMIT]),
        "unpublished": unpublished,
        "can_create": selectors.user_can_create(user),
    }
    return render(request, "coalitions/index.html", context)


# --- The public page ----------------------------------------------------------------------


@require_safe
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The public page: challenge, vision, goals, region, phase, member organisations, results."""
    user = request.user
    coalition = selectors.get_coalition_for_user(user=user, pk=pk, access=Access.PUBLIC)
    # Organisations only: who their contact persons are is for the workspace.
    members = list(coalition.members.filter(status=MemberStatus.ACTIVE)
                   .select_related("actor", "actor__sector").order_by("actor__name"))
    offering_labels = dict(OfferingKind.choices)
    context = {
        "coalition": coalition,
        "steps": phase_steps(coalition),
        "members": members,
        "sdgs": list(coalition.sdgs.order_by("number")),
        "counties": list(coalition.counties.all()),
        "municipalities": list(coalition.municipalities.all()),
        "needed": [offering_labels[k] for k in coalition.needed_offering_kinds
                   if k in offering_labels],
        "can_enter_workspace": selectors.user_can_enter_workspace(user, coalition),
        "can_manage": selectors.user_can_manage(user, coalition),
    }
    return render(request, "coalitions/detail.html", context)


# --- Create and edit ----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    if not selectors.user_can_create(request.user):
        raise PermissionDenied
    form = CoalitionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields, m2m = form.values()
        try:
            with transaction.atomic():
                coalition = services.coalition_create(user=request.user, fields=fields, m2m=m2m)
                if form.cleaned_data["is_public"]:
                    services.coalition_publish(coalition=coalition, user=request.user)
        except ValidationError as error:
            apply_validation_error(form, error)
        except services.CoalitionError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The coalition was created."))
            return redirect("coalitions:workspace", pk=coalition.pk)
    context = {"form": form, "summary": form.error_summary() if form.is_bound else []}
    if form.is_bound:
        return _invalid(request, "coalitions/create.html", context)
    return render(request, "coalitions/create.html", context)


@login_when_denied
@require_http_methods(["GET", "HEAD", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    coalition = selectors.get_coalition_for_user(user=user, pk=pk, access=Access.MANAGE)
    form = CoalitionForm(request.POST or None, coalition=coalition)
    if request.method == "POST" and form.is_valid():
        fields, m2m = form.values()
        try:
            with transaction.atomic():  # the text and its publishing, together or not at all
                services.coalition_update(coalition=coalition, user=user, fields=fields,
                                          m2m=m2m)
                if form.cleaned_data["is_public"]:
                    services.coalition_publish(coalition=coalition, user=user)
                else:
                    services.coalition_unpublish(coalition=coalition, user=user)
        except ValidationError as error:
            apply_validation_error(form, error)
        except services.CoalitionError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The coalition was saved."))
            return redirect("coalitions:workspace", pk=coalition.pk)
    context = _workspace_context(request, coalition, "workspace", form=form,
                                 summary=form.error_summary() if form.is_bound else [])
    if form.is_bound:
        return _invalid(request, "coalitions/edit.html", context)
    return render(request, "coalitions/edit.html", context)


# --- The workspace overview ---------------------------------------------------------------


def sector_counts(coalition: Coalition) -> list[dict[str, Any]]:
    """Active members per sector, largest first (the full balance is ``balance.py``'s)."""
    rows = (coalition.members.filter(status=MemberStatus.ACTIVE)
            .values("actor__sector__slug", f"actor__sector__name_{current_language()}")
            .annotate(n=Count("pk")).order_by("-n", "actor__sector__slug"))
    return [{"slug": r["actor__sector__slug"],
             "name": r[f"actor__sector__name_{current_language()}"], "count": r["n"]}
            for r in rows]


@login_when_denied
@require_safe
def workspace(request: HttpRequest, pk: int) -> HttpResponse:
    coalition = selectors.get_coalition_for_user(user=request.user, pk=pk,
                                                 access=Access.WORKSPACE)
    today = timezone.localdate()
    by_status = dict(coalition.members.values_list("status").annotate(n=Count("pk")))
    context = _workspace_context(
        request, coalition, "workspace",
        steps=phase_steps(coalition),
        balance=coalition_balance(coalition),
        active_count=by_status.get(MemberStatus.ACTIVE, 0),
        invited_count=by_status.get(MemberStatus.INVITED, 0),
        upcoming_meetings=Meeting.objects.filter(coalition=coalition,
                                                 starts_at__gte=timezone.now()).count(),
        overdue_commitments=Commitment.objects.filter(
            coalition=coalition, status__in=OPEN_COMMITMENT_STATUSES, due_on__lt=today).count(),
        open_commitments=Commitment.objects.filter(
            coalition=coalition, status__in=OPEN_COMMITMENT_STATUSES).count(),
        last_change=coalition.phase_changes.order_by("-decided_on", "-created_at", "-pk").first(),
    )
    return render(request, "coalitions/workspace.html", context)


# --- Phases -------------------------------------------------------------------------------


@login_when_denied
@require_http_methods(["GET", "HEAD", "POST"])
def phase(request: HttpRequest, pk: int) -> HttpResponse:
    """The dated history of phase changes; managers move the coalition to another phase."""
    user = request.user
    access = Access.MANAGE if request.method == "POST" else Access.WORKSPACE
    coalition = selectors.get_coalition_for_user(user=user, pk=pk, access=access)
    can_manage = selectors.user_can_manage(user, coalition)
    form = PhaseChangeForm(request.POST or None, coalition=coalition) if can_manage else None
    if request.method == "POST" and form is not None and form.is_valid():
        data = form.cleaned_data
        try:
            services.phase_change(coalition=coalition, user=user, to_phase=data["to_phase"],
                                  decision=data["decision"], decided_on=data["decided_on"])
        except ValidationError as error:
            apply_validation_error(form, error)
        except services.CoalitionError as error:
            field = {"same_phase": "to_phase", "unknown_phase": "to_phase",
                     "decision_required": "decision"}.get(error.code)
            form.add_error(field, error.message)
        else:
            messages.success(request, _("The coalition is now in the phase %(phase)s.") % {
                "phase": coalition.get_phase_display()})
            return redirect("coalitions:phase", pk=coalition.pk)
    history = list(coalition.phase_changes.order_by("-decided_on", "-created_at", "-pk"))
    context = _workspace_context(
        request, coalition, "phase", steps=phase_steps(coalition), history=history, form=form,
        summary=form.error_summary() if form is not None and form.is_bound else [])
    if form is not None and form.is_bound:
        return _invalid(request, "coalitions/phase.html", context)
    return render(request, "coalitions/phase.html", context)


# --- Members ------------------------------------------------------------------------------


def _member(coalition: Coalition, member_id: Any) -> CoalitionMember:
    member = CoalitionMember.objects.filter(coalition=coalition, pk=member_id).first()
    if member is None:
        raise Http404("No such member")
    return member


def _members_context(request: HttpRequest, coalition: Coalition, *,
                     invite_form: MemberInviteForm | None = None) -> dict[str, Any]:
    rows = list(coalition.members.select_related("actor", "actor__sector", "contact")
                .order_by("actor__name"))
    context = _workspace_context(request, coalition, "members")
    current = [m for m in rows if m.status in services.CURRENT_STATUSES]
    context.update({
        "current_members": current,
        "former_members": [m for m in rows if m.status not in services.CURRENT_STATUSES],
        "sectors": sector_counts(coalition),
    })
    if context["can_manage"]:
        # "Invite" on the suggestions page names the actor to preselect.
        invite_form = invite_form or MemberInviteForm(
            coalition=coalition, prefix="invite",
            initial={"actor": request.GET.get("actor", "")[:20] or None})
        context["invite_form"] = invite_form
        context["summary"] = invite_form.error_summary() if invite_form.is_bound else []
        context["role_forms"] = {
            m.pk: MemberRoleForm(prefix=f"m{m.pk}", initial={"member": m.pk, "role": m.role})
            for m in current}
        for m in current:
            m.role_form = context["role_forms"][m.pk]
    return context


@login_when_denied
@require_http_methods(["GET", "HEAD", "POST"])
def members(request: HttpRequest, pk: int) -> HttpResponse:
    """The members with role, status and contact; managers invite, change roles, remove."""
    user = request.user
    access = Access.MANAGE if request.method == "POST" else Access.WORKSPACE
    coalition = selectors.get_coalition_for_user(user=user, pk=pk, access=access)
    if request.method != "POST":
        return render(request, "coalitions/members.html", _members_context(request, coalition))

    action = request.POST.get("action")
    try:
        if action == "invite":
            form = MemberInviteForm(request.POST, coalition=coalition, prefix="invite")
            if not form.is_valid():
                return _invalid(request, "coalitions/members.html",
                                _members_context(request, coalition, invite_form=form))
            data = form.cleaned_data
            try:
                member = services.member_add(
                    coalition=coalition, user=user, actor=data["actor"], role=data["role"],
                    contact_name=data["contact_name"], contact_email=data["contact_email"])
            except services.CoalitionError as error:
                form.add_error("actor" if error.code in ("duplicate_actor", "actor_unpublished")
                               else None, error.message)
                return _invalid(request, "coalitions/members.html",
                                _members_context(request, coalition, invite_form=form))
            messages.success(request, _("%(actor)s was invited. The invitation went to "
                                        "%(email)s.") % {"actor": member.actor.name,
                                                         "email": member.contact_email})
        elif action == "role":
            member_id = request.POST.get("member", "")
            role_form = MemberRoleForm(request.POST,
                                       prefix=f"m{member_id}" if member_id.isdigit() else None)
            if not role_form.is_valid():
                messages.error(request, _("Choose one of the roles."))
                return HttpResponseRedirect(reverse("coalitions:members", args=[coalition.pk]))
            member = _member(coalition, role_form.cleaned_data["member"])
            services.member_set_role(coalition=coalition, member=member, user=user,
                                     role=role_form.cleaned_data["role"])
            messages.success(request, _("The role of %(actor)s was changed.") % {
                "actor": member.actor.name})
        elif action == "remove":
            remove_form = MemberRemoveForm(request.POST)
            if not remove_form.is_valid():
                raise Http404("No member given")
            member = _member(coalition, remove_form.cleaned_data["member"])
            services.member_remove(coalition=coalition, member=member, user=user)
            messages.success(request, _("%(actor)s was removed from the coalition. It stays in "
                                        "the history.") % {"actor": member.actor.name})
        else:
            return HttpResponse(status=400)
    except services.CoalitionError as error:
        messages.error(request, error.message)
    return HttpResponseRedirect(reverse("coalitions:members", args=[coalition.pk]))


# --- Invitations --------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """An invitation link: see the coalition, accept (logged in) or decline."""
    user = request.user
    try:
        member = services.invitation_member(token)
    except services.CoalitionError as error:
        return render(request, "coalitions/invitation.html",
                      {"error": error.message, "error_code": error.code}, status=400)
    here = reverse("coalitions:invitation", kwargs={"token": token})
    if request.method == "POST":
        choice = request.POST.get("response")
        if choice not in ("accept", "decline"):
            return HttpResponse(status=400)
        accept = choice == "accept"
        if accept and not user.is_authenticated:
            return redirect_to_login(here)
        try:
            member = services.invitation_respond(token=token, user=user, accept=accept)
        except services.CoalitionError as error:
            return render(request, "coalitions/invitation.html",
                          {"member": member, "coalition": member.coalition,
                           "error": error.message, "error_code": error.code,
                           "login_url": _login_url(here)}, status=400)
        if accept:
            messages.success(request, _("Welcome: %(actor)s is now a member of the coalition.") % {
                "actor": member.actor.name})
            return redirect("coalitions:workspace", pk=member.coalition_id)
        messages.success(request, _("You declined the invitation. Thank you for letting us "
                                    "know."))
        if member.coalition.is_public:
            return redirect("coalitions:detail", pk=member.coalition_id)
        return redirect("coalitions:index")
    email_matches = (user.is_authenticated
                     and (user.email or "").lower() == member.contact_email.lower())
    return render(request, "coalitions/invitation.html", {
        "member": member, "coalition": member.coalition, "login_url": _login_url(here),
        "email_matches": email_matches})


def _login_url(next_url: str) -> str:
    from urllib.parse import urlencode

    return f"{reverse('core:login')}?{urlencode({'next': next_url})}"

