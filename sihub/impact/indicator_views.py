"""Indicators and their measurements: the list, one indicator's chart and data, the import.

Everyone who may read the initiative sees the indicators and charts (a
published initiative's are public); forms appear, and POSTs are accepted,
only for those who may change it. Each view: fetch through the selectors,
validate, call a service, redirect with a message (or re-render with 400).
The chart geometry is computed in ``charts`` (no Django there).
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sihub.core.forms import apply_validation_error
from sihub.core.importing import ImportFileError, spreadsheet_safe
from sihub.impact import charts, indicator_services, selectors, services
from sihub.impact.forms_indicators import IndicatorForm, MeasurementForm, MeasurementImportForm
from sihub.impact.models import Indicator, Initiative, Measurement

# The import's own column names, so an exported file can be imported again.
CSV_HEADER = ["indicator", "date", "value", "breakdown_dimension", "breakdown_value"]
SPARK_POINTS = 12  # the last values of the total in the list's sparkline


# --- Shared --------------------------------------------------------------------------------


def _workspace(request: HttpRequest, initiative: Initiative, section: str = "indicators",
               **context: Any) -> dict[str, Any]:
    return {"initiative": initiative, "section": section,
            "can_write": selectors.user_can_change_initiative(request.user, initiative),
            **context}


def _plain(value: Decimal) -> str:
    """12.5000 → "12.5", 100 → "100": a number a spreadsheet and the import both read."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


def _csv_response(rows: list[list[Any]], name: str) -> HttpResponse:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # so Excel reads the file as UTF-8
    writer = csv.writer(buffer)
    writer.writerow(CSV_HEADER)
    writer.writerows([spreadsheet_safe(cell) for cell in row] for row in rows)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


def _for_display(indicator: Indicator, points: list[Measurement]) -> None:
    """Stored numbers have four decimals (12.0000); pages show them as written (12).

    Only in memory, after any write, so nothing tidied is ever saved.
    """
    for name in ("baseline", "target"):
        value = getattr(indicator, name)
        if value is not None:
            setattr(indicator, name, charts.tidy(value))
    for point in points:
        point.value = charts.tidy(point.value)


@dataclass(frozen=True)
class IndicatorRow:
    """An indicator as the list shows it: its latest total and how far it has come."""

    indicator: Indicator
    latest: Measurement | None
    progress: Decimal | None
    meter: charts.ProgressMeter
    spark: str


def indicator_row(indicator: Indicator, totals: list[Measurement]) -> IndicatorRow:
    """``totals``: the indicator's total measurements in date order."""
    latest = totals[-1] if totals else None
    progress = charts.progress_towards(latest.value if latest else None, indicator.baseline,
                                       indicator.target)
    return IndicatorRow(indicator=indicator, latest=latest, progress=progress,
                        meter=charts.progress_meter(progress),
                        spark=charts.sparkline([m.value for m in totals[-SPARK_POINTS:]]))


# --- The list ------------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def indicators(request: HttpRequest, pk: int) -> HttpResponse:
    """All indicators by stakeholder and outcome; writers add one to an outcome."""
    initiative = selectors.get_initiative_for_user(user=request.user, pk=pk,
                                                   write=request.method == "POST")
    outcomes = selectors.outcomes_of(initiative)
    form = IndicatorForm(request.POST or None, outcomes=outcomes)
    if request.method == "POST" and form.is_valid():
        try:
            indicator = services.indicator_create(user=request.user,
                                                  outcome=form.cleaned_data["outcome"],
                                                  **form.fields_for_service())
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The indicator “%(name)s” was added.")
                             % {"name": indicator.name})
            return HttpResponseRedirect(reverse("impact:indicator",
                                                args=[initiative.pk, indicator.pk]))

    totals: dict[int, list[Measurement]] = defaultdict(list)
    for point in selectors.measurements_of(initiative).filter(breakdown_dimension="").order_by(
            "date"):
        totals[point.indicator_id].append(point)
    by_outcome: dict[int, list[IndicatorRow]] = defaultdict(list)
    for indicator in selectors.indicators_of(initiative).order_by("position", "pk"):
        _for_display(indicator, totals[indicator.pk])
        by_outcome[indicator.outcome_id].append(indicator_row(indicator, totals[indicator.pk]))
    by_stakeholder: dict[int, list[tuple[Any, list[IndicatorRow]]]] = defaultdict(list)
    for outcome in outcomes:
        by_stakeholder[outcome.stakeholder_id].append((outcome, by_outcome[outcome.pk]))
    groups = [(group, by_stakeholder[group.pk]) for group in selectors.stakeholders_of(initiative)
              if by_stakeholder[group.pk]]

    invalid = request.method == "POST"  # a valid POST has redirected
    return render(request, "impact/indicators.html", _workspace(
        request, initiative, groups=groups, form=form, has_outcomes=bool(outcomes),
        summary=form.error_summary() if invalid else [],
    ), status=400 if invalid else 200)


# --- One indicator -------------------------------------------------------------------------


def _indicator_of(request: HttpRequest, initiative: Initiative, indicator_pk: int) -> Indicator:
    indicator = selectors.get_indicator_for_user(user=request.user, pk=indicator_pk)
    if indicator.outcome.initiative_id != initiative.pk:
        raise Http404("No such indicator")
    indicator.outcome.initiative = initiative  # the services read it; no second query
    return indicator


@dataclass(frozen=True)
class TableRow:
    on: date
    values: list[Decimal | None]


def _series(points: list[Measurement], dimension: str) -> tuple[list[str], list[TableRow],
                                                                 list[charts.Series]]:
    """The total and, with a ``dimension``, one series per group: names, table rows, chart lines."""
    names = [_("Total")]
    keys: list[tuple[str, str]] = [("", "")]
    if dimension:
        groups = sorted({p.breakdown_value for p in points if p.breakdown_dimension == dimension})
        names += groups
        keys += [(dimension, g) for g in groups]
    index = {key: i for i, key in enumerate(keys)}
    by_date: dict[date, list[Decimal | None]] = {}
    lines: list[list[tuple[date, Decimal]]] = [[] for _k in keys]
    for p in points:
        i = index.get((p.breakdown_dimension, p.breakdown_value))
        if i is None:
            continue
        by_date.setdefault(p.date, [None] * len(keys))[i] = p.value
        lines[i].append((p.date, p.value))
    rows = [TableRow(on=on, values=values) for on, values in sorted(by_date.items())]
    return names, rows, list(zip(names, lines, strict=True))


def _indicator_post(request: HttpRequest, initiative: Initiative, indicator: Indicator, *,
                    action: str, editing: Measurement | None, measurement_form: MeasurementForm,
                    indicator_form: IndicatorForm) -> HttpResponse | None:
    """Carry out one of the indicator page's forms: a redirect, or None to show the errors."""
    here = reverse("impact:indicator", args=[initiative.pk, indicator.pk])
    if action == "measurement_delete" and editing is not None:
        indicator_services.measurement_delete(measurement=editing, user=request.user)
        messages.success(request, _("The measurement was deleted."))
        return HttpResponseRedirect(here)
    if action == "indicator_delete":
        services.indicator_delete(indicator=indicator, user=request.user)
        messages.success(request, _("The indicator “%(name)s” was deleted.")
                         % {"name": indicator.name})
        return HttpResponseRedirect(reverse("impact:indicators", args=[initiative.pk]))
    if action == "measurement_save" and measurement_form.is_valid():
        data = measurement_form.cleaned_data
        try:
            indicator_services.measurement_save(
                indicator=indicator, user=request.user, on=data["date"], value=data["value"],
                breakdown_dimension=data["breakdown_dimension"],
                breakdown_value=data["breakdown_value"], measurement=editing)
        except ValidationError as exc:
            apply_validation_error(measurement_form, exc)
        else:
            messages.success(request, _("The measurement was saved."))
            return HttpResponseRedirect(here)
    if action == "indicator_update" and indicator_form.is_valid():
        try:
            services.indicator_update(indicator=indicator, user=request.user,
                                      fields=indicator_form.fields_for_service())
        except ValidationError as exc:
            apply_validation_error(indicator_form, exc)
        else:
            messages.success(request, _("The indicator was saved."))
            return HttpResponseRedirect(here)
    if action not in ("measurement_save", "indicator_update"):
        raise Http404("Unknown action")
    return None


@require_http_methods(["GET", "HEAD", "POST"])
def indicator(request: HttpRequest, pk: int, indicator_pk: int) -> HttpResponse:
    """The chart against baseline and target, the data, and (for writers) the forms."""
    initiative = selectors.get_initiative_for_user(user=request.user, pk=pk,
                                                   write=request.method == "POST")
    indicator = _indicator_of(request, initiative, indicator_pk)
    points = list(indicator.measurements.order_by("date", "breakdown_dimension",
                                                  "breakdown_value"))
    if request.GET.get("format") == "csv":
        name = slugify(indicator.name) or "indicator"
        return _csv_response([[indicator.name, p.date.isoformat(), _plain(p.value),
                               p.breakdown_dimension, p.breakdown_value] for p in points],
                             f"{name}-{timezone.localdate().isoformat()}")

    action = request.POST.get("action", "")
    editing = None
    if request.GET.get("edit"):
        editing = indicator_services.measurement_of(indicator, request.GET["edit"])
    if request.method == "POST" and action in ("measurement_save", "measurement_delete"):
        target_pk = request.POST.get("measurement")
        editing = indicator_services.measurement_of(indicator, target_pk) if target_pk else None
    measurement_form = MeasurementForm.for_measurement(
        editing, request.POST if action == "measurement_save" else None)
    indicator_form = IndicatorForm.for_indicator(
        indicator, request.POST if action == "indicator_update" else None)

    if request.method == "POST":
        done = _indicator_post(request, initiative, indicator, action=action, editing=editing,
                               measurement_form=measurement_form, indicator_form=indicator_form)
        if done is not None:
            return done
        indicator.refresh_from_db()  # the failed form may have changed it in memory

    _for_display(indicator, points)
    dimensions = sorted({p.breakdown_dimension for p in points if p.breakdown_dimension})
    dimension = request.GET.get("breakdown", "")
    if dimension not in dimensions:
        dimension = ""
    names, table, series = _series(points, dimension)
    chart = charts.line_chart(series, baseline=indicator.baseline, target=indicator.target)
    totals = [p for p in points if p.is_total]
    invalid = request.method == "POST"
    summary: list[tuple[str, str]] = []
    if invalid:
        summary = (measurement_form.error_summary() if action == "measurement_save"
                   else indicator_form.error_summary())
    return render(request, "impact/indicator.html", _workspace(
        request, initiative, indicator=indicator, row=indicator_row(indicator, totals),
        points=points, dimensions=dimensions, dimension=dimension, names=names, table=table,
        chart=chart, charted=min(len(series), charts.MAX_LINES),
        measurement_form=measurement_form, indicator_form=indicator_form, editing=editing,
        summary=summary, action=action,
    ), status=400 if invalid else 200)


# --- Import --------------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def measurements_import(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload a CSV of measurements: every row right and all written, or nothing written."""
    initiative = selectors.get_initiative_for_user(user=request.user, pk=pk, write=True)
    if request.GET.get("format") == "template":
        today = timezone.localdate().isoformat()
        rows = [[i.name, today, "", "", ""]
                for i in selectors.indicators_of(initiative).order_by("position", "pk")]
        return _csv_response(rows, f"{initiative.slug}-measurements")

    form = MeasurementImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            report = services.measurement_import_csv(initiative=initiative, user=request.user,
                                                     file=form.cleaned_data["file"])
        except ImportFileError as exc:
            form.add_error("file", str(exc))
        else:
            if report.ok:
                messages.success(request, _(
                    "The file was imported: %(created)s new measurements, %(updated)s updated.")
                    % {"created": report.created, "updated": report.updated})
                return HttpResponseRedirect(reverse("impact:indicators", args=[initiative.pk]))

    invalid = request.method == "POST"
    return render(request, "impact/measurements_import.html", _workspace(
        request, initiative, form=form, report=report,
        summary=form.error_summary() if invalid else [],
        columns=CSV_HEADER,
    ), status=400 if invalid else 200)
