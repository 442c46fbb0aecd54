"""Who else should join: ranked member suggestions with their reasons, under the sector balance.

A workspace page: every member and staff reader may look; only those who
keep the member list (managers, initiator and core members) get an
"Invite" link, which opens the members page with the actor preselected.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from sihub.coalitions import selectors
from sihub.coalitions.balance import coalition_balance
from sihub.coalitions.selectors import Access
from sihub.coalitions.suggest_adapter import suggestions_for
# The workspace pages' one rule for anonymous visitors: log in rather than a 403.
from sihub.coalitions.views import login_when_denied
from sihub.core.models import Sector

LIMIT = 20


@login_when_denied
@require_safe  # reads only; inviting happens on the members page
def suggestions(request: HttpRequest, pk: int) -> HttpResponse:
    coalition = selectors.get_coalition_for_user(user=request.user, pk=pk,
                                                 access=Access.WORKSPACE)
    # The form sends "filtered" with every submit, so an unticked box means
    # "off"; a first visit (no "filtered") keeps the preference on.
    prefer = "prefer_missing" in request.GET if "filtered" in request.GET else True
    sectors = list(Sector.objects.order_by("sort_order", "pk"))
    sector = request.GET.get("sector", "")
    if sector not in {s.slug for s in sectors}:
        sector = ""
    rows = suggestions_for(coalition, prefer_missing_sectors=prefer, sector=sector or None,
                           limit=LIMIT)
    can_manage = selectors.user_can_manage(request.user, coalition)
    return render(request, "coalitions/suggestions.html", {
        "coalition": coalition,
        "section": "suggestions",
        "can_manage": can_manage,
        "can_contribute": can_manage or selectors.membership_for(request.user, coalition)
        is not None,
        "can_invite": selectors.user_is_steward(request.user, coalition),
        "balance": coalition_balance(coalition),
        "suggestions": rows,
        "prefer_missing": prefer,
        "sectors": sectors,
        "sector": sector,
    })
