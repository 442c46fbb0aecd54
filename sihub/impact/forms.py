"""Forms of the initiative workspace: the initiative, its team, stakeholders and outcomes.

Forms validate input only; the views hand the cleaned values to
``services`` (which check permissions again and write). ``InitiativeForm``
splits its values into plain fields and many-to-many ids, the two arguments
``services.initiative_create/initiative_update`` take.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sihub.actors.models import Actor
from sihub.core.forms import (
    LabelledForm,
    mark_optional,
    municipalities_by_county,
    targets_by_goal,
)
from sihub.core.models import County
from sihub.impact import sroi
from sihub.impact.models import (
    Initiative,
    InitiativeStatus,
    MembershipRole,
    OutcomeTerm,
    Programme,
)
from sihub.sdg.models import Goal

SHORT, LONG = 2_000, 10_000
HUNDRED = Decimal(100)
# The form asks for the discount rate in per cent (3.5), the model keeps a fraction (0.035).
MAX_DISCOUNT_PERCENT = sroi.MAX_DISCOUNT_RATE * HUNDRED


class _DecimalField(forms.DecimalField):
    """Accepts what people type: a decimal comma, spaces (or no-break spaces) between thousands."""

    def to_python(self, value: Any) -> Decimal | None:
        if isinstance(value, str):
            value = re.sub(r"[\s\u00a0\u202f]", "", value)
        return super().to_python(value)


def _decimal(label: Any, *, help_text: Any = "", max_digits: int = 16,
             decimal_places: int = 2, min_value: Decimal | None = Decimal(0),
             max_value: Decimal | None = None) -> forms.DecimalField:
    """A decimal that also accepts the Swedish comma and spaces between thousands."""
    return _DecimalField(
        label=label, required=False, help_text=help_text, max_digits=max_digits,
        decimal_places=decimal_places, min_value=min_value, max_value=max_value,
        localize=True, widget=forms.TextInput(attrs={"inputmode": "decimal"}))


class InitiativeForm(LabelledForm):
    """Everything a team says about its initiative; ``is_public`` only for who may publish."""

    title = forms.CharField(label=_("Title"), max_length=200)
    purpose = forms.CharField(
        label=_("Purpose"), max_length=LONG, required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the initiative wants to achieve, and for whom."))
    societal_challenge = forms.CharField(
        label=_("Societal challenge"), max_length=LONG, required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The problem in society the initiative responds to."))
    owners = forms.ModelMultipleChoiceField(
        label=_("Owner organisations"), queryset=Actor.objects.none(), required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Organisations in the actor directory. Hold Ctrl (Cmd on a Mac) to choose "
                    "more than one. Missing? Ask an editor to add it to the directory."))
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=Programme.objects.all(),
                                       required=False, empty_label=_("None"))
    funder = forms.CharField(label=_("Funder"), max_length=200, required=False,
                             help_text=_("E.g. Europeiska socialfonden (ESF)."))
    funding_amount = _decimal(_("Funding (SEK)"), help_text=_("In Swedish kronor, e.g. 1 200 000."))
    starts_on = forms.DateField(label=_("Start date"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                                help_text=_("As YYYY-MM-DD."))
    ends_on = forms.DateField(label=_("End date"), required=False,
                              widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                              help_text=_("As YYYY-MM-DD."))
    counties = forms.ModelMultipleChoiceField(
        label=_("Counties"), queryset=County.objects.all(), required=False,
        widget=forms.CheckboxSelectMultiple)
    municipalities = forms.TypedMultipleChoiceField(
        label=_("Municipalities"), required=False, coerce=int,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Hold Ctrl (Cmd on a Mac) to choose more than one."))
    sdgs = forms.ModelMultipleChoiceField(
        label=_("Global goals"), queryset=Goal.objects.order_by("number"), required=False,
        widget=forms.CheckboxSelectMultiple)
    targets = forms.TypedMultipleChoiceField(
        label=_("Targets"), required=False, coerce=int,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("The Agenda 2030 targets the initiative contributes to, grouped by goal."))
    status = forms.ChoiceField(label=_("Status"), choices=InitiativeStatus.choices,
                               initial=InitiativeStatus.PLANNED)
    is_public = forms.BooleanField(
        label=_("Publish the initiative and its public summary"), required=False,
        help_text=_("Everyone can then read the overview, theory of change, indicators and "
                    "SROI results. The team and unpublished notes stay private."))
    public_summary_sv = forms.CharField(
        label=_("Public summary (Swedish)"), max_length=LONG, required=False,
        widget=forms.Textarea(attrs={"rows": 5}))
    public_summary_en = forms.CharField(
        label=_("Public summary (English)"), max_length=LONG, required=False,
        widget=forms.Textarea(attrs={"rows": 5}))
    inputs_total = _decimal(
        _("Total value of inputs (SEK)"),
        help_text=_("For the SROI ratio: all money invested plus the value of time and things "
                    "given (e.g. volunteers' hours). The ratio is the value created divided by "
                    "this amount."))
    discount_rate = _decimal(
        _("Discount rate (%)"), decimal_places=3, max_digits=6,
        max_value=MAX_DISCOUNT_PERCENT,
        help_text=_("For the SROI ratio: how much less a krona is worth for each year it lies in "
                    "the future. 3.5 is the rate of the UK Treasury's Green Book; 0 means no "
                    "discounting."))

    def __init__(self, *args: Any, can_publish: bool,
                 initiative: Initiative | None = None, **kwargs: Any) -> None:
        if initiative is not None:
            kwargs.setdefault("initial", initial_values(initiative))
        else:
            kwargs.setdefault("initial", {
                "discount_rate": sroi.GREEN_BOOK_DISCOUNT_RATE * HUNDRED})
        super().__init__(*args, **kwargs)
        chosen = list(initiative.owners.values_list("pk", flat=True)) if initiative else []
        # Published actors, plus any already chosen (an owner unpublished later is not
        # dropped silently by saving the form).
        self.fields["owners"].queryset = Actor.objects.filter(
            Q(is_published=True) | Q(pk__in=chosen)).order_by("name")
        self.fields["municipalities"].choices = municipalities_by_county()
        self.fields["targets"].choices = targets_by_goal()
        if not can_publish:
            # The service refuses a contributor's publishing anyway; not offering it is clearer.
            del self.fields["is_public"]
        mark_optional(self)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", forms.ValidationError(
                _("The end date cannot be before the start date."), code="period_order"))
        return cleaned

    def values(self) -> tuple[dict[str, Any], dict[str, list[int]]]:
        """(fields, m2m) for the services; call after ``is_valid()``."""
        data = self.cleaned_data
        fields = {name: data[name] for name in (
            "title", "purpose", "societal_challenge", "programme", "funder", "funding_amount",
            "starts_on", "ends_on", "status", "public_summary_sv", "public_summary_en",
            "inputs_total")}
        rate = data.get("discount_rate")
        fields["discount_rate"] = (sroi.GREEN_BOOK_DISCOUNT_RATE if rate is None
                                   else rate / HUNDRED)
        if "is_public" in self.fields:
            fields["is_public"] = data["is_public"]
        m2m = {
            "owners": [a.pk for a in data["owners"]],
            "counties": [c.pk for c in data["counties"]],
            "municipalities": list(data["municipalities"]),
            "sdgs": [g.pk for g in data["sdgs"]],
            "targets": list(data["targets"]),
        }
        return fields, m2m


def initial_values(initiative: Initiative) -> dict[str, Any]:
    values: dict[str, Any] = {name: getattr(initiative, name) for name in (
        "title", "purpose", "societal_challenge", "programme", "funder", "funding_amount",
        "starts_on", "ends_on", "status", "is_public", "public_summary_sv", "public_summary_en",
        "inputs_total")}
    # 0.03500 → 3.5 (normalize() alone would turn 100 into 1E+2).
    values["discount_rate"] = Decimal(format((initiative.discount_rate * HUNDRED).normalize(), "f"))
    for name in ("owners", "counties", "municipalities", "sdgs", "targets"):
        values[name] = list(getattr(initiative, name).values_list("pk", flat=True))
    return values


# --- Team ----------------------------------------------------------------------------------


class MemberAddForm(LabelledForm):
    email = forms.EmailField(
        label=_("E-mail address"), max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        help_text=_("The person must already have an account on the site."))
    role = forms.ChoiceField(label=_("Role"), choices=MembershipRole.choices,
                             initial=MembershipRole.CONTRIBUTOR)


class MemberRoleForm(LabelledForm):
    member = forms.IntegerField(widget=forms.HiddenInput)
    role = forms.ChoiceField(label=_("Role"), choices=MembershipRole.choices)


class MemberRemoveForm(LabelledForm):
    member = forms.IntegerField(widget=forms.HiddenInput)


# --- Stakeholders and outcomes -------------------------------------------------------------


class StakeholderForm(LabelledForm):
    name = forms.CharField(label=_("Name"), max_length=200,
                           help_text=_("E.g. Young people 16–24, Employers, The municipality."))
    size = forms.IntegerField(label=_("Size"), min_value=0, required=False,
                              help_text=_("How many people or organisations."))
    involvement = forms.CharField(label=_("How they are involved"), max_length=SHORT,
                                  required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        mark_optional(self)


YES_NO = ((True, _("Yes")), (False, _("No")))


def _boolean_choice(value: Any) -> bool:
    return value in (True, "True", "true", "1", 1)


class OutcomeForm(LabelledForm):
    description = forms.CharField(label=_("Outcome"), max_length=SHORT,
                                  widget=forms.Textarea(attrs={"rows": 2}),
                                  help_text=_("The change the stakeholders experience."))
    term = forms.ChoiceField(label=_("Term"), choices=OutcomeTerm.choices,
                             initial=OutcomeTerm.SHORT, widget=forms.RadioSelect)
    intended = forms.TypedChoiceField(
        label=_("Intended?"), choices=YES_NO, coerce=_boolean_choice, initial=True,
        widget=forms.RadioSelect,
        help_text=_("Unintended outcomes belong in the map too."))
    positive = forms.TypedChoiceField(
        label=_("Positive or negative?"),
        choices=((True, _("Positive")), (False, _("Negative"))),
        coerce=_boolean_choice, initial=True, widget=forms.RadioSelect,
        help_text=_("A negative outcome takes value away in the value map."))
