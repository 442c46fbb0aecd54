"""What the printable initiative report shows, gathered in one place for the view.

The caller has fetched the initiative through ``selectors`` (so may read
it); everything here is a read of that one initiative. The theory of change
is laid out by ``toc_views.diagram_for`` (the same diagram as its own page)
and indicator progress by ``charts`` (the same numbers as the indicator
list), so the report never tells a different story from the workspace. The
SROI part never raises: an initiative without inputs or value-map rows gets
the translated reason instead, because a report of work in progress is still
a report.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from sihub.impact import assessment_display, assessment_services, charts, selectors, services, sroi
from sihub.impact.models import Indicator, Initiative, Measurement, Outcome
from sihub.impact.toc_views import diagram_for

# Translated reasons for ``SROIResult.payback_reason_code``.
PAYBACK_REASONS = {
    "no_year_one_value": _("no value in year 1"),
    "negative_year_one_value": _("the value in year 1 is negative"),
}
# Most recent measurements drawn in an indicator's small chart.
SPARK_POINTS = 12


@dataclass(frozen=True)
class IndicatorRow:
    """An indicator with its latest total, progress towards the target and a small chart."""

    indicator: Indicator
    latest: Measurement | None
    progress: Decimal | None  # per cent, from charts.progress_towards
    meter: charts.ProgressMeter
    spark: str  # SVG polyline points; "" for fewer than two measurements


def indicator_rows(initiative: Initiative) -> list[IndicatorRow]:
    """Each indicator with its total measurements (breakdown groups are left to its page)."""
    totals: dict[int, list[Measurement]] = {}
    for point in (selectors.measurements_of(initiative)
                  .filter(breakdown_dimension="").order_by("indicator_id", "date")):
        totals.setdefault(point.indicator_id, []).append(point)
    rows = []
    for indicator in selectors.indicators_of(initiative).order_by(
            "outcome__stakeholder__position", "outcome__position", "position", "pk"):
        points = totals.get(indicator.pk, [])
        latest = points[-1] if points else None
        progress = charts.progress_towards(latest.value if latest else None,
                                           indicator.baseline, indicator.target)
        rows.append(IndicatorRow(
            indicator=indicator, latest=latest, progress=progress,
            meter=charts.progress_meter(progress),
            spark=charts.sparkline([p.value for p in points[-SPARK_POINTS:]])))
    return rows


@dataclass(frozen=True)
class SROIRow:
    """One value-map row as the report's table shows it (fractions as per cent)."""

    outcome: sroi.Outcome
    impact: Decimal
    present_value: Decimal
    deadweight: Decimal
    displacement: Decimal
    attribution: Decimal
    drop_off: Decimal


def sroi_rows(result: sroi.SROIResult | None) -> list[SROIRow]:
    if result is None:
        return []
    hundred = Decimal(100)
    return [SROIRow(outcome=r.outcome, impact=r.impact, present_value=r.present_value,
                    deadweight=r.outcome.deadweight * hundred,
                    displacement=r.outcome.displacement * hundred,
                    attribution=r.outcome.attribution * hundred,
                    drop_off=r.outcome.drop_off * hundred)
            for r in result.outcomes]


def sroi_years(result: sroi.SROIResult | None) -> list[tuple[int, Decimal, Decimal]]:
    """(year, value, present value) for years 1…horizon."""
    if result is None:
        return []
    return [(year, value, pv) for year, (value, pv) in
            enumerate(zip(result.yearly_totals, result.yearly_present_values, strict=True),
                      start=1)]


def sroi_part(initiative: Initiative) -> tuple[sroi.SROIResult | None, str]:
    """The SROI result, or None and the translated reason it cannot be computed."""
    try:
        return services.initiative_sroi(initiative), ""
    except sroi.SROIError as exc:
        return None, services.sroi_error_message(exc)


def report_context(initiative: Initiative) -> dict[str, Any]:
    stakeholders = list(selectors.stakeholders_of(initiative).prefetch_related(
        Prefetch("outcomes", queryset=Outcome.objects.order_by("position", "pk"))))
    toc = initiative.theory_of_change
    result, sroi_error = sroi_part(initiative)
    latest, _previous = assessment_services.latest_two(initiative)
    return {
        "owners": list(initiative.owners.all()),
        "counties": list(initiative.counties.all()),
        "municipalities": list(initiative.municipalities.all()),
        "sdgs": list(initiative.sdgs.all()),
        "stakeholders": stakeholders,
        "toc": toc,
        "diagram": diagram_for(toc) if toc is not None else None,
        "indicator_rows": indicator_rows(initiative),
        "sroi": result,
        "sroi_error": sroi_error,
        "sroi_rows": sroi_rows(result),
        "sroi_years": sroi_years(result),
        "discount_percent": initiative.discount_rate * 100,
        "payback_reason": (PAYBACK_REASONS.get(result.payback_reason_code or "", "")
                           if result is not None else ""),
        "assessment": latest,
        "assessment_result": assessment_display.present_submission(latest,
                                                                   initiative=initiative),
    }
