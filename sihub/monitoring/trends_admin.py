"""Trends (/admin/monitoring/trends/) and source health (/admin/monitoring/sources/health/).

Trends: items per SDG or theme per week or month as a chart and the same
numbers as a table, the terms rising against the previous period, and both
as CSV (``?format=csv`` for the series, ``?format=terms-csv`` for the terms).
Source health: every source's fetch state and recent volume, failing first.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from sihub.actors.graph import SECTOR_COLOURS
from sihub.core.forms import ErrorSummaryMixin
from sihub.core.importing import spreadsheet_safe
from sihub.monitoring import trends
from sihub.monitoring.models import Source
from sihub.monitoring.selectors import OTHER_LANGUAGE
from sihub.monitoring.trend_selectors import (
    PERIOD_WEEKS,
    SDG,
    THEME,
    TrendFilters,
    TrendSeries,
    item_counts,
    require_view_items,
    require_view_sources,
    rising_terms_for,
    source_health,
)

CHART_LINES = 8  # more lines than this are unreadable; the table has them all
# Okabe & Ito's colour-blind-safe palette (as the actor graph uses) without its
# yellow, which is too faint as a thin line on white.
LINE_COLOURS = tuple(c for c in SECTOR_COLOURS if c != "#F0E442")

GRANULARITY_CHOICES = [(trends.WEEK, gettext_lazy("Per week")),
                       (trends.MONTH, gettext_lazy("Per month"))]
DIMENSION_CHOICES = [(SDG, gettext_lazy("SDG")), (THEME, gettext_lazy("Theme"))]
LANGUAGE_CHOICES = [("", gettext_lazy("Any language")), ("sv", gettext_lazy("Swedish")),
                    ("en", gettext_lazy("English")),
                    (OTHER_LANGUAGE, gettext_lazy("Other or unknown"))]
STATUS_CHOICES = [("all", gettext_lazy("All items")), ("kept", gettext_lazy("Kept items only"))]
DEFAULTS = {"weeks": "12", "granularity": trends.WEEK, "dimension": SDG, "status": "all"}


class TrendFilterForm(ErrorSummaryMixin, forms.Form):
    weeks = forms.TypedChoiceField(label=gettext_lazy("Period"), coerce=int)
    granularity = forms.ChoiceField(label=gettext_lazy("Count"), choices=GRANULARITY_CHOICES)
    dimension = forms.ChoiceField(label=gettext_lazy("By"), choices=DIMENSION_CHOICES)
    language = forms.ChoiceField(label=gettext_lazy("Language"), choices=LANGUAGE_CHOICES,
                                 required=False)
    source = forms.ModelChoiceField(label=gettext_lazy("Source"),
                                    queryset=Source.objects.order_by("name"), required=False,
                                    empty_label=gettext_lazy("Any source"))
    status = forms.ChoiceField(label=gettext_lazy("Items"), choices=STATUS_CHOICES)

    def __init__(self, data: Any, **kwargs: Any) -> None:
        # An empty or partial query string means the defaults, not errors.
        data = data.copy()
        for name, value in DEFAULTS.items():
            if not data.get(name):
                data[name] = value
        super().__init__(data, **kwargs)
        # Built per request: a lazy string formatted at import would freeze its language.
        self.fields["weeks"].choices = [(str(w), _("Last %(weeks)d weeks") % {"weeks": w})
                                        for w in PERIOD_WEEKS]

    def filters(self) -> TrendFilters:
        """The filters of a valid form; the defaults otherwise."""
        if not self.is_valid():
            return TrendFilters()
        data = self.cleaned_data
        return TrendFilters(weeks=data["weeks"], granularity=data["granularity"],
                            dimension=data["dimension"], language=data.get("language") or "",
                            source=data.get("source"), kept_only=data["status"] == "kept")


@require_http_methods(["GET", "HEAD"])
def trends_index(request: HttpRequest) -> HttpResponse:
    require_view_items(request.user)
    form = TrendFilterForm(request.GET)
    filters = form.filters()
    export = request.GET.get("format")
    if export == "csv" and form.is_valid():
        return _series_csv(item_counts(user=request.user, filters=filters))
    if export == "terms-csv" and form.is_valid():
        return _terms_csv(rising_terms_for(user=request.user, filters=filters).terms)
    series = item_counts(user=request.user, filters=filters)
    rising = rising_terms_for(user=request.user, filters=filters)
    return render(request, "monitoring/admin/trends.html", {
        "form": form,
        "summary": form.error_summary() if form.is_bound and not form.is_valid() else [],
        "series": series,
        "by_theme": filters.dimension == THEME,
        "chart": _chart(series),
        "charted": min(len(series.dimensions), CHART_LINES),
        "rising": rising,
        "csv_query": _query(request, "csv"),
        "terms_csv_query": _query(request, "terms-csv"),
    }, status=200 if form.is_valid() else 400)


def _chart(series: TrendSeries) -> trends.LineChart | None:
    if not series.dimensions:
        return None
    largest = sorted(series.rows, key=lambda row: -row[2])[:CHART_LINES]
    keep = {dimension.pk for dimension, _counts, _total in largest}
    charted = [(d, counts) for d, counts, _total in series.rows if d.pk in keep]
    lines = [(d.short, d.colour or LINE_COLOURS[i % len(LINE_COLOURS)], counts)
             for i, (d, counts) in enumerate(charted)]
    return trends.line_chart(lines, series.labels)


def _query(request: HttpRequest, export: str) -> str:
    query = request.GET.copy()
    query["format"] = export
    return query.urlencode()


def _csv_response(header: list[str], rows: list[list[Any]], name: str) -> HttpResponse:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # so Excel reads the file as UTF-8
    writer = csv.writer(buffer)
    writer.writerow([spreadsheet_safe(cell) for cell in header])
    writer.writerows([spreadsheet_safe(cell) for cell in row] for row in rows)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.csv"'
    return response


def _series_csv(series: TrendSeries) -> HttpResponse:
    return _csv_response([_("Period"), _("Dimension"), _("Items")],
                         [list(row) for row in series.csv_rows()], "feed-trends")


def _terms_csv(terms: list[trends.Term]) -> HttpResponse:
    return _csv_response([_("Word or phrase"), _("This period"), _("Previous period"), _("Score")],
                         [[t.term, t.current, t.previous, t.score] for t in terms],
                         "feed-rising-terms")


@require_http_methods(["GET", "HEAD"])
def health_index(request: HttpRequest) -> HttpResponse:
    require_view_sources(request.user)
    labels = {trends.FAILING: _("Failing"), trends.SILENT: _("Silent"),
              trends.NEVER: _("Never fetched"), trends.OK: _("OK")}
    rows = [(row, labels[row.status]) for row in source_health(user=request.user)]
    return render(request, "monitoring/admin/health.html", {"rows": rows})


trend_urlpatterns = [path("", trends_index, name="index")]
health_urlpatterns = [path("", health_index, name="index")]
