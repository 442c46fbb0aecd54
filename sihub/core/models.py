from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from sihub.core import blocks
from sihub.core.i18n import localized
from sihub.search.stemming import stemmed_text

# ---------------------------------------------------------------------------
# Accounts


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username: str | None) -> User:
        # E-mail addresses are stored lower-case; log-ins match regardless of case.
        return self.get(email__iexact=username or "")


class User(AbstractUser):
    """A person who logs in, by e-mail address. Roles are groups (see roles.py)."""

    username = None  # type: ignore[assignment]
    email = models.EmailField(_("e-mail address"), unique=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=settings.LANGUAGES, default="sv"
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects = UserManager()  # type: ignore[misc]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.email


# ---------------------------------------------------------------------------
# Audit log


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> int:
        raise AuditLogIsAppendOnly("The audit log cannot be updated")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AuditLogIsAppendOnly("The audit log cannot be deleted from")


class AuditLogIsAppendOnly(Exception):
    pass


class AuditEntry(models.Model):
    """One change that matters, written by the service that made it.

    Append-only: the ORM refuses updates and deletes, and database triggers
    (migration 0002) refuse them for raw SQL too. The actor is kept as a plain
    id and a label so erasing a user never has to rewrite history.
    """

    created_at = models.DateTimeField(default=timezone.now, editable=False, db_index=True)
    actor_id = models.BigIntegerField(null=True, blank=True)
    actor_label = models.CharField(max_length=254, blank=True)
    action = models.CharField(max_length=64)
    target_type = models.CharField(max_length=100, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    target_label = models.CharField(max_length=255, blank=True)
    data = models.JSONField(default=dict, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ("-created_at", "-id")
        indexes = [
            # "What happened to this object?" on an object's history view.
            models.Index(fields=["target_type", "target_id"]),
            # "What did this person do?" for GDPR export and reviews.
            models.Index(fields=["actor_id", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action}"

    @property
    def actor_display(self) -> str:
        """Who acted, looked up now: an erased person shows as a number only."""
        if self.actor_id is None:
            return self.actor_label
        user = User.objects.filter(pk=self.actor_id).first()
        return str(user) if user else f"#{self.actor_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AuditLogIsAppendOnly("The audit log cannot be updated")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AuditLogIsAppendOnly("The audit log cannot be deleted from")


# ---------------------------------------------------------------------------
# Taxonomies (data, loaded by migration 0003 from core/data/)


class BilingualNamed(models.Model):
    name_sv = models.CharField(_("name (Swedish)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)

    class Meta:
        abstract = True

    @property
    def name(self) -> str:
        return localized(self, "name")

    def __str__(self) -> str:
        return self.name


class Sector(BilingualNamed):
    """Societal sector of an actor: public, private, academia, civil society, social economy."""

    slug = models.SlugField(unique=True)
    description_sv = models.TextField(blank=True)
    description_en = models.TextField(blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("sort_order",)
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")

    @property
    def description(self) -> str:
        return localized(self, "description")


class Theme(BilingualNamed):
    """A small controlled vocabulary of social-innovation themes."""

    slug = models.SlugField(unique=True)

    class Meta:
        ordering = ("name_sv",)
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class County(BilingualNamed):
    """One of Sweden's 21 counties (län), with its official two-digit code."""

    code = models.CharField(
        max_length=2, unique=True, validators=[RegexValidator(r"^\d{2}$")]
    )
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ("code",)
        verbose_name = _("county")
        verbose_name_plural = _("counties")


class Municipality(models.Model):
    """One of Sweden's 290 municipalities (kommuner), with its official four-digit code."""

    code = models.CharField(
        max_length=4, unique=True, validators=[RegexValidator(r"^\d{4}$")]
    )
    name = models.CharField(_("name"), max_length=100)
    county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="municipalities")
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ("name",)
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name


# ---------------------------------------------------------------------------
# Wagtail pages


class StemmedSearchMixin:
    """Adds a search field of Swedish and English word stems (see search/stemming.py)."""

    def search_stems(self) -> str:
        parts = [str(getattr(self, "title", ""))]
        for name in ("intro", "body"):
            value = getattr(self, name, None)
            if value is not None:
                parts.append(str(value))
        return stemmed_text(" ".join(parts))


# Pages with an intro and a StreamField body search the same way.
BODY_PAGE_SEARCH_FIELDS = [
    *Page.search_fields,
    index.SearchField("intro"),
    index.SearchField("body"),
    index.SearchField("search_stems"),
]


class HomePage(StemmedSearchMixin, Page):
    """The site's root page; one per language (a translation of the Swedish one)."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    body = StreamField(blocks.BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = BODY_PAGE_SEARCH_FIELDS
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = None

    class Meta:
        verbose_name = _("home page")


class ContentPage(StemmedSearchMixin, Page):
    """A general page: the landing page of an area of work, 'about', accessibility statement…"""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(blocks.BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = BODY_PAGE_SEARCH_FIELDS

    CHILDREN_PER_PAGE = 24

    class Meta:
        verbose_name = _("content page")

    def get_context(self, request: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from django.core.paginator import Paginator

        context = super().get_context(request, *args, **kwargs)
        children = self.get_children().live().public().only("id", "title", "url_path", "path")
        context["children"] = Paginator(children.order_by("path"), self.CHILDREN_PER_PAGE).get_page(
            request.GET.get("page")
        )
        return context


# ---------------------------------------------------------------------------
# Periodic jobs (core/scheduler.py)


class ScheduledJob(models.Model):
    """When a periodic job of ``core/scheduler.py`` was last enqueued; one row per job.

    A scheduler claims a due job by moving ``last_run_at`` with one conditional
    UPDATE, so two schedulers running at once never enqueue it twice.
    """

    # Unique: the claim (UPDATE … WHERE name = … AND last_run_at is old) finds one row.
    name = models.CharField(_("name"), max_length=100, unique=True)
    last_run_at = models.DateTimeField(_("last run"), null=True, blank=True)

    class Meta:
        ordering = ("name",)
        verbose_name = _("scheduled job")
        verbose_name_plural = _("scheduled jobs")

    def __str__(self) -> str:
        return self.name
