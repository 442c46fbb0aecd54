"""Initiatives and their teams: the public list, the form, the overview, the team, stakeholders.

Every view of one initiative fetches it with ``selectors.get_initiative_for_user``
(404 when the user may not read it, 403 when they may read but not change)
and writes through ``services``, which check the same rule again. POSTs
redirect (PRG) with a message; an invalid form is shown again with status 400
and an error summary.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, QuerySet
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from sihub.core import facets as facet_lib
from sihub.core.forms import apply_validation_error
from sihub.core.i18n import current_language
from sihub.core.models import County
from sihub.impact import selectors, services
from sihub.impact.forms import (
    InitiativeForm,
    MemberAddForm,
    MemberRemoveForm,
    MemberRoleForm,
    OutcomeForm,
    StakeholderForm,
)
from sihub.impact.models import (
    Indicator,
    Initiative,
    InitiativeStatus,
    MembershipRole,
    Outcome,
    Programme,
    StakeholderGroup,
)
from sihub.sdg.models import Goal

PER_PAGE = 20
MY_INITIATIVES_LIMIT = 50
# What a card in a list shows, loaded for one page at a time.
CARD_PREFETCH = ("sdgs", "owners", "counties")


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _invalid(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    """An invalid form, shown again with its error summary (400: nothing was saved)."""
    return render(request, template, context, status=400)


# --- The public list ----------------------------------------------------------------------


def _once(load: Any) -> Any:
    """Facet options read once per request, however often the facet helpers ask."""
    cache: list[list[tuple[Any, str]]] = []

    def options() -> list[tuple[Any, str]]:
        if not cache:
            cache.append(list(load()))
        return cache[0]
    return options


def initiative_facets() -> list[facet_lib.Facet]:
    lang = current_language()
    return [
        facet_lib.Facet("programme", gettext_lazy("Programme"), "programme_id",
                        _once(lambda: Programme.objects.values_list("pk", "name")), cast=int),
        facet_lib.Facet("status", gettext_lazy("Status"), "status",
                        lambda: list(InitiativeStatus.choices)),
        facet_lib.Facet("sdg", gettext_lazy("Global goal"), "sdgs__number",
                        _once(lambda: [(g.number, str(g))
                                       for g in Goal.objects.order_by("number")]), cast=int),
        facet_lib.Facet("county", gettext_lazy("County"), "counties__code",
                        _once(lambda: County.objects.order_by("code").values_list(
                            "code", f"name_{lang}"))),
    ]


def _cards(queryset: QuerySet[Initiative]) -> QuerySet[Initiative]:
    return queryset.select_related("programme").prefetch_related(*CARD_PREFETCH)


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    """Published initiatives, searched and filtered; plus the visitor's own, published or not."""
    params = request.GET
    partial = _is_htmx(request)
    facets = initiative_facets()
    base = Initiative.objects.public()
    q = params.get("q", "").strip()[:200]
    if q:
        base = base.filter(title__icontains=q)
    filtered = facet_lib.apply(base, facets, params)
    # Paginate ids, then load one page of rows with what the cards show.
    page = Paginator(filtered.order_by("title", "pk").values_list("pk", flat=True),
                     PER_PAGE).get_page(params.get("page"))
    ids = list(page.object_list)
    rows = {i.pk: i for i in _cards(Initiative.objects.filter(pk__in=ids))}
    page.object_list = [rows[pk] for pk in ids if pk in rows]
    query = params.copy()
    query.pop("page", None)
    context: dict[str, Any] = {
        "results": page,
        "facet_results": [] if partial else facet_lib.counts(base, facets, params),
        "q": q,
        "filter_query": query.urlencode(),
        "any_filter": bool(q) or any(f.selected(params) for f in facets),
    }
    if partial:
        response = render(request, "impact/_initiative_results.html", context)
    else:
        user = request.user
        context["mine"] = list(_cards(selectors.initiatives_of_member(user))
                               .order_by("title", "pk")[:MY_INITIATIVES_LIMIT])
        context["can_create"] = selectors.user_can_create_initiatives(user)
        response = render(request, "impact/index.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


# --- Create and edit ----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    if not selectors.user_can_create_initiatives(request.user):
        raise PermissionDenied
    # The creator becomes the lead, who may publish.
    form = InitiativeForm(request.POST or None, can_publish=True)
    if request.method == "POST" and form.is_valid():
        fields, m2m = form.values()
        try:
            initiative = services.initiative_create(user=request.user, fields=fields, m2m=m2m)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The initiative was created. You are its lead."))
            return redirect("impact:detail", pk=initiative.pk)
    context = {"form": form, "summary": form.error_summary() if form.is_bound else []}
    if form.is_bound:
        return _invalid(request, "impact/create.html", context)
    return render(request, "impact/create.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = selectors.get_initiative_for_user(user=request.user, pk=pk, write=True)
    can_publish = selectors.user_can_manage_team(request.user, initiative)
    form = InitiativeForm(request.POST or None, can_publish=can_publish, initiative=initiative)
    if request.method == "POST" and form.is_valid():
        fields, m2m = form.values()
        try:
            services.initiative_update(initiative=initiative, user=request.user, fields=fields,
                                       m2m=m2m)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The initiative was saved."))
            return redirect("impact:detail", pk=initiative.pk)
    context = {"initiative": initiative, "can_write": True, "section": "detail", "form": form,
               "can_publish": can_publish,
               "summary": form.error_summary() if form.is_bound else []}
    if form.is_bound:
        return _invalid(request, "impact/edit.html", context)
    return render(request, "impact/edit.html", context)


# --- Overview -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    """The team's dashboard: how far the initiative's evidence has come."""

    stakeholders: int
    outcomes: int
    indicators: int
    value_map_rows: int
    toc_elements: int
    has_toc: bool

    @property
    def missing(self) -> list[tuple[str, str]]:
        """(message, URL name of the tab that fixes it), in the order the work is done."""
        gaps = []
        if not self.stakeholders:
            gaps.append((_("No stakeholder groups yet."), "stakeholders"))
        elif not self.outcomes:
            gaps.append((_("No outcomes yet."), "stakeholders"))
        if not self.has_toc or not self.toc_elements:
            gaps.append((_("No theory of change yet."), "toc"))
        if self.outcomes and not self.indicators:
            gaps.append((_("No indicators yet."), "indicators"))
        if not self.value_map_rows:
            gaps.append((_("No value map yet."), "value_map"))
        return gaps


def _progress(initiative: Initiative) -> Progress:
    counts = Initiative.objects.filter(pk=initiative.pk).aggregate(
        stakeholders=Count("stakeholders", distinct=True),
        outcomes=Count("outcomes", distinct=True),
        value_map_rows=Count("value_map_rows", distinct=True),
        toc_elements=Count("theory_of_change__elements", distinct=True),
    )
    indicators = Indicator.objects.filter(outcome__initiative=initiative).count()
    return Progress(stakeholders=counts["stakeholders"], outcomes=counts["outcomes"],
                    indicators=indicators, value_map_rows=counts["value_map_rows"],
                    toc_elements=counts["toc_elements"],
                    has_toc=initiative.theory_of_change_id is not None)


def _is_team_or_staff(user: Any, initiative: Initiative) -> bool:
    """Who sees the team's own notes (purpose, dashboard) beside the public summary."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.has_perm(selectors.VIEW_ALL) or \
        selectors.membership_role(user, initiative) is not None


@require_safe
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = selectors.get_initiative_for_user(user=request.user, pk=pk)
    user = request.user
    is_team = _is_team_or_staff(user, initiative)
    context = {
        "initiative": initiative,
        "can_write": selectors.user_can_change_initiative(user, initiative),
        "section": "detail",
        "is_team": is_team,
        "owners": list(initiative.owners.order_by("name")),
        "sdgs": list(initiative.sdgs.order_by("number")),
        "targets": list(initiative.targets.select_related("goal")),
        "counties": list(initiative.counties.all()),
        "municipalities": list(initiative.municipalities.order_by("name")),
        "progress": _progress(initiative) if is_team else None,
    }
    return render(request, "impact/detail.html", context)


# --- Team ---------------------------------------------------------------------------------


def _team_context(request: HttpRequest, initiative: Initiative, **forms: Any) -> dict[str, Any]:
    user = request.user
    can_manage = selectors.user_can_manage_team(user, initiative)
    members = list(selectors.team_of(initiative))
    add_form = forms.get("add_form") or MemberAddForm(prefix="add")
    summary = [item for f in forms.values() for item in f.error_summary()]
    return {
        "initiative": initiative,
        "can_write": selectors.user_can_change_initiative(user, initiative),
        "section": "team",
        "can_manage": can_manage,
        "members": [(m, MemberRoleForm(prefix=f"m{m.user_id}",
                                       initial={"member": m.user_id, "role": m.role}))
                    for m in members],
        "is_member": any(m.user_id == user.pk for m in members),
        "add_form": add_form,
        "roles": MembershipRole.choices,
        "summary": summary,
    }


def _team_member(initiative: Initiative, user_id: int) -> Any:
    """A person of this team (never someone else's: the id comes from the form)."""
    membership = selectors.team_of(initiative).filter(user_id=user_id).first()
    if membership is None:
        raise Http404("Not in this team")
    return membership.user


def _membership_message(error: services.MembershipError) -> str:
    if error.code == "last_lead":
        return _("The initiative needs at least one lead. Make someone else lead first.")
    return _("That role does not exist.")


@require_http_methods(["GET", "HEAD", "POST"])
def team(request: HttpRequest, pk: int) -> HttpResponse:
    """The team and its roles; leads change it, anyone in the team may leave."""
    user = request.user
    initiative = selectors.get_initiative_for_user(user=user, pk=pk)
    # A published initiative is public; who works on it is not.
    if not _is_team_or_staff(user, initiative):
        raise PermissionDenied
    team_url = reverse("impact:team", kwargs={"pk": initiative.pk})
    if request.method != "POST":
        return render(request, "impact/team.html", _team_context(request, initiative))

    action = request.POST.get("action")
    try:
        if action == "add":
            selectors.require_team_management(user, initiative)
            form = MemberAddForm(request.POST, prefix="add")
            if not form.is_valid():
                return _invalid(request, "impact/team.html",
                                _team_context(request, initiative, add_form=form))
            person = get_user_model().objects.filter(
                email__iexact=form.cleaned_data["email"], is_active=True).first()
            if person is None:
                form.add_error("email", _(
                    "No one with that e-mail address has an account. Ask them to register "
                    "first, then add them."))
                return _invalid(request, "impact/team.html",
                                _team_context(request, initiative, add_form=form))
            services.membership_set(initiative=initiative, user=user, member=person,
                                    role=form.cleaned_data["role"])
            messages.success(request, _("%(person)s is now in the team.") % {
                "person": person.email})
        elif action == "role":
            selectors.require_team_management(user, initiative)
            member_id = request.POST.get("member", "")
            role_form = MemberRoleForm(request.POST, prefix=f"m{member_id}"
                                       if member_id.isdigit() else None)
            if not role_form.is_valid():
                return _invalid(request, "impact/team.html",
                                _team_context(request, initiative, role_form=role_form))
            person = _team_member(initiative, role_form.cleaned_data["member"])
            services.membership_set(initiative=initiative, user=user, member=person,
                                    role=role_form.cleaned_data["role"])
            messages.success(request, _("The role of %(person)s was changed.") % {
                "person": person.email})
        elif action == "remove":
            remove_form = MemberRemoveForm(request.POST)
            if not remove_form.is_valid():
                raise Http404("No member given")
            person = _team_member(initiative, remove_form.cleaned_data["member"])
            if person.pk != user.pk:
                selectors.require_team_management(user, initiative)
            services.membership_remove(initiative=initiative, user=user, member=person)
            if person.pk == user.pk:
                messages.success(request, _("You have left the team."))
                return redirect("impact:index")
            messages.success(request, _("%(person)s was removed from the team.") % {
                "person": person.email})
        else:
            return HttpResponse(status=400)
    except services.MembershipError as error:
        messages.error(request, _membership_message(error))
    return HttpResponseRedirect(team_url)


# --- Stakeholders and outcomes ------------------------------------------------------------


@dataclass
class GroupBlock:
    """One stakeholder group as the page shows it, with the forms a writer may use."""

    group: StakeholderGroup
    outcomes: list[tuple[Outcome, OutcomeForm | None]]
    edit_form: StakeholderForm | None = None
    outcome_form: OutcomeForm | None = None


def _stakeholder_context(request: HttpRequest, initiative: Initiative, *,
                         bound: Form | None = None, bound_key: str = "") -> dict[str, Any]:
    """The page; ``bound`` is an invalid form to show in its place (key: its prefix)."""
    can_write = selectors.user_can_change_initiative(request.user, initiative)
    groups = selectors.stakeholders_of(initiative).prefetch_related(
        Prefetch("outcomes", queryset=Outcome.objects.order_by("position", "pk")))

    def pick(key: str, make: Any) -> Any:
        if not can_write:
            return None
        return bound if bound is not None and bound_key == key else make()

    blocks = []
    for group in groups:
        outcomes = [(o, pick(f"outcome-{o.pk}", lambda o=o: OutcomeForm(
            prefix=f"outcome-{o.pk}", initial={"description": o.description, "term": o.term,
                                               "intended": o.intended,
                                               "positive": o.positive})))
            for o in group.outcomes.all()]
        blocks.append(GroupBlock(
            group=group, outcomes=outcomes,
            edit_form=pick(f"group-{group.pk}", lambda g=group: StakeholderForm(
                prefix=f"group-{g.pk}",
                initial={"name": g.name, "size": g.size, "involvement": g.involvement})),
            outcome_form=pick(f"new-outcome-{group.pk}", lambda g=group: OutcomeForm(
                prefix=f"new-outcome-{g.pk}"))))
    return {
        "initiative": initiative,
        "can_write": can_write,
        "section": "stakeholders",
        "blocks": blocks,
        "group_form": pick("group", lambda: StakeholderForm(prefix="group")),
        "bound_key": bound_key,
        "summary": bound.error_summary() if bound is not None else [],
    }


def _own_group(initiative: Initiative, user: Any, pk: str) -> StakeholderGroup:
    group = selectors.get_stakeholder_for_user(user=user, pk=pk, write=True)
    if group.initiative_id != initiative.pk:
        raise Http404("Not a stakeholder group of this initiative")
    return group


def _own_outcome(initiative: Initiative, user: Any, pk: str) -> Outcome:
    outcome = selectors.get_outcome_for_user(user=user, pk=pk, write=True)
    if outcome.initiative_id != initiative.pk:
        raise Http404("Not an outcome of this initiative")
    return outcome


def _outcome_values(form: OutcomeForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {"description": data["description"].strip(), "term": data["term"],
            "intended": data["intended"], "positive": data["positive"]}


@require_http_methods(["GET", "HEAD", "POST"])
def stakeholders(request: HttpRequest, pk: int) -> HttpResponse:  # noqa: C901
    """For whom: stakeholder groups and their outcomes; writers add, change and delete them."""
    user = request.user
    if request.method != "POST":
        initiative = selectors.get_initiative_for_user(user=user, pk=pk)
        return render(request, "impact/stakeholders.html",
                      _stakeholder_context(request, initiative))

    initiative = selectors.get_initiative_for_user(user=user, pk=pk, write=True)
    action = request.POST.get("action", "")
    target = request.POST.get("id", "")
    url = reverse("impact:stakeholders", kwargs={"pk": initiative.pk})
    form: Form
    key = ""
    try:
        if action == "group_add":
            key = "group"
            form = StakeholderForm(request.POST, prefix=key)
            if form.is_valid():
                services.stakeholder_create(
                    initiative=initiative, user=user, name=form.cleaned_data["name"],
                    size=form.cleaned_data["size"],
                    involvement=form.cleaned_data["involvement"],
                    position=selectors.stakeholders_of(initiative).count())
                messages.success(request, _("The stakeholder group was added."))
                return HttpResponseRedirect(url)
        elif action == "group_edit":
            group = _own_group(initiative, user, target)
            key = f"group-{group.pk}"
            form = StakeholderForm(request.POST, prefix=key)
            if form.is_valid():
                data = form.cleaned_data
                services.stakeholder_update(stakeholder=group, user=user, fields={
                    "name": data["name"].strip(), "size": data["size"],
                    "involvement": data["involvement"]})
                messages.success(request, _("The stakeholder group was saved."))
                return HttpResponseRedirect(url)
        elif action == "group_delete":
            group = _own_group(initiative, user, target)
            services.stakeholder_delete(stakeholder=group, user=user)
            messages.success(request, _("The stakeholder group and its outcomes were deleted."))
            return HttpResponseRedirect(url)
        elif action == "outcome_add":
            group = _own_group(initiative, user, target)
            key = f"new-outcome-{group.pk}"
            form = OutcomeForm(request.POST, prefix=key)
            if form.is_valid():
                services.outcome_create(initiative=initiative, user=user, stakeholder=group,
                                        position=group.outcomes.count(),
                                        **_outcome_values(form))
                messages.success(request, _("The outcome was added."))
                return HttpResponseRedirect(url)
        elif action == "outcome_edit":
            outcome = _own_outcome(initiative, user, target)
            key = f"outcome-{outcome.pk}"
            form = OutcomeForm(request.POST, prefix=key)
            if form.is_valid():
                services.outcome_update(outcome=outcome, user=user,
                                        fields=_outcome_values(form))
                messages.success(request, _("The outcome was saved."))
                return HttpResponseRedirect(url)
        elif action == "outcome_delete":
            outcome = _own_outcome(initiative, user, target)
            services.outcome_delete(outcome=outcome, user=user)
            messages.success(request, _("The outcome was deleted."))
            return HttpResponseRedirect(url)
        else:
            return HttpResponse(status=400)
    except ValidationError as error:
        # E.g. a second group of the same name (a database rule the service checks).
        apply_validation_error(form, error)
    return _invalid(request, "impact/stakeholders.html",
                    _stakeholder_context(request, initiative, bound=form, bound_key=key))
