"""Builders for the value-map and SROI tests: one known value map (ratio 1 : 1.79)."""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

from sihub.impact import services
from sihub.impact.models import Initiative, ValueMapRow
from sihub.impact.tests.conftest import outcome_with_indicator

#: The README's example: impact 108 000, then 54 000 and 27 000; PV 179 109.86 at 3.5 %.
KNOWN_ROW = {"quantity": D(10), "proxy_value": D(20000), "proxy_source": "Egen beräkning",
             "deadweight": D("0.25"), "displacement": D("0.1"), "attribution": D("0.2"),
             "drop_off": D("0.5"), "duration_years": 3, "starts_after_activity": False}


def known_map(initiative: Initiative, lead: Any, *, inputs: D | None = D(100000),
              **row: Any) -> ValueMapRow:
    """One row on a new stakeholder's outcome (with an indicator); inputs 100 000 SEK."""
    indicator = outcome_with_indicator(initiative, lead)
    outcome = indicator.outcome
    if inputs is not None:
        services.initiative_update(initiative=initiative, user=lead,
                                   fields={"inputs_total": inputs})
    return services.value_map_row_create(initiative=initiative, user=lead, fields={
        "stakeholder": outcome.stakeholder, "outcome": outcome, "indicator": indicator,
        **KNOWN_ROW, **row})
