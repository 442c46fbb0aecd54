from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from sihub.core.i18n import localized
from sihub.sdg.colors import text_color_on
from sihub.search.stemming import stemmed_text


class Goal(index.Indexed, models.Model):
    """One of the 17 Sustainable Development Goals (reference data, migration 0002)."""

    number = models.PositiveSmallIntegerField(
        unique=True, validators=[MinValueValidator(1), MaxValueValidator(17)]
    )
    color = models.CharField(max_length=7, validators=[RegexValidator(r"^#[0-9A-Fa-f]{6}$")])
    title_en = models.CharField(max_length=100)
    title_sv = models.CharField(max_length=100)
    text_en = models.TextField()
    text_sv = models.TextField()

    search_fields = [
        index.SearchField("title_sv"),
        index.SearchField("title_en"),
        index.SearchField("text_sv"),
        index.SearchField("text_en"),
        index.SearchField("search_stems"),
        index.FilterField("number"),
    ]

    class Meta:
        ordering = ("number",)
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def text(self) -> str:
        return localized(self, "text")

    @property
    def text_color(self) -> str:
        return text_color_on(self.color)

    def get_absolute_url(self) -> str:
        return reverse("sdg:goal", kwargs={"number": self.number})

    def search_stems(self) -> str:
        return stemmed_text(" ".join((self.title_sv, self.title_en, self.text_sv, self.text_en)))


class Target(index.Indexed, models.Model):
    """One of the 169 targets, numbered like the UN does: 8.5, 1.a."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="targets")
    code = models.CharField(
        max_length=6, unique=True, validators=[RegexValidator(r"^\d{1,2}\.(\d{1,2}|[a-z])$")]
    )
    # UN order within a goal: numeric targets, then lettered ones.
    sort_order = models.PositiveSmallIntegerField()
    text_en = models.TextField()
    text_sv = models.TextField()

    search_fields = [
        index.SearchField("code"),
        index.SearchField("text_sv"),
        index.SearchField("text_en"),
        index.SearchField("search_stems"),
        index.FilterField("goal_id"),
    ]

    class Meta:
        ordering = ("goal__number", "sort_order")
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            # A goal lists its targets in one unambiguous order.
            models.UniqueConstraint(fields=["goal", "sort_order"], name="sdg_target_order"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.text[:80]}"

    @property
    def text(self) -> str:
        return localized(self, "text")

    def get_absolute_url(self) -> str:
        return reverse("sdg:goal", kwargs={"number": self.goal.number}) + f"#target-{self.code}"

    def search_stems(self) -> str:
        return stemmed_text(f"{self.text_sv} {self.text_en}")


# --- Classifier suggestions and where each goal on an object came from ----------------
#
# Both point at any taggable object (see sdg/suggestions.py) through a content
# type and an id; the services in suggestions.py are the only writers.


class SuggestionStatus(models.TextChoices):
    PENDING = "pending", _("pending")
    ACCEPTED = "accepted", _("accepted")
    REJECTED = "rejected", _("rejected")


class TagSource(models.TextChoices):
    MANUAL = "manual", _("added by hand")
    SUGGESTED = "suggested", _("accepted suggestion")
    AUTOMATIC = "automatic", _("added automatically")


class SDGSuggestion(models.Model):
    """A goal the classifier suggests for an object, and the editor's decision on it.

    Rejected rows are kept so the same classifier does not suggest the goal again.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="suggestions",
                             verbose_name=_("goal"))
    score = models.FloatField(_("score"), validators=[MinValueValidator(0), MaxValueValidator(1)])
    targets = models.JSONField(_("targets"), default=list, blank=True,
                               help_text=_("Codes of the likely targets, e.g. 8.5."))
    evidence = models.JSONField(_("evidence"), default=list, blank=True,
                                help_text=_("Phrases or targets that drove the suggestion."))
    classifier_version = models.CharField(_("classifier version"), max_length=64)
    status = models.CharField(_("status"), max_length=10, choices=SuggestionStatus.choices,
                              default=SuggestionStatus.PENDING)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("decided by"))

    class Meta:
        verbose_name = _("goal suggestion")
        verbose_name_plural = _("goal suggestions")
        ordering = ("-score", "goal__number")
        constraints = [
            # One suggestion (and decision) per goal and object; its index also
            # serves "the suggestions for this object" in the editor's panel.
            models.UniqueConstraint(fields=["content_type", "object_id", "goal"],
                                    name="sdg_suggestion_one_per_goal"),
            models.CheckConstraint(condition=models.Q(score__gte=0) & models.Q(score__lte=1),
                                   name="sdg_suggestion_score_0_1"),
        ]

    def __str__(self) -> str:
        return f"{self.goal_id} {self.status} ({self.score:.2f})"


class SDGTagProvenance(models.Model):
    """Where one goal currently on an object came from: by hand, a suggestion, or automatically."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="provenance",
                             verbose_name=_("goal"))
    source = models.CharField(_("source"), max_length=10, choices=TagSource.choices)
    # Blank for goals added by hand.
    classifier_version = models.CharField(_("classifier version"), max_length=64, blank=True)
    score = models.FloatField(_("score"), null=True, blank=True,
                              validators=[MinValueValidator(0), MaxValueValidator(1)])
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+",
                                 verbose_name=_("added by"))
    added_at = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        verbose_name = _("goal provenance")
        verbose_name_plural = _("goal provenance")
        ordering = ("goal__number",)
        constraints = [
            # One row per goal on the object; the index serves provenance_for(obj).
            models.UniqueConstraint(fields=["content_type", "object_id", "goal"],
                                    name="sdg_provenance_one_per_goal"),
        ]

    def __str__(self) -> str:
        return f"{self.goal_id} {self.source}"
