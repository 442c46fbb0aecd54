"""Initiatives and the evidence of their value: theory of change, indicators, SROI.

An *initiative* is a time-bound piece of work (often a project in a funding
programme such as the European Social Fund) run by one or more ecosystem
actors. Its team (``InitiativeMembership``) describes for whom it creates
value (``StakeholderGroup``, ``Outcome``), how (``TheoryOfChange``), how it
knows (``Indicator``, ``Measurement``) and what the value is worth
(``ValueMapRow`` with ``FinancialProxy``, computed by the Django-free
``sroi`` module).

Who may see and change what is decided object by object in ``selectors.py``
(public initiatives for everyone; unpublished ones for their team and for
staff with ``impact.view_initiative``). Writes go through ``services.py``.

Rules that span rows (an outcome's stakeholder belongs to the same
initiative, a ToC link stays inside one theory of change) are checked in
``clean()``, which every service calls through ``full_clean()``; rules on one
row are database constraints as well, so a write that skips the services
cannot break them either.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sihub.core.i18n import localized
from sihub.impact import sroi

ZERO = Decimal(0)
ONE = Decimal(1)

# Fractions of the value map ("percentages" in the SROI guide) are stored as 0–1.
FRACTION_VALIDATORS = [MinValueValidator(ZERO), MaxValueValidator(ONE)]


def _fraction_field(verbose_name: str, **kwargs: object) -> models.DecimalField:
    """A 0–1 fraction with four decimals (0.1234 = 12.34 %), validated in forms and services."""
    return models.DecimalField(verbose_name, max_digits=5, decimal_places=4, default=ZERO,
                               validators=FRACTION_VALIDATORS, **kwargs)


def _fraction_check(field: str, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(**{f"{field}__gte": 0}) & Q(**{f"{field}__lte": 1}),
                                  name=name)


# --- Choices ---------------------------------------------------------------------------


class InitiativeStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class MembershipRole(models.TextChoices):
    """A person's role in one initiative's team (object-level, not a site role)."""

    LEAD = "lead", pgettext_lazy("team role", "Lead")  # edits everything, manages the team, publishes
    CONTRIBUTOR = "contributor", _("Contributor")  # edits the content
    VIEWER = "viewer", _("Viewer")  # reads unpublished content


class OutcomeTerm(models.TextChoices):
    SHORT = "short", _("Short term")
    MEDIUM = "medium", _("Medium term")
    LONG = "long", _("Long term")


class ElementKind(models.TextChoices):
    """The columns of a theory of change, left to right."""

    INPUT = "input", _("Input")
    ACTIVITY = "activity", _("Activity")
    OUTPUT = "output", _("Output")
    OUTCOME_SHORT = "outcome_short", _("Short-term outcome")
    OUTCOME_MEDIUM = "outcome_medium", _("Medium-term outcome")
    OUTCOME_LONG = "outcome_long", _("Long-term outcome")
    IMPACT = "impact", _("Impact")


class Frequency(models.TextChoices):
    ONCE = "once", _("Once")
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    HALF_YEARLY = "half_yearly", _("Every six months")
    YEARLY = "yearly", _("Yearly")
    OTHER = "other", _("Other")


# --- Programmes and initiatives ------------------------------------------------------


class Programme(models.Model):
    """A funding programme whose projects an analyst or funder follows as a portfolio."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    funder = models.CharField(_("funder"), max_length=200, blank=True,
                              help_text=_("E.g. Europeiska socialfonden (ESF)."))
    description_sv = models.TextField(_("description (Swedish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    starts_on = models.DateField(_("period from"), null=True, blank=True)
    ends_on = models.DateField(_("period until"), null=True, blank=True)

    class Meta:
        ordering = ("name",)
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [
            # A period cannot end before it starts.
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True) | Q(ends_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="impact_programme_period_in_order"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def description(self) -> str:
        return localized(self, "description")


class TheoryOfChange(models.Model):
    """Inputs → activities → outputs → outcomes → impact, as linked elements.

    Its own row rather than part of the initiative, so a coalition (a later
    app) can point at one too and a theory can be reused.
    """

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ("title", "pk")
        verbose_name = _("theory of change")
        verbose_name_plural = _("theories of change")

    def __str__(self) -> str:
        return self.title


class InitiativeQuerySet(models.QuerySet["Initiative"]):
    def public(self) -> InitiativeQuerySet:
        return self.filter(is_public=True)


class Initiative(models.Model):
    """A social-innovation initiative and everything needed to show the value it creates."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    purpose = models.TextField(_("purpose"), blank=True)
    societal_challenge = models.TextField(_("societal challenge"), blank=True)
    owners = models.ManyToManyField("actors.Actor", blank=True, related_name="initiatives",
                                    verbose_name=_("owner organisations"))
    # PROTECT: a programme's portfolio must not lose its initiatives silently.
    programme = models.ForeignKey(Programme, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="initiatives", verbose_name=_("programme"))
    funder = models.CharField(_("funder"), max_length=200, blank=True,
                              help_text=_("E.g. Europeiska socialfonden (ESF)."))
    funding_amount = models.DecimalField(_("funding (SEK)"), max_digits=16, decimal_places=2,
                                         null=True, blank=True,
                                         validators=[MinValueValidator(ZERO)])
    starts_on = models.DateField(_("start date"), null=True, blank=True)
    ends_on = models.DateField(_("end date"), null=True, blank=True)
    counties = models.ManyToManyField("core.County", blank=True, related_name="initiatives",
                                      verbose_name=_("counties"))
    municipalities = models.ManyToManyField("core.Municipality", blank=True,
                                            related_name="initiatives",
                                            verbose_name=_("municipalities"))
    sdgs = models.ManyToManyField("sdg.Goal", blank=True, related_name="initiatives",
                                  verbose_name=_("global goals"))
    targets = models.ManyToManyField("sdg.Target", blank=True, related_name="initiatives",
                                     verbose_name=_("targets"))
    status = models.CharField(_("status"), max_length=12, choices=InitiativeStatus.choices,
                              default=InitiativeStatus.PLANNED)
    is_public = models.BooleanField(
        _("published"), default=False,
        help_text=_("Show the initiative and its public summary to everyone."))
    public_summary_sv = models.TextField(_("public summary (Swedish)"), blank=True)
    public_summary_en = models.TextField(_("public summary (English)"), blank=True)
    theory_of_change = models.OneToOneField(
        TheoryOfChange, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="initiative", verbose_name=_("theory of change"))
    # The SROI value map's denominator and discount rate (see sroi.py).
    inputs_total = models.DecimalField(
        _("total value of inputs (SEK)"), max_digits=16, decimal_places=2, null=True,
        blank=True, validators=[MinValueValidator(ZERO)],
        help_text=_("Money and the value of time and things given, for the SROI ratio."))
    discount_rate = models.DecimalField(
        _("discount rate"), max_digits=6, decimal_places=5,
        default=sroi.GREEN_BOOK_DISCOUNT_RATE,
        validators=[MinValueValidator(ZERO), MaxValueValidator(sroi.MAX_DISCOUNT_RATE)],
        help_text=_("A fraction: 0.035 is the Green Book's 3.5 %. 0 means no discounting."))
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        ordering = ("title", "pk")
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        constraints = [
            # A period cannot end before it starts.
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True) | Q(ends_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="impact_initiative_period_in_order"),
            # Money is never negative; a negative outcome is valued in the value map.
            models.CheckConstraint(
                condition=Q(funding_amount__isnull=True) | Q(funding_amount__gte=0),
                name="impact_initiative_funding_not_negative"),
            models.CheckConstraint(
                condition=Q(inputs_total__isnull=True) | Q(inputs_total__gte=0),
                name="impact_initiative_inputs_not_negative"),
            # The SROI module accepts 0–1 only (3.5 typed for 3.5 % is caught here too).
            _fraction_check("discount_rate", "impact_initiative_discount_rate_fraction"),
            models.CheckConstraint(condition=Q(status__in=InitiativeStatus.values),
                                   name="impact_initiative_status_valid"),
        ]
        indexes = [
            # The public listing and the portfolio filter: published ones by status.
            models.Index(fields=["is_public", "status"], name="impact_public_status"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def public_summary(self) -> str:
        return localized(self, "public_summary")


class InitiativeMembership(models.Model):
    """A person in an initiative's team; the role decides what they may do with it."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE,
                                   related_name="memberships", verbose_name=_("initiative"))
    # Erasing the person removes them from the team (see core/privacy.py).
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="initiative_memberships", verbose_name=_("person"))
    role = models.CharField(_("role"), max_length=12, choices=MembershipRole.choices,
                            default=MembershipRole.CONTRIBUTOR)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ("initiative", "role", "pk")
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        constraints = [
            # One role per person and initiative; membership_set changes it in place.
            models.UniqueConstraint(fields=["initiative", "user"],
                                    name="impact_membership_unique_person"),
            models.CheckConstraint(condition=Q(role__in=MembershipRole.values),
                                   name="impact_membership_role_valid"),
        ]
        indexes = [
            # "My initiatives" and the visibility check start from the person.
            models.Index(fields=["user", "role"], name="impact_membership_user_role"),
        ]

    def __str__(self) -> str:
        return f"{self.initiative} ({self.get_role_display()})"


# --- For whom: stakeholders and outcomes -----------------------------------------------


class StakeholderGroup(models.Model):
    """People or organisations who experience change because of the initiative."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE,
                                   related_name="stakeholders", verbose_name=_("initiative"))
    name = models.CharField(_("name"), max_length=200)
    size = models.PositiveIntegerField(_("size"), null=True, blank=True,
                                       help_text=_("How many people or organisations."))
    involvement = models.TextField(_("how they are involved"), blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("initiative", "position", "pk")
        verbose_name = _("stakeholder group")
        verbose_name_plural = _("stakeholder groups")
        constraints = [
            # The value map names rows "stakeholder: outcome"; two groups of one name
            # would make them ambiguous.
            models.UniqueConstraint(fields=["initiative", "name"],
                                    name="impact_stakeholder_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Outcome(models.Model):
    """A change for one stakeholder group: wanted or not, good or bad (the guide asks for all)."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE,
                                   related_name="outcomes", verbose_name=_("initiative"))
    stakeholder = models.ForeignKey(StakeholderGroup, on_delete=models.CASCADE,
                                    related_name="outcomes", verbose_name=_("stakeholder group"))
    description = models.TextField(_("description"))
    term = models.CharField(_("term"), max_length=8, choices=OutcomeTerm.choices,
                            default=OutcomeTerm.SHORT)
    intended = models.BooleanField(_("intended"), default=True)
    positive = models.BooleanField(
        _("positive"), default=True,
        help_text=_("Untick for a negative outcome: it takes value away in the value map."))
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("initiative", "stakeholder", "position", "pk")
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        constraints = [
            models.CheckConstraint(condition=Q(term__in=OutcomeTerm.values),
                                   name="impact_outcome_term_valid"),
        ]

    def __str__(self) -> str:
        return self.description[:80]

    def clean(self) -> None:
        super().clean()
        if (self.stakeholder_id and self.initiative_id
                and self.stakeholder.initiative_id != self.initiative_id):
            raise ValidationError({"stakeholder": _(
                "Choose a stakeholder group of this initiative.")})


# --- Theory of change ------------------------------------------------------------------


class ToCElement(models.Model):
    """A box in the theory-of-change diagram."""

    toc = models.ForeignKey(TheoryOfChange, on_delete=models.CASCADE, related_name="elements",
                            verbose_name=_("theory of change"))
    kind = models.CharField(_("kind"), max_length=16, choices=ElementKind.choices)
    text = models.TextField(_("text"))
    position = models.PositiveIntegerField(default=0)
    # An outcome box may stand for an outcome of the value map (optional).
    outcome = models.ForeignKey(Outcome, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="toc_elements", verbose_name=_("outcome"))

    class Meta:
        ordering = ("toc", "position", "pk")
        verbose_name = _("theory of change element")
        verbose_name_plural = _("theory of change elements")
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=ElementKind.values),
                                   name="impact_tocelement_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"

    def clean(self) -> None:
        super().clean()
        if self.outcome_id and self.toc_id:
            owner = Initiative.objects.filter(theory_of_change_id=self.toc_id).values_list(
                "pk", flat=True).first()
            if owner is not None and self.outcome.initiative_id != owner:
                raise ValidationError({"outcome": _(
                    "Choose an outcome of the initiative this theory of change belongs to.")})


class ToCLink(models.Model):
    """An arrow from one element to another, with the assumption that makes it hold."""

    toc = models.ForeignKey(TheoryOfChange, on_delete=models.CASCADE, related_name="links",
                            verbose_name=_("theory of change"))
    source = models.ForeignKey(ToCElement, on_delete=models.CASCADE, related_name="outgoing",
                               verbose_name=_("from"))
    target = models.ForeignKey(ToCElement, on_delete=models.CASCADE, related_name="incoming",
                               verbose_name=_("to"))
    assumption = models.TextField(_("assumption"), blank=True)

    class Meta:
        ordering = ("toc", "source", "target")
        verbose_name = _("theory of change link")
        verbose_name_plural = _("theory of change links")
        constraints = [
            # One arrow between two boxes; its assumption says everything about it.
            models.UniqueConstraint(fields=["source", "target"], name="impact_toclink_unique_pair"),
            # An element does not cause itself.
            models.CheckConstraint(condition=~Q(source=F("target")),
                                   name="impact_toclink_no_self_link"),
        ]

    def __str__(self) -> str:
        return f"{self.source} → {self.target}"

    def clean(self) -> None:
        """Both ends in this theory: a database check cannot follow the foreign keys."""
        super().clean()
        if not (self.toc_id and self.source_id and self.target_id):
            return
        if self.source_id == self.target_id:
            raise ValidationError({"target": _("An element cannot link to itself.")})
        if self.source.toc_id != self.toc_id or self.target.toc_id != self.toc_id:
            raise ValidationError(_("Both elements must belong to the same theory of change."),
                                  code="cross_toc")


# --- Indicators and measurements ---------------------------------------------------------


class Indicator(models.Model):
    """How an outcome is measured: unit, starting point, goal, where the data comes from."""

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="indicators",
                                verbose_name=_("outcome"))
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=60, blank=True,
                            help_text=_("E.g. people, %, SEK, days."))
    baseline = models.DecimalField(_("baseline"), max_digits=18, decimal_places=4, null=True,
                                   blank=True)
    target = models.DecimalField(_("target"), max_digits=18, decimal_places=4, null=True,
                                 blank=True)
    data_source = models.CharField(_("data source"), max_length=300, blank=True)
    frequency = models.CharField(_("frequency"), max_length=12, choices=Frequency.choices,
                                 default=Frequency.YEARLY)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("outcome", "position", "pk")
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.CheckConstraint(condition=Q(frequency__in=Frequency.values),
                                   name="impact_indicator_frequency_valid"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """Names are unique per initiative: the measurement import finds indicators by name."""
        super().clean()
        if not (self.outcome_id and self.name):
            return
        taken = Indicator.objects.filter(outcome__initiative_id=self.outcome.initiative_id,
                                         name__iexact=self.name.strip()).exclude(pk=self.pk)
        if taken.exists():
            raise ValidationError({"name": _(
                "This initiative already has an indicator of that name.")})


class Measurement(models.Model):
    """One value of an indicator at a date; in total, or for one group of a breakdown."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE,
                                  related_name="measurements", verbose_name=_("indicator"))
    date = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=4)
    # E.g. "gender" / "women"; both blank is the total.
    breakdown_dimension = models.CharField(_("breakdown"), max_length=60, blank=True)
    breakdown_value = models.CharField(_("group"), max_length=60, blank=True)

    class Meta:
        ordering = ("indicator", "date", "breakdown_dimension", "breakdown_value")
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        constraints = [
            # One value per indicator, date and group; a re-import updates it. Also the
            # index the progress charts read through (indicator, then date order).
            models.UniqueConstraint(
                fields=["indicator", "date", "breakdown_dimension", "breakdown_value"],
                name="impact_measurement_unique_point"),
            # A group needs its dimension and a dimension its group; both blank = total.
            models.CheckConstraint(
                condition=(Q(breakdown_dimension="") & Q(breakdown_value=""))
                | (~Q(breakdown_dimension="") & ~Q(breakdown_value="")),
                name="impact_measurement_breakdown_complete"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.date}: {self.value}"

    @property
    def is_total(self) -> bool:
        return not self.breakdown_dimension


# --- SROI ----------------------------------------------------------------------------------


class FinancialProxy(models.Model):
    """A documented money value for an outcome (the library, seeded from data/proxies_sek.csv)."""

    key = models.SlugField(_("key"), max_length=80, unique=True)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    value_sek = models.DecimalField(_("value (SEK)"), max_digits=16, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=100)
    base_year = models.PositiveSmallIntegerField(
        _("price year"), validators=[MinValueValidator(1900), MaxValueValidator(2100)])
    source_title = models.CharField(_("source"), max_length=300)
    source_publisher = models.CharField(_("publisher"), max_length=300, blank=True)
    source_url = models.URLField(_("source link"), max_length=500, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ("name_sv",)
        verbose_name = _("financial proxy")
        verbose_name_plural = _("financial proxies")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def citation(self) -> str:
        """The source as the value map's "source" column shows it."""
        parts = [p for p in (self.source_publisher, self.source_title) if p]
        text = ": ".join(parts)
        return f"{text} ({self.base_year})" if text else str(self.base_year)


class ValueMapRow(models.Model):
    """One row of the SROI value map, in the guide's columns."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE,
                                   related_name="value_map_rows", verbose_name=_("initiative"))
    stakeholder = models.ForeignKey(StakeholderGroup, on_delete=models.CASCADE,
                                    related_name="value_map_rows",
                                    verbose_name=_("stakeholder group"))
    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE,
                                related_name="value_map_rows", verbose_name=_("outcome"))
    indicator = models.ForeignKey(Indicator, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="value_map_rows", verbose_name=_("indicator"))
    quantity = models.DecimalField(_("quantity"), max_digits=16, decimal_places=4,
                                   validators=[MinValueValidator(ZERO)])
    # PROTECT: a proxy in use cannot vanish from under a published ratio.
    proxy = models.ForeignKey(FinancialProxy, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="value_map_rows", verbose_name=_("financial proxy"))
    proxy_value = models.DecimalField(
        _("value per unit (SEK)"), max_digits=16, decimal_places=2, null=True, blank=True,
        help_text=_("Used when no proxy from the library is chosen."))
    proxy_source = models.CharField(_("source of the value"), max_length=500, blank=True)
    deadweight = _fraction_field(_("deadweight"))
    displacement = _fraction_field(_("displacement"))
    attribution = _fraction_field(_("attribution"))
    drop_off = _fraction_field(_("drop-off"))
    duration_years = models.PositiveSmallIntegerField(
        _("duration (years)"), default=1,
        validators=[MinValueValidator(1), MaxValueValidator(sroi.MAX_DURATION_YEARS)])
    starts_after_activity = models.BooleanField(
        _("starts after the activity"), default=False,
        help_text=_("The outcome is worth nothing in year 1 and runs from year 2."))
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("initiative", "position", "pk")
        verbose_name = _("value map row")
        verbose_name_plural = _("value map rows")
        constraints = [
            # The SROI module rejects fractions outside 0–1; so does the database.
            _fraction_check("deadweight", "impact_valuemaprow_deadweight_fraction"),
            _fraction_check("displacement", "impact_valuemaprow_displacement_fraction"),
            _fraction_check("attribution", "impact_valuemaprow_attribution_fraction"),
            _fraction_check("drop_off", "impact_valuemaprow_drop_off_fraction"),
            # Negative outcomes take value away through the proxy's sign, never the quantity.
            models.CheckConstraint(condition=Q(quantity__gte=0),
                                   name="impact_valuemaprow_quantity_not_negative"),
            models.CheckConstraint(
                condition=Q(duration_years__gte=1)
                & Q(duration_years__lte=sroi.MAX_DURATION_YEARS),
                name="impact_valuemaprow_duration_range"),
            # Every row has a value per unit: from the library, or typed in.
            models.CheckConstraint(condition=Q(proxy__isnull=False) | Q(proxy_value__isnull=False),
                                   name="impact_valuemaprow_has_value"),
        ]

    def __str__(self) -> str:
        return f"{self.stakeholder}: {self.outcome}"

    def clean(self) -> None:
        super().clean()
        errors: dict[str, object] = {}
        if self.proxy_id is None and self.proxy_value is None:
            errors["proxy_value"] = _("Choose a financial proxy or enter a value per unit.")
        if self.initiative_id:
            if self.stakeholder_id and self.stakeholder.initiative_id != self.initiative_id:
                errors["stakeholder"] = _("Choose a stakeholder group of this initiative.")
            if self.outcome_id and self.outcome.initiative_id != self.initiative_id:
                errors["outcome"] = _("Choose an outcome of this initiative.")
            elif (self.outcome_id and self.stakeholder_id
                  and self.outcome.stakeholder_id != self.stakeholder_id):
                errors["outcome"] = _("Choose an outcome of this stakeholder group.")
            if (self.indicator_id and self.outcome_id
                    and self.indicator.outcome_id != self.outcome_id):
                errors["indicator"] = _("Choose an indicator of this outcome.")
        if errors:
            raise ValidationError(errors)

    @property
    def value_per_unit(self) -> Decimal | None:
        """The proxy's value when one is chosen (the library wins), else the typed value.

        A negative outcome always takes value away, whatever sign the library's
        proxy has (the library holds amounts, e.g. a cost per day).
        """
        value = self.proxy.value_sek if self.proxy_id else self.proxy_value
        if value is None:
            return None
        if not self.outcome.positive:
            return -abs(value)
        return value

    @property
    def source_text(self) -> str:
        if self.proxy_id:
            return self.proxy.citation
        return self.proxy_source


# --- Self-assessment -------------------------------------------------------------------------


class SelfAssessment(models.Model):
    """One submission of the self-assessment (see ``assessment.py``); each is kept as history.

    ``scores`` and ``overall`` are computed by the service from ``answers``
    and stored, so a later change of the questionnaire does not rewrite what
    a team saw then (``questionnaire_version`` says which one they answered).
    """

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE,
                                   related_name="self_assessments", verbose_name=_("initiative"))
    questionnaire_version = models.PositiveSmallIntegerField(_("questionnaire version"),
                                                             default=1)
    # {question key: 0–4}; checked against the questionnaire in clean().
    answers = models.JSONField(_("answers"), default=dict)
    # {dimension key: "2.33"} (Decimal as string, 0–4).
    scores = models.JSONField(_("scores"), default=dict)
    overall = models.DecimalField(_("overall score"), max_digits=3, decimal_places=2,
                                  validators=[MinValueValidator(ZERO),
                                              MaxValueValidator(Decimal(4))])
    # Who submitted it; erasing the person keeps the assessment (it is about the initiative).
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("submitted by"))
    created_at = models.DateTimeField(_("submitted"), default=timezone.now, editable=False)

    class Meta:
        ordering = ("initiative", "-created_at", "-pk")
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        constraints = [
            models.CheckConstraint(condition=Q(overall__gte=0) & Q(overall__lte=4),
                                   name="impact_selfassessment_overall_range"),
        ]
        indexes = [
            # The latest submission and the one before it, for one initiative.
            models.Index(fields=["initiative", "-created_at"],
                         name="impact_selfassessment_latest"),
        ]

    def __str__(self) -> str:
        return f"{self.initiative} ({self.created_at:%Y-%m-%d})"

    def clean(self) -> None:
        """The answers must fit the questionnaire: every question once, each 0–4."""
        # Imported here: the model was added without touching the imports above.
        from sihub.impact import assessment

        super().clean()
        try:
            assessment.validate_answers(self.answers)
        except assessment.AnswersError as exc:
            raise ValidationError({"answers": [
                ValidationError(p.message, code=p.code) for p in exc.problems]}) from None
