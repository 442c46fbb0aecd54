"""Builders for the self-assessment and report tests (conftest.py holds the personas)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sihub.core.models import User
from sihub.impact import assessment, services
from sihub.impact.models import ElementKind, Initiative, Measurement
from sihub.sdg.models import Goal

HOSTILE = '<script>alert("x")</script>'


def answers(value: int = 2, **overrides: int) -> dict[str, int]:
    """Every question answered ``value``, except the ones named."""
    return {**{key: value for key in assessment.QUESTIONS}, **overrides}


def dimension_answers(**per_dimension: int) -> dict[str, int]:
    """Each question of a dimension answered with that dimension's value (default 0)."""
    return {q.key: per_dimension.get(d.key, 0) for d in assessment.DIMENSIONS for q in d.questions}


def post_data(values: dict[str, int]) -> dict[str, str]:
    return {key: str(value) for key, value in values.items()}


def complete_initiative(initiative: Initiative, lead: User, *,
                        text: str = "Får arbete") -> dict[str, Any]:
    """Overview facts, a stakeholder with an outcome, ToC, an indicator with data, a value map."""
    services.initiative_update(initiative=initiative, user=lead, fields={
        "societal_challenge": "Ungdomsarbetslöshet", "funder": "ESF",
        "funding_amount": Decimal("1500000"), "inputs_total": Decimal("100000")},
        m2m={"sdgs": [Goal.objects.get(number=8)]})
    group = services.stakeholder_create(initiative=initiative, user=lead, name=f"Unga {text}",
                                        size=40)
    outcome = services.outcome_create(initiative=initiative, user=lead, stakeholder=group,
                                      description=text)
    indicator = services.indicator_create(outcome=outcome, user=lead, name=f"I arbete {text}",
                                          unit="personer", baseline=Decimal(0),
                                          target=Decimal(20))
    Measurement.objects.create(indicator=indicator, date=date(2025, 6, 30), value=Decimal(8))
    Measurement.objects.create(indicator=indicator, date=date(2025, 12, 31), value=Decimal(15))
    Measurement.objects.create(indicator=indicator, date=date(2025, 12, 31), value=Decimal(99),
                               breakdown_dimension="kön", breakdown_value="kvinnor")
    toc = services.toc_create(initiative=initiative, user=lead, title="Vägen till arbete")
    activity = services.toc_element_add(toc=toc, user=lead, kind=ElementKind.ACTIVITY,
                                        text=f"Coachning {text}")
    effect = services.toc_element_add(toc=toc, user=lead, kind=ElementKind.OUTCOME_SHORT,
                                      text="Fler i arbete")
    services.toc_link_add(toc=toc, user=lead, source=activity, target=effect,
                          assumption=f"Arbetsgivare anställer {text}")
    services.value_map_row_create(initiative=initiative, user=lead, fields={
        "stakeholder": group, "outcome": outcome, "indicator": indicator,
        "quantity": Decimal(10), "proxy_value": Decimal(20000), "proxy_source": "SCB",
        "deadweight": Decimal("0.25"), "displacement": Decimal("0.1"),
        "attribution": Decimal("0.2"), "drop_off": Decimal("0.5"), "duration_years": 3})
    initiative.refresh_from_db()
    return {"group": group, "outcome": outcome, "indicator": indicator, "toc": toc}
