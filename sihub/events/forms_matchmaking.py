"""Forms of matchmaking: the person's profile, their availability, slots and a run.

They validate input only; the views hand ``cleaned_data`` to
``matchmaking_services``, which check permissions again, validate the rules
that need the database (a slot inside the event, no overlaps) and save.
Choosers are limited to the event's own rows, so an id from another event is
"not a valid choice".
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from sihub.core.forms import LabelledForm, mark_optional
from sihub.core.models import Sector
from sihub.events.models import MatchSlot
from sihub.sdg.models import Goal

TEXT = 2_000
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def slot_label(slot: MatchSlot) -> str:
    """"14 March 10:00–10:20" in the local time zone and the active language."""
    start, end = timezone.localtime(slot.start), timezone.localtime(slot.end)
    return f"{date_format(start, 'j F H:i')}–{date_format(end, 'H:i')}"


class SlotChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: MatchSlot) -> str:
        return slot_label(obj)


class MatchProfileForm(LabelledForm):
    """Who I am and what I bring: the profile the scheduler matches on, at every event."""

    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    sector = forms.ModelChoiceField(label=_("Sector"), queryset=Sector.objects.none(),
                                    empty_label=_("Choose a sector"))
    offers = forms.CharField(
        label=_("What I offer"), max_length=TEXT, required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Knowledge, experience, contacts, premises, funding … Swedish or English."))
    seeks = forms.CharField(
        label=_("What I am looking for"), max_length=TEXT, required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Partners, advice, a pilot site, people with a certain experience …"))
    interests = forms.CharField(
        label=_("Interests"), max_length=TEXT, required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Topics you would like to talk about, in a few words."))
    sdgs = forms.ModelMultipleChoiceField(
        label=_("Global goals I work with"), queryset=Goal.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sector"].queryset = Sector.objects.order_by("sort_order", "pk")
        self.fields["sdgs"].queryset = Goal.objects.order_by("number")
        mark_optional(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not any((data.get(name) or "").strip() for name in ("offers", "seeks", "interests")):
            raise forms.ValidationError(
                _("Say what you offer, what you are looking for or what interests you: "
                  "the proposals are based on it."), code="empty_profile")
        return data


class AvailabilityForm(LabelledForm):
    """The event's slots in which I can meet people."""

    slots = SlotChoiceField(label=_("I can meet people at"), queryset=MatchSlot.objects.none(),
                            required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, slots: QuerySet[MatchSlot], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["slots"].queryset = slots


class SlotForm(LabelledForm):
    """A time for 1:1 meetings; the service checks it lies inside the event and overlaps none."""

    start = forms.DateTimeField(label=_("Starts"), widget=DATETIME)
    end = forms.DateTimeField(label=_("Ends"), widget=DATETIME)
    tables = forms.IntegerField(label=_("Tables"), min_value=1, max_value=1000, initial=20,
                                help_text=_("How many meetings can take place at the same time."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "slot")
        super().__init__(*args, **kwargs)


class RunForm(LabelledForm):
    """Options of a scheduler run."""

    max_meetings = forms.IntegerField(
        label=_("At most this many meetings per person"), min_value=1, max_value=100,
        required=False, help_text=_("Empty: as many as there are slots."))
    min_fit = forms.IntegerField(
        label=_("Lowest fit worth a meeting (percent)"), min_value=0, max_value=100, initial=0,
        required=False,
        help_text=_("Pairs that fit less well than this are never proposed."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "run")
        super().__init__(*args, **kwargs)
