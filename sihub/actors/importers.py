"""Actors, their offerings and their relations from spreadsheets: all checked, all written or none.

What can be imported:

* a workbook (.xlsx) with a sheet of actors and, optionally, sheets named
  "offerings" (erbjudanden) and "relations" (relationer); a workbook with one
  sheet is a sheet of actors whatever its title;
* or CSV files (UTF-8, comma or semicolon), one per table: actors, and
  optionally offerings and relations.

Headers are English or Swedish (see the columns below); lists are separated by
semicolons ("3;8"). Places are given by code or name ("24" or "Västerbottens
län", "2480" or "Umeå"), sectors by slug or name, types and kinds by value or
their Swedish or English label. An offering names its actor, and a relation its
two ends, by organisation number or by name (or, for an actor already in the
directory, by slug); the actor may be in the same import or already in the
directory.

Reading, limits and row look-ups are core/importing.py's, as for pages. Every
row is checked with the models' own validation (``full_clean``: the
organisation-number check gives its Swedish or English reason) and *all*
problems are collected as (sheet, row, column, message). Then likely
duplicates:

* the same organisation number as an actor in the directory or as an earlier
  row is an **error** (the number identifies the legal entity);
* a name that is nearly the same as another's, once legal forms ("AB",
  "ideell förening", "ek. för.") are set aside (``SIMILAR_NAME_SCORE``), is a
  **warning**: the import goes ahead only if the person confirms these are
  different organisations (``allow_similar``). Two actors with different
  organisation numbers are different organisations, so they are never
  "similar".

A dry run stops after the checks. A real run writes every actor (with its
offerings, places and tags, and a first revision for its history), then the
offerings of actors already in the directory and the relations, in one
transaction, and records ``import.completed`` in the audit log; or, if any row
has an error or an unconfirmed warning, writes nothing at all.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from rapidfuzz import fuzz

from sihub.actors import orgnr
from sihub.actors.models import (
    RESERVED_SLUGS,
    SYMMETRIC_RELATIONS,
    Actor,
    ActorKind,
    Offering,
    OfferingKind,
    Relation,
    RelationKind,
    Stage,
)
from sihub.actors.services import ACTOR_CREATED, ACTOR_UPDATED, RELATION_CREATED
from sihub.core.importing import (
    Column,
    ImportFileError,
    ImportReport,
    Progress,
    Row,
    RowError,
    Sheet,
    Table,
    Vocabulary,
    name_key,
    read_tables,
    report_validation_error,
    unique_slug,
)
from sihub.core.services import audit_record

# rapidfuzz's token_sort_ratio (0–100) from which two names are "likely the same".
SIMILAR_NAME_SCORE = 90


TAG_COLUMNS = (
    Column("sdgs", ("globala mål", "globala_mal", "mål", "sdg")),
    Column("targets", ("delmål", "delmal")),
    Column("themes", ("teman", "tema", "theme")),
)

ACTOR_COLUMNS = (
    Column("name", ("namn", "organisation", "organisationsnamn"), required=True),
    Column("org_number", ("organisationsnummer", "orgnr", "org_nr", "org.nr",
                          "organisation_number")),
    Column("sector", ("sektor",), required=True),
    Column("type", ("typ", "kind", "organisationstyp", "aktörstyp")),
    Column("description_sv", ("beskrivning_sv", "beskrivning", "beskrivning (svenska)")),
    Column("description_en", ("beskrivning_en", "beskrivning (engelska)", "description")),
    Column("website", ("webbplats", "webbsida", "hemsida")),
    Column("home_municipality", ("hemkommun", "kommun", "municipality")),
    Column("latitude", ("lat", "latitud")),
    Column("longitude", ("lon", "lng", "longitud")),
    Column("counties", ("län", "lan", "verksam i län", "counties_served")),
    Column("municipalities", ("kommuner", "verksam i kommuner", "municipalities_served")),
    Column("national", ("nationell", "hela sverige", "rikstäckande", "riksomfattande")),
    Column("international", ("internationell",)),
    *TAG_COLUMNS,
    # Written by the export (the actor's page); read and ignored on import.
    Column("profile_url", ("profil", "profilsida")),
)

OFFERING_COLUMNS = (
    Column("actor", ("aktör", "aktor", "organisation"), required=True),
    Column("kind", ("typ", "type", "slag", "typ av stöd"), required=True),
    Column("title_sv", ("titel", "titel_sv", "rubrik"), required=True),
    Column("title_en", ("titel_en", "title")),
    Column("description_sv", ("beskrivning", "beskrivning_sv")),
    Column("description_en", ("beskrivning_en", "description")),
    Column("stages", ("faser", "skeden", "stage", "fas", "skede")),
    Column("target_sectors", ("för sektorer", "målsektorer", "sektorer", "sectors")),
    Column("target_groups", ("målgrupper", "malgrupper", "målgrupp", "malgrupp")),
    Column("counties", ("län", "lan")),
    Column("municipalities", ("kommuner",)),
    Column("national", ("nationell", "hela sverige", "rikstäckande")),
    Column("conditions", ("villkor",)),
    Column("url", ("länk", "lank", "link")),
    Column("opens_on", ("öppnar", "öppen från", "open_from", "opens")),
    Column("closes_on", ("stänger", "öppen till", "sista ansökningsdag", "open_until", "closes")),
)

RELATION_COLUMNS = (
    Column("from", ("från", "fran", "source_actor", "from_actor"), required=True),
    Column("kind", ("typ", "type", "relation"), required=True),
    Column("to", ("till", "target_actor", "to_actor"), required=True),
    Column("started_on", ("sedan", "since", "start", "från datum")),
    Column("ended_on", ("until", "slut", "end", "till datum")),
    Column("source", ("källa", "kalla", "reference", "referens")),
)

ACTOR_FIELD_COLUMNS = {
    "kind": "type",
    "serves_national": "national",
    "serves_international": "international",
    "slug": "name",
    NON_FIELD_ERRORS: "name",
}
OFFERING_FIELD_COLUMNS = {NON_FIELD_ERRORS: "title_sv"}
RELATION_FIELD_COLUMNS = {NON_FIELD_ERRORS: "from"}


def _sheets() -> dict[str, Sheet]:
    return {
        "actors": Sheet("actors", ("actors", "aktörer", "aktorer"), ACTOR_COLUMNS, primary=True),
        "offerings": Sheet("offerings", ("offerings", "erbjudanden"), OFFERING_COLUMNS),
        "relations": Sheet("relations", ("relations", "relationer"), RELATION_COLUMNS),
    }


# --- Names: pure functions, no database -----------------------------------------------

# Legal forms and the like, which say nothing about *which* organisation it is.
_LEGAL_PHRASES = ("ekonomisk förening", "ekonomiska föreningen", "ideell förening",
                  "ideella föreningen", "ek för", "i f")
_LEGAL_WORDS = frozenset({
    "ab", "aktiebolag", "aktiebolaget", "publ", "hb", "handelsbolag", "handelsbolaget", "kb",
    "kommanditbolag", "kommanditbolaget", "ekf", "upa", "förening", "föreningen",
    "stiftelse", "stiftelsen", "inc", "ltd", "llc", "gmbh",
})
_NOT_WORD = re.compile(r"[^\w\s]+")


def normalise_name(name: str) -> str:
    """A name reduced to what tells organisations apart.

    "Mikrofonden Väst ek. för." → "mikrofonden väst".
    """
    text = _NOT_WORD.sub(" ", unicodedata.normalize("NFKC", name).casefold().replace("&", " och "))
    text = " ".join(text.replace("_", " ").split())
    for phrase in _LEGAL_PHRASES:
        text = re.sub(rf"(?<!\S){phrase}(?!\S)", " ", text)
    return " ".join(word for word in text.split() if word not in _LEGAL_WORDS)


class NameIndex:
    """Normalised names, searched for near-equal ones without comparing every pair.

    token_sort_ratio is the plain ratio of the names with their words sorted,
    so each name is sorted once. Names that nearly match almost always share
    the start of a word (a typo seldom hits the first three letters of every
    word), so only names sharing a three-letter word start are compared:
    thousands of rows against thousands of actors stay a matter of seconds.
    """

    def __init__(self, keys: Iterable[str] = ()) -> None:
        self._sorted: list[str] = []
        self._by_start: dict[str, list[int]] = defaultdict(list)
        for key in keys:
            self.add(key)

    def __len__(self) -> int:
        return len(self._sorted)

    @staticmethod
    def _starts(key: str) -> set[str]:
        return {word[:3] for word in key.split()}

    def add(self, key: str) -> int:
        """Add a normalised name; returns its position."""
        position = len(self._sorted)
        self._sorted.append(" ".join(sorted(key.split())))
        for start in self._starts(key):
            self._by_start[start].append(position)
        return position

    def similar(self, key: str, *, score: float = SIMILAR_NAME_SCORE,
                ) -> list[tuple[int, float]]:
        """(position, score) of the names nearly equal to ``key``, best first."""
        if not key:
            return []
        query = " ".join(sorted(key.split()))
        candidates = sorted({p for start in self._starts(key)
                             for p in self._by_start.get(start, ())})
        found = []
        for position in candidates:
            similarity = fuzz.ratio(query, self._sorted[position], score_cutoff=score)
            if similarity:
                found.append((position, similarity))
        found.sort(key=lambda item: (-item[1], item[0]))
        return found


def similar_names(query: str, candidates: Sequence[str], *,
                  score: float = SIMILAR_NAME_SCORE) -> list[tuple[int, float]]:
    """(index, score) of the ``candidates`` nearly equal to ``query`` (both normalised), best first."""
    return NameIndex(candidates).similar(query, score=score)


# --- The report -----------------------------------------------------------------------


@dataclass
class ImportFile:
    """One uploaded or opened file."""

    source: IO[bytes]
    filename: str
    size: int


@dataclass
class ActorImportReport(ImportReport):
    """``titles`` are the actors' names; ``created`` their ids once written."""

    warnings: list[RowError] = field(default_factory=list)  # likely duplicates to confirm
    allow_similar: bool = False
    offering_rows: int = 0
    relation_rows: int = 0
    offerings: int = 0  # written (or, in a dry run, to be written)
    relations: int = 0

    @property
    def needs_confirmation(self) -> bool:
        return bool(self.warnings) and not self.allow_similar

    def summary(self, limit: int = 50) -> str:
        lines = []
        if self.errors:
            lines.append(super().summary(limit))
        if self.warnings:
            lines.append(ngettext(
                "%(n)s actor looks like one already known; confirm they are different "
                "organisations (--allow-similar).",
                "%(n)s actors look like ones already known; confirm they are different "
                "organisations (--allow-similar).",
                len(self.warnings)) % {"n": len(self.warnings)})
            lines += [f"  {w}" for w in self.warnings[:limit]]
            if len(self.warnings) > limit:
                lines.append("  " + _("… and %(n)s more.") % {"n": len(self.warnings) - limit})
        return "\n".join(lines)


# --- Checking ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Ref:
    """An actor an offering or relation points at: a row of this import or a stored actor."""

    row_index: int | None = None  # index into the import's actors
    pk: int | None = None


@dataclass
class _Known:
    """Actors already in the directory (published or not), for duplicates and references."""

    pks: list[int]
    names: list[str]
    numbers: list[str]
    keys: list[str]  # normalise_name(name), for the fuzzy match
    by_number: dict[str, int]  # org number → position
    by_name: dict[str, list[int]]  # name_key(name) → positions
    by_slug: dict[str, int]

    @classmethod
    def load(cls) -> _Known:
        rows = list(Actor.objects.order_by("pk").values_list("pk", "name", "org_number", "slug"))
        known = cls(pks=[r[0] for r in rows], names=[r[1] for r in rows],
                    numbers=[r[2] for r in rows], keys=[normalise_name(r[1]) for r in rows],
                    by_number={}, by_name=defaultdict(list), by_slug={})
        for position, (_pk, name, number, slug) in enumerate(rows):
            if number:
                known.by_number[number] = position
            known.by_name[name_key(name)].append(position)
            known.by_slug[slug] = position
        return known


@dataclass
class _Checked:
    actors: list[Actor] = field(default_factory=list)
    actor_rows: list[Row] = field(default_factory=list)
    offerings: list[tuple[_Ref, Offering, dict[str, list[Any]]]] = field(default_factory=list)
    relations: list[tuple[_Ref, _Ref, Relation]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[RowError] = field(default_factory=list)


def _unique(objects: Iterable[Any]) -> list[Any]:
    return list({o.pk: o for o in objects}.values())


def _build_actor(row: Row, taken: set[str]) -> Actor:
    name, number = row.text("name").strip(), row.text("org_number").strip()
    actor = Actor(
        name=name,
        slug=unique_slug(name, taken, max_length=100, fallback="actor"),
        # The normal form (NNNNNN-NNNN) fits the field; a wrong number is left for its validator.
        org_number=_normalised_number(number) or number,
        description_sv=row.text("description_sv"),
        description_en=row.text("description_en"),
        website=row.text("website").strip(),
        serves_national=row.boolean("national"),
        serves_international=row.boolean("international"),
    )
    sector = row.sector("sector")
    if sector is not None:
        actor.sector = sector
    kind = row.choice("type", ActorKind)
    if kind:
        actor.kind = kind
    actor.home_municipality = row.municipality("home_municipality")
    actor.latitude, actor.longitude = row.decimal("latitude"), row.decimal("longitude")
    reported = {e.column for e in row.errors}
    if ((actor.latitude is None) != (actor.longitude is None)
            and not reported & {row.column_label("latitude"), row.column_label("longitude")}):
        missing = "latitude" if actor.latitude is None else "longitude"
        row.error(missing, _("Give both latitude and longitude, or neither."))
    actor.counties = _unique(row.counties("counties"))
    actor.municipalities = _unique(row.municipalities("municipalities"))
    goals, targets = row.goals(), row.targets()
    actor.sdgs = _unique([*goals, *(t.goal for t in targets)])  # a target implies its goal
    actor.sdg_targets = _unique(targets)
    actor.themes = _unique(row.themes())
    if sector is None and not row.text("sector").strip():
        row.error("sector", _("Every actor needs a sector."))
    try:
        # The sector and the municipality come from the vocabulary, so they exist:
        # checking them again would cost two queries a row. The slug is made unique above.
        actor.full_clean(exclude=["slug", "logo", "sector", "home_municipality"],
                         validate_constraints=False)
    except ValidationError as exc:
        report_validation_error(row, exc, ACTOR_FIELD_COLUMNS)
    return actor


def _check_duplicates(checked: _Checked, known: _Known) -> None:
    """Organisation numbers seen before are errors; similar names are warnings."""
    first_row_of: dict[str, Row] = {}
    stored_names = NameIndex(known.keys)
    file_names = NameIndex()
    for actor, row in zip(checked.actors, checked.actor_rows, strict=True):
        number = _normalised_number(actor.org_number)
        key = normalise_name(actor.name)
        earlier = file_names.similar(key)
        file_names.add(key)  # position == index
        if number and number in known.by_number:
            position = known.by_number[number]
            row.error("org_number", _(
                "An actor with this organisation number is already in the directory: "
                "“%(name)s”.") % {"name": known.names[position]})
            continue
        if number and number in first_row_of:
            row.error("org_number", _("Row %(row)s has the same organisation number.")
                      % {"row": first_row_of[number].number})
            continue
        if number:
            first_row_of[number] = row
        warning = None
        for position, _score in stored_names.similar(key):
            if not _distinct(number, known.numbers[position]):
                warning = _("Looks like “%(name)s”, already in the directory.") % {
                    "name": known.names[position]}
                break
        else:
            for position, _score in earlier:
                other = checked.actors[position]
                if not _distinct(number, _normalised_number(other.org_number)):
                    warning = _("Looks like “%(name)s” in row %(row)s.") % {
                        "name": other.name, "row": checked.actor_rows[position].number}
                    break
        if warning:
            checked.warnings.append(RowError(row.number, row.column_label("name"), warning,
                                             row.sheet))


def _distinct(number: str, other: str) -> bool:
    """Two different organisation numbers: two legal entities, however alike their names."""
    return bool(number and other and number != other)


def _normalised_number(text: str) -> str:
    try:
        return orgnr.normalise(text) if text else ""
    except orgnr.OrgNumberError:
        return ""  # reported by the model's validation


class _Resolver:
    """Finds the actor a cell names: organisation number, name, or a stored actor's slug."""

    def __init__(self, checked: _Checked, known: _Known) -> None:
        self.known = known
        self.by_number: dict[str, int] = {}
        self.by_name: dict[str, list[int]] = defaultdict(list)
        for index, actor in enumerate(checked.actors):
            number = _normalised_number(actor.org_number)
            if number:
                self.by_number.setdefault(number, index)
            self.by_name[name_key(actor.name)].append(index)

    def resolve(self, row: Row, column: str) -> _Ref | None:
        text = row.text(column).strip()
        if not text:
            return None  # the model or the required column says so
        number = orgnr.is_valid(text) and orgnr.normalise(text)
        if number:
            if number in self.by_number:
                return _Ref(row_index=self.by_number[number])
            if number in self.known.by_number:
                return _Ref(pk=self.known.pks[self.known.by_number[number]])
            row.error(column, _("No actor has the organisation number %(number)s, in this "
                                "import or in the directory.") % {"number": number})
            return None
        key = name_key(text)
        in_file, stored = self.by_name.get(key, []), self.known.by_name.get(key, [])
        if len(in_file) + len(stored) > 1:
            row.error(column, _("Several actors are called “%(name)s”: use the organisation "
                                "number.") % {"name": text})
            return None
        if in_file:
            return _Ref(row_index=in_file[0])
        if stored:
            return _Ref(pk=self.known.pks[stored[0]])
        if text in self.known.by_slug:
            return _Ref(pk=self.known.pks[self.known.by_slug[text]])
        row.error(column, _("There is no actor “%(name)s”, in this import or in the directory.")
                  % {"name": text})
        return None


def _build_offering(row: Row, resolver: _Resolver, order: int,
                    ) -> tuple[_Ref | None, Offering, dict[str, list[Any]]]:
    ref = resolver.resolve(row, "actor")
    offering = Offering(
        title_sv=row.text("title_sv").strip(),
        title_en=row.text("title_en").strip(),
        description_sv=row.text("description_sv"),
        description_en=row.text("description_en"),
        stages=row.choice_items("stages", Stage),
        target_groups=row.text("target_groups").strip(),
        national=row.boolean("national"),
        conditions=row.text("conditions"),
        url=row.text("url").strip(),
        opens_on=row.date("opens_on"),
        closes_on=row.date("closes_on"),
        sort_order=order,
    )
    kind = row.choice("kind", OfferingKind)
    if kind:
        offering.kind = kind
    places = {
        "target_sectors": _unique(row.sectors("target_sectors")),
        "counties": _unique(row.counties("counties")),
        "municipalities": _unique(row.municipalities("municipalities")),
    }
    try:
        offering.full_clean(exclude=["actor"], validate_constraints=False)
    except ValidationError as exc:
        report_validation_error(row, exc, OFFERING_FIELD_COLUMNS)
    return ref, offering, places


def _relation_key(kind: str, source: _Ref, target: _Ref) -> tuple[Any, ...]:
    if kind in SYMMETRIC_RELATIONS:
        return (kind, frozenset((source, target)))
    return (kind, source, target)


def _check_relations(table: Table, sheet: str, vocabulary: Vocabulary, resolver: _Resolver,
                     checked: _Checked) -> None:
    rows = []
    for number, cells in table.rows:
        row = Row(number, cells, table.headers, vocabulary, sheet=sheet)
        source, target = resolver.resolve(row, "from"), resolver.resolve(row, "to")
        relation = Relation(started_on=row.date("started_on"), ended_on=row.date("ended_on"),
                            source=row.text("source").strip())
        kind = row.choice("kind", RelationKind)
        if kind:
            relation.kind = kind
        try:
            relation.full_clean(exclude=["source_actor", "target_actor"],
                                validate_constraints=False)
        except ValidationError as exc:
            report_validation_error(row, exc, RELATION_FIELD_COLUMNS)
        if source is not None and source == target:
            row.error("to", _("An actor cannot be related to itself."))
        rows.append((row, source, target, relation))

    # The same link twice would count twice in the network analysis.
    stored_pks = {r.pk for _row, s, t, _rel in rows for r in (s, t) if r is not None and r.pk}
    stored = {
        _relation_key(kind, _Ref(pk=s), _Ref(pk=t))
        for s, t, kind in Relation.objects.filter(
            source_actor_id__in=stored_pks, target_actor_id__in=stored_pks,
        ).values_list("source_actor_id", "target_actor_id", "kind")
    }
    seen: dict[tuple[Any, ...], int] = {}
    for row, source, target, relation in rows:
        if source is not None and target is not None and relation.kind and source != target:
            key = _relation_key(relation.kind, source, target)
            if key in stored:
                row.error("kind", _("This relation is already in the directory."))
            elif key in seen:
                row.error("kind", _("Row %(row)s has the same relation.") % {"row": seen[key]})
            else:
                seen[key] = row.number
                checked.relations.append((source, target, relation))
        checked.errors.extend(row.errors)


def _check(tables: dict[str, Table], labels: dict[str, str],
           progress: Progress | None) -> _Checked:
    vocabulary = Vocabulary()
    known = _Known.load()
    checked = _Checked()
    for key, table in tables.items():
        checked.errors.extend(dataclasses.replace(e, sheet=labels[key]) for e in table.errors)

    actors = tables.get("actors")
    if actors is not None:
        taken = set(known.by_slug) | RESERVED_SLUGS
        total = len(actors.rows)
        for done, (number, cells) in enumerate(actors.rows, start=1):
            row = Row(number, cells, actors.headers, vocabulary, sheet=labels["actors"])
            checked.actors.append(_build_actor(row, taken))
            checked.actor_rows.append(row)
            if progress and (done % 100 == 0 or done == total):
                progress("checked", done, total)
        _check_duplicates(checked, known)
        for row in checked.actor_rows:
            checked.errors.extend(row.errors)

    resolver = _Resolver(checked, known)
    offerings = tables.get("offerings")
    if offerings is not None:
        for order, (number, cells) in enumerate(offerings.rows):
            row = Row(number, cells, offerings.headers, vocabulary, sheet=labels["offerings"])
            ref, offering, places = _build_offering(row, resolver, order)
            if ref is not None:
                checked.offerings.append((ref, offering, places))
            checked.errors.extend(row.errors)
    relations = tables.get("relations")
    if relations is not None:
        _check_relations(relations, labels["relations"], vocabulary, resolver, checked)
    checked.errors.sort(key=lambda e: (list(labels.values()).index(e.sheet)
                                       if e.sheet in labels.values() else 0, e.row))
    return checked


# --- Reading the files --------------------------------------------------------------------


def _read(actors_file: ImportFile | None, offerings_file: ImportFile | None,
          relations_file: ImportFile | None) -> tuple[dict[str, Table], dict[str, str]]:
    sheets = _sheets()
    tables: dict[str, Table] = {}
    labels: dict[str, str] = {}
    for key, file in (("actors", actors_file), ("offerings", offerings_file),
                      ("relations", relations_file)):
        if file is None:
            continue
        # The actors file may be a workbook with every table; a separate file holds its own.
        wanted = list(sheets.values()) if key == "actors" else [
            dataclasses.replace(sheets[key], primary=True)]
        for found_key, table in read_tables(file.source, filename=file.filename, size=file.size,
                                            sheets=wanted).items():
            if found_key in tables:
                raise ImportFileError(_("The %(table)s are given twice: in a sheet of the "
                                        "workbook and in a file of their own.")
                                      % {"table": _table_name(found_key)})
            tables[found_key] = table
            labels[found_key] = (f"{file.filename} › {table.title}" if table.title
                                 else file.filename)
    if not tables:
        raise ImportFileError(_("There is nothing to import: give a file of actors, "
                                "offerings or relations."))
    return tables, labels


def _table_name(key: str) -> str:
    return {"actors": _("actors"), "offerings": _("offerings"),
            "relations": _("relations")}[key]


# --- The import ---------------------------------------------------------------------------


def _permission_check(user: Any, checked: _Checked) -> None:
    needed = []
    if checked.actors:
        needed.append("actors.add_actor")
    if any(ref.pk for ref, _o, _p in checked.offerings):
        needed.append("actors.change_actor")
    if checked.relations:
        needed.append("actors.add_relation")
    if not user.has_perms(needed or ["actors.add_actor"]):
        raise PermissionDenied


def actors_import(*, actors_file: ImportFile | None = None,
                  offerings_file: ImportFile | None = None,
                  relations_file: ImportFile | None = None, user: Any = None,
                  dry_run: bool = False, allow_similar: bool = False,
                  progress: Progress | None = None) -> ActorImportReport:
    """Check every row of the files and, unless it is a dry run or anything is wrong, write them.

    ``user`` is the person importing (None from the command line) and needs
    permission to add actors (and relations, and to change the actors whose
    offerings are added). Raises ImportFileError if a file cannot be read at
    all, PermissionDenied if the person may not import this.
    """
    if user is not None and not user.has_perm("actors.add_actor"):
        raise PermissionDenied  # before reading anything
    tables, labels = _read(actors_file, offerings_file, relations_file)
    report = ActorImportReport(kind="actors", dry_run=dry_run, allow_similar=allow_similar)
    report.rows = len(tables["actors"].rows) if "actors" in tables else 0
    report.offering_rows = len(tables["offerings"].rows) if "offerings" in tables else 0
    report.relation_rows = len(tables["relations"].rows) if "relations" in tables else 0
    if progress:
        progress("read", report.rows + report.offering_rows + report.relation_rows,
                 report.rows + report.offering_rows + report.relation_rows)
    checked = _check(tables, labels, progress)
    if user is not None:
        _permission_check(user, checked)
    report.errors, report.warnings = checked.errors, checked.warnings
    report.titles = [a.name for a in checked.actors]
    report.offerings, report.relations = len(checked.offerings), len(checked.relations)
    if report.errors or dry_run or report.needs_confirmation:
        return report
    try:
        with transaction.atomic():
            report.created = _write(checked, user, progress)
            audit_record(actor=user, action="import.completed", data={
                "kind": "actors", "rows": report.rows, "created": len(report.created),
                "offerings": report.offerings, "relations": report.relations,
                "similar_confirmed": len(report.warnings),
            })
    except (IntegrityError, ValidationError) as exc:
        # Someone stored the same organisation number or relation meanwhile: nothing was kept.
        report.created = []
        report.offerings = report.relations = 0
        message = "; ".join(exc.messages) if isinstance(exc, ValidationError) else _(
            "Another change to the directory got in the way; nothing was imported. "
            "Check the file again.")
        report.errors = [RowError(0, "", message)]
    return report


def _write(checked: _Checked, user: Any, progress: Progress | None) -> list[int]:
    by_row: dict[int, list[tuple[Offering, dict[str, list[Any]]]]] = defaultdict(list)
    by_stored: dict[int, list[tuple[Offering, dict[str, list[Any]]]]] = defaultdict(list)
    for ref, offering, places in checked.offerings:
        if ref.row_index is not None:
            by_row[ref.row_index].append((offering, places))
        else:
            by_stored[ref.pk].append((offering, places))  # type: ignore[index]

    created = []
    total = len(checked.actors)
    for index, actor in enumerate(checked.actors):
        offerings = []
        for offering, places in by_row[index]:
            _set_places(offering, places)
            offerings.append(offering)
        actor.offerings = offerings  # children of the actor, saved with it
        actor.save()
        # The first revision starts the actor's history of changes, as actor_create's does.
        revision = actor.save_revision(user=user, clean=False, log_action="wagtail.create")
        audit_record(actor=user, action=ACTOR_CREATED, target=actor,
                     data={"revision_id": revision.pk, "import": True})
        created.append(actor.pk)
        if progress and ((index + 1) % 100 == 0 or index + 1 == total):
            progress("created", index + 1, total)

    for pk, items in by_stored.items():
        stored = Actor.objects.get(pk=pk)
        start = stored.offerings.count()
        for order, (offering, places) in enumerate(items, start=start):
            offering.actor = stored
            offering.sort_order = order
            _set_places(offering, places)
            offering.save()
        stored.updated_at = timezone.now()
        stored.save(update_fields=["updated_at"])
        revision = stored.save_revision(user=user, clean=False, log_action=True)
        audit_record(actor=user, action=ACTOR_UPDATED, target=stored, data={
            "fields": ["offerings"], "revision_id": revision.pk, "import": True})

    for source, target, relation in checked.relations:
        relation.source_actor_id = _pk_of(source, checked)
        relation.target_actor_id = _pk_of(target, checked)
        relation.save()
        audit_record(actor=user, action=RELATION_CREATED, target=relation, data={
            "source_actor_id": relation.source_actor_id,
            "target_actor_id": relation.target_actor_id, "kind": relation.kind, "import": True})
    return created


def _set_places(offering: Offering, places: dict[str, list[Any]]) -> None:
    offering.target_sectors = places["target_sectors"]
    offering.counties = places["counties"]
    offering.municipalities = places["municipalities"]


def _pk_of(ref: _Ref, checked: _Checked) -> int:
    if ref.row_index is not None:
        return checked.actors[ref.row_index].pk  # saved above
    return ref.pk  # type: ignore[return-value]
