from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sihub.sdg import selectors


def goal_index(request: HttpRequest) -> HttpResponse:
    return render(request, "sdg/index.html", {"goals": selectors.goals()})


def goal_detail(request: HttpRequest, number: int) -> HttpResponse:
    goal = selectors.goal_with_targets(number)
    return render(request, "sdg/goal.html", {"goal": goal, "targets": goal.targets.all()})
