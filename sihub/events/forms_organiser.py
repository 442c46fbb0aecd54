"""Forms of the organisers' pages: the participant filters, check-in and messages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _, pgettext_lazy

from sihub.core.forms import LabelledForm
from sihub.core.models import Sector
from sihub.events.models import RegistrationStatus
from sihub.events.organiser_selectors import (
    ACTIVE,
    ALL,
    NO_SECTOR,
    Audience,
    ParticipantFilters,
)
from sihub.events.organiser_services import BODY_MAX, SUBJECT_MAX


class ParticipantFilterForm(LabelledForm):
    """GET filters of the participant list (and of its export); bad values filter nothing."""

    status = forms.ChoiceField(
        label=_("Status"), required=False, initial=ACTIVE,
        choices=[(ACTIVE, _("Registered and waiting list")),
                 (RegistrationStatus.CONFIRMED, _("Registered")),
                 (RegistrationStatus.WAITING, _("Waiting list")),
                 (RegistrationStatus.CANCELLED, _("Cancelled")),
                 (ALL, pgettext_lazy("registrations", "All"))])
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    checked_in = forms.ChoiceField(
        label=_("Checked in"), required=False,
        choices=[("", pgettext_lazy("checked in", "Either")), ("yes", _("Checked in")),
                 ("no", _("Not checked in"))])
    q = forms.CharField(label=_("Search name, e-mail or organisation"), required=False,
                        max_length=100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = [
            ("", pgettext_lazy("sectors", "All")),
            *[(s.slug, s.name) for s in Sector.objects.order_by("sort_order", "pk")],
            (NO_SECTOR, _("No sector given")),
        ]

    def filters(self) -> ParticipantFilters:
        """The valid filters; an invalid field falls back to its default."""
        data = self.cleaned_data if self.is_bound and hasattr(self, "cleaned_data") else {}
        return ParticipantFilters(status=data.get("status") or ACTIVE,
                                  sector=data.get("sector") or "",
                                  checked_in=data.get("checked_in") or "",
                                  q=(data.get("q") or "").strip())


class CheckInForm(forms.Form):
    """The state to set, not a toggle: a double click or a replayed POST changes nothing."""

    present = forms.TypedChoiceField(choices=[("1", "1"), ("0", "0")],
                                     coerce=lambda value: value == "1")
    back = forms.CharField(required=False, max_length=2000)  # the list's query string


class MessageForm(LabelledForm):
    audience = forms.ChoiceField(label=_("To"), choices=Audience.choices,
                                 widget=forms.RadioSelect)
    subject = forms.CharField(label=_("Subject"), max_length=SUBJECT_MAX)
    body = forms.CharField(
        label=_("Message"), max_length=BODY_MAX, widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Plain text. Each person gets their own e-mail, with a footer naming the "
                    "event and their link to see or cancel their registration."))

    def __init__(self, *args: Any, sizes: dict[str, int] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if sizes is not None:
            self.fields["audience"].choices = [
                (value, _("%(label)s (%(count)s)") % {"label": label,
                                                       "count": sizes.get(value, 0)})
                for value, label in Audience.choices]

    def clean_subject(self) -> str:
        return " ".join(self.cleaned_data["subject"].split())
