"""The "find support" question: who I am, where I am, what I need (validation only)."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sihub.actors.matching import Need
from sihub.actors.models import OfferingKind, Stage
from sihub.core.forms import ErrorSummaryMixin
from sihub.core.models import Municipality, Sector
from sihub.sdg.models import Goal


class FindSupportForm(ErrorSummaryMixin, forms.Form):
    sector = forms.ChoiceField(
        label=_("I belong to the sector"),
        help_text=_("The sector your organisation or initiative belongs to."),
        error_messages={"required": _("Choose the sector you belong to."),
                        "invalid_choice": _("Choose a sector from the list.")})
    stage = forms.ChoiceField(
        label=_("At the stage"), required=False,
        choices=[("", _("Any stage"))] + list(Stage.choices),
        error_messages={"invalid_choice": _("Choose a stage from the list.")})
    municipality = forms.ChoiceField(
        label=_("In the municipality"),
        error_messages={"required": _("Choose the municipality where you are."),
                        "invalid_choice": _("Choose a municipality from the list.")})
    kinds = forms.MultipleChoiceField(
        label=_("I need"), choices=OfferingKind.choices, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one kind of support."),
                        "invalid_choice": _("Choose kinds of support from the list.")})
    sdgs = forms.TypedMultipleChoiceField(
        label=_("Global goals I work towards (optional)"), required=False, coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Organisations that work towards the same goals come a little higher."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = [("", _("Choose a sector"))] + [
            (s.slug, s.name) for s in Sector.objects.all()]
        # Grouped by county so the 290 names can be scanned.
        municipalities = Municipality.objects.select_related("county").order_by(
            "county__code", "name")
        self.fields["municipality"].choices = [("", _("Choose a municipality"))] + [
            (county.name, [(m.code, m.name) for m in group])
            for county, group in groupby(municipalities, key=lambda m: m.county)
        ]
        self._municipalities = {m.code: m for m in municipalities}
        self.fields["sdgs"].choices = [(g.number, f"{g.number}. {g.title}")
                                       for g in Goal.objects.all()]

    def clean_municipality(self) -> Municipality:
        return self._municipalities[self.cleaned_data["municipality"]]

    def need(self) -> Need:
        """The question in the ranking's terms (call after ``is_valid()``)."""
        data = self.cleaned_data
        municipality: Municipality = data["municipality"]
        return Need(
            kinds=frozenset(data["kinds"]),
            municipality_code=municipality.code,
            county_code=municipality.county.code,
            sector_slug=data["sector"],
            stage=data["stage"] or None,
            sdgs=frozenset(data["sdgs"]),
        )
