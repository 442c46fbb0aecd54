"""Admin URLs and Monitoring menu items for trends and source health (imported by wagtail_hooks)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from sihub.monitoring import trends_admin
from sihub.monitoring.trend_selectors import VIEW_ITEMS, VIEW_SOURCES

# The same name as wagtail_hooks.MONITORING_MENU_HOOK; not imported from there,
# because wagtail_hooks imports this module while it is still loading.
MONITORING_MENU_HOOK = "register_monitoring_menu_item"


class TrendsMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return request.user.has_perm(VIEW_ITEMS)


class SourceHealthMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return request.user.has_perm(VIEW_SOURCES)


@hooks.register("register_admin_urls")
def register_trend_urls() -> list[Any]:
    return [
        path("monitoring/trends/", include((trends_admin.trend_urlpatterns, "monitoring_trends"),
                                           namespace="monitoring_trends")),
        path("monitoring/sources/health/",
             include((trends_admin.health_urlpatterns, "monitoring_health"),
                     namespace="monitoring_health")),
    ]


@hooks.register(MONITORING_MENU_HOOK)
def register_trends_menu_item() -> MenuItem:
    return TrendsMenuItem(gettext_lazy("Trends"), reverse("monitoring_trends:index"),
                          icon_name="history", order=20)


@hooks.register(MONITORING_MENU_HOOK)
def register_source_health_menu_item() -> MenuItem:
    return SourceHealthMenuItem(gettext_lazy("Source health"), reverse("monitoring_health:index"),
                                icon_name="warning", order=30)
