from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sihub.core.i18n import current_language
from sihub.search.selectors import MAX_QUERY_LENGTH, search_everything


def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = search_everything(
        query, language=current_language(), page_number=request.GET.get("page", 1)
    )
    return render(request, "search/results.html", {"query": query, "results": results})
