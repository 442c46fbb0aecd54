"""Taxonomies and the audit log in the Wagtail admin."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from sihub.core.models import AuditEntry, County, Municipality, Sector, Theme


class ThemeViewSet(ModelViewSet):
    model = Theme
    icon = "tag"
    form_fields = ["slug", "name_sv", "name_en"]
    list_display = ["name_sv", "name_en", "slug"]
    search_fields = ["name_sv", "name_en"]
    inspect_view_enabled = True


class SectorViewSet(ModelViewSet):
    model = Sector
    icon = "group"
    form_fields = ["slug", "name_sv", "name_en", "description_sv", "description_en", "sort_order"]
    list_display = ["name_sv", "name_en", "slug"]
    inspect_view_enabled = True


class CountyViewSet(ModelViewSet):
    model = County
    icon = "site"
    form_fields = ["code", "name_sv", "name_en", "latitude", "longitude"]
    list_display = ["code", "name_sv", "name_en"]
    inspect_view_enabled = True


class MunicipalityViewSet(ModelViewSet):
    model = Municipality
    icon = "home"
    form_fields = ["code", "name", "county", "latitude", "longitude"]
    list_display = ["code", "name", "county"]
    list_filter = ["county"]
    search_fields = ["name", "code"]
    inspect_view_enabled = True


class AuditEntryViewSet(ModelViewSet):
    """Read-only: nobody holds add/change/delete on the audit log (see roles.py)."""

    model = AuditEntry
    icon = "history"
    menu_label = _("Audit log")
    form_fields = ["action"]
    list_display = ["created_at", "actor_display", "action", "target_type", "target_label"]
    list_filter = ["action", "target_type"]
    search_fields = ["action", "target_label", "target_id"]
    inspect_view_enabled = True
    list_per_page = 50


class TaxonomyGroup(ModelViewSetGroup):
    menu_label = _("Taxonomies")
    menu_icon = "tag"
    menu_order = 300
    items = (ThemeViewSet("themes"), SectorViewSet("sectors"), CountyViewSet("counties"),
             MunicipalityViewSet("municipalities"))


@hooks.register("register_admin_viewset")
def register_taxonomies() -> TaxonomyGroup:
    return TaxonomyGroup()


@hooks.register("register_admin_viewset")
def register_audit_log() -> AuditEntryViewSet:
    return AuditEntryViewSet("audit-log", add_to_admin_menu=True, menu_order=900)
