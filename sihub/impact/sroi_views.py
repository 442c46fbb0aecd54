"""The value map, its SROI and sensitivity, the XLSX round trip, the proxy library.

Every view fetches the initiative with ``selectors.get_initiative_for_user``
(404 when the user may not read it, 403 when a write is asked of a reader).
Published initiatives show their value map and SROI to everyone, read-only;
the forms are there only for those who may change it. Writes go through
``services`` (and ``valuemap_xlsx`` for the import), then redirect.

Numbers are ``Decimal`` to the end; ``sroi.display`` rounds them for the page
and the templates format them in the active language (``floatformat``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from sihub.core.importing import ImportFileError
from sihub.impact import selectors, services
from sihub.impact import sroi as sroi_math  # the view below is called sroi (its URL name)
from sihub.impact.forms_sroi import (
    InputsForm,
    ProxySearchForm,
    ValueMapImportForm,
    ValueMapRowForm,
    to_percent,
)
from sihub.impact.models import FinancialProxy, Initiative, ValueMapRow
from sihub.impact.valuemap_xlsx import sroi_outcome, value_map_import_xlsx, value_map_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HUNDRED = Decimal(100)

ASSUMPTION_LABELS = {
    "deadweight": gettext_lazy("Deadweight"),
    "displacement": gettext_lazy("Displacement"),
    "attribution": gettext_lazy("Attribution"),
    "drop_off": gettext_lazy("Drop-off"),
    "proxy_value": gettext_lazy("Financial proxy (SEK per unit)"),
    "quantity": gettext_lazy("Quantity"),
    "duration_years": gettext_lazy("Duration (years)"),
}
REASONS = {
    "out_of_range": gettext_lazy("Cannot reach 1:1 within the valid range."),
    "no_effect": gettext_lazy("Cannot reach 1:1: the ratio does not depend on this assumption "
                              "for this outcome."),
}
PAYBACK_REASONS = {
    "no_year_one_value": gettext_lazy("No payback period: the total value in year 1 is 0 (for "
                                      "example, every outcome starts after the activity)."),
    "negative_year_one_value": gettext_lazy("No payback period: the total value in year 1 is "
                                            "negative."),
}
TORNADO_BARS = 10  # the chart shows the largest swings; the table lists all


def _context(request: HttpRequest, initiative: Initiative, section: str,
             **extra: Any) -> dict[str, Any]:
    return {"initiative": initiative, "section": section,
            "can_write": selectors.user_can_change_initiative(request.user, initiative), **extra}


def _d(value: Decimal | None, places: int = 2) -> Decimal | None:
    return sroi_math.display(value, places)


# --- The value map ---------------------------------------------------------------------------


@dataclass
class MapLine:
    """One row of the value-map table, with the figures the page shows."""

    row: ValueMapRow
    value_per_unit: Decimal | None
    deadweight: Decimal | None
    displacement: Decimal | None
    attribution: Decimal | None
    drop_off: Decimal | None
    impact: Decimal | None


def _map_lines(initiative: Initiative) -> tuple[list[MapLine], Decimal]:
    lines = []
    total = Decimal(0)
    for row in selectors.value_map_rows_of(initiative):
        outcome = sroi_outcome(row)
        impact = sroi_math.outcome_impact(outcome) if outcome is not None else None
        if impact is not None:
            total += impact
        lines.append(MapLine(row, row.value_per_unit, to_percent(row.deadweight),
                             to_percent(row.displacement), to_percent(row.attribution),
                             to_percent(row.drop_off), _d(impact)))
    return lines, _d(total) or Decimal(0)


def _row_of(request: HttpRequest, initiative: Initiative, pk: Any) -> ValueMapRow:
    """A row of *this* initiative, which the caller has fetched for the access it needs.

    Looked up among the initiative's own rows, so a row of another initiative
    is a 404 whatever the user may do there.
    """
    try:
        row = selectors.value_map_rows_of(initiative).filter(pk=int(pk)).first()
    except (TypeError, ValueError):
        row = None
    if row is None:
        raise Http404("Not a row of this initiative")
    return row


def _render_map(request: HttpRequest, initiative: Initiative, *, row_form: ValueMapRowForm | None,
                inputs_form: InputsForm | None, editing: ValueMapRow | None = None,
                status: int = 200) -> HttpResponse:
    lines, total = _map_lines(initiative)
    summary: list[tuple[str, str]] = []
    for form in (inputs_form, row_form):
        if form is not None and form.is_bound:
            summary += form.error_summary()
    context = _context(request, initiative, "value_map", lines=lines, total_impact=total,
                       row_form=row_form, inputs_form=inputs_form, editing=editing,
                       summary=summary,
                       discount_percent=to_percent(initiative.discount_rate),
                       has_outcomes=selectors.outcomes_of(initiative).exists())
    return render(request, "impact/value_map.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def value_map(request: HttpRequest, pk: int) -> HttpResponse:
    """The value map in the guide's columns; writers add, change and delete rows here."""
    if request.method == "POST":
        return _value_map_post(request, pk)
    initiative = selectors.get_initiative_for_user(user=request.user, pk=pk)
    if not selectors.user_can_change_initiative(request.user, initiative):
        return _render_map(request, initiative, row_form=None, inputs_form=None)
    editing = None
    if request.GET.get("edit"):
        editing = _row_of(request, initiative, request.GET["edit"])
    return _render_map(request, initiative,
                       row_form=ValueMapRowForm(initiative=initiative, row=editing),
                       inputs_form=InputsForm.for_initiative(initiative), editing=editing)


def _value_map_post(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = selectors.get_initiative_for_user(user=request.user, pk=pk, write=True)
    here = reverse("impact:value_map", args=[initiative.pk])
    action = request.POST.get("action", "")
    if action == "delete":
        row = _row_of(request, initiative, request.POST.get("row"))
        services.value_map_row_delete(row=row, user=request.user)
        messages.success(request, _("The row was deleted."))
        return HttpResponseRedirect(here)
    if action == "inputs":
        inputs_form = InputsForm.for_initiative(initiative, request.POST)
        if inputs_form.is_valid():
            try:
                services.initiative_update(initiative=initiative, user=request.user,
                                           fields=inputs_form.cleaned_data)
            except ValidationError as error:
                initiative.refresh_from_db()
                inputs_form.add_error(None, error)
            else:
                messages.success(request, _("The inputs and the discount rate were saved."))
                return HttpResponseRedirect(here)
        return _render_map(request, initiative, row_form=ValueMapRowForm(initiative=initiative),
                           inputs_form=inputs_form, status=400)
    if action not in ("add", "edit"):
        return HttpResponse(status=400)
    editing = _row_of(request, initiative, request.POST.get("row")) if action == "edit" else None
    form = ValueMapRowForm(request.POST, initiative=initiative, row=editing)
    if form.is_valid():
        try:
            if editing is None:
                services.value_map_row_create(initiative=initiative, user=request.user,
                                              fields={**form.service_fields(),
                                                      "position": initiative.value_map_rows.count()})
            else:
                services.value_map_row_update(row=editing, user=request.user,
                                              fields=form.service_fields())
        except ValidationError as error:
            form.add_model_errors(error)
        else:
            messages.success(request, _("The row was saved."))
            return HttpResponseRedirect(here)
    return _render_map(request, initiative, row_form=form,
                       inputs_form=InputsForm.for_initiative(initiative), editing=editing,
                       status=400)


# --- XLSX ------------------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD"])
def value_map_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The value map as XLSX: whoever may read the map may take it away."""
    initiative = selectors.get_initiative_for_user(user=request.user, pk=pk)
    response = HttpResponse(value_map_workbook(initiative), content_type=XLSX)
    name = slugify(initiative.slug or initiative.title) or "initiative"
    response["Content-Disposition"] = f'attachment; filename="value-map-{name}.xlsx"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def value_map_import(request: HttpRequest, pk: int) -> HttpResponse:
    """Replace the value map with a workbook's rows: all of them, or none."""
    initiative = selectors.get_initiative_for_user(user=request.user, pk=pk, write=True)
    form = ValueMapImportForm(request.POST or None, request.FILES or None)
    errors: list[Any] = []
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                report = value_map_import_xlsx(initiative=initiative, user=request.user,
                                               file=upload)
            except ImportFileError as error:
                form.add_error("file", str(error))
            else:
                if report.ok:
                    messages.success(request, _(
                        "The value map was replaced: %(created)s rows imported, %(deleted)s "
                        "removed.") % {"created": report.created, "deleted": report.deleted})
                    return HttpResponseRedirect(reverse("impact:value_map", args=[initiative.pk]))
                errors = report.errors
    context = _context(request, initiative, "value_map", form=form, errors=errors,
                       summary=form.error_summary() if form.is_bound else [])
    return render(request, "impact/value_map_import.html", context, status=status)


# --- SROI ------------------------------------------------------------------------------------


def _fraction_display(value: Decimal | None) -> Decimal | None:
    return None if value is None else _d(value * HUNDRED)


def _unit(assumption: str) -> str:
    """How the page shows an assumption's values: percent, SEK, years or a number."""
    if assumption in sroi_math.FRACTION_FIELDS:
        return "percent"
    return {"proxy_value": "sek", "duration_years": "years"}.get(assumption, "number")


@dataclass
class BreakEvenLine:
    assumption: str
    label: str
    unit: str  # "percent", "sek", "number", "years"
    current: Decimal | None
    break_even: Decimal | None
    change: Decimal | None
    exact: bool
    reason: str


def _break_even_line(b: sroi_math.BreakEven) -> BreakEvenLine:
    label = str(ASSUMPTION_LABELS[b.assumption])
    reason = str(REASONS.get(b.reason_code or "", b.reason or ""))
    unit = _unit(b.assumption)
    if unit == "percent":
        return BreakEvenLine(b.assumption, label, unit, _fraction_display(b.current),
                             _fraction_display(b.break_even), _fraction_display(b.change),
                             b.exact, reason)
    if unit == "years":
        return BreakEvenLine(b.assumption, label, unit, b.current, b.break_even, b.change,
                             b.exact, reason)
    return BreakEvenLine(b.assumption, label, unit, _d(b.current), _d(b.break_even),
                         _d(b.change), b.exact, reason)


@dataclass
class Bar:
    label: str
    y: float
    x_low: float
    x_high: float
    x_base: float
    low: Decimal | None
    high: Decimal | None

    @property
    def x(self) -> float:
        return min(self.x_low, self.x_high)

    @property
    def square_x(self) -> float:
        return self.x_high - 6

    @property
    def w(self) -> float:
        return max(abs(self.x_high - self.x_low), 1.0)


def tornado_chart(rows: tuple[sroi_math.TornadoRow, ...], base: Decimal, *, limit: int = TORNADO_BARS,
                  width: int = 720) -> dict[str, Any] | None:
    """Geometry of a horizontal tornado chart (pure arithmetic; the template draws it)."""
    rows = tuple(r for r in rows if r.swing > 0)[:limit]
    if not rows:
        return None
    label_width, right_pad, bar_height, gap, top = 300, 60, 22, 10, 30
    values = [float(base), 1.0] + [float(v) for r in rows for v in (r.ratio_at_low, r.ratio_at_high)]
    lo, hi = min(values), max(values)
    if hi - lo < 1e-9:
        hi = lo + 1
    span = hi - lo
    lo, hi = lo - span * 0.05, hi + span * 0.05
    plot_left, plot_right = label_width, width - right_pad

    def x(value: float) -> float:
        return round(plot_left + (value - lo) / (hi - lo) * (plot_right - plot_left), 1)

    bars = []
    for index, r in enumerate(rows):
        y = top + index * (bar_height + gap)
        label = f"{r.outcome_label} – {ASSUMPTION_LABELS[r.assumption]}"
        bars.append(Bar(label if len(label) <= 48 else label[:47] + "…", y,
                        x(float(r.ratio_at_low)), x(float(r.ratio_at_high)), x(float(base)),
                        _d(r.ratio_at_low), _d(r.ratio_at_high)))
    height = top + len(rows) * (bar_height + gap) + 30
    return {"width": width, "height": height, "bars": bars, "bar_height": bar_height,
            "label_x": label_width - 8, "base_x": x(float(base)), "one_x": x(1.0),
            "top": top - 8, "bottom": height - 24, "base": _d(base)}


@require_http_methods(["GET", "HEAD"])
def sroi(request: HttpRequest, pk: int) -> HttpResponse:
    """The SROI result over the horizon, and how sensitive it is to each assumption."""
    initiative = selectors.get_initiative_for_user(user=request.user, pk=pk)
    context = _context(request, initiative, "sroi")
    try:
        result = services.initiative_sroi(initiative)
        sensitivity = services.initiative_sensitivity(initiative)
    except sroi_math.SROIError as error:
        context.update(problem=services.sroi_error_message(error), problem_code=error.code)
        return render(request, "impact/sroi.html", context)

    years = list(range(1, result.horizon_years + 1))
    outcome_rows = [{
        "label": r.outcome.label,
        "values": [_d(v) for v in r.yearly_values],
        "present_value": _d(r.present_value),
    } for r in result.outcomes]
    groups: list[dict[str, Any]] = []
    for b in sensitivity.break_evens:
        if not groups or groups[-1]["index"] != b.outcome_index:
            groups.append({"index": b.outcome_index, "label": b.outcome_label, "lines": []})
        groups[-1]["lines"].append(_break_even_line(b))
    tornado_rows = [{
        "label": r.outcome_label, "assumption": ASSUMPTION_LABELS[r.assumption],
        "unit": _unit(r.assumption),
        "low": (_fraction_display(r.low_value) if r.assumption in sroi_math.FRACTION_FIELDS
                else _d(r.low_value)),
        "high": (_fraction_display(r.high_value) if r.assumption in sroi_math.FRACTION_FIELDS
                 else _d(r.high_value)),
        "ratio_low": _d(r.ratio_at_low), "ratio_high": _d(r.ratio_at_high),
        "swing": _d(r.swing),
    } for r in sensitivity.tornado]
    context.update(
        result=result, years=years, outcome_rows=outcome_rows,
        yearly_totals=[_d(v) for v in result.yearly_totals],
        yearly_pvs=[_d(v) for v in result.yearly_present_values],
        present_value=_d(result.present_value), inputs_total=_d(result.inputs_total),
        net_present_value=_d(result.net_present_value), ratio=_d(result.sroi_ratio),
        net_ratio=_d(result.net_sroi_ratio), payback_months=_d(result.payback_months, 1),
        payback_reason=PAYBACK_REASONS.get(result.payback_reason_code or ""),
        discount_percent=to_percent(result.value_map.discount_rate),
        break_even_groups=groups, tornado_rows=tornado_rows,
        chart=tornado_chart(sensitivity.tornado, sensitivity.sroi_ratio),
    )
    return render(request, "impact/sroi.html", context)


# --- The proxy library ---------------------------------------------------------------------


@require_http_methods(["GET", "HEAD"])
def proxies(request: HttpRequest) -> HttpResponse:
    """The public library of financial proxies, searchable."""
    form = ProxySearchForm(request.GET or None)
    items = FinancialProxy.objects.all()
    query = ""
    if form.is_valid():
        query = form.cleaned_data["q"].strip()
        if query:
            items = items.filter(Q(name_sv__icontains=query) | Q(name_en__icontains=query)
                                 | Q(unit__icontains=query) | Q(source_title__icontains=query)
                                 | Q(source_publisher__icontains=query)
                                 | Q(note__icontains=query) | Q(key__icontains=query))
    return render(request, "impact/proxies.html", {"form": form, "proxies": list(items),
                                                   "query": query})
