"""Events in the Wagtail admin: the recurring series (meeting places) as snippets.

Event pages are edited in the page tree (the calendar); registrations,
matchmaking and feedback have the organisers' own pages on the site
(``urls.py``), where object-level rules and audit records apply. The series
are shared reference data, so model-wide rights fit them: editors and
facilitators keep them (``core/roles.py``). Saves and deletes are audited like
the services' writes.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, DeleteView, EditView, SnippetViewSet

from sihub.core.services import audit_record
from sihub.events.models import EventSeries

SERIES_SAVED = "events.series_saved"
SERIES_DELETED = "events.series_deleted"


class SeriesCreateView(CreateView):
    def save_instance(self) -> Any:
        instance = super().save_instance()
        audit_record(actor=self.request.user, action=SERIES_SAVED, target=instance,
                     data={"created": True})
        return instance


class SeriesEditView(EditView):
    def save_instance(self) -> Any:
        instance = super().save_instance()
        audit_record(actor=self.request.user, action=SERIES_SAVED, target=instance,
                     data={"fields": sorted(self.form.changed_data)})
        return instance


class SeriesDeleteView(DeleteView):
    def delete_action(self) -> None:
        audit_record(actor=self.request.user, action=SERIES_DELETED, target=self.object,
                     data={"id": self.object.pk})
        super().delete_action()


class EventSeriesViewSet(SnippetViewSet):
    model = EventSeries
    icon = "date"
    menu_label = gettext_lazy("Event series")
    menu_order = 250
    add_to_admin_menu = True
    add_view_class = SeriesCreateView
    edit_view_class = SeriesEditView
    delete_view_class = SeriesDeleteView
    list_display = ["name_sv", "name_en", "slug"]
    search_backend_name = None  # the database: a handful of names, no index to keep
    search_fields = ["name_sv", "name_en", "slug"]
    copy_view_enabled = False
    panels = [
        FieldPanel("name_sv"),
        FieldPanel("name_en"),
        FieldPanel("slug"),
        FieldPanel("description_sv"),
        FieldPanel("description_en"),
    ]


register_snippet(EventSeriesViewSet)
