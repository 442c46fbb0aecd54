"""The form members use to send in a good example (validation only; services.py writes)."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from sihub.cases.models import Stage
from sihub.core.i18n import current_language
from sihub.core.models import County, Municipality, Theme
from sihub.sdg.models import Goal

# What the submitter agrees to. Recorded word for word (in the language shown)
# in the audit entry of the submission, with the time.
CONSENT_TEXT = _("I agree that the contact details are published with the example")

# Generous, but bounded: these are public pages written by people outside the centre.
SHORT, LONG = 1_000, 6_000


class CaseSubmissionForm(forms.Form):
    required_css_class = "field--required"

    title = forms.CharField(label=_("Name of the example"), max_length=255)
    summary = forms.CharField(label=_("Summary"), max_length=SHORT, widget=forms.Textarea(
        attrs={"rows": 3}), help_text=_("Two or three sentences."))
    challenge = forms.CharField(label=_("The societal challenge"), max_length=LONG,
                                widget=forms.Textarea(attrs={"rows": 6}))
    solution = forms.CharField(label=_("The solution"), max_length=LONG,
                               widget=forms.Textarea(attrs={"rows": 6}))
    target_groups = forms.CharField(label=_("Target groups"), max_length=SHORT,
                                    widget=forms.Textarea(attrs={"rows": 3}))
    actors_involved = forms.CharField(
        label=_("Actors involved"), max_length=LONG, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Organisations and their roles, one per line."))
    results = forms.CharField(label=_("Results and evidence"), max_length=LONG, required=False,
                              widget=forms.Textarea(attrs={"rows": 4}))
    scaling = forms.CharField(label=_("How it scaled or could scale"), max_length=LONG,
                              required=False, widget=forms.Textarea(attrs={"rows": 3}))
    stage = forms.ChoiceField(label=_("Stage"), choices=Stage.choices, initial=Stage.PILOT)
    county = forms.ModelChoiceField(label=_("County"), queryset=County.objects.all(),
                                    to_field_name="code", empty_label=_("Choose a county"))
    municipality = forms.ChoiceField(
        label=_("Municipality"), required=False,
        help_text=_("Leave empty if the example covers the whole county."))
    sdgs = forms.ModelMultipleChoiceField(
        label=_("Global goals"), queryset=Goal.objects.all(), to_field_name="number",
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose the goals the example contributes to."),
        error_messages={"required": _("Choose at least one global goal.")})
    themes = forms.ModelMultipleChoiceField(label=_("Themes"), queryset=Theme.objects.all(),
                                            to_field_name="slug", required=False,
                                            widget=forms.CheckboxSelectMultiple)
    website = forms.URLField(label=_("Website"), required=False, max_length=200,
                             assume_scheme="https",
                             validators=[URLValidator(schemes=["http", "https"])])
    contact_name = forms.CharField(label=_("Contact person"), max_length=200,
                                   widget=forms.TextInput(attrs={"autocomplete": "name"}))
    contact_email = forms.EmailField(label=_("Contact e-mail"),
                                     widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    consent = forms.BooleanField(label=CONSENT_TEXT, error_messages={
        "required": _("The example can only be sent in if you agree that the contact "
                      "details are published with it.")})

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["contact_email"].initial = user.email
        self.fields["contact_name"].initial = user.get_full_name()
        # Grouped by county so the long list can be scanned; checked in clean().
        municipalities = Municipality.objects.select_related("county").order_by(
            "county__code", "name")
        self.fields["municipality"].choices = [("", _("No particular municipality"))] + [
            (county.name, [(m.code, m.name) for m in group])
            for county, group in groupby(municipalities, key=lambda m: m.county)
        ]
        lang = current_language()
        self.fields["themes"].queryset = Theme.objects.order_by(f"name_{lang}")
        for field in self.fields.values():
            if not field.required and not isinstance(field, forms.BooleanField):
                field.label = _("%(label)s (optional)") % {"label": field.label}

    def clean_municipality(self) -> Municipality | None:
        code = self.cleaned_data.get("municipality")
        if not code:
            return None
        municipality = Municipality.objects.select_related("county").filter(code=code).first()
        if municipality is None:  # pragma: no cover - ChoiceField already refuses it
            raise forms.ValidationError(_("Choose a municipality from the list."))
        return municipality

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        county, municipality = cleaned.get("county"), cleaned.get("municipality")
        if county is not None and municipality is not None and municipality.county_id != county.pk:
            self.add_error("municipality", forms.ValidationError(
                _("%(municipality)s is not in %(county)s."), code="wrong_county",
                params={"municipality": municipality.name, "county": county.name}))
        return cleaned

    def submission_data(self) -> dict[str, Any]:
        """What services.case_submit needs, with the consent as it was shown."""
        data = dict(self.cleaned_data)
        data["consent_text"] = str(CONSENT_TEXT)
        data["consent_language"] = get_language()
        return data

    def error_summary(self) -> list[tuple[str, str]]:
        """(anchor, message) for each error in form order, for the summary atop the page."""
        items = [("", str(e)) for e in self.non_field_errors()]
        for bound in self:
            for error in bound.errors:
                # Checkbox groups have no single input: point at the first box.
                anchor = bound.id_for_label or f"{bound.auto_id}_0"
                # A lone checkbox's label is a sentence; its message stands alone.
                single_box = isinstance(bound.field.widget, forms.CheckboxInput)
                items.append((anchor, str(error) if single_box else f"{bound.label}: {error}"))
        return items
