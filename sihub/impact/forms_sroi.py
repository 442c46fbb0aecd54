"""Forms of the value map: a row, the inputs and discount rate, the XLSX import, proxy search.

Percentages are typed as percent (0–100) everywhere a person types them: the
SROI guide, the value maps people copy from and the XLSX export (a cell
formatted as %) all show "25 %", while the database and ``sroi`` keep the
fraction 0.25. The forms convert in ``clean_*`` and back in ``initial``;
every label says "(%)".

Checks that the SROI method makes (negative quantity, duration) go through
``sroi.Outcome`` so the messages are those of ``services.sroi_error_message``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sihub.core.forms import ErrorSummaryMixin, check_upload_size
from sihub.core.importing import MAX_BYTES
from sihub.impact import selectors, services, sroi
from sihub.impact.models import FinancialProxy, Indicator, Initiative, Outcome, ValueMapRow

HUNDRED = Decimal(100)
FRACTIONS = ("deadweight", "displacement", "attribution", "drop_off")
STARTS_DURING = "during"
STARTS_AFTER = "after"


def percent_field(label: Any, help_text: Any) -> forms.DecimalField:
    return forms.DecimalField(
        label=label, help_text=help_text, max_digits=6, decimal_places=2, initial=0,
        validators=[MinValueValidator(0, message=gettext_lazy("Enter a percentage from 0 to 100.")),
                    MaxValueValidator(100, message=gettext_lazy("Enter a percentage from 0 to 100."))],
        widget=forms.NumberInput(attrs={"step": "any", "min": "0", "max": "100",
                                        "inputmode": "decimal"}))


def to_percent(fraction: Decimal | None) -> Decimal | None:
    """A stored fraction as the percent a form shows (0.25 → 25)."""
    if fraction is None:
        return None
    percent = (fraction * HUNDRED).normalize()
    # normalize() writes 10 as 1E+1, which a form field would show as such.
    return percent.quantize(Decimal(1)) if percent == percent.to_integral_value() else percent


class OutcomeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Outcome) -> str:
        sign = "" if obj.positive else " " + _("(negative)")
        return f"{obj.stakeholder.name}: {obj.description[:100]}{sign}"


class IndicatorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Indicator) -> str:
        return f"{obj.outcome.description[:60]} – {obj.name}"


class ProxyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: FinancialProxy) -> str:
        return _("%(name)s – %(value)s %(unit)s (%(year)s prices)") % {
            "name": obj.name, "value": number_format(obj.value_sek, 0, force_grouping=True),
            "unit": obj.unit, "year": obj.base_year}


class ValueMapRowForm(ErrorSummaryMixin, forms.Form):
    """One value-map row in the guide's columns; the stakeholder follows from the outcome."""

    required_css_class = "field--required"

    outcome = OutcomeChoiceField(
        label=gettext_lazy("Stakeholder and outcome"), queryset=Outcome.objects.none(),
        help_text=gettext_lazy("Add stakeholder groups and outcomes on the "
                               "“Stakeholders and outcomes” tab."))
    indicator = IndicatorChoiceField(label=gettext_lazy("Indicator"), required=False,
                                     queryset=Indicator.objects.none())
    quantity = forms.DecimalField(
        label=gettext_lazy("Quantity"), max_digits=16, decimal_places=4,
        help_text=gettext_lazy("How many experience the outcome, e.g. people."),
        widget=forms.NumberInput(attrs={"step": "any", "min": "0", "inputmode": "decimal"}))
    proxy = ProxyChoiceField(
        label=gettext_lazy("Financial proxy from the library"), required=False,
        queryset=FinancialProxy.objects.all(),
        empty_label=gettext_lazy("None – I enter my own value"),
        help_text=gettext_lazy("The library's value wins over a value you enter."))
    proxy_value = forms.DecimalField(
        label=gettext_lazy("Own value per unit (SEK)"), required=False, max_digits=16,
        decimal_places=2,
        help_text=gettext_lazy("When no proxy from the library fits. A negative outcome always "
                               "counts as a loss."),
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}))
    proxy_source = forms.CharField(label=gettext_lazy("Source of your own value"),
                                   required=False, max_length=500)
    deadweight = percent_field(gettext_lazy("Deadweight (%)"), gettext_lazy(
        "0–100: the share that would have happened anyway."))
    displacement = percent_field(gettext_lazy("Displacement (%)"), gettext_lazy(
        "0–100: the share that only moved from elsewhere."))
    attribution = percent_field(gettext_lazy("Attribution (%)"), gettext_lazy(
        "0–100: the share that others contributed."))
    drop_off = percent_field(gettext_lazy("Drop-off (%)"), gettext_lazy(
        "0–100: how much of the outcome is lost each year after the first."))
    duration_years = forms.IntegerField(
        label=gettext_lazy("Duration (years)"), initial=1,
        help_text=lazy(lambda: _("1–%(max)s whole years.") % {"max": sroi.MAX_DURATION_YEARS},
                       str)())
    starts = forms.ChoiceField(
        label=gettext_lazy("The outcome starts"), initial=STARTS_DURING,
        widget=forms.RadioSelect,
        choices=[(STARTS_DURING, gettext_lazy("during the activity (year 1)")),
                 (STARTS_AFTER, gettext_lazy("after the activity (from year 2)"))])

    def __init__(self, *args: Any, initiative: Initiative, row: ValueMapRow | None = None,
                 **kwargs: Any) -> None:
        if row is not None and "initial" not in kwargs:
            kwargs["initial"] = row_initial(row)
        super().__init__(*args, **kwargs)
        self.initiative = initiative
        self.fields["outcome"].queryset = selectors.outcomes_of(initiative)  # type: ignore[attr-defined]
        self.fields["indicator"].queryset = selectors.indicators_of(initiative)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for name in FRACTIONS:
            if data.get(name) is not None:
                data[name] = data[name] / HUNDRED
        outcome, indicator = data.get("outcome"), data.get("indicator")
        if outcome is not None and indicator is not None and indicator.outcome_id != outcome.pk:
            self.add_error("indicator", _("Choose an indicator of this outcome."))
        if data.get("proxy") is None and data.get("proxy_value") is None and not self.has_error(
                "proxy_value"):
            self.add_error("proxy_value", _("Choose a financial proxy or enter a value per unit."))
        if not self.errors:
            self._check_sroi(data)
        return data

    def _check_sroi(self, data: dict[str, Any]) -> None:
        proxy = data["proxy"]
        try:
            sroi.Outcome(
                stakeholder=data["outcome"].stakeholder.name, outcome=data["outcome"].description,
                indicator="", quantity=data["quantity"],
                proxy_value=proxy.value_sek if proxy else data["proxy_value"], proxy_source="",
                deadweight=data["deadweight"], displacement=data["displacement"],
                attribution=data["attribution"], drop_off=data["drop_off"],
                duration_years=data["duration_years"],
                starts_after_activity=data["starts"] == STARTS_AFTER)
        except sroi.SROIError as error:
            error.outcome = None  # the form is about this row already
            field = {"proxy_value": "proxy_value"}.get(error.field, error.field)
            self.add_error(field if field in self.fields else None,
                           services.sroi_error_message(error))

    def service_fields(self) -> dict[str, Any]:
        """The cleaned data as ``services.value_map_row_create/update`` take it."""
        d = self.cleaned_data
        return {
            "stakeholder": d["outcome"].stakeholder, "outcome": d["outcome"],
            "indicator": d["indicator"], "quantity": d["quantity"], "proxy": d["proxy"],
            "proxy_value": d["proxy_value"], "proxy_source": d["proxy_source"],
            "deadweight": d["deadweight"], "displacement": d["displacement"],
            "attribution": d["attribution"], "drop_off": d["drop_off"],
            "duration_years": d["duration_years"],
            "starts_after_activity": d["starts"] == STARTS_AFTER,
        }

    def add_model_errors(self, error: Any) -> None:
        """A ValidationError from the service, on the field the person can change."""
        where = {"stakeholder": "outcome"}
        if hasattr(error, "error_dict"):
            for name, errors in error.error_dict.items():
                target = where.get(name, name)
                for e in errors:
                    self.add_error(target if target in self.fields else None, e)
        else:
            self.add_error(None, error)


def row_initial(row: ValueMapRow) -> dict[str, Any]:
    initial: dict[str, Any] = {
        "outcome": row.outcome_id, "indicator": row.indicator_id, "quantity": row.quantity,
        "proxy": row.proxy_id, "proxy_value": row.proxy_value, "proxy_source": row.proxy_source,
        "duration_years": row.duration_years,
        "starts": STARTS_AFTER if row.starts_after_activity else STARTS_DURING,
    }
    for name in FRACTIONS:
        initial[name] = to_percent(getattr(row, name))
    return initial


class InputsForm(ErrorSummaryMixin, forms.Form):
    """The SROI ratio's denominator and the discount rate (as percent)."""

    required_css_class = "field--required"

    inputs_total = forms.DecimalField(
        label=gettext_lazy("Total value of inputs (SEK)"), required=False, max_digits=16,
        decimal_places=2,
        help_text=gettext_lazy("Money and the value of time and things given. Must be more "
                               "than 0 for a ratio."),
        widget=forms.NumberInput(attrs={"step": "any", "min": "0", "inputmode": "decimal"}))
    discount_rate = forms.DecimalField(
        label=gettext_lazy("Discount rate (%)"), max_digits=7, decimal_places=3,
        help_text=gettext_lazy("0–100 % a year; the Green Book's 3.5 % is the default, "
                               "0 means no discounting."),
        validators=[MinValueValidator(0, message=gettext_lazy("Enter a percentage from 0 to 100.")),
                    MaxValueValidator(100, message=gettext_lazy("Enter a percentage from 0 to 100."))],
        widget=forms.NumberInput(attrs={"step": "any", "min": "0", "max": "100",
                                        "inputmode": "decimal"}))

    @classmethod
    def for_initiative(cls, initiative: Initiative, data: Any = None) -> InputsForm:
        return cls(data, prefix="inputs", initial={
            "inputs_total": initiative.inputs_total,
            "discount_rate": to_percent(initiative.discount_rate)})

    def clean_inputs_total(self) -> Decimal | None:
        value = self.cleaned_data.get("inputs_total")
        if value is not None and value <= 0:
            raise forms.ValidationError(services.sroi_error_message(sroi.SROIError(
                "inputs", field="inputs_total", code="inputs_not_positive")))
        return value

    def clean_discount_rate(self) -> Decimal | None:
        value = self.cleaned_data.get("discount_rate")
        return None if value is None else value / HUNDRED


class ValueMapImportForm(ErrorSummaryMixin, forms.Form):
    required_css_class = "field--required"

    file = forms.FileField(
        label=gettext_lazy("Value map (.xlsx)"),
        help_text=gettext_lazy("A workbook in the layout of the export. At most 5 MB."))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        check_upload_size(upload, MAX_BYTES)
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Only Excel workbooks (.xlsx) can be imported here."),
                                        code="not_xlsx")
        return upload


class ProxySearchForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Search the library"), required=False,
                        max_length=100)
