"""Forms of the analysts' pages: a round's settings, adding and sending invitations.

They validate input only; the views hand ``cleaned_data`` to ``services``,
which check the right again and save.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from sihub.core.forms import ErrorSummaryMixin, LabelledForm, mark_optional
from sihub.surveys import services
from sihub.surveys.models import Questionnaire, QuestionnaireStatus, SurveyRound

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"]
MAX_ADDRESS_LINES = 2000


class QuestionnaireChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Questionnaire) -> str:
        return f"{obj.title} — {obj.family} v{obj.version}"


class RoundForm(ErrorSummaryMixin, forms.ModelForm):
    """A round's settings. Its questionnaire is fixed once someone has answered."""

    required_css_class = "field--required"
    questionnaire = QuestionnaireChoiceField(label=_("Questionnaire"),
                                             queryset=Questionnaire.objects.none())

    class Meta:
        model = SurveyRound
        fields = ("questionnaire", "title_sv", "title_en", "slug", "opens_at", "closes_at",
                  "anonymous", "public_link", "results_public")
        widgets = {"opens_at": DATETIME, "closes_at": DATETIME}
        help_texts = {
            "slug": _("Used in the address of the thank-you page and in exports, e.g. "
                      "monitor-2026. Letters, digits and hyphens."),
            "opens_at": _("Leave empty to accept answers as soon as the round is opened."),
            "closes_at": _("Leave empty to accept answers until the round is closed."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        current = self.instance.questionnaire_id
        published = Q(status=QuestionnaireStatus.PUBLISHED)
        self.fields["questionnaire"].queryset = Questionnaire.objects.filter(
            published | Q(pk=current) if current else published).order_by("family", "-version")
        for name in ("opens_at", "closes_at"):
            self.fields[name].input_formats = DATETIME_FORMATS
        if self.instance.pk and self.instance.responses.exists():
            for name in services.LOCKED_AFTER_RESPONSES:
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Fixed: the round already has answers.")
        mark_optional(self)

    def service_fields(self) -> dict[str, Any]:
        """What to pass to ``round_create``/``round_update`` (disabled fields left out)."""
        return {name: value for name, value in self.cleaned_data.items()
                if not self.fields[name].disabled}


class AddInvitationsForm(LabelledForm):
    """Addresses typed or pasted, and/or organisations from the directory."""

    addresses = forms.CharField(
        label=_("E-mail addresses"), required=False,
        widget=forms.Textarea(attrs={"rows": 6, "autocomplete": "off", "spellcheck": "false"}),
        help_text=_("One a line, as name@example.org or Anna Andersson <name@example.org>. "
                    "Addresses already invited are skipped."))
    actors = forms.ModelMultipleChoiceField(
        label=_("Organisations in the directory"), required=False, queryset=None,
        widget=forms.SelectMultiple(attrs={"size": 10}),
        help_text=_("Invited at their public contact address. Hold Ctrl (or ⌘) to choose "
                    "several."))
    language = forms.ChoiceField(label=_("Language of the invitation"),
                                 choices=settings.LANGUAGES, widget=forms.RadioSelect)

    def __init__(self, *args: Any, actor_query: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["actors"].queryset = directory_actors(actor_query)
        self.fields["actors"].label_from_instance = _actor_label
        self.fields["language"].initial = settings.LANGUAGE_CODE
        mark_optional(self)

    def clean_addresses(self) -> tuple[list[tuple[str, str]], list[str]]:
        text = self.cleaned_data.get("addresses") or ""
        if len(text.splitlines()) > MAX_ADDRESS_LINES:
            raise forms.ValidationError(
                _("At most %(n)d addresses at a time."), params={"n": MAX_ADDRESS_LINES},
                code="too_many")
        return services.parse_addresses(text)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        good, bad = data.get("addresses") or ([], [])
        if not good and not bad and not data.get("actors") and not self.errors:
            raise forms.ValidationError(_("Write at least one address or choose an "
                                          "organisation."), code="empty")
        return data


def directory_actors(query: str = "") -> QuerySet[Any]:
    """Published actors with their public contact people (for the address), by name."""
    from sihub.actors.models import Actor, Contact

    public = Contact.objects.filter(is_public=True).exclude(email="")
    rows = Actor.objects.published().order_by("name").prefetch_related(
        Prefetch("contacts", queryset=public))
    query = query.strip()
    return rows.filter(name__icontains=query) if query else rows


def _actor_label(actor: Any) -> str:
    if services.actor_email(actor):
        return actor.name
    return _("%(name)s (no public e-mail address)") % {"name": actor.name}


class ActorSearchForm(forms.Form):
    q = forms.CharField(label=_("Find organisations by name"), required=False, max_length=100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class SendInvitationsForm(forms.Form):
    which = forms.ChoiceField(choices=[(services.UNSENT, services.UNSENT),
                                       (services.REMINDER, services.REMINDER)])


class RoundStatusForm(forms.Form):
    action = forms.ChoiceField(choices=[("open", "open"), ("close", "close")])
