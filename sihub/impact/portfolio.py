"""A portfolio: many initiatives side by side (e.g. a funding programme's projects).

Who sees which initiatives here (``portfolio_initiatives_for``):

* staff who read all initiatives (``impact.view_initiative``: analysts,
  editors, facilitators, administrators) see all of them;
* anyone else sees the initiatives whose team they are in, and only those —
  a portfolio is a working view, not the public catalogue, so other teams'
  published initiatives are left out;
* a logged-in person with neither a team nor the Members role gets
  PermissionDenied (an outsider has no portfolio).

``build_portfolio`` reads the initiatives with a fixed number of queries
(programme joined, tags and indicators with their measurements prefetched)
plus one query per initiative for its value map: ``services.value_map``
reads the rows itself, and computing the SROI anywhere but there would be a
second copy of how a row becomes a value (proxy vs. typed value, the sign of
a negative outcome). Nothing is rounded here; templates and exports round
for display.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet

from sihub.core.models import County
from sihub.impact import selectors, services, sroi
from sihub.impact.models import Indicator, Initiative, Measurement, Outcome, Programme
from sihub.sdg.models import Goal

ZERO = Decimal(0)


# --- Who sees what -----------------------------------------------------------------------


def user_may_see_portfolio(user: Any) -> bool:
    """Staff who read all initiatives, team members, and ecosystem actors (Members role)."""
    if not (user is not None and user.is_authenticated and user.is_active):
        return False
    if user.has_perm(selectors.VIEW_ALL):
        return True
    return (selectors.initiatives_of_member(user).exists()
            or selectors.user_can_create_initiatives(user))


def portfolio_initiatives_for(user: Any) -> QuerySet[Initiative]:
    """The initiatives ``user``'s portfolio covers; PermissionDenied for an outsider."""
    if not user_may_see_portfolio(user):
        raise PermissionDenied
    if user.has_perm(selectors.VIEW_ALL):
        return Initiative.objects.all()
    own = selectors.initiatives_of_member(user).values("pk")
    return Initiative.objects.filter(pk__in=own)


# --- Filters ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PortfolioFilters:
    """What the filter form chose; ``None`` means any."""

    programme: Programme | None = None
    county: County | None = None
    sdg: Goal | None = None
    status: str | None = None

    def apply(self, initiatives: QuerySet[Initiative]) -> QuerySet[Initiative]:
        if self.programme is not None:
            initiatives = initiatives.filter(programme=self.programme)
        if self.status:
            initiatives = initiatives.filter(status=self.status)
        # Subqueries, not joins, so an initiative in two counties is counted once.
        if self.county is not None:
            initiatives = initiatives.filter(pk__in=Initiative.objects.filter(
                counties=self.county).values("pk"))
        if self.sdg is not None:
            initiatives = initiatives.filter(pk__in=Initiative.objects.filter(
                sdgs=self.sdg).values("pk"))
        return initiatives


# --- Indicators: latest value against the target -------------------------------------------


@dataclass(frozen=True)
class IndicatorProgress:
    """One indicator's latest total against its target.

    ``on_track`` is None when there is no target or no measurement yet. The
    goal's direction follows the baseline: a target below the baseline (fewer
    days in prison) is reached by going down to it.
    """

    name: str
    unit: str
    baseline: Decimal | None
    target: Decimal | None
    latest: Decimal | None
    latest_on: date | None

    @property
    def decreasing(self) -> bool:
        return (self.baseline is not None and self.target is not None
                and self.target < self.baseline)

    @property
    def on_track(self) -> bool | None:
        if self.target is None or self.latest is None:
            return None
        return self.latest <= self.target if self.decreasing else self.latest >= self.target

    @property
    def share_achieved(self) -> Decimal | None:
        """How far from the baseline (0 when none) to the target the latest value has come."""
        if self.target is None or self.latest is None:
            return None
        start = self.baseline if self.baseline is not None else ZERO
        span = self.target - start
        if span == 0:
            return Decimal(1) if self.on_track else ZERO
        return (self.latest - start) / span


def indicator_progress(indicator: Indicator) -> IndicatorProgress:
    """From an indicator whose total measurements were prefetched in date order."""
    totals = [m for m in indicator.measurements.all() if m.is_total]
    latest = totals[-1] if totals else None
    return IndicatorProgress(
        name=indicator.name, unit=indicator.unit, baseline=indicator.baseline,
        target=indicator.target, latest=latest.value if latest else None,
        latest_on=latest.date if latest else None)


def _percent(share: Decimal | None) -> Decimal | None:
    return None if share is None else share * 100


# --- One initiative, and the portfolio -----------------------------------------------------


@dataclass
class InitiativeSummary:
    initiative: Initiative
    goals: list[Goal]
    counties: list[County]
    indicators: list[IndicatorProgress]
    result: sroi.SROIResult | None = None
    sroi_error_code: str | None = None
    sroi_error: str | None = None  # translated sentence: why the SROI cannot be computed

    @property
    def present_value(self) -> Decimal | None:
        return self.result.present_value if self.result else None

    @property
    def sroi_ratio(self) -> Decimal | None:
        return self.result.sroi_ratio if self.result else None

    @property
    def indicators_measured(self) -> int:
        """Indicators with a target and at least one total measurement."""
        return sum(1 for p in self.indicators if p.on_track is not None)

    @property
    def indicators_on_track(self) -> int:
        return sum(1 for p in self.indicators if p.on_track)

    @property
    def share_on_track(self) -> Decimal | None:
        measured = self.indicators_measured
        return Decimal(self.indicators_on_track) / measured if measured else None

    @property
    def percent_on_track(self) -> Decimal | None:
        return _percent(self.share_on_track)


@dataclass(frozen=True)
class GoalCount:
    goal: Goal
    count: int


@dataclass
class Portfolio:
    rows: list[InitiativeSummary]
    funding_total: Decimal = ZERO
    inputs_total: Decimal = ZERO
    # Only initiatives whose SROI can be computed count in the value created:
    present_value_total: Decimal = ZERO
    computable_inputs_total: Decimal = ZERO
    computable: int = 0
    indicators_measured: int = 0
    indicators_on_track: int = 0
    sdg_distribution: list[GoalCount] = field(default_factory=list)

    @property
    def sroi_ratio(self) -> Decimal | None:
        """Total present value over the inputs of the same initiatives."""
        if not self.computable_inputs_total:
            return None
        return self.present_value_total / self.computable_inputs_total

    @property
    def share_on_track(self) -> Decimal | None:
        if not self.indicators_measured:
            return None
        return Decimal(self.indicators_on_track) / self.indicators_measured

    @property
    def percent_on_track(self) -> Decimal | None:
        return _percent(self.share_on_track)

    @property
    def not_computable(self) -> int:
        return len(self.rows) - self.computable


def _prefetched(initiatives: QuerySet[Initiative]) -> QuerySet[Initiative]:
    totals = Measurement.objects.filter(breakdown_dimension="").order_by("date")
    indicators = Indicator.objects.prefetch_related(Prefetch("measurements", queryset=totals))
    outcomes = Outcome.objects.prefetch_related(Prefetch("indicators", queryset=indicators))
    return (initiatives.select_related("programme")
            .prefetch_related("sdgs", "counties", Prefetch("outcomes", queryset=outcomes))
            .order_by("title", "pk"))


def summarise(initiative: Initiative) -> InitiativeSummary:
    """One initiative's row; its relations must be prefetched as ``_prefetched`` does."""
    indicators = [indicator_progress(i) for o in initiative.outcomes.all()
                  for i in o.indicators.all()]
    summary = InitiativeSummary(initiative=initiative,
                                goals=sorted(initiative.sdgs.all(), key=lambda g: g.number),
                                counties=sorted(initiative.counties.all(), key=lambda c: c.code),
                                indicators=indicators)
    try:
        summary.result = services.initiative_sroi(initiative)
    except sroi.SROIError as error:
        summary.sroi_error_code = error.code
        summary.sroi_error = services.sroi_error_message(error)
    return summary


def build_portfolio(initiatives: QuerySet[Initiative]) -> Portfolio:
    """Rows and totals for ``initiatives`` (already limited to what the user may see)."""
    rows = [summarise(i) for i in _prefetched(initiatives)]
    portfolio = Portfolio(rows=rows)
    goals: dict[int, Goal] = {}
    counts: Counter[int] = Counter()
    for row in rows:
        initiative = row.initiative
        portfolio.funding_total += initiative.funding_amount or ZERO
        portfolio.inputs_total += initiative.inputs_total or ZERO
        if row.result is not None:
            portfolio.computable += 1
            portfolio.present_value_total += row.result.present_value
            portfolio.computable_inputs_total += row.result.inputs_total
        portfolio.indicators_measured += row.indicators_measured
        portfolio.indicators_on_track += row.indicators_on_track
        for goal in row.goals:
            goals[goal.number] = goal
            counts[goal.number] += 1
    portfolio.sdg_distribution = [GoalCount(goal=goals[n], count=counts[n])
                                  for n in sorted(counts)]
    return portfolio
