"""The public face of the ecosystem: the directory, actor profiles and "find support"."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_safe

from sihub.actors import matching, selectors
from sihub.actors.models import Actor, Offering, OfferingKind, Stage
from sihub.actors.moderation import visible_contacts
from sihub.actors.support_forms import FindSupportForm
from sihub.core import seo
from sihub.core.i18n import FALLBACK, current_language
from sihub.core.models import Municipality

SUPPORT_PER_PAGE = 20


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


# --- Text in the page's language, or marked as the other one -------------------


@dataclass(frozen=True)
class LocalText:
    text: str
    lang: str = ""  # set when the text is the other language's fallback, for a lang attribute


def local_text(obj: Any, name: str) -> LocalText:
    """``obj.<name>_<lang>`` in the current language, else the other one, marked with its code."""
    lang = current_language()
    text = getattr(obj, f"{name}_{lang}", "") or ""
    if text:
        return LocalText(text)
    other = FALLBACK[lang]
    text = getattr(obj, f"{name}_{other}", "") or ""
    return LocalText(text, other if text else "")


# --- Offering cards (profile and find support) ------------------------------------


@dataclass
class OfferingCard:
    offering: Offering
    title: LocalText
    description: LocalText
    state: str  # "open", "upcoming" or "closed": shown in words, not by colour
    reasons: list[str] = field(default_factory=list)

    @property
    def stage_labels(self) -> list[str]:
        labels = dict(Stage.choices)
        return [str(labels.get(stage, stage)) for stage in self.offering.stages or ()]


def offering_state(offering: Offering, today: date) -> str:
    if offering.closes_on is not None and offering.closes_on < today:
        return "closed"
    if offering.opens_on is not None and offering.opens_on > today:
        return "upcoming"
    return "open"


def offering_card(offering: Offering, today: date,
                  reasons: list[str] | None = None) -> OfferingCard:
    return OfferingCard(offering=offering, title=local_text(offering, "title"),
                        description=local_text(offering, "description"),
                        state=offering_state(offering, today), reasons=reasons or [])


# --- Directory ------------------------------------------------------------------------


@require_safe
def directory(request: HttpRequest) -> HttpResponse:
    """All published actors, searched, filtered and sorted; htmx gets the results only."""
    partial = _is_htmx(request)
    result = selectors.directory(request.GET, with_counts=not partial)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "results": result.page,
        "cards": result.cards,
        "facet_results": result.facet_results,
        "sort": result.sort,
        "sort_options": selectors.sort_options(),
        "q": request.GET.get("q", ""),
        "filter_query": query.urlencode(),
        "any_filter": result.any_filter,
    }
    template = "actors/_results.html" if partial else "actors/directory.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


# --- Profile ---------------------------------------------------------------------------


@require_safe
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    actor = selectors.get_published_actor(slug)
    today = timezone.localdate()
    offerings = selectors.actor_offerings(actor)
    context = {
        "actor": actor,
        "description": local_text(actor, "description"),
        "offerings": [offering_card(o, today) for o in offerings],
        "relation_groups": selectors.actor_relations(actor),
        "linked_groups": selectors.grouped_linked_content(actor),
        "contacts": visible_contacts(request.user, actor),
        "tags": selectors.actor_tags(actor),
        "map_config": _map_config(actor),
        "tile_attribution": getattr(settings, "SIHUB_MAP_TILE_ATTRIBUTION", "")
        if getattr(settings, "SIHUB_MAP_TILE_URL", "") else "",
        "is_representative": selectors.is_representative(actor, request.user),
        "json_ld": _json_ld(request, actor),
    }
    return render(request, "actors/detail.html", context)


def _map_config(actor: Actor) -> dict[str, Any] | None:
    """What profile-map.js draws: the point, the county outlines, optional tiles."""
    point = actor.coordinates()
    if point is None:
        return None
    return {
        "lat": point[0],
        "lon": point[1],
        "counties": static("core/geo/counties.geojson"),
        "tiles": getattr(settings, "SIHUB_MAP_TILE_URL", ""),
    }


def _json_ld(request: HttpRequest, actor: Actor) -> str:
    """schema.org Organization, escaped for a <script type="application/ld+json"> block."""
    home = actor.home_municipality
    data: dict[str, Any] = {
        "@context": seo.SCHEMA_CONTEXT,
        "@type": "Organization",
        "name": actor.name,
        "url": seo.absolute_url(seo.site_root_url(request), actor.get_absolute_url()),
        "description": seo.plain_text(actor.description),
        "sameAs": [actor.website] if actor.website else [],
        "identifier": actor.org_number,
        "address": {
            "@type": "PostalAddress", "addressLocality": home.name,
            "addressRegion": home.county.name, "addressCountry": "SE",
        } if home else None,
    }
    compact = {key: value for key, value in data.items() if value not in (None, "", [])}
    # Safe inside <script>: json_ld_text writes <, > and & as \u escapes.
    return mark_safe(seo.json_ld_text(compact))  # noqa: S308  # nosec B308 B703


# --- Find support ---------------------------------------------------------------------


@require_safe
def find_support(request: HttpRequest) -> HttpResponse:
    """"I am … in … and need …" → the matching offerings, best first, each with why."""
    # The question is asked once any of its fields is in the URL; other
    # parameters alone (a tracking tag, a stray page number) show the empty form.
    asked = any(name in request.GET for name in FindSupportForm.base_fields)
    form = FindSupportForm(request.GET if asked else None)
    context: dict[str, Any] = {"form": form, "results": None}
    if form.is_bound and form.is_valid():
        need = form.need()
        today = timezone.localdate()
        matches = matching.rank(need, selectors.support_candidates(need.kinds, today), today)
        page = Paginator(matches, SUPPORT_PER_PAGE).get_page(request.GET.get("page"))
        offerings = selectors.offerings_by_id([m.offering_id for m in page.object_list])
        by_id = {o.pk: o for o in offerings}
        explain = ReasonText(municipality=form.cleaned_data["municipality"],
                             sectors=dict(form.fields["sector"].choices))
        page.object_list = [
            offering_card(by_id[m.offering_id], today, [explain(r) for r in m.reasons])
            for m in page.object_list if m.offering_id in by_id
        ]
        query = request.GET.copy()
        query.pop("page", None)
        context.update(results=page, filter_query=query.urlencode())
    return render(request, "actors/find_support.html", context)


@dataclass(frozen=True)
class ReasonText:
    """Turns the ranking's reason codes into sentences for the person who asked."""

    municipality: Municipality
    sectors: dict[str, Any]

    def place(self, params: Any) -> str:
        if "municipality" in params:
            return self.municipality.name
        return self.municipality.county.name

    def __call__(self, reason: matching.Reason) -> str:  # noqa: C901 - one branch per code
        code, params = reason.code, reason.params
        if code == matching.KIND:
            return _("Offers what you asked for: %(kind)s") % {
                "kind": OfferingKind(params["kind"]).label}
        if code in (matching.REGION_MUNICIPALITY, matching.REGION_COUNTY):
            return _("Offered in %(place)s") % {"place": self.place(params)}
        if code == matching.REGION_NATIONAL:
            return _("Offered in all of Sweden")
        if code in (matching.ACTOR_MUNICIPALITY, matching.ACTOR_COUNTY):
            return _("The organisation works in %(place)s") % {"place": self.place(params)}
        if code == matching.ACTOR_NATIONAL:
            return _("The organisation works in all of Sweden")
        if code == matching.SECTOR_TARGETED:
            return _("Meant for your sector: %(sector)s") % {
                "sector": self.sectors.get(params["sector"], params["sector"])}
        if code == matching.SECTOR_ANY:
            return _("Open to every sector")
        if code == matching.STAGE_TARGETED:
            return _("For the %(stage)s stage") % {
                "stage": str(Stage(params["stage"]).label).lower()}
        if code == matching.STAGE_ANY:
            return _("For every stage")
        if code == matching.OPEN_NOW:
            if params.get("closes_on"):
                return _("Open now, until %(date)s") % {
                    "date": date_format(params["closes_on"], "DATE_FORMAT")}
            return _("Open now, with no closing date")
        if code == matching.OPENS_LATER:
            return _("Opens %(date)s") % {"date": date_format(params["opens_on"], "DATE_FORMAT")}
        if code == matching.SHARED_SDGS:
            goals = params["goals"]
            return ngettext("Works towards your global goal %(goals)s",
                            "Works towards your global goals %(goals)s", len(goals)) % {
                "goals": ", ".join(str(g) for g in goals)}
        return code  # pragma: no cover - a new code without a sentence shows as itself

