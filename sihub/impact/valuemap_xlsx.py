"""The value map as an XLSX workbook, in the SROI guide's columns, and back.

Layout (one sheet): a header block (the initiative, the total value of
inputs, the discount rate, the total impact), an empty row, then one row per
outcome in the guide's column order: stakeholder, outcome, indicator,
quantity, financial proxy, source, value per unit, deadweight, displacement,
attribution, drop-off, duration, starts during/after, impact. Amounts are
numbers, the four "percentages" and the discount rate are fractions in cells
formatted as % (so Excel shows 25 % and the cell holds 0.25, as the database
does). "Financial proxy" names a proxy of the library (blank: the row's own
value per unit, with its source); "Impact" is computed and ignored on import.

Import reads the same layout back (headers in English or Swedish, found
wherever the header row is), checks every row and writes nothing unless all
are right; then it *replaces* the initiative's value-map rows (and the inputs
and discount rate of the header block, when given) through the services, in
one transaction. Rows refer to stakeholder groups, outcomes and indicators
that exist (by name); the import does not create them.

Safety: the file is refused before parsing when too large or when its zip
parts unpack to too much (the limits of ``core.importing``); cells are read
as values (``data_only``: a formula's cached result, never the formula). On
export every text cell is stored as text after ``spreadsheet_safe`` (a
leading apostrophe on formula-like text), and ``Row.text`` removes it again.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sihub.core.importing import (
    MAX_BYTES,
    MAX_COLUMNS,
    MAX_PHYSICAL_ROWS,
    MAX_ROWS,
    MAX_UNPACKED_BYTES,
    ImportFileError,
    Row,
    RowError,
    name_key,
    report_validation_error,
    spreadsheet_safe,
)
from sihub.core.services import audit_record
from sihub.impact import selectors, services, sroi
from sihub.impact.models import FinancialProxy, Initiative, ValueMapRow

VALUE_MAP_IMPORTED = "impact.value_map_imported"

FRACTION_COLUMNS = ("deadweight", "displacement", "attribution", "drop_off")
MONEY_FORMAT = "#,##0.00"
QUANTITY_FORMAT = "#,##0.####"
PERCENT_FORMAT = "0.00%"
RATE_FORMAT = "0.000%"
HEADER_SEARCH_ROWS = 30  # the header row is found within the first rows

# (key, label): the guide's column order.
COLUMNS: tuple[tuple[str, Promise], ...] = (
    ("stakeholder", gettext_lazy("Stakeholder")),
    ("outcome", gettext_lazy("Outcome")),
    ("indicator", gettext_lazy("Indicator")),
    ("quantity", gettext_lazy("Quantity")),
    ("proxy", gettext_lazy("Financial proxy")),
    ("source", gettext_lazy("Source")),
    ("value", gettext_lazy("Value per unit (SEK)")),
    ("deadweight", gettext_lazy("Deadweight")),
    ("displacement", gettext_lazy("Displacement")),
    ("attribution", gettext_lazy("Attribution")),
    ("drop_off", gettext_lazy("Drop-off")),
    ("duration_years", gettext_lazy("Duration (years)")),
    ("starts", gettext_lazy("Starts (during/after)")),
    ("impact", gettext_lazy("Impact (SEK)")),
)
REQUIRED = ("stakeholder", "outcome", "quantity", "deadweight", "displacement", "attribution",
            "drop_off", "duration_years")
# The header block: (key, label) in column A, the value in column B.
BLOCK: tuple[tuple[str, Promise], ...] = (
    ("initiative", gettext_lazy("Initiative")),
    ("inputs_total", gettext_lazy("Total value of inputs (SEK)")),
    ("discount_rate", gettext_lazy("Discount rate")),
    ("total_impact", gettext_lazy("Total impact (SEK)")),
    ("exported", gettext_lazy("Exported")),
)
STARTS_DURING = ("during", gettext_lazy("during"))
STARTS_AFTER = ("after", gettext_lazy("after"))
LANGUAGES = ("en", "sv")


def _key(text: str) -> str:
    return re.sub(r"[\s\-_]+", "_", text.replace("\ufeff", "").strip().lower()).strip("_")


def _names(key: str, label: Promise) -> set[str]:
    """The key and the label in every language, normalised, as a header may say them."""
    names = {_key(key)}
    for language in LANGUAGES:
        with translation.override(language):
            names.add(_key(str(label)))
    return names


# --- Shared with the views: a stored row as the sroi module sees it ------------------------


def sroi_outcome(row: ValueMapRow) -> sroi.Outcome | None:
    """The row as ``sroi.Outcome`` (None if it cannot be computed, which constraints prevent)."""
    try:
        return sroi.Outcome(
            stakeholder=row.stakeholder.name, outcome=row.outcome.description,
            indicator=row.indicator.name if row.indicator_id else "", quantity=row.quantity,
            proxy_value=row.value_per_unit, proxy_source=row.source_text,
            deadweight=row.deadweight, displacement=row.displacement,
            attribution=row.attribution, drop_off=row.drop_off,
            duration_years=row.duration_years, starts_after_activity=row.starts_after_activity)
    except sroi.SROIError:
        return None


# --- Export --------------------------------------------------------------------------------


def _text_cell(sheet: Any, row: int, column: int, value: str) -> Any:
    cell = sheet.cell(row=row, column=column, value=spreadsheet_safe(value) if value else None)
    if value:
        cell.data_type = "s"  # text stays text: "=…" is never a formula
    return cell


def _number_cell(sheet: Any, row: int, column: int, value: Decimal | int | None,
                 number_format: str) -> Any:
    cell = sheet.cell(row=row, column=column, value=value)
    cell.number_format = number_format
    return cell


def value_map_workbook(initiative: Initiative) -> bytes:
    """The initiative's value map as XLSX bytes (labels in the active language).

    The caller has fetched the initiative through ``selectors`` (read access).
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Value map")[:31]
    bold = Font(bold=True)
    rows = list(selectors.value_map_rows_of(initiative))
    impacts = []
    for row in rows:
        outcome = sroi_outcome(row)
        impacts.append(sroi.outcome_impact(outcome) if outcome is not None else None)

    title = _text_cell(sheet, 1, 1, _("Value map"))
    title.font = Font(bold=True, size=14)
    block_values: dict[str, Any] = {
        "initiative": initiative.title,
        "inputs_total": initiative.inputs_total,
        "discount_rate": initiative.discount_rate,
        "total_impact": sum((i for i in impacts if i is not None), Decimal(0)),
        "exported": timezone.localdate().isoformat(),
    }
    formats = {"inputs_total": MONEY_FORMAT, "discount_rate": RATE_FORMAT,
               "total_impact": MONEY_FORMAT}
    for offset, (key, label) in enumerate(BLOCK, start=2):
        _text_cell(sheet, offset, 1, str(label)).font = bold
        value = block_values[key]
        if key in formats:
            _number_cell(sheet, offset, 2, value, formats[key])
        else:
            _text_cell(sheet, offset, 2, str(value))
    header_row = len(BLOCK) + 3
    for column, (_key_, label) in enumerate(COLUMNS, start=1):
        _text_cell(sheet, header_row, column, str(label)).font = bold
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)

    starts = {False: str(STARTS_DURING[1]), True: str(STARTS_AFTER[1])}
    for number, (row, impact) in enumerate(zip(rows, impacts, strict=True), start=header_row + 1):
        values: dict[str, Any] = {
            "stakeholder": row.stakeholder.name,
            "outcome": row.outcome.description,
            "indicator": row.indicator.name if row.indicator_id else "",
            "quantity": row.quantity,
            "proxy": row.proxy.name if row.proxy_id else "",
            "source": row.source_text,
            "value": row.value_per_unit,
            "deadweight": row.deadweight, "displacement": row.displacement,
            "attribution": row.attribution, "drop_off": row.drop_off,
            "duration_years": row.duration_years,
            "starts": starts[row.starts_after_activity],
            "impact": impact,
        }
        number_formats = {"quantity": QUANTITY_FORMAT, "value": MONEY_FORMAT,
                          "duration_years": "0", "impact": MONEY_FORMAT,
                          **{k: PERCENT_FORMAT for k in FRACTION_COLUMNS}}
        for column, (key, _label) in enumerate(COLUMNS, start=1):
            if key in number_formats:
                _number_cell(sheet, number, column, values[key], number_formats[key])
            else:
                _text_cell(sheet, number, column, values[key])
    widths = {"stakeholder": 24, "outcome": 40, "indicator": 28, "proxy": 36, "source": 40}
    for column, (key, _label) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = widths.get(key, 14)
    sheet.column_dimensions["A"].width = 30
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# --- Import --------------------------------------------------------------------------------


@dataclass
class ValueMapImportReport:
    """What an import found; ``created``/``deleted`` stay 0 unless it was written."""

    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    deleted: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class _Sheet:
    block: dict[str, tuple[int, Any]]  # key → (row number, value)
    headers: dict[str, str]  # column key → header as written
    rows: list[tuple[int, dict[str, Any]]]  # (row number, key → raw value)
    errors: list[RowError]


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _load(source: IO[bytes]) -> Any:
    from openpyxl import load_workbook

    data = source.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ImportFileError(_("The file is larger than %(mb)s MB.")
                              % {"mb": MAX_BYTES // 1_048_576})
    unreadable = ImportFileError(_("The file is not an Excel workbook (.xlsx)."))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise ImportFileError(_("The file is larger than %(mb)s MB.")
                                      % {"mb": MAX_BYTES // 1_048_576})
    except zipfile.BadZipFile:
        raise unreadable from None
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged or foreign file
        raise unreadable from None


def _read_sheet(source: IO[bytes]) -> _Sheet:
    workbook = _load(source)
    try:
        if not workbook.worksheets:
            raise ImportFileError(_("The file is empty."))
        return _parse(workbook.worksheets[0].iter_rows(values_only=True, max_col=MAX_COLUMNS))
    finally:
        workbook.close()


def _parse(raw_rows: Any) -> _Sheet:
    column_names = {key: _names(key, label) for key, label in COLUMNS}
    block_names = {key: _names(key, label) for key, label in BLOCK}
    sheet = _Sheet(block={}, headers={}, rows=[], errors=[])
    positions: list[tuple[int, str]] = []
    header_at = 0
    for number, values in enumerate(raw_rows, start=1):
        if number > MAX_PHYSICAL_ROWS:
            raise ImportFileError(_("The file has more than %(rows)s rows.") % {"rows": MAX_ROWS})
        values = list(values)
        if not header_at:
            keys = [_key(_cell_text(v)) for v in values]
            if column_names["stakeholder"] & set(keys) and column_names["outcome"] & set(keys):
                header_at = number
                for position, (text, k) in enumerate(zip(values, keys, strict=True)):
                    if not k:
                        continue
                    name = next((c for c, names in column_names.items() if k in names), None)
                    if name is None:
                        sheet.errors.append(RowError(number, _cell_text(text), _("Unknown column.")))
                    elif name in sheet.headers:
                        sheet.errors.append(RowError(number, _cell_text(text),
                                                     _("The column appears twice.")))
                    else:
                        sheet.headers[name] = _cell_text(text)
                        positions.append((position, name))
                for required in REQUIRED:
                    if required not in sheet.headers:
                        sheet.errors.append(RowError(number, str(dict(COLUMNS)[required]),
                                                     _("This column is required.")))
                continue
            if number > HEADER_SEARCH_ROWS:
                break
            label = keys[0] if keys else ""
            block = next((b for b, names in block_names.items() if label in names), None)
            if block is not None and len(values) > 1:
                sheet.block[block] = (number, values[1])
            continue
        if not any(_cell_text(v) for v in values):
            continue
        if len(sheet.rows) >= MAX_ROWS:
            raise ImportFileError(_("The file has more than %(rows)s rows.") % {"rows": MAX_ROWS})
        sheet.rows.append((number, {name: values[pos] if pos < len(values) else None
                                    for pos, name in positions}))
    if not header_at:
        raise ImportFileError(_("No header row with the value map's columns (“%(a)s”, “%(b)s” …) "
                                "was found. Start from an exported value map.")
                              % {"a": dict(COLUMNS)["stakeholder"], "b": dict(COLUMNS)["outcome"]})
    return sheet


_NUMBER = re.compile(r"^[-+]?\d+([.,]\d+)?([eE][-+]?\d+)?$")


def _number(row: Row, raw: dict[str, Any], column: str, *, required: bool = True,
            percent: bool = False) -> Decimal | None:
    """A number cell: a spreadsheet number, or text with a point or decimal comma.

    With ``percent``, text may end in "%" ("25 %" is 0.25); a number cell is a
    fraction already (a cell formatted as % holds 0.25 for 25 %).
    """
    value = raw.get(column)
    if isinstance(value, bool):
        row.error(column, _("“%(value)s” is not a number.") % {"value": value})
        return None
    if isinstance(value, (int, float, Decimal)):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if not number.is_finite():
            row.error(column, _("“%(value)s” is not a number.") % {"value": value})
            return None
        return number
    text = row.text(column).replace("\u00a0", "").replace(" ", "")
    if not text:
        if required:
            row.error(column, _("A value is required."))
        return None
    scale = Decimal(1)
    if percent and text.endswith("%"):
        text, scale = text[:-1], Decimal(100)
    if not _NUMBER.match(text):
        row.error(column, _("“%(value)s” is not a number.") % {"value": row.text(column)})
        return None
    try:
        return Decimal(text.replace(",", ".")) / scale
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        row.error(column, _("“%(value)s” is not a number.") % {"value": row.text(column)})
        return None


def _fraction(row: Row, raw: dict[str, Any], column: str) -> Decimal | None:
    value = _number(row, raw, column, percent=True)
    if value is not None and not Decimal(0) <= value <= Decimal(1):
        row.error(column, _("Must be from 0 %% to 100 %% (a fraction from 0 to 1: 25 %% is 0.25); "
                            "got %(value)s.") % {"value": row.text(column) or value})
        return None
    return value


def _starts(row: Row) -> bool:
    text = _key(row.text("starts"))
    if not text:
        return False
    if text in _names(*STARTS_DURING):
        return False
    if text in _names(*STARTS_AFTER):
        return True
    row.error("starts", _("Write “%(during)s” or “%(after)s”.")
              % {"during": STARTS_DURING[1], "after": STARTS_AFTER[1]})
    return False


class _Lookups:
    """The initiative's stakeholders, outcomes, indicators and the proxy library, by name."""

    def __init__(self, initiative: Initiative) -> None:
        self.stakeholders = {name_key(s.name): s for s in selectors.stakeholders_of(initiative)}
        self.outcomes: dict[tuple[int, str], Any] = {}
        for o in selectors.outcomes_of(initiative):
            self.outcomes.setdefault((o.stakeholder_id, name_key(o.description)), o)
        self.indicators: dict[tuple[int, str], Any] = {}
        for i in selectors.indicators_of(initiative):
            self.indicators.setdefault((i.outcome_id, name_key(i.name)), i)
        self.proxies: dict[str, FinancialProxy] = {}
        for p in FinancialProxy.objects.all():
            for name in (p.key, p.name_sv, p.name_en):
                self.proxies.setdefault(name_key(name), p)


def _check_row(row: Row, raw: dict[str, Any], look: _Lookups) -> dict[str, Any] | None:
    """The service fields of one row, or None (its problems are on ``row``)."""
    stakeholder = outcome = indicator = proxy = None
    name = row.text("stakeholder").strip()
    if not name:
        row.error("stakeholder", _("A value is required."))
    else:
        stakeholder = look.stakeholders.get(name_key(name))
        if stakeholder is None:
            row.error("stakeholder", _("This initiative has no stakeholder group “%(value)s”.")
                      % {"value": name})
    description = row.text("outcome").strip()
    if not description:
        row.error("outcome", _("A value is required."))
    elif stakeholder is not None:
        outcome = look.outcomes.get((stakeholder.pk, name_key(description)))
        if outcome is None:
            row.error("outcome", _("“%(stakeholder)s” has no outcome “%(value)s”.")
                      % {"stakeholder": stakeholder.name, "value": description})
    indicator_name = row.text("indicator").strip()
    if indicator_name and outcome is not None:
        indicator = look.indicators.get((outcome.pk, name_key(indicator_name)))
        if indicator is None:
            row.error("indicator", _("This outcome has no indicator “%(value)s”.")
                      % {"value": indicator_name})
    proxy_name = row.text("proxy").strip()
    if proxy_name:
        proxy = look.proxies.get(name_key(proxy_name))
        if proxy is None:
            row.error("proxy", _("The library has no financial proxy “%(value)s”.")
                      % {"value": proxy_name})
    quantity = _number(row, raw, "quantity")
    value = _number(row, raw, "value", required=proxy is None and not proxy_name)
    fractions = {c: _fraction(row, raw, c) for c in FRACTION_COLUMNS}
    duration = _number(row, raw, "duration_years")
    starts_after = _starts(row)
    source = row.text("source").strip()
    if proxy is not None and source == proxy.citation:
        source = ""  # the export writes the library's citation; the row keeps none of its own
    if row.errors:
        return None
    assert stakeholder is not None and outcome is not None and quantity is not None
    assert duration is not None
    try:
        sroi.Outcome(
            stakeholder=stakeholder.name, outcome=outcome.description, indicator="",
            quantity=quantity, proxy_value=proxy.value_sek if proxy else value,
            proxy_source="", duration_years=duration, starts_after_activity=starts_after,
            **{c: fractions[c] for c in FRACTION_COLUMNS})
    except sroi.SROIError as error:
        error.outcome = None
        column = {"proxy_value": "value"}.get(error.field, error.field)
        row.error(column if column in row.headers else "", services.sroi_error_message(error))
        return None
    fields = {
        "stakeholder": stakeholder, "outcome": outcome, "indicator": indicator,
        "quantity": quantity, "proxy": proxy, "proxy_value": None if proxy else value,
        "proxy_source": source[:500], "duration_years": int(duration),
        "starts_after_activity": starts_after, **fractions,
    }
    candidate = ValueMapRow(initiative=outcome.initiative, **fields)
    try:
        candidate.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        report_validation_error(row, exc, {
            "stakeholder": "stakeholder", "outcome": "outcome", "indicator": "indicator",
            "quantity": "quantity", "proxy": "proxy", "proxy_value": "value",
            "proxy_source": "source", "duration_years": "duration_years",
            **{c: c for c in FRACTION_COLUMNS}})
        return None
    return fields


def _check_block(sheet: _Sheet) -> tuple[dict[str, Any], list[RowError]]:
    """Inputs and discount rate from the header block (each optional)."""
    fields: dict[str, Any] = {}
    errors: list[RowError] = []
    labels = dict(BLOCK)
    for key in ("inputs_total", "discount_rate"):
        if key not in sheet.block:
            continue
        number, value = sheet.block[key]
        row = Row(number, {key: _cell_text(value)}, {key: str(labels[key])}, None)  # type: ignore[arg-type]
        parsed = _number(row, {key: value}, key, required=False, percent=key == "discount_rate")
        if parsed is None and not row.errors:
            if key == "inputs_total":
                fields[key] = None
            errors.extend(row.errors)
            continue
        if key == "inputs_total" and parsed is not None and parsed <= 0:
            row.error(key, services.sroi_error_message(sroi.SROIError(
                "inputs", field=key, code="inputs_not_positive")))
        if key == "discount_rate" and parsed is not None and not 0 <= parsed <= 1:
            row.error(key, services.sroi_error_message(sroi.SROIError(
                "rate", field=key, code="discount_rate_out_of_range")))
        if not row.errors:
            fields[key] = parsed.quantize(Decimal("0.01") if key == "inputs_total"
                                          else Decimal("0.00001"))
        errors.extend(row.errors)
    return fields, errors


def value_map_import_xlsx(*, initiative: Initiative, user: Any,
                          file: IO[bytes]) -> ValueMapImportReport:
    """Replace the initiative's value map with the workbook's rows: every row right, or nothing.

    Raises ImportFileError when the file cannot be read at all, PermissionDenied
    or Http404 when ``user`` may not change the initiative.
    """
    selectors.require_change(user, initiative)
    sheet = _read_sheet(file)
    report = ValueMapImportReport(rows=len(sheet.rows), errors=list(sheet.errors))
    if sheet.errors:
        return report
    initiative_fields, block_errors = _check_block(sheet)
    report.errors.extend(block_errors)
    look = _Lookups(initiative)
    new_rows: list[tuple[int, dict[str, Any]]] = []
    for number, raw in sheet.rows:
        cells = {k: _cell_text(v) for k, v in raw.items()}
        row = Row(number, cells, sheet.headers, None)  # type: ignore[arg-type]
        fields = _check_row(row, raw, look)
        report.errors.extend(row.errors)
        if fields is not None:
            new_rows.append((number, fields))
    if report.errors:
        return report

    try:
        with transaction.atomic():
            for old in list(selectors.value_map_rows_of(initiative)):
                services.value_map_row_delete(row=old, user=user)
                report.deleted += 1
            for position, (_number_, fields) in enumerate(new_rows):
                services.value_map_row_create(initiative=initiative, user=user,
                                              fields={**fields, "position": position})
                report.created += 1
            if initiative_fields:
                services.initiative_update(initiative=initiative, user=user,
                                           fields=initiative_fields)
            audit_record(actor=user, action=VALUE_MAP_IMPORTED, target=initiative,
                         data={"rows": report.rows, "created": report.created,
                               "deleted": report.deleted})
    except ValidationError as exc:  # a check above missed something: nothing was written
        initiative.refresh_from_db()
        report.created = report.deleted = 0
        for message in exc.messages:
            report.errors.append(RowError(0, "", message))
    return report
