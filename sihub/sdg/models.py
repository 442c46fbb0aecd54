from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
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
