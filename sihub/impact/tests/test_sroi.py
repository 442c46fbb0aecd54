"""Tests for the SROI arithmetic (sihub/impact/sroi.py), written from the
method in *A Guide to Social Return on Investment* (SROI Network 2012) and
the formulas in issue 8. Pure Python: no database, no Django."""

from __future__ import annotations

import csv
import dataclasses
import random
from decimal import Decimal, localcontext
from fractions import Fraction
from pathlib import Path

import pytest

from sihub.impact import sroi
from sihub.impact.sroi import Outcome, SROIError, ValueMap, calculate, display, sensitivity

D = Decimal
TOLERANCE = D("1e-20")


def outcome(**overrides: object) -> Outcome:
    fields: dict[str, object] = {
        "stakeholder": "Young people",
        "outcome": "In work",
        "indicator": "In work 6 months after the programme",
        "quantity": D(10),
        "proxy_value": D(20000),
        "proxy_source": "Socialstyrelsen 2013",
        "deadweight": D("0.25"),
        "displacement": D("0.10"),
        "attribution": D("0.20"),
        "drop_off": D("0.5"),
        "duration_years": 3,
        "starts_after_activity": False,
    }
    fields.update(overrides)
    return Outcome(**fields)  # type: ignore[arg-type]


def municipality() -> Outcome:
    return outcome(
        stakeholder="Municipality",
        outcome="Less social assistance",
        indicator="Households leaving social assistance",
        quantity=D(4),
        proxy_value=D(12500),
        deadweight=D("0.2"),
        displacement=D(0),
        attribution=D("0.5"),
        drop_off=D("0.1"),
        duration_years=2,
        starts_after_activity=True,
    )


def worked_example(rate: Decimal = D("0.035")) -> ValueMap:
    return ValueMap(outcomes=(outcome(), municipality()), inputs_total=D(100000), discount_rate=rate)


def replace_outcome(vm: ValueMap, index: int, **changes: object) -> ValueMap:
    rows = list(vm.outcomes)
    rows[index] = dataclasses.replace(rows[index], **changes)
    return dataclasses.replace(vm, outcomes=tuple(rows))


def exact(value: Decimal) -> Fraction:
    return Fraction(value)


# --- the worked example, by hand ------------------------------------------
#
# Outcome A (during the activity), 3 years, drop-off 50 %:
#   impact = 10 × 20 000 × (1 − 0.25) × (1 − 0.10) × (1 − 0.20)
#          = 200 000 × 0.75 × 0.9 × 0.8 = 108 000
#   years 1–3: 108 000, 54 000, 27 000
# Outcome B (after the activity), 2 years, drop-off 10 %:
#   impact = 4 × 12 500 × (1 − 0.2) × (1 − 0) × (1 − 0.5) = 20 000
#   years 1–3: 0, 20 000, 18 000   (0 in year 1, then its full 2 years)
# Totals: 108 000, 74 000, 45 000
# PV at 3.5 %: 108 000 / 1.035       = 104 347.83
#              74 000 / 1.035²       =  69 079.79
#              45 000 / 1.035³       =  40 587.42
#              PV                    = 214 015.04  (exactly 210 917 600 000 / 985 527)
# Inputs 100 000: NPV 114 015.04, ratio 2.14 : 1, net ratio 1.14,
# payback = 100 000 / (108 000 / 12) = 11.11 months.


def test_it_computes_the_worked_example():
    result = calculate(worked_example())

    assert [row.impact for row in result.outcomes] == [D(108000), D(20000)]
    assert list(result.outcomes[0].yearly_values) == [D(108000), D(54000), D(27000)]
    assert list(result.outcomes[1].yearly_values) == [D(0), D(20000), D(18000)]
    assert result.horizon_years == 3
    assert list(result.yearly_totals) == [D(108000), D(74000), D(45000)]
    assert [display(v) for v in result.yearly_present_values] == [D("104347.83"), D("69079.79"), D("40587.42")]
    assert abs(exact(result.present_value) - Fraction(210917600000, 985527)) < Fraction(1, 10**30)
    assert display(result.present_value) == D("214015.04")
    assert display(result.net_present_value) == D("114015.04")
    assert display(result.sroi_ratio) == D("2.14")
    assert display(result.net_sroi_ratio) == D("1.14")
    assert display(result.payback_months) == D("11.11")
    assert result.payback_reason is None


def test_it_keeps_full_precision_until_display():
    result = calculate(worked_example())

    assert str(result.sroi_ratio).startswith("2.1401503966913133785274")
    assert abs(exact(result.payback_months) - Fraction(100000 * 12, 108000)) < Fraction(1, 10**35)
    assert display(result.payback_months, 4) == D("11.1111")


def test_it_sums_undiscounted_values_when_the_rate_is_zero():
    result = calculate(worked_example(rate=D(0)))

    assert list(result.yearly_present_values) == [D(108000), D(74000), D(45000)]
    assert result.present_value == D(227000)
    assert result.net_present_value == D(127000)
    assert result.sroi_ratio == D("2.27")
    assert result.net_sroi_ratio == D("1.27")


def test_it_defaults_to_the_green_book_rate():
    vm = ValueMap(outcomes=(outcome(),), inputs_total=D(1))
    assert vm.discount_rate == D("0.035") == sroi.GREEN_BOOK_DISCOUNT_RATE


def test_it_runs_a_late_outcome_its_full_duration_from_year_two():
    late = outcome(quantity=D(1), proxy_value=D(1000), deadweight=D(0), displacement=D(0),
                   attribution=D(0), drop_off=D("0.2"), duration_years=3, starts_after_activity=True)
    result = calculate(ValueMap(outcomes=(late,), inputs_total=D(1000), discount_rate=D(0)))

    assert result.horizon_years == 4
    assert list(result.yearly_totals) == [D(0), D(1000), D(800), D(640)]


def test_it_applies_drop_off_over_several_years():
    row = outcome(quantity=D(1), proxy_value=D(10000), deadweight=D(0), displacement=D(0),
                  attribution=D(0), drop_off=D("0.2"), duration_years=5)
    result = calculate(ValueMap(outcomes=(row,), inputs_total=D(10000), discount_rate=D(0)))

    assert list(result.yearly_totals) == [D(10000), D(8000), D(6400), D(5120), D(4096)]
    assert result.present_value == D(33616)


def test_it_subtracts_a_negative_outcome():
    harm = outcome(stakeholder="Neighbours", outcome="More noise", quantity=D(20), proxy_value=D(-500),
                   deadweight=D(0), displacement=D(0), attribution=D(0), drop_off=D(0), duration_years=2)
    with_harm = dataclasses.replace(worked_example(rate=D(0)), outcomes=(outcome(), municipality(), harm))

    result = calculate(with_harm)

    assert result.outcomes[2].impact == D(-10000)
    assert list(result.yearly_totals) == [D(98000), D(64000), D(45000)]
    assert result.present_value == D(207000)


def test_it_pads_shorter_outcomes_with_zeros_to_the_horizon():
    short = outcome(duration_years=1)
    long = outcome(duration_years=4, drop_off=D(0))
    result = calculate(ValueMap(outcomes=(short, long), inputs_total=D(1)))

    assert result.horizon_years == 4
    assert list(result.outcomes[0].yearly_values) == [D(108000), D(0), D(0), D(0)]


def test_it_ignores_the_callers_decimal_context():
    with localcontext() as ctx:
        ctx.prec = 5
        low = calculate(worked_example())
    assert low.present_value == calculate(worked_example()).present_value


def test_display_rounds_half_up_and_passes_none():
    assert display(D("2.145")) == D("2.15")
    assert display(D("-2.145")) == D("-2.15")
    assert display(D("1234567890123456789012345678901234567890.5"), 0) == D(
        "1234567890123456789012345678901234567891"
    )
    assert display(None) is None


# --- payback --------------------------------------------------------------


def test_it_has_no_payback_when_year_one_is_zero():
    only_late = ValueMap(outcomes=(municipality(),), inputs_total=D(1000))

    result = calculate(only_late)

    assert result.payback_months is None
    assert result.payback_reason_code == "no_year_one_value"
    assert "year 1" in (result.payback_reason or "")
    assert result.present_value > 0  # the ratio is still computed


def test_it_has_no_payback_when_year_one_is_negative():
    harm = outcome(proxy_value=D(-100))
    result = calculate(ValueMap(outcomes=(harm,), inputs_total=D(1000)))

    assert result.payback_months is None
    assert result.payback_reason_code == "negative_year_one_value"
    assert result.sroi_ratio < 0


def test_it_computes_payback_in_months():
    row = outcome(quantity=D(1), proxy_value=D(24000), deadweight=D(0), displacement=D(0),
                  attribution=D(0), duration_years=1)
    result = calculate(ValueMap(outcomes=(row,), inputs_total=D(6000)))

    assert result.payback_months == D(3)


def test_an_empty_value_map_has_ratio_zero_and_no_payback():
    result = calculate(ValueMap(outcomes=(), inputs_total=D(1)))

    assert result.horizon_years == 0
    assert result.sroi_ratio == 0
    assert result.net_sroi_ratio == -1
    assert result.payback_months is None


# --- validation -------------------------------------------------------------


@pytest.mark.parametrize("field", sroi.FRACTION_FIELDS)
@pytest.mark.parametrize("value", [D("-0.01"), D("1.0001"), D(25), -1])
def test_it_rejects_fractions_outside_zero_to_one(field, value):
    with pytest.raises(SROIError) as raised:
        outcome(**{field: value})

    error = raised.value
    assert isinstance(error, ValueError)
    assert error.field == field
    assert error.code == "fraction_out_of_range"
    assert error.outcome == "Young people: In work"
    assert "Young people: In work" in str(error) and field in str(error) and "0 to 1" in str(error)


@pytest.mark.parametrize("field", sroi.FRACTION_FIELDS)
@pytest.mark.parametrize("value", [D(0), D("0.0"), D(1), D("1.0"), 0, 1, "1.0"])
def test_it_accepts_fraction_boundaries(field, value):
    row = outcome(**{field: value})
    assert getattr(row, field) == D(value)


@pytest.mark.parametrize("field", ["deadweight", "displacement", "attribution"])
def test_a_fraction_of_one_removes_all_value(field):
    result = calculate(ValueMap(outcomes=(outcome(**{field: D("1.0")}),), inputs_total=D(1)))
    assert result.present_value == 0
    assert result.payback_months is None


def test_a_drop_off_of_one_leaves_only_the_first_year():
    result = calculate(ValueMap(outcomes=(outcome(drop_off=D(1)),), inputs_total=D(1), discount_rate=D(0)))
    assert list(result.yearly_totals) == [D(108000), D(0), D(0)]


def test_fractions_of_zero_leave_the_full_value():
    row = outcome(deadweight=D(0), displacement=D(0), attribution=D(0), drop_off=D(0))
    assert sroi.outcome_impact(row) == D(200000)


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("quantity", D(-1), "negative"),
        ("quantity", D("NaN"), "not_finite"),
        ("quantity", D("Infinity"), "not_finite"),
        ("quantity", "abc", "not_a_number"),
        ("quantity", 1.5, "type"),
        ("quantity", None, "type"),
        ("proxy_value", D("-Infinity"), "not_finite"),
        ("proxy_value", "nan", "not_finite"),
        ("proxy_value", 0.1, "type"),
        ("deadweight", D("sNaN"), "not_finite"),
        ("deadweight", True, "type"),
        ("duration_years", 0, "duration_out_of_range"),
        ("duration_years", sroi.MAX_DURATION_YEARS + 1, "duration_out_of_range"),
        ("duration_years", D("2.5"), "not_whole_years"),
        ("duration_years", True, "type"),
        ("duration_years", 3.0, "type"),
        ("starts_after_activity", "after", "type"),
        ("indicator", None, "type"),
    ],
)
def test_it_rejects_invalid_outcome_values_naming_outcome_and_field(field, value, code):
    with pytest.raises(SROIError) as raised:
        outcome(**{field: value})

    assert raised.value.field == field
    assert raised.value.code == code
    assert "Young people: In work" in str(raised.value)
    assert field in str(raised.value)


@pytest.mark.parametrize("years", [1, sroi.MAX_DURATION_YEARS, D(7), "7"])
def test_it_accepts_whole_durations_in_range(years):
    assert outcome(duration_years=years).duration_years == int(years)


@pytest.mark.parametrize("inputs", [D(0), D("0.00"), 0, D(-1)])
def test_it_rejects_inputs_of_zero_or_less_instead_of_returning_infinity(inputs):
    with pytest.raises(SROIError) as raised:
        ValueMap(outcomes=(outcome(),), inputs_total=inputs)

    assert raised.value.field == "inputs_total"
    assert raised.value.code == "inputs_not_positive"
    assert "not infinity" in str(raised.value)


@pytest.mark.parametrize("inputs", [D("NaN"), D("Infinity"), 100.0])
def test_it_rejects_non_finite_or_float_inputs(inputs):
    with pytest.raises(SROIError) as raised:
        ValueMap(outcomes=(outcome(),), inputs_total=inputs)
    assert raised.value.field == "inputs_total"


@pytest.mark.parametrize("rate", [D("-0.001"), D("3.5"), D("NaN"), 0.035])
def test_it_rejects_invalid_discount_rates(rate):
    with pytest.raises(SROIError) as raised:
        ValueMap(outcomes=(outcome(),), inputs_total=D(1), discount_rate=rate)
    assert raised.value.field == "discount_rate"


@pytest.mark.parametrize("rate", [D(0), D(1), "0.035"])
def test_it_accepts_discount_rates_from_zero_to_one(rate):
    assert ValueMap(outcomes=(), inputs_total=D(1), discount_rate=rate).discount_rate == D(rate)


def test_it_rejects_rows_that_are_not_outcomes():
    with pytest.raises(SROIError) as raised:
        ValueMap(outcomes=({"quantity": 1},), inputs_total=D(1))
    assert raised.value.field == "outcomes"
    assert "outcome 1" in str(raised.value)


def test_it_accepts_a_list_of_outcomes_and_stores_a_tuple():
    vm = ValueMap(outcomes=[outcome()], inputs_total=D(1))  # type: ignore[arg-type]
    assert isinstance(vm.outcomes, tuple)


# --- sensitivity: break-even ------------------------------------------------


def ratio_with(vm: ValueMap, index: int, assumption: str, value: Decimal) -> Decimal:
    if assumption == "duration_years":
        value = int(value)
    return calculate(replace_outcome(vm, index, **{assumption: value})).sroi_ratio


def break_evens_by_key(vm: ValueMap) -> dict[tuple[int, str], sroi.BreakEven]:
    return {(row.outcome_index, row.assumption): row for row in sroi.break_even(vm)}


def single_outcome_map() -> ValueMap:
    """One outcome worth about 1.75:1 at 3.5 %, so every assumption can reach 1:1."""
    row = outcome(quantity=D(2), proxy_value=D(40000), deadweight=D("0.1"), displacement=D("0.05"),
                  attribution=D("0.3"), drop_off=D("0.25"), duration_years=5)
    return ValueMap(outcomes=(row,), inputs_total=D(100000))


@pytest.mark.parametrize("assumption", ["deadweight", "displacement", "attribution", "drop_off",
                                        "proxy_value", "quantity"])
def test_break_even_values_give_a_ratio_of_exactly_one(assumption):
    vm = single_outcome_map()
    assert calculate(vm).sroi_ratio > 1

    row = break_evens_by_key(vm)[(0, assumption)]

    assert row.reachable and row.exact and row.reason is None
    assert abs(ratio_with(vm, 0, assumption, row.break_even) - 1) < TOLERANCE
    assert abs(row.change - (row.break_even - row.current)) < TOLERANCE


def test_break_even_moves_each_assumption_the_expected_way():
    vm = single_outcome_map()
    rows = break_evens_by_key(vm)

    for assumption in ("deadweight", "displacement", "attribution", "drop_off"):
        assert rows[(0, assumption)].change > 0  # more deadweight etc. lowers the ratio
    for assumption in ("proxy_value", "quantity"):
        assert rows[(0, assumption)].change < 0


def test_break_even_of_the_worked_example_for_outcome_a():
    vm = worked_example()
    rows = break_evens_by_key(vm)

    for assumption in ("deadweight", "displacement", "attribution", "proxy_value", "quantity"):
        row = rows[(0, assumption)]
        assert abs(ratio_with(vm, 0, assumption, row.break_even) - 1) < TOLERANCE
    # Even with 100 % drop-off (or 1 year) A and B together stay above 1:1.
    assert rows[(0, "drop_off")].reason_code == "out_of_range"
    assert rows[(0, "duration_years")].reason_code == "out_of_range"
    # B alone cannot pull the ratio down to 1:1 within its valid range.
    for assumption in sroi.ASSUMPTIONS:
        row = rows[(1, assumption)]
        assert row.break_even is None
        assert row.reason == "Cannot reach 1:1 within the valid range of this assumption."


def test_break_even_raises_a_ratio_below_one_to_one():
    vm = dataclasses.replace(single_outcome_map(), inputs_total=D(250000))
    assert calculate(vm).sroi_ratio < 1
    rows = break_evens_by_key(vm)

    quantity = rows[(0, "quantity")]
    assert quantity.break_even > quantity.current
    assert abs(ratio_with(vm, 0, "quantity", quantity.break_even) - 1) < TOLERANCE
    deadweight = rows[(0, "deadweight")]
    assert deadweight.break_even is None  # even 0 % deadweight is not enough
    assert deadweight.reason_code == "out_of_range"


def test_break_even_duration_is_the_first_whole_year_reaching_one_to_one():
    vm = dataclasses.replace(single_outcome_map(), inputs_total=D(150000))
    assert calculate(vm).sroi_ratio < 1
    row = break_evens_by_key(vm)[(0, "duration_years")]

    assert row.reachable and not row.exact
    years = int(row.break_even)
    assert years > 5
    assert ratio_with(vm, 0, "duration_years", D(years)) >= 1
    assert ratio_with(vm, 0, "duration_years", D(years - 1)) < 1
    assert break_evens_by_key(dataclasses.replace(vm, inputs_total=D(250000)))[
        (0, "duration_years")
    ].reason_code == "out_of_range"  # even 50 years stay below 1:1


def test_break_even_duration_when_shortening():
    vm = single_outcome_map()
    row = break_evens_by_key(vm)[(0, "duration_years")]

    years = int(row.break_even)
    assert 1 < years < 5
    assert ratio_with(vm, 0, "duration_years", D(years)) >= 1
    assert ratio_with(vm, 0, "duration_years", D(years - 1)) < 1


def test_break_even_reports_no_effect_when_the_outcome_has_no_value():
    vm = ValueMap(outcomes=(outcome(proxy_value=D(0)), outcome(quantity=D(1))), inputs_total=D(100000))
    rows = break_evens_by_key(vm)

    for assumption in ("deadweight", "displacement", "attribution", "quantity", "drop_off", "duration_years"):
        assert rows[(0, assumption)].reason_code == "no_effect", assumption
    proxy = rows[(0, "proxy_value")]
    assert abs(ratio_with(vm, 0, "proxy_value", proxy.break_even) - 1) < TOLERANCE


def test_break_even_keeps_a_negative_proxy_negative():
    harm = outcome(stakeholder="Neighbours", outcome="More noise", quantity=D(1), proxy_value=D(-1000),
                   deadweight=D(0), displacement=D(0), attribution=D(0), drop_off=D(0), duration_years=1)
    vm = ValueMap(outcomes=(outcome(), harm), inputs_total=D(100000))
    rows = break_evens_by_key(vm)

    proxy = rows[(1, "proxy_value")]
    assert proxy.break_even < 0
    assert abs(ratio_with(vm, 1, "proxy_value", proxy.break_even) - 1) < TOLERANCE
    # Deadweight on a harm only removes harm and raises the ratio, which is
    # already above 1:1, so no deadweight in 0..1 brings it down to 1:1.
    assert rows[(1, "deadweight")].reason_code == "out_of_range"


def test_break_even_when_the_ratio_is_already_one():
    row = outcome(quantity=D(1), proxy_value=D(1000), deadweight=D(0), displacement=D(0),
                  attribution=D(0), duration_years=1)
    vm = ValueMap(outcomes=(row,), inputs_total=D(1000), discount_rate=D(0))
    rows = break_evens_by_key(vm)

    assert rows[(0, "quantity")].change == 0
    assert rows[(0, "deadweight")].change == 0
    assert rows[(0, "duration_years")].break_even == 1


# --- sensitivity: tornado ---------------------------------------------------


def test_tornado_moves_fractions_ten_points_and_amounts_twenty_percent():
    rows = {(r.outcome_index, r.assumption): r for r in sroi.tornado(worked_example())}

    deadweight = rows[(0, "deadweight")]
    assert (deadweight.low_value, deadweight.high_value) == (D("0.15"), D("0.35"))
    assert deadweight.ratio_at_low > calculate(worked_example()).sroi_ratio > deadweight.ratio_at_high
    displacement = rows[(1, "displacement")]
    assert (displacement.low_value, displacement.high_value) == (D(0), D("0.10"))  # clamped at 0
    proxy = rows[(0, "proxy_value")]
    assert (proxy.low_value, proxy.high_value) == (D(16000), D(24000))
    duration = rows[(0, "duration_years")]
    assert (duration.low_value, duration.high_value) == (D(2), D(4))
    vm = replace_outcome(worked_example(), 0, proxy_value=D(24000))
    assert proxy.ratio_at_high == calculate(vm).sroi_ratio


def test_tornado_clamps_at_one_and_at_one_year():
    vm = ValueMap(outcomes=(outcome(attribution=D("0.95"), duration_years=1),), inputs_total=D(1000))
    rows = {r.assumption: r for r in sroi.tornado(vm)}

    assert rows["attribution"].high_value == D(1)
    assert rows["attribution"].ratio_at_high == 0
    assert (rows["duration_years"].low_value, rows["duration_years"].high_value) == (D(1), D(2))


def test_tornado_is_sorted_by_swing():
    rows = sroi.tornado(worked_example())
    swings = [row.swing for row in rows]

    assert swings == sorted(swings, reverse=True)
    assert len(rows) == 2 * len(sroi.ASSUMPTIONS)


def test_sensitivity_bundles_ratio_break_evens_and_tornado():
    result = sensitivity(worked_example())

    assert result.sroi_ratio == calculate(worked_example()).sroi_ratio
    assert len(result.break_evens) == len(result.tornado) == 2 * len(sroi.ASSUMPTIONS)


# --- property-style checks ---------------------------------------------------


def random_value_maps(count: int = 25) -> list[ValueMap]:
    rng = random.Random(8)  # nosec B311 - reproducible test data
    maps = []
    for _ in range(count):
        rows = [
            outcome(
                quantity=D(rng.randint(1, 200)),
                proxy_value=D(rng.randint(100, 50000)),
                deadweight=D(rng.randint(0, 90)) / 100,
                displacement=D(rng.randint(0, 90)) / 100,
                attribution=D(rng.randint(0, 90)) / 100,
                drop_off=D(rng.randint(0, 90)) / 100,
                duration_years=rng.randint(1, 10),
                starts_after_activity=rng.random() < 0.3,
            )
            for _ in range(rng.randint(1, 4))
        ]
        maps.append(ValueMap(outcomes=tuple(rows), inputs_total=D(rng.randint(1000, 10**6)),
                             discount_rate=D(rng.randint(0, 10)) / 100))
    return maps


GRID = [D(0), D("0.1"), D("0.35"), D("0.5"), D("0.9"), D(1)]


@pytest.mark.parametrize("assumption", ["deadweight", "displacement", "attribution"])
def test_the_ratio_falls_strictly_as_a_reduction_grows(assumption):
    for vm in random_value_maps():
        ratios = [ratio_with(vm, 0, assumption, value) for value in GRID]
        assert all(a > b for a, b in zip(ratios, ratios[1:])), ratios


def test_the_ratio_never_rises_with_drop_off():
    for vm in random_value_maps():
        ratios = [ratio_with(vm, 0, "drop_off", value) for value in GRID]
        assert all(a >= b for a, b in zip(ratios, ratios[1:])), ratios
        if vm.outcomes[0].duration_years > 1:
            assert ratios[0] > ratios[-1]


@pytest.mark.parametrize("assumption", ["quantity", "proxy_value"])
def test_the_ratio_grows_in_proportion_to_quantity_and_proxy(assumption):
    for vm in random_value_maps():
        current = getattr(vm.outcomes[0], assumption)
        base = calculate(replace_outcome(vm, 0, **{assumption: D(0)})).sroi_ratio
        once = ratio_with(vm, 0, assumption, current)
        twice = ratio_with(vm, 0, assumption, current * 2)
        assert abs((twice - base) - 2 * (once - base)) < TOLERANCE


def test_the_ratio_grows_with_duration_and_falls_with_the_discount_rate():
    for vm in random_value_maps():
        by_years = [ratio_with(vm, 0, "duration_years", D(years)) for years in (1, 2, 5, 10)]
        assert all(a <= b for a, b in zip(by_years, by_years[1:]))
        by_rate = [calculate(dataclasses.replace(vm, discount_rate=rate)).sroi_ratio
                   for rate in (D(0), D("0.035"), D("0.1"))]
        assert all(a > b for a, b in zip(by_rate, by_rate[1:]))


def test_identities_hold_for_random_value_maps():
    for vm in random_value_maps():
        result = calculate(vm)
        assert abs(result.net_present_value - (result.present_value - vm.inputs_total)) < TOLERANCE
        assert abs(result.net_sroi_ratio - (result.sroi_ratio - 1)) < TOLERANCE
        assert abs(sum(result.yearly_present_values) - sum(r.present_value for r in result.outcomes)) < TOLERANCE
        assert result.horizon_years == max(o.last_year for o in vm.outcomes)
        assert all(len(r.yearly_values) == result.horizon_years for r in result.outcomes)


def test_linear_break_evens_hit_one_to_one_for_random_value_maps():
    for vm in random_value_maps(10):
        for row in sroi.break_even(vm):
            if row.break_even is None or not row.exact:
                continue
            assert abs(ratio_with(vm, row.outcome_index, row.assumption, row.break_even) - 1) < TOLERANCE


# --- seed data for the proxy library ----------------------------------------

PROXIES = Path(sroi.__file__).parent / "data" / "proxies_sek.csv"


def test_the_seed_proxies_are_complete_and_documented():
    with PROXIES.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))

    assert 6 <= len(rows) <= 10
    assert len({row["key"] for row in rows}) == len(rows)
    for row in rows:
        for column in ("key", "name_sv", "name_en", "value_sek", "unit", "base_year",
                       "source_title", "source_publisher", "source_url", "note"):
            assert row[column].strip(), (row["key"], column)
        assert D(row["value_sek"]) > 0
        assert 2000 <= int(row["base_year"]) <= 2026
        assert row["source_url"].startswith(("https://", "http://"))
        assert "approximation" in row["note"].lower()
