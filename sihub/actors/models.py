"""The ecosystem's actors (organisations), what they offer, and how they connect.

Actors are data, not pages: one row per organisation with its Swedish and
English description side by side, edited in the Wagtail admin as a snippet
(with revisions, so the history of every change is kept) and, by the
organisation's own representatives, through proposals an editor approves
(``ActorChangeProposal``). Offerings and contacts belong to the actor as
child rows (``ParentalKey``) so they are part of each revision.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import RevisionMixin
from wagtail.search import index

from sihub.actors import orgnr
from sihub.core.i18n import localized
from sihub.sdg.tagging import EcosystemTagsMixin

ORGNR_MESSAGES = {
    "characters": _("Use only digits and one hyphen, e.g. 556036-0793."),
    "prefix": _("A twelve-digit organisation number starts with 16."),
    "length": _("A Swedish organisation number has ten digits, e.g. 556036-0793."),
    "personal": _("This looks like a personal identity number. Sole traders: leave the "
                  "organisation number empty, so no personal identity number is published."),
    "checksum": _("The check digit does not match: please check the number for typos."),
}


def validate_org_number(value: str) -> None:
    try:
        orgnr.normalise(value)
    except orgnr.OrgNumberError as error:
        raise ValidationError(ORGNR_MESSAGES[error.code], code=f"orgnr_{error.code}") from error


class ActorKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    REGION = "region", _("Region")
    AGENCY = "agency", _("Government agency")
    COMPANY = "company", _("Company")
    SOCIAL_ENTERPRISE = "social_enterprise", _("Social enterprise")
    ASSOCIATION = "association", _("Association")
    FOUNDATION = "foundation", _("Foundation")
    COOPERATIVE = "cooperative", _("Cooperative")
    UNIVERSITY = "university", _("University or college")
    RESEARCH = "research", _("Research institute")
    INCUBATOR = "incubator", _("Incubator or accelerator")
    FUNDER = "funder", _("Funder")
    NETWORK = "network", _("Network")
    OTHER = "other", _("Other")


class Stage(models.TextChoices):
    """The stage of the organisation or initiative looking for support."""

    IDEA = "idea", _("Idea")
    STARTUP = "startup", _("Start-up")
    PILOT = "pilot", _("Pilot")
    GROWTH = "growth", _("Growth and scaling")
    ESTABLISHED = "established", _("Established")


class OfferingKind(models.TextChoices):
    FUNDING = "funding", _("Funding")
    ADVICE = "advice", _("Advice and coaching")
    INCUBATION = "incubation", _("Incubation and acceleration")
    RESEARCH = "research", _("Research and knowledge")
    NETWORK = "network", _("Networks and meeting places")
    PREMISES = "premises", _("Premises")
    EDUCATION = "education", _("Education")
    TOOLS = "tools", _("Tools")
    PARTNERSHIP = "partnership", _("Procurement and partnership")


class RelationKind(models.TextChoices):
    PARTNER = "partner", _("Partner of")
    FUNDS = "funds", _("Funds")
    MEMBER_OF = "member_of", _("Member of")
    OWNS = "owns", _("Owns")
    COLLABORATES = "collaborates", _("Collaborates with")


# Paths under /actors/ (and /api/v1/actors/) that an actor's slug must not take.
RESERVED_SLUGS = frozenset({"find-support", "map", "network", "analysis", "export",
                            "offerings", "relations", "graph"})

# Relations that read the same both ways (A partner of B = B partner of A).
SYMMETRIC_RELATIONS = frozenset({RelationKind.PARTNER, RelationKind.COLLABORATES})


class ActorQuerySet(models.QuerySet["Actor"]):
    def published(self) -> ActorQuerySet:
        return self.filter(is_published=True)


class Actor(RevisionMixin, EcosystemTagsMixin, index.Indexed, ClusterableModel):
    """An organisation in the ecosystem.

    From ``EcosystemTagsMixin``: ``counties`` and ``municipalities`` are the
    regions the actor serves (with ``serves_national``/``serves_international``
    for wider reach), ``sectors`` the sectors it works with, and the goals,
    targets and themes it addresses. ``sector`` is the actor's own sector.
    """

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    org_number = models.CharField(
        _("organisation number"), max_length=13, blank=True,
        validators=[validate_org_number],
        help_text=_("Swedish organisation number, e.g. 556036-0793. Leave empty if none."))
    sector = models.ForeignKey("core.Sector", on_delete=models.PROTECT, related_name="actors",
                               verbose_name=_("sector"))
    kind = models.CharField(_("type"), max_length=24, choices=ActorKind.choices, db_index=True)
    description_sv = models.TextField(_("description (Swedish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey("wagtailimages.Image", null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+", verbose_name=_("logo"))
    home_municipality = models.ForeignKey(
        "core.Municipality", null=True, blank=True, on_delete=models.PROTECT,
        related_name="home_actors", verbose_name=_("home municipality"))
    latitude = models.FloatField(_("latitude"), null=True, blank=True,
                                 validators=[MinValueValidator(-90), MaxValueValidator(90)])
    longitude = models.FloatField(_("longitude"), null=True, blank=True,
                                  validators=[MinValueValidator(-180), MaxValueValidator(180)])
    serves_national = models.BooleanField(_("serves all of Sweden"), default=False)
    serves_international = models.BooleanField(_("works internationally"), default=False)
    is_published = models.BooleanField(_("shown in the directory"), default=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False, db_index=True)

    objects = ActorQuerySet.as_manager()

    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("description_sv"),
        index.SearchField("description_en"),
        index.SearchField("search_stems"),
        index.FilterField("is_published"),
        index.FilterField("kind"),
    ]

    class Meta:
        ordering = ("name",)
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        constraints = [
            # Duplicate detection on import relies on one actor per number.
            models.UniqueConstraint(fields=["org_number"], condition=~Q(org_number=""),
                                    name="actors_actor_unique_org_number"),
            models.CheckConstraint(
                condition=(Q(latitude__isnull=True) & Q(longitude__isnull=True))
                | (Q(latitude__isnull=False) & Q(longitude__isnull=False)),
                name="actors_actor_both_coordinates_or_none"),
        ]
        indexes = [
            # The directory's default listing: published actors by name.
            models.Index(fields=["is_published", "name"], name="actors_published_name"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def description(self) -> str:
        return localized(self, "description")

    def get_absolute_url(self) -> str:
        return reverse("actors:detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("“%(slug)s” is the address of another page; "
                                             "choose another slug.") % {"slug": self.slug}})
        if self.org_number:
            try:
                self.org_number = orgnr.normalise(self.org_number)
            except orgnr.OrgNumberError:
                pass  # the field validator reports it

    def coordinates(self) -> tuple[float, float] | None:
        """Where to put the actor on a map: its own point, else its home municipality's."""
        if self.latitude is not None and self.longitude is not None:
            return self.latitude, self.longitude
        home = self.home_municipality
        if home is not None and home.latitude is not None and home.longitude is not None:
            return home.latitude, home.longitude
        return None

    def search_stems(self) -> str:
        from sihub.search.stemming import stemmed_text

        return stemmed_text(" ".join((self.name, self.description_sv, self.description_en)))


class Offering(ClusterableModel):
    """Something an actor offers, to whom, where, and when it is open."""

    actor = ParentalKey(Actor, on_delete=models.CASCADE, related_name="offerings",
                        verbose_name=_("actor"))
    kind = models.CharField(_("kind"), max_length=20, choices=OfferingKind.choices,
                            db_index=True)
    title_sv = models.CharField(_("title (Swedish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description_sv = models.TextField(_("description (Swedish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    # A list of Stage values; empty means every stage.
    stages = models.JSONField(_("stages"), default=list, blank=True)
    target_sectors = ParentalManyToManyField(
        "core.Sector", blank=True, related_name="+", verbose_name=_("for sectors"),
        help_text=_("Empty means every sector."))
    target_groups = models.CharField(_("target groups"), max_length=300, blank=True)
    # Where it is offered; all empty means wherever the actor works.
    counties = ParentalManyToManyField("core.County", blank=True, related_name="+",
                                       verbose_name=_("counties"))
    municipalities = ParentalManyToManyField("core.Municipality", blank=True, related_name="+",
                                             verbose_name=_("municipalities"))
    national = models.BooleanField(_("offered in all of Sweden"), default=False)
    conditions = models.TextField(_("conditions"), blank=True)
    url = models.URLField(_("link"), blank=True)
    opens_on = models.DateField(_("open from"), null=True, blank=True)
    closes_on = models.DateField(_("open until"), null=True, blank=True)
    sort_order = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ("sort_order", "pk")
        verbose_name = _("offering")
        verbose_name_plural = _("offerings")
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_on__isnull=True) | Q(closes_on__isnull=True)
                | Q(closes_on__gte=models.F("opens_on")),
                name="actors_offering_closes_after_opening"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return localized(self, "title") or self.title_sv

    @property
    def description(self) -> str:
        return localized(self, "description")

    def clean(self) -> None:
        super().clean()
        unknown = [s for s in self.stages or [] if s not in Stage.values]
        if unknown:
            raise ValidationError({"stages": _("Unknown stage: %(stages)s") % {
                "stages": ", ".join(map(str, unknown))}})
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("The closing date is before the opening date.")})

    def is_open(self, on: Any = None) -> bool:
        day = on or timezone.localdate()
        return not ((self.opens_on and day < self.opens_on)
                    or (self.closes_on and day > self.closes_on))


class Relation(models.Model):
    """A typed, dated link between two actors, with where the information comes from."""

    source_actor = models.ForeignKey(Actor, on_delete=models.CASCADE,
                                     related_name="relations_out", verbose_name=_("from"))
    target_actor = models.ForeignKey(Actor, on_delete=models.CASCADE,
                                     related_name="relations_in", verbose_name=_("to"))
    kind = models.CharField(_("kind"), max_length=20, choices=RelationKind.choices,
                            db_index=True)
    started_on = models.DateField(_("since"), null=True, blank=True)
    ended_on = models.DateField(_("until"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=500, blank=True,
                              help_text=_("Where this is known from: a URL, report or person."))
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ("source_actor__name", "kind")
        verbose_name = _("relation")
        verbose_name_plural = _("relations")
        constraints = [
            models.CheckConstraint(condition=~Q(source_actor=models.F("target_actor")),
                                   name="actors_relation_not_to_itself"),
            # The same link recorded twice would double-count in the network analysis.
            models.UniqueConstraint(fields=["source_actor", "target_actor", "kind"],
                                    name="actors_relation_unique"),
            models.CheckConstraint(
                condition=Q(started_on__isnull=True) | Q(ended_on__isnull=True)
                | Q(ended_on__gte=models.F("started_on")),
                name="actors_relation_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.source_actor} — {self.get_kind_display()} — {self.target_actor}"

    def clean(self) -> None:
        super().clean()
        if self.source_actor_id and self.source_actor_id == self.target_actor_id:
            raise ValidationError(_("An actor cannot be related to itself."))
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": _("The end date is before the start date.")})

    @property
    def is_current(self) -> bool:
        return self.ended_on is None or self.ended_on >= timezone.localdate()


class Contact(models.Model):
    """A contact person at an actor. Personal data: see core/privacy.py.

    Only shown publicly when ``is_public`` (the person agreed, recorded in
    ``consent_at``); otherwise only editors and the actor's representatives see it.
    """

    actor = ParentalKey(Actor, on_delete=models.CASCADE, related_name="contacts",
                        verbose_name=_("actor"))
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_public = models.BooleanField(
        _("shown publicly"), default=False,
        help_text=_("Only with the person's consent."))
    consent_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    sort_order = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ("sort_order", "pk")
        verbose_name = _("contact person")
        verbose_name_plural = _("contact people")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.is_public and self.consent_at is None:
            self.consent_at = timezone.now()


class Representative(models.Model):
    """A member account that speaks for an actor (an approved claim)."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="representatives")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="represents")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("representative")
        verbose_name_plural = _("representatives")
        constraints = [
            models.UniqueConstraint(fields=["actor", "user"], name="actors_one_representative_row"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.actor}"


class ReviewStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class Claim(models.Model):
    """A member asks to represent an actor; an editor approves or rejects."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="claims")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="actor_claims")
    message = models.TextField(_("how you are connected to the organisation"), blank=True)
    status = models.CharField(max_length=10, choices=ReviewStatus.choices,
                              default=ReviewStatus.PENDING, db_index=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(_("note from the editor"), blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ("-created_at",)
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        constraints = [
            # One open claim per person and actor: asking twice is answered kindly, not stored.
            models.UniqueConstraint(fields=["actor", "user"], condition=Q(status="pending"),
                                    name="actors_one_pending_claim"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.actor} ({self.status})"


class ChangeProposal(models.Model):
    """Edits a representative proposes to their actor's profile; applied when approved.

    ``data`` holds only the changed fields, as form values (ids for
    relations), and ``previous`` the values they replace, so an editor sees a
    field-by-field comparison.
    """

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="proposals")
    # NULL once the proposer's account is erased; the proposal can still be decided.
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="actor_proposals")
    data = models.JSONField(default=dict)
    previous = models.JSONField(default=dict)
    comment = models.TextField(_("comment to the editors"), blank=True)
    status = models.CharField(max_length=10, choices=ReviewStatus.choices,
                              default=ReviewStatus.PENDING, db_index=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(_("note from the editor"), blank=True)
    # The keys of ``data`` the editor applied ("offering:12" for one offering):
    # an editor may keep the current value where the profile changed meanwhile.
    applied = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ("-created_at",)
        verbose_name = _("proposed change")
        verbose_name_plural = _("proposed changes")

    def __str__(self) -> str:
        return f"{self.actor} ({self.status})"
