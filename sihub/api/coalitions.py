"""API: coalitions, their members and phases, and their cross-sector balance; read-only.

Who sees what is ``coalitions.selectors`` (the one place the rule lives):
anonymous callers see published coalitions; a bearer token acts as its user
(the same ``READ_AUTH`` as the initiatives), so a member contact's token also
reads the unpublished coalitions it is an active member of, and staff tokens
(``coalitions.view_coalition``) read all. A coalition the caller may not read
is 404, as on the site.

Only the public page's content leaves: challenge, vision, goals, phase and
the dates of its history, results, and the members as organisations with
their role and sector. Contact people (names, e-mail addresses, accounts),
commitments, meetings, notes and the decisions behind phase changes stay in
the members' workspace.
"""

# No "from __future__ import annotations": ninja reads the types from the signatures.

from datetime import date, datetime
from typing import Any, Literal

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from sihub.api.errors import errors
from sihub.api.impact import READ_AUTH
from sihub.api.knowledge import CountyCode, GoalNumber
from sihub.api.pagination import PageNumberPagination
from sihub.coalitions import selectors
from sihub.coalitions.balance import coalition_balance
from sihub.coalitions.models import (
    Coalition,
    CoalitionMember,
    MemberRole,
    MemberStatus,
    Phase,
    PhaseChange,
)

router = Router(tags=["Coalitions"])
Language = Literal["sv", "en"]


def _lang(value: str | None) -> str:
    return value if value in ("sv", "en") else "sv"


# --- Filters and output -------------------------------------------------------------------


class CoalitionFilters(Schema):
    phase: list[Phase] = Field([], description="Phase; repeat for any of several.")
    county: list[CountyCode] = Field([], description="County code, e.g. 24.")
    sdg: list[GoalNumber] = Field([], description="Global goal number.")
    lang: Language = Field("sv", description="Language of the page links.")

    def apply(self, coalitions: QuerySet[Coalition]) -> QuerySet[Coalition]:
        if self.phase:
            coalitions = coalitions.filter(phase__in=[p.value for p in self.phase])
        # Subqueries keep a coalition in two counties from appearing twice.
        if self.county:
            coalitions = coalitions.filter(pk__in=Coalition.objects.filter(
                counties__code__in=self.county).values("pk"))
        if self.sdg:
            coalitions = coalitions.filter(pk__in=Coalition.objects.filter(
                sdgs__number__in=self.sdg).values("pk"))
        return coalitions


class CoalitionOut(Schema):
    id: int
    slug: str
    title: str
    phase: Phase
    published: bool = Field(alias="is_public")
    challenge: str
    public_summary_sv: str
    public_summary_en: str
    counties: list[str] = Field(examples=[["24"]])
    municipalities: list[str] = Field(examples=[["2480"]])
    sdgs: list[int] = Field(examples=[[8, 10]])
    targets: list[str] = Field(examples=[["8.5"]])
    url: str = Field(description="Absolute address of the coalition's public page.")
    updated_at: datetime

    # .all() reads the prefetched rows; values_list() would query again per coalition.
    @staticmethod
    def resolve_counties(obj: Coalition) -> list[str]:
        return sorted(c.code for c in obj.counties.all())

    @staticmethod
    def resolve_municipalities(obj: Coalition) -> list[str]:
        return sorted(m.code for m in obj.municipalities.all())

    @staticmethod
    def resolve_sdgs(obj: Coalition) -> list[int]:
        return sorted(g.number for g in obj.sdgs.all())

    @staticmethod
    def resolve_targets(obj: Coalition) -> list[str]:
        return sorted(t.code for t in obj.targets.all())

    @staticmethod
    def resolve_url(obj: Coalition, context: dict[str, Any]) -> str:
        request = context["request"]
        with translation.override(_lang(request.GET.get("lang"))):
            return request.build_absolute_uri(reverse("coalitions:detail", args=[obj.pk]))


class OrganisationOut(Schema):
    slug: str
    name: str


class MemberOut(Schema):
    """An organisation in the coalition: never its contact person."""

    organisation: OrganisationOut = Field(alias="actor")
    role: MemberRole
    sector: str = Field(alias="actor.sector.slug", description="Sector slug of the organisation.")


class PhaseChangeOut(Schema):
    from_phase: Phase | None
    to_phase: Phase
    decided_on: date

    @staticmethod
    def resolve_from_phase(obj: PhaseChange) -> str | None:
        return obj.from_phase or None


class CoalitionDetailOut(CoalitionOut):
    vision: str
    goals: str
    results: str
    members: list[MemberOut] = Field(description="Active members, by organisation name.")
    phase_history: list[PhaseChangeOut] = Field(description="Every phase change, oldest first.")

    @staticmethod
    def resolve_members(obj: Coalition) -> list[CoalitionMember]:
        return list(obj.members.all())

    @staticmethod
    def resolve_phase_history(obj: Coalition) -> list[PhaseChange]:
        return list(obj.phase_changes.all())


class SectorShareOut(Schema):
    slug: str
    name: str
    count: int
    share: float = Field(description="Share of the active members, 0–1.")


class BalanceOut(Schema):
    coalition: int
    total: int = Field(description="Active members.")
    sectors: list[SectorShareOut]
    missing: list[str] = Field(description="Slugs of the balance sectors with no member.")
    dominant: str | None = Field(description="Slug of the sector with more than half the members.")
    warnings: list[str] = Field(description="The warnings as sentences in the language asked.")


# --- Reads ----------------------------------------------------------------------------------

PREFETCH = ("counties", "municipalities", "sdgs", "targets")


def _coalitions(request: HttpRequest) -> QuerySet[Coalition]:
    return selectors.coalitions_visible_to(request.user).prefetch_related(*PREFETCH)


@router.get("", response={200: list[CoalitionOut], **errors(422)}, auth=READ_AUTH,
            summary="Coalitions: published ones, and with a token those its user may read")
@paginate(PageNumberPagination)
def list_coalitions(request: HttpRequest,  # type: ignore[no-untyped-def]
                    filters: Query[CoalitionFilters]):
    return filters.apply(_coalitions(request)).order_by("title", "pk")


@router.get("/{coalition_id}", response={200: CoalitionDetailOut, **errors(404, 422)},
            auth=READ_AUTH, summary="One coalition with its members and phase history")
def get_coalition(request: HttpRequest, coalition_id: int, lang: Language = "sv") -> Coalition:
    selectors.get_coalition_for_user(user=request.user, pk=coalition_id)  # 404 if invisible
    members = (CoalitionMember.objects.filter(status=MemberStatus.ACTIVE)
               .select_related("actor__sector").order_by("actor__name", "pk"))
    return (Coalition.objects.prefetch_related(*PREFETCH, Prefetch("members", queryset=members),
                                               "phase_changes")
            .get(pk=coalition_id))


@router.get("/{coalition_id}/balance", response={200: BalanceOut, **errors(404, 422)},
            auth=READ_AUTH, summary="The coalition's sector mix and its balance warnings")
def get_balance(request: HttpRequest, coalition_id: int, lang: Language = "sv") -> dict[str, Any]:
    coalition = selectors.get_coalition_for_user(user=request.user, pk=coalition_id)
    with translation.override(lang):
        balance = coalition_balance(coalition)
    return {
        "coalition": coalition.pk,
        "total": balance.total,
        "sectors": [{"slug": s.slug, "name": s.name, "count": s.count,
                     "share": round(s.share, 4)} for s in balance.sectors],
        "missing": [s.slug for s in balance.missing],
        "dominant": balance.dominant.slug if balance.dominant else None,
        "warnings": list(balance.warnings),
    }
