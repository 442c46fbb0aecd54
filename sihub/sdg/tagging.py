"""Tags that join content to the ecosystem graph: goals, targets, themes, places, sectors.

Any page or model that "carries SDGs" mixes this in, so every area tags the
same way and faceted lists, related content and the SDG classifier (which
fills these fields as suggestions) work across all of them.
"""

from __future__ import annotations

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from sihub.sdg.panels import SDGSuggestionsPanel


class EcosystemTagsMixin(models.Model):
    sdgs = ParentalManyToManyField(
        "sdg.Goal", blank=True, related_name="+", verbose_name=_("global goals")
    )
    sdg_targets = ParentalManyToManyField(
        "sdg.Target", blank=True, related_name="+", verbose_name=_("targets")
    )
    themes = ParentalManyToManyField(
        "core.Theme", blank=True, related_name="+", verbose_name=_("themes")
    )
    sectors = ParentalManyToManyField(
        "core.Sector", blank=True, related_name="+", verbose_name=_("sectors")
    )
    counties = ParentalManyToManyField(
        "core.County", blank=True, related_name="+", verbose_name=_("counties")
    )
    municipalities = ParentalManyToManyField(
        "core.Municipality", blank=True, related_name="+", verbose_name=_("municipalities")
    )

    class Meta:
        abstract = True

    tag_panels = [
        MultiFieldPanel(
            [
                FieldPanel("sdgs", widget=forms.CheckboxSelectMultiple),
                # Where each goal came from, the classifier's suggestions, Accept/Reject.
                SDGSuggestionsPanel(),
                FieldPanel("sdg_targets"),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("sectors", widget=forms.CheckboxSelectMultiple),
                FieldPanel("counties"),
                FieldPanel("municipalities"),
            ],
            heading=_("Agenda 2030 and the ecosystem"),
        )
    ]


def tag_facets() -> list:
    """The standard facets for anything with EcosystemTagsMixin."""
    from sihub.core.facets import Facet
    from sihub.core.models import County, Sector, Theme
    from sihub.sdg.models import Goal

    return [
        Facet("sdg", _("Global goal"), "sdgs__number",
              lambda: [(g.number, f"{g.number}. {g.title}") for g in Goal.objects.all()], cast=int),
        Facet("theme", _("Theme"), "themes__slug",
              lambda: [(t.slug, t.name) for t in Theme.objects.all()]),
        Facet("region", _("County"), "counties__code",
              lambda: [(c.code, c.name) for c in County.objects.all()]),
        Facet("sector", _("Sector"), "sectors__slug",
              lambda: [(s.slug, s.name) for s in Sector.objects.all()]),
    ]
