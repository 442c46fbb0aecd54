"""Forms that edit a theory of change: add and delete elements, add and remove links.

They work on a ``TheoryOfChange`` and never on an initiative, so a coalition
can reuse them: the caller passes the theory (every chooser is limited to its
elements and links, so an id from another theory is "not a valid choice")
and, optionally, the outcomes an element may stand for.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from sihub.core.forms import ErrorSummaryMixin
from sihub.impact.models import ElementKind, Outcome, TheoryOfChange, ToCElement, ToCLink
from sihub.impact.toc_layout import goes_backwards

TEXT_MAX = 500  # a box holds a phrase; the description of the initiative holds the rest
ASSUMPTION_MAX = 1000
OUTCOME_KINDS = (ElementKind.OUTCOME_SHORT, ElementKind.OUTCOME_MEDIUM, ElementKind.OUTCOME_LONG)


class ElementChoiceField(forms.ModelChoiceField):
    """An element shown as "Kind: text" so two boxes of the same text can be told apart."""

    def label_from_instance(self, obj: ToCElement) -> str:
        text = obj.text if len(obj.text) <= 70 else obj.text[:69] + "…"
        return f"{obj.get_kind_display()}: {text}"


class OutcomeChoiceField(forms.ModelChoiceField):
    """An outcome shown with its stakeholder group: "Young people: In work"."""

    def label_from_instance(self, obj: Outcome) -> str:
        return f"{obj.stakeholder}: {obj}"


class ElementForm(ErrorSummaryMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ElementKind.choices)
    text = forms.CharField(label=_("Text"), max_length=TEXT_MAX,
                           widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=_("A short phrase: it is shown in a box of the diagram."))
    outcome = OutcomeChoiceField(
        label=_("Outcome in the value map (optional)"), required=False,
        queryset=Outcome.objects.none(),
        help_text=_("For an outcome box: the outcome of the initiative it stands for."))

    def __init__(self, *args: Any, outcomes: QuerySet[Outcome] | None = None,
                 **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "element")
        super().__init__(*args, **kwargs)
        if outcomes is None:
            del self.fields["outcome"]  # a theory that belongs to no initiative (a coalition's)
        else:
            self.fields["outcome"].queryset = outcomes

    def clean_text(self) -> str:
        return self.cleaned_data["text"].strip()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("outcome") is not None and data.get("kind") not in OUTCOME_KINDS:
            self.add_error("outcome", _("Only an outcome box can stand for an outcome."))
        return data


class ElementDeleteForm(forms.Form):
    element = forms.ModelChoiceField(queryset=ToCElement.objects.none())

    def __init__(self, *args: Any, toc: TheoryOfChange, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["element"].queryset = toc.elements.all()


class LinkForm(ErrorSummaryMixin, forms.Form):
    source = ElementChoiceField(label=_("From"), queryset=ToCElement.objects.none())
    target = ElementChoiceField(label=_("To"), queryset=ToCElement.objects.none())
    assumption = forms.CharField(
        label=_("Assumption"), required=False, max_length=ASSUMPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What must hold for the first to lead to the second?"))

    def __init__(self, *args: Any, toc: TheoryOfChange, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "link")
        super().__init__(*args, **kwargs)
        elements = toc.elements.all()
        self.fields["source"].queryset = elements
        self.fields["target"].queryset = elements
        self.toc = toc

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        source, target = data.get("source"), data.get("target")
        if source is None or target is None:
            return data
        if source.pk == target.pk:
            self.add_error("target", _("An element cannot link to itself."))
        elif goes_backwards(source.kind, target.kind):
            self.add_error("target", _(
                "A link cannot go back in the chain: “%(target)s” (%(target_kind)s) comes "
                "before “%(source)s” (%(source_kind)s). Link from the earlier element to "
                "the later one.") % {
                    "target": target.text[:60], "target_kind": target.get_kind_display().lower(),
                    "source": source.text[:60], "source_kind": source.get_kind_display().lower()})
        elif self.toc.links.filter(source=source, target=target).exists():
            self.add_error("target", _("These two elements are already linked."))
        return data

    def clean_assumption(self) -> str:
        return self.cleaned_data["assumption"].strip()


class LinkRemoveForm(forms.Form):
    link = forms.ModelChoiceField(queryset=ToCLink.objects.none())

    def __init__(self, *args: Any, toc: TheoryOfChange, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["link"].queryset = toc.links.all()
