"""Sources the centre follows, the items they publish, and stories (near-duplicate clusters).

Writes go through ``services.py`` (``source_fetch``); these models only
declare fields, constraints and indexes.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SourceKind(models.TextChoices):
    AUTO = "auto", _("Detect automatically")
    RSS = "rss", _("RSS")
    ATOM = "atom", _("Atom")
    JSON = "json", _("JSON Feed")


class SourceLanguage(models.TextChoices):
    SV = "sv", _("Swedish")
    EN = "en", _("English")
    OTHER = "other", _("Other")


class ItemStatus(models.TextChoices):
    NEW = "new", _("New")
    KEPT = "kept", _("Kept")
    DISCARDED = "discarded", _("Discarded")


class Source(models.Model):
    """A feed URL the centre follows, and how its last fetches went."""

    name = models.CharField(_("name"), max_length=200)
    # Unique: one source per feed, so OPML import and re-adding a feed find the
    # existing row instead of fetching (and storing) the same items twice.
    url = models.URLField(_("feed URL"), max_length=2048, unique=True,
                          validators=[URLValidator(schemes=["http", "https"])])
    kind = models.CharField(_("feed type"), max_length=8, choices=SourceKind.choices,
                            default=SourceKind.AUTO)
    language = models.CharField(_("language"), max_length=8, choices=SourceLanguage.choices,
                                default=SourceLanguage.SV)
    themes = models.ManyToManyField("core.Theme", blank=True, related_name="feed_sources",
                                    verbose_name=_("themes"))
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="feed_sources",
                              verbose_name=_("owner"))
    active = models.BooleanField(_("active"), default=True)
    # Conditional GET state; saved in the same transaction as the items it covers.
    etag = models.CharField(_("ETag"), max_length=500, blank=True, editable=False)
    last_modified = models.CharField(_("Last-Modified"), max_length=100, blank=True,
                                     editable=False)
    last_success_at = models.DateTimeField(_("last success"), null=True, blank=True,
                                           editable=False)
    last_error_at = models.DateTimeField(_("last error at"), null=True, blank=True,
                                         editable=False)
    last_error = models.TextField(_("last error"), blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        ordering = ("name",)
        verbose_name = _("feed source")
        verbose_name_plural = _("feed sources")

    def __str__(self) -> str:
        return self.name


class Story(models.Model):
    """Items from one or more sources that report the same thing (near-duplicates)."""

    title = models.CharField(_("title"), max_length=1000)
    # The item that started the cluster; the others joined it later.
    first_item = models.ForeignKey("monitoring.Item", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("first item"))
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        ordering = ("-created_at",)
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    def __str__(self) -> str:
        return self.title


class Item(models.Model):
    """One entry of a feed, cleaned, tagged, and waiting for an analyst's triage."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="items",
                               verbose_name=_("source"))
    guid = models.CharField(_("feed id"), max_length=500)
    link = models.URLField(_("link"), max_length=2048, blank=True)
    canonical_url = models.CharField(_("canonical URL"), max_length=2048, blank=True)
    title = models.CharField(_("title"), max_length=1000, blank=True)
    summary = models.TextField(_("summary"), blank=True)  # plain text
    content_html = models.TextField(_("content"), blank=True)  # sanitised with nh3
    language = models.CharField(_("language"), max_length=8, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    fetched_at = models.DateTimeField(_("fetched"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    content_hash = models.CharField(_("content hash"), max_length=64, editable=False)
    story = models.ForeignKey(Story, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="items", verbose_name=_("story"))
    sdgs = models.ManyToManyField("sdg.Goal", blank=True, related_name="feed_items",
                                  verbose_name=_("SDGs"))
    actors = models.ManyToManyField("actors.Actor", blank=True, related_name="feed_mentions",
                                    verbose_name=_("actors mentioned"))
    # The source's themes plus those the text names (``themes.py``).
    themes = models.ManyToManyField("core.Theme", blank=True, related_name="feed_items",
                                    verbose_name=_("themes"))
    # The draft page (news, story or good example) an analyst made of the item.
    promoted_page = models.ForeignKey("wagtailcore.Page", null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="+",
                                      verbose_name=_("promoted to"))
    promoted_at = models.DateTimeField(_("promoted"), null=True, blank=True)
    # Triage by an analyst.
    status = models.CharField(_("status"), max_length=10, choices=ItemStatus.choices,
                              default=ItemStatus.NEW)
    starred = models.BooleanField(_("starred"), default=False)
    note = models.TextField(_("note"), blank=True)
    relevance = models.FloatField(_("relevance"), default=0.0)

    class Meta:
        ordering = ("-relevance", "-published_at")
        verbose_name = _("feed item")
        verbose_name_plural = _("feed items")
        constraints = [
            # Idempotent ingestion: fetching a feed again (or after a crash)
            # can never store the same entry of a source twice.
            models.UniqueConstraint(fields=("source", "guid"),
                                    name="monitoring_item_unique_source_guid"),
        ]
        indexes = [
            # Cross-source deduplication looks items up by canonical URL.
            models.Index(fields=("canonical_url",), name="monitoring_item_canonical"),
            # Title-similarity deduplication reads the items of a ±3 day window.
            models.Index(fields=("published_at",), name="monitoring_item_published"),
            # The triage inbox: one status, most relevant first.
            models.Index(fields=("status", "-relevance"), name="monitoring_item_inbox"),
        ]

    def __str__(self) -> str:
        return self.title or self.link or self.guid


# --- Digests: kept items, composed into a weekly letter -----------------------------------


class DigestStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class Digest(models.Model):
    """One edition of the digest, in one language: an archive page, an RSS entry, an e-mail."""

    title = models.CharField(_("title"), max_length=200)
    language = models.CharField(_("language"), max_length=8,
                                choices=[("sv", _("Swedish")), ("en", _("English"))],
                                default="sv")
    intro = models.TextField(_("introduction"), blank=True)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    status = models.CharField(_("status"), max_length=10, choices=DigestStatus.choices,
                              default=DigestStatus.DRAFT)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # Set when every confirmed subscriber of the language has been sent the e-mail.
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        ordering = ("-published_at", "-created_at")
        verbose_name = _("digest")
        verbose_name_plural = _("digests")
        indexes = [
            # The public archive and the RSS feed: published digests of one language, newest first.
            models.Index(fields=("status", "language", "-published_at"),
                         name="monitoring_digest_archive"),
        ]

    def __str__(self) -> str:
        return self.title


class DigestEntry(models.Model):
    """An item in a digest, copied when added, so the edition never changes under readers."""

    digest = models.ForeignKey(Digest, on_delete=models.CASCADE, related_name="entries",
                               verbose_name=_("digest"))
    item = models.ForeignKey(Item, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="digest_entries", verbose_name=_("feed item"))
    position = models.PositiveIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=1000)
    link = models.URLField(_("link"), max_length=2048)
    source_name = models.CharField(_("source"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), blank=True)  # plain text, the editor's blurb

    class Meta:
        ordering = ("position", "pk")
        verbose_name = _("digest entry")
        verbose_name_plural = _("digest entries")
        constraints = [
            # An item appears once per edition (adding it twice is a no-op).
            models.UniqueConstraint(fields=("digest", "item"),
                                    name="monitoring_digestentry_unique_item"),
        ]

    def __str__(self) -> str:
        return self.title


class Subscriber(models.Model):
    """Someone who asked for the digest by e-mail; counts only once confirmed (double opt-in)."""

    email = models.EmailField(_("e-mail address"), unique=True)  # stored lower-case
    language = models.CharField(_("language"), max_length=8,
                                choices=[("sv", _("Swedish")), ("en", _("English"))],
                                default="sv")
    created_at = models.DateTimeField(_("subscribed"), default=timezone.now, editable=False)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    # The consent the person gave, word for word, and its version.
    consent_text = models.TextField(_("consent text"))
    consent_version = models.CharField(_("consent version"), max_length=20)

    class Meta:
        ordering = ("email",)
        verbose_name = _("digest subscriber")
        verbose_name_plural = _("digest subscribers")
        indexes = [
            # Sending: confirmed subscribers of one language.
            models.Index(fields=("language", "confirmed_at"), name="monitoring_subscriber_send"),
        ]

    def __str__(self) -> str:
        return self.email


class DigestDelivery(models.Model):
    """One e-mail of one digest to one subscriber: sending again skips those already sent."""

    digest = models.ForeignKey(Digest, on_delete=models.CASCADE, related_name="deliveries",
                               verbose_name=_("digest"))
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE,
                                   related_name="deliveries", verbose_name=_("subscriber"))
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("digest delivery")
        verbose_name_plural = _("digest deliveries")
        constraints = [
            # A resumed or repeated send never mails anyone twice.
            models.UniqueConstraint(fields=("digest", "subscriber"),
                                    name="monitoring_digestdelivery_unique"),
        ]
