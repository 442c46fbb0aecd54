"""Permission-aware reads of initiatives and everything that belongs to one.

The rule, in one place (every view, API endpoint and service asks here):

* everyone, logged in or not, reads *published* initiatives (``is_public``);
* staff with the model permission ``impact.view_initiative`` (analysts,
  editors, facilitators, administrators; see core/roles.py) read all;
* a team member reads the initiatives they belong to, whatever their role;
* writing needs team role lead or contributor, or ``impact.change_initiative``
  (analysts and administrators); a viewer only reads;
* managing the team and publishing needs the lead role, or
  ``impact.change_initiativemembership``.

An initiative one may not read does not exist for them (Http404), so its
title cannot be probed by id; one that they read but may not change raises
PermissionDenied.

Rows below an initiative (stakeholders, outcomes, indicators, measurements,
value-map rows, the theory of change) are fetched through
``get_<noun>_for_user`` helpers that apply the same rule to their initiative.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q, QuerySet
from django.http import Http404

from sihub.core.roles import MEMBER, ROLES
from sihub.impact.models import (
    Indicator,
    Initiative,
    InitiativeMembership,
    Measurement,
    MembershipRole,
    Outcome,
    StakeholderGroup,
    TheoryOfChange,
    ToCElement,
    ValueMapRow,
)

VIEW_ALL = "impact.view_initiative"
CHANGE_ALL = "impact.change_initiative"
MANAGE_TEAMS = "impact.change_initiativemembership"
ADD = "impact.add_initiative"

WRITER_ROLES = (MembershipRole.LEAD, MembershipRole.CONTRIBUTOR)

M = TypeVar("M", bound=models.Model)


def _active(user: Any) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def _has_perm(user: Any, perm: str) -> bool:
    return _active(user) and user.has_perm(perm)


def membership_role(user: Any, initiative: Initiative) -> str | None:
    """The person's team role in ``initiative``, or None."""
    if not _active(user):
        return None
    return (InitiativeMembership.objects.filter(initiative=initiative, user=user)
            .values_list("role", flat=True).first())


def user_can_create_initiatives(user: Any) -> bool:
    """Ecosystem actors (the Members role) describe their own initiatives; analysts too."""
    if not _active(user):
        return False
    if user.is_superuser or user.has_perm(ADD):
        return True
    return bool(user.groups.filter(name=ROLES[MEMBER].group_name).exists())


def initiatives_visible_to(user: Any) -> QuerySet[Initiative]:
    """The initiatives ``user`` may read: see the module docstring."""
    initiatives = Initiative.objects.all()
    if not _active(user):
        return initiatives.filter(is_public=True)
    if user.has_perm(VIEW_ALL):
        return initiatives
    own = InitiativeMembership.objects.filter(user=user).values("initiative_id")
    # A subquery rather than a join, so an initiative is listed once however it qualifies.
    return initiatives.filter(Q(is_public=True) | Q(pk__in=own))


def initiatives_of_member(user: Any) -> QuerySet[Initiative]:
    """The initiatives whose team ``user`` is in ("my initiatives")."""
    if not _active(user):
        return Initiative.objects.none()
    return Initiative.objects.filter(memberships__user=user).distinct()


def user_can_change_initiative(user: Any, initiative: Initiative) -> bool:
    if not _active(user):
        return False
    if user.has_perm(CHANGE_ALL):
        return True
    return membership_role(user, initiative) in WRITER_ROLES


def user_can_manage_team(user: Any, initiative: Initiative) -> bool:
    """Lead of the team, or staff who may change any team; also who may publish."""
    if not _active(user):
        return False
    if user.has_perm(MANAGE_TEAMS):
        return True
    return membership_role(user, initiative) == MembershipRole.LEAD


def get_initiative_for_user(*, user: Any, pk: Any, write: bool = False) -> Initiative:
    """The initiative if ``user`` may read it (and change it, with ``write``).

    Http404 when it is invisible to them (or does not exist), PermissionDenied
    when they may read but not change it.
    """
    try:
        initiative = initiatives_visible_to(user).select_related(
            "programme", "theory_of_change").get(pk=pk)
    except (Initiative.DoesNotExist, ValueError, TypeError):
        raise Http404("No such initiative") from None
    if write and not user_can_change_initiative(user, initiative):
        raise PermissionDenied
    return initiative


def get_initiative_by_slug_for_user(*, user: Any, slug: str, write: bool = False) -> Initiative:
    pk = Initiative.objects.filter(slug=slug).values_list("pk", flat=True).first()
    if pk is None:
        raise Http404("No such initiative")
    return get_initiative_for_user(user=user, pk=pk, write=write)


def require_change(user: Any, initiative: Initiative) -> None:
    """For services: the same check as ``get_initiative_for_user(write=True)``, on an instance."""
    get_initiative_for_user(user=user, pk=initiative.pk, write=True)


def require_team_management(user: Any, initiative: Initiative) -> None:
    get_initiative_for_user(user=user, pk=initiative.pk)  # 404 for those who cannot see it
    if not user_can_manage_team(user, initiative):
        raise PermissionDenied


# --- Rows that belong to an initiative ----------------------------------------------------


def _child_for_user(queryset: QuerySet[M], initiative_field: str, *, user: Any, pk: Any,
                    write: bool) -> M:
    """A row of ``queryset`` whose initiative (at ``initiative_field``) ``user`` may read/change."""
    try:
        obj = queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404("Not found") from None
    initiative_id = queryset.filter(pk=obj.pk).values_list(initiative_field, flat=True).first()
    if initiative_id is None:
        raise Http404("Not found")
    get_initiative_for_user(user=user, pk=initiative_id, write=write)
    return obj


def get_stakeholder_for_user(*, user: Any, pk: Any, write: bool = False) -> StakeholderGroup:
    return _child_for_user(StakeholderGroup.objects.all(), "initiative_id",
                           user=user, pk=pk, write=write)


def get_outcome_for_user(*, user: Any, pk: Any, write: bool = False) -> Outcome:
    return _child_for_user(Outcome.objects.select_related("stakeholder"), "initiative_id",
                           user=user, pk=pk, write=write)


def get_indicator_for_user(*, user: Any, pk: Any, write: bool = False) -> Indicator:
    return _child_for_user(Indicator.objects.select_related("outcome"), "outcome__initiative_id",
                           user=user, pk=pk, write=write)


def get_value_map_row_for_user(*, user: Any, pk: Any, write: bool = False) -> ValueMapRow:
    return _child_for_user(ValueMapRow.objects.select_related("proxy", "outcome", "stakeholder"),
                           "initiative_id", user=user, pk=pk, write=write)


def get_toc_element_for_user(*, user: Any, pk: Any, write: bool = False) -> ToCElement:
    """An element of an initiative's theory of change (a theory nobody owns yet: 404)."""
    return _child_for_user(ToCElement.objects.all(), "toc__initiative__pk",
                           user=user, pk=pk, write=write)


def get_toc_for_user(*, user: Any, pk: Any, write: bool = False) -> TheoryOfChange:
    return _child_for_user(TheoryOfChange.objects.all(), "initiative__pk",
                           user=user, pk=pk, write=write)


# --- Lists for an initiative the caller has already fetched through the rules above -------


def stakeholders_of(initiative: Initiative) -> QuerySet[StakeholderGroup]:
    return initiative.stakeholders.all()


def outcomes_of(initiative: Initiative) -> QuerySet[Outcome]:
    return initiative.outcomes.select_related("stakeholder")


def indicators_of(initiative: Initiative) -> QuerySet[Indicator]:
    return Indicator.objects.filter(outcome__initiative=initiative).select_related(
        "outcome", "outcome__stakeholder")


def measurements_of(initiative: Initiative) -> QuerySet[Measurement]:
    return Measurement.objects.filter(indicator__outcome__initiative=initiative).select_related(
        "indicator")


def value_map_rows_of(initiative: Initiative) -> QuerySet[ValueMapRow]:
    return initiative.value_map_rows.select_related("stakeholder", "outcome", "indicator",
                                                    "proxy").order_by("position", "pk")


def team_of(initiative: Initiative) -> QuerySet[InitiativeMembership]:
    return initiative.memberships.select_related("user").order_by("role", "pk")


def measurements_visible_to(user: Any) -> QuerySet[Measurement]:
    """Every measurement ``user`` may read, across initiatives (portfolio and API)."""
    return Measurement.objects.filter(
        indicator__outcome__initiative__in=initiatives_visible_to(user).values("pk"))
