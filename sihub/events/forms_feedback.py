"""Forms after the event (feedback, outcomes) and of one's own data (request, erase).

Forms only validate; the writes are ``feedback_services`` and ``privacy``.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sihub.core.forms import ErrorSummaryMixin, LabelledForm
from sihub.events.models import EventOutcome, Feedback

TEXT_LIMIT = 2000

RATING_CHOICES = [
    (5, _("5 – Very good")),
    (4, _("4 – Good")),
    (3, _("3 – Neither good nor bad")),
    (2, _("2 – Poor")),
    (1, _("1 – Very poor")),
]
YES, NO = "yes", "no"
RECOMMEND_CHOICES = [(YES, pgettext_lazy("answer", "Yes")), (NO, pgettext_lazy("answer", "No"))]


def _text(label: Any, help_text: Any = "") -> forms.CharField:
    return forms.CharField(label=label, help_text=help_text, required=False,
                           max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 4}))


class FeedbackForm(LabelledForm):
    rating = forms.TypedChoiceField(
        label=_("Overall, how was the event?"), choices=RATING_CHOICES, coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how the event was overall, from 1 to 5.")})
    useful = _text(_("What was most useful?"))
    improve = _text(_("What could be better?"))
    new_contacts = forms.IntegerField(
        label=_("How many new contacts did you make?"), required=False, min_value=0,
        max_value=500, help_text=_("People you did not know before and may get in touch with."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    would_recommend = forms.ChoiceField(
        label=_("Would you recommend the event to others?"), choices=RECOMMEND_CHOICES,
        required=False, widget=forms.RadioSelect)

    @classmethod
    def initial_from(cls, feedback: Feedback | None) -> dict[str, Any]:
        """The answers already given, to edit them."""
        if feedback is None:
            return {}
        recommend = "" if feedback.would_recommend is None else (
            YES if feedback.would_recommend else NO)
        return {"rating": feedback.rating, "useful": feedback.useful,
                "improve": feedback.improve, "new_contacts": feedback.new_contacts,
                "would_recommend": recommend}

    def answers(self) -> dict[str, Any]:
        """The cleaned answers as ``feedback_submit`` takes them."""
        data = self.cleaned_data
        return {"rating": data["rating"], "useful": data.get("useful", ""),
                "improve": data.get("improve", ""), "new_contacts": data.get("new_contacts"),
                "would_recommend": {YES: True, NO: False}.get(data.get("would_recommend") or "")}


class OutcomeForm(LabelledForm):
    title = forms.CharField(label=_("Outcome"), max_length=EventOutcome._meta.get_field(
        "title").max_length, help_text=_("What the workshop led to, in one line."))
    description = _text(_("Description"))
    coalition = forms.ModelChoiceField(label=_("Coalition"), required=False, queryset=None,
                                       empty_label=_("No coalition"),
                                       help_text=_("A coalition this outcome feeds into."))
    initiative = forms.ModelChoiceField(label=_("Initiative"), required=False, queryset=None,
                                        empty_label=_("No initiative"),
                                        help_text=_("An initiative this outcome feeds into."))

    def __init__(self, *args: Any, coalitions: Any, initiatives: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["coalition"].queryset = coalitions
        self.fields["initiative"].queryset = initiatives


class MyDataRequestForm(ErrorSummaryMixin, forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254,
                             help_text=_("The address you registered with."),
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    # A honeypot: hidden from people (the wrapper has the ``hidden`` attribute),
    # filled in by form-filling bots.
    website = forms.CharField(label=_("Leave this field empty"), required=False,
                              widget=forms.TextInput(attrs={"autocomplete": "off",
                                                            "tabindex": "-1"}))

    def is_bot(self) -> bool:
        return bool(self.data.get("website"))


class EraseConfirmForm(ErrorSummaryMixin, forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that my registrations will be cancelled and my details "
                "erased, and that this cannot be undone."),
        error_messages={"required": _("Tick the box to confirm the erasure.")})
