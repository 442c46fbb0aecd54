"""API: Agenda 2030 goals and targets, Swedish regions, sectors and themes."""

from __future__ import annotations

from django.db import IntegrityError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from wagtail.api.v3.auth import BearerTokenAuth
from sihub.api.errors import errors
from sihub.api.pagination import PageNumberPagination
from sihub.core.models import County, Municipality, Sector, Theme
from sihub.core.services import theme_create
from sihub.sdg.models import Goal, Target
from sihub.sdg.selectors import goal_with_targets

sdg_router = Router(tags=["Agenda 2030"])
regions_router = Router(tags=["Regions"])
taxonomy_router = Router(tags=["Taxonomies"])


class TargetOut(Schema):
    code: str = Field(examples=["8.5"])
    goal: int = Field(alias="goal.number")
    text_en: str
    text_sv: str


class GoalOut(Schema):
    number: int
    color: str = Field(examples=["#A21942"])
    title_en: str
    title_sv: str
    text_en: str
    text_sv: str


class GoalDetailOut(GoalOut):
    targets: list[TargetOut]


@sdg_router.get("/goals", response={200: list[GoalOut], **errors(422)}, summary="The 17 goals")
@paginate(PageNumberPagination)
def list_goals(request: HttpRequest):  # type: ignore[no-untyped-def]
    return Goal.objects.all()


@sdg_router.get("/goals/{number}", response={200: GoalDetailOut, **errors(404, 422)}, summary="One goal with its targets")
def get_goal(request: HttpRequest, number: int) -> Goal:
    goal = goal_with_targets(number)
    return goal


@sdg_router.get("/targets", response={200: list[TargetOut], **errors(422)}, summary="The 169 targets")
@paginate(PageNumberPagination)
def list_targets(request: HttpRequest, goal: int | None = None):  # type: ignore[no-untyped-def]
    qs = Target.objects.select_related("goal")
    if goal is not None:
        qs = qs.filter(goal__number=goal)
    return qs


@sdg_router.get("/targets/{code}", response={200: TargetOut, **errors(404, 422)}, summary="One target, e.g. 8.5")
def get_target(request: HttpRequest, code: str) -> Target:
    return get_object_or_404(Target.objects.select_related("goal"), code=code)


class CountyOut(Schema):
    code: str = Field(examples=["24"])
    name_sv: str
    name_en: str
    latitude: float | None
    longitude: float | None


class MunicipalityOut(Schema):
    code: str = Field(examples=["2480"])
    name: str
    county: str = Field(alias="county.code")
    latitude: float | None
    longitude: float | None


@regions_router.get("/counties", response={200: list[CountyOut], **errors(422)}, summary="Sweden's 21 counties")
@paginate(PageNumberPagination)
def list_counties(request: HttpRequest):  # type: ignore[no-untyped-def]
    return County.objects.all()


@regions_router.get("/municipalities", response={200: list[MunicipalityOut], **errors(422)},
                    summary="Sweden's 290 municipalities")
@paginate(PageNumberPagination)
def list_municipalities(request: HttpRequest, county: str | None = None):  # type: ignore[no-untyped-def]
    qs = Municipality.objects.select_related("county").order_by("code")
    if county:
        qs = qs.filter(county__code=county)
    return qs


@regions_router.get("/municipalities/{code}", response={200: MunicipalityOut, **errors(404, 422)})
def get_municipality(request: HttpRequest, code: str) -> Municipality:
    return get_object_or_404(Municipality.objects.select_related("county"), code=code)


class SectorOut(Schema):
    slug: str
    name_sv: str
    name_en: str


class ThemeOut(Schema):
    slug: str
    name_sv: str
    name_en: str


class ThemeIn(Schema):
    slug: str = Field(min_length=1, max_length=50, pattern=r"^[a-z0-9-]+$")
    name_sv: str = Field(min_length=1, max_length=200)
    name_en: str = Field(min_length=1, max_length=200)


@taxonomy_router.get("/sectors", response={200: list[SectorOut], **errors(422)})
@paginate(PageNumberPagination)
def list_sectors(request: HttpRequest):  # type: ignore[no-untyped-def]
    return Sector.objects.all()


@taxonomy_router.get("/themes", response={200: list[ThemeOut], **errors(422)})
@paginate(PageNumberPagination)
def list_themes(request: HttpRequest):  # type: ignore[no-untyped-def]
    return Theme.objects.all()


@taxonomy_router.post("/themes", response={201: ThemeOut, **errors(400, 401, 403, 409, 422)}, auth=BearerTokenAuth(),
                      summary="Add a theme (editors)")
def create_theme(request: HttpRequest, payload: ThemeIn) -> Status:
    try:
        theme = theme_create(actor=request.user, **payload.dict())  # type: ignore[arg-type]
    except IntegrityError:
        raise HttpError(409, "A theme with this slug already exists.") from None
    return Status(201, theme)
