"""The sign-up form. It only validates; ``services.registration_create`` writes.

The organisation is free text with the published actors of the ecosystem
directory offered as suggestions (an HTML ``<datalist>``: no script, works
with any assistive technology as a plain text field). When the text is
exactly the name of one published actor (case aside), the registration is
linked to that actor; otherwise only the text is kept. A select of thousands
of actors would be unusable, and free text must stay possible for
organisations not (yet) in the directory.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sihub.core.forms import ErrorSummaryMixin
from sihub.core.models import Sector
from sihub.events.consents import CONSENT_KINDS, REQUIRED_CONSENTS, consent_text

ACTOR_SUGGESTIONS = 2000  # the datalist's length, at most
DATALIST_ID = "registration-actors"


def consent_field(kind: str) -> str:
    return f"consent_{kind}"


class RegistrationForm(ErrorSummaryMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200,
                           widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(
        label=_("E-mail address"), max_length=254,
        help_text=_("We send the confirmation and the link to cancel here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    organisation = forms.CharField(
        label=_("Organisation"), max_length=200, required=False,
        help_text=_("Suggestions come from the ecosystem directory; any name is fine."),
        widget=forms.TextInput(attrs={"autocomplete": "organization", "list": DATALIST_ID}))
    sector = forms.ModelChoiceField(label=_("Sector"), queryset=Sector.objects.all(),
                                    required=False, empty_label=_("Choose a sector"))
    dietary_needs = forms.CharField(label=_("Dietary needs"), max_length=500, required=False,
                                    widget=forms.Textarea(attrs={"rows": 2}))
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs"), max_length=500, required=False,
        help_text=_("For example a sign language interpreter, a hearing loop or step-free "
                    "seating."),
        widget=forms.Textarea(attrs={"rows": 2}))
    # A honeypot: hidden from people (the wrapper has the ``hidden`` attribute
    # and screen readers skip it), filled in by form-filling bots.
    website = forms.CharField(label=_("Leave this field empty"), required=False,
                              widget=forms.TextInput(attrs={"autocomplete": "off",
                                                            "tabindex": "-1"}))

    def __init__(self, *args: Any, language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The consents, labelled with their full text in the page's language:
        # the very sentences that are stored with the registration.
        for kind in CONSENT_KINDS:
            required = kind in REQUIRED_CONSENTS
            self.fields[consent_field(kind)] = forms.BooleanField(
                label=consent_text(kind, language), required=required,
                error_messages={"required": _("Tick the box to agree: without it we cannot "
                                              "register you.")})
        # The honeypot goes last, after the consents.
        self.fields["website"] = self.fields.pop("website")

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def is_bot(self) -> bool:
        return bool(self.data.get("website"))

    def consents(self) -> dict[str, bool]:
        return {kind: bool(self.cleaned_data.get(consent_field(kind))) for kind in CONSENT_KINDS}

    def consent_fields(self) -> list[forms.BoundField]:
        return [self[consent_field(kind)] for kind in CONSENT_KINDS]

    def actor(self) -> Any:
        """The published actor whose name is exactly the organisation given, if one is."""
        from sihub.actors.selectors import published_actors

        name = self.cleaned_data.get("organisation", "").strip()
        if not name:
            return None
        matches = list(published_actors().filter(name__iexact=name)[:2])
        return matches[0] if len(matches) == 1 else None


def actor_suggestions() -> list[str]:
    """Names of published actors for the organisation field's suggestions."""
    from sihub.actors.selectors import published_actors

    return list(published_actors().order_by("name").values_list("name", flat=True)
                .distinct()[:ACTOR_SUGGESTIONS])
