"""Geometry for the indicator charts: no Django, no chart library, only numbers.

The indicator pages draw their charts as server-rendered SVG (a strict CSP
allows no chart script, and the same numbers stand in a table beside each
chart for screen readers). This module turns measurements into coordinates
and path strings; the templates only place them. Values arrive as ``Decimal``
and stay ``Decimal`` where they are shown (tick labels, progress); pixel
positions are floats because nothing is summed from them.

* ``nice_ticks`` and ``tidy`` — round axis ticks and numbers as people write
  them; they live in ``sihub.core.charts`` (with the frame, the y scale and the
  spreading of line names that monitoring's trend chart shares) and are
  imported here, where the indicator pages and their tests find them.
* ``line_chart`` — a time series per line (x proportional to the date, so
  uneven reporting intervals show as such), with the target as a dashed
  line and the baseline as a solid one.
* ``progress_towards`` and ``progress_meter`` — how far the latest value has
  come from the baseline to the target, for increasing and decreasing goals.
* ``sparkline`` — a tiny line of the totals for the list of indicators.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from sihub.core.charts import (ZERO, Frame, Tick, nice_ticks, spread_labels, thinned, tidy,
                               y_scale)

__all__ = ["MAX_LINES", "HUNDRED", "ZERO", "Line", "LineChart", "Point", "ProgressMeter",
           "Reference", "Series", "Tick", "XLabel", "line_chart", "nice_ticks",
           "progress_meter", "progress_towards", "sparkline", "tidy"]

HUNDRED = Decimal(100)
# Lines one chart can tell apart (colour, dash pattern and marker each differ); the
# table always has every series.
MAX_LINES = 8


# --- Line chart ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    on: date
    value: Decimal


@dataclass(frozen=True)
class Line:
    """One series; ``index`` picks its colour, dash pattern and marker in the CSS."""

    name: str
    index: int
    points: list[Point]
    label_y: float = 0.0

    @property
    def path(self) -> str:
        """The SVG path ("M x y L x y …"); one point draws nothing, its marker shows it."""
        return " ".join(f"{'M' if i == 0 else 'L'}{p.x:.1f} {p.y:.1f}"
                        for i, p in enumerate(self.points))


@dataclass(frozen=True)
class XLabel:
    x: float
    on: date


@dataclass(frozen=True)
class Reference:
    """A horizontal line across the plot: the target (dashed) or the baseline."""

    y: float
    value: Decimal


@dataclass(frozen=True)
class LineChart(Frame):
    """The frame (size, margins) and everything placed in it."""

    lines: list[Line] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    x_labels: list[XLabel] = field(default_factory=list)
    target: Reference | None = None
    baseline: Reference | None = None

    @property
    def label_x(self) -> int:
        """Where the names at the lines' right ends start."""
        return self.plot_right + 8

    @property
    def is_empty(self) -> bool:
        return not any(line.points for line in self.lines)


Series = tuple[str, Sequence[tuple[date, Decimal]]]


def line_chart(series: Sequence[Series], *, baseline: Decimal | None = None,
               target: Decimal | None = None, width: int = 720, height: int = 300,
               max_lines: int = MAX_LINES) -> LineChart:
    """Coordinates for an SVG line chart of dated values, one line per (name, points).

    The y axis spans every value, the baseline and the target, and includes 0
    when all of them are on one side of it (a count from 0 is not exaggerated);
    the x axis runs from the first date to the last, in days. Lines past
    ``max_lines`` are left out (the caller's table has them). Every line is
    named at its right end, so colour is never the only cue.
    """
    empty = LineChart(width=width, height=height, left=56, right=130, top=14, bottom=36)
    left, top, plot_w, plot_h = empty.left, empty.top, empty.plot_width, empty.plot_height
    kept = [(name, sorted(points)) for name, points in series[:max_lines]]
    values = [v for _name, points in kept for _on, v in points]
    references = [v for v in (baseline, target) if v is not None]
    everything = values + references
    if not everything:
        return replace(empty, lines=[Line(name, i, []) for i, (name, _p) in enumerate(kept)])
    low, high = min(everything), max(everything)
    if low > 0 and values:
        low = ZERO
    elif high < 0 and values:
        high = ZERO
    ticks_values = nice_ticks(low, high)
    y_of = y_scale(empty, ticks_values[0], ticks_values[-1])

    dates = sorted({on for _name, points in kept for on, _v in points})
    first, last = (dates[0], dates[-1]) if dates else (None, None)
    days = (last - first).days if first and last else 0

    def x_of(on: date) -> float:
        if not days or first is None:
            return left + plot_w / 2  # one date: in the middle
        return left + plot_w * (on - first).days / days

    lines = []
    for index, (name, points) in enumerate(kept):
        placed = [Point(x=x_of(on), y=y_of(v), on=on, value=v) for on, v in points]
        lines.append(Line(name=name, index=index, points=placed,
                          label_y=placed[-1].y if placed else float(top)))
    # Every line is named at its right end; the names are pushed apart so none overlap.
    label_ys = spread_labels([line.label_y for line in lines], minimum=14.0,
                             low=float(top + 4), high=float(top + plot_h))
    lines = [replace(line, label_y=y) for line, y in zip(lines, label_ys, strict=True)]
    # At most six dates under the axis, counted back from the newest, so they never touch.
    x_labels = [XLabel(x=x_of(dates[i]), on=dates[i]) for i in thinned(len(dates), 6)]
    return replace(
        empty, lines=lines, ticks=[Tick(y=y_of(v), value=v) for v in ticks_values],
        x_labels=x_labels,
        target=Reference(y=y_of(target), value=target) if target is not None else None,
        baseline=Reference(y=y_of(baseline), value=baseline) if baseline is not None else None)


# --- Progress towards a target ------------------------------------------------------------


def progress_towards(latest: Decimal | None, baseline: Decimal | None,
                     target: Decimal | None) -> Decimal | None:
    """Per cent of the way from baseline to target: (latest − baseline) / (target − baseline).

    The same formula serves a decreasing target (fewer absences: baseline 30,
    target 10, latest 20 is 50 %), because numerator and denominator are then
    both negative. Not clamped: below 0 means it moved away from the target,
    above 100 that it went past. A missing baseline counts as 0 (most
    indicators start from nothing). When the target equals the baseline the
    goal is to hold the level: 100 % while the latest value is on it, else 0 %.
    None when there is no target or no value yet.
    """
    if latest is None or target is None:
        return None
    start = baseline if baseline is not None else ZERO
    if target == start:
        return HUNDRED if latest == target else ZERO
    return (latest - start) / (target - start) * HUNDRED


@dataclass(frozen=True)
class ProgressMeter:
    """A small bar: ``fill`` is the width in per cent of the track (0–100)."""

    percent: Decimal | None
    fill: float
    reached: bool
    backwards: bool


def progress_meter(percent: Decimal | None) -> ProgressMeter:
    """The bar for a progress percentage; the text beside it says the real number."""
    if percent is None:
        return ProgressMeter(percent=None, fill=0.0, reached=False, backwards=False)
    fill = min(max(float(percent), 0.0), 100.0)
    return ProgressMeter(percent=percent, fill=fill, reached=percent >= HUNDRED,
                         backwards=percent < 0)


def sparkline(values: Sequence[Decimal], *, width: int = 80, height: int = 20) -> str:
    """SVG polyline points for a tiny line of ``values`` (in order); "" for fewer than two."""
    if len(values) < 2:
        return ""
    low, high = min(values), max(values)
    span = float(high - low)
    step = (width - 2) / (len(values) - 1)
    points = []
    for i, value in enumerate(values):
        y = height / 2 if not span else 1 + (height - 2) * (1 - float(value - low) / span)
        points.append(f"{1 + i * step:.1f},{y:.1f}")
    return " ".join(points)
