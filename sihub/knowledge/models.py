"""Editorial knowledge: articles, methods & tools, stories & news, publications."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxValueValidator,
    MinValueValidator,
    RegexValidator,
    URLValidator,
)
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from sihub.core.facets import Facet
from sihub.core.listing import FacetedIndexMixin
from sihub.core.models import BODY_PAGE_SEARCH_FIELDS, StemmedSearchMixin
from sihub.knowledge.blocks import ArticleBodyBlock
from sihub.sdg.tagging import EcosystemTagsMixin, tag_facets


class KnowledgePage(EcosystemTagsMixin, StemmedSearchMixin, Page):
    """What all knowledge pages share: an intro, a body and the ecosystem tags."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(ArticleBodyBlock(), blank=True, verbose_name=_("body"))

    search_fields = BODY_PAGE_SEARCH_FIELDS
    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]

    class Meta:
        abstract = True


# --- Articles --------------------------------------------------------------


class KnowledgeArticlePage(KnowledgePage):
    """A long-form "what / why / how" page about social innovation."""

    content_panels = [*KnowledgePage.content_panels, *EcosystemTagsMixin.tag_panels]
    parent_page_types = ["core.ContentPage", "knowledge.KnowledgeArticlePage"]

    class Meta:
        verbose_name = _("knowledge article")


# --- Methods & tools -------------------------------------------------------


class Phase(models.TextChoices):
    UNDERSTAND = "understand", _("Understand")
    IDEATE = "ideate", _("Ideate")
    PROTOTYPE = "prototype", _("Prototype")
    TEST = "test", _("Test")
    IMPLEMENT = "implement", _("Implement")
    SCALE = "scale", _("Scale")


class Facilitation(models.TextChoices):
    NONE = "none", _("No facilitator needed")
    BASIC = "basic", _("Some facilitation experience")
    EXPERIENCED = "experienced", _("Experienced facilitator")


class MethodIndexPage(FacetedIndexMixin, Page):
    intro = models.TextField(_("introduction"), blank=True)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["knowledge.MethodPage"]
    default_sort = "title"
    results_template = "knowledge/method_results.html"

    class Meta:
        verbose_name = _("methods and tools index")

    def listing_model(self) -> Any:
        return MethodPage

    def listing_facets(self) -> list[Facet]:
        return [
            Facet("phase", _("Phase"), "phase", lambda: list(Phase.choices)),
            Facet("facilitation", _("Facilitation"), "facilitation",
                  lambda: list(Facilitation.choices)),
            *tag_facets(),
        ]


class MethodPage(KnowledgePage):
    """A method or tool for social innovation and co-creation."""

    purpose = models.TextField(_("purpose"))
    phase = models.CharField(_("phase of the innovation process"), max_length=20,
                             choices=Phase.choices, db_index=True)
    time_needed = models.CharField(_("time needed"), max_length=100, blank=True,
                                   help_text=_("For example “2–3 hours” or “two half days”."))
    group_size_min = models.PositiveSmallIntegerField(_("smallest group"), null=True, blank=True)
    group_size_max = models.PositiveSmallIntegerField(_("largest group"), null=True, blank=True)
    facilitation = models.CharField(_("facilitation level"), max_length=20,
                                    choices=Facilitation.choices, default=Facilitation.BASIC)
    materials = models.TextField(_("materials"), blank=True)
    templates = StreamField([("template", DocumentChooserBlock(label=_("template")))],
                            blank=True, verbose_name=_("downloadable templates"))
    related_methods = ParentalManyToManyField("self", blank=True, symmetrical=False,
                                              verbose_name=_("related methods"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("purpose"),
        MultiFieldPanel([
            FieldPanel("phase"), FieldPanel("time_needed"), FieldPanel("group_size_min"),
            FieldPanel("group_size_max"), FieldPanel("facilitation"), FieldPanel("materials"),
        ], heading=_("How to use it")),
        FieldPanel("body"),
        FieldPanel("templates"),
        FieldPanel("related_methods"),
        *EcosystemTagsMixin.tag_panels,
    ]
    search_fields = [*BODY_PAGE_SEARCH_FIELDS, index.SearchField("purpose"),
                     index.SearchField("materials"), index.FilterField("phase")]
    parent_page_types = ["knowledge.MethodIndexPage"]

    class Meta:
        verbose_name = _("method or tool")
        constraints = [
            # A group size range must not be upside down.
            models.CheckConstraint(
                condition=models.Q(group_size_min__isnull=True)
                | models.Q(group_size_max__isnull=True)
                | models.Q(group_size_min__lte=models.F("group_size_max")),
                name="knowledge_method_group_size_range",
            )
        ]

    def clean(self) -> None:
        super().clean()
        if self.group_size_min and self.group_size_max and self.group_size_min > self.group_size_max:
            raise ValidationError({"group_size_max": _("The largest group is smaller than the smallest.")})

    def search_stems(self) -> str:
        from sihub.search.stemming import stemmed_text

        return stemmed_text(f"{self.title} {self.intro} {self.purpose} {self.body}")


# --- Stories and news ------------------------------------------------------


class StoryKind(models.TextChoices):
    STORY = "story", _("Story")
    NEWS = "news", _("News")


class StoryPageTag(TaggedItemBase):
    content_object = ParentalKey("knowledge.StoryPage", related_name="tagged_items",
                                 on_delete=models.CASCADE)


class StoryIndexPage(FacetedIndexMixin, Page):
    intro = models.TextField(_("introduction"), blank=True)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["knowledge.StoryPage"]
    results_template = "knowledge/story_results.html"
    sort_options = {
        "newest": ("-date", _("Newest first")),
        "oldest": ("date", _("Oldest first")),
        "title": ("title", _("Title A–Ö")),
    }

    class Meta:
        verbose_name = _("stories and news index")

    def listing_model(self) -> Any:
        return StoryPage

    def listing_facets(self) -> list[Facet]:
        return [
            Facet("kind", _("Kind"), "kind", lambda: list(StoryKind.choices)),
            Facet("year", _("Year"), "date__year", _story_years, cast=int),
            *tag_facets(),
        ]


def _story_years() -> list[tuple[int, str]]:
    years = StoryPage.objects.live().dates("date", "year", order="DESC")
    return [(d.year, str(d.year)) for d in years]


class StoryPage(KnowledgePage):
    """A story about social innovation in practice, or a news item."""

    kind = models.CharField(_("kind"), max_length=10, choices=StoryKind.choices,
                            default=StoryKind.STORY, db_index=True)
    author = models.CharField(_("author"), max_length=200, blank=True)
    date = models.DateField(_("date"), db_index=True)
    tags = ClusterTaggableManager(through=StoryPageTag, blank=True, verbose_name=_("tags"))
    # Where the story or news came from (set when an analyst promotes a feed item).
    source_url = models.URLField(_("Source"), max_length=2048, blank=True,
                                 validators=[URLValidator(schemes=["http", "https"])])

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("kind"), FieldPanel("author"), FieldPanel("date"),
                         FieldPanel("source_url")],
                        heading=_("About")),
        FieldPanel("intro", heading=_("Lead")),
        FieldPanel("body"),
        FieldPanel("tags"),
        *EcosystemTagsMixin.tag_panels,
    ]
    search_fields = [*BODY_PAGE_SEARCH_FIELDS, index.SearchField("author"),
                     index.FilterField("kind"), index.FilterField("date")]
    parent_page_types = ["knowledge.StoryIndexPage"]

    class Meta:
        verbose_name = _("story or news item")


# --- Publications ----------------------------------------------------------


class PublicationType(models.TextChoices):
    REPORT = "report", _("Report")
    GUIDE = "guide", _("Guide")
    ARTICLE = "article", _("Article")
    THESIS = "thesis", _("Thesis")


class PublicationLanguage(models.TextChoices):
    SWEDISH = "sv", _("Swedish")
    ENGLISH = "en", _("English")
    OTHER = "other", _("Other")


DOI_RE = r"^10\.\d{4,9}(\.\d+)*/\S+$"


def isbn_is_valid(raw: str) -> bool:
    """ISBN-10 or ISBN-13 with a correct check digit (hyphens and spaces allowed)."""
    digits = re.sub(r"[\s-]", "", raw).upper()
    if re.fullmatch(r"\d{9}[\dX]", digits):
        total = sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(digits))
        return total % 11 == 0
    if re.fullmatch(r"97[89]\d{10}", digits):
        total = sum((1 if i % 2 == 0 else 3) * int(c) for i, c in enumerate(digits))
        return total % 10 == 0
    return False


def validate_isbn(value: str) -> None:
    if value and not isbn_is_valid(value):
        raise ValidationError(_("“%(value)s” is not a valid ISBN."), params={"value": value},
                              code="invalid_isbn")


class PublicationIndexPage(FacetedIndexMixin, Page):
    intro = models.TextField(_("introduction"), blank=True)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["knowledge.PublicationPage"]
    results_template = "knowledge/publication_results.html"
    sort_options = {
        "newest": ("-year", _("Newest first")),
        "oldest": ("year", _("Oldest first")),
        "title": ("title", _("Title A–Ö")),
    }

    class Meta:
        verbose_name = _("publications index")

    def listing_model(self) -> Any:
        return PublicationPage

    def listing_facets(self) -> list[Facet]:
        return [
            Facet("type", _("Type"), "publication_type", lambda: list(PublicationType.choices)),
            Facet("language", _("Language"), "language", lambda: list(PublicationLanguage.choices)),
            Facet("year", _("Year"), "year", _publication_years, cast=int),
            *tag_facets(),
        ]


def _publication_years() -> list[tuple[int, str]]:
    years = (PublicationPage.objects.live().order_by("-year").values_list("year", flat=True)
             .distinct())
    return [(y, str(y)) for y in years]


class PublicationPage(KnowledgePage):
    """A report, guide, article or thesis, with its file or a link to it."""

    authors = models.CharField(_("authors"), max_length=500)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1900), MaxValueValidator(2100)], db_index=True)
    language = models.CharField(_("language"), max_length=5, choices=PublicationLanguage.choices,
                                default=PublicationLanguage.SWEDISH)
    publication_type = models.CharField(_("type"), max_length=10, choices=PublicationType.choices,
                                        default=PublicationType.REPORT, db_index=True)
    document = models.ForeignKey("wagtaildocs.Document", null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+",
                                 verbose_name=_("PDF"))
    external_url = models.URLField(_("external link"), blank=True)
    doi = models.CharField(_("DOI"), max_length=200, blank=True,
                           validators=[RegexValidator(DOI_RE, _("A DOI looks like 10.1234/abc."))])
    isbn = models.CharField(_("ISBN"), max_length=20, blank=True, validators=[validate_isbn])

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([
            FieldPanel("authors"), FieldPanel("publisher"), FieldPanel("year"),
            FieldPanel("language"), FieldPanel("publication_type"),
        ], heading=_("Publication")),
        FieldPanel("intro", heading=_("Abstract")),
        MultiFieldPanel([FieldPanel("document"), FieldPanel("external_url"), FieldPanel("doi"),
                         FieldPanel("isbn")], heading=_("Where to find it")),
        FieldPanel("body"),
        *EcosystemTagsMixin.tag_panels,
    ]
    search_fields = [*BODY_PAGE_SEARCH_FIELDS, index.SearchField("authors"),
                     index.SearchField("publisher"), index.FilterField("year"),
                     index.FilterField("publication_type"), index.FilterField("language")]
    parent_page_types = ["knowledge.PublicationIndexPage"]

    class Meta:
        verbose_name = _("publication")

    def clean(self) -> None:
        super().clean()
        if not self.document_id and not self.external_url:
            raise ValidationError(_("Add the PDF or a link to the publication."))

    @property
    def abstract(self) -> str:
        return self.intro
