"""API: initiatives and the SROI of their value maps, read-only.

Who sees what is ``impact.selectors`` (the one place the rule lives):
anonymous callers see published initiatives; a bearer token acts as its
user, so a team member's token also reads their own unpublished initiatives,
and staff tokens (``impact.view_initiative``) read all. A session cookie
counts for nothing here (``AllowAnonymous`` resets the user), so a page open
in the browser cannot lend its login to a script. An initiative the caller
may not read is 404, as on the site.

Money and ratios are strings with every digit the arithmetic kept (40
significant digits, see ``impact/sroi.py``): JSON numbers would be read as
binary floats. A value map that cannot be computed is 409 with the SROI
error code (``inputs_missing``, ``no_outcomes`` …).
"""

# No "from __future__ import annotations": ninja reads the types from the signatures.

from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from wagtail.api.v3.auth import BearerTokenAuth

from sihub.api.errors import errors
from sihub.api.knowledge import CountyCode, GoalNumber
from sihub.api.pagination import PageNumberPagination
from sihub.impact import selectors, services, sroi
from sihub.impact.models import (
    Indicator,
    Initiative,
    InitiativeStatus,
    Outcome,
    OutcomeTerm,
)

router = Router(tags=["Initiatives"])



class OptionalBearerToken(BearerTokenAuth):
    """The token's user when a valid token is sent, else anonymous; never the session.

    Wagtail's ``AllowAnonymous`` does the same as a second callback, but it
    declares an HTTP security scheme without a ``scheme``, which makes the
    OpenAPI document invalid; this one is declared as the bearer scheme it is.
    """

    def __call__(self, request: HttpRequest) -> Any:
        token = super().__call__(request)
        if token is None:
            request.user = AnonymousUser()
            return request.user  # truthy: the request goes on, as anonymous
        return token


READ_AUTH = OptionalBearerToken()
Language = Literal["sv", "en"]


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _page_url(obj: Initiative, context: dict[str, Any]) -> str:
    request = context["request"]
    lang = request.GET.get("lang")
    with translation.override(lang if lang in ("sv", "en") else "sv"):
        return request.build_absolute_uri(reverse("impact:detail", args=[obj.pk]))


# --- Filters and output -------------------------------------------------------------------


class InitiativeFilters(Schema):
    status: list[InitiativeStatus] = Field([], description="Status; repeat for any of several.")
    programme: int | None = Field(None, description="Programme id.")
    county: list[CountyCode] = Field([], description="County code, e.g. 24.")
    sdg: list[GoalNumber] = Field([], description="Global goal number.")
    lang: Language = Field("sv", description="Language of the page links.")

    def apply(self, initiatives: QuerySet[Initiative]) -> QuerySet[Initiative]:
        if self.status:
            initiatives = initiatives.filter(status__in=[s.value for s in self.status])
        if self.programme is not None:
            initiatives = initiatives.filter(programme_id=self.programme)
        # Subqueries keep an initiative in two counties from appearing twice.
        if self.county:
            initiatives = initiatives.filter(pk__in=Initiative.objects.filter(
                counties__code__in=self.county).values("pk"))
        if self.sdg:
            initiatives = initiatives.filter(pk__in=Initiative.objects.filter(
                sdgs__number__in=self.sdg).values("pk"))
        return initiatives


class ProgrammeOut(Schema):
    id: int
    name: str
    funder: str


class OwnerOut(Schema):
    slug: str
    name: str


class InitiativeOut(Schema):
    id: int
    slug: str
    title: str
    status: InitiativeStatus
    published: bool = Field(alias="is_public")
    purpose: str
    societal_challenge: str
    public_summary_sv: str
    public_summary_en: str
    programme: ProgrammeOut | None
    funder: str
    funding_amount: str | None = Field(description="SEK, as a decimal string.",
                                       examples=["2500000.00"])
    inputs_total: str | None = Field(description="Total value of inputs (SEK), decimal string.")
    discount_rate: str = Field(description="A fraction: 0.035 is 3.5 %.", examples=["0.03500"])
    starts_on: date | None
    ends_on: date | None
    owners: list[OwnerOut]
    counties: list[str] = Field(examples=[["24"]])
    municipalities: list[str]
    sdgs: list[int] = Field(examples=[[8, 10]])
    targets: list[str] = Field(examples=[["8.5"]])
    url: str = Field(description="Absolute address of the initiative's page.")
    updated_at: datetime

    @staticmethod
    def resolve_funding_amount(obj: Initiative) -> str | None:
        return _text(obj.funding_amount)

    @staticmethod
    def resolve_inputs_total(obj: Initiative) -> str | None:
        return _text(obj.inputs_total)

    @staticmethod
    def resolve_discount_rate(obj: Initiative) -> str:
        return str(obj.discount_rate)

    # .all() reads the prefetched rows; values_list() would query again per initiative.
    @staticmethod
    def resolve_owners(obj: Initiative) -> list[Any]:
        return sorted(obj.owners.all(), key=lambda a: a.name)

    @staticmethod
    def resolve_counties(obj: Initiative) -> list[str]:
        return sorted(c.code for c in obj.counties.all())

    @staticmethod
    def resolve_municipalities(obj: Initiative) -> list[str]:
        return sorted(m.code for m in obj.municipalities.all())

    @staticmethod
    def resolve_sdgs(obj: Initiative) -> list[int]:
        return sorted(g.number for g in obj.sdgs.all())

    @staticmethod
    def resolve_targets(obj: Initiative) -> list[str]:
        return sorted(t.code for t in obj.targets.all())

    @staticmethod
    def resolve_url(obj: Initiative, context: dict[str, Any]) -> str:
        return _page_url(obj, context)


class IndicatorOut(Schema):
    id: int
    name: str
    unit: str
    baseline: str | None
    target: str | None
    frequency: str
    data_source: str

    @staticmethod
    def resolve_baseline(obj: Indicator) -> str | None:
        return _text(obj.baseline)

    @staticmethod
    def resolve_target(obj: Indicator) -> str | None:
        return _text(obj.target)


class OutcomeOut(Schema):
    id: int
    stakeholder: str = Field(alias="stakeholder.name")
    description: str
    term: OutcomeTerm
    intended: bool
    positive: bool
    indicators: list[IndicatorOut]

    @staticmethod
    def resolve_indicators(obj: Outcome) -> list[Indicator]:
        return list(obj.indicators.all())


class StakeholderOut(Schema):
    id: int
    name: str
    size: int | None
    involvement: str


class InitiativeDetailOut(InitiativeOut):
    stakeholders: list[StakeholderOut]
    outcomes: list[OutcomeOut]

    @staticmethod
    def resolve_stakeholders(obj: Initiative) -> list[Any]:
        return list(obj.stakeholders.all())

    @staticmethod
    def resolve_outcomes(obj: Initiative) -> list[Outcome]:
        return list(obj.outcomes.all())


class OutcomeValueOut(Schema):
    stakeholder: str
    outcome: str
    indicator: str
    quantity: str
    proxy_value: str = Field(description="Value per unit (SEK); negative for a negative outcome.")
    proxy_source: str
    impact: str
    yearly_values: list[str]
    present_value: str


class SROIOut(Schema):
    initiative: int
    present_value: str = Field(description="SEK, every digit the arithmetic kept.")
    inputs_total: str
    net_present_value: str
    sroi_ratio: str = Field(examples=["1.785714285714285714285714285714285714286"])
    net_sroi_ratio: str
    discount_rate: str
    horizon_years: int
    yearly_totals: list[str]
    yearly_present_values: list[str]
    payback_months: str | None
    payback_reason_code: str | None = Field(
        description="Why there is no payback period: no_year_one_value or "
                    "negative_year_one_value.")
    outcomes: list[OutcomeValueOut]


# --- Reads ----------------------------------------------------------------------------------

PREFETCH = ("owners", "counties", "municipalities", "sdgs", "targets")


def _initiatives(request: HttpRequest) -> QuerySet[Initiative]:
    return (selectors.initiatives_visible_to(request.user).select_related("programme")
            .prefetch_related(*PREFETCH))


@router.get("", response={200: list[InitiativeOut], **errors(422)}, auth=READ_AUTH,
            summary="Initiatives: published ones, and with a token those its user may read")
@paginate(PageNumberPagination)
def list_initiatives(request: HttpRequest,  # type: ignore[no-untyped-def]
                     filters: Query[InitiativeFilters]):
    return filters.apply(_initiatives(request)).order_by("title", "pk")


@router.get("/{initiative_id}", response={200: InitiativeDetailOut, **errors(404, 422)},
            auth=READ_AUTH, summary="One initiative with its stakeholders, outcomes and indicators")
def get_initiative(request: HttpRequest, initiative_id: int, lang: Language = "sv") -> Initiative:
    selectors.get_initiative_for_user(user=request.user, pk=initiative_id)  # 404 if invisible
    outcomes = Outcome.objects.select_related("stakeholder").prefetch_related("indicators")
    return _initiatives(request).prefetch_related(
        "stakeholders", Prefetch("outcomes", queryset=outcomes)).get(pk=initiative_id)


@router.get("/{initiative_id}/sroi", response={200: SROIOut, **errors(404, 409, 422)},
            auth=READ_AUTH, summary="The SROI of the initiative's value map")
def get_sroi(request: HttpRequest, initiative_id: int) -> Any:
    initiative = selectors.get_initiative_for_user(user=request.user, pk=initiative_id)
    try:
        result = services.initiative_sroi(initiative)
    except sroi.SROIError as error:
        # 409: the request is fine; the value map is not complete enough yet.
        details = [{"loc": [error.field] if error.field else [], "msg": str(error)}]
        return Status(409, {"error": {"code": error.code, "message": str(error),
                                      "details": details}})
    return {
        "initiative": initiative.pk,
        "present_value": str(result.present_value),
        "inputs_total": str(result.inputs_total),
        "net_present_value": str(result.net_present_value),
        "sroi_ratio": str(result.sroi_ratio),
        "net_sroi_ratio": str(result.net_sroi_ratio),
        "discount_rate": str(result.value_map.discount_rate),
        "horizon_years": result.horizon_years,
        "yearly_totals": [str(v) for v in result.yearly_totals],
        "yearly_present_values": [str(v) for v in result.yearly_present_values],
        "payback_months": _text(result.payback_months),
        "payback_reason_code": result.payback_reason_code,
        "outcomes": [{
            "stakeholder": o.outcome.stakeholder, "outcome": o.outcome.outcome,
            "indicator": o.outcome.indicator, "quantity": str(o.outcome.quantity),
            "proxy_value": str(o.outcome.proxy_value), "proxy_source": o.outcome.proxy_source,
            "impact": str(o.impact), "yearly_values": [str(v) for v in o.yearly_values],
            "present_value": str(o.present_value),
        } for o in result.outcomes],
    }
