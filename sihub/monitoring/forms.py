"""Forms of the analyst's desk: the inbox filters (GET) and triage actions (POST)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from sihub.core.models import Theme
from sihub.monitoring.models import Item, ItemStatus, Source
from sihub.monitoring.promotion import PROMOTE_CHOICES
from sihub.monitoring.selectors import ANY_STATUS, OTHER_LANGUAGE, InboxFilters
from sihub.monitoring.services import NOTE_LENGTH
from sihub.sdg.models import Goal

STATUS_CHOICES = [*ItemStatus.choices, (ANY_STATUS, _("Any status"))]
LANGUAGE_CHOICES = [("", _("Any language")), ("sv", _("Swedish")), ("en", _("English")),
                    (OTHER_LANGUAGE, _("Other or unknown"))]
STARRED_CHOICES = [("", _("Starred or not")), ("yes", _("Starred")), ("no", _("Not starred"))]
# Bulk actions; a note is written item by item.
BULK_CHOICES = [("keep", _("Keep")), ("discard", _("Discard")), ("star", _("Star")),
                ("unstar", _("Remove star"))]
ROW_CHOICES = [*BULK_CHOICES, ("note", _("Save note"))]


class GoalChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Goal) -> str:
        return str(obj)


class InboxFilterForm(forms.Form):
    """The inbox's filters; with no status given, the inbox shows new items."""

    q = forms.CharField(label=_("Title contains"), required=False, max_length=200)
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)
    source = forms.ModelChoiceField(label=_("Source"), queryset=Source.objects.order_by("name"),
                                    required=False, empty_label=_("Any source"))
    sdg = GoalChoiceField(label=_("SDG"), queryset=Goal.objects.order_by("number"),
                          to_field_name="number", required=False, empty_label=_("Any goal"))
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=Theme.objects.order_by("name_sv"),
                                   to_field_name="slug", required=False,
                                   empty_label=_("Any theme"))
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES, required=False)
    starred = forms.ChoiceField(label=_("Star"), choices=STARRED_CHOICES, required=False)
    published_from = forms.DateField(label=_("Published from"), required=False,
                                     widget=forms.DateInput(attrs={"type": "date"}))
    published_to = forms.DateField(label=_("Published to"), required=False,
                                   widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, data: Any = None, **kwargs: Any) -> None:
        if data is not None and "status" not in data:
            data = data.copy()
            data["status"] = ItemStatus.NEW
        super().__init__(data, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("published_from"), data.get("published_to")
        if start and end and start > end:
            self.add_error("published_to", _("The end date comes before the start date."))
        return data

    def filters(self) -> InboxFilters:
        """The filters of a valid form (call ``is_valid()`` first)."""
        data = self.cleaned_data
        status = data.get("status") or ItemStatus.NEW
        return InboxFilters(
            status=None if status == ANY_STATUS else status,
            source=data.get("source"),
            sdg=data.get("sdg"),
            theme=data.get("theme"),
            language=data.get("language") or "",
            starred={"yes": True, "no": False}.get(data.get("starred") or ""),
            published_from=data.get("published_from"),
            published_to=data.get("published_to"),
            q=(data.get("q") or "").strip(),
        )


class TriageForm(forms.Form):
    """One triage action on one item (a row's buttons) or many (the bulk form)."""

    action = forms.ChoiceField(label=_("Action"), choices=ROW_CHOICES,
                               error_messages={"invalid_choice": _("Choose an action.")})
    item = forms.ModelMultipleChoiceField(
        label=_("Items"), queryset=Item.objects.none(),
        error_messages={"required": _("Select at least one item."),
                        "invalid_choice": _("One of the selected items no longer exists."),
                        "invalid_pk_value": _("One of the selected items no longer exists.")})
    note = forms.CharField(label=_("Note"), required=False, max_length=NOTE_LENGTH,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, items: QuerySet[Item], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = items  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("action") == "note" and "note" not in self.data:
            self.add_error("note", _("Write the note."))
        return data


class PromoteForm(forms.Form):
    """The kind of draft to make of one item (a row's promote form)."""

    kind = forms.ChoiceField(label=_("Promote to"), choices=PROMOTE_CHOICES,
                             error_messages={"invalid_choice": _("Choose the kind of draft.")})
