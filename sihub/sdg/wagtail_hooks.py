"""Goal suggestions in the Wagtail admin: the panel's endpoint, and decisions recorded on save.

The hooks run after every page and snippet save made in the editor; for
models that carry goals (suggestions.is_taggable) they record what the editor
accepted or rejected in the suggestions panel and where each goal came from.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import include, path
from wagtail import hooks

from sihub.sdg.admin_views import record_goal_decisions, urlpatterns


@hooks.register("register_admin_urls")
def register_sdg_admin_urls() -> list[Any]:
    return [path("sdg/", include((urlpatterns, "sdg_admin"), namespace="sdg_admin"))]


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def record_goal_decisions_on_page(request: HttpRequest, page: Any) -> None:
    record_goal_decisions(request, page)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def record_goal_decisions_on_snippet(request: HttpRequest, instance: Any) -> None:
    record_goal_decisions(request, instance)
