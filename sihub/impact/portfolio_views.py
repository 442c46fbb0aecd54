"""The portfolio: initiatives side by side, filtered, with totals, SDGs and exports.

One view, ``portfolio``: the filter form is a GET form, so a filtered view
can be bookmarked and shared; ``?format=csv`` or ``?format=xlsx`` downloads
the same rows. Who sees which initiatives is ``portfolio.portfolio_initiatives_for``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from sihub.core.forms import ErrorSummaryMixin
from sihub.core.importing import spreadsheet_safe
from sihub.core.models import County
from sihub.impact import sroi
from sihub.impact.models import InitiativeStatus, Programme
from sihub.impact.portfolio import (
    GoalCount,
    Portfolio,
    PortfolioFilters,
    build_portfolio,
    portfolio_initiatives_for,
)
from sihub.sdg.models import Goal

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CENT = Decimal("0.01")


class PortfolioFilterForm(ErrorSummaryMixin, forms.Form):
    programme = forms.ModelChoiceField(Programme.objects.all(), required=False,
                                       label=_("Programme"), empty_label=_("All programmes"))
    county = forms.ModelChoiceField(County.objects.all(), required=False, to_field_name="code",
                                    label=_("County"), empty_label=_("All counties"))
    sdg = forms.ModelChoiceField(Goal.objects.all(), required=False, to_field_name="number",
                                 label=_("Global goal"), empty_label=_("All goals"))
    status = forms.ChoiceField(choices=[("", _("Any status")), *InitiativeStatus.choices],
                               required=False, label=_("Status"))

    def filters(self) -> PortfolioFilters:
        """The valid choices (an invalid one filters nothing and is reported)."""
        data = getattr(self, "cleaned_data", {})
        return PortfolioFilters(programme=data.get("programme"), county=data.get("county"),
                                sdg=data.get("sdg"), status=data.get("status") or None)


# --- The SDG bar chart (server-rendered SVG; the same numbers are in a table) ----------------


@dataclass(frozen=True)
class Bar:
    number: int
    title: str
    count: int
    colour: str
    y: float
    width: float
    label_y: float
    value_x: float


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    plot_x: int
    label_x: int
    bar_height: int
    bars: list[Bar]


def sdg_chart(distribution: Sequence[GoalCount], *, width: int = 640, bar_height: int = 22,
              gap: int = 6, plot_x: int = 72, right: int = 48) -> BarChart | None:
    """Horizontal bars, one per goal, longest = the most initiatives."""
    if not distribution:
        return None
    most = max(item.count for item in distribution)
    span = width - plot_x - right
    bars = []
    for i, item in enumerate(distribution):
        y = gap + i * (bar_height + gap)
        bar_width = max(1.0, span * item.count / most)
        bars.append(Bar(number=item.goal.number, title=item.goal.title, count=item.count,
                        colour=item.goal.color, y=y, width=bar_width,
                        label_y=y + bar_height * 0.7, value_x=plot_x + bar_width + 6))
    height = gap + len(bars) * (bar_height + gap)
    return BarChart(width=width, height=height, plot_x=plot_x, label_x=plot_x - 8,
                    bar_height=bar_height, bars=bars)


# --- Exports --------------------------------------------------------------------------------

EXPORT_FIELDS = (
    "id", "title", "status", "programme", "funder", "counties", "sdgs", "published",
    "funding_sek", "inputs_sek", "present_value_sek", "sroi_ratio", "sroi_not_computable",
    "indicators_measured", "indicators_on_track", "url",
)


def _money(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(CENT)


def export_records(portfolio: Portfolio, absolute: Callable[[str], str]) -> list[dict[str, Any]]:
    """One flat record per initiative; codes (county, goal numbers) rather than names."""
    records = []
    for row in portfolio.rows:
        initiative = row.initiative
        records.append({
            "id": initiative.pk,
            "title": initiative.title,
            "status": initiative.status,
            "programme": initiative.programme.name if initiative.programme else "",
            "funder": initiative.funder,
            "counties": "; ".join(c.code for c in row.counties),
            "sdgs": "; ".join(str(g.number) for g in row.goals),
            "published": "yes" if initiative.is_public else "no",
            "funding_sek": _money(initiative.funding_amount),
            "inputs_sek": _money(initiative.inputs_total),
            "present_value_sek": _money(row.present_value),
            "sroi_ratio": sroi.display(row.sroi_ratio),
            "sroi_not_computable": row.sroi_error or "",
            "indicators_measured": row.indicators_measured,
            "indicators_on_track": row.indicators_on_track,
            "url": absolute(reverse("impact:detail", args=[initiative.pk])),
        })
    return records


def _csv(records: list[dict[str, Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(EXPORT_FIELDS)
    for record in records:
        writer.writerow(["" if record[f] is None else spreadsheet_safe(
            record[f] if isinstance(record[f], str) else str(record[f])) for f in EXPORT_FIELDS])
    # A byte-order mark, so Excel shows å, ä and ö.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _xlsx(records: list[dict[str, Any]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("portfolio")
    sheet.freeze_panes = "A2"
    header = []
    for name in EXPORT_FIELDS:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for record in records:
        cells = []
        for name in EXPORT_FIELDS:
            value = record[name]
            if isinstance(value, str):
                cell = WriteOnlyCell(sheet, value=spreadsheet_safe(value) if value else None)
                cell.data_type = "s"  # text stays text: "=…" is never a formula
            else:
                cell = WriteOnlyCell(sheet, value=value)
            cells.append(cell)
        sheet.append(cells)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _download(body: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- The view ---------------------------------------------------------------------------------


@require_GET
@login_required
def portfolio(request: HttpRequest) -> HttpResponse:
    initiatives = portfolio_initiatives_for(request.user)  # 403 for an outsider
    form = PortfolioFilterForm(request.GET or None)
    valid = form.is_valid() if form.is_bound else True
    data = build_portfolio(form.filters().apply(initiatives))
    export = request.GET.get("format")
    if export in ("csv", "xlsx"):
        records = export_records(data, request.build_absolute_uri)
        if export == "csv":
            return _download(_csv(records), CSV_TYPE, "portfolio.csv")
        return _download(_xlsx(records), XLSX_TYPE, "portfolio.xlsx")
    query = request.GET.copy()
    query.pop("format", None)
    return render(request, "impact/portfolio.html", {
        "form": form,
        "error_summary": form.error_summary() if form.is_bound else [],
        "portfolio": data,
        "chart": sdg_chart(data.sdg_distribution),
        "query": query.urlencode(),
        "sees_all": request.user.has_perm("impact.view_initiative"),
    }, status=200 if valid else 400)
