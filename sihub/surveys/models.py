"""Surveys: questionnaires (versioned, frozen once published), rounds, invitations, responses.

A **questionnaire** is one version of a family (``family`` + ``version``);
its sections and questions are a StreamField (``blocks.py``) read through
``schema.parse``. Publishing freezes it: its body, texts and consent text can
no longer change (``Questionnaire.clean`` and ``save`` refuse), and changes are
made in a new draft version (``services.questionnaire_new_version``).

A **round** collects answers to one published version over a period (the
2025 monitor, the 2026 monitor …) by a public link, by personal invitations,
or both. Rounds of the same family can be compared question by question
(questions keep their codes across versions).

A **response** keeps its answers as one JSON dict ``{question code: value}``
(formats in ``schema.py``); it is saved section by section and can be resumed
with a secret link until it is submitted. In an anonymous round a response
never holds who answered: no account, no actor, no invitation (the
invitation only records that it was used).

Writes go through ``services.py``; who may read what is in ``selectors.py``.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from sihub.core.i18n import localized
from sihub.surveys import schema as schema_module
from sihub.surveys.blocks import QuestionnaireBody


def new_key() -> str:
    return secrets.token_urlsafe(18)


class QuestionnaireStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    RETIRED = "retired", _("Retired")


# Fields a published questionnaire may no longer change.
FROZEN_FIELDS = ("family", "version", "title_sv", "title_en", "intro_sv", "intro_en",
                 "consent_text_sv", "consent_text_en")


class Questionnaire(models.Model):
    family = models.SlugField(
        _("family"), max_length=60,
        help_text=_("What the versions have in common, e.g. social-enterprise-monitor."))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    title_sv = models.CharField(_("title (Swedish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    intro_sv = models.TextField(_("introduction (Swedish)"), blank=True)
    intro_en = models.TextField(_("introduction (English)"), blank=True)
    consent_text_sv = models.TextField(
        _("consent text (Swedish)"),
        help_text=_("What respondents agree to before they answer; recorded with each response."))
    consent_text_en = models.TextField(_("consent text (English)"))
    body = StreamField(QuestionnaireBody(), blank=True, verbose_name=_("sections and questions"))
    status = models.CharField(_("status"), max_length=10, choices=QuestionnaireStatus.choices,
                              default=QuestionnaireStatus.DRAFT, db_index=True)
    based_on = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", verbose_name=_("based on"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("family"), FieldPanel("version", read_only=True)]),
        FieldRowPanel([FieldPanel("title_sv"), FieldPanel("title_en")]),
        FieldRowPanel([FieldPanel("intro_sv"), FieldPanel("intro_en")]),
        FieldRowPanel([FieldPanel("consent_text_sv"), FieldPanel("consent_text_en")]),
        FieldPanel("body"),
    ]

    class Meta:
        ordering = ("family", "-version")
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        constraints = [models.UniqueConstraint(fields=["family", "version"],
                                               name="surveys_one_version_number_per_family")]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def intro(self) -> str:
        return localized(self, "intro")

    @property
    def consent_text(self) -> str:
        return localized(self, "consent_text")

    @property
    def is_frozen(self) -> bool:
        return self.status != QuestionnaireStatus.DRAFT

    @property
    def schema(self) -> schema_module.Schema:
        cached = getattr(self, "_schema", None)
        if cached is None or cached[0] is not self.body:
            cached = (self.body, schema_module.parse(self.body.raw_data))
            self._schema = cached
        return cached[1]

    def _stored(self) -> Questionnaire | None:
        if self.pk is None:
            return None
        return type(self).objects.filter(pk=self.pk).first()

    def frozen_changes(self) -> list[str]:
        """The frozen fields this unsaved state would change on a published questionnaire."""
        stored = self._stored()
        if stored is None or not stored.is_frozen:
            return []
        changed = [name for name in FROZEN_FIELDS if getattr(self, name) != getattr(stored, name)]
        if list(self.body.raw_data) != list(stored.body.raw_data):
            changed.append("body")
        return changed

    def clean(self) -> None:
        super().clean()
        if self.frozen_changes():
            raise ValidationError(_("This questionnaire is published: its questions and texts "
                                    "are frozen. Make a new version to change them."))

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        changed = self.frozen_changes()
        if changed:
            raise ValidationError(_("A published questionnaire cannot change (%(fields)s).")
                                  % {"fields": ", ".join(changed)})
        super().save(*args, **kwargs)


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("Not open yet")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class SurveyRound(models.Model):
    """One collection of answers to a published questionnaire (e.g. the 2026 monitor)."""

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.PROTECT,
                                      related_name="rounds", verbose_name=_("questionnaire"))
    title_sv = models.CharField(_("title (Swedish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    slug = models.SlugField(_("short name"), unique=True, max_length=80)
    status = models.CharField(_("status"), max_length=10, choices=RoundStatus.choices,
                              default=RoundStatus.DRAFT, db_index=True)
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    # When the status last became "closed" (set by save); retention counts from here.
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    anonymous = models.BooleanField(
        _("anonymous"), default=True,
        help_text=_("Responses keep no account, organisation or invitation: nobody can see who "
                    "answered what."))
    public_link = models.BooleanField(
        _("open to anyone with the link"), default=True,
        help_text=_("Otherwise only people with a personal invitation can answer."))
    public_key = models.CharField(max_length=40, unique=True, default=new_key, editable=False)
    results_public = models.BooleanField(
        _("aggregate results are public"), default=False,
        help_text=_("Counts and percentages (never single answers) in the API and on report "
                    "pages."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name = _("survey round")
        verbose_name_plural = _("survey rounds")

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return localized(self, "title")

    def clean(self) -> None:
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The round must close after it opens.")})
        if self.questionnaire_id and self.questionnaire.status != QuestionnaireStatus.PUBLISHED:
            raise ValidationError({"questionnaire": _("Only a published questionnaire can be "
                                                      "used in a round.")})

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self.status == RoundStatus.CLOSED and self.closed_at is None:
            self.closed_at = timezone.now()
        elif self.status != RoundStatus.CLOSED:
            self.closed_at = None
        fields = kwargs.get("update_fields")
        if fields is not None and "status" in fields:
            kwargs["update_fields"] = {*fields, "closed_at"}
        super().save(*args, **kwargs)

    def is_accepting(self, now=None) -> bool:  # type: ignore[no-untyped-def]
        """Whether answers may be given and submitted now."""
        now = now or timezone.now()
        if self.status != RoundStatus.OPEN:
            return False
        if self.opens_at and now < self.opens_at:
            return False
        return not (self.closes_at and now >= self.closes_at)


class Invitation(models.Model):
    """A personal link to answer a round, sent to one address (optionally for one actor)."""

    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email"))
    name = models.CharField(_("name"), max_length=200, blank=True)
    actor = models.ForeignKey("actors.Actor", null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="survey_invitations",
                              verbose_name=_("organisation in the ecosystem directory"))
    language = models.CharField(_("language"), max_length=2, default="sv",
                                choices=settings.LANGUAGES)
    # Only a digest of the secret: the link itself is in the e-mail alone.
    token_digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("created_at", "pk")
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [models.UniqueConstraint(fields=["round", "email"],
                                               name="surveys_one_invitation_per_address")]


class ResponseStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    SUBMITTED = "submitted", _("Submitted")


class SurveyResponse(models.Model):
    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="responses")
    status = models.CharField(_("status"), max_length=12, choices=ResponseStatus.choices,
                              default=ResponseStatus.IN_PROGRESS, db_index=True)
    answers = models.JSONField(default=dict, blank=True)
    language = models.CharField(_("language"), max_length=2, default="sv",
                                choices=settings.LANGUAGES)
    # Who answered — never set in an anonymous round.
    invitation = models.OneToOneField(Invitation, null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="response")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="survey_responses")
    actor = models.ForeignKey("actors.Actor", null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="survey_responses",
                              verbose_name=_("organisation in the ecosystem directory"))
    # The secret resume link (digest only; the link is shown once and may be mailed).
    resume_digest = models.CharField(max_length=64, unique=True)
    # Keyed digest of the client (address and browser) for spotting repeated
    # submissions on a public link; blanked when the round closes (retention).
    client_digest = models.CharField(max_length=64, blank=True, db_index=True)
    consent_text = models.TextField(blank=True)
    consent_given_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # Why it may not count ("duplicate", "same_browser", "too_fast"; services_respond.py);
    # analysts decide (``excluded``).
    flag = models.CharField(_("flag"), max_length=20, blank=True)
    excluded = models.BooleanField(_("left out of the results"), default=False)
    # Global goals suggested for free-text answers: {question code: [goal numbers]}.
    text_sdgs = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ("-started_at", "-pk")
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        constraints = [
            # One response per account and round (anonymous rounds keep no account).
            models.UniqueConstraint(fields=["round", "user"], condition=Q(user__isnull=False),
                                    name="surveys_one_response_per_account"),
        ]
        indexes = [models.Index(fields=["round", "status", "excluded"],
                                name="surveys_response_counted")]

    @property
    def is_submitted(self) -> bool:
        return self.status == ResponseStatus.SUBMITTED


class MonitorReportPage(Page):
    """A public report built from a survey round: key figures, charts and the editors' text.

    The figures come from the round's aggregates (``stats.py``, with small
    groups hidden); the page holds only which questions to show and the text.
    """

    round = models.ForeignKey(SurveyRound, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("survey round"))
    compare_with = models.ForeignKey(
        SurveyRound, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("compare with round"),
        help_text=_("An earlier round of the same questionnaire, shown beside this one."))
    intro = models.TextField(_("introduction"), blank=True)
    body = RichTextField(_("editorial text"), blank=True,
                         features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])
    key_questions = models.CharField(
        _("key figures"), max_length=500, blank=True,
        help_text=_("Codes of the questions to show as key figures, separated by commas."))
    chart_questions = models.CharField(
        _("charts"), max_length=1000, blank=True,
        help_text=_("Codes of the questions to show as charts, separated by commas; empty "
                    "shows every choice question."))
    breakdown = models.CharField(
        _("break down by"), max_length=10, blank=True, choices=schema_module.DIMENSIONS,
        help_text=_("Show the charts by sector, region or size as well."))

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("round"), FieldPanel("compare_with")],
                        heading=_("Survey")),
        FieldPanel("intro"), FieldPanel("body"),
        MultiFieldPanel([FieldPanel("key_questions"), FieldPanel("chart_questions"),
                         FieldPanel("breakdown")], heading=_("Figures")),
    ]

    class Meta:
        verbose_name = _("monitor report")

    def get_context(self, request, *args, **kwargs):  # type: ignore[no-untyped-def]
        from sihub.surveys.report import report_context

        context = super().get_context(request, *args, **kwargs)
        context.update(report_context(self, request))
        return context

    @staticmethod
    def codes(value: str) -> list[str]:
        return [c.strip() for c in value.split(",") if c.strip()]
