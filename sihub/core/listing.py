"""Index pages that list their children with facets, sorting and pagination.

The page renders in full for a normal request and only the results part for
an htmx request (``HX-Request`` header), so filtering updates in place with
JavaScript and still works as a plain form without it.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.core.paginator import Paginator
from django.db.models import QuerySet, prefetch_related_objects
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from sihub.core import facets as facet_lib


class FacetedIndexMixin:
    per_page: ClassVar[int] = 24
    results_template: ClassVar[str] = "core/listing/results.html"
    sort_options: ClassVar[dict[str, tuple[str, Any]]] = {
        "newest": ("-first_published_at", _("Newest first")),
        "oldest": ("first_published_at", _("Oldest first")),
        "title": ("title", _("Title A–Ö")),
    }
    default_sort: ClassVar[str] = "newest"
    # Tags the result cards show, loaded for one page of results at a time.
    listing_prefetch_related: ClassVar[tuple[str, ...]] = ("sdgs", "themes", "counties")

    def listing_model(self) -> Any:  # pragma: no cover - each index says which
        raise NotImplementedError

    def listing_facets(self) -> list[facet_lib.Facet]:
        return []

    def listing_queryset(self) -> QuerySet[Any]:
        return (
            self.listing_model().objects.live().public().child_of(self)  # type: ignore[attr-defined]
            .filter(locale=self.locale)  # type: ignore[attr-defined]
        )

    def listing_context(self, request: HttpRequest) -> dict[str, Any]:
        params = request.GET
        facets = self.listing_facets()
        base = self.listing_queryset()
        filtered = facet_lib.apply(base, facets, params)
        sort = params.get("sort", self.default_sort)
        if sort not in self.sort_options:
            sort = self.default_sort
        ordered = filtered.order_by(self.sort_options[sort][0], "pk")
        # Paginate ids, then load whole rows for one page only: sorting and
        # skipping thousands of full rows (all text columns) is what makes deep
        # pages slow.
        page = Paginator(ordered.values_list("pk", flat=True), self.per_page).get_page(
            params.get("page"))
        ids = list(page.object_list)
        rows = {obj.pk: obj for obj in self.listing_model().objects.filter(pk__in=ids)}
        items = [rows[pk] for pk in ids if pk in rows]
        prefetch_related_objects(items, *self.listing_prefetch_related)
        page.object_list = items
        query = params.copy()
        query.pop("page", None)
        partial = request.headers.get("HX-Request") == "true"
        return {
            "results": page,
            # An htmx update replaces the results only; the counts are for full pages.
            "facet_results": [] if partial else facet_lib.counts(base, facets, params),
            "sort": sort,
            "sort_options": [(k, v[1]) for k, v in self.sort_options.items()],
            "filter_query": query.urlencode(),
            "any_filter": any(f.selected(params) for f in facets),
            "results_template": self.results_template,
        }

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)  # type: ignore[misc]
        context.update(self.listing_context(request))
        return context

    def get_template(self, request: HttpRequest, *args: Any, **kwargs: Any) -> str:
        if request.headers.get("HX-Request") == "true":
            return self.results_template
        return super().get_template(request, *args, **kwargs)  # type: ignore[misc]
