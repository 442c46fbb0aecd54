"""One pagination shape for every list endpoint: count, page, pages, next, previous, results."""

from __future__ import annotations

import math
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase


class PageNumberPagination(PaginationBase):
    class Input(Schema):
        page: int = Field(1, ge=1, le=1_000_000, description="Page number, from 1.")
        page_size: int = Field(
            settings.SIHUB_API_PAGE_SIZE, ge=1, le=500, description="Items per page (max 500)."
        )

    class Output(Schema):
        count: int
        page: int
        pages: int
        next: str | None
        previous: str | None
        results: list[Any]

    items_attribute: str = "results"

    def paginate_queryset(self, queryset: Any, pagination: Input, request: HttpRequest,
                          **params: Any) -> dict[str, Any]:
        count = self._items_count(queryset)
        size = pagination.page_size
        pages = max(1, math.ceil(count / size))
        page = pagination.page
        offset = (page - 1) * size

        def link(number: int) -> str:
            query = request.GET.copy()
            query["page"] = str(number)
            return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

        return {
            "count": count,
            "page": page,
            "pages": pages,
            "next": link(page + 1) if page < pages else None,
            "previous": link(page - 1) if 1 < page <= pages + 1 else None,
            "results": list(queryset[offset : offset + size]),
        }
