"""Forms of the shared work: commitments, meetings, decisions, documents, linked initiatives.

They validate input only; the views hand ``cleaned_data`` to ``work_services``,
which check permissions again and save. Choosers are limited to the coalition's
own rows, so an id from another coalition is "not a valid choice".
"""

from __future__ import annotations

import os
from typing import Any

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sihub.coalitions.models import (
    CoalitionMember,
    Commitment,
    CommitmentStatus,
    Decision,
    Meeting,
)
from sihub.core.forms import ErrorSummaryMixin, check_upload_size
from sihub.core.uploads import random_name, sniff_document

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: CoalitionMember) -> str:
        return obj.actor.name


class CommitmentForm(ErrorSummaryMixin, forms.ModelForm):
    member = MemberChoiceField(label=_("Member"), queryset=CoalitionMember.objects.none())

    class Meta:
        model = Commitment
        fields = ("member", "kind", "description", "amount", "unit", "due_on", "status")
        widgets = {"description": forms.Textarea(attrs={"rows": 2}), "due_on": DATE}

    def __init__(self, *args: Any, members: QuerySet[CoalitionMember], **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "commitment")
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members.select_related("actor")
        # "1 500,50" in Swedish, "1,500.50" in English: read as the language writes it.
        self.fields["amount"].localize = True
        self.fields["amount"].widget = forms.TextInput(attrs={"inputmode": "decimal"})
        self.fields["amount"].widget.is_localized = True
        if not self.is_bound and "member" not in self.initial:
            first_two = list(members[:2])  # one query, however many members
            if len(first_two) == 1:  # a member's contact records for its own organisation
                self.fields["member"].initial = first_two[0]


class CommitmentStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=CommitmentStatus.choices)


class CommitmentFilterForm(forms.Form):
    """The filters of the commitments page (GET); invalid values are ignored."""

    member = MemberChoiceField(label=_("Member"), required=False,
                               queryset=CoalitionMember.objects.none(),
                               empty_label=_("All members"))
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All statuses")), *CommitmentStatus.choices])
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def __init__(self, *args: Any, members: QuerySet[CoalitionMember], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members.select_related("actor")


class MeetingForm(ErrorSummaryMixin, forms.ModelForm):
    event_url = forms.URLField(label=_("Event in the calendar"), required=False, max_length=2048,
                               assume_scheme="https",
                               help_text=_("The address of the event page, if there is one."))

    class Meta:
        model = Meeting
        fields = ("title", "starts_at", "location", "event_url", "agenda", "notes")
        widgets = {"starts_at": DATETIME, "agenda": forms.Textarea(attrs={"rows": 5}),
                   "notes": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "meeting")
        super().__init__(*args, **kwargs)
        self.fields["starts_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Meeting) -> str:
        return f"{obj.starts_at:%Y-%m-%d} {obj.title}"


class DecisionForm(ErrorSummaryMixin, forms.ModelForm):
    meeting = MeetingChoiceField(label=_("Meeting (optional)"), required=False,
                                 queryset=Meeting.objects.none())

    class Meta:
        model = Decision
        fields = ("text", "decided_on", "meeting")
        widgets = {"text": forms.Textarea(attrs={"rows": 3}), "decided_on": DATE}

    def __init__(self, *args: Any, meetings: QuerySet[Meeting] | None = None,
                 **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "decision")
        super().__init__(*args, **kwargs)
        if meetings is None:
            del self.fields["meeting"]  # recorded on a meeting's own page
        else:
            self.fields["meeting"].queryset = meetings


class DocumentForm(ErrorSummaryMixin, forms.Form):
    """A file for a meeting: the project's upload limits (size, type, content, random name)."""

    title = forms.CharField(label=_("Title"), max_length=255)
    file = forms.FileField(label=_("File"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "document")
        super().__init__(*args, **kwargs)
        # Formatted per request, so the help is in the language of the request.
        self.fields["file"].help_text = gettext(
            "PDF, Word, Excel, PowerPoint, OpenDocument, CSV or text; at most %(mb)s MB."
        ) % {"mb": settings.SIHUB_MAX_UPLOAD_MB}

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        check_upload_size(upload, settings.SIHUB_MAX_UPLOAD_MB * 1_048_576)
        extension = os.path.splitext(upload.name)[1].lower().lstrip(".")
        if extension not in settings.WAGTAILDOCS_EXTENSIONS:
            raise forms.ValidationError(
                _("Files of this type (%(ext)s) are not accepted."), code="extension",
                params={"ext": extension or "?"})
        upload.seek(0)
        head = upload.read(4096)
        upload.seek(0)
        if not sniff_document(head, extension):
            raise forms.ValidationError(
                _("The file's content does not match its type (%(ext)s)."),
                code="content_mismatch", params={"ext": extension})
        upload.name = random_name(upload.name)  # the uploader's name often holds a person's
        return upload


class InitiativeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.title


class InitiativeLinkForm(ErrorSummaryMixin, forms.Form):
    initiative = InitiativeChoiceField(label=_("Initiative"), queryset=None)

    def __init__(self, *args: Any, initiatives: QuerySet[Any], **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "link")
        super().__init__(*args, **kwargs)
        self.fields["initiative"].queryset = initiatives
