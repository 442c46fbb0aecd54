"""``manage.py sroi FILE.json``: the worked example by hand, stdin, and every way a file is wrong."""

from __future__ import annotations

import io
import json
import sys
from decimal import Decimal as D
from decimal import localcontext
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sihub.impact import sroi, sroi_json
from sihub.impact.management.commands.sroi import Command

OUTCOME = {"stakeholder": "Unga", "outcome": "I arbete", "quantity": 10,
           "financial_proxy": 20000, "deadweight": 0.25, "displacement": 0.1,
           "attribution": 0.2, "drop_off": 0.5, "duration_years": 3, "starts": "during"}
MAP = {"discount_rate": 0.035, "inputs": 100000, "outcomes": [OUTCOME]}


def write(tmp_path: Path, data: Any) -> str:
    path = tmp_path / "map.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(path)


def run(path: str) -> dict[str, Any]:
    out = io.StringIO()
    call_command("sroi", path, stdout=out)
    return json.loads(out.getvalue(), parse_float=D)


def test_it_computes_the_worked_example_as_the_guide_does(tmp_path):
    result = run(write(tmp_path, MAP))
    # By hand: impact = 10 × 20 000 × 0.75 × 0.9 × 0.8; each later year halves (drop-off 50 %).
    assert result["yearly_values"] == [108000, 54000, 27000]
    with localcontext() as ctx:
        ctx.prec = 40
        pv = D(108000) / D("1.035") + D(54000) / D("1.035") ** 2 + D(27000) / D("1.035") ** 3
        assert abs(result["present_value"] - pv) < D("1e-30")
        assert abs(result["net_present_value"] - (pv - 100000)) < D("1e-30")
        assert abs(result["sroi_ratio"] - pv / 100000) < D("1e-35")
        assert abs(result["net_sroi_ratio"] - (pv - 100000) / 100000) < D("1e-35")
        assert abs(result["payback_months"] - D(100000) / (D(108000) / 12)) < D("1e-35")
    assert sroi.display(result["sroi_ratio"]) == D("1.79")
    assert set(result) == {"yearly_values", "present_value", "net_present_value", "sroi_ratio",
                           "net_sroi_ratio", "payback_months"}


def test_it_prints_full_precision_not_rounded_floats(tmp_path):
    out = io.StringIO()
    call_command("sroi", write(tmp_path, MAP), stdout=out)
    text = out.getvalue()
    ratio = text.split('"sroi_ratio": ')[1].split(",")[0]
    assert len(ratio.replace(".", "")) > 30  # far more digits than a float has
    assert "e" not in ratio.lower()


def test_it_agrees_with_sroi_calculate_for_a_late_negative_undiscounted_map(tmp_path):
    data = {"discount_rate": 0, "inputs": 50000, "outcomes": [
        {**OUTCOME, "starts": "after", "duration_years": 2, "drop_off": 0},
        {**OUTCOME, "outcome": "Flyttar", "financial_proxy": -1000, "quantity": 5,
         "deadweight": 0, "displacement": 0, "attribution": 0, "duration_years": 1}]}
    result = run(write(tmp_path, data))
    # Year 1: only the negative outcome (−5 000); years 2–3: the late outcome's 108 000.
    assert result["yearly_values"] == [-5000, 108000, 108000]
    assert result["present_value"] == 211000  # r = 0: no discounting
    assert result["payback_months"] is None  # year 1 is negative
    expected = sroi.calculate(sroi_json.parse_value_map(json.dumps(data)))
    assert result["sroi_ratio"] == expected.sroi_ratio


def test_it_reads_standard_input_for_a_dash(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(MAP)))
    assert run("-")["yearly_values"] == [108000, 54000, 27000]


def test_it_takes_the_green_book_rate_when_the_file_gives_none(tmp_path):
    without = {k: v for k, v in MAP.items() if k != "discount_rate"}
    assert run(write(tmp_path, without)) == run(write(tmp_path, MAP))


@pytest.mark.parametrize(("data", "message"), [
    ({"discount_rate": 0.035, "outcomes": [OUTCOME]}, 'missing key "inputs"'),
    ({**MAP, "outcomes": [{k: v for k, v in OUTCOME.items() if k != "drop_off"}]},
     'outcomes[0]: missing key "drop_off"'),
    ({**MAP, "outcomes": [{**OUTCOME, "deadweight": 25}]},
     "outcomes[0].deadweight: Outcome 'Unga: I arbete': deadweight must be a fraction from 0 to 1"),
    ({**MAP, "outcomes": [{**OUTCOME, "attribution": -0.1}]}, "outcomes[0].attribution"),
    ({**MAP, "inputs": 0}, "inputs: Value map: inputs_total must be greater than 0"),
    ({**MAP, "discount_rate": 3.5}, "discount_rate:"),
    ({**MAP, "outcomes": [{**OUTCOME, "starts": "later"}]},
     'outcomes[0].starts: must be "during" or "after"'),
    ({**MAP, "outcomes": [{**OUTCOME, "dropoff": 0.5}]}, 'unknown key "dropoff"'),
    ({**MAP, "outcomes": []}, "outcomes: the list is empty"),
    ({**MAP, "outcomes": [{**OUTCOME, "quantity": "many"}]}, "outcomes[0].quantity"),
    ([1, 2], "one JSON object"),
])
def test_it_refuses_a_bad_file_with_one_clear_line(tmp_path, data, message):
    path = write(tmp_path, data)
    with pytest.raises(CommandError) as caught:
        run(path)
    text = str(caught.value)
    assert text.startswith(f"{path}: ")
    assert message in text
    assert "\n" not in text


def test_it_names_line_and_column_of_invalid_json(tmp_path):
    path = write(tmp_path, '{"inputs": 100000,\n  "outcomes": [,]}')
    with pytest.raises(CommandError, match=r"invalid JSON at line 2, column 16"):
        run(path)


def test_it_says_so_when_the_file_is_missing(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        run(str(tmp_path / "nope.json"))


def test_it_exits_non_zero_with_one_line_on_stderr(tmp_path, capsys):
    path = write(tmp_path, {**MAP, "inputs": 0})
    with pytest.raises(SystemExit) as exited:
        Command().run_from_argv(["manage.py", "sroi", path])
    assert exited.value.code != 0
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1
    assert "inputs" in lines[0] and "greater than 0" in lines[0]
