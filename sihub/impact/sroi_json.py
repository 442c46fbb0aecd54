"""The JSON shape of ``manage.py sroi FILE.json``: read a value map, write a result.

Input (issue 8)::

    {"discount_rate": 0.035, "inputs": 100000,
     "outcomes": [{"stakeholder": "…", "outcome": "…", "quantity": 10,
                   "financial_proxy": 20000, "deadweight": 0.25, "displacement": 0.1,
                   "attribution": 0.2, "drop_off": 0.5, "duration_years": 3,
                   "starts": "during"}]}

``discount_rate`` may be left out (the Green Book's 3.5 %); each outcome may
also carry ``indicator`` and ``source`` (text). Any other key is refused, so
a misspelt column ("dropoff") is reported instead of silently ignored.
Percentages are fractions 0–1, as in ``sroi``.

Numbers are read as exact ``Decimal`` (``parse_float=Decimal``) and written
back as JSON numbers at the full precision ``sroi`` keeps (40 significant
digits), never through a binary float and never rounded: the command is for
checking and scripting, and a consumer that wants two decimals can round;
one that wants to reproduce a figure exactly cannot undo rounding.

No Django imports: errors are English, one line each, for the command line.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Context, Decimal
from typing import Any

from sihub.impact import sroi

OUTCOME_KEYS = ("stakeholder", "outcome", "quantity", "financial_proxy", "deadweight",
                "displacement", "attribution", "drop_off", "duration_years", "starts")
OPTIONAL_OUTCOME_KEYS = ("indicator", "source")
TOP_KEYS = ("inputs", "outcomes")
OPTIONAL_TOP_KEYS = ("discount_rate",)
STARTS = {"during": False, "after": True}

# sroi's names for the columns whose JSON key differs.
_SROI_FIELD_TO_KEY = {"proxy_value": "financial_proxy", "inputs_total": "inputs",
                      "starts_after_activity": "starts", "proxy_source": "source"}


class SROIFileError(ValueError):
    """The file cannot be computed; the message is one line naming where and why."""


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _check_keys(obj: Mapping[str, Any], *, required: tuple[str, ...],
                optional: tuple[str, ...], where: str) -> None:
    missing = [k for k in required if k not in obj]
    if missing:
        raise SROIFileError(f"{where}: missing key{'s' if len(missing) > 1 else ''} "
                            + ", ".join(f'"{k}"' for k in missing) + ".")
    unknown = sorted(set(obj) - set(required) - set(optional))
    if unknown:
        raise SROIFileError(f"{where}: unknown key{'s' if len(unknown) > 1 else ''} "
                            + ", ".join(f'"{k}"' for k in unknown)
                            + " (expected " + ", ".join(f'"{k}"' for k in required + optional)
                            + ").")


def _key_of(error: sroi.SROIError) -> str:
    return _SROI_FIELD_TO_KEY.get(error.field, error.field)


def _outcome(index: int, raw: Any) -> sroi.Outcome:
    where = f"outcomes[{index}]"
    if not isinstance(raw, dict):
        raise SROIFileError(f"{where}: each outcome must be an object, got {type(raw).__name__}.")
    _check_keys(raw, required=OUTCOME_KEYS, optional=OPTIONAL_OUTCOME_KEYS, where=where)
    starts = raw["starts"]
    if starts not in STARTS:
        raise SROIFileError(f'{where}.starts: must be "during" or "after", got {json.dumps(starts)}.')
    try:
        return sroi.Outcome(
            stakeholder=raw["stakeholder"], outcome=raw["outcome"],
            indicator=raw.get("indicator", ""), quantity=raw["quantity"],
            proxy_value=raw["financial_proxy"], proxy_source=raw.get("source", ""),
            deadweight=raw["deadweight"], displacement=raw["displacement"],
            attribution=raw["attribution"], drop_off=raw["drop_off"],
            duration_years=raw["duration_years"], starts_after_activity=STARTS[starts])
    except sroi.SROIError as error:
        raise SROIFileError(f"{where}.{_key_of(error)}: {_one_line(str(error))}") from None


def parse_value_map(text: str) -> sroi.ValueMap:
    """The value map in ``text``, or SROIFileError saying where the file is wrong.

    An empty outcome list is refused (as the value-map page does): a ratio of
    0 over a map with no rows would look like a finding, not a gap.
    """
    try:
        data = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as error:
        raise SROIFileError(f"invalid JSON at line {error.lineno}, column {error.colno}: "
                            f"{error.msg}.") from None
    if not isinstance(data, dict):
        raise SROIFileError(f"the file must hold one JSON object, got {type(data).__name__}.")
    _check_keys(data, required=TOP_KEYS, optional=OPTIONAL_TOP_KEYS, where="value map")
    raw_outcomes = data["outcomes"]
    if not isinstance(raw_outcomes, list):
        raise SROIFileError("outcomes: must be a list of objects.")
    if not raw_outcomes:
        raise SROIFileError("outcomes: the list is empty; there is nothing to value.")
    outcomes = tuple(_outcome(i, raw) for i, raw in enumerate(raw_outcomes))
    try:
        return sroi.ValueMap(
            outcomes=outcomes, inputs_total=data["inputs"],
            discount_rate=data.get("discount_rate", sroi.GREEN_BOOK_DISCOUNT_RATE))
    except sroi.SROIError as error:
        raise SROIFileError(f"{_key_of(error)}: {_one_line(str(error))}") from None


def result_dict(result: sroi.SROIResult) -> dict[str, Any]:
    """The six figures the issue names, at full precision (``payback_months`` may be None)."""
    return {
        "yearly_values": list(result.yearly_totals),
        "present_value": result.present_value,
        "net_present_value": result.net_present_value,
        "sroi_ratio": result.sroi_ratio,
        "net_sroi_ratio": result.net_sroi_ratio,
        "payback_months": result.payback_months,
    }


def _number(value: Decimal) -> str:
    """A Decimal as a JSON number: no exponent, no trailing zeros, no float in between."""
    if value == 0:
        return "0"  # also for -0 and 0E-40
    # normalize() rounds to its context's precision: give it every digit there is.
    exact = Context(prec=max(len(value.as_tuple().digits), 1))
    return format(value.normalize(context=exact), "f")


def dumps(obj: Any, *, indent: int = 2, _level: int = 0) -> str:
    """JSON text like ``json.dumps(indent=…)``, but Decimals become exact JSON numbers.

    ``json`` can only write numbers from ``int`` and ``float``; converting to
    float would lose the precision this output promises.
    """
    pad = " " * (indent * (_level + 1))
    end = " " * (indent * _level)
    if isinstance(obj, Decimal):
        if not obj.is_finite():
            raise ValueError(f"cannot write {obj} as JSON")
        return _number(obj)
    if isinstance(obj, dict):
        if not obj:
            return "{}"
        items = [f"{pad}{json.dumps(str(k))}: {dumps(v, indent=indent, _level=_level + 1)}"
                 for k, v in obj.items()]
        return "{\n" + ",\n".join(items) + "\n" + end + "}"
    if isinstance(obj, (list, tuple)):
        if not obj:
            return "[]"
        items = [pad + dumps(v, indent=indent, _level=_level + 1) for v in obj]
        return "[\n" + ",\n".join(items) + "\n" + end + "]"
    return json.dumps(obj)
