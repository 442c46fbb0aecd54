from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from sihub.core.selectors import menu_pages


def site_navigation(request: HttpRequest) -> dict[str, Any]:
    return {"menu_pages": menu_pages(getattr(request, "LANGUAGE_CODE", None))}
