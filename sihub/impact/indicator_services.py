"""Writes of single measurements, beside the CSV import in ``services``.

The import covers many points at once; the indicator page adds, corrects and
removes one. The same rules apply: the caller's right to change the
initiative is checked here (not only in the view), the row is validated with
``full_clean()`` (so the unique point and the both-or-neither breakdown give
form errors rather than database errors), and every change is audited.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.http import Http404

from sihub.impact import selectors, services
from sihub.impact.models import Indicator, Measurement

MEASUREMENT_SAVED = "impact.measurement_saved"
MEASUREMENT_DELETED = "impact.measurement_deleted"


def measurement_of(indicator: Indicator, pk: Any) -> Measurement:
    """A measurement of ``indicator`` (fetched by the caller through the selectors), or 404.

    Looking it up below the indicator is what keeps a measurement id of
    another initiative out of reach.
    """
    try:
        return indicator.measurements.get(pk=pk)
    except (Measurement.DoesNotExist, ValueError, TypeError):
        raise Http404("No such measurement") from None


def measurement_save(*, indicator: Indicator, user: Any, on: date, value: Decimal,
                     breakdown_dimension: str = "", breakdown_value: str = "",
                     measurement: Measurement | None = None) -> Measurement:
    """Add a point to ``indicator``, or change ``measurement`` (one of its points).

    Raises ValidationError when the point exists already for that date and
    group, or a breakdown lacks its group (or the other way round).
    """
    initiative = indicator.outcome.initiative
    selectors.require_change(user, initiative)
    if measurement is not None and measurement.indicator_id != indicator.pk:
        raise Http404("No such measurement")
    point = measurement if measurement is not None else Measurement(indicator=indicator)
    before = None if measurement is None else {
        "date": measurement.date.isoformat(), "value": str(measurement.value)}
    point.date = on
    point.value = value
    point.breakdown_dimension = breakdown_dimension.strip()
    point.breakdown_value = breakdown_value.strip()
    saved: Measurement = services.save_child(
        point, user=user, initiative=initiative, action=MEASUREMENT_SAVED,
        data={"indicator_id": indicator.pk, "date": on.isoformat(), "value": str(value),
              "breakdown": [point.breakdown_dimension, point.breakdown_value],
              "before": before})
    return saved


def measurement_delete(*, measurement: Measurement, user: Any) -> None:
    initiative = measurement.indicator.outcome.initiative
    selectors.require_change(user, initiative)
    services.delete_child(measurement, user=user, initiative=initiative,
                          action=MEASUREMENT_DELETED)
