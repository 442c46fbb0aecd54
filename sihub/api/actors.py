"""API: the ecosystem's actors, what they offer, how they are linked, and the graph.

Read-only and public. Only published actors appear, and an offering or a
relation only through published actors (a relation needs both ends
published). Contact people are personal data (see core/privacy.py) and never
appear in the API: they stay on the profile page, with consent.

The actor list and the graph filter exactly as the directory does
(``actors.selectors.filtered_actors``): sector, type, region served, offering
kind, goal, theme and a name search.
"""

# No "from __future__ import annotations": ninja reads Query[...] from the signature.

from datetime import date, datetime
from typing import Annotated, Any, Literal

from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from sihub.actors.graph import ecosystem_graph
from sihub.actors.models import Actor, ActorKind, Offering, OfferingKind, Relation, RelationKind
from sihub.actors.selectors import filtered_actors, published_actors
from sihub.api.errors import errors
from sihub.api.knowledge import CountyCode, GoalNumber, Slug
from sihub.api.pagination import PageNumberPagination

router = Router(tags=["Ecosystem actors"])

# Free text that can reach the database: no control characters (PostgreSQL
# refuses NUL), bounded in length.
SearchText = Annotated[str, Field(max_length=100, pattern=r"^[^\x00-\x1f]*$")]
ActorSlug = Annotated[str, Field(min_length=1, max_length=120, pattern=r"^[-a-zA-Z0-9_]+$")]
Language = Literal["sv", "en"]


# --- Filters ---------------------------------------------------------------------


class ActorFilters(Schema):
    q: SearchText = Field("", description="Part of the name, or an organisation number.")
    sector: list[Slug] = Field(
        [], description="The actor's sector (slug); repeat for any of several.")
    type: list[ActorKind] = Field([], description="The actor's type.")
    region: list[CountyCode] = Field(
        [], description="County served (code, e.g. 24), counting actors that serve all of Sweden.")
    offering: list[OfferingKind] = Field([], description="Offers this kind of support.")
    sdg: list[GoalNumber] = Field([], description="Global goal number.")
    theme: list[Slug] = Field([], description="Theme slug.")
    lang: Language = Field("sv", description="Language of the profile links.")

    def params(self) -> dict[str, Any]:
        """The directory's query parameters, as ``filtered_actors`` reads them."""
        values = self.dict(exclude={"q", "lang"})
        params: dict[str, Any] = {name: [getattr(v, "value", v) for v in items]
                                  for name, items in values.items()}
        params["q"] = self.q
        return params


class OfferingFilters(Schema):
    kind: list[OfferingKind] = Field([], description="Kind of support; repeat for any of several.")
    county: list[CountyCode] = Field(
        [], description="Offered in this county: there, in one of its municipalities, in all of "
                        "Sweden, or (offerings that name no place) wherever their actor works.")
    actor: ActorSlug | None = Field(None, description="Only this actor's offerings (its slug).")
    open: bool | None = Field(None, description="true: only those open today; false: only closed.")
    lang: Language = Field("sv", description="Language of the profile links.")


class RelationFilters(Schema):
    kind: list[RelationKind] = Field([], description="Kind of relation; repeat for several.")
    actor: ActorSlug | None = Field(None, description="Only relations of this actor, either end.")
    lang: Language = Field("sv", description="Language of the profile links.")


# --- Output ----------------------------------------------------------------------


def _profile_url(actor: Actor, context: dict[str, Any]) -> str:
    request = context["request"]
    lang = request.GET.get("lang")
    with translation.override(lang if lang in ("sv", "en") else "sv"):
        return request.build_absolute_uri(actor.get_absolute_url())


class ActorRef(Schema):
    slug: str
    name: str
    url: str = Field(description="Absolute address of the actor's profile.")

    @staticmethod
    def resolve_url(obj: Actor, context: dict[str, Any]) -> str:
        return _profile_url(obj, context)


class Location(Schema):
    latitude: float
    longitude: float


class ActorOut(Schema):
    slug: str
    name: str
    org_number: str = Field(description="Swedish organisation number, NNNNNN-NNNN, or empty.")
    sector: str = Field(alias="sector.slug", examples=["social-economy"])
    type: ActorKind = Field(alias="kind")
    description_sv: str
    description_en: str
    website: str
    url: str = Field(description="Absolute address of the actor's profile.")
    home_municipality: str | None = Field(examples=["2480"])
    home_county: str | None = Field(examples=["24"])
    location: Location | None = Field(
        description="The actor's own point, else its home municipality's.")
    counties: list[str] = Field(description="Counties served.", examples=[["24"]])
    municipalities: list[str] = Field(description="Municipalities served.")
    national: bool = Field(alias="serves_national", description="Serves all of Sweden.")
    international: bool = Field(alias="serves_international")
    sdgs: list[int] = Field(examples=[[8, 10]])
    targets: list[str] = Field(examples=[["8.5"]])
    themes: list[str]
    updated_at: datetime

    @staticmethod
    def resolve_url(obj: Actor, context: dict[str, Any]) -> str:
        return _profile_url(obj, context)

    @staticmethod
    def resolve_home_municipality(obj: Actor) -> str | None:
        return obj.home_municipality.code if obj.home_municipality else None

    @staticmethod
    def resolve_home_county(obj: Actor) -> str | None:
        return obj.home_municipality.county.code if obj.home_municipality else None

    @staticmethod
    def resolve_location(obj: Actor) -> dict[str, float] | None:
        point = obj.coordinates()
        return None if point is None else {"latitude": point[0], "longitude": point[1]}

    # .all() reads the prefetched rows; a values_list() would query again per actor.
    @staticmethod
    def resolve_counties(obj: Actor) -> list[str]:
        return [c.code for c in obj.counties.all()]

    @staticmethod
    def resolve_municipalities(obj: Actor) -> list[str]:
        return [m.code for m in obj.municipalities.all()]

    @staticmethod
    def resolve_sdgs(obj: Actor) -> list[int]:
        return sorted(g.number for g in obj.sdgs.all())

    @staticmethod
    def resolve_targets(obj: Actor) -> list[str]:
        return [t.code for t in obj.sdg_targets.all()]

    @staticmethod
    def resolve_themes(obj: Actor) -> list[str]:
        return [t.slug for t in obj.themes.all()]


class OfferingFields(Schema):
    id: int
    kind: OfferingKind
    title_sv: str
    title_en: str
    description_sv: str
    description_en: str
    stages: list[str] = Field(description="Stages it is for; empty means every stage.")
    target_sectors: list[str] = Field(description="Sectors it is for; empty means every sector.")
    target_groups: str
    counties: list[str]
    municipalities: list[str]
    national: bool = Field(description="Offered in all of Sweden.")
    conditions: str
    url: str = Field(description="Link to the offering.")
    opens_on: date | None
    closes_on: date | None
    is_open: bool = Field(description="Open today.")

    @staticmethod
    def resolve_stages(obj: Offering) -> list[str]:
        return list(obj.stages or [])

    @staticmethod
    def resolve_target_sectors(obj: Offering) -> list[str]:
        return [s.slug for s in obj.target_sectors.all()]

    @staticmethod
    def resolve_counties(obj: Offering) -> list[str]:
        return [c.code for c in obj.counties.all()]

    @staticmethod
    def resolve_municipalities(obj: Offering) -> list[str]:
        return [m.code for m in obj.municipalities.all()]

    @staticmethod
    def resolve_is_open(obj: Offering) -> bool:
        return obj.is_open()


class OfferingOut(OfferingFields):
    actor: ActorRef


class RelationOut(Schema):
    id: int
    kind: RelationKind
    source_actor: ActorRef = Field(description="The actor the relation goes from.")
    target_actor: ActorRef
    started_on: date | None
    ended_on: date | None
    source: str = Field(description="Where the relation is known from: a URL, report or person.")
    is_current: bool


class ActorDetailOut(ActorOut):
    offerings: list[OfferingFields]
    relations: list[RelationOut] = Field(description="Relations with published actors, either way.")

    @staticmethod
    def resolve_offerings(obj: Actor) -> list[Offering]:
        return list(obj.offerings.all())

    @staticmethod
    def resolve_relations(obj: Actor) -> list[Relation]:
        return list(_relations().filter(Q(source_actor=obj) | Q(target_actor=obj)))


class NodeOut(Schema):
    id: int = Field(description="The actor's id; edges refer to it.")
    label: str
    sector: str
    kind: str
    county: str | None
    municipality: str | None
    url: str

    @staticmethod
    def resolve_url(obj: Any, context: dict[str, Any]) -> str:
        return context["request"].build_absolute_uri(obj.url)


class EdgeOut(Schema):
    source: int
    target: int
    kind: str = Field(description="A relation kind, or another area's link (e.g. coalition).")
    origin: str = Field(description='"relations", or the area the link comes from.')
    label: str


class GraphOut(Schema):
    nodes: list[NodeOut]
    edges: list[EdgeOut]


# --- Reads -----------------------------------------------------------------------


ACTOR_PREFETCH = ("counties", "municipalities", "sdgs", "sdg_targets", "themes")
OFFERING_PREFETCH = ("target_sectors", "counties", "municipalities")


def _actors(queryset: QuerySet[Actor]) -> QuerySet[Actor]:
    return (queryset.select_related("sector", "home_municipality__county")
            .prefetch_related(*ACTOR_PREFETCH))


def _offerings() -> QuerySet[Offering]:
    return (Offering.objects.filter(actor__is_published=True).select_related("actor")
            .prefetch_related(*OFFERING_PREFETCH))


def _relations() -> QuerySet[Relation]:
    return (Relation.objects.filter(source_actor__is_published=True,
                                    target_actor__is_published=True)
            .select_related("source_actor", "target_actor").order_by("pk"))


def _offered_in(codes: list[str]) -> Q:
    """Offerings available in one of the counties ``codes``."""
    placeless = Offering.objects.filter(counties__isnull=True, municipalities__isnull=True,
                                        national=False).values("pk")
    actor_serves = (Q(actor__counties__code__in=codes)
                    | Q(actor__municipalities__county__code__in=codes)
                    | Q(actor__home_municipality__county__code__in=codes)
                    | Q(actor__serves_national=True))
    return (Q(counties__code__in=codes) | Q(municipalities__county__code__in=codes)
            | Q(national=True) | (Q(pk__in=placeless) & actor_serves))


LIST_ERRORS = errors(422)


@router.get("", response={200: list[ActorOut], **LIST_ERRORS},
            summary="Actors: organisations in the ecosystem")
@paginate(PageNumberPagination)
def list_actors(request: HttpRequest, filters: Query[ActorFilters]):  # type: ignore[no-untyped-def]
    return _actors(filtered_actors(filters.params())).order_by("name", "pk")


@router.get("/offerings", response={200: list[OfferingOut], **LIST_ERRORS},
            summary="What actors offer: funding, advice, incubation, premises …")
@paginate(PageNumberPagination)
def list_offerings(request: HttpRequest, filters: Query[OfferingFilters]):  # type: ignore[no-untyped-def]
    qs = _offerings()
    if filters.kind:
        qs = qs.filter(kind__in=[k.value for k in filters.kind])
    if filters.county:
        # A subquery keeps the joins from repeating an offering.
        qs = qs.filter(pk__in=Offering.objects.filter(_offered_in(filters.county)).values("pk"))
    if filters.actor:
        qs = qs.filter(actor__slug=filters.actor)
    if filters.open is not None:
        today = timezone.localdate()
        is_open = ((Q(opens_on__isnull=True) | Q(opens_on__lte=today))
                   & (Q(closes_on__isnull=True) | Q(closes_on__gte=today)))
        qs = qs.filter(is_open if filters.open else ~is_open)
    return qs.order_by("actor__name", "actor_id", "sort_order", "pk")


@router.get("/relations", response={200: list[RelationOut], **LIST_ERRORS},
            summary="Relations between actors: partner, funds, member of, owns, collaborates")
@paginate(PageNumberPagination)
def list_relations(request: HttpRequest, filters: Query[RelationFilters]):  # type: ignore[no-untyped-def]
    qs = _relations()
    if filters.kind:
        qs = qs.filter(kind__in=[k.value for k in filters.kind])
    if filters.actor:
        qs = qs.filter(Q(source_actor__slug=filters.actor) | Q(target_actor__slug=filters.actor))
    return qs


@router.get("/graph", response={200: GraphOut, **LIST_ERRORS},
            summary="The ecosystem graph: actors as nodes, every kind of link as edges")
def get_graph(request: HttpRequest, filters: Query[ActorFilters]) -> dict[str, Any]:
    """The actors the filters select and the links between them (from every area)."""
    with translation.override(filters.lang):  # the nodes' profile links
        nodes, edges = ecosystem_graph(filtered_actors(filters.params()))
    return {"nodes": nodes, "edges": edges}


@router.get("/{slug}", response={200: ActorDetailOut, **errors(404, 422)},
            summary="One actor with its offerings and relations")
def get_actor(request: HttpRequest, slug: ActorSlug,
              lang: Language = "sv") -> Actor | HttpResponseBase:
    queryset = _actors(published_actors()).prefetch_related(
        Prefetch("offerings", queryset=Offering.objects.prefetch_related(*OFFERING_PREFETCH)))
    return get_object_or_404(queryset, slug=slug)
