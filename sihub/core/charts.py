"""Geometry shared by the server-rendered SVG charts: no Django, no chart library, only numbers.

Charts are drawn as SVG on the server (a strict CSP allows no chart script,
and the same numbers stand in a table beside each chart for screen readers).
The apps build their own series and points (dated measurements in
``impact.charts``, counts per week or month in ``monitoring.trends``); what
they have in common lives here, so their axes, margins and line names behave
alike:

* ``nice_step`` / ``nice_ticks`` — axis ticks on round steps (1, 2, 2.5, 5 × 10ⁿ);
  ``tidy`` writes a tick value as people write numbers.
* ``Frame`` — a chart's size and margins, and the plot area inside them.
* ``y_scale`` — value → y coordinate, the axis' low end at the plot's bottom.
* ``spread_labels`` — moves the names at the lines' right ends apart.
* ``thinned`` — which x labels to write so that they never touch.

This module imports no other app: the apps import it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

ZERO = Decimal(0)
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


@dataclass(frozen=True)
class Tick:
    """A value on the y axis and where its grid line runs."""

    y: float
    value: Decimal | int


# --- Frame and scale ----------------------------------------------------------------------


@dataclass(frozen=True)
class Frame:
    """A chart's size and the margins around its plot, in SVG viewBox units.

    The margins hold the tick values (left), the x labels (bottom) and the
    names at the lines' ends (right). Charts subclass it to add what they draw.
    """

    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int

    @property
    def plot_right(self) -> int:
        return self.width - self.right

    @property
    def plot_bottom(self) -> int:
        return self.height - self.bottom

    @property
    def plot_width(self) -> int:
        return self.width - self.left - self.right

    @property
    def plot_height(self) -> int:
        return self.height - self.top - self.bottom


def y_scale(frame: Frame, low: Decimal | float, high: Decimal | float
            ) -> Callable[[Decimal | float], float]:
    """value → y: ``low`` on the plot's bottom edge, ``high`` on its top (SVG y grows down).

    A zero span (``low == high``) counts as one, so a flat axis cannot divide by zero.
    """
    top, plot_h = frame.top, frame.plot_height
    span = float(high - low) or 1.0

    def y_of(value: Decimal | float) -> float:
        return top + plot_h - plot_h * float(value - low) / span

    return y_of


# --- Labels -------------------------------------------------------------------------------


def spread_labels(ys: Sequence[float], *, minimum: float, low: float,
                  high: float) -> list[float]:
    """The end-of-line names' y positions, pushed apart so no two are closer than ``minimum``.

    Names keep their order from top to bottom; pushed below ``high`` (the plot's
    bottom), all of them move up together, but none above ``low``. Returned in
    the order of ``ys``.
    """
    order = sorted(range(len(ys)), key=lambda i: ys[i])
    positions: dict[int, float] = {}
    last = low - minimum
    for i in order:
        y = max(ys[i], last + minimum)
        positions[i] = y
        last = y
    overflow = last - high
    if overflow > 0:
        for i in positions:
            positions[i] = max(low, positions[i] - overflow)
    return [positions[i] for i in range(len(ys))]


def thinned(count: int, most: int) -> list[int]:
    """Indices of at most about ``most`` of ``count`` x labels, evenly apart so none touch.

    Counted back from the last (newest) one, which is always written.
    """
    every = max(1, math.ceil(count / most))
    return [i for i in range(count) if (count - 1 - i) % every == 0]
