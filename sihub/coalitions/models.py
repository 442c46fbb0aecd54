"""The Coalition Model: cross-sector coalitions formed around a societal challenge.

A coalition carries a challenge from a first idea to joint action through
phases; its members are ecosystem actors, each with a contact person; they
commit resources, meet and decide. Writes go through the services; who may
read and change what is decided in ``selectors.py``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sihub.core.i18n import localized


class Phase(models.TextChoices):
    """The Coalition Model's phases, in order."""

    INITIATE = "initiate", _("Initiate")
    EXPLORE = "explore", _("Explore")
    FORM = "form", _("Form")
    CO_CREATE = "co_create", _("Co-create")
    ACT = "act", _("Act")
    EVALUATE_SCALE = "evaluate_scale", _("Evaluate and scale")


PHASE_ORDER: tuple[str, ...] = tuple(Phase.values)


class MemberRole(models.TextChoices):
    INITIATOR = "initiator", _("Initiator")
    CORE = "core", _("Core member")
    PARTNER = "partner", _("Partner")
    FUNDER = "funder", _("Funder")
    EXPERT = "expert", _("Expert")


class MemberStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    ACTIVE = "active", _("Member")
    DECLINED = "declined", _("Declined")
    LEFT = "left", _("Left")


class CommitmentKind(models.TextChoices):
    TIME = "time", _("Time")
    MONEY = "money", _("Money")
    DATA = "data", _("Data")
    PREMISES = "premises", _("Premises")
    PILOT = "pilot", _("Pilot")
    OTHER = "other", _("Other")


class CommitmentStatus(models.TextChoices):
    PROMISED = "promised", _("Promised")
    IN_PROGRESS = "in_progress", _("In progress")
    DELIVERED = "delivered", _("Delivered")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_COMMITMENT_STATUSES = (CommitmentStatus.PROMISED, CommitmentStatus.IN_PROGRESS)


class Coalition(models.Model):
    """A coalition around one societal challenge."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    challenge = models.TextField(_("societal challenge"),
                                 help_text=_("The challenge the coalition forms around."))
    vision = models.TextField(_("vision"), blank=True)
    goals = models.TextField(_("goals"), blank=True)
    sdgs = models.ManyToManyField("sdg.Goal", blank=True, related_name="coalitions",
                                  verbose_name=_("SDGs"))
    targets = models.ManyToManyField("sdg.Target", blank=True, related_name="coalitions",
                                     verbose_name=_("targets"))
    counties = models.ManyToManyField("core.County", blank=True, related_name="coalitions",
                                      verbose_name=_("counties"))
    municipalities = models.ManyToManyField("core.Municipality", blank=True,
                                            related_name="coalitions",
                                            verbose_name=_("municipalities"))
    # What the coalition is looking for in new members (actors.OfferingKind values).
    needed_offering_kinds = models.JSONField(_("offerings needed"), default=list, blank=True)
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices,
                             default=Phase.INITIATE)
    is_public = models.BooleanField(_("published"), default=False,
                                    help_text=_("Show the coalition's public page to everyone."))
    public_summary_sv = models.TextField(_("public summary (Swedish)"), blank=True)
    public_summary_en = models.TextField(_("public summary (English)"), blank=True)
    results = models.TextField(_("results so far"), blank=True)
    theory_of_change = models.OneToOneField("impact.TheoryOfChange", null=True, blank=True,
                                            on_delete=models.SET_NULL, related_name="coalition",
                                            verbose_name=_("theory of change"))
    initiatives = models.ManyToManyField("impact.Initiative", blank=True,
                                         related_name="coalitions",
                                         verbose_name=_("linked initiatives"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now, editable=False)

    class Meta:
        ordering = ("title",)
        verbose_name = _("coalition")
        verbose_name_plural = _("coalitions")
        indexes = [
            # The public list: published coalitions by phase.
            models.Index(fields=("is_public", "phase"), name="coalitions_public_phase"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def public_summary(self) -> str:
        return localized(self, "public_summary")

    @property
    def phase_index(self) -> int:
        return PHASE_ORDER.index(self.phase)


class PhaseChange(models.Model):
    """One move between phases, dated, with the decision behind it (the history)."""

    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE,
                                  related_name="phase_changes", verbose_name=_("coalition"))
    from_phase = models.CharField(_("from phase"), max_length=20, choices=Phase.choices,
                                  blank=True)  # blank: the coalition was created
    to_phase = models.CharField(_("to phase"), max_length=20, choices=Phase.choices)
    decided_on = models.DateField(_("decided on"), default=timezone.localdate)
    decision = models.TextField(_("decision"),
                                help_text=_("What was decided, by whom, and why."))
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("changed by"))
    created_at = models.DateTimeField(_("recorded"), default=timezone.now, editable=False)

    class Meta:
        ordering = ("decided_on", "created_at", "pk")
        verbose_name = _("phase change")
        verbose_name_plural = _("phase changes")
        constraints = [
            # A change changes something.
            models.CheckConstraint(condition=~Q(from_phase=models.F("to_phase")),
                                   name="coalitions_phasechange_moves"),
        ]

    def __str__(self) -> str:
        return f"{self.coalition}: {self.from_phase or '–'} → {self.to_phase}"


class CoalitionMember(models.Model):
    """An ecosystem actor in a coalition, with its role and contact person.

    The contact person is invited by e-mail; once they accept with an account,
    ``contact`` points at it and gives them the members' workspace.
    """

    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="members",
                                  verbose_name=_("coalition"))
    actor = models.ForeignKey("actors.Actor", on_delete=models.PROTECT,
                              related_name="coalition_memberships", verbose_name=_("actor"))
    role = models.CharField(_("role"), max_length=12, choices=MemberRole.choices,
                            default=MemberRole.PARTNER)
    status = models.CharField(_("status"), max_length=10, choices=MemberStatus.choices,
                              default=MemberStatus.INVITED)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="coalition_memberships",
                                verbose_name=_("contact account"))
    invited_at = models.DateTimeField(_("invited"), null=True, blank=True)
    responded_at = models.DateTimeField(_("responded"), null=True, blank=True)
    created_at = models.DateTimeField(_("added"), default=timezone.now, editable=False)

    class Meta:
        ordering = ("coalition", "actor__name")
        verbose_name = _("coalition member")
        verbose_name_plural = _("coalition members")
        constraints = [
            # An organisation is in a coalition once (its role can change).
            models.UniqueConstraint(fields=("coalition", "actor"),
                                    name="coalitions_member_unique_actor"),
        ]
        indexes = [
            # "My coalitions" and the workspace access check: by contact account.
            models.Index(fields=("contact", "status"), name="coalitions_member_contact"),
        ]

    def __str__(self) -> str:
        return f"{self.actor} ({self.get_role_display()})"


class Commitment(models.Model):
    """What a member commits to the coalition, by when."""

    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE,
                                  related_name="commitments", verbose_name=_("coalition"))
    member = models.ForeignKey(CoalitionMember, on_delete=models.CASCADE,
                               related_name="commitments", verbose_name=_("member"))
    kind = models.CharField(_("kind"), max_length=10, choices=CommitmentKind.choices)
    description = models.TextField(_("what"))
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2, null=True,
                                 blank=True)
    unit = models.CharField(_("unit"), max_length=40, blank=True,
                            help_text=_("E.g. SEK, hours, days."))
    due_on = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=CommitmentStatus.choices,
                              default=CommitmentStatus.PROMISED)
    # Set when the overdue reminder went out, so it goes out once per due date.
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now, editable=False)

    class Meta:
        ordering = ("due_on", "pk")
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        constraints = [
            models.CheckConstraint(condition=Q(amount__isnull=True) | Q(amount__gte=0),
                                   name="coalitions_commitment_amount_not_negative"),
        ]
        indexes = [
            # The daily overdue run: open commitments past their date, not yet reminded.
            models.Index(fields=("status", "due_on"), name="coalitions_commitment_due"),
        ]

    def __str__(self) -> str:
        return self.description[:80]


class Meeting(models.Model):
    """A coalition meeting: agenda before, notes after; may be an event in the calendar."""

    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="meetings",
                                  verbose_name=_("coalition"))
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    location = models.CharField(_("place or link"), max_length=300, blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    # An event page in the calendar (issue 10), by URL until events exist.
    event_url = models.URLField(_("event in the calendar"), max_length=2048, blank=True)
    documents = models.ManyToManyField("wagtaildocs.Document", blank=True, related_name="+",
                                       verbose_name=_("documents"))
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        ordering = ("-starts_at",)
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return self.title


class Decision(models.Model):
    """One entry of the decisions log, from a meeting or between meetings."""

    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="decisions",
                                  verbose_name=_("coalition"))
    meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="decisions", verbose_name=_("meeting"))
    decided_on = models.DateField(_("decided on"), default=timezone.localdate)
    text = models.TextField(_("decision"))
    created_at = models.DateTimeField(_("recorded"), default=timezone.now, editable=False)

    class Meta:
        ordering = ("-decided_on", "-pk")
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return self.text[:80]
