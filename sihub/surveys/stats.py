"""Survey statistics from stored answers: counts, shares, means, cross-tabs, comparisons.

Nothing here touches the database: the input is a questionnaire's ``Schema``
(or one ``Question``) and the answer dicts of the counted responses
(``selectors.counted_answers(round)``), so every figure can be checked by hand
on a few made-up answers (``tests/test_stats.py``).

Definitions (the same in the staff pages, the report pages and the API):

* **shown** — respondents to whom the question was visible (skip logic,
  ``logic.visible_codes``); a question behind a condition is not "unanswered"
  by those who never saw it.
* **answered** — respondents with a usable answer (a known option, a scale
  point, a number, non-empty text).
* **percent** — of those who answered the question, 0–100 and not rounded
  (templates and the API round). For multiple choice each option's share is
  of the respondents who answered, so the shares may add up to more than 100.
* **number questions** are grouped by the question's ``bins`` (upper limits,
  inclusive); mean and median are of the raw numbers.
* **suppression** (``suppress``) hides counts of 1 … ``min_group`` − 1, the
  shares computed from them, and one more cell where a single hidden cell
  could be worked out from the total; a question answered by fewer than
  ``min_group`` shows no distribution at all. Zero counts stay visible.
  Public outputs use ``settings.SIHUB_SURVEYS_MIN_GROUP``.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sihub.surveys import logic
from sihub.surveys.schema import (
    MATRIX,
    MULTIPLE,
    NUMBER,
    SCALE,
    SINGLE,
    Option,
    Question,
    Schema,
    Text,
)

Answers = Mapping[str, Any]
TOTAL = Text("Totalt", "Total")


# --- Results per question -----------------------------------------------------------------


@dataclass(frozen=True)
class Count:
    """One answer option (or scale point, or number group); None = hidden (small group)."""

    code: str
    label: Text
    count: int | None
    percent: float | None


@dataclass(frozen=True)
class MatrixRow:
    option: Option  # the matrix row (statement)
    answered: int
    counts: list[Count]


@dataclass(frozen=True)
class QuestionResult:
    question: Question
    shown: int
    answered: int
    counts: list[Count] = field(default_factory=list)
    mean: float | None = None
    median: float | None = None
    rows: list[MatrixRow] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    suppressed: bool = False

    @property
    def code(self) -> str:
        return self.question.code

    @property
    def has_distribution(self) -> bool:
        """Whether there is something to chart (counts or matrix rows)."""
        return bool(self.counts or self.rows)


def share(part: int | None, whole: int) -> float | None:
    """``part`` as a percentage of ``whole``; None when either is unknown or whole is 0."""
    if part is None or whole <= 0:
        return None
    return 100.0 * part / whole


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(str(value).replace(",", "."))
    except ValueError:
        return None


def _fmt(value: float, lang: str) -> str:
    """1.0 → "1", 2.5 → "2.5" (en) / "2,5" (sv)."""
    text = str(int(value)) if float(value).is_integer() else f"{value:g}"
    return text.replace(".", ",") if lang == "sv" else text


def number_bins(question: Question) -> list[tuple[str, Text, float | None, float | None]]:
    """The groups of a number question: (code, label, above, up to and including).

    Bins "1,9,49" on a whole-number question from 0 give "0–1", "2–9",
    "10–49", "50 or more"; codes ("le_1" … "gt_49") stay the same whatever
    the language, so rounds with the same bins can be compared.
    """
    out: list[tuple[str, Text, float | None, float | None]] = []
    lower: float | None = None  # exclusive bound (the previous upper limit)
    for upper in question.bins:
        if lower is None:
            start = question.minimum
        else:
            start = lower + 1 if question.integer else None
        if start is None and lower is None:
            label = Text(f"högst {_fmt(upper, 'sv')}", f"up to {_fmt(upper, 'en')}")
        elif start is None:  # decimals: above the previous limit, up to this one
            start = lower
            label = Text(f"{_fmt(start, 'sv')}–{_fmt(upper, 'sv')}",  # type: ignore[arg-type]
                         f"{_fmt(start, 'en')}–{_fmt(upper, 'en')}")  # type: ignore[arg-type]
        elif start == upper:
            label = Text(_fmt(upper, "sv"), _fmt(upper, "en"))
        else:
            label = Text(f"{_fmt(start, 'sv')}–{_fmt(upper, 'sv')}",
                         f"{_fmt(start, 'en')}–{_fmt(upper, 'en')}")
        out.append((f"le_{_fmt(upper, 'en')}", label, lower, upper))
        lower = upper
    if lower is not None:
        if question.integer:
            first = lower + 1
            label = Text(f"{_fmt(first, 'sv')} eller fler", f"{_fmt(first, 'en')} or more")
        else:
            label = Text(f"mer än {_fmt(lower, 'sv')}", f"more than {_fmt(lower, 'en')}")
        out.append((f"gt_{_fmt(lower, 'en')}", label, lower, None))
    return out


def _bin_code(question: Question, value: float) -> str:
    for code, _label, _above, upper in number_bins(question):
        if upper is None or value <= upper:
            return code
    return ""  # pragma: no cover - the last bin is open-ended


def _categories(question: Question) -> list[tuple[str, Text]]:
    """The categories an answer to ``question`` is counted in, in order."""
    if question.kind in (SINGLE, MULTIPLE, MATRIX):
        return [(o.code, o.label) for o in question.options]
    if question.kind == SCALE:
        return [(str(p), _scale_label(question, p)) for p in question.scale_points()]
    if question.kind == NUMBER:
        return [(code, label) for code, label, _a, _u in number_bins(question)]
    return []


def _scale_label(question: Question, point: int) -> Text:
    """"1 (Low)" at the ends when the scale names them, else the number."""
    end = (question.min_label if point == question.minimum
           else question.max_label if point == question.maximum else None)
    if end:
        return Text(f"{point} ({end('sv')})", f"{point} ({end('en')})")
    return Text(str(point), str(point))


def answer_categories(question: Question, value: Any) -> list[str] | None:
    """The category codes an answer counts in; None when it is no usable answer.

    Answers naming options that no longer exist are not counted (nor as answered).
    """
    if question.kind == SINGLE:
        return [value] if isinstance(value, str) and question.option(value) else None
    if question.kind == MULTIPLE:
        if not isinstance(value, list | tuple):
            return None
        picked = {str(v) for v in value}
        codes = [o.code for o in question.options if o.code in picked]
        return codes or None
    if question.kind == SCALE:
        number = _number(value)
        if number is None or not number.is_integer() or int(number) not in question.scale_points():
            return None
        return [str(int(number))]
    if question.kind == NUMBER:
        number = _number(value)
        if number is None:
            return None
        return [_bin_code(question, number)] if question.bins else []
    return None


def _counts(categories: Sequence[tuple[str, Text]], tally: Mapping[str, int], base: int
            ) -> list[Count]:
    return [Count(code, label, tally.get(code, 0), share(tally.get(code, 0), base))
            for code, label in categories]


def _result(question: Question, answers_list: Sequence[Answers], shown: int, *,
            include_text: bool) -> QuestionResult:
    if question.is_text:
        texts = [str(a[question.code]).strip() for a in answers_list
                 if str(a.get(question.code) or "").strip()]
        return QuestionResult(question, shown, len(texts), texts=texts if include_text else [])
    if question.kind == MATRIX:
        return _matrix_result(question, answers_list, shown)
    tally: dict[str, int] = {}
    numbers: list[float] = []
    answered = 0
    for answers in answers_list:
        codes = answer_categories(question, answers.get(question.code))
        if codes is None:
            continue
        answered += 1
        for code in codes:
            tally[code] = tally.get(code, 0) + 1
        if question.kind in (SCALE, NUMBER):
            numbers.append(_number(answers[question.code]))  # type: ignore[arg-type]
    mean = statistics.fmean(numbers) if numbers else None
    median = float(statistics.median(numbers)) if numbers else None
    return QuestionResult(question, shown, answered, _counts(_categories(question), tally,
                                                             answered),
                          mean=mean, median=median)


def _matrix_result(question: Question, answers_list: Sequence[Answers], shown: int
                   ) -> QuestionResult:
    known = set(question.option_codes())
    answered = 0
    rows = []
    per_row: dict[str, dict[str, int]] = {r.code: {} for r in question.rows}
    for answers in answers_list:
        value = answers.get(question.code)
        if not isinstance(value, Mapping):
            continue
        hits = [(row, str(value.get(row))) for row in per_row if str(value.get(row)) in known]
        if hits:
            answered += 1
        for row, code in hits:
            per_row[row][code] = per_row[row].get(code, 0) + 1
    for row in question.rows:
        tally = per_row[row.code]
        base = sum(tally.values())
        rows.append(MatrixRow(row, base, _counts(_categories(question), tally, base)))
    return QuestionResult(question, shown, answered, rows=rows)


def question_result(question: Question, answers_list: Sequence[Answers], *,
                    include_text: bool = False, schema: Schema | None = None
                    ) -> QuestionResult:
    """The figures for one question; pass ``schema`` for an exact ``shown``.

    With ``schema`` only respondents who saw the question count (an answer
    left behind to a hidden question is ignored). Without it, a question
    without a condition of its own counts as shown to everyone, one with a
    condition as shown to those who answered it.
    """
    if schema is not None:
        seen = [a for a in answers_list if question.code in logic.visible_codes(schema, a)]
        return _result(question, seen, len(seen), include_text=include_text)
    if question.show_if is None:
        shown = len(answers_list)
    else:
        shown = sum(1 for a in answers_list if a.get(question.code) not in (None, "", [], {}))
    return _result(question, answers_list, shown, include_text=include_text)


def results(schema: Schema, answers_list: Sequence[Answers], *, include_text: bool = False
            ) -> list[QuestionResult]:
    """The figures for every question of ``schema``, in questionnaire order.

    Skip logic is followed once per respondent: ``shown`` counts those who saw
    each question and only their answers count.
    """
    visible = [(logic.visible_codes(schema, a), a) for a in answers_list]
    out = []
    for q in schema.questions:
        seen = [a for codes, a in visible if q.code in codes]
        out.append(_result(q, seen, len(seen), include_text=include_text))
    return out


def filter_answers(schema: Schema, answers_list: Iterable[Answers],
                   filters: Mapping[str, Iterable[str]]) -> list[Answers]:
    """The respondents whose answer to each filtered question is one of its values.

    Values compare as in skip logic (``logic.answer_values``): option codes,
    scale points as strings, any of the picked options for multiple choice.
    A filter without values is ignored; one on an unknown question keeps nobody.
    """
    wanted = {code: {str(v) for v in values} for code, values in filters.items()}
    wanted = {code: values for code, values in wanted.items() if values}
    questions = {code: schema.question(code) for code in wanted}
    return [a for a in answers_list
            if all(logic.answer_values(questions[code], a.get(code)) & values
                   for code, values in wanted.items())]


# --- Cross-tabulation ---------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    code: str
    label: Text
    base: int | None  # respondents in this group who answered the question; None = hidden


@dataclass(frozen=True)
class Cell:
    count: int | None
    percent: float | None  # of the column's base


@dataclass(frozen=True)
class CrossRow:
    code: str
    label: Text
    cells: list[Cell]  # one per column
    total: Cell  # everyone who answered, whatever their group


@dataclass(frozen=True)
class CrossTab:
    """``question`` by the groups of ``by`` (a single-choice question), column percentages.

    The total column holds everyone who answered ``question``, including those
    who did not answer ``by``. Scale and number questions also get a mean per group.
    """

    question: Question
    by: Question
    columns: list[Column]
    rows: list[CrossRow]
    total_column: Column
    means: list[float | None] = field(default_factory=list)  # per column (scale, number)
    total_mean: float | None = None
    suppressed: bool = False


CROSSTAB_KINDS = (SINGLE, MULTIPLE, SCALE, NUMBER)


def crosstab(question: Question, by_question: Question, answers_list: Sequence[Answers]
             ) -> CrossTab:
    """``question`` broken down by the answer to ``by_question`` (a single choice)."""
    if question.kind not in CROSSTAB_KINDS:
        raise ValueError(f"Cannot cross-tabulate a {question.kind} question.")
    if by_question.kind != SINGLE:
        raise ValueError("Only a single-choice question can be a breakdown.")
    groups = [o.code for o in by_question.options]
    answered_by: dict[str, list[Answers]] = {g: [] for g in groups}
    everyone: list[Answers] = []
    for answers in answers_list:
        if answer_categories(question, answers.get(question.code)) is None:
            continue
        everyone.append(answers)
        group = answers.get(by_question.code)
        if group in answered_by:
            answered_by[group].append(answers)
    per_group = [_result(question, answered_by[g], len(answered_by[g]), include_text=False)
                 for g in groups]
    total = _result(question, everyone, len(everyone), include_text=False)
    rows = []
    for i, (code, label) in enumerate(_categories(question)):
        cells = [Cell(r.counts[i].count, r.counts[i].percent) for r in per_group]
        rows.append(CrossRow(code, label, cells,
                             Cell(total.counts[i].count, total.counts[i].percent)))
    columns = [Column(o.code, o.label, r.answered) for o, r in zip(by_question.options,
                                                                  per_group, strict=True)]
    return CrossTab(question, by_question, columns, rows, Column("", TOTAL, total.answered),
                    means=[r.mean for r in per_group], total_mean=total.mean)


# --- Comparing two rounds -----------------------------------------------------------------


@dataclass(frozen=True)
class ComparedCount:
    code: str
    label: Text
    a_percent: float | None  # None: not in that round's version, or hidden
    b_percent: float | None
    change_points: float | None  # b − a in percentage points

    @property
    def in_both(self) -> bool:
        return self.a_percent is not None and self.b_percent is not None


@dataclass(frozen=True)
class Comparison:
    """One question (matched by code) in round A and round B; changes are B − A."""

    question: Question
    a: QuestionResult
    b: QuestionResult
    rows: list[ComparedCount]


def _flat(result: QuestionResult) -> list[tuple[str, Text, float | None]]:
    if result.question.kind == MATRIX:
        return [(f"{row.option.code}:{c.code}",
                 Text(f"{row.option.label('sv')}: {c.label('sv')}",
                      f"{row.option.label('en')}: {c.label('en')}"), c.percent)
                for row in result.rows for c in row.counts]
    return [(c.code, c.label, c.percent) for c in result.counts]


def compared_rows(a: QuestionResult, b: QuestionResult) -> list[ComparedCount]:
    """Every option of either round, A's order first, then options only in B."""
    a_rows, b_rows = _flat(a), _flat(b)
    b_map = {code: (label, pct) for code, label, pct in b_rows}
    a_codes = {code for code, _l, _p in a_rows}
    out = []
    for code, label, a_pct in a_rows:
        b_pct = b_map[code][1] if code in b_map else None
        out.append(ComparedCount(code, label, a_pct, b_pct, _change(a_pct, b_pct)))
    out.extend(ComparedCount(code, label, None, pct, None)
               for code, label, pct in b_rows if code not in a_codes)
    return out


def _change(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else b - a


def compare(question_a: Question, answers_a: Sequence[Answers], question_b: Question,
            answers_b: Sequence[Answers], *, schema_a: Schema | None = None,
            schema_b: Schema | None = None) -> Comparison:
    """The same question in two rounds (versions may differ; labels from the newer B)."""
    return compare_results(question_result(question_a, answers_a, schema=schema_a),
                           question_result(question_b, answers_b, schema=schema_b))


def compare_results(a: QuestionResult, b: QuestionResult) -> Comparison:
    """Two rounds' results of one question, side by side (labels from the newer B)."""
    return Comparison(b.question, a, b, compared_rows(a, b))


def compare_all(schema_a: Schema, answers_a: Sequence[Answers], schema_b: Schema,
                answers_b: Sequence[Answers]) -> dict[str, Comparison]:
    """Every question asked in both rounds with the same kind, by code, in B's order.

    Each round's results are computed once (skip logic once per respondent), so
    comparing a whole questionnaire costs two ``results`` rather than one per question.
    """
    by_code_a = {r.question.code: r for r in results(schema_a, answers_a)}
    out = {}
    for b in results(schema_b, answers_b):
        a = by_code_a.get(b.question.code)
        if a is not None and a.question.kind == b.question.kind:
            out[b.question.code] = compare_results(a, b)
    return out


# --- Hiding small groups ------------------------------------------------------------------


def _small(count: int | None, min_group: int) -> bool:
    return count is not None and 0 < count < min_group


def _hide_one_more(counts: list[int | None], hidden: set[int]) -> None:
    """Hide the smallest visible other cell, so one hidden cell cannot be got from the total."""
    visible = [(c, i) for i, c in enumerate(counts) if i not in hidden and c is not None]
    if not visible:
        return
    nonzero = [(c, i) for c, i in visible if c > 0]
    hidden.add(min(nonzero or visible)[1])


def _hidden_cells(counts: list[int | None], min_group: int, *, sums_to_total: bool) -> set[int]:
    hidden = {i for i, c in enumerate(counts) if _small(c, min_group)}
    if sums_to_total and len(hidden) == 1:
        _hide_one_more(counts, hidden)
    return hidden


def _suppress_counts(counts: list[Count], min_group: int, *, sums_to_total: bool
                     ) -> list[Count]:
    hidden = _hidden_cells([c.count for c in counts], min_group, sums_to_total=sums_to_total)
    return [replace(c, count=None, percent=None) if i in hidden else c
            for i, c in enumerate(counts)]


def _hide_all(counts: list[Count]) -> list[Count]:
    return [replace(c, count=None, percent=None) for c in counts]


def _suppress_result(result: QuestionResult, min_group: int) -> QuestionResult:
    if result.answered < min_group:
        return replace(result, counts=_hide_all(result.counts), mean=None, median=None,
                       rows=[replace(r, counts=_hide_all(r.counts)) for r in result.rows],
                       texts=[], suppressed=result.answered > 0)
    sums = result.question.kind != MULTIPLE
    rows = [replace(r, counts=_hide_all(r.counts)) if r.answered < min_group
            else replace(r, counts=_suppress_counts(r.counts, min_group, sums_to_total=True))
            for r in result.rows]
    return replace(result, counts=_suppress_counts(result.counts, min_group,
                                                   sums_to_total=sums),
                   rows=rows)


def _suppress_crosstab(table: CrossTab, min_group: int) -> CrossTab:
    """Hide small cells, and more cells until no single hidden cell stands alone in a column
    (which sums to its base) or in a row (whose groups sum to the total column).

    A plain fixed-point search, not an optimal one: it may hide more than needed.
    """
    if (table.total_column.base or 0) < min_group:
        return replace(table, suppressed=table.total_column.base not in (0, None),
                       columns=[replace(c, base=None) for c in table.columns],
                       rows=[replace(r, cells=[Cell(None, None) for _ in r.cells],
                                     total=Cell(None, None)) for r in table.rows],
                       total_column=replace(table.total_column, base=None),
                       means=[None for _ in table.means], total_mean=None)
    n_rows, n_cols = len(table.rows), len(table.columns)
    counts = [[r.cells[j].count for j in range(n_cols)] + [r.total.count] for r in table.rows]
    small_columns = {j for j, c in enumerate(table.columns) if _small(c.base, min_group)}
    hidden = {(i, j) for i in range(n_rows) for j in range(n_cols + 1)
              if _small(counts[i][j], min_group) or j in small_columns}
    sums = table.question.kind != MULTIPLE
    changed = True
    while changed:
        changed = False
        lines: list[list[tuple[int, int]]] = [
            [(i, j) for j in range(n_cols + 1)] for i in range(n_rows)]
        if sums:
            lines += [[(i, j) for i in range(n_rows)] for j in range(n_cols + 1)
                      if j not in small_columns]
        for line in lines:
            inside = [cell for cell in line if cell in hidden]
            if len(inside) == 1:
                others = [(counts[i][j], (i, j)) for i, j in line
                          if (i, j) not in hidden and counts[i][j] is not None]
                nonzero = [o for o in others if o[0] > 0]
                if others:
                    hidden.add(min(nonzero or others)[1])
                    changed = True
    rows = []
    for i, row in enumerate(table.rows):
        cells = [Cell(None, None) if (i, j) in hidden else cell
                 for j, cell in enumerate(row.cells)]
        total = Cell(None, None) if (i, n_cols) in hidden else row.total
        rows.append(replace(row, cells=cells, total=total))
    columns = [replace(c, base=None) if j in small_columns else c
               for j, c in enumerate(table.columns)]
    means = [None if j in small_columns else m for j, m in enumerate(table.means)]
    return replace(table, columns=columns, rows=rows, means=means)


def suppress(result: Any, min_group: int) -> Any:
    """A copy of a ``QuestionResult``, ``CrossTab`` or ``Comparison`` with small groups hidden.

    Counts of 1 … ``min_group`` − 1 and their shares become None, plus one
    more cell wherever a lone hidden cell could be worked out from a total;
    with fewer than ``min_group`` answers nothing but the numbers shown and
    answered is left (``suppressed``). Free texts are never kept for a
    question below the threshold. ``min_group`` ≤ 1 hides nothing.
    """
    if min_group <= 1:
        return result
    if isinstance(result, QuestionResult):
        return _suppress_result(result, min_group)
    if isinstance(result, CrossTab):
        return _suppress_crosstab(result, min_group)
    if isinstance(result, Comparison):
        a, b = _suppress_result(result.a, min_group), _suppress_result(result.b, min_group)
        return replace(result, a=a, b=b, rows=compared_rows(a, b))
    raise TypeError(f"Cannot suppress {type(result).__name__}.")


# --- Key figures --------------------------------------------------------------------------


@dataclass(frozen=True)
class KeyFigure:
    """A headline number for a report: ``value`` in ``unit`` ("count", "percent", "mean",
    "median"); ``label`` says what it is, ``detail`` which answer (e.g. the largest group)."""

    code: str
    label: Text
    value: float | None
    unit: str
    detail: Text = field(default_factory=Text)
    base: int | None = None  # how many answered


def _largest(result: QuestionResult) -> KeyFigure:
    visible = [c for c in result.counts if c.percent is not None]
    best = max(visible, key=lambda c: c.percent or 0.0, default=None)  # first wins a tie
    return KeyFigure(result.code, result.question.text, best.percent if best else None,
                     "percent", best.label if best else Text(), result.answered)


def key_figure(result: QuestionResult) -> KeyFigure | None:
    """The headline of one question: the largest share (choices), mean (scale), median."""
    kind = result.question.kind
    if kind in (SINGLE, MULTIPLE):
        return _largest(result)
    if kind == SCALE:
        return KeyFigure(result.code, result.question.text, result.mean, "mean",
                         base=result.answered)
    if kind == NUMBER:
        return KeyFigure(result.code, result.question.text, result.median, "median",
                         detail=result.question.unit, base=result.answered)
    return None


def key_figures(schema: Schema, answers_list: Sequence[Answers], *,
                codes: Sequence[str] = (), min_group: int = 1) -> list[KeyFigure]:
    """Headline figures: the number of responses, then per question in ``codes`` (or, with
    no codes, per breakdown question: sector, region, size) its ``key_figure``.

    Figures resting on hidden counts come out as None, so pass the public
    ``min_group`` for public pages.
    """
    out = [KeyFigure("responses", Text("Svar", "Responses"), float(len(answers_list)),
                     "count", base=len(answers_list))]
    wanted = list(codes) or [q.code for q in schema.dimensions().values()]
    by_code = {r.code: r for r in results(schema, answers_list)}
    for code in wanted:
        result = by_code.get(code)
        if result is None:
            continue
        figure = key_figure(suppress(result, min_group))
        if figure is not None:
            out.append(figure)
    return out
