"""Feedback arithmetic and the rating chart's geometry: no Django, only numbers.

``summarise`` turns the answers of one event into the figures organisers
read (response rate, average rating, the 1–5 distribution, the share who
would recommend the event, new contacts); ``rating_chart`` places the
distribution as horizontal bars for a server-rendered SVG (the strict CSP
allows no chart script; the same numbers stand in a table beside it).

The response rate is counted against those who came (checked in) when the
organisers checked people in, else against those who were registered: an
event without check-in still gets a rate, and it says which base it used.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

RATINGS = (1, 2, 3, 4, 5)
BASE_CHECKED_IN, BASE_CONFIRMED = "checked_in", "confirmed"


@dataclass(frozen=True)
class RatingCount:
    rating: int
    count: int
    percent: int  # of the responses, rounded


@dataclass(frozen=True)
class Answer:
    """One response, as far as the figures need it."""

    rating: int
    would_recommend: bool | None = None
    new_contacts: int | None = None


@dataclass(frozen=True)
class FeedbackSummary:
    responses: int
    base: int  # checked in, or registered (see ``base_kind``)
    base_kind: str
    response_rate: int | None  # percent; None when the base is 0
    average_rating: float | None
    distribution: tuple[RatingCount, ...]
    recommend_yes: int
    recommend_answered: int
    recommend_percent: int | None
    average_contacts: float | None
    contacts_answered: int

    @property
    def max_count(self) -> int:
        return max((row.count for row in self.distribution), default=0)


def _percent(part: int, whole: int) -> int | None:
    return None if whole <= 0 else round(100 * part / whole)


def summarise(answers: Iterable[Answer], *, checked_in: int, confirmed: int) -> FeedbackSummary:
    """The figures of one event's feedback (see the module docstring for the base)."""
    answers = list(answers)
    ratings = [a.rating for a in answers if a.rating in RATINGS]
    counts = {r: 0 for r in RATINGS}
    for rating in ratings:
        counts[rating] += 1
    recommends = [a.would_recommend for a in answers if a.would_recommend is not None]
    contacts = [a.new_contacts for a in answers if a.new_contacts is not None]
    base, kind = (checked_in, BASE_CHECKED_IN) if checked_in > 0 else (confirmed, BASE_CONFIRMED)
    return FeedbackSummary(
        responses=len(answers),
        base=base,
        base_kind=kind,
        response_rate=_percent(len(answers), base),
        average_rating=round(sum(ratings) / len(ratings), 2) if ratings else None,
        distribution=tuple(RatingCount(r, counts[r], _percent(counts[r], len(ratings)) or 0)
                           for r in RATINGS),
        recommend_yes=sum(1 for value in recommends if value),
        recommend_answered=len(recommends),
        recommend_percent=_percent(sum(1 for value in recommends if value), len(recommends)),
        average_contacts=round(sum(contacts) / len(contacts), 1) if contacts else None,
        contacts_answered=len(contacts),
    )


# --- The chart ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    rating: int
    count: int
    y: float
    width: float
    label_y: float  # the middle of the bar, for the labels on either side
    value_x: float  # where the count is written, just after the bar


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    left: int  # where the bars start (the rating labels sit to the left)
    bar_height: int
    bars: tuple[Bar, ...]
    ticks: tuple[tuple[float, int], ...]  # (x, count) along the bottom
    axis_y: float


def _step(top: int) -> int:
    """A round tick step giving at most five steps up to ``top``."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if top / step <= 5:
            return step
    return max(1, -(-top // 5))


def rating_chart(distribution: Sequence[RatingCount], *, width: int = 560, left: int = 48,
                 bar_height: int = 26, gap: int = 12) -> BarChart:
    """Horizontal bars, one per rating (5 at the top), long in proportion to the count."""
    plot_width = width - left - 48  # room for the count after the longest bar
    top_count = max((row.count for row in distribution), default=0)
    step = _step(max(top_count, 1))
    scale_top = max(step, -(-max(top_count, 1) // step) * step)
    rows = sorted(distribution, key=lambda row: -row.rating)
    top = 8
    bars = []
    for i, row in enumerate(rows):
        y = top + i * (bar_height + gap)
        bar_width = plot_width * row.count / scale_top
        bars.append(Bar(rating=row.rating, count=row.count, y=float(y), width=bar_width,
                        label_y=y + bar_height / 2, value_x=left + bar_width + 6))
    axis_y = float(top + len(rows) * (bar_height + gap))
    ticks = tuple((left + plot_width * value / scale_top, value)
                  for value in range(0, scale_top + 1, step))
    return BarChart(width=width, height=int(axis_y) + 22, left=left, bar_height=bar_height,
                    bars=tuple(bars), ticks=ticks, axis_y=axis_y)
