"""The goal suggestions panel in the Wagtail editor of everything that carries SDGs.

It sits beside the goal checkboxes (``EcosystemTagsMixin.tag_panels``) and shows
where each current goal came from, the classifier's stored suggestions with
Accept and Reject, and a button that asks for suggestions from the text as
it stands in the form (admin_views.suggest). Accepting ticks the goal's box;
the decisions travel with the form in the hidden ``sdg_decisions`` input and
are recorded when the editor saves (wagtail_hooks.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import Panel
from wagtail.admin.utils import get_user_display_name

from sihub.sdg.models import Goal, SDGTagProvenance, TagSource


def provenance_label(row: SDGTagProvenance | None) -> str:
    """Where a goal came from, as a phrase for the editor."""
    if row is None:
        return _("added before sources were recorded")
    user = get_user_display_name(row.added_by) if row.added_by else ""
    date = formats.date_format(timezone.localtime(row.added_at), "DATE_FORMAT")
    if row.source == TagSource.SUGGESTED:
        if user:
            return _("suggested by classifier %(version)s, accepted by %(user)s on %(date)s") % {
                "version": row.classifier_version, "user": user, "date": date}
        return _("suggested by classifier %(version)s, accepted on %(date)s") % {
            "version": row.classifier_version, "date": date}
    if row.source == TagSource.AUTOMATIC:
        return _("tagged automatically by classifier %(version)s on %(date)s") % {
            "version": row.classifier_version, "date": date}
    if user:
        return _("added by hand by %(user)s on %(date)s") % {"user": user, "date": date}
    return _("added by hand on %(date)s") % {"date": date}


@dataclass(frozen=True)
class CurrentGoal:
    goal: Goal
    provenance: str


def suggest_url(model: Any, pk: int | None) -> str:
    label = model._meta.label_lower
    if pk is None:
        return reverse("sdg_admin:suggest_new", kwargs={"model_label": label})
    return reverse("sdg_admin:suggest", kwargs={"model_label": label, "pk": pk})


class SDGSuggestionsPanel(Panel):
    """Provenance of the current goals, suggestions with Accept/Reject, "suggest from the text"."""

    def __init__(self, heading: Any = gettext_lazy("Suggested goals"), **kwargs: Any) -> None:
        super().__init__(heading=heading, **kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "sdg/admin/suggestions_panel.html"

        class Media:
            # Wagtail's admin has no htmx of its own; the site's copy is vendored.
            js = ["vendor/htmx/htmx.min.js", "sdg/suggestions.js"]
            css = {"all": ["sdg/suggestions.css"]}

        def is_shown(self) -> bool:
            from sihub.sdg.suggestions import is_taggable

            return is_taggable(self.panel.model)

        def get_context_data(self, parent_context: Any = None) -> Any:
            from sihub.sdg.suggestions import provenance_for, suggestions_for
            from sihub.sdg.views import suggestion_items

            context = super().get_context_data(parent_context)
            instance = self.instance
            saved = instance is not None and instance.pk is not None
            goals = sorted(instance.sdgs.all(), key=lambda g: g.number) if instance else []
            provenance = provenance_for(instance) if saved else {}
            on_object = {g.number for g in goals}
            stored = [s for s in suggestions_for(instance) if s.goal.number not in on_object] \
                if saved else []
            context.update({
                "prefix": self.prefix,
                "current": [CurrentGoal(g, provenance_label(provenance.get(g.number)))
                            for g in goals],
                "items": suggestion_items(
                    {"goal": s.goal.number, "score": s.score, "targets": s.targets,
                     "evidence": s.evidence} for s in stored),
                "suggest_url": suggest_url(self.panel.model, instance.pk if saved else None),
            })
            return context
