"""Good examples of social innovation, and the index that lists and receives them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page
from wagtail.search import index

from sihub.core.facets import Facet
from sihub.core.listing import FacetedIndexMixin
from sihub.core.models import StemmedSearchMixin
from sihub.sdg.tagging import EcosystemTagsMixin, tag_facets


class Stage(models.TextChoices):
    IDEA = "idea", _("Idea")
    PILOT = "pilot", _("Pilot")
    IMPLEMENTATION = "implementation", _("Implementation")
    SCALING = "scaling", _("Scaling")
    SYSTEMIC = "systemic", _("Systemic change")


class CaseIndexPage(FacetedIndexMixin, RoutablePageMixin, Page):
    """Lists good examples; ``submit/`` takes new ones from members (see views.py)."""

    intro = models.TextField(_("introduction"), blank=True)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["cases.CasePage"]
    results_template = "cases/results.html"
    listing_prefetch_related = ("sdgs", "counties", "municipalities")

    class Meta:
        verbose_name = _("good examples index")

    def listing_model(self) -> Any:
        return CasePage

    def listing_facets(self) -> list[Facet]:
        return [Facet("stage", _("Stage"), "stage", lambda: list(Stage.choices)), *tag_facets()]

    # The submission form is a route of the index, so it exists once per language.
    @path("")
    def index_route(self, request: Any) -> Any:
        return self.render(request)

    @path("submit/", name="submit")
    def submit_route(self, request: Any) -> Any:
        from sihub.cases.views import submit_case

        return submit_case(request, index_page=self)


class CasePage(EcosystemTagsMixin, StemmedSearchMixin, Page):
    """A good example: the challenge, the solution, who is involved, and what it achieved."""

    summary = models.TextField(_("summary"), help_text=_("Two or three sentences."))
    challenge = models.TextField(_("the societal challenge"))
    solution = models.TextField(_("the solution"))
    target_groups = models.TextField(_("target groups"), blank=True)
    # The organisations in the ecosystem directory: they link the example to the
    # actors' profiles and join them in the network (see apps.py). Others, and
    # each one's role, go in the free text below.
    involved_actors = ParentalManyToManyField(
        "actors.Actor", blank=True, related_name="cases",
        verbose_name=_("organisations from the directory"),
        help_text=_("Organisations involved that are in the ecosystem directory. Hold Ctrl "
                    "(⌘ on a Mac) to choose more than one."))
    actors_involved = models.TextField(
        _("actors involved"), blank=True,
        help_text=_("Organisations and their roles, one per line, including any that are "
                    "not in the directory."))
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices,
                             default=Stage.PILOT, db_index=True)
    results = models.TextField(_("results and evidence"), blank=True)
    scaling = models.TextField(_("how it scaled or could scale"), blank=True)
    website = models.URLField(_("website"), blank=True)
    # Where the example was reported (set when an analyst promotes a feed item).
    source_url = models.URLField(_("Source"), max_length=2048, blank=True,
                                 validators=[URLValidator(schemes=["http", "https"])])
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    images = StreamField([("image", ImageBlock(label=_("image")))], blank=True,
                         verbose_name=_("images"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="submitted_cases", editable=False, verbose_name=_("submitted by"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("challenge"),
        FieldPanel("solution"),
        FieldPanel("target_groups"),
        FieldPanel("involved_actors", widget=forms.SelectMultiple(attrs={"size": 12})),
        FieldPanel("actors_involved"),
        FieldPanel("stage"),
        FieldPanel("results"),
        FieldPanel("scaling"),
        FieldPanel("images"),
        MultiFieldPanel([FieldPanel("website"), FieldPanel("contact_name"),
                         FieldPanel("contact_email")], heading=_("Contact")),
        FieldPanel("source_url"),
        *EcosystemTagsMixin.tag_panels,
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"), index.SearchField("challenge"),
        index.SearchField("solution"), index.SearchField("target_groups"),
        index.SearchField("actors_involved"), index.SearchField("results"),
        index.SearchField("search_stems"), index.FilterField("stage"),
    ]
    parent_page_types = ["cases.CaseIndexPage"]

    class Meta:
        verbose_name = _("good example")
        verbose_name_plural = _("good examples")

    def search_stems(self) -> str:
        from sihub.search.stemming import stemmed_text

        return stemmed_text(" ".join((self.title, self.summary, self.challenge, self.solution,
                                      self.target_groups, self.results)))

    def directory_actors(self) -> list[Any]:
        """The involved organisations that the public directory shows, by name.

        Filtered in Python, so a preview (where the relation lives in memory) shows them too.
        """
        return sorted((a for a in self.involved_actors.select_related("sector")
                       if a.is_published), key=lambda a: a.name)
