"""Impact reference data in the Wagtail admin: funding programmes and the proxy library.

Initiatives themselves are edited by their teams in the site's own views
(object-level rights, see selectors.py), not here: Wagtail's snippet
permissions are model-wide and would show every team's unpublished work to
anyone with ``view_initiative``. Programmes and financial proxies are shared
reference data, so model-wide rights fit them (editors and analysts; see
core/roles.py). Saves and deletes here are audited like the services' writes.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.snippets.views.snippets import (
    CreateView,
    DeleteView,
    EditView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from sihub.core.services import audit_record
from sihub.impact.models import FinancialProxy, Programme

PROGRAMME_SAVED = "impact.programme_saved"
PROGRAMME_DELETED = "impact.programme_deleted"
PROXY_SAVED = "impact.proxy_saved"
PROXY_DELETED = "impact.proxy_deleted"


class _AuditedCreateView(CreateView):
    audit_action = ""

    def save_instance(self) -> Any:
        instance = super().save_instance()
        audit_record(actor=self.request.user, action=self.audit_action, target=instance,
                     data={"created": True})
        return instance


class _AuditedEditView(EditView):
    audit_action = ""

    def save_instance(self) -> Any:
        instance = super().save_instance()
        audit_record(actor=self.request.user, action=self.audit_action, target=instance,
                     data={"fields": sorted(self.form.changed_data)})
        return instance


class _AuditedDeleteView(DeleteView):
    audit_action = ""

    def delete_action(self) -> None:
        audit_record(actor=self.request.user, action=self.audit_action, target=self.object,
                     data={"id": self.object.pk})
        super().delete_action()


class ProgrammeCreateView(_AuditedCreateView):
    audit_action = PROGRAMME_SAVED


class ProgrammeEditView(_AuditedEditView):
    audit_action = PROGRAMME_SAVED


class ProgrammeDeleteView(_AuditedDeleteView):
    audit_action = PROGRAMME_DELETED


class ProxyCreateView(_AuditedCreateView):
    audit_action = PROXY_SAVED


class ProxyEditView(_AuditedEditView):
    audit_action = PROXY_SAVED


class ProxyDeleteView(_AuditedDeleteView):
    audit_action = PROXY_DELETED


class ProgrammeViewSet(SnippetViewSet):
    model = Programme
    icon = "folder-open-inverse"
    menu_label = gettext_lazy("Programmes")
    add_view_class = ProgrammeCreateView
    edit_view_class = ProgrammeEditView
    delete_view_class = ProgrammeDeleteView
    list_display = ["name", "funder", "starts_on", "ends_on"]
    search_backend_name = None
    search_fields = ["name", "funder"]
    copy_view_enabled = False
    panels = [
        FieldPanel("name"),
        FieldPanel("funder"),
        FieldPanel("description_sv"),
        FieldPanel("description_en"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")],
                      heading=gettext_lazy("Period")),
    ]


class FinancialProxyViewSet(SnippetViewSet):
    model = FinancialProxy
    icon = "doc-full"
    menu_label = gettext_lazy("Financial proxies")
    add_view_class = ProxyCreateView
    edit_view_class = ProxyEditView
    delete_view_class = ProxyDeleteView
    list_display = ["name_sv", "value_sek", "unit", "base_year", "source_publisher"]
    list_filter = ["base_year"]
    search_backend_name = None
    search_fields = ["key", "name_sv", "name_en", "source_publisher"]
    list_per_page = 50
    copy_view_enabled = False
    inspect_view_enabled = True
    panels = [
        FieldPanel("key"),
        FieldPanel("name_sv"),
        FieldPanel("name_en"),
        FieldRowPanel([FieldPanel("value_sek"), FieldPanel("unit"), FieldPanel("base_year")]),
        MultiFieldPanel([
            FieldPanel("source_title"),
            FieldPanel("source_publisher"),
            FieldPanel("source_url"),
        ], heading=gettext_lazy("Source")),
        FieldPanel("note"),
    ]


class ImpactGroup(SnippetViewSetGroup):
    menu_label = gettext_lazy("Impact")
    menu_icon = "pick"
    menu_order = 240
    items = (ProgrammeViewSet, FinancialProxyViewSet)


@hooks.register("register_admin_viewset")
def register_impact_snippets() -> ImpactGroup:
    return ImpactGroup()
