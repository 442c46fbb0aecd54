"""Importing pages from a spreadsheet: read, check every row, then write all or nothing.

An importer (``cases/importers.py``, ``knowledge/importers.py``) names its
columns, in English and Swedish, and turns one row into an unsaved page with
its tags; everything else happens here, the same way for every kind:

* the file is refused before parsing if it is larger than ``MAX_BYTES``, and
  while reading if it has more than ``MAX_ROWS`` rows;
* CSV may be UTF-8 with or without a byte-order mark, separated by commas or
  semicolons (found from the header line); XLSX is read with openpyxl in
  read-only mode, cached values instead of formulas;
* every row is checked with the page model's own validation (``full_clean``)
  plus look-ups of goals, targets, themes, counties and municipalities, and
  *all* problems are collected as (row, column, message);
* a dry run stops there; a real run writes nothing if any row has a problem,
  and otherwise creates every page in one transaction, under the index page
  and in its language, then records ``import.completed`` in the audit log.

Rows are numbered as a spreadsheet shows them: the header is row 1.

Importers that are not pages (``actors/importers.py``) use the same reading
(``read_tables`` also reads several named sheets of one workbook), the same
``Row`` look-ups and report, and ``PendingFiles`` for the admin's two steps;
they write their own rows. ``spreadsheet_safe`` is the other direction: text
for a CSV export that a spreadsheet program will not run as a formula.
"""

from __future__ import annotations

import csv
import functools
import io
import os
import re
import secrets
import stat
import unicodedata
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path, PurePath
from typing import IO, Any, Protocol

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import models, transaction
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Page

from sihub.core.services import audit_record

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5_000
MAX_COLUMNS = 100
# An XLSX file is a zip; its parts may unpack to at most this much, so a small
# file cannot make openpyxl build a huge workbook in memory.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
# Spreadsheets often carry formatted but empty rows; read at most this many
# rows in all, blank or not, before giving up.
MAX_PHYSICAL_ROWS = 10 * MAX_ROWS
LIST_SEPARATOR = ";"
EXTENSIONS = (".csv", ".xlsx")

Progress = Callable[[str, int, int], None]  # (stage, done, total)


class ImportFileError(Exception):
    """The file as a whole cannot be read: too large, too long, wrong format."""


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str
    sheet: str = ""  # which sheet or file, when an import reads more than one

    def __str__(self) -> str:
        where = _("row %(row)s") % {"row": self.row}
        if self.sheet:
            where = f"{self.sheet}, {where}"
        if self.column:
            return f"{where}, {self.column}: {self.message}"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Column:
    name: str  # the canonical (English) name, which is also the model-side key
    aliases: tuple[str, ...] = ()  # other accepted headers, e.g. the Swedish ones
    required: bool = False  # the header must have it


class Importer(Protocol):
    """One kind of page that can be imported; see cases/importers.py for an example."""

    kind: str  # e.g. "cases", for the audit log
    index_model: type[Page]
    columns: tuple[Column, ...]
    # Model field → column, for the errors full_clean() reports; NON_FIELD_ERRORS
    # names the column a cross-field error is best shown at.
    field_columns: dict[str, str]

    def build(self, row: Row) -> Page:
        """An unsaved page (title, fields and tags) from one row; problems go to ``row.error``."""
        ...


# --- Reading -------------------------------------------------------------------


@dataclass
class Table:
    headers: dict[str, str]  # canonical name → the header as written in the file
    rows: list[tuple[int, dict[str, str]]]  # (row number, canonical name → cell text)
    errors: list[RowError] = field(default_factory=list)  # header problems (row 1)
    title: str = ""  # the sheet's title, for a workbook


def _header_key(text: str) -> str:
    return re.sub(r"[\s\-]+", "_", text.replace("\ufeff", "").strip().lower())


def _too_large() -> ImportFileError:
    return ImportFileError(_("The file is larger than %(mb)s MB.") % {"mb": MAX_BYTES // 1_048_576})


def _too_long() -> ImportFileError:
    return ImportFileError(_("The file has more than %(rows)s rows.") % {"rows": f"{MAX_ROWS:,}"})


@dataclass(frozen=True)
class Sheet:
    """One table an import reads: a named sheet of a workbook, or a whole CSV file."""

    key: str  # the importer's name for it, e.g. "offerings"
    names: tuple[str, ...]  # sheet titles that hold it, e.g. ("offerings", "erbjudanden")
    columns: Sequence[Column]
    # A CSV file, or a workbook none of whose sheets is named, is the primary table.
    primary: bool = False


def read_table(source: IO[bytes], *, filename: str, size: int,
               columns: Sequence[Column]) -> Table:
    """The rows of a CSV or XLSX file (its first sheet), keyed by canonical column name."""
    tables = read_tables(source, filename=filename, size=size,
                         sheets=[Sheet("", (), columns, primary=True)])
    if "" not in tables:  # a workbook without a single sheet
        raise ImportFileError(_("The file is empty."))
    return tables[""]


def read_tables(source: IO[bytes], *, filename: str, size: int,
                sheets: Sequence[Sheet]) -> dict[str, Table]:
    """The tables of a file by ``Sheet.key``: those of ``sheets`` that it holds.

    A CSV file holds the primary table only. A workbook holds each sheet whose
    title is one of its names; the primary table is otherwise its first sheet
    not claimed by another, so a one-sheet workbook works whatever the title.
    """
    if size > MAX_BYTES:
        raise _too_large()
    primary = next((s for s in sheets if s.primary), None)
    extension = PurePath(filename).suffix.lower()
    if extension == ".csv":
        data = source.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:  # a size that was not the truth
            raise _too_large()
        return {primary.key: _table(_csv_rows(data), primary.columns)} if primary else {}
    if extension == ".xlsx":
        return _xlsx_tables(source, sheets)
    raise ImportFileError(_("Only CSV and XLSX files can be imported."))


def _csv_rows(data: bytes) -> Iterator[list[str]]:
    try:
        text = data.decode("utf-8-sig")  # drops a byte-order mark if there is one
    except UnicodeDecodeError:
        raise ImportFileError(_("The CSV file is not UTF-8 text. Save it as “CSV UTF-8”.")) from None
    header_line = text.split("\n", 1)[0]
    try:
        # Sniffing the header alone: column names hold no commas or semicolons,
        # while the text in the rows below often does.
        dialect: Any = csv.Sniffer().sniff(header_line, delimiters=",;")
    except csv.Error:
        dialect = csv.excel  # one column only: the separator does not matter
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=dialect.delimiter,
                        quotechar='"', doublequote=True, skipinitialspace=False, strict=False)
    try:
        yield from reader
    except csv.Error as exc:
        raise ImportFileError(_("The CSV file cannot be read: %(error)s") % {"error": exc}) from None


def _xlsx_tables(source: IO[bytes], sheets: Sequence[Sheet]) -> dict[str, Table]:
    from openpyxl import load_workbook

    data = source.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise _too_large()
    unreadable = ImportFileError(_("The file is not an Excel workbook (.xlsx)."))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise _too_large()
    except zipfile.BadZipFile:
        raise unreadable from None
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged or foreign file
        raise unreadable from None
    try:
        by_title = {_header_key(ws.title): ws for ws in workbook.worksheets}
        found: dict[str, Any] = {}
        for sheet in sheets:
            match = next((by_title[_header_key(n)] for n in sheet.names
                          if _header_key(n) in by_title), None)
            if match is not None:
                found[sheet.key] = match
        primary = next((s for s in sheets if s.primary), None)
        if primary is not None and primary.key not in found:
            claimed = {id(ws) for ws in found.values()}
            spare = [ws for ws in workbook.worksheets if id(ws) not in claimed]
            if spare:
                found[primary.key] = spare[0]
        tables = {}
        for sheet in sheets:
            if sheet.key in found:
                tables[sheet.key] = _table(_xlsx_rows(found[sheet.key]), sheet.columns)
                tables[sheet.key].title = found[sheet.key].title
        return tables
    finally:
        workbook.close()


def _xlsx_rows(sheet: Any) -> Iterator[list[str]]:
    for values in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS):
        yield [_cell_text(v) for v in values]


def _cell_text(value: Any) -> str:
    """A spreadsheet cell as the text a person typed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # 2023.0 → "2023"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _table(raw_rows: Iterator[list[str]], columns: Sequence[Column]) -> Table:
    by_key = {}
    for column in columns:
        for name in (column.name, *column.aliases):
            by_key[_header_key(name)] = column.name
    table = Table(headers={}, rows=[])
    header = next(raw_rows, None)
    if header is None:
        raise ImportFileError(_("The file is empty."))
    positions: list[tuple[int, str]] = []
    for position, text in enumerate(header[:MAX_COLUMNS]):
        if not text.strip():
            continue  # unnamed, usually empty, columns at the right
        name = by_key.get(_header_key(text))
        if name is None:
            table.errors.append(RowError(1, text.strip(), _("Unknown column.")))
        elif name in table.headers:
            table.errors.append(RowError(1, text.strip(), _("The column appears twice.")))
        else:
            table.headers[name] = text.strip()
            positions.append((position, name))
    for column in columns:
        if column.required and column.name not in table.headers:
            table.errors.append(RowError(1, column.name, _("This column is required.")))

    physical = 1
    for number, values in enumerate(raw_rows, start=2):
        physical += 1
        if physical > MAX_PHYSICAL_ROWS:
            raise _too_long()
        if not any(v.strip() for v in values):
            continue
        if len(table.rows) >= MAX_ROWS:
            raise _too_long()
        cells = {name: values[pos].strip() if pos < len(values) else ""
                 for pos, name in positions}
        table.rows.append((number, cells))
    return table


# --- Checking one row ------------------------------------------------------------


def name_key(text: str) -> str:
    """A name as a look-up key: case, accents' composition and spacing do not matter."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


class Vocabulary:
    """The reference data rows point at, loaded once per import (six queries).

    Counties, municipalities, themes and sectors are found by code or slug and
    by name in Swedish or English ("Västerbottens län", "Västerbotten",
    "Umeå", "Umeå kommun", "Utbildning och lärande").
    """

    def __init__(self) -> None:
        from sihub.core.models import County, Municipality, Sector, Theme
        from sihub.sdg.models import Goal, Target

        self.goals = {g.number: g for g in Goal.objects.all()}
        self.targets = {t.code: t for t in Target.objects.select_related("goal")}
        self.themes = {t.slug: t for t in Theme.objects.all()}
        self.sectors = {s.slug: s for s in Sector.objects.all()}
        self.counties = {c.code: c for c in County.objects.all()}
        self.municipalities = {m.code: m for m in Municipality.objects.select_related("county")}
        self._names: dict[str, dict[str, Any]] = {"theme": {}, "sector": {}, "county": {},
                                                  "municipality": {}}
        for kind, objects in (("theme", self.themes), ("sector", self.sectors)):
            for slug, obj in objects.items():
                for name in (slug, obj.name_sv, obj.name_en):
                    self._names[kind].setdefault(name_key(name), obj)
        for county in self.counties.values():
            for name in (county.name_sv, county.name_en,
                         re.sub(r"\s+län$", "", county.name_sv),
                         re.sub(r"s?\s+län$", "", county.name_sv),
                         re.sub(r"\s+county$", "", county.name_en, flags=re.IGNORECASE)):
                self._names["county"].setdefault(name_key(name), county)
        for municipality in self.municipalities.values():
            for name in (municipality.name, f"{municipality.name} kommun"):
                self._names["municipality"].setdefault(name_key(name), municipality)

    def county(self, text: str) -> Any:
        """A county by its code ("24", "1" for "01") or name; None if there is none."""
        if text.isdigit():
            return self.counties.get(text.zfill(2))
        return self._names["county"].get(name_key(text))

    def municipality(self, text: str) -> Any:
        if text.isdigit():
            return self.municipalities.get(text.zfill(4))
        return self._names["municipality"].get(name_key(text))

    def theme(self, text: str) -> Any:
        return self.themes.get(text.lower()) or self._names["theme"].get(name_key(text))

    def sector(self, text: str) -> Any:
        return self.sectors.get(text.lower()) or self._names["sector"].get(name_key(text))


# Spreadsheet programs run a cell that starts with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[-+]?\d+([.,]\d+)?([eE][-+]?\d+)?$")


def spreadsheet_safe(value: Any) -> Any:
    """Text for a CSV cell that Excel or LibreOffice will show, never run.

    Text that a spreadsheet would read as a formula gets a leading apostrophe
    (OWASP's advice against CSV injection); plain numbers such as "-12.5" stay
    as they are. ``Row.text`` removes the apostrophe again on import.
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES) and not _NUMBER.match(value):
        return "'" + value
    return value


_YES = {"yes", "y", "ja", "j", "true", "sant", "1", "x"}
_NO = {"no", "n", "nej", "false", "falskt", "0"}


class Row:
    """One row's cells, its problems, and the look-ups every importer needs."""

    def __init__(self, number: int, cells: dict[str, str], headers: dict[str, str],
                 vocabulary: Vocabulary, *, sheet: str = "") -> None:
        self.number = number
        self.cells = cells
        self.headers = headers
        self.vocabulary = vocabulary
        self.sheet = sheet
        self.errors: list[RowError] = []

    def column_label(self, name: str) -> str:
        """The column as the file names it, so people find it in their spreadsheet."""
        return self.headers.get(name, name)

    def error(self, column: str, message: str) -> None:
        self.errors.append(RowError(self.number, self.column_label(column) if column else "",
                                    message, self.sheet))

    def text(self, column: str) -> str:
        value = self.cells.get(column, "")
        if "\x00" in value:
            self.error(column, _("The text holds a NUL character."))
            value = value.replace("\x00", "")
        if value[:1] == "'" and value[1:2] in FORMULA_PREFIXES:
            value = value[1:]  # written by spreadsheet_safe() on export
        return value

    def items(self, column: str) -> list[str]:
        return [item.strip() for item in self.text(column).split(LIST_SEPARATOR) if item.strip()]

    def integer(self, column: str) -> int | None:
        value = self.text(column)
        if not value:
            return None
        try:
            return int(value)
        except ValueError:
            self.error(column, _("“%(value)s” is not a whole number.") % {"value": value})
            return None

    def decimal(self, column: str) -> float | None:
        """A decimal number, with a point or a (Swedish) decimal comma."""
        value = self.text(column)
        if not value:
            return None
        if _NUMBER.match(value):
            return float(value.replace(",", "."))
        self.error(column, _("“%(value)s” is not a number.") % {"value": value})
        return None

    def boolean(self, column: str, default: bool = False) -> bool:
        """yes/no, ja/nej, true/false, 1/0 or x; blank is ``default``."""
        value = self.text(column).strip().lower()
        if not value:
            return default
        if value in _YES:
            return True
        if value in _NO:
            return False
        self.error(column, _("“%(value)s” is neither yes nor no.") % {"value": self.text(column)})
        return default

    def date(self, column: str) -> date | None:
        value = self.text(column)
        if not value:
            return None
        try:
            return date.fromisoformat(value[:10] if "T" in value else value)
        except ValueError:
            self.error(column, _("“%(value)s” is not a date like 2025-03-31.") % {"value": value})
            return None

    def choice(self, column: str, choices: type[models.TextChoices]) -> str | None:
        """A choice given by its value or its Swedish or English label; None if blank."""
        value = self.text(column)
        if not value:
            return None
        return self._choice(column, value, choices)

    def choice_items(self, column: str, choices: type[models.TextChoices]) -> list[str]:
        """Several choices, separated by semicolons; the unknown ones are reported."""
        found = [self._choice(column, item, choices) for item in self.items(column)]
        return list(dict.fromkeys(v for v in found if v))

    def _choice(self, column: str, value: str, choices: type[models.TextChoices]) -> str | None:
        accepted = _accepted_choices(choices)
        if value.lower() in accepted:
            return accepted[value.lower()]
        self.error(column, _("“%(value)s” is not one of: %(choices)s.")
                   % {"value": value, "choices": ", ".join(choices.values)})
        return None

    def goals(self, column: str = "sdgs") -> list[Any]:
        found = []
        for item in self.items(column):
            goal = self.vocabulary.goals.get(int(item)) if item.isdigit() else None
            if goal is None:
                self.error(column, _("There is no global goal “%(value)s” (1–17).") % {"value": item})
            else:
                found.append(goal)
        return found

    def targets(self, column: str = "targets") -> list[Any]:
        found = []
        for item in self.items(column):
            target = self.vocabulary.targets.get(item.lower())
            if target is None:
                self.error(column, _("There is no target “%(value)s”.") % {"value": item})
            else:
                found.append(target)
        return found

    def themes(self, column: str = "themes") -> list[Any]:
        found = []
        for item in self.items(column):
            theme = self.vocabulary.theme(item)
            if theme is None:
                self.error(column, _("There is no theme “%(value)s”.") % {"value": item})
            else:
                found.append(theme)
        return found

    def sector(self, column: str) -> Any:
        """One sector by slug or name; None if blank or unknown (reported)."""
        value = self.text(column).strip()
        if not value:
            return None
        sector = self.vocabulary.sector(value)
        if sector is None:
            self.error(column, _("There is no sector “%(value)s”.") % {"value": value})
        return sector

    def sectors(self, column: str) -> list[Any]:
        found = []
        for item in self.items(column):
            sector = self.vocabulary.sector(item)
            if sector is None:
                self.error(column, _("There is no sector “%(value)s”.") % {"value": item})
            else:
                found.append(sector)
        return found

    def counties(self, column: str = "county_code") -> list[Any]:
        found = []
        for item in self.items(column):
            county = self.vocabulary.county(item)
            if county is None:
                self.error(column, _("There is no county “%(value)s” (by code or name).")
                           % {"value": item})
            else:
                found.append(county)
        return found

    def municipality(self, column: str) -> Any:
        """One municipality by code or name; None if blank or unknown (reported)."""
        value = self.text(column).strip()
        if not value:
            return None
        municipality = self.vocabulary.municipality(value)
        if municipality is None:
            self.error(column, _("There is no municipality “%(value)s” (by code or name).")
                       % {"value": value})
        return municipality

    def municipalities(self, column: str = "municipality_code") -> list[Any]:
        found = []
        for item in self.items(column):
            municipality = self.vocabulary.municipality(item)
            if municipality is None:
                self.error(column, _("There is no municipality “%(value)s” (by code or name).")
                           % {"value": item})
            else:
                found.append(municipality)
        return found


@functools.cache
def _accepted_choices(choices: type[models.TextChoices]) -> dict[str, str]:
    accepted = {}
    for member in choices:
        accepted[member.value.lower()] = member.value
        for language in ("sv", "en"):
            with translation.override(language):
                accepted[str(member.label).lower()] = member.value
    return accepted


# --- The import ------------------------------------------------------------------


@dataclass
class ImportReport:
    kind: str
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)  # of the rows that are (or would be) pages
    created: list[int] = field(default_factory=list)  # page ids; empty unless written
    dry_run: bool = False
    published: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def error_rows(self) -> int:
        return len({e.row for e in self.errors})

    def summary(self, limit: int = 50) -> str:
        """The row errors as lines of text, for a command's output."""
        lines = [ngettext("%(n)s row has errors; nothing was imported.",
                          "%(n)s rows have errors; nothing was imported.",
                          self.error_rows()) % {"n": self.error_rows()}]
        lines += [f"  {e}" for e in self.errors[:limit]]
        if len(self.errors) > limit:
            lines.append("  " + _("… and %(n)s more.") % {"n": len(self.errors) - limit})
        return "\n".join(lines)


def report_validation_error(row: Row, exc: ValidationError, field_columns: dict[str, str]) -> None:
    """Add the model's own validation errors to the row, each at its column.

    ``field_columns`` maps model fields to columns where they differ; a field
    not in it is its own column's name. A cell the row already found wrong
    (e.g. "20x3" as a year) is not reported twice by the model ("this field
    cannot be null").
    """
    reported = {e.column for e in row.errors}
    for name, messages in exc.message_dict.items():
        column = field_columns.get(name, name)
        column = "" if column == NON_FIELD_ERRORS else column
        if column and row.column_label(column) in reported:
            continue
        for message in messages:
            row.error(column, message)


# Fields the import sets itself, or that only exist once the page is in the tree.
_NOT_VALIDATED = ["path", "depth", "numchild", "url_path", "locale", "content_type",
                  "translation_key", "owner", "latest_revision", "live_revision",
                  "draft_title"]  # draft_title is the title, checked as such


def unique_slug(title: str, taken: set[str], *, max_length: int = 240,
                fallback: str = "page") -> str:
    """A slug for ``title`` not in ``taken`` (which it joins), numbered "-2", "-3" …"""
    # Like wagtail.coreutils.find_available_slug, but also unique within the
    # batch, whose rows are not in the database yet; numbered as Wagtail does.
    base = (slugify(title) or fallback)[:max_length].strip("-") or fallback
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    taken.add(slug)
    return slug


def _check(importer: Importer, index_page: Page, table: Table, progress: Progress | None,
           ) -> tuple[list[Page], list[RowError]]:
    vocabulary = Vocabulary()
    taken = set(index_page.get_children().values_list("slug", flat=True))
    pages: list[Page] = []
    errors = list(table.errors)
    total = len(table.rows)
    for done, (number, cells) in enumerate(table.rows, start=1):
        row = Row(number, cells, table.headers, vocabulary)
        page = importer.build(row)
        page.slug = unique_slug(page.title or "", taken)
        page.locale = index_page.locale
        try:
            page.full_clean(exclude=_NOT_VALIDATED)
        except ValidationError as exc:
            report_validation_error(row, exc, {"slug": "title", **importer.field_columns})
        errors.extend(row.errors)
        pages.append(page)
        if progress and (done % 100 == 0 or done == total):
            progress("checked", done, total)
    return pages, errors


def pages_import(*, importer: Importer, index_page: Page, source: IO[bytes], filename: str,
                 size: int, actor: Any = None, dry_run: bool = False, publish: bool = False,
                 progress: Progress | None = None) -> ImportReport:
    """Check every row of the file and, unless it is a dry run or a row is wrong, create the pages.

    ``actor`` is the person importing (None from the command line); a person
    needs permission to add pages under ``index_page``, and to publish them
    if ``publish``. Raises ImportFileError if the file cannot be read at all.
    """
    index_page = index_page.specific
    if not isinstance(index_page, importer.index_model):
        raise ValueError(f"{index_page!r} is not a {importer.index_model.__name__}")
    user = actor if actor is not None and actor.is_authenticated else None
    if actor is not None:
        permissions = index_page.permissions_for_user(actor)
        if not permissions.can_add_subpage() or (publish and not permissions.can_publish_subpage()):
            raise PermissionDenied

    table = read_table(source, filename=filename, size=size, columns=importer.columns)
    report = ImportReport(kind=importer.kind, rows=len(table.rows), dry_run=dry_run,
                          published=publish and not dry_run)
    if progress:
        progress("read", len(table.rows), len(table.rows))
    pages, report.errors = _check(importer, index_page, table, progress)
    report.titles = [p.title for p in pages]
    if report.errors or dry_run:
        report.published = False
        return report

    try:
        with transaction.atomic():
            for done, page in enumerate(pages, start=1):
                page.owner = user
                page.live = False  # until the revision is published
                index_page.add_child(instance=page)
                revision = page.save_revision(user=user, log_action=True)  # logs the creation
                if publish:
                    revision.publish(user=user)
                report.created.append(page.pk)
                if progress and (done % 100 == 0 or done == len(pages)):
                    progress("created", done, len(pages))
            audit_record(actor=actor, action="import.completed", target=index_page, data={
                "kind": importer.kind, "rows": report.rows, "created": len(report.created),
                "published": publish,
            })
    except ValidationError as exc:
        # Someone added a page with the same slug meanwhile: nothing was kept.
        report.created = []
        report.published = False
        report.errors = [RowError(0, "", "; ".join(exc.messages))]
    return report


# --- The file kept between an admin import's dry run and its confirmation -----------


class PendingFiles:
    """Uploads kept in a private folder between a dry run and its confirmation.

    The admin checks a file first and imports it only when the person
    confirms; meanwhile it lies here under a random token that only their
    session knows. Files older than ``max_age`` seconds are removed on the next
    upload.
    """

    max_age = 24 * 3600

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _private_dir(self) -> Path:
        """The folder, made private to this process's user; refuses one someone else prepared."""
        self.directory.mkdir(mode=0o700, exist_ok=True)
        info = self.directory.lstat()
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
            raise PermissionError(f"{self.directory} is not a private folder of this user")
        return self.directory

    def keep(self, upload: Any, extension: str) -> str:
        """Store an upload privately; returns the token that names it."""
        folder = self._private_dir()
        now = datetime.now().timestamp()
        for old in folder.iterdir():  # abandoned imports
            try:
                if now - old.stat().st_mtime > self.max_age:
                    old.unlink()
            except OSError:
                pass
        token = secrets.token_hex(16)
        upload.seek(0)
        descriptor = os.open(self.path(token, extension), os.O_WRONLY | os.O_CREAT | os.O_EXCL,
                             0o600)
        with os.fdopen(descriptor, "wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        return token

    def path(self, token: str, extension: str) -> Path:
        # Both parts are checked here, so a tampered session cannot point elsewhere.
        if not re.fullmatch(r"[0-9a-f]{32}", token) or extension not in EXTENSIONS:
            raise ValueError("not a pending upload")
        return self.directory / f"{token}{extension}"

    def discard(self, token: str, extension: str) -> None:
        try:
            self.path(token, extension).unlink(missing_ok=True)
        except ValueError:
            pass


# --- The management commands -------------------------------------------------------


class ImportCommand(BaseCommand):
    """``import_<kind> PATH --index-page ID [--dry-run] [--publish]``; subclasses set ``importer``."""

    importer: Importer

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="A .csv or .xlsx file.")
        parser.add_argument("--index-page", type=int, required=True, metavar="ID",
                            help="The index page to create the pages under (in its language).")
        parser.add_argument("--dry-run", action="store_true",
                            help="Check every row and report; write nothing.")
        parser.add_argument("--publish", action="store_true",
                            help="Publish the pages (by default they are drafts).")

    def handle(self, *args: Any, **options: Any) -> None:
        path = PurePath(options["path"])
        model = self.importer.index_model
        index_page = Page.objects.filter(pk=options["index_page"]).specific().first()
        if not isinstance(index_page, model):
            raise CommandError(f"Page {options['index_page']} is not a "
                               f"{model._meta.verbose_name}.")
        self.verbosity = options["verbosity"]
        try:
            with open(path, "rb") as source:
                size = os.fstat(source.fileno()).st_size
                report = pages_import(importer=self.importer, index_page=index_page,
                                      source=source, filename=path.name, size=size,
                                      dry_run=options["dry_run"], publish=options["publish"],
                                      progress=self._progress)
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}") from None
        except ImportFileError as exc:
            raise CommandError(f"{path.name}: {exc}") from None
        if not report.ok:
            raise CommandError(report.summary())
        if report.dry_run:
            self.stdout.write(f"Dry run: all {report.rows} rows are valid; nothing was written.")
            return
        state = "published" if report.published else "as drafts"
        self.stdout.write(self.style.SUCCESS(
            f"Imported {len(report.created)} {self.importer.kind} {state} under "
            f"“{index_page.title}” (page {index_page.pk})."))

    def _progress(self, stage: str, done: int, total: int) -> None:
        if self.verbosity >= 1:
            self.stdout.write(f"  {stage} {done}/{total}")
