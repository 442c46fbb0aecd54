"""A round's answers as an anonymised dataset with a codebook (CSV or XLSX).

The dataset is for analysis in R, Stata, SPSS or a spreadsheet, by staff who
may see aggregates; it must not let anyone tell who answered. So:

* **one row per counted response** (``selectors.counted_responses``: submitted,
  not left out), in a *random* order, numbered 1…N in that order
  (``respondent``): the number is neither the response's id nor its place in
  the order of answering, so it cannot be matched with the audit log, the
  invitation list or the time someone said they answered;
* **columns** ``respondent``, ``round`` (slug), ``language`` and one column per
  question in questionnaire order — a multiple-choice question has one 0/1
  column per option (``q_sdgs__4``), a matrix one column per row
  (``q_barriers__finance``);
* **values are answer codes** (option codes, scale points, numbers); the
  codebook gives their labels in Swedish and English;
* **missing values** are of two kinds, told apart: ``NA`` — the question was
  *not shown* (skip logic), an empty cell — shown but *not answered*. ``NA`` is
  what R and pandas read as missing by default, so numeric columns stay
  numeric; read with ``na.strings = ""`` / ``keep_default_na=False`` to keep
  the difference;
* **never** the account, organisation, invitation, e-mail address, client
  digest, consent time or any timestamp (not even the month: in a small round
  the day or month someone answered can point at them);
* **free text is left out** unless asked for (``include_text``, which the view
  allows only to those who may read single responses); such a file says
  ``free-text`` in its name, and still carries no identities;
* **small groups**: with ``coarsen`` (the default) the region is replaced by
  ``hidden`` for respondents whose region has fewer than
  ``SIHUB_SURVEYS_MIN_GROUP`` respondents; if that would hide a single region
  only (whose rows everyone could then name), the next smallest region is
  hidden too.

CSV and XLSX are written by the directory's writers (``actors.exports``):
UTF-8 with a byte-order mark, formula-like text defused; XLSX text cells stay
text. The workbook has the sheets "data" and "codebook".
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import translation

from sihub.actors.exports import csv_document, xlsx_document
from sihub.core.services import audit_record
from sihub.surveys import logic, selectors, wording
from sihub.surveys.schema import (
    MATRIX,
    MULTIPLE,
    NUMBER,
    REGION,
    SCALE,
    Option,
    Question,
    Schema,
    Text,
    number_text,
)

FORMATS = ("csv", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
NOT_SHOWN = "NA"
NOT_ANSWERED = ""
HIDDEN = "hidden"
CHOSEN, NOT_CHOSEN = 1, 0
FIXED_FIELDS = ("respondent", "round", "language")
CODEBOOK_FIELDS = ("variable", "section", "question_sv", "question_en", "kind", "value",
                   "label_sv", "label_en", "shown_if_sv", "shown_if_en", "required")

# The codebook speaks both languages at once, whatever the staff member's
# language, so its fixed labels are pairs (like the questionnaire's own texts).
LABELS = {
    "respondent": Text("Löpnummer 1…N i slumpvis ordning; inte kopplat till någon person "
                       "eller till i vilken ordning svaren kom",
                       "Running number 1…N in random order; not linked to any person or "
                       "to the order in which answers came in"),
    "round": Text("Enkätomgång", "Survey round"),
    "language": Text("Språket svaret gavs på", "Language the answers were given in"),
    "sv": Text("svenska", "Swedish"),
    "en": Text("engelska", "English"),
    "chosen": Text("vald", "chosen"),
    "not_chosen": Text("inte vald", "not chosen"),
    "not_shown": Text("Frågan visades inte (hoppades över enligt villkoret)",
                      "The question was not shown (skipped by its condition)"),
    "not_answered": Text("Frågan visades men besvarades inte",
                         "The question was shown but not answered"),
    "text": Text("Fritext som den skrevs (bara i export med fritext)",
                 "Free text as written (only in exports with free text)"),
    "yes": Text("ja", "yes"),
    "no": Text("nej", "no"),
}


@dataclass(frozen=True)
class Variable:
    """One column of the dataset: a question, or one option/row of it."""

    name: str
    question: Question
    part: Option | None = None  # the option (multiple choice) or row (matrix)


@dataclass(frozen=True)
class Table:
    fields: tuple[str, ...]
    records: list[dict[str, Any]]


# --- Columns ----------------------------------------------------------------------------


def variables(schema: Schema, *, include_text: bool = False) -> list[Variable]:
    """The question columns in questionnaire order."""
    out: list[Variable] = []
    for question in schema.questions:
        if question.is_text and not include_text:
            continue
        if question.kind == MULTIPLE:
            out.extend(Variable(f"{question.code}__{o.code}", question, o)
                       for o in question.options)
        elif question.kind == MATRIX:
            out.extend(Variable(f"{question.code}__{r.code}", question, r)
                       for r in question.rows)
        else:
            out.append(Variable(question.code, question))
    return out


def _blank(value: Any) -> bool:
    return value in (None, "", [], {})


def cell(variable: Variable, answers: Mapping[str, Any], shown: set[str]) -> Any:
    """The value of one column for one response's answers (``shown``: its visible codes)."""
    question = variable.question
    if question.code not in shown:
        return NOT_SHOWN
    value = answers.get(question.code)
    if _blank(value):
        return NOT_ANSWERED
    if question.kind == MULTIPLE:
        chosen = {str(v) for v in value} if isinstance(value, list | tuple) else {str(value)}
        return CHOSEN if variable.part.code in chosen else NOT_CHOSEN
    if question.kind == MATRIX:
        row = value.get(variable.part.code) if isinstance(value, Mapping) else None
        return NOT_ANSWERED if _blank(row) else str(row)
    if question.kind in (SCALE, NUMBER):
        return _number(value)
    return str(value)


def _number(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


# --- The dataset ------------------------------------------------------------------------


def _shuffled(items: list[Any], rng: random.Random) -> list[Any]:
    """``items`` in random order, never the order they came in (when there are two or more)."""
    out = list(items)
    rng.shuffle(out)
    if len(out) > 1 and out == items:
        out = out[1:] + out[:1]
    return out


def hidden_regions(counts: Mapping[str, int], min_group: int) -> set[str]:
    """The regions to hide: those under ``min_group``, and one more if only one would be."""
    hidden = {code for code, n in counts.items() if 0 < n < min_group}
    if len(hidden) == 1:
        rest = sorted((n, code) for code, n in counts.items() if n and code not in hidden)
        if rest:
            hidden.add(rest[0][1])
    return hidden


def _coarsen(records: list[dict[str, Any]], column: str, min_group: int) -> None:
    counts = Counter(r[column] for r in records if r[column] not in (NOT_SHOWN, NOT_ANSWERED))
    hidden = hidden_regions(counts, min_group)
    for record in records:
        if record[column] in hidden:
            record[column] = HIDDEN


def dataset(survey_round: Any, *, include_text: bool = False, coarsen: bool = True,
            rng: random.Random | None = None) -> Table:
    """The counted responses of ``survey_round`` as anonymised rows (see the module doc)."""
    schema = survey_round.questionnaire.schema
    columns = variables(schema, include_text=include_text)
    rows = list(selectors.counted_responses(survey_round).order_by("submitted_at", "pk")
                .values_list("answers", "language"))
    records = []
    for number, (answers, language) in enumerate(
            _shuffled(rows, rng or random.SystemRandom()), start=1):
        answers = answers if isinstance(answers, Mapping) else {}
        shown = logic.visible_codes(schema, answers)
        record: dict[str, Any] = {"respondent": number, "round": survey_round.slug,
                                  "language": language}
        record.update({v.name: cell(v, answers, shown) for v in columns})
        records.append(record)
    region = schema.dimension(REGION)
    if coarsen and region is not None:
        _coarsen(records, region.code, settings.SIHUB_SURVEYS_MIN_GROUP)
    return Table(FIXED_FIELDS + tuple(v.name for v in columns), records)


# --- The codebook -----------------------------------------------------------------------


def shown_if(schema: Schema, question: Question, lang: str) -> str:
    """The question's skip logic (its section's and its own) in words; empty: always shown."""
    section = schema.section(question.section)
    conditions = [c for c in (section.show_if if section else None, question.show_if) if c]
    with translation.override(lang):
        return " ".join(wording.condition_words(c, schema, lang) for c in conditions)


def _number_label(question: Question, lang: str) -> str:
    if lang == "sv":
        kind = "heltal" if question.integer else "tal"
        unit = f" ({question.unit.sv})" if question.unit.sv else ""
        low, high = "minst", "högst"
    else:
        kind = "whole number" if question.integer else "number"
        unit = f" ({question.unit(lang)})" if question.unit(lang) else ""
        low, high = "at least", "at most"
    parts = [f"{kind}{unit}"]
    if question.minimum is not None:
        parts.append(f"{low} {number_text(question.minimum)}")
    if question.maximum is not None:
        parts.append(f"{high} {number_text(question.maximum)}")
    return ", ".join(parts)


def _number_range(question: Question) -> str:
    if question.minimum is None and question.maximum is None:
        return "any"
    return f"{number_text(question.minimum)}..{number_text(question.maximum)}"


def _scale_label(question: Question, point: int, lang: str) -> str:
    ends = {int(question.minimum or 0): question.min_label,
            int(question.maximum or 0): question.max_label}
    end = ends.get(point)
    return f"{point} – {end(lang)}" if end else str(point)


def _values(variable: Variable, *, coarsen: bool, min_group: int,
            ) -> list[tuple[str, Text]]:
    """(value code, label) for each value the column can hold, "not answered" last."""
    q = variable.question
    if q.kind == MULTIPLE:
        values = [(str(CHOSEN), LABELS["chosen"]), (str(NOT_CHOSEN), LABELS["not_chosen"])]
    elif q.kind == MATRIX or q.is_choice:
        values = [(o.code, o.label) for o in q.options]
    elif q.kind == SCALE:
        values = [(str(p), Text(_scale_label(q, p, "sv"), _scale_label(q, p, "en")))
                  for p in q.scale_points()]
    elif q.kind == NUMBER:
        values = [(_number_range(q), Text(_number_label(q, "sv"), _number_label(q, "en")))]
    else:
        values = [("text", LABELS["text"])]
    if coarsen and q.dimension == REGION:
        values.append((HIDDEN, Text(
            f"Dold: regionen hade färre än {min_group} svarande (så att ingen kan kännas igen)",
            f"Hidden: the region had fewer than {min_group} respondents (so that nobody can "
            "be recognised)")))
    values.append((NOT_ANSWERED, LABELS["not_answered"]))
    return values


def _conditional(schema: Schema, question: Question) -> bool:
    section = schema.section(question.section)
    return bool(question.show_if or (section and section.show_if))


def _fixed_rows(survey_round: Any, size: int) -> list[dict[str, Any]]:
    def row(variable: str, value: str, label: Text, question: Text) -> dict[str, Any]:
        return {"variable": variable, "section": "", "question_sv": question.sv,
                "question_en": question.en, "kind": "", "value": value,
                "label_sv": label.sv, "label_en": label.en, "shown_if_sv": "",
                "shown_if_en": "", "required": ""}

    title = Text(survey_round.title_sv, survey_round.title_en)
    return [
        row("respondent", f"1..{size}" if size else "", LABELS["respondent"],
            Text("Svarande", "Respondent")),
        row("round", survey_round.slug, title, LABELS["round"]),
        *(row("language", code, LABELS[code], LABELS["language"]) for code in ("sv", "en")),
    ]


def codebook(survey_round: Any, *, include_text: bool = False, coarsen: bool = True,
             size: int | None = None) -> Table:
    """One row per value of every column of ``dataset`` with the same options."""
    schema = survey_round.questionnaire.schema
    if size is None:
        size = selectors.counted_responses(survey_round).count()
    min_group = settings.SIHUB_SURVEYS_MIN_GROUP
    records = _fixed_rows(survey_round, size)
    for variable in variables(schema, include_text=include_text):
        q = variable.question
        text = q.text
        if variable.part is not None:
            text = Text(f"{q.text.sv}: {variable.part.label.sv}",
                        f"{q.text.en}: {variable.part.label.en}")
        common = {"variable": variable.name, "section": q.section, "question_sv": text.sv,
                  "question_en": text.en, "kind": q.kind,
                  "shown_if_sv": shown_if(schema, q, "sv"),
                  "shown_if_en": shown_if(schema, q, "en"),
                  "required": "yes" if q.required else "no"}
        values = _values(variable, coarsen=coarsen, min_group=min_group)
        if _conditional(schema, q):
            values.append((NOT_SHOWN, LABELS["not_shown"]))
        records.extend({**common, "value": code, "label_sv": label.sv, "label_en": label.en}
                       for code, label in values)
    return Table(CODEBOOK_FIELDS, records)


# --- Files --------------------------------------------------------------------------------


def _document(sheets: Mapping[str, Table], fmt: str) -> bytes:
    if fmt == "csv":
        (table,) = sheets.values()
        return csv_document(table.records, table.fields)
    return xlsx_document({name: (t.fields, t.records) for name, t in sheets.items()})


def data_file(survey_round: Any, fmt: str, *, include_text: bool = False,
              coarsen: bool = True) -> tuple[bytes, str, int]:
    """(file, file name, number of rows): CSV holds the data, XLSX data and codebook."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    data = dataset(survey_round, include_text=include_text, coarsen=coarsen)
    sheets = {"data": data}
    if fmt == "xlsx":
        sheets["codebook"] = codebook(survey_round, include_text=include_text,
                                      coarsen=coarsen, size=len(data.records))
    stem = f"{survey_round.slug}-data{'-free-text' if include_text else ''}"
    return _document(sheets, fmt), f"{stem}.{fmt}", len(data.records)


def codebook_file(survey_round: Any, fmt: str) -> tuple[bytes, str]:
    """The codebook of every column an export can have (free text included, marked as such)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    table = codebook(survey_round, include_text=True)
    return _document({"codebook": table}, fmt), f"{survey_round.slug}-codebook.{fmt}"


def export_record(*, actor: Any, survey_round: Any, what: str, fmt: str,
                  include_text: bool = False, rows: int | None = None) -> None:
    """Leave a trace of who took which data out (the audit log; no answers in it)."""
    data: dict[str, Any] = {"what": what, "format": fmt, "free_text": include_text}
    if rows is not None:
        data["rows"] = rows
    audit_record(actor=actor, action="surveys.export", target=survey_round, data=data)

