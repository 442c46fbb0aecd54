from __future__ import annotations

import re
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from sihub.sdg import selectors
from sihub.sdg.models import Goal


def goal_index(request: HttpRequest) -> HttpResponse:
    return render(request, "sdg/index.html", {"goals": selectors.goals()})


def goal_detail(request: HttpRequest, number: int) -> HttpResponse:
    goal = selectors.goal_with_targets(number)
    return render(request, "sdg/goal.html", {"goal": goal, "targets": goal.targets.all()})


# --- Suggestions: what the editor's panel and the members' forms show -------------------

# From this score on a suggestion is called a strong match, below it a possible one.
STRONG_MATCH = 0.7
# What one suggestion shows: enough to judge it, short enough to scan.
MAX_TARGETS, MAX_EVIDENCE = 3, 5


@dataclass(frozen=True)
class SuggestionItem:
    """One suggested goal as the list shows it (sdg/includes/suggestions.html)."""

    goal: Goal
    score: float
    targets: list[str]  # codes, e.g. "8.5"
    evidence: list[str]

    @property
    def label(self) -> str:
        return _("Goal %(number)s: %(title)s") % {"number": self.goal.number,
                                                  "title": self.goal.title}

    @property
    def strength(self) -> str:
        percent = round(self.score * 100)
        if self.score >= STRONG_MATCH:
            return _("Strong match (%(percent)s %%)") % {"percent": percent}
        return _("Possible match (%(percent)s %%)") % {"percent": percent}


def suggestion_items(suggestions: Iterable[Mapping[str, Any]]) -> list[SuggestionItem]:
    """Goals for suggestions shaped like ``suggestions.suggest_for_text``'s (one query)."""
    suggestions = list(suggestions)
    if not suggestions:
        return []
    goals = {g.number: g for g in Goal.objects.all()}
    return [
        SuggestionItem(goal=goals[s["goal"]], score=float(s.get("score") or 0.0),
                       targets=[str(c) for c in (s.get("targets") or [])[:MAX_TARGETS]],
                       evidence=[str(e) for e in (s.get("evidence") or [])[:MAX_EVIDENCE]])
        for s in suggestions if s["goal"] in goals
    ]


def render_suggestions(request: HttpRequest, items: list[SuggestionItem], *, admin: bool,
                       message: str = "", status: int = 200) -> HttpResponse:
    """The suggestion list (or a message instead), as both suggest endpoints answer."""
    if message:
        summary = message
    elif items:
        summary = ngettext("One goal suggested.", "%(count)s goals suggested.",
                           len(items)) % {"count": len(items)}
    else:
        summary = _("No goals to suggest from this text.")
    return render(request, "sdg/includes/suggestions.html", {
        "items": items, "admin": admin, "message": message, "summary": summary,
    }, status=status)


def goal_numbers_from_values(values: Iterable[str], *, by: str) -> set[int]:
    """Goal numbers for the ticked boxes of a goals field whose values are numbers or pks."""
    wanted = {int(v) for v in values if str(v).isdigit()}
    if not wanted:
        return set()
    if by == "number":
        return {n for n in wanted if 1 <= n <= 17}
    return set(Goal.objects.filter(pk__in=wanted).values_list("number", flat=True))


# Members' forms: how much text, how many fields and how many requests a minute.
MEMBER_MAX_CHARS = 50_000
MEMBER_MAX_FIELDS = 20
MEMBER_REQUESTS_PER_MINUTE = 20
FIELD_NAME = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def _over_member_rate(user_id: int) -> bool:
    """A fixed one-minute window per person, in the cache (shared by all processes on Redis)."""
    key = f"sdg-suggest:{user_id}:{int(time.time() // 60)}"
    if cache.add(key, 1, timeout=90):
        return False
    try:
        return cache.incr(key) > MEMBER_REQUESTS_PER_MINUTE
    except ValueError:  # the key expired in between
        return False


@login_required
@require_POST
def suggest(request: HttpRequest) -> HttpResponse:
    """Suggest goals for the text of a member's form (case submission, actor change proposal).

    The form posts itself here (htmx); ``sdg_fields`` names the text fields to
    read and ``sdg_value`` says whether its goal boxes carry numbers or pks.
    Nothing is stored: members' forms only tick boxes, and the editors who
    review the submission decide which goals stay (their save records the
    provenance in the admin).
    """
    if _over_member_rate(request.user.pk):
        return render_suggestions(request, [], admin=False, status=429, message=_(
            "You asked for suggestions many times in a short while. Wait a minute and try again."))
    names = [n for n in request.POST.get("sdg_fields", "").split() if FIELD_NAME.match(n)]
    text = "\n\n".join(v.strip() for v in (request.POST.get(n, "")
                                           for n in dict.fromkeys(names[:MEMBER_MAX_FIELDS]))
                       if v.strip())
    if len(text) > MEMBER_MAX_CHARS:
        return render_suggestions(request, [], admin=False, status=413, message=_(
            "The text is too long to suggest goals for (at most %(count)s characters).")
            % {"count": number_format(MEMBER_MAX_CHARS, force_grouping=True)})
    if not text:
        return render_suggestions(request, [], admin=False, message=_(
            "Write some text first: the suggestions come from what you write."))
    from sihub.sdg.suggestions import suggest_for_text

    by = "number" if request.POST.get("sdg_value") == "number" else "pk"
    ticked = goal_numbers_from_values(request.POST.getlist("sdgs"), by=by)
    return render_suggestions(request, suggestion_items(suggest_for_text(text, exclude=ticked)),
                              admin=False)
