"""Forms of the digest: the public subscription form and the admin's compose forms.

Forms only validate; the writes are the services in ``digests.py`` and
``subscriptions.py``.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sihub.core.forms import ErrorSummaryMixin
from sihub.monitoring.digests import SUMMARY_LENGTH, last_full_week
from sihub.monitoring.models import Item

MAX_PERIOD = timedelta(days=31)
LANGUAGE_CHOICES = [("sv", _("Swedish")), ("en", _("English"))]


class SubscribeForm(ErrorSummaryMixin, forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254,
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    consent = forms.BooleanField(
        required=True, label="",  # set to the consent text (in the page's language) below
        error_messages={"required": _("Tick the box to agree, or the digest cannot be sent.")})
    # A honeypot: hidden from people (the wrapper has the ``hidden`` attribute and
    # screen readers skip it), filled in by form-filling bots.
    website = forms.CharField(label=_("Leave this field empty"), required=False,
                              widget=forms.TextInput(attrs={"autocomplete": "off",
                                                            "tabindex": "-1"}))

    def __init__(self, *args: Any, consent_text: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = consent_text

    def is_bot(self) -> bool:
        return bool(self.data.get("website"))


class DigestCreateForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES)
    period_start = forms.DateField(label=_("Period start"),
                                   widget=forms.DateInput(attrs={"type": "date"}))
    period_end = forms.DateField(label=_("Period end"),
                                 widget=forms.DateInput(attrs={"type": "date"}))
    title = forms.CharField(label=_("Title"), max_length=200, required=False,
                            help_text=_("Leave empty for “Monitoring digest, week N”."))

    @classmethod
    def initial_values(cls, language: str) -> dict[str, Any]:
        start, end = last_full_week(timezone.localdate())
        return {"language": language, "period_start": start, "period_end": end}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end:
            if end < start:
                self.add_error("period_end", _("The period must end on or after its start."))
            elif end - start > MAX_PERIOD:
                self.add_error("period_end", _("A digest covers at most 31 days."))
        return data


class DigestDetailsForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    intro = forms.CharField(label=_("Introduction"), required=False,
                            widget=forms.Textarea(attrs={"rows": 4}))


class EntryForm(forms.Form):
    entry = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(label=_("Title"), max_length=1000)
    summary = forms.CharField(label=_("Blurb"), required=False, max_length=SUMMARY_LENGTH * 2,
                              widget=forms.Textarea(attrs={"rows": 3}))


class AddItemsForm(forms.Form):
    items = forms.ModelMultipleChoiceField(label=_("Kept items"), queryset=Item.objects.none(),
                                           widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, items: QuerySet[Item], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["items"].queryset = items
