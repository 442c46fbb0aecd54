"""Geometry for the indicator charts: no Django, no chart library, only numbers.

The indicator pages draw their charts as server-rendered SVG (a strict CSP
allows no chart script, and the same numbers stand in a table beside each
chart for screen readers). This module turns measurements into coordinates
and path strings; the templates only place them. Values arrive as ``Decimal``
and stay ``Decimal`` where they are shown (tick labels, progress); pixel
positions are floats because nothing is summed from them.

* ``nice_ticks`` — axis ticks on round steps (1, 2, 2.5, 5 × 10ⁿ).
* ``line_chart`` — a time series per line (x proportional to the date, so
  uneven reporting intervals show as such), with the target as a dashed
  line and the baseline as a solid one.
* ``progress_towards`` and ``progress_meter`` — how far the latest value has
  come from the baseline to the target, for increasing and decreasing goals.
* ``sparkline`` — a tiny line of the totals for the list of indicators.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

HUNDRED = Decimal(100)
ZERO = Decimal(0)
# Lines one chart can tell apart (colour, dash pattern and marker each differ); the
# table always has every series.
MAX_LINES = 8
_NICE_STEPS = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10))


# --- Axis ticks ---------------------------------------------------------------------------


def nice_step(span: Decimal, count: int = 5) -> Decimal:
    """The smallest round step (1, 2, 2.5 or 5 × 10ⁿ) that covers ``span`` in ``count`` steps."""
    if span <= 0:
        return Decimal(1)
    raw = span / max(count, 1)
    exponent = math.floor(math.log10(raw))
    magnitude = Decimal(10) ** exponent
    for step in _NICE_STEPS:
        if raw <= step * magnitude:
            return step * magnitude
    return _NICE_STEPS[-1] * magnitude  # pragma: no cover - 10 × magnitude ≥ raw always


def nice_ticks(low: Decimal, high: Decimal, count: int = 5) -> list[Decimal]:
    """Round tick values from at or below ``low`` to at or above ``high``.

    ``low == high`` (one point, or a flat line) still gets an axis: a step
    around the value, so the line sits inside the plot rather than on its edge.
    """
    low, high = Decimal(low), Decimal(high)
    if low > high:
        low, high = high, low
    if low == high == 0:
        high = Decimal(1)
    elif low == high:
        pad = abs(low) / 10  # stays on the value's side of 0
        low, high = low - pad, high + pad
    step = nice_step(high - low, count)
    start = (low / step).to_integral_value(rounding="ROUND_FLOOR") * step
    end = (high / step).to_integral_value(rounding="ROUND_CEILING") * step
    ticks = []
    value = start
    while value <= end:
        ticks.append(tidy(value))
        value += step
    return ticks


def tidy(value: Decimal) -> Decimal:
    """2.50 → 2.5, 100 stays 100 (not 1E+2), −0 → 0: a number as people write it.

    Stored values carry four decimals (12.0000); shown, they should not.
    """
    if value == 0:
        return ZERO
    normal = value.normalize()
    return normal.quantize(Decimal(1)) if normal == normal.to_integral_value() else normal


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
class Tick:
    y: float
    value: Decimal


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
class LineChart:
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    lines: list[Line] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    x_labels: list[XLabel] = field(default_factory=list)
    target: Reference | None = None
    baseline: Reference | None = None

    @property
    def plot_right(self) -> int:
        return self.width - self.right

    @property
    def plot_bottom(self) -> int:
        return self.height - self.bottom

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
    left, right, top, bottom = 56, 130, 14, 36
    plot_w, plot_h = width - left - right, height - top - bottom
    kept = [(name, sorted(points)) for name, points in series[:max_lines]]
    values = [v for _name, points in kept for _on, v in points]
    references = [v for v in (baseline, target) if v is not None]
    everything = values + references
    if not everything:
        return LineChart(width=width, height=height, left=left, right=right, top=top,
                         bottom=bottom, lines=[Line(name, i, []) for i, (name, _p)
                                                in enumerate(kept)])
    low, high = min(everything), max(everything)
    if low > 0 and values:
        low = ZERO
    elif high < 0 and values:
        high = ZERO
    ticks_values = nice_ticks(low, high)
    axis_low, axis_high = ticks_values[0], ticks_values[-1]
    span = float(axis_high - axis_low) or 1.0

    def y_of(value: Decimal) -> float:
        return top + plot_h - plot_h * float(value - axis_low) / span

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
    lines = _spread_labels(lines, minimum=14.0, low=float(top + 4), high=float(top + plot_h))
    # At most six dates under the axis, counted back from the newest, so they never touch.
    every = max(1, math.ceil(len(dates) / 6))
    x_labels = [XLabel(x=x_of(on), on=on) for i, on in enumerate(dates)
                if (len(dates) - 1 - i) % every == 0]
    return LineChart(
        width=width, height=height, left=left, right=right, top=top, bottom=bottom,
        lines=lines, ticks=[Tick(y=y_of(v), value=v) for v in ticks_values], x_labels=x_labels,
        target=Reference(y=y_of(target), value=target) if target is not None else None,
        baseline=Reference(y=y_of(baseline), value=baseline) if baseline is not None else None)


def _spread_labels(lines: list[Line], *, minimum: float, low: float, high: float) -> list[Line]:
    """Push the end-of-line names apart vertically so no two overlap."""
    order = sorted(range(len(lines)), key=lambda i: lines[i].label_y)
    positions: dict[int, float] = {}
    last = low - minimum
    for i in order:
        y = max(lines[i].label_y, last + minimum)
        positions[i] = y
        last = y
    overflow = last - high
    if overflow > 0:
        for i in positions:
            positions[i] = max(low, positions[i] - overflow)
    return [Line(name=line.name, index=line.index, points=line.points, label_y=positions[i])
            for i, line in enumerate(lines)]


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
