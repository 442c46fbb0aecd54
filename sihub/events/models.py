"""Meetings & co-creation: events, registration, matchmaking, feedback.

Events are Wagtail pages (editors write them in both languages; the two
translations share a ``translation_key``). Everything operational — places,
registrations, the waiting list, matchmaking, feedback — hangs off the
event's **canonical page**: the one in the default language (Swedish), or the
page itself when it has no Swedish translation. So the capacity is counted
once, whichever language people sign up in (``EventPage.canonical``).

Writes go through ``services.py`` (registration), ``matchmaking_services.py``
and ``organiser_services.py``; who may read what is decided in
``selectors.py``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Locale, Orderable, Page
from wagtail.search import index

from sihub.core.i18n import localized
from sihub.core.models import BODY_PAGE_SEARCH_FIELDS, BilingualNamed, StemmedSearchMixin
from sihub.sdg.tagging import EcosystemTagsMixin


class EventType(models.TextChoices):
    CONFERENCE = "conference", _("Conference")
    WEBINAR = "webinar", _("Webinar")
    NETWORK_MEETING = "network_meeting", _("Network meeting")
    WORKSHOP = "workshop", _("Workshop")
    SEMINAR = "seminar", _("Seminar")


class EventLanguage(models.TextChoices):
    SWEDISH = "sv", _("Swedish")
    ENGLISH = "en", _("English")
    BOTH = "sv-en", _("Swedish and English")


class EventSeries(BilingualNamed):
    """A recurring meeting place (e.g. a regional network that meets every month)."""

    slug = models.SlugField(unique=True)
    description_sv = models.TextField(_("description (Swedish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    panels = [FieldPanel("name_sv"), FieldPanel("name_en"), FieldPanel("slug"),
              FieldPanel("description_sv"), FieldPanel("description_en")]

    class Meta:
        ordering = ("name_sv",)
        verbose_name = _("event series")
        verbose_name_plural = _("event series")

    @property
    def description(self) -> str:
        return localized(self, "description")


class EventIndexPage(Page):
    """The calendar: upcoming events as a list or a month, filters, the archive."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["events.EventPage"]

    class Meta:
        verbose_name = _("calendar")

    def get_context(self, request, *args, **kwargs):  # type: ignore[no-untyped-def]
        from sihub.events.calendar import calendar_context

        context = super().get_context(request, *args, **kwargs)
        context.update(calendar_context(self, request))
        return context


class EventPage(EcosystemTagsMixin, StemmedSearchMixin, Page):
    """One event: what, when, where, for whom, the programme, and how to sign up."""

    event_type = models.CharField(_("type"), max_length=20, choices=EventType.choices,
                                  db_index=True)
    series = models.ForeignKey(EventSeries, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="events", verbose_name=_("series"))
    start = models.DateTimeField(_("starts"), db_index=True)
    end = models.DateTimeField(_("ends"))
    intro = models.TextField(_("introduction"), blank=True)
    body = RichTextField(_("description"), blank=True)
    # Where: a venue, an online link, or both (a hybrid event).
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    municipality = models.ForeignKey("core.Municipality", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+",
                                     verbose_name=_("municipality of the venue"))
    online_url = models.URLField(_("online meeting link"), max_length=2048, blank=True)
    # Keeps uninvited guests out of a webinar: the public page, feeds, API and
    # JSON-LD say only that the link is sent to participants; their mails, their
    # registration page and their calendar file carry it (``public_online_url``).
    online_url_participants_only = models.BooleanField(
        _("Show the online link to registered participants only"), default=False)
    organisers = ParentalManyToManyField("actors.Actor", blank=True, related_name="+",
                                         verbose_name=_("organisers"))
    language = models.CharField(_("language of the event"), max_length=5,
                                choices=EventLanguage.choices, default=EventLanguage.SWEDISH)
    accessibility_info = models.TextField(
        _("accessibility"), blank=True,
        help_text=_("Step-free access, hearing loop, interpretation, quiet room, captions …"))
    # Registration
    registration_enabled = models.BooleanField(_("registration open on sihub"), default=True)
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, validators=[MinValueValidator(1)],
        help_text=_("Empty means no limit."))
    waiting_list = models.BooleanField(_("waiting list when full"), default=True)
    registration_opens = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes = models.DateTimeField(
        _("registration closes"), null=True, blank=True,
        help_text=_("Empty means when the event starts."))
    matchmaking_enabled = models.BooleanField(_("1:1 matchmaking"), default=False)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel([
            FieldPanel("event_type"), FieldPanel("series"),
            FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
            FieldPanel("language"), FieldPanel("organisers"),
        ], heading=_("The event")),
        FieldPanel("body"),
        MultiFieldPanel([
            FieldPanel("venue_name"), FieldPanel("street_address"),
            FieldRowPanel([FieldPanel("postal_code"), FieldPanel("city")]),
            FieldPanel("municipality"), FieldPanel("online_url"),
            FieldPanel("online_url_participants_only"),
            FieldPanel("accessibility_info"),
        ], heading=_("Where")),
        InlinePanel("sessions", heading=_("Programme"), label=_("session")),
        MultiFieldPanel([
            FieldPanel("registration_enabled"), FieldPanel("capacity"),
            FieldPanel("waiting_list"),
            FieldRowPanel([FieldPanel("registration_opens"), FieldPanel("registration_closes")]),
            FieldPanel("matchmaking_enabled"),
        ], heading=_("Registration")),
        *EcosystemTagsMixin.tag_panels,
    ]
    search_fields = [
        *BODY_PAGE_SEARCH_FIELDS,
        index.SearchField("venue_name"),
        index.SearchField("city"),
        index.FilterField("event_type"),
        index.FilterField("start"),
        index.FilterField("locale_id"),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("An event cannot end before it starts.")
        if (self.registration_opens and self.registration_closes
                and self.registration_closes < self.registration_opens):
            errors["registration_closes"] = _("Registration cannot close before it opens.")
        if errors:
            raise ValidationError(errors)

    @property
    def canonical(self) -> EventPage:
        """The page registrations belong to: the default-language translation, else self."""
        default = Locale.get_default()
        if self.locale_id == default.pk:
            return self
        page = EventPage.objects.filter(translation_key=self.translation_key,
                                        locale=default).first()
        return page or self

    @property
    def is_online(self) -> bool:
        return bool(self.online_url)

    @property
    def public_online_url(self) -> str:
        """The online link as anyone may see it: empty when it is for participants only."""
        return "" if self.online_url_participants_only else self.online_url

    @property
    def online_link_is_private(self) -> bool:
        """There is an online link, and only registered participants are given it."""
        return bool(self.online_url) and self.online_url_participants_only

    @property
    def is_past(self) -> bool:
        return self.end < timezone.now()

    def registration_window_closes(self):  # type: ignore[no-untyped-def]
        return self.registration_closes or self.start

    def get_context(self, request, *args, **kwargs):  # type: ignore[no-untyped-def]
        from sihub.events.calendar import event_context

        context = super().get_context(request, *args, **kwargs)
        context.update(event_context(self, request))
        return context


class EventSession(Orderable):
    """A programme item: a talk, a panel, a workshop round, a break."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="sessions")
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    speakers = models.CharField(_("speakers"), max_length=500, blank=True)
    room = models.CharField(_("room"), max_length=100, blank=True)

    panels = [FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("title"),
              FieldPanel("speakers"), FieldPanel("room"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        return self.title


# --- Registration -------------------------------------------------------------


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Registered")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


ACTIVE_STATUSES = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING)


class Registration(models.Model):
    """One person's sign-up to one event (on the event's canonical page)."""

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="registrations",
                              verbose_name=_("event"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="event_registrations")
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"))
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    actor = models.ForeignKey("actors.Actor", null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="event_registrations",
                              verbose_name=_("organisation in the ecosystem directory"))
    sector = models.ForeignKey("core.Sector", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+", verbose_name=_("sector"))
    dietary_needs = models.CharField(_("dietary needs"), max_length=500, blank=True)
    accessibility_needs = models.CharField(_("accessibility needs"), max_length=500, blank=True)
    language = models.CharField(_("language"), max_length=2, default="sv",
                                choices=settings.LANGUAGES)
    status = models.CharField(_("status"), max_length=10, choices=RegistrationStatus.choices,
                              default=RegistrationStatus.CONFIRMED)
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    status_changed_at = models.DateTimeField(default=timezone.now)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    # Set by the retention job: name, e-mail and needs blanked, sector and
    # attendance kept for statistics.
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("created_at", "pk")
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            # One active sign-up per address and event: a second click or a
            # double submission finds the first (services.registration_create).
            models.UniqueConstraint(
                fields=["event", "email"], condition=Q(status__in=["confirmed", "waiting"]),
                name="events_one_active_registration_per_email"),
        ]
        indexes = [
            # Places taken and the waiting list in order, per event.
            models.Index(fields=["event", "status", "created_at"],
                         name="events_reg_event_status"),
            # Export and erasure by address; the retention job's sweep.
            models.Index(fields=["email"], name="events_reg_email"),
        ]

    def __str__(self) -> str:
        return f"{self.name} — {self.event}"


class ConsentKind(models.TextChoices):
    REGISTRATION = "registration", _("Processing my registration")
    PHOTOS = "photos", _("Photos and film of me at the event")
    SHARE_CONTACT = "share_contact", _("Sharing my name and organisation with other participants")


class RegistrationConsent(models.Model):
    """What the person agreed to (or declined), with the exact text they were shown."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE,
                                     related_name="consents")
    kind = models.CharField(max_length=20, choices=ConsentKind.choices)
    granted = models.BooleanField()
    text = models.TextField()
    text_version = models.CharField(max_length=20)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("registration", "kind")
        constraints = [models.UniqueConstraint(fields=["registration", "kind"],
                                               name="events_one_consent_per_kind")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.granted}"


class ParticipantMessage(models.Model):
    """An e-mail the organisers sent to participants (kept as a record)."""

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="messages")
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    audience = models.CharField(_("to"), max_length=20)
    recipients = models.PositiveIntegerField(default=0)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-sent_at",)

    def __str__(self) -> str:
        return self.subject


class ParticipantMessageRecipient(models.Model):
    """A receipt: the message was (being) mailed to this registration.

    The task claims the row before it sends (``claimed_at``) and stamps
    ``sent_at`` after, so a re-run after a crash skips everyone who already got
    the message, and two runs at once cannot both mail the same person.
    """

    message = models.ForeignKey(ParticipantMessage, on_delete=models.CASCADE,
                                related_name="receipts")
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="+")
    claimed_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("message", "registration")
        constraints = [
            # One receipt per person and message: the claim that makes sending idempotent.
            models.UniqueConstraint(fields=["message", "registration"],
                                    name="events_one_receipt_per_recipient"),
        ]

    def __str__(self) -> str:
        return f"{self.message_id} → {self.registration_id}"


# --- Matchmaking --------------------------------------------------------------


class MatchProfile(models.Model):
    """A person's matchmaking profile: theirs, and carried over to later events."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="match_profile")
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    sector = models.ForeignKey("core.Sector", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("sector"))
    offers = models.TextField(_("what I offer"), blank=True)
    seeks = models.TextField(_("what I am looking for"), blank=True)
    interests = models.TextField(_("interests"), blank=True)
    sdgs = models.ManyToManyField("sdg.Goal", blank=True, related_name="+",
                                  verbose_name=_("global goals"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("matchmaking profile")

    def __str__(self) -> str:
        return str(self.user)


class MatchSlot(models.Model):
    """A time for 1:1 meetings at an event, with a number of tables."""

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="match_slots")
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    tables = models.PositiveSmallIntegerField(_("tables"), default=20,
                                              validators=[MinValueValidator(1)])

    class Meta:
        ordering = ("event", "start")

    def __str__(self) -> str:
        return f"{self.start:%Y-%m-%d %H:%M}"


class MatchParticipant(models.Model):
    """A registered person who opted in to matchmaking at one event."""

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE,
                              related_name="match_participants")
    registration = models.OneToOneField(Registration, on_delete=models.CASCADE,
                                        related_name="match_participant")
    profile = models.ForeignKey(MatchProfile, on_delete=models.CASCADE,
                                related_name="participations")
    available_slots = models.ManyToManyField(MatchSlot, blank=True, related_name="+",
                                             verbose_name=_("available at"))
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("event", "joined_at")
        constraints = [models.UniqueConstraint(fields=["event", "profile"],
                                               name="events_one_participation_per_event")]

    def __str__(self) -> str:
        return f"{self.profile} @ {self.event_id}"


class MatchBlock(models.Model):
    """Two participants who must not be proposed to each other (asked by either, or staff)."""

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="match_blocks")
    first = models.ForeignKey(MatchParticipant, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(MatchParticipant, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["first", "second"],
                                               name="events_one_block_per_pair")]


class MeetingAnswer(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class MatchMeeting(models.Model):
    """A proposed 1:1 meeting in a slot at a table; each side accepts or declines."""

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="match_meetings")
    slot = models.ForeignKey(MatchSlot, on_delete=models.CASCADE, related_name="meetings")
    table = models.PositiveSmallIntegerField(_("table"))
    first = models.ForeignKey(MatchParticipant, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(MatchParticipant, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(default=0)
    # Why the scheduler paired them: [{"kind": "offer_need", "detail": "..."}, ...]
    reasons = models.JSONField(default=list, blank=True)
    first_answer = models.CharField(max_length=10, choices=MeetingAnswer.choices,
                                    default=MeetingAnswer.PROPOSED)
    second_answer = models.CharField(max_length=10, choices=MeetingAnswer.choices,
                                     default=MeetingAnswer.PROPOSED)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("slot__start", "table")
        constraints = [models.UniqueConstraint(fields=["slot", "table"],
                                               name="events_one_meeting_per_table")]

    def __str__(self) -> str:
        return f"{self.slot} #{self.table}"


# --- After the event ----------------------------------------------------------


class Feedback(models.Model):
    """A participant's feedback on an event (one per registration)."""

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="feedback")
    registration = models.OneToOneField(Registration, null=True, blank=True,
                                        on_delete=models.SET_NULL, related_name="feedback")
    rating = models.PositiveSmallIntegerField(
        _("overall"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    useful = models.TextField(_("what was most useful"), blank=True)
    improve = models.TextField(_("what could be better"), blank=True)
    new_contacts = models.PositiveSmallIntegerField(_("new contacts made"), null=True, blank=True)
    would_recommend = models.BooleanField(_("would recommend"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-created_at",)


class EventOutcome(models.Model):
    """What a workshop led to, linked onward to a coalition or an initiative."""

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="outcomes")
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    coalition = models.ForeignKey("coalitions.Coalition", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="event_outcomes",
                                  verbose_name=_("coalition"))
    initiative = models.ForeignKey("impact.Initiative", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="event_outcomes",
                                   verbose_name=_("initiative"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("created_at",)

    def __str__(self) -> str:
        return self.title
