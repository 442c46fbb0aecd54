"""Self-assessment results as the pages show them: texts in the active language, links, chart.

Shared by the self-assessment page and the report, so both say the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sihub.core.i18n import current_language
from sihub.impact import assessment
from sihub.impact.assessment_services import result_of
from sihub.impact.models import Initiative

# The workspace tabs advice may point to, named as the tabs are.
SECTION_LABELS = {
    "detail": _("Overview"),
    "stakeholders": _("Stakeholders and outcomes"),
    "toc": _("Theory of change"),
    "indicators": _("Indicators"),
    "value_map": _("Value map"),
    "sroi": _("SROI"),
}
DIRECTION_LABELS = {
    "up": _("higher"),
    "down": _("lower"),
    "same": _("unchanged"),
    "new": _("first assessment"),
}


@dataclass(frozen=True)
class ChangeView:
    title: str
    previous: Decimal | None
    current: Decimal
    delta: Decimal | None
    direction: str
    direction_label: str


@dataclass(frozen=True)
class DimensionView:
    key: str
    title: str
    score: Decimal
    band: str
    band_label: str
    advice: str
    links: list[tuple[str, str]]  # (url, label)
    weakest: bool
    change: ChangeView | None = None


@dataclass(frozen=True)
class BarView:
    title: str
    value: Decimal
    y: float
    width: float
    label_y: float
    value_x: float


@dataclass(frozen=True)
class ResultView:
    overall: Decimal
    overall_band_label: str
    dimensions: list[DimensionView]
    overall_change: ChangeView | None  # None: nothing to compare with
    chart: assessment.BarChart
    bars: list[BarView]


def present(result: assessment.Result, *, initiative: Initiative,
            previous: assessment.Result | None = None) -> ResultView:
    language = current_language()
    # "Start here" only means something when the dimensions differ.
    weakest = set(result.weakest())
    if len(weakest) == len(result.dimensions):
        weakest = set()
    titles = {d.key: d.title.get(language) for d in assessment.DIMENSIONS}
    titles["overall"] = str(_("Overall"))
    changes: dict[str, ChangeView] = {}
    if previous is not None:
        changes = {c.key: ChangeView(title=titles.get(c.key, c.key), previous=c.previous,
                                     current=c.current, delta=c.delta, direction=c.direction,
                                     direction_label=str(DIRECTION_LABELS[c.direction]))
                   for c in assessment.compare(result, previous)}
    dimensions = []
    for dimension, band, advice in assessment.advice_for(result):
        links = [(reverse(f"impact:{name}", args=[initiative.pk]), str(SECTION_LABELS[name]))
                 for name in advice.links]
        dimensions.append(DimensionView(
            key=dimension.key, title=dimension.title.get(language),
            score=result.dimensions[dimension.key], band=band,
            band_label=assessment.BAND_LABELS[band].get(language),
            advice=advice.text.get(language), links=links, weakest=dimension.key in weakest,
            change=changes.get(dimension.key)))
    chart = assessment.bar_chart(result)
    bars = [BarView(title=titles.get(b.key, b.key), value=b.value, y=b.y, width=b.width,
                    label_y=b.label_y, value_x=chart.left + b.width + 6) for b in chart.bars]
    return ResultView(overall=result.overall,
                      overall_band_label=assessment.BAND_LABELS[result.overall_band].get(language),
                      dimensions=dimensions, overall_change=changes.get("overall"), chart=chart,
                      bars=bars)


def present_submission(submission: Any, *, initiative: Initiative,
                       previous: Any = None) -> ResultView | None:
    """``present`` for stored submissions (either may be None)."""
    current = result_of(submission)
    if current is None:
        return None
    return present(current, initiative=initiative, previous=result_of(previous))
