"""Forms for the coalition, its phases and members.

Forms validate input only; the views hand the cleaned values to
``services`` (which check permissions again and write). ``CoalitionForm``
splits its values into plain fields and many-to-many ids, the two arguments
``services.coalition_create/coalition_update`` take.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sihub.actors.models import Actor, OfferingKind
from sihub.coalitions.models import Coalition, MemberRole, Phase
from sihub.core.forms import (
    LabelledForm,
    mark_optional,
    municipalities_by_county,
    targets_by_goal,
)
from sihub.core.models import County
from sihub.sdg.models import Goal

SHORT, LONG = 2_000, 10_000


def _textarea(rows: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class CoalitionForm(LabelledForm):
    """What a coalition says about itself; facilitators fill it in."""

    title = forms.CharField(label=_("Name of the coalition"), max_length=200)
    challenge = forms.CharField(
        label=_("Societal challenge"), max_length=LONG, widget=_textarea(5),
        help_text=_("The challenge the coalition forms around, e.g. an inclusive working "
                    "life in Umeå."))
    vision = forms.CharField(label=_("Vision"), max_length=LONG, required=False,
                             widget=_textarea(3))
    goals = forms.CharField(label=_("Goals"), max_length=LONG, required=False,
                            widget=_textarea(4))
    sdgs = forms.ModelMultipleChoiceField(
        label=_("Global goals"), queryset=Goal.objects.order_by("number"), required=False,
        widget=forms.CheckboxSelectMultiple)
    targets = forms.TypedMultipleChoiceField(
        label=_("Targets"), required=False, coerce=int,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("The Agenda 2030 targets, grouped by goal. Hold Ctrl (Cmd on a Mac) to "
                    "choose more than one."))
    counties = forms.ModelMultipleChoiceField(
        label=_("Counties"), queryset=County.objects.all(), required=False,
        widget=forms.CheckboxSelectMultiple)
    municipalities = forms.TypedMultipleChoiceField(
        label=_("Municipalities"), required=False, coerce=int,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Hold Ctrl (Cmd on a Mac) to choose more than one."))
    needed_offering_kinds = forms.MultipleChoiceField(
        label=_("What the coalition needs from new members"), choices=OfferingKind.choices,
        required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Used to suggest organisations that offer it."))
    is_public = forms.BooleanField(
        label=_("Publish the coalition's public page"), required=False,
        help_text=_("Everyone can then read the challenge, vision, members' organisations, "
                    "phase and results. The workspace stays for members."))
    public_summary_sv = forms.CharField(label=_("Public summary (Swedish)"), max_length=LONG,
                                        required=False, widget=_textarea(4))
    public_summary_en = forms.CharField(label=_("Public summary (English)"), max_length=LONG,
                                        required=False, widget=_textarea(4))
    results = forms.CharField(label=_("Results so far"), max_length=LONG, required=False,
                              widget=_textarea(4),
                              help_text=_("Shown on the public page."))

    PLAIN = ("title", "challenge", "vision", "goals", "public_summary_sv", "public_summary_en",
             "results")
    M2M = ("sdgs", "targets", "counties", "municipalities")

    def __init__(self, *args: Any, coalition: Coalition | None = None, **kwargs: Any) -> None:
        if coalition is not None:
            kwargs.setdefault("initial", initial_values(coalition))
        super().__init__(*args, **kwargs)
        self.fields["municipalities"].choices = municipalities_by_county()
        self.fields["targets"].choices = targets_by_goal()
        mark_optional(self)

    def values(self) -> tuple[dict[str, Any], dict[str, list[int]]]:
        """(fields, m2m) for the services; call after ``is_valid()``. ``is_public`` is apart."""
        data = self.cleaned_data
        fields = {name: data[name] for name in self.PLAIN}
        fields["needed_offering_kinds"] = list(data["needed_offering_kinds"])
        m2m = {
            "sdgs": [g.pk for g in data["sdgs"]],
            "targets": list(data["targets"]),
            "counties": [c.pk for c in data["counties"]],
            "municipalities": list(data["municipalities"]),
        }
        return fields, m2m


def initial_values(coalition: Coalition) -> dict[str, Any]:
    values: dict[str, Any] = {name: getattr(coalition, name) for name in CoalitionForm.PLAIN}
    values["needed_offering_kinds"] = list(coalition.needed_offering_kinds or [])
    values["is_public"] = coalition.is_public
    for name in CoalitionForm.M2M:
        values[name] = list(getattr(coalition, name).values_list("pk", flat=True))
    return values


class PhaseChangeForm(LabelledForm):
    to_phase = forms.ChoiceField(label=_("New phase"), choices=Phase.choices)
    decided_on = forms.DateField(
        label=_("Decided on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("As YYYY-MM-DD."))
    decision = forms.CharField(
        label=_("Decision"), max_length=LONG, widget=_textarea(4),
        help_text=_("What was decided, by whom, and why."))

    def __init__(self, *args: Any, coalition: Coalition, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"decided_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        # Any phase but the current one: moving back is allowed.
        self.fields["to_phase"].choices = [(value, label) for value, label in Phase.choices
                                           if value != coalition.phase]

    def clean_decision(self) -> str:
        decision = self.cleaned_data["decision"].strip()
        if not decision:
            raise forms.ValidationError(_("Say what was decided."), code="required")
        return decision

    def clean_decided_on(self) -> Any:
        decided_on = self.cleaned_data["decided_on"]
        if decided_on > timezone.localdate():
            raise forms.ValidationError(_("The decision cannot be dated in the future."),
                                        code="future")
        return decided_on


class MemberInviteForm(LabelledForm):
    actor = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Actor.objects.none(),
        help_text=_("Organisations in the actor directory that are not already in the "
                    "coalition."),
        error_messages={"invalid_choice": _(
            "Choose an organisation from the list: it must be in the actor directory and not "
            "already in the coalition.")})
    role = forms.ChoiceField(label=_("Role"), choices=MemberRole.choices,
                             initial=MemberRole.PARTNER)
    contact_name = forms.CharField(label=_("Contact person"), max_length=200,
                                   widget=forms.TextInput(attrs={"autocomplete": "off"}))
    contact_email = forms.EmailField(
        label=_("Contact person's e-mail"), max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        help_text=_("The invitation with its link goes to this address. To accept, the person "
                    "logs in with it."))

    def __init__(self, *args: Any, coalition: Coalition, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Published organisations not already in (or invited to) the coalition.
        current = coalition.members.filter(status__in=("invited", "active")).values("actor_id")
        self.fields["actor"].queryset = (Actor.objects.filter(is_published=True)
                                         .exclude(Q(pk__in=current))
                                         .select_related("sector").order_by("name"))
        self.fields["actor"].label_from_instance = lambda a: f"{a.name} ({a.sector.name})"


class MemberRoleForm(LabelledForm):
    member = forms.IntegerField(widget=forms.HiddenInput)
    role = forms.ChoiceField(label=_("Role"), choices=MemberRole.choices)


class MemberRemoveForm(LabelledForm):
    member = forms.IntegerField(widget=forms.HiddenInput)
