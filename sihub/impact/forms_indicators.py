"""Forms of the indicator pages: an indicator, one measurement, a CSV to import.

Plain forms rather than ModelForms: the services set the fields and run
``full_clean()`` themselves, and a ModelForm would change the instance
before the service could see what changed. Numbers accept a decimal comma
(``localize=True``), as Swedish users type them.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from sihub.core.forms import ErrorSummaryMixin, check_upload_size
from sihub.core.importing import MAX_BYTES
from sihub.impact.models import Frequency, Indicator, Measurement, Outcome



class DecimalCommaField(forms.DecimalField):
    """A number with a decimal point or a decimal comma, in either language.

    The CSV import reads both, so the form does too: an English page must not
    refuse the "12,5" a Swedish spreadsheet gives.
    """

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = value.strip().replace("\u00a0", "").replace(" ", "")
            if value.count(",") == 1 and "." not in value:
                value = value.replace(",", ".")
        return super().to_python(value)


DECIMAL: dict[str, Any] = {
    "max_digits": 18, "decimal_places": 4, "localize": True,
    # A text box (localize) that still brings up the number keyboard on phones.
    "widget": forms.TextInput(attrs={"inputmode": "decimal"})}


class OutcomeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Outcome) -> str:
        return f"{obj.stakeholder.name}: {obj.description[:80]}"


class IndicatorForm(ErrorSummaryMixin, forms.Form):
    """Add an indicator to an outcome (``outcomes`` given) or edit one (no outcome field)."""

    outcome = OutcomeChoiceField(label=_("Outcome"), queryset=Outcome.objects.none())
    name = forms.CharField(label=_("Name"), max_length=200)
    unit = forms.CharField(label=_("Unit"), max_length=60, required=False,
                           help_text=_("E.g. people, %, SEK, days."))
    baseline = DecimalCommaField(label=_("Baseline"), required=False,
                                  help_text=_("The value before the initiative started."),
                                  **DECIMAL)
    target = DecimalCommaField(label=_("Target"), required=False,
                                help_text=_("May be lower than the baseline, e.g. fewer "
                                            "absences."), **DECIMAL)
    data_source = forms.CharField(label=_("Data source"), max_length=300, required=False)
    frequency = forms.ChoiceField(label=_("Frequency"), choices=Frequency.choices,
                                  initial=Frequency.YEARLY)

    def __init__(self, *args: Any, outcomes: QuerySet[Outcome] | None = None,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if outcomes is None:
            del self.fields["outcome"]
        else:
            field = self.fields["outcome"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = outcomes

    @classmethod
    def for_indicator(cls, indicator: Indicator, data: Any = None) -> IndicatorForm:
        return cls(data, prefix="indicator", initial={
            "name": indicator.name, "unit": indicator.unit, "baseline": indicator.baseline,
            "target": indicator.target, "data_source": indicator.data_source,
            "frequency": indicator.frequency})

    def fields_for_service(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {name: data[name] for name in
                ("name", "unit", "baseline", "target", "data_source", "frequency")}


class MeasurementForm(ErrorSummaryMixin, forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"},
                                                                   format="%Y-%m-%d"))
    value = DecimalCommaField(label=_("Value"), **DECIMAL)
    breakdown_dimension = forms.CharField(
        label=_("Breakdown (optional)"), max_length=60, required=False,
        help_text=_("E.g. gender or age group. Leave empty for the total."))
    breakdown_value = forms.CharField(
        label=_("Group (optional)"), max_length=60, required=False,
        help_text=_("E.g. women, or 16–19."))

    @classmethod
    def for_measurement(cls, point: Measurement | None, data: Any = None) -> MeasurementForm:
        initial = {} if point is None else {
            "date": point.date, "value": point.value,
            "breakdown_dimension": point.breakdown_dimension,
            "breakdown_value": point.breakdown_value}
        return cls(data, prefix="measurement", initial=initial)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        dimension = (data.get("breakdown_dimension") or "").strip()
        group = (data.get("breakdown_value") or "").strip()
        if bool(dimension) != bool(group):
            self.add_error("breakdown_value" if dimension else "breakdown_dimension",
                           _("Give both the breakdown and the group, or neither for the total."))
        return data


class MeasurementImportForm(ErrorSummaryMixin, forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("UTF-8, separated by commas or semicolons. At most 5 MB and 5,000 rows."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}))

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload is None:
            return upload
        # The upload handler has already stopped reading past the site-wide limit
        # (core/uploads.py); an import is read into memory, so it has the tighter one.
        check_upload_size(upload, MAX_BYTES)
        if PurePath(upload.name or "").suffix.lower() != ".csv":
            raise forms.ValidationError(_("Only CSV files can be imported here."),
                                        code="not_csv")
        return upload
