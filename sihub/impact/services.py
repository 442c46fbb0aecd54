"""Writes for initiatives: team, stakeholders, outcomes, indicators, measurements, ToC, SROI.

Every function here checks the caller's rights through ``selectors`` (the
one place the object-level rule lives), validates with ``full_clean()``,
writes in one transaction and leaves an ``audit_record``. Keyword-only
arguments; the person acting is always ``user``, the person a team change is
about is ``member``.

``value_map`` and ``initiative_sroi`` turn stored rows into the Django-free
``sroi`` module's ``ValueMap`` and compute it; problems come back as
``sroi.SROIError`` with a stable ``code`` (``sroi_error_message`` gives the
translated sentence).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import PurePath
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sihub.core.importing import (
    Column,
    ImportFileError,
    Row,
    RowError,
    name_key,
    read_table,
    report_validation_error,
    unique_slug,
)
from sihub.core.services import assign_fields, audit_record, set_m2m
from sihub.impact import selectors, sroi
from sihub.impact.models import (
    Frequency,
    Indicator,
    Initiative,
    InitiativeMembership,
    Measurement,
    MembershipRole,
    Outcome,
    OutcomeTerm,
    StakeholderGroup,
    TheoryOfChange,
    ToCElement,
    ToCLink,
    ValueMapRow,
)

INITIATIVE_CREATED = "impact.initiative_created"
INITIATIVE_UPDATED = "impact.initiative_updated"
INITIATIVE_DELETED = "impact.initiative_deleted"
MEMBERSHIP_SET = "impact.membership_set"
MEMBERSHIP_REMOVED = "impact.membership_removed"
STAKEHOLDER_SAVED = "impact.stakeholder_saved"
STAKEHOLDER_DELETED = "impact.stakeholder_deleted"
OUTCOME_SAVED = "impact.outcome_saved"
OUTCOME_DELETED = "impact.outcome_deleted"
INDICATOR_SAVED = "impact.indicator_saved"
INDICATOR_DELETED = "impact.indicator_deleted"
MEASUREMENTS_IMPORTED = "impact.measurements_imported"
VALUE_MAP_ROW_SAVED = "impact.value_map_row_saved"
VALUE_MAP_ROW_DELETED = "impact.value_map_row_deleted"
TOC_CREATED = "impact.toc_created"
TOC_ELEMENT_SAVED = "impact.toc_element_saved"
TOC_ELEMENT_DELETED = "impact.toc_element_deleted"
TOC_LINK_ADDED = "impact.toc_link_added"
TOC_LINK_REMOVED = "impact.toc_link_removed"

# What initiative_update may change (the rest is set by the services themselves).
INITIATIVE_FIELDS = frozenset({
    "title", "slug", "purpose", "societal_challenge", "programme", "funder", "funding_amount",
    "starts_on", "ends_on", "status", "is_public", "public_summary_sv", "public_summary_en",
    "inputs_total", "discount_rate",
})
INITIATIVE_M2M = frozenset({"owners", "counties", "municipalities", "sdgs", "targets"})
# Changing these is publishing: the lead decides (or staff who manage teams).
PUBLISHING_FIELDS = frozenset({"is_public"})
STAKEHOLDER_FIELDS = frozenset({"name", "size", "involvement", "position"})
OUTCOME_FIELDS = frozenset({"stakeholder", "description", "term", "intended", "positive",
                            "position"})
INDICATOR_FIELDS = frozenset({"name", "unit", "baseline", "target", "data_source", "frequency",
                              "position"})
VALUE_MAP_ROW_FIELDS = frozenset({
    "stakeholder", "outcome", "indicator", "quantity", "proxy", "proxy_value", "proxy_source",
    "deadweight", "displacement", "attribution", "drop_off", "duration_years",
    "starts_after_activity", "position",
})


class MembershipError(Exception):
    """A team change that would leave the initiative without a lead, or an unknown role."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.code = code


# --- Helpers ------------------------------------------------------------------------------


def _touch(initiative: Initiative) -> None:
    """The initiative's ``updated_at`` follows changes to anything that belongs to it."""
    Initiative.objects.filter(pk=initiative.pk).update(updated_at=timezone.now())


def save_child(obj: models.Model, *, user: Any, initiative: Initiative, action: str,
               data: dict[str, Any] | None = None) -> Any:
    """Validate and save ``obj``, a record that belongs to ``initiative``, with an audit entry.

    Shared by every child of an initiative (stakeholders, outcomes, indicators,
    value-map rows, measurements) so they all validate the same way, move the
    initiative's ``updated_at`` and leave an ``action`` record with the
    initiative's id plus ``data``, in one transaction. The caller has checked
    the user's right to change the initiative. Raises ValidationError from
    ``full_clean`` before anything is written.
    """
    obj.full_clean()
    with transaction.atomic():
        obj.save()
        _touch(initiative)
        audit_record(actor=user, action=action, target=obj,
                     data={"initiative_id": initiative.pk, **(data or {})})
    return obj


def delete_child(obj: models.Model, *, user: Any, initiative: Initiative, action: str) -> None:
    """Delete ``obj``, a record that belongs to ``initiative``, with an audit entry.

    The audit record is written first, while ``obj`` still has its primary key
    (kept in the data as ``id``), and the initiative's ``updated_at`` moves, all
    in one transaction. The caller has checked the user's right to change the
    initiative.
    """
    with transaction.atomic():
        audit_record(actor=user, action=action, target=obj,
                     data={"initiative_id": initiative.pk, "id": obj.pk})
        obj.delete()
        _touch(initiative)


def _free_slug(title: str) -> str:
    base = (slugify(title) or "initiative")[:110].strip("-") or "initiative"
    taken = set(Initiative.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    return unique_slug(title, taken, max_length=110, fallback="initiative")


# --- Initiatives --------------------------------------------------------------------------


def initiative_create(*, user: Any, fields: Mapping[str, Any],
                      m2m: Mapping[str, Iterable[Any]] | None = None) -> Initiative:
    """Create an initiative; the person creating it becomes its lead."""
    if not selectors.user_can_create_initiatives(user):
        raise PermissionDenied
    initiative = Initiative()
    assign_fields(initiative, fields, INITIATIVE_FIELDS)
    if not initiative.slug:
        initiative.slug = _free_slug(initiative.title)
    initiative.full_clean()
    with transaction.atomic():
        initiative.save()
        set_m2m(initiative, m2m, INITIATIVE_M2M)
        InitiativeMembership.objects.create(initiative=initiative, user=user,
                                            role=MembershipRole.LEAD)
        audit_record(actor=user, action=INITIATIVE_CREATED, target=initiative,
                     data={"is_public": initiative.is_public})
    return initiative


def initiative_update(*, initiative: Initiative, user: Any,
                      fields: Mapping[str, Any] | None = None,
                      m2m: Mapping[str, Iterable[Any]] | None = None) -> Initiative:
    """Change an initiative; publishing or unpublishing it is the lead's decision."""
    selectors.require_change(user, initiative)
    fields = dict(fields or {})
    if PUBLISHING_FIELDS & set(fields) and fields.get("is_public") != initiative.is_public:
        if not selectors.user_can_manage_team(user, initiative):
            raise PermissionDenied
    changed = assign_fields(initiative, fields, INITIATIVE_FIELDS)
    initiative.full_clean()
    with transaction.atomic():
        changed += set_m2m(initiative, m2m, INITIATIVE_M2M)
        if not changed:
            return initiative
        initiative.updated_at = timezone.now()
        initiative.save()
        audit_record(actor=user, action=INITIATIVE_UPDATED, target=initiative,
                     data={"fields": sorted(changed)})
    return initiative


def initiative_delete(*, initiative: Initiative, user: Any) -> None:
    """Delete an initiative and everything below it (its theory of change stays, for reuse)."""
    selectors.require_team_management(user, initiative)
    with transaction.atomic():
        audit_record(actor=user, action=INITIATIVE_DELETED, target=initiative,
                     data={"id": initiative.pk, "slug": initiative.slug})
        initiative.delete()


# --- The team -----------------------------------------------------------------------------


def _leads(initiative: Initiative) -> list[int]:
    """User ids of the leads, locked for the rest of the transaction."""
    return list(InitiativeMembership.objects.select_for_update()
                .filter(initiative=initiative, role=MembershipRole.LEAD)
                .values_list("user_id", flat=True))


def membership_set(*, initiative: Initiative, user: Any, member: Any,
                   role: str) -> InitiativeMembership:
    """Add ``member`` to the team with ``role``, or change their role. Lead only.

    The last lead cannot step down: someone must be able to manage the team.
    """
    selectors.require_team_management(user, initiative)
    if role not in MembershipRole.values:
        raise MembershipError(f"Unknown role {role!r}", code="unknown_role")
    with transaction.atomic():
        leads = _leads(initiative)
        membership = InitiativeMembership.objects.filter(initiative=initiative,
                                                         user=member).first()
        previous = membership.role if membership else None
        if previous == MembershipRole.LEAD and role != MembershipRole.LEAD and leads == [member.pk]:
            raise MembershipError("The last lead cannot step down", code="last_lead")
        if membership is None:
            membership = InitiativeMembership(initiative=initiative, user=member, role=role)
        elif previous == role:
            return membership
        membership.role = role
        membership.full_clean()
        membership.save()
        audit_record(actor=user, action=MEMBERSHIP_SET, target=initiative,
                     data={"user_id": member.pk, "role": role, "previous": previous})
    return membership


def membership_remove(*, initiative: Initiative, user: Any, member: Any) -> None:
    """Take ``member`` off the team: the lead does it, or the member leaves themselves.

    The last lead cannot leave.
    """
    if user is None or getattr(user, "pk", None) != getattr(member, "pk", None):
        selectors.require_team_management(user, initiative)
    with transaction.atomic():
        leads = _leads(initiative)
        membership = InitiativeMembership.objects.filter(initiative=initiative,
                                                         user=member).first()
        if membership is None:
            return
        if membership.role == MembershipRole.LEAD and leads == [member.pk]:
            raise MembershipError("The last lead cannot leave", code="last_lead")
        audit_record(actor=user, action=MEMBERSHIP_REMOVED, target=initiative,
                     data={"user_id": member.pk, "role": membership.role})
        membership.delete()


# --- Stakeholders, outcomes, indicators ---------------------------------------------------


def stakeholder_create(*, initiative: Initiative, user: Any, name: str, size: int | None = None,
                       involvement: str = "", position: int = 0) -> StakeholderGroup:
    selectors.require_change(user, initiative)
    group = StakeholderGroup(initiative=initiative, name=name.strip(), size=size,
                             involvement=involvement, position=position)
    return save_child(group, user=user, initiative=initiative, action=STAKEHOLDER_SAVED)


def stakeholder_update(*, stakeholder: StakeholderGroup, user: Any,
                       fields: Mapping[str, Any]) -> StakeholderGroup:
    initiative = stakeholder.initiative
    selectors.require_change(user, initiative)
    changed = assign_fields(stakeholder, fields, STAKEHOLDER_FIELDS)
    return save_child(stakeholder, user=user, initiative=initiative, action=STAKEHOLDER_SAVED,
                      data={"fields": changed})


def stakeholder_delete(*, stakeholder: StakeholderGroup, user: Any) -> None:
    """Delete a stakeholder group with its outcomes, their indicators and value-map rows."""
    initiative = stakeholder.initiative
    selectors.require_change(user, initiative)
    delete_child(stakeholder, user=user, initiative=initiative, action=STAKEHOLDER_DELETED)


def outcome_create(*, initiative: Initiative, user: Any, stakeholder: StakeholderGroup,
                   description: str, term: str = OutcomeTerm.SHORT, intended: bool = True,
                   positive: bool = True, position: int = 0) -> Outcome:
    selectors.require_change(user, initiative)
    outcome = Outcome(initiative=initiative, stakeholder=stakeholder, description=description,
                      term=term, intended=intended, positive=positive, position=position)
    return save_child(outcome, user=user, initiative=initiative, action=OUTCOME_SAVED)


def outcome_update(*, outcome: Outcome, user: Any, fields: Mapping[str, Any]) -> Outcome:
    initiative = outcome.initiative
    selectors.require_change(user, initiative)
    changed = assign_fields(outcome, fields, OUTCOME_FIELDS)
    return save_child(outcome, user=user, initiative=initiative, action=OUTCOME_SAVED,
                      data={"fields": changed})


def outcome_delete(*, outcome: Outcome, user: Any) -> None:
    initiative = outcome.initiative
    selectors.require_change(user, initiative)
    delete_child(outcome, user=user, initiative=initiative, action=OUTCOME_DELETED)


def indicator_create(*, outcome: Outcome, user: Any, name: str, unit: str = "",
                     baseline: Decimal | None = None, target: Decimal | None = None,
                     data_source: str = "", frequency: str = Frequency.YEARLY,
                     position: int = 0) -> Indicator:
    initiative = outcome.initiative
    selectors.require_change(user, initiative)
    indicator = Indicator(outcome=outcome, name=name.strip(), unit=unit, baseline=baseline,
                          target=target, data_source=data_source, frequency=frequency,
                          position=position)
    return save_child(indicator, user=user, initiative=initiative, action=INDICATOR_SAVED)


def indicator_update(*, indicator: Indicator, user: Any, fields: Mapping[str, Any]) -> Indicator:
    initiative = indicator.outcome.initiative
    selectors.require_change(user, initiative)
    changed = assign_fields(indicator, fields, INDICATOR_FIELDS)
    return save_child(indicator, user=user, initiative=initiative, action=INDICATOR_SAVED,
                      data={"fields": changed})


def indicator_delete(*, indicator: Indicator, user: Any) -> None:
    initiative = indicator.outcome.initiative
    selectors.require_change(user, initiative)
    delete_child(indicator, user=user, initiative=initiative, action=INDICATOR_DELETED)


# --- Measurements: CSV import -------------------------------------------------------------

MEASUREMENT_COLUMNS = (
    Column("indicator", ("indikator",), required=True),
    Column("date", ("datum",), required=True),
    Column("value", ("värde", "varde"), required=True),
    Column("breakdown_dimension", ("dimension", "breakdown", "uppdelning")),
    Column("breakdown_value", ("group", "grupp", "kategori")),
)
_DECIMAL = re.compile(r"^[-+]?\d+([.,]\d+)?$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class MeasurementImportReport:
    """What an import found; ``created``/``updated`` stay 0 unless it was written."""

    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    updated: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def _decimal_cell(row: Row, column: str) -> Decimal | None:
    """A number with a decimal point or a (Swedish) decimal comma, kept exact."""
    text = row.text(column).replace("\u00a0", "").replace(" ", "")
    if not text:
        row.error(column, _("A value is required."))
        return None
    if not _DECIMAL.match(text):
        row.error(column, _("“%(value)s” is not a number.") % {"value": row.text(column)})
        return None
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        row.error(column, _("“%(value)s” is not a number.") % {"value": row.text(column)})
        return None


def _date_cell(row: Row, column: str) -> Any:
    text = row.text(column).strip()
    if not _ISO_DATE.match(text):
        row.error(column, _("“%(value)s” is not a date like 2025-03-31.") % {"value": text})
        return None
    return row.date(column)


def measurement_import_csv(*, initiative: Initiative, user: Any,
                           file: IO[bytes]) -> MeasurementImportReport:
    """Import measurements of the initiative's indicators: every row right, or nothing.

    Columns: ``indicator`` (its name, case and spacing ignored), ``date``
    (ISO, 2025-03-31), ``value`` (decimal point or comma) and, optionally,
    ``breakdown_dimension`` and ``breakdown_value`` (both or neither; neither
    is the total). A row for a point that already exists updates its value,
    so a corrected file can be imported again. Rows are numbered as a
    spreadsheet shows them (the header is row 1). Raises ImportFileError when
    the file cannot be read at all.
    """
    selectors.require_change(user, initiative)
    filename = PurePath(getattr(file, "name", "") or "measurements.csv").name
    if not filename.lower().endswith(".csv"):
        raise ImportFileError(_("Only CSV files can be imported here."))
    table = read_table(file, filename=filename, size=getattr(file, "size", 0) or 0,
                       columns=MEASUREMENT_COLUMNS)
    report = MeasurementImportReport(rows=len(table.rows), errors=list(table.errors))
    if table.errors:
        return report

    by_name: dict[str, list[Indicator]] = {}
    for indicator in selectors.indicators_of(initiative):
        by_name.setdefault(name_key(indicator.name), []).append(indicator)
    seen: dict[tuple[Any, ...], int] = {}
    points: list[Measurement] = []
    for number, cells in table.rows:
        # No taxonomy look-ups here, so no Vocabulary (six queries) is loaded.
        row = Row(number, cells, table.headers, None)  # type: ignore[arg-type]
        matches = by_name.get(name_key(row.text("indicator")), [])
        indicator = matches[0] if len(matches) == 1 else None
        if not row.text("indicator").strip():
            row.error("indicator", _("The indicator is required."))
        elif not matches:
            row.error("indicator", _("This initiative has no indicator “%(value)s”.")
                      % {"value": row.text("indicator")})
        on = _date_cell(row, "date")
        value = _decimal_cell(row, "value")
        dimension = row.text("breakdown_dimension").strip()
        group = row.text("breakdown_value").strip()
        if bool(dimension) != bool(group):
            row.error("breakdown_value" if dimension else "breakdown_dimension",
                      _("Give both the breakdown and the group, or neither for the total."))
        if indicator is not None and on is not None and value is not None:
            point = Measurement(indicator=indicator, date=on, value=value,
                                breakdown_dimension=dimension, breakdown_value=group)
            try:
                point.full_clean(validate_unique=False, validate_constraints=False)
            except ValidationError as exc:
                report_validation_error(row, exc, {"breakdown_dimension": "breakdown_dimension",
                                                   "breakdown_value": "breakdown_value"})
            key = (indicator.pk, on, dimension, group)
            if key in seen:
                row.error("", _("The same indicator, date and group as row %(row)s.")
                          % {"row": seen[key]})
            else:
                seen[key] = number
            points.append(point)
        report.errors.extend(row.errors)
    if report.errors:
        return report

    with transaction.atomic():
        for point in points:
            _obj, created = Measurement.objects.update_or_create(
                indicator=point.indicator, date=point.date,
                breakdown_dimension=point.breakdown_dimension,
                breakdown_value=point.breakdown_value, defaults={"value": point.value})
            if created:
                report.created += 1
            else:
                report.updated += 1
        _touch(initiative)
        audit_record(actor=user, action=MEASUREMENTS_IMPORTED, target=initiative,
                     data={"rows": report.rows, "created": report.created,
                           "updated": report.updated, "filename": filename[:200]})
    return report


# --- Theory of change ---------------------------------------------------------------------


def _require_toc_change(user: Any, toc: TheoryOfChange) -> None:
    """A theory belongs to the initiative that uses it; one nobody uses, to staff only."""
    initiative = Initiative.objects.filter(theory_of_change=toc).first()
    if initiative is not None:
        selectors.require_change(user, initiative)
    elif not (user is not None and user.is_authenticated and user.is_active
              and user.has_perm("impact.change_theoryofchange")):
        raise PermissionDenied


def _toc_saved(obj: models.Model, *, user: Any, toc: TheoryOfChange, action: str,
               data: dict[str, Any] | None = None) -> Any:
    obj.full_clean()
    with transaction.atomic():
        obj.save()
        TheoryOfChange.objects.filter(pk=toc.pk).update(updated_at=timezone.now())
        audit_record(actor=user, action=action, target=obj, data={"toc_id": toc.pk, **(data or {})})
    return obj


def toc_create(*, initiative: Initiative, user: Any, title: str = "",
               description: str = "") -> TheoryOfChange:
    """Give the initiative a theory of change (it has at most one)."""
    selectors.require_change(user, initiative)
    if initiative.theory_of_change_id is not None:
        raise ValidationError(_("This initiative already has a theory of change."),
                              code="toc_exists")
    toc = TheoryOfChange(title=title or initiative.title, description=description)
    toc.full_clean()
    with transaction.atomic():
        toc.save()
        Initiative.objects.filter(pk=initiative.pk).update(theory_of_change=toc,
                                                           updated_at=timezone.now())
        initiative.theory_of_change = toc
        audit_record(actor=user, action=TOC_CREATED, target=toc,
                     data={"initiative_id": initiative.pk})
    return toc


def toc_element_add(*, toc: TheoryOfChange, user: Any, kind: str, text: str,
                    position: int | None = None, outcome: Outcome | None = None) -> ToCElement:
    _require_toc_change(user, toc)
    if position is None:
        last = toc.elements.aggregate(models.Max("position"))["position__max"]
        position = 0 if last is None else last + 1
    element = ToCElement(toc=toc, kind=kind, text=text, position=position, outcome=outcome)
    return _toc_saved(element, user=user, toc=toc, action=TOC_ELEMENT_SAVED)


def toc_element_delete(*, element: ToCElement, user: Any) -> None:
    """Delete an element and the links to and from it."""
    toc = element.toc
    _require_toc_change(user, toc)
    with transaction.atomic():
        audit_record(actor=user, action=TOC_ELEMENT_DELETED, target=element,
                     data={"toc_id": toc.pk, "id": element.pk})
        element.delete()


def toc_link_add(*, toc: TheoryOfChange, user: Any, source: ToCElement, target: ToCElement,
                 assumption: str = "") -> ToCLink:
    """Link two elements of ``toc``; elements of another theory are refused (ValidationError)."""
    _require_toc_change(user, toc)
    link = ToCLink(toc=toc, source=source, target=target, assumption=assumption)
    return _toc_saved(link, user=user, toc=toc, action=TOC_LINK_ADDED,
                      data={"source_id": source.pk, "target_id": target.pk})


def toc_link_remove(*, link: ToCLink, user: Any) -> None:
    toc = link.toc
    _require_toc_change(user, toc)
    with transaction.atomic():
        audit_record(actor=user, action=TOC_LINK_REMOVED, target=link,
                     data={"toc_id": toc.pk, "id": link.pk})
        link.delete()


# --- The value map and SROI ---------------------------------------------------------------


def value_map_row_create(*, initiative: Initiative, user: Any,
                         fields: Mapping[str, Any]) -> ValueMapRow:
    selectors.require_change(user, initiative)
    row = ValueMapRow(initiative=initiative)
    assign_fields(row, fields, VALUE_MAP_ROW_FIELDS)
    return save_child(row, user=user, initiative=initiative, action=VALUE_MAP_ROW_SAVED)


def value_map_row_update(*, row: ValueMapRow, user: Any, fields: Mapping[str, Any]) -> ValueMapRow:
    initiative = row.initiative
    selectors.require_change(user, initiative)
    changed = assign_fields(row, fields, VALUE_MAP_ROW_FIELDS)
    return save_child(row, user=user, initiative=initiative, action=VALUE_MAP_ROW_SAVED,
                      data={"fields": changed})


def value_map_row_delete(*, row: ValueMapRow, user: Any) -> None:
    initiative = row.initiative
    selectors.require_change(user, initiative)
    delete_child(row, user=user, initiative=initiative, action=VALUE_MAP_ROW_DELETED)


def value_map(initiative: Initiative) -> sroi.ValueMap:
    """The initiative's value map as the ``sroi`` module takes it.

    The value per unit comes from the chosen library proxy when there is one
    (with the proxy's source), otherwise from the row; a negative outcome's
    value is always negative. Raises ``sroi.SROIError`` (code
    ``inputs_missing`` when the total value of inputs is not filled in, or the
    module's own codes for values it rejects). The caller has fetched the
    initiative through ``selectors``, so may read it.
    """
    if initiative.inputs_total is None:
        raise sroi.SROIError(
            "Value map: the total value of inputs is not filled in.",
            field="inputs_total", code="inputs_missing")
    outcomes = []
    for row in selectors.value_map_rows_of(initiative):
        outcomes.append(sroi.Outcome(
            stakeholder=row.stakeholder.name,
            outcome=row.outcome.description,
            indicator=row.indicator.name if row.indicator_id else "",
            quantity=row.quantity,
            proxy_value=row.value_per_unit,
            proxy_source=row.source_text,
            deadweight=row.deadweight,
            displacement=row.displacement,
            attribution=row.attribution,
            drop_off=row.drop_off,
            duration_years=row.duration_years,
            starts_after_activity=row.starts_after_activity,
        ))
    return sroi.ValueMap(outcomes=tuple(outcomes), inputs_total=initiative.inputs_total,
                         discount_rate=initiative.discount_rate)


def initiative_sroi(initiative: Initiative) -> sroi.SROIResult:
    """The SROI of the initiative's value map, or ``sroi.SROIError`` saying what is missing."""
    vmap = value_map(initiative)
    if not vmap.outcomes:
        raise sroi.SROIError("Value map: there are no rows to value yet.", field="outcomes",
                             code="no_outcomes")
    return sroi.calculate(vmap)


def initiative_sensitivity(initiative: Initiative) -> sroi.SensitivityResult:
    vmap = value_map(initiative)
    if not vmap.outcomes:
        raise sroi.SROIError("Value map: there are no rows to value yet.", field="outcomes",
                             code="no_outcomes")
    return sroi.sensitivity(vmap)


# Translated sentences for ``SROIError.code`` (the module's messages are English).
SROI_MESSAGES = {
    "inputs_missing": gettext_lazy("Fill in the total value of the inputs first."),
    "no_outcomes": gettext_lazy("The value map has no rows yet."),
    "inputs_not_positive": gettext_lazy(
        "The total value of the inputs must be more than 0: a ratio over nothing is not "
        "infinite, it cannot be computed."),
    "discount_rate_out_of_range": gettext_lazy(
        "The discount rate must be a fraction from 0 to 1 (0.035 is 3.5 %)."),
    "fraction_out_of_range": gettext_lazy(
        "Deadweight, displacement, attribution and drop-off are fractions from 0 to 1 "
        "(0.25 is 25 %)."),
    "negative": gettext_lazy("A quantity cannot be negative; value a negative outcome with a "
                             "negative value instead."),
    "duration_out_of_range": gettext_lazy("The duration must be from 1 to 50 years."),
    "not_whole_years": gettext_lazy("The duration must be a whole number of years."),
}


def sroi_error_message(error: sroi.SROIError) -> str:
    """A translated sentence for the error, naming the value-map row when there is one."""
    message = str(SROI_MESSAGES.get(error.code, error))
    if error.outcome:
        return f"{error.outcome}: {message}"
    return message
