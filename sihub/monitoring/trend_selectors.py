"""Permission-aware reads for trends and source health: aggregate queries, a fixed number per page.

The arithmetic (buckets, rising terms, health status) lives in ``trends.py``;
these functions only fetch the rows it needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Q, QuerySet
from django.db.models.functions import Coalesce, TruncMonth, TruncWeek
from django.utils import timezone
from django.utils.translation import gettext as _

from sihub.core.models import Theme
from sihub.monitoring import trends
from sihub.monitoring.models import Item, ItemStatus, Source
from sihub.monitoring.selectors import KNOWN_LANGUAGES, OTHER_LANGUAGE
from sihub.sdg.models import Goal

VIEW_ITEMS = "monitoring.view_item"
VIEW_SOURCES = "monitoring.view_source"
SDG = "sdg"
THEME = "theme"
DIMENSIONS = (SDG, THEME)
PERIOD_WEEKS = (4, 12, 26, 52)
# Rising terms read titles and summaries in Python; beyond this many items a
# period is sampled by its newest items, which keeps the page fast.
MAX_DOCUMENTS = 10_000
HEALTH_WEEKS = 8
SILENT_WEEKS = 4


def require_view_items(user: Any) -> None:
    if not user.has_perm(VIEW_ITEMS):
        raise PermissionDenied


def require_view_sources(user: Any) -> None:
    if not user.has_perm(VIEW_SOURCES):
        raise PermissionDenied


@dataclass(frozen=True)
class TrendFilters:
    """What the analyst chose; ``source=None`` and ``language=""`` mean any."""

    weeks: int = 12
    granularity: str = trends.WEEK
    dimension: str = SDG
    language: str = ""
    source: Source | None = None
    kept_only: bool = False


@dataclass(frozen=True)
class Period:
    start: date  # first day, inclusive
    end: date  # last day, inclusive

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The same number of days just before this period."""
        return Period(start=self.start - timedelta(days=self.days),
                      end=self.start - timedelta(days=1))

    def bounds(self) -> tuple[datetime, datetime]:
        """Aware datetimes [start, end + 1 day) in the site's time zone."""
        tz = timezone.get_current_timezone()
        return (datetime.combine(self.start, time.min, tzinfo=tz),
                datetime.combine(self.end + timedelta(days=1), time.min, tzinfo=tz))


def trend_period(*, weeks: int, today: date | None = None) -> Period:
    """``weeks`` ISO weeks ending with this (partial) one."""
    today = today or timezone.localdate()
    return Period(start=trends.period_start(today, weeks), end=today)


@dataclass(frozen=True)
class Dimension:
    pk: int
    name: str
    short: str  # names the line's end in the chart
    colour: str  # an SDG's own colour; "" for themes


@dataclass
class TrendSeries:
    """Items per dimension (SDG or theme) per bucket; an item with two SDGs counts for each."""

    period: Period
    granularity: str
    buckets: list[date]
    labels: list[str]
    dimensions: list[Dimension]
    counts: dict[int, list[int]]  # dimension pk → counts aligned with ``buckets``
    totals: list[int]  # distinct items per bucket (with or without a tag)

    @property
    def rows(self) -> list[tuple[Dimension, list[int], int]]:
        """The table: each dimension with its counts per bucket and its total."""
        return [(d, self.counts[d.pk], sum(self.counts[d.pk])) for d in self.dimensions]

    def csv_rows(self) -> list[tuple[str, str, int]]:
        """(bucket, dimension, count), every bucket of every dimension, zeros included."""
        return [(label, d.name, self.counts[d.pk][i])
                for d in self.dimensions for i, label in enumerate(self.labels)]


def _when() -> Coalesce:
    # Items without a publication date count from when we fetched them.
    return Coalesce("published_at", "fetched_at")


def _filtered_items(filters: TrendFilters, period: Period) -> QuerySet[Item]:
    start, end = period.bounds()
    items = Item.objects.alias(when=_when()).filter(when__gte=start, when__lt=end)
    if filters.kept_only:
        items = items.filter(status=ItemStatus.KEPT)
    if filters.source is not None:
        items = items.filter(source=filters.source)
    if filters.language == OTHER_LANGUAGE:
        items = items.exclude(language__in=KNOWN_LANGUAGES)
    elif filters.language:
        items = items.filter(language=filters.language)
    return items


def _trunc(granularity: str) -> TruncWeek | TruncMonth:
    expression = _when()
    return TruncWeek(expression) if granularity == trends.WEEK else TruncMonth(expression)


def _day(value: date | datetime) -> date:
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def item_counts(*, user: Any, filters: TrendFilters, today: date | None = None) -> TrendSeries:
    """Counts per bucket and SDG (or theme) in three queries, whatever the number of items.

    One grouped query over the item–tag links, one over the items for the
    totals (an item with two SDGs is one item there), one for the tags' names.
    """
    require_view_items(user)
    period = trend_period(weeks=filters.weeks, today=today)
    buckets = trends.buckets_between(period.start, period.end, filters.granularity)
    index = {b: i for i, b in enumerate(buckets)}
    tag = "sdgs" if filters.dimension == SDG else "themes"
    items = _filtered_items(filters, period).annotate(bucket=_trunc(filters.granularity))

    counts: dict[int, list[int]] = {}
    for row in items.values("bucket", tag).annotate(n=Count("pk", distinct=True)).order_by():
        if row[tag] is None:
            continue  # items without any tag
        i = index.get(trends.bucket_start(_day(row["bucket"]), filters.granularity))
        if i is not None:
            counts.setdefault(row[tag], [0] * len(buckets))[i] += row["n"]
    totals = [0] * len(buckets)
    for row in items.values("bucket").annotate(n=Count("pk")).order_by():
        i = index.get(trends.bucket_start(_day(row["bucket"]), filters.granularity))
        if i is not None:
            totals[i] += row["n"]

    dimensions = _dimensions(filters.dimension, counts)
    return TrendSeries(period=period, granularity=filters.granularity, buckets=buckets,
                       labels=[trends.bucket_label(b, filters.granularity) for b in buckets],
                       dimensions=dimensions, counts=counts, totals=totals)


def _dimensions(dimension: str, counts: dict[int, list[int]]) -> list[Dimension]:
    if not counts:
        return []
    if dimension == SDG:
        goals = Goal.objects.filter(pk__in=counts).order_by("number")
        return [Dimension(pk=g.pk, name=str(g), colour=g.color,
                          short=_("SDG %(number)d") % {"number": g.number}) for g in goals]
    themes = sorted(Theme.objects.filter(pk__in=counts), key=lambda t: t.name.lower())
    # Themes have no colour of their own: the chart gives its lines one in turn.
    return [Dimension(pk=t.pk, name=t.name, colour="",
                      short=t.name if len(t.name) <= 16 else t.name[:15] + "…") for t in themes]


@dataclass(frozen=True)
class RisingTerms:
    terms: list[trends.Term]
    period: Period
    previous: Period
    current_documents: int
    previous_documents: int


def _texts(filters: TrendFilters, period: Period) -> list[str]:
    rows = (_filtered_items(filters, period).order_by("-when")
            .values_list("title", "summary")[:MAX_DOCUMENTS])
    return [f"{title}\n{summary}" for title, summary in rows]


def rising_terms_for(*, user: Any, filters: TrendFilters, today: date | None = None,
                     limit: int = 20) -> RisingTerms:
    """Terms rising in this period's items against the period just before it (two queries)."""
    require_view_items(user)
    period = trend_period(weeks=filters.weeks, today=today)
    previous = period.previous()
    current_texts, previous_texts = _texts(filters, period), _texts(filters, previous)
    language = filters.language if filters.language in KNOWN_LANGUAGES else ""
    terms = trends.rising_terms(current_texts, previous_texts, language=language, limit=limit)
    return RisingTerms(terms=terms, period=period, previous=previous,
                       current_documents=len(current_texts),
                       previous_documents=len(previous_texts))


# --- Source health -----------------------------------------------------------------------


@dataclass(frozen=True)
class SourceHealth:
    source: Source
    status: str
    weekly: list[int]  # items fetched in each of the last 8 rolling weeks, oldest first
    last_item_at: datetime | None

    @property
    def last_7_days(self) -> int:
        return self.weekly[-1]

    @property
    def per_week(self) -> float:
        return sum(self.weekly) / len(self.weekly)

    @property
    def sparkline(self) -> str:
        return trends.sparkline(self.weekly)


def _window(now: datetime, i: int) -> Q:
    """Week ``i`` of the last eight (0 oldest); the newest one includes ``now`` itself."""
    window = Q(items__fetched_at__gte=now - timedelta(weeks=HEALTH_WEEKS - i))
    if i < HEALTH_WEEKS - 1:
        window &= Q(items__fetched_at__lt=now - timedelta(weeks=HEALTH_WEEKS - i - 1))
    return window


def source_health(*, user: Any, now: datetime | None = None) -> list[SourceHealth]:
    """Every source's health in one query, failing sources first, then silent, never, ok.

    Weeks are rolling seven-day windows ending now, so "last 7 days" is the
    newest of them; items count by when we first fetched them (the feed's
    publication dates say nothing about whether fetching works).
    """
    require_view_sources(user)
    now = now or timezone.now()
    windows = {f"week_{i}": Count("items", filter=_window(now, i)) for i in range(HEALTH_WEEKS)}
    sources = Source.objects.annotate(last_item_at=Max("items__fetched_at"), **windows)
    out = []
    for source in sources:
        weekly = [getattr(source, f"week_{i}") for i in range(HEALTH_WEEKS)]
        status = trends.health_status(last_success_at=source.last_success_at,
                                      last_error_at=source.last_error_at,
                                      items_last_4_weeks=sum(weekly[-SILENT_WEEKS:]))
        out.append(SourceHealth(source=source, status=status, weekly=weekly,
                                last_item_at=source.last_item_at))
    out.sort(key=lambda h: (trends.STATUS_ORDER[h.status], not h.source.active,
                            h.source.name.lower()))
    return out
