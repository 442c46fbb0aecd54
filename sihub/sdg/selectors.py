from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from sihub.sdg.models import Goal, Target


def goals() -> QuerySet[Goal]:
    return Goal.objects.all()


def goal_with_targets(number: int) -> Goal:
    return get_object_or_404(
        Goal.objects.prefetch_related(
            Prefetch("targets", queryset=Target.objects.order_by("sort_order"))
        ),
        number=number,
    )


def targets() -> QuerySet[Target]:
    return Target.objects.select_related("goal")
