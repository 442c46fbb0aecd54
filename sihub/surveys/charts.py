"""Horizontal bar charts (server-rendered SVG) of survey results, with the table beside them.

Three kinds of figure, all drawn by ``templates/surveys/_bar_chart.html``:

* ``result_chart(QuestionResult)`` — one bar per option / scale point / number
  group (share of those who answered); a matrix gets one group per row and one
  bar per answer option.
* ``comparison_chart(Comparison)`` — two bars per option: round A and round B.
* ``crosstab_chart(CrossTab)`` — grouped bars: one group per option, one bar
  per group of the breakdown (sector, region, size), column percentages.

The geometry comes from ``events.stats.mix_chart`` (axis ticks from
``core.charts.nice_ticks``); this module adds what the survey figures need:
ids unique on a page (several charts share one document, so the SVG ``title``,
``desc`` and pattern ids must differ), texts for hidden values ("–" for a
small group hidden by ``stats.suppress``), a legend that wraps, and the table
of the same numbers, which the template renders under the chart.

Series are told apart by a fill pattern as well as colour (``series`` picks
both, see ``static/surveys/charts.css``), and each bar has its number written
beside it, so colour is never the only cue.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from sihub.events.stats import ChartTick, LegendItem, mix_chart
from sihub.surveys import stats
from sihub.surveys.schema import MATRIX, MULTIPLE, NUMBER, SCALE

# Styles the CSS defines (solid, hatched, dotted, cross-hatched, outlined, striped);
# a figure with more series repeats them, and the legend and table still name each.
SERIES_STYLES = 6
LEGEND_ITEM_WIDTH = 170
_ids = itertools.count(1)


@dataclass(frozen=True)
class Bar:
    series: int  # style number 0 … SERIES_STYLES − 1
    name: str  # the series' name (legend), empty for a single series
    value: float | None  # per cent; None = hidden or not asked
    y: float
    width: float
    height: int
    text_x: float
    text_y: float
    text: str  # written beside the bar: "42 %" or "–"
    tooltip: str  # the bar's <title>


@dataclass(frozen=True)
class Group:
    label: str
    label_y: float
    bars: list[Bar]


@dataclass(frozen=True)
class TableCell:
    """A number in the table: ``kind`` is "count", "percent", "points", "mean" or "blank"."""

    value: float | int | None
    kind: str
    hidden: bool = False  # None because the group is small (not: not asked)


@dataclass(frozen=True)
class TableRow:
    label: str
    cells: list[TableCell]


@dataclass(frozen=True)
class BarChart:
    """Everything ``_bar_chart.html`` draws; coordinates in the SVG's viewBox units."""

    id: str
    title: str
    desc: str
    width: int = 720
    height: int = 0
    plot_x: int = 230
    plot_top: int = 0
    plot_bottom: int = 0
    groups: list[Group] = field(default_factory=list)
    ticks: list[ChartTick] = field(default_factory=list)
    legend: list[LegendItem] = field(default_factory=list)
    # The table of the same numbers.
    caption: str = ""
    headers: list[str] = field(default_factory=list)  # after the first (label) column
    rows: list[TableRow] = field(default_factory=list)
    note: str = ""  # base, mean/median, "shares may add up to more than 100 %"
    # No chart, only ``message``: nobody answered, or too few to show.
    empty: bool = False
    message: str = ""

    @property
    def label_x(self) -> int:
        return self.plot_x - 8

    @property
    def title_id(self) -> str:
        return f"{self.id}-title"

    @property
    def desc_id(self) -> str:
        return f"{self.id}-desc"

    def pattern_id(self, series: int) -> str:
        return f"{self.id}-pattern-{series}"

    @property
    def pattern_ids(self) -> list[tuple[int, str]]:
        """(series, id) of the fill patterns this chart's bars use (series 0 is solid)."""
        used = sorted({bar.series for g in self.groups for bar in g.bars}
                      | {item.series for item in self.legend})
        return [(s, self.pattern_id(s)) for s in used if s > 0]


# --- Helpers ------------------------------------------------------------------------------


def _lang(lang: str | None) -> str:
    return "en" if (lang or get_language() or "sv").startswith("en") else "sv"


def new_id(hint: str = "") -> str:
    """An id no other chart on the page has ("survey-chart-q_sector-7")."""
    slug = re.sub(r"[^a-z0-9_-]+", "-", hint.lower()).strip("-")
    return f"survey-chart-{slug}-{next(_ids)}" if slug else f"survey-chart-{next(_ids)}"


def percent_text(value: float | None) -> str:
    """A bar's label: whole per cent ("42 %"), "–" when there is no value."""
    if value is None:
        return "–"
    return f"{int(value + 0.5)} %"


def _legend(names: Sequence[str], *, width: int) -> tuple[list[LegendItem], int]:
    """Legend items wrapped onto rows, and the height they take (0 for one series)."""
    if len(names) < 2:
        return [], 0
    per_row = max(1, (width - 16) // LEGEND_ITEM_WIDTH)
    items = [LegendItem(series=i % SERIES_STYLES, name=name,
                        x=8 + (i % per_row) * LEGEND_ITEM_WIDTH, y=8 + (i // per_row) * 22)
             for i, name in enumerate(names)]
    rows = (len(names) + per_row - 1) // per_row
    return items, rows * 22 + 6


Series = tuple[str, Sequence[float | None], Sequence[str]]  # name, percents, tooltips


def _draw(chart_id: str, title: str, desc: str, labels: Sequence[str],
          series: Sequence[Series], *, width: int = 720) -> BarChart:
    names = [name for name, _values, _tips in series]
    legend, legend_height = _legend(names, width=width)
    columns = [(name, i % SERIES_STYLES, [(v, 0) for v in values])
               for i, (name, values, _tips) in enumerate(series)]
    geometry = mix_chart(labels, columns, width=width, legend_height=legend_height,
                         bar_height=16 if len(series) == 1 else 14)
    groups = []
    for i, group in enumerate(geometry.groups):
        bars = []
        for j, bar in enumerate(group.bars):
            value = series[j][1][i]
            bars.append(Bar(series=bar.series, name=bar.name, value=value, y=bar.y,
                            width=bar.width, height=bar.height, text_x=bar.text_x,
                            text_y=bar.text_y, text=percent_text(value),
                            tooltip=series[j][2][i]))
        groups.append(Group(group.label, group.label_y, bars))
    return BarChart(id=chart_id, title=title, desc=desc, width=geometry.width,
                    height=geometry.height, plot_x=geometry.plot_x,
                    plot_top=geometry.plot_top, plot_bottom=geometry.plot_bottom,
                    groups=groups, ticks=geometry.ticks, legend=legend)


def _tip(label: str, value: float | None, *, series: str = "", count: int | None = None,
         missing: str = "") -> str:
    head = f"{label}, {series}" if series else label
    if value is None and count == 0:
        return f"{head}: {_('nobody answered')}"
    if value is None:
        return f"{head}: {missing or _('hidden (too few answers)')}"
    if count is None:
        return f"{head}: {value:.1f} %"
    return f"{head}: {count} ({value:.1f} %)"


def _count_cells(count: stats.Count) -> list[TableCell]:
    hidden = count.count is None
    return [TableCell(count.count, "count", hidden), TableCell(count.percent, "percent", hidden)]


def _base_note(result: stats.QuestionResult, lang: str) -> str:
    parts = [_("%(answered)d of %(shown)d who saw the question answered it.")
             % {"answered": result.answered, "shown": result.shown}]
    if result.question.kind == MULTIPLE:
        parts.append(_("Several answers could be chosen, so the shares may add up to more "
                       "than 100 %."))
    if result.mean is not None:
        parts.append(_("Mean %(mean)s, median %(median)s.")
                     % {"mean": _decimal(result.mean, lang),
                        "median": _decimal(result.median, lang)})
    return " ".join(parts)


def _decimal(value: float | None, lang: str) -> str:
    if value is None:
        return "–"
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "sv" else text


def _too_few(chart_id: str, title: str, answered: int, suppressed: bool) -> BarChart | None:
    if answered == 0:
        return BarChart(id=chart_id, title=title, desc="", empty=True,
                        message=_("Nobody has answered this question yet."))
    if suppressed:
        return BarChart(id=chart_id, title=title, desc="", empty=True,
                        message=_("Too few answers to show: small groups are hidden so that "
                                  "no one can be recognised."))
    return None


# --- One question -------------------------------------------------------------------------


def result_chart(result: stats.QuestionResult, *, lang: str | None = None,
                 chart_id: str | None = None) -> BarChart:
    """Bars of one question's shares (a matrix: one group per row), with its table."""
    lang = _lang(lang)
    title = result.question.text(lang)
    chart_id = chart_id or new_id(result.code)
    empty = _too_few(chart_id, title, result.answered, result.suppressed)
    if empty is not None:
        return empty
    if result.question.kind == MATRIX:
        return _matrix_chart(result, lang, chart_id, title)
    labels = [c.label(lang) for c in result.counts]
    tips = [_tip(label, c.percent, count=c.count) for label, c in zip(labels, result.counts,
                                                                       strict=True)]
    chart = _draw(chart_id, title, _("Horizontal bars: the share, in per cent, of those who "
                                     "answered that gave each answer. The same numbers are in "
                                     "the table."),
                  labels, [("", [c.percent for c in result.counts], tips)])
    rows = [TableRow(label, _count_cells(c)) for label, c in zip(labels, result.counts,
                                                                 strict=True)]
    if result.question.kind in (SCALE, NUMBER) and result.mean is not None:
        rows.append(TableRow(_("Mean"), [TableCell(None, "blank"),
                                         TableCell(result.mean, "mean")]))
    return replace(chart, caption=title, headers=[_("Number"), _("Per cent")], rows=rows,
                   note=_base_note(result, lang))


def _matrix_chart(result: stats.QuestionResult, lang: str, chart_id: str, title: str
                  ) -> BarChart:
    options = result.question.options
    labels = [row.option.label(lang) for row in result.rows]
    series = []
    for k, option in enumerate(options):
        name = option.label(lang)
        values = [row.counts[k].percent for row in result.rows]
        tips = [_tip(label, row.counts[k].percent, series=name, count=row.counts[k].count)
                for label, row in zip(labels, result.rows, strict=True)]
        series.append((name, values, tips))
    chart = _draw(chart_id, title, _("Grouped horizontal bars: for each statement, the share "
                                     "in per cent giving each answer. The same numbers are in "
                                     "the table."), labels, series)
    rows = [TableRow(label, [TableCell(c.percent, "percent", c.count is None)
                             for c in row.counts] + [TableCell(row.answered, "count")])
            for label, row in zip(labels, result.rows, strict=True)]
    headers = [f"{o.label(lang)} (%)" for o in options] + [_("Answered")]
    return replace(chart, caption=title, headers=headers, rows=rows, note=_base_note(result, lang))


# --- Two rounds ---------------------------------------------------------------------------


def comparison_chart(comparison: stats.Comparison, *, a_name: str, b_name: str,
                     lang: str | None = None, chart_id: str | None = None) -> BarChart:
    """Round A beside round B, option by option; the table adds the change in points.

    An option asked in only one round has "–" in the other (its tooltip says so).
    """
    lang = _lang(lang)
    title = comparison.question.text(lang)
    chart_id = chart_id or new_id(f"{comparison.question.code}-compare")
    if not comparison.a.answered and not comparison.b.answered:
        return _too_few(chart_id, title, 0, False)  # type: ignore[return-value]
    labels = [row.label(lang) for row in comparison.rows]
    a_codes = {code for code, _l, _p in stats._flat(comparison.a)}
    b_codes = {code for code, _l, _p in stats._flat(comparison.b)}

    def tips(name: str, codes: set[str], values: list[float | None]) -> list[str]:
        return [_tip(label, value, series=name,
                     missing="" if row.code in codes else _("not asked in this round"))
                for label, row, value in zip(labels, comparison.rows, values, strict=True)]

    a_values = [row.a_percent for row in comparison.rows]
    b_values = [row.b_percent for row in comparison.rows]
    chart = _draw(chart_id, title,
                  _("Horizontal bars in pairs: for each answer, its share in per cent in "
                    "%(a)s and in %(b)s. The same numbers and the change are in the table.")
                  % {"a": a_name, "b": b_name}, labels,
                  [(a_name, a_values, tips(a_name, a_codes, a_values)),
                   (b_name, b_values, tips(b_name, b_codes, b_values))])
    rows = [TableRow(label, [TableCell(row.a_percent, "percent",
                                       row.a_percent is None and row.code in a_codes),
                             TableCell(row.b_percent, "percent",
                                       row.b_percent is None and row.code in b_codes),
                             TableCell(row.change_points, "points")])
            for label, row in zip(labels, comparison.rows, strict=True)]
    rows.append(TableRow(_("Answered"), [TableCell(comparison.a.answered, "count"),
                                         TableCell(comparison.b.answered, "count"),
                                         TableCell(None, "blank")]))
    note = _("Change in percentage points: %(b)s minus %(a)s. “–”: not asked in that round, "
             "or too few answers to show.") % {"a": a_name, "b": b_name}
    return replace(chart, caption=title,
                   headers=[f"{a_name} (%)", f"{b_name} (%)", _("Change (points)")],
                   rows=rows, note=note)


# --- Breakdown ----------------------------------------------------------------------------


def crosstab_chart(table: stats.CrossTab, *, lang: str | None = None,
                   chart_id: str | None = None) -> BarChart:
    """Grouped bars: per answer, one bar per group of the breakdown (column per cent)."""
    lang = _lang(lang)
    by = table.by.text(lang)
    title = _("%(question)s, by %(by)s") % {"question": table.question.text(lang),
                                            "by": by.lower()}
    chart_id = chart_id or new_id(f"{table.question.code}-by-{table.by.code}")
    answered = 1 if table.suppressed else (table.total_column.base or 0)
    empty = _too_few(chart_id, title, answered, table.suppressed)
    if empty is not None:
        return empty
    labels = [row.label(lang) for row in table.rows]
    series = []
    for j, column in enumerate(table.columns):
        name = column.label(lang)
        values = [row.cells[j].percent for row in table.rows]
        tips = [_tip(label, row.cells[j].percent, series=name, count=row.cells[j].count)
                for label, row in zip(labels, table.rows, strict=True)]
        series.append((name, values, tips))
    chart = _draw(chart_id, title,
                  _("Grouped horizontal bars: for each answer, the share in per cent within "
                    "each group of %(by)s. The same numbers are in the table.")
                  % {"by": by.lower()}, labels, series)
    rows = [TableRow(label, [TableCell(c.percent, "percent", c.count is None)
                             for c in row.cells]
                     + [TableCell(row.total.percent, "percent", row.total.count is None)])
            for label, row in zip(labels, table.rows, strict=True)]
    if table.means and table.question.kind in (SCALE, NUMBER):
        rows.append(TableRow(_("Mean"), [TableCell(m, "mean", c.base is None)
                                         for m, c in zip(table.means, table.columns,
                                                         strict=True)]
                             + [TableCell(table.total_mean, "mean")]))
    rows.append(TableRow(_("Answered"), [TableCell(c.base, "count", c.base is None)
                                         for c in table.columns]
                         + [TableCell(table.total_column.base, "count")]))
    headers = [f"{c.label(lang)} (%)" for c in table.columns] + [
        f"{table.total_column.label(lang)} (%)"]
    note = _("Per cent of those in each group who answered the question. “–”: too few "
             "answers to show.")
    if table.question.kind == MULTIPLE:
        note += " " + _("Several answers could be chosen, so the shares may add up to more "
                        "than 100 %.")
    return replace(chart, caption=title, headers=headers, rows=rows, note=note)


def chart_for(figure: stats.QuestionResult | stats.CrossTab, *, lang: str | None = None,
              chart_id: str | None = None) -> BarChart:
    """``result_chart`` or ``crosstab_chart``, whichever fits (comparisons need names)."""
    if isinstance(figure, stats.CrossTab):
        return crosstab_chart(figure, lang=lang, chart_id=chart_id)
    return result_chart(figure, lang=lang, chart_id=chart_id)


__all__ = ["BarChart", "Bar", "Group", "TableCell", "TableRow", "chart_for",
           "comparison_chart", "crosstab_chart", "new_id", "percent_text", "result_chart"]
