"""Forms representatives use: claim a profile, propose changes to it (validation only).

The proposal form starts from the profile as it is and hands the service
(``services.proposal_create``) plain form values: ids for places, goals and
themes, ISO dates. The service keeps only what differs.
"""

from __future__ import annotations

from itertools import groupby
from typing import Any

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from sihub.actors.models import Actor, OfferingKind, Stage
from sihub.actors.moderation import (
    OFFERING_FIELDS,
    PROPOSABLE_FIELDS,
    actor_values,
    offering_values,
)
from sihub.core.forms import ErrorSummaryMixin
from sihub.core.i18n import current_language
from sihub.core.models import County, Municipality, Sector, Theme
from sihub.sdg.models import Goal

SHORT, LONG = 1_000, 6_000  # bounded: written by people outside the centre
MAX_OFFERINGS = 50


def _web_address(label: Any) -> forms.URLField:
    return forms.URLField(label=label, required=False, max_length=200, assume_scheme="https",
                          validators=[URLValidator(schemes=["http", "https"])])


def _municipalities_by_county() -> list[tuple[str, list[tuple[str, str]]]]:
    """Municipalities grouped by county, so the long list can be scanned."""
    rows = Municipality.objects.select_related("county").order_by("county__code", "name")
    return [(county.name, [(str(m.pk), m.name) for m in group])
            for county, group in groupby(rows, key=lambda m: m.county)]


def _mark_optional(form: forms.Form) -> None:
    for field in form.fields.values():
        if not field.required and not isinstance(field, forms.BooleanField) \
                and not isinstance(field.widget, forms.HiddenInput):
            field.label = _("%(label)s (optional)") % {"label": field.label}


class ClaimForm(ErrorSummaryMixin, forms.Form):
    required_css_class = "field--required"

    message = forms.CharField(
        label=_("How are you connected to the organisation?"), max_length=SHORT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example your role there. An editor reads this before approving."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class ProposalForm(ErrorSummaryMixin, forms.Form):
    """The profile fields a representative may propose changes to."""

    required_css_class = "field--required"

    description_sv = forms.CharField(label=_("Description (Swedish)"), max_length=LONG,
                                     required=False, widget=forms.Textarea(attrs={"rows": 6}))
    description_en = forms.CharField(label=_("Description (English)"), max_length=LONG,
                                     required=False, widget=forms.Textarea(attrs={"rows": 6}))
    website = _web_address(_("Website"))
    home_municipality = forms.TypedChoiceField(label=_("Home municipality"), required=False,
                                               coerce=int, empty_value=None)
    latitude = forms.FloatField(
        label=_("Latitude"), required=False, min_value=-90, max_value=90,
        help_text=_("Where to put the organisation on the map, e.g. 59.33. Leave both "
                    "coordinates empty to use the home municipality."))
    longitude = forms.FloatField(label=_("Longitude"), required=False, min_value=-180,
                                 max_value=180, help_text=_("For example 18.07."))
    serves_national = forms.BooleanField(label=_("We serve all of Sweden"), required=False)
    serves_international = forms.BooleanField(label=_("We work internationally"),
                                              required=False)
    counties = forms.ModelMultipleChoiceField(
        label=_("Counties served"), queryset=County.objects.all(), required=False,
        widget=forms.CheckboxSelectMultiple)
    municipalities = forms.TypedMultipleChoiceField(
        label=_("Municipalities served"), required=False, coerce=int,
        widget=forms.SelectMultiple(attrs={"size": 10}),
        help_text=_("Hold Ctrl (Cmd on a Mac) to choose more than one."))
    sdgs = forms.ModelMultipleChoiceField(
        label=_("Global goals"), queryset=Goal.objects.order_by("number"), required=False,
        widget=forms.CheckboxSelectMultiple)
    themes = forms.ModelMultipleChoiceField(label=_("Themes"), queryset=Theme.objects.all(),
                                            required=False, widget=forms.CheckboxSelectMultiple)
    comment = forms.CharField(
        label=_("Comment to the editors"), max_length=SHORT, required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Anything that helps them check the change, e.g. where it is stated."))

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        kwargs.setdefault("initial", actor_values(actor))
        super().__init__(*args, **kwargs)
        self.actor = actor
        grouped = _municipalities_by_county()
        self.fields["home_municipality"].choices = [("", _("None"))] + grouped
        self.fields["municipalities"].choices = grouped
        self.fields["themes"].queryset = Theme.objects.order_by(f"name_{current_language()}")
        _mark_optional(self)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        has_lat = cleaned.get("latitude") is not None
        has_lon = cleaned.get("longitude") is not None
        if has_lat != has_lon:
            self.add_error("longitude" if has_lat else "latitude", forms.ValidationError(
                _("Give both coordinates, or neither."), code="one_coordinate"))
        return cleaned

    def values(self) -> dict[str, Any]:
        """The proposed profile, as form values (call after ``is_valid()``)."""
        data = self.cleaned_data
        values: dict[str, Any] = {}
        for name in PROPOSABLE_FIELDS:
            value = data.get(name)
            if name in ("counties", "sdgs", "themes"):
                value = sorted(obj.pk for obj in value or [])
            elif name == "municipalities":
                value = sorted(value or [])
            values[name] = value
        return values


class OfferingForm(ErrorSummaryMixin, forms.Form):
    required_css_class = "field--required"

    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=OfferingKind.choices)
    title_sv = forms.CharField(label=_("Title (Swedish)"), max_length=200)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200, required=False)
    description_sv = forms.CharField(label=_("Description (Swedish)"), max_length=LONG,
                                     required=False, widget=forms.Textarea(attrs={"rows": 3}))
    description_en = forms.CharField(label=_("Description (English)"), max_length=LONG,
                                     required=False, widget=forms.Textarea(attrs={"rows": 3}))
    stages = forms.MultipleChoiceField(
        label=_("For organisations at these stages"), choices=Stage.choices, required=False,
        widget=forms.CheckboxSelectMultiple, help_text=_("None chosen means every stage."))
    target_sectors = forms.ModelMultipleChoiceField(
        label=_("For these sectors"), queryset=Sector.objects.all(), required=False,
        widget=forms.CheckboxSelectMultiple, help_text=_("None chosen means every sector."))
    target_groups = forms.CharField(label=_("Target groups"), max_length=300, required=False)
    counties = forms.ModelMultipleChoiceField(
        label=_("Offered in these counties"), queryset=County.objects.all(), required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("None chosen means wherever the organisation works."))
    national = forms.BooleanField(label=_("Offered in all of Sweden"), required=False)
    conditions = forms.CharField(label=_("Conditions"), max_length=SHORT, required=False,
                                 widget=forms.Textarea(attrs={"rows": 2}))
    url = _web_address(_("Link"))
    opens_on = forms.DateField(label=_("Open from"), required=False,
                               widget=forms.DateInput(attrs={"type": "date"}))
    closes_on = forms.DateField(label=_("Open until"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        _mark_optional(self)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        opens, closes = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", forms.ValidationError(
                _("The closing date is before the opening date."), code="closes_before"))
        return cleaned

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        values: dict[str, Any] = {}
        for name in OFFERING_FIELDS:
            value = data.get(name)
            if name in ("target_sectors", "counties"):
                value = sorted(obj.pk for obj in value or [])
            elif name == "stages":
                value = sorted(value or [])
            elif name in ("opens_on", "closes_on"):
                value = value.isoformat() if value else None
            values[name] = value
        return values


class BaseOfferingFormSet(forms.BaseFormSet):
    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        self.actor = actor
        offerings = list(actor.offerings.all().prefetch_related("target_sectors", "counties"))
        self.known_ids = {o.pk for o in offerings}
        kwargs.setdefault("initial", [{"id": o.pk, **offering_values(o)} for o in offerings])
        kwargs.setdefault("prefix", "offerings")
        super().__init__(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        seen: set[int] = set()
        for form in self.forms:
            pk = (form.cleaned_data or {}).get("id")
            if pk is None:
                continue
            if pk not in self.known_ids or pk in seen:
                raise forms.ValidationError(
                    _("The list of offerings was changed outside this form. Please reload "
                      "the page and try again."), code="unknown_offering")
            seen.add(pk)

    def offerings(self) -> list[dict[str, Any]]:
        """Every offering as the member left it, for ``services.proposal_create``."""
        items = []
        for form in self.forms:
            pk = (form.cleaned_data or {}).get("id")
            if self.can_delete and self._should_delete_form(form):
                if pk:
                    items.append({"id": pk, "delete": True})
                continue
            if not form.cleaned_data or (pk is None and not form.has_changed()):
                continue  # the empty extra form
            items.append({"id": pk, "delete": False, **form.values()})
        return items


OfferingFormSet = forms.formset_factory(
    OfferingForm, formset=BaseOfferingFormSet, extra=1, can_delete=True,
    max_num=MAX_OFFERINGS, validate_max=True)


def error_summary(*forms_: Any) -> list[tuple[str, str]]:
    """(anchor, message) for each error of the forms and formsets, in page order."""
    items: list[tuple[str, str]] = []
    for form in forms_:
        if isinstance(form, forms.BaseFormSet):
            items += [("", str(e)) for e in form.non_form_errors()]
            for number, member in enumerate(form.forms, start=1):
                prefix = _("Offering %(number)s") % {"number": number}
                items += [(a, f"{prefix}: {m}") for a, m in member.error_summary()]
        else:
            items += form.error_summary()
    return items
