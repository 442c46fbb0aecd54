"""Feed sources (editable), feed items (read-only) and the triage inbox in the Wagtail admin."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from sihub.monitoring import admin_views
from sihub.monitoring.models import Item, Source
from sihub.monitoring.services import TRIAGE

# Menu items registered under this hook join the Monitoring group's submenu.
MONITORING_MENU_HOOK = "register_monitoring_menu_item"


class SourceViewSet(SnippetViewSet):
    model = Source
    icon = "globe"
    menu_label = gettext_lazy("Feed sources")
    list_display = ["name", "language", BooleanColumn("active", label=gettext_lazy("active")),
                    "last_success_at", "last_error_at", "last_error"]
    list_filter = ["language", "active", "kind"]
    search_backend_name = None  # the database: names and URLs, no index to keep
    search_fields = ["name", "url"]
    list_per_page = 50
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = ["name", "url", "kind", "language", "themes", "owner", "active",
                           "last_success_at", "last_error_at", "last_error", "created_at"]
    panels = [
        FieldPanel("name"),
        FieldPanel("url"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("language")]),
        FieldPanel("themes"),
        FieldRowPanel([FieldPanel("owner"), FieldPanel("active")]),
    ]


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Viewing only, whatever model permissions a user holds (superusers included)."""

    def user_has_permission(self, user, action):  # type: ignore[no-untyped-def]
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):  # type: ignore[no-untyped-def]
        return any(self.user_has_permission(user, action) for action in actions)


class ItemViewSet(SnippetViewSet):
    """Items come from the feeds; here they are only read (triage has its own desk)."""

    model = Item
    icon = "doc-full"
    menu_label = gettext_lazy("Feed items")
    list_display = ["title", "source", "language", "published_at", "relevance", "status"]
    list_filter = ["status", "language", "source"]
    search_backend_name = None
    search_fields = ["title", "summary"]
    list_per_page = 50
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = ["title", "source", "link", "canonical_url", "summary", "language",
                           "published_at", "fetched_at", "story", "sdgs", "actors", "status",
                           "starred", "note", "relevance"]

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        return Item.objects.select_related("source")


register_permission_policy(Item, ReadOnlyPermissionPolicy(Item), exact_class=True)


class MonitoringGroup(SnippetViewSetGroup):
    menu_label = gettext_lazy("Monitoring")
    menu_icon = "globe"
    menu_order = 230
    items = (SourceViewSet, ItemViewSet)
    submenu_hook = MONITORING_MENU_HOOK


@hooks.register("register_admin_viewset")
def register_monitoring_snippets() -> MonitoringGroup:
    return MonitoringGroup()


# --- The triage inbox ------------------------------------------------------------------
# Listed in the Monitoring group through its submenu hook.


class InboxMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return request.user.has_perm(TRIAGE)


@hooks.register("register_admin_urls")
def register_inbox_urls() -> list[Any]:
    return [path("monitoring/inbox/", include((admin_views.urlpatterns, "monitoring_inbox"),
                                              namespace="monitoring_inbox"))]


@hooks.register(MONITORING_MENU_HOOK)
def register_inbox_menu_item() -> MenuItem:
    return InboxMenuItem(gettext_lazy("Triage inbox"), reverse("monitoring_inbox:index"),
                         icon_name="tasks", order=0)


# Features with their own admin pages register their hooks in their own modules
# (Wagtail only discovers ``wagtail_hooks``); importing them registers them.
from sihub.monitoring import hooks_digests, hooks_trends  # noqa: E402,F401
