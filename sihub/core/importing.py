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
"""

from __future__ import annotations

import csv
import functools
import io
import os
import re
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import PurePath
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

    def __str__(self) -> str:
        where = _("row %(row)s") % {"row": self.row}
        return f"{where}, {self.column}: {self.message}" if self.column else f"{where}: {self.message}"


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


def _header_key(text: str) -> str:
    return re.sub(r"[\s\-]+", "_", text.replace("\ufeff", "").strip().lower())


def _too_large() -> ImportFileError:
    return ImportFileError(_("The file is larger than %(mb)s MB.") % {"mb": MAX_BYTES // 1_048_576})


def _too_long() -> ImportFileError:
    return ImportFileError(_("The file has more than %(rows)s rows.") % {"rows": f"{MAX_ROWS:,}"})


def read_table(source: IO[bytes], *, filename: str, size: int,
               columns: Sequence[Column]) -> Table:
    """The rows of a CSV or XLSX file, keyed by canonical column name."""
    if size > MAX_BYTES:
        raise _too_large()
    extension = PurePath(filename).suffix.lower()
    if extension == ".csv":
        data = source.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:  # a size that was not the truth
            raise _too_large()
        raw_rows = _csv_rows(data)
    elif extension == ".xlsx":
        raw_rows = _xlsx_rows(source)
    else:
        raise ImportFileError(_("Only CSV and XLSX files can be imported."))
    return _table(raw_rows, columns)


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


def _xlsx_rows(source: IO[bytes]) -> Iterator[list[str]]:
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
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None:
            return
        for values in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS):
            yield [_cell_text(v) for v in values]
    finally:
        workbook.close()


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


class Vocabulary:
    """The reference data rows point at, loaded once per import (five queries)."""

    def __init__(self) -> None:
        from sihub.core.models import County, Municipality, Theme
        from sihub.sdg.models import Goal, Target

        self.goals = {g.number: g for g in Goal.objects.all()}
        self.targets = {t.code: t for t in Target.objects.select_related("goal")}
        self.themes = {t.slug: t for t in Theme.objects.all()}
        self.counties = {c.code: c for c in County.objects.all()}
        self.municipalities = {m.code: m for m in Municipality.objects.select_related("county")}


class Row:
    """One row's cells, its problems, and the look-ups every importer needs."""

    def __init__(self, number: int, cells: dict[str, str], headers: dict[str, str],
                 vocabulary: Vocabulary) -> None:
        self.number = number
        self.cells = cells
        self.headers = headers
        self.vocabulary = vocabulary
        self.errors: list[RowError] = []

    def column_label(self, name: str) -> str:
        """The column as the file names it, so people find it in their spreadsheet."""
        return self.headers.get(name, name)

    def error(self, column: str, message: str) -> None:
        self.errors.append(RowError(self.number, self.column_label(column) if column else "",
                                    message))

    def text(self, column: str) -> str:
        value = self.cells.get(column, "")
        if "\x00" in value:
            self.error(column, _("The text holds a NUL character."))
            return value.replace("\x00", "")
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

    def choice(self, column: str, choices: type[models.TextChoices]) -> str | None:
        """A choice given by its value or its Swedish or English label; None if blank."""
        value = self.text(column)
        if not value:
            return None
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
            theme = self.vocabulary.themes.get(item.lower())
            if theme is None:
                self.error(column, _("There is no theme “%(value)s”.") % {"value": item})
            else:
                found.append(theme)
        return found

    def counties(self, column: str = "county_code") -> list[Any]:
        found = []
        for item in self.items(column):
            county = self.vocabulary.counties.get(item.zfill(2) if item.isdigit() else item)
            if county is None:
                self.error(column, _("There is no county with code “%(value)s”.") % {"value": item})
            else:
                found.append(county)
        return found

    def municipalities(self, column: str = "municipality_code") -> list[Any]:
        found = []
        for item in self.items(column):
            municipality = self.vocabulary.municipalities.get(
                item.zfill(4) if item.isdigit() else item)
            if municipality is None:
                self.error(column, _("There is no municipality with code “%(value)s”.")
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


# Fields the import sets itself, or that only exist once the page is in the tree.
_NOT_VALIDATED = ["path", "depth", "numchild", "url_path", "locale", "content_type",
                  "translation_key", "owner", "latest_revision", "live_revision",
                  "draft_title"]  # draft_title is the title, checked as such


def _unique_slug(title: str, taken: set[str]) -> str:
    # Like wagtail.coreutils.find_available_slug, but also unique within the
    # batch, whose pages are not in the database yet; numbered as Wagtail does.
    base = (slugify(title) or "page")[:240].strip("-") or "page"
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
        page.slug = _unique_slug(page.title or "", taken)
        page.locale = index_page.locale
        try:
            page.full_clean(exclude=_NOT_VALIDATED)
        except ValidationError as exc:
            # A cell the row already found wrong (e.g. "20x3" as a year) need not
            # be reported twice by the model ("this field cannot be null").
            reported = {e.column for e in row.errors}
            for name, messages in exc.message_dict.items():
                column = importer.field_columns.get(name, "title" if name == "slug" else name)
                column = "" if column == NON_FIELD_ERRORS else column
                if column and row.column_label(column) in reported:
                    continue
                for message in messages:
                    row.error(column, message)
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
