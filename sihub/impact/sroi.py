"""SROI arithmetic: value map → impact, present value, ratios, payback, sensitivity.

Follows *A Guide to Social Return on Investment* (The SROI Network, 2012;
now Social Value UK), stages 4–5 ("establishing impact", "calculating the
SROI"), with the discount rate of the HM Treasury *Green Book* (3.5 % a
year) as the default. The formulas are the ones written into issue 8:

* impact = quantity × proxy × (1 − deadweight) × (1 − displacement) × (1 − attribution)
* the value in an outcome's first year is its impact; each later year is the
  previous year × (1 − drop-off);
* an outcome that starts after the activity is 0 in year 1 and runs its full
  duration from year 2;
* present value (PV) discounts year t by (1 + r)^t, t counted from 1; inputs
  sit at year 0, undiscounted;
* NPV = PV − inputs; SROI ratio = PV / inputs; net SROI ratio = NPV / inputs;
* payback in months = inputs / (year-1 total value / 12).

Why Decimal everywhere: value maps are money and published ratios; binary
floats would turn 0.1 into 0.1000000000000000055… and make results depend on
the order of summation. All arithmetic runs in a private Decimal context of
``PRECISION`` significant digits, independent of the caller's context, and
nothing is rounded until :func:`display`.

No Django imports: the module is used by views, the ``sroi`` management
command, the API and tests alike. Messages are English; every error carries
a ``code`` and ``field`` (and sensitivity rows a ``reason_code``) so the
Django layer can show a translated message instead.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import (
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
    localcontext,
)

#: HM Treasury Green Book social time preference rate (3.5 % a year for the
#: first 30 years), the discount rate the SROI guide points UK analyses to.
GREEN_BOOK_DISCOUNT_RATE = Decimal("0.035")

#: Longest duration accepted. The SROI guide asks for evidence for anything
#: beyond a few years; 50 years covers a working life (the longest claim a
#: value map can plausibly defend) and catches typos such as a year (2025)
#: typed into the duration column.
MAX_DURATION_YEARS = 50

#: Highest discount rate accepted (100 % a year). A larger number is almost
#: always a percentage typed as a whole number (3.5 instead of 0.035).
MAX_DISCOUNT_RATE = Decimal(1)

#: Significant digits used for all arithmetic (Python's default is 28). 40
#: leaves ample room for products of seven factors and 50 years of powers,
#: and lets break-even values be verified to 1e-20 and beyond.
PRECISION = 40

_CONTEXT = Context(
    prec=PRECISION,
    rounding=ROUND_HALF_EVEN,
    Emax=999_999,
    Emin=-999_999,
    traps=[InvalidOperation, DivisionByZero, Overflow],
)

ZERO = Decimal(0)
ONE = Decimal(1)
TWELVE = Decimal(12)

#: Value-map columns that are fractions 0–1 ("percentages" in the guide).
FRACTION_FIELDS = ("deadweight", "displacement", "attribution", "drop_off")

#: Assumptions the sensitivity analysis varies, in value-map column order.
ASSUMPTIONS = (
    "deadweight",
    "displacement",
    "attribution",
    "drop_off",
    "proxy_value",
    "quantity",
    "duration_years",
)

#: Tornado steps: fractions move ±10 percentage points, amounts ±20 %,
#: durations ±20 % rounded to whole years (at least one year).
TORNADO_POINTS = Decimal("0.10")
TORNADO_RELATIVE = Decimal("0.20")


class SROIError(ValueError):
    """A value map that the SROI method cannot compute.

    ``field`` names the value-map column (or ``inputs_total``,
    ``discount_rate``, ``outcomes``), ``outcome`` the outcome's label when the
    problem is in a row, and ``code`` a stable key for translated messages:
    ``type``, ``not_a_number``, ``not_finite``, ``fraction_out_of_range``,
    ``negative``, ``duration_out_of_range``, ``not_whole_years``,
    ``inputs_not_positive``, ``discount_rate_out_of_range``.
    """

    def __init__(self, message: str, *, field: str, code: str, outcome: str | None = None) -> None:
        super().__init__(message)
        self.field = field
        self.code = code
        self.outcome = outcome


# --------------------------------------------------------------------------
# Validation helpers: one place that turns input into exact Decimals or says
# precisely which row and column is wrong.


def _decimal(value: object, *, field: str, where: str, outcome: str | None) -> Decimal:
    if isinstance(value, float):
        # Rejected rather than converted: Decimal(0.1) is not 0.1, and a
        # silent str() round-trip would hide where imprecise input came from.
        raise SROIError(
            f"{where}: {field} must be a Decimal, an integer or a numeric string, "
            f"not a float ({value!r}); floats cannot hold amounts like 0.1 exactly.",
            field=field, code="type", outcome=outcome,
        )
    if isinstance(value, bool) or not isinstance(value, (Decimal, int, str)):
        raise SROIError(
            f"{where}: {field} must be a number, got {type(value).__name__} {value!r}.",
            field=field, code="type", outcome=outcome,
        )
    try:
        number = Decimal(value.strip()) if isinstance(value, str) else Decimal(value)
    except InvalidOperation:
        raise SROIError(
            f"{where}: {field} is not a number: {value!r}.",
            field=field, code="not_a_number", outcome=outcome,
        ) from None
    if not number.is_finite():
        raise SROIError(
            f"{where}: {field} must be a finite number, got {value!r}.",
            field=field, code="not_finite", outcome=outcome,
        )
    return number


def _fraction(value: object, *, field: str, where: str, outcome: str | None) -> Decimal:
    number = _decimal(value, field=field, where=where, outcome=outcome)
    if not ZERO <= number <= ONE:
        raise SROIError(
            f"{where}: {field} must be a fraction from 0 to 1 (0.25 means 25 %), got {number}.",
            field=field, code="fraction_out_of_range", outcome=outcome,
        )
    return number


def _duration(value: object, *, where: str, outcome: str) -> int:
    field = "duration_years"
    if isinstance(value, int) and not isinstance(value, bool):
        years = value
    else:
        number = _decimal(value, field=field, where=where, outcome=outcome)
        if number != number.to_integral_value():
            raise SROIError(
                f"{where}: {field} must be a whole number of years, got {number}.",
                field=field, code="not_whole_years", outcome=outcome,
            )
        years = int(number)
    if not 1 <= years <= MAX_DURATION_YEARS:
        raise SROIError(
            f"{where}: {field} must be from 1 to {MAX_DURATION_YEARS} years, got {years}.",
            field=field, code="duration_out_of_range", outcome=outcome,
        )
    return years


def _text(value: object, *, field: str, where: str, outcome: str | None) -> str:
    if not isinstance(value, str):
        raise SROIError(
            f"{where}: {field} must be text, got {type(value).__name__}.",
            field=field, code="type", outcome=outcome,
        )
    return value


# --------------------------------------------------------------------------
# The value map.


@dataclass(frozen=True)
class Outcome:
    """One row of the value map, in the guide's column order.

    ``proxy_value`` may be negative: the guide asks for negative and
    unintended outcomes to be valued too, and a negative proxy is how a row
    takes value away. ``quantity`` cannot be negative. Fractions are 0–1.
    Values are checked and converted to exact Decimals on construction, so an
    ``Outcome`` that exists is computable.
    """

    stakeholder: str
    outcome: str
    indicator: str
    quantity: Decimal
    proxy_value: Decimal
    proxy_source: str
    deadweight: Decimal
    displacement: Decimal
    attribution: Decimal
    drop_off: Decimal
    duration_years: int
    starts_after_activity: bool = False

    def __post_init__(self) -> None:
        where = "Outcome"
        for name in ("stakeholder", "outcome"):
            _text(getattr(self, name), field=name, where=where, outcome=None)
        label = self.label
        where = f"Outcome '{label}'"
        for name in ("indicator", "proxy_source"):
            _text(getattr(self, name), field=name, where=where, outcome=label)
        quantity = _decimal(self.quantity, field="quantity", where=where, outcome=label)
        if quantity < 0:
            raise SROIError(
                f"{where}: quantity cannot be negative, got {quantity}; "
                "record a negative outcome with a negative financial proxy instead.",
                field="quantity", code="negative", outcome=label,
            )
        set_ = object.__setattr__  # frozen dataclass: normalise once, here
        set_(self, "quantity", quantity)
        set_(self, "proxy_value", _decimal(self.proxy_value, field="proxy_value", where=where, outcome=label))
        for name in FRACTION_FIELDS:
            set_(self, name, _fraction(getattr(self, name), field=name, where=where, outcome=label))
        set_(self, "duration_years", _duration(self.duration_years, where=where, outcome=label))
        if not isinstance(self.starts_after_activity, bool):
            raise SROIError(
                f"{where}: starts_after_activity must be True or False, got {self.starts_after_activity!r}.",
                field="starts_after_activity", code="type", outcome=label,
            )

    @property
    def label(self) -> str:
        """How messages and reports name the row: "stakeholder: outcome"."""
        return f"{self.stakeholder}: {self.outcome}"

    @property
    def first_year(self) -> int:
        """Year 1 for outcomes during the activity, year 2 for those after it."""
        return 2 if self.starts_after_activity else 1

    @property
    def last_year(self) -> int:
        return self.first_year + self.duration_years - 1


@dataclass(frozen=True)
class ValueMap:
    """All outcomes of one initiative plus the total value of its inputs.

    ``discount_rate`` defaults to the Green Book's 3.5 %; 0 is allowed (no
    discounting). ``inputs_total`` must be positive: a ratio over zero inputs
    is an error in the value map, not an infinite return.
    """

    outcomes: tuple[Outcome, ...]
    inputs_total: Decimal
    discount_rate: Decimal = GREEN_BOOK_DISCOUNT_RATE

    def __post_init__(self) -> None:
        where = "Value map"
        outcomes = self.outcomes
        if isinstance(outcomes, (str, bytes)) or not isinstance(outcomes, Iterable):
            raise SROIError(f"{where}: outcomes must be a list of Outcome rows.", field="outcomes", code="type")
        outcomes = tuple(outcomes)
        for index, row in enumerate(outcomes, start=1):
            if not isinstance(row, Outcome):
                raise SROIError(
                    f"{where}: outcome {index} is a {type(row).__name__}, not an Outcome.",
                    field="outcomes", code="type",
                )
        inputs = _decimal(self.inputs_total, field="inputs_total", where=where, outcome=None)
        if inputs <= 0:
            raise SROIError(
                f"{where}: inputs_total must be greater than 0, got {inputs}; "
                "an SROI ratio over inputs of 0 is an error, not infinity.",
                field="inputs_total", code="inputs_not_positive",
            )
        rate = _decimal(self.discount_rate, field="discount_rate", where=where, outcome=None)
        if not ZERO <= rate <= MAX_DISCOUNT_RATE:
            raise SROIError(
                f"{where}: discount_rate must be a fraction from 0 to 1 (0.035 means 3.5 %), got {rate}.",
                field="discount_rate", code="discount_rate_out_of_range",
            )
        object.__setattr__(self, "outcomes", outcomes)
        object.__setattr__(self, "inputs_total", inputs)
        object.__setattr__(self, "discount_rate", rate)

    @property
    def horizon_years(self) -> int:
        """The number of years any outcome runs (0 for an empty map)."""
        return max((o.last_year for o in self.outcomes), default=0)


# --------------------------------------------------------------------------
# Results.


@dataclass(frozen=True)
class OutcomeResult:
    outcome: Outcome
    impact: Decimal
    #: Value in years 1..horizon (zeros outside the outcome's own years).
    yearly_values: tuple[Decimal, ...]
    present_value: Decimal


@dataclass(frozen=True)
class SROIResult:
    value_map: ValueMap
    outcomes: tuple[OutcomeResult, ...]
    horizon_years: int
    #: Total value of all outcomes in years 1..horizon, undiscounted.
    yearly_totals: tuple[Decimal, ...]
    #: ``yearly_totals[t-1] / (1 + r)^t``.
    yearly_present_values: tuple[Decimal, ...]
    present_value: Decimal
    inputs_total: Decimal
    net_present_value: Decimal
    sroi_ratio: Decimal
    net_sroi_ratio: Decimal
    #: None when the year-1 total is 0 or negative; see ``payback_reason``.
    payback_months: Decimal | None
    payback_reason_code: str | None
    payback_reason: str | None


# --------------------------------------------------------------------------
# Arithmetic. The private helpers assume the module context is active.


def _impact(quantity: Decimal, proxy: Decimal, deadweight: Decimal, displacement: Decimal,
            attribution: Decimal) -> Decimal:
    return quantity * proxy * (ONE - deadweight) * (ONE - displacement) * (ONE - attribution)


def _outcome_impact(o: Outcome) -> Decimal:
    return _impact(o.quantity, o.proxy_value, o.deadweight, o.displacement, o.attribution)


def _values(impact: Decimal, drop_off: Decimal, first_year: int, duration: int, horizon: int) -> list[Decimal]:
    """Undiscounted value of one outcome in years 1..horizon."""
    keep = ONE - drop_off
    values: list[Decimal] = []
    current = impact
    for year in range(1, horizon + 1):
        if year < first_year or year >= first_year + duration:
            values.append(ZERO)
            continue
        if year > first_year:
            current = current * keep
        values.append(current)
    return values


def _growth(rate: Decimal, horizon: int) -> list[Decimal]:
    """(1 + r)^t for t = 1..horizon; dividing by it discounts year t."""
    base = ONE + rate
    return [base**t for t in range(1, horizon + 1)]


def _present_value(values: list[Decimal], growth: list[Decimal]) -> Decimal:
    return sum((v / g for v, g in zip(values, growth, strict=False)), ZERO)


def _pv(impact: Decimal, drop_off: Decimal, first_year: int, duration: int, rate: Decimal) -> Decimal:
    """Present value of one outcome; the unit the sensitivity analysis varies."""
    horizon = first_year + duration - 1
    return _present_value(_values(impact, drop_off, first_year, duration, horizon), _growth(rate, horizon))


def outcome_impact(outcome: Outcome) -> Decimal:
    """Impact of one row (its year-1 value if it started in year 1)."""
    with localcontext(_CONTEXT):
        return _outcome_impact(outcome)


def calculate(value_map: ValueMap) -> SROIResult:
    """Compute the SROI of a value map at full precision (see the module doc)."""
    with localcontext(_CONTEXT):
        horizon = value_map.horizon_years
        growth = _growth(value_map.discount_rate, horizon)
        rows: list[OutcomeResult] = []
        for o in value_map.outcomes:
            impact = _outcome_impact(o)
            values = _values(impact, o.drop_off, o.first_year, o.duration_years, horizon)
            rows.append(OutcomeResult(o, impact, tuple(values), _present_value(values, growth)))
        totals = [sum((r.yearly_values[t] for r in rows), ZERO) for t in range(horizon)]
        yearly_pv = [total / g for total, g in zip(totals, growth, strict=True)]
        present_value = sum(yearly_pv, ZERO)
        inputs = value_map.inputs_total
        npv = present_value - inputs
        year_one = totals[0] if totals else ZERO
        payback: Decimal | None = None
        reason_code: str | None = None
        reason: str | None = None
        if year_one > 0:
            payback = inputs / (year_one / TWELVE)
        elif year_one == 0:
            reason_code = "no_year_one_value"
            reason = "No payback period: the total value in year 1 is 0 (for example, every outcome starts after the activity)."
        else:
            reason_code = "negative_year_one_value"
            reason = "No payback period: the total value in year 1 is negative."
        return SROIResult(
            value_map=value_map,
            outcomes=tuple(rows),
            horizon_years=horizon,
            yearly_totals=tuple(totals),
            yearly_present_values=tuple(yearly_pv),
            present_value=present_value,
            inputs_total=inputs,
            net_present_value=npv,
            sroi_ratio=present_value / inputs,
            net_sroi_ratio=npv / inputs,
            payback_months=payback,
            payback_reason_code=reason_code,
            payback_reason=reason,
        )


def display(value: Decimal | None, places: int = 2) -> Decimal | None:
    """Round a result for display only (half up, ``places`` decimals).

    Kept apart from the arithmetic so that rounding never feeds back into a
    later step; templates format (and localise) the returned Decimal.
    """
    if value is None:
        return None
    with localcontext(_CONTEXT) as ctx:
        ctx.prec = max(PRECISION, value.adjusted() + places + 2)
        return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


# --------------------------------------------------------------------------
# Sensitivity analysis (guide, stage 5.3): how far must each assumption move
# for the ratio to reach 1:1, and how much does the ratio swing when it moves
# by a standard step (a tornado table).


@dataclass(frozen=True)
class BreakEven:
    """The value of one assumption of one outcome at which the ratio is 1:1.

    ``break_even`` is None when no value within the valid range gets there
    (``reason_code`` ``out_of_range``) or when the ratio does not depend on
    the assumption for this row (``no_effect``). Durations are whole years,
    so for ``duration_years`` the break-even is the boundary of the range of
    durations with a ratio of at least 1:1 and ``exact`` is False unless the
    ratio is exactly 1 there.
    """

    outcome_index: int
    outcome_label: str
    assumption: str
    current: Decimal
    break_even: Decimal | None
    exact: bool
    reason_code: str | None = None
    reason: str | None = None

    @property
    def reachable(self) -> bool:
        return self.break_even is not None

    @property
    def change(self) -> Decimal | None:
        """How far the assumption must move (break-even − current)."""
        if self.break_even is None:
            return None
        with localcontext(_CONTEXT):
            return self.break_even - self.current


@dataclass(frozen=True)
class TornadoRow:
    """The ratio with one assumption of one outcome at its low and high step."""

    outcome_index: int
    outcome_label: str
    assumption: str
    current: Decimal
    low_value: Decimal
    high_value: Decimal
    ratio_at_low: Decimal
    ratio_at_high: Decimal

    @property
    def swing(self) -> Decimal:
        with localcontext(_CONTEXT):
            return abs(self.ratio_at_high - self.ratio_at_low)


@dataclass(frozen=True)
class SensitivityResult:
    sroi_ratio: Decimal
    break_evens: tuple[BreakEven, ...]
    #: Sorted by swing, largest first (the order a tornado chart draws).
    tornado: tuple[TornadoRow, ...]


_OUT_OF_RANGE = "out_of_range"
_NO_EFFECT = "no_effect"
_REASONS = {
    _OUT_OF_RANGE: "Cannot reach 1:1 within the valid range of this assumption.",
    _NO_EFFECT: "Cannot reach 1:1: the ratio does not depend on this assumption for this outcome.",
}


def _unreachable(index: int, o: Outcome, assumption: str, current: Decimal, code: str) -> BreakEven:
    return BreakEven(index, o.label, assumption, current, None, False, code, _REASONS[code])


def _found(index: int, o: Outcome, assumption: str, current: Decimal, value: Decimal, exact: bool = True) -> BreakEven:
    return BreakEven(index, o.label, assumption, current, value, exact)


def _current(o: Outcome, assumption: str) -> Decimal:
    return Decimal(getattr(o, assumption))


def _linear_break_even(index: int, o: Outcome, assumption: str, target: Decimal, rate: Decimal) -> BreakEven:
    """Quantity, proxy and the three (1 − x) factors enter the PV linearly.

    PV_i = C × f, where f is the factor (q, p or 1 − x) and C the PV with
    that factor set to 1, so f* = target / C exactly.
    """
    current = _current(o, assumption)
    factors = {
        "quantity": o.quantity,
        "proxy_value": o.proxy_value,
        "deadweight": o.deadweight,
        "displacement": o.displacement,
        "attribution": o.attribution,
    }
    factors[assumption] = ONE if assumption in ("quantity", "proxy_value") else ZERO
    unit = _impact(factors["quantity"], factors["proxy_value"], factors["deadweight"],
                   factors["displacement"], factors["attribution"])
    c = _pv(unit, o.drop_off, o.first_year, o.duration_years, rate)
    if c == 0:
        pv_now = _pv(_outcome_impact(o), o.drop_off, o.first_year, o.duration_years, rate)
        if pv_now == target:
            return _found(index, o, assumption, current, current)
        return _unreachable(index, o, assumption, current, _NO_EFFECT)
    factor = target / c
    if assumption in FRACTION_FIELDS:
        value = ONE - factor
        valid = ZERO <= value <= ONE
    elif assumption == "quantity":
        value = factor
        valid = value >= 0
    else:
        # A proxy keeps its sign: turning a benefit into a harm (or back) is a
        # different outcome, not a changed assumption about this one.
        value = factor
        valid = value >= 0 if current >= 0 else value <= 0
    if not valid:
        return _unreachable(index, o, assumption, current, _OUT_OF_RANGE)
    return _found(index, o, assumption, current, value)


def _drop_off_break_even(index: int, o: Outcome, target: Decimal, rate: Decimal) -> BreakEven:
    """PV is a polynomial in (1 − drop-off): bisect over [0, 1] to full precision."""
    current = o.drop_off
    impact = _outcome_impact(o)

    def gap(drop_off: Decimal) -> Decimal:
        return _pv(impact, drop_off, o.first_year, o.duration_years, rate) - target

    lo, hi = ZERO, ONE
    g_lo, g_hi = gap(lo), gap(hi)
    if g_lo == 0:
        return _found(index, o, "drop_off", current, lo)
    if g_hi == 0:
        return _found(index, o, "drop_off", current, hi)
    if g_lo == g_hi:
        return _unreachable(index, o, "drop_off", current, _NO_EFFECT)
    if (g_lo > 0) == (g_hi > 0):
        return _unreachable(index, o, "drop_off", current, _OUT_OF_RANGE)
    # PV is monotone in drop-off, so one sign change; each step halves the
    # bracket until its midpoint can no longer be told from an end.
    while True:
        mid = (lo + hi) / 2
        if mid in (lo, hi):
            break
        g_mid = gap(mid)
        if g_mid == 0:
            return _found(index, o, "drop_off", current, mid)
        if (g_mid > 0) == (g_lo > 0):
            lo, g_lo = mid, g_mid
        else:
            hi = mid
    return _found(index, o, "drop_off", current, lo if abs(g_lo) <= abs(gap(hi)) else hi)


def _duration_break_even(index: int, o: Outcome, target: Decimal, rate: Decimal) -> BreakEven:
    """Durations are whole years: find the edge of the ratio ≥ 1:1 range."""
    current = Decimal(o.duration_years)
    impact = _outcome_impact(o)
    gaps = {
        years: _pv(impact, o.drop_off, o.first_year, years, rate) - target
        for years in range(1, MAX_DURATION_YEARS + 1)
    }
    for years, g in gaps.items():
        if g == 0:
            return _found(index, o, "duration_years", current, Decimal(years))
    at_least = [years for years, g in gaps.items() if g > 0]
    if len(set(gaps.values())) == 1:
        return _unreachable(index, o, "duration_years", current, _NO_EFFECT)
    if not at_least or len(at_least) == MAX_DURATION_YEARS:
        return _unreachable(index, o, "duration_years", current, _OUT_OF_RANGE)
    # A positive outcome adds value with each year (smallest duration that
    # reaches 1:1); a negative one takes it away (longest that still does).
    edge = min(at_least) if impact > 0 else max(at_least)
    return _found(index, o, "duration_years", current, Decimal(edge), exact=False)


def break_even(value_map: ValueMap) -> tuple[BreakEven, ...]:
    """For every outcome and assumption, the value that gives a ratio of 1:1.

    The other assumptions (and the other outcomes) stay fixed. Linear
    assumptions are solved exactly; drop-off by bisection; duration by
    scanning whole years 1..``MAX_DURATION_YEARS``.
    """
    with localcontext(_CONTEXT):
        rate = value_map.discount_rate
        pvs = [
            _pv(_outcome_impact(o), o.drop_off, o.first_year, o.duration_years, rate)
            for o in value_map.outcomes
        ]
        total = sum(pvs, ZERO)
        rows: list[BreakEven] = []
        for index, o in enumerate(value_map.outcomes):
            # PV this outcome must have for PV == inputs, i.e. a 1:1 ratio.
            target = value_map.inputs_total - (total - pvs[index])
            for assumption in ASSUMPTIONS:
                if assumption == "drop_off":
                    rows.append(_drop_off_break_even(index, o, target, rate))
                elif assumption == "duration_years":
                    rows.append(_duration_break_even(index, o, target, rate))
                else:
                    rows.append(_linear_break_even(index, o, assumption, target, rate))
        return tuple(rows)


def _tornado_steps(o: Outcome, assumption: str) -> tuple[Decimal | int, Decimal | int]:
    if assumption in FRACTION_FIELDS:
        value = getattr(o, assumption)
        return max(ZERO, value - TORNADO_POINTS), min(ONE, value + TORNADO_POINTS)
    if assumption == "duration_years":
        years = o.duration_years
        step = max(1, int((Decimal(years) * TORNADO_RELATIVE).to_integral_value(rounding=ROUND_HALF_UP)))
        return max(1, years - step), min(MAX_DURATION_YEARS, years + step)
    value = getattr(o, assumption)
    return value * (ONE - TORNADO_RELATIVE), value * (ONE + TORNADO_RELATIVE)


def tornado(value_map: ValueMap) -> tuple[TornadoRow, ...]:
    """The ratio with each assumption at its low and high step, biggest swing first.

    Fractions move ±10 percentage points and amounts ±20 %, clamped to the
    valid range; durations ±20 % rounded to whole years (at least 1 year).
    """
    with localcontext(_CONTEXT):
        rows: list[TornadoRow] = []
        outcomes = list(value_map.outcomes)
        for index, o in enumerate(outcomes):
            for assumption in ASSUMPTIONS:
                low, high = _tornado_steps(o, assumption)
                ratios = []
                for value in (low, high):
                    varied = outcomes.copy()
                    varied[index] = dataclasses.replace(o, **{assumption: value})
                    ratios.append(calculate(dataclasses.replace(value_map, outcomes=tuple(varied))).sroi_ratio)
                rows.append(TornadoRow(index, o.label, assumption, _current(o, assumption),
                                       Decimal(low), Decimal(high), ratios[0], ratios[1]))
        rows.sort(key=lambda row: row.swing, reverse=True)
        return tuple(rows)


def sensitivity(value_map: ValueMap) -> SensitivityResult:
    """Break-even values and the tornado table for a value map."""
    return SensitivityResult(
        sroi_ratio=calculate(value_map).sroi_ratio,
        break_evens=break_even(value_map),
        tornado=tornado(value_map),
    )
