"""Trends in the feeds: rising terms, date buckets, source health and chart geometry (no Django).

Kept free of Django so the arithmetic is tested directly and can serve the
admin pages, a command or the API alike. ``trend_selectors.py`` feeds it rows
from the database.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import Decimal

from sihub.core.charts import Frame, Tick, nice_step, spread_labels, thinned, y_scale
from sihub.sdg.classifier import text as textmod

# --- Stopwords ---------------------------------------------------------------------------
# Function words carry no topic. The classifier's language-detection lists are
# the core; these add the pronouns, auxiliaries and fillers that would
# otherwise top every "rising" list. Both languages are always removed: Swedish
# news quotes English and the other way round.
SWEDISH_STOPWORDS = textmod.SWEDISH_FUNCTION_WORDS | frozenset(
    "alla allt annan annat andra att bara bli blev bör dag dagar dem den denna deras "
    "dess det detta din dig dock du dvs där efter eftersom ej eller en ett era ert ett fler "
    "flera fram få får fått för före genom ha hade han hans har hela helt henne hennes hit hon "
    "honom hos hur här i ibland idag igen ingen inga inget innan ju jag kan kommer kunde "
    "man med mellan men mig min mina mitt mot mycket måste ni nu när någon något några nya "
    "och också om oss på samma sedan sig sin sina sitt själv ska skulle så sådan sådana "
    "säger sätt tar till tills tre två under upp ut utan vad var vara varför varit vart "
    "vem vi vid vilka vilken vill år åt än ännu är även över två tre fyra fem sex sju åtta "
    "nio tio första andra tredje sa står just ofta enligt inför via cirka läs mer".split()
)
ENGLISH_STOPWORDS = textmod.ENGLISH_FUNCTION_WORDS | frozenset(
    "a about above after again against all am an and any are as at be because been before "
    "being below between both but by can could did do does doing down during each few for "
    "from further had has have having he her here hers herself him himself his how i if in "
    "into is it its itself just me more most my myself no nor not now of off on once only or "
    "other our ours out over own same she should so some such than that the their theirs "
    "them themselves then there these they this those through to too under until up very "
    "was we were what when where which while who whom why will with would you your yours "
    "also may might must one two three new said says like get got make made many much "
    "read year years day days week weeks per via us".split()
)
STOPWORDS = SWEDISH_STOPWORDS | ENGLISH_STOPWORDS

MIN_WORD_LENGTH = 2
SMOOTHING = 0.5  # α: half a document, so a term absent before still gets a finite ratio


@dataclass(frozen=True)
class Term:
    """A word or two-word phrase whose share of documents grew since the previous period."""

    term: str  # the form readers saw most often, e.g. "sociala företag"
    current: int  # documents of this period that use it
    previous: int  # documents of the previous period that use it
    score: float  # smoothed log-ratio of the two periods' document rates


def _stemmer_for(tokens: list[str], language: str) -> str:
    if language in ("sv", "en"):
        return language
    return textmod.language(tokens)  # "sv", "en" or "und": each document on its own


def _document_terms(text: str, language: str, surfaces: dict[str, Counter[str]]) -> set[str]:
    """The distinct term keys (stems, and stem pairs) of one document.

    A pair is two content words side by side; a stopword between them breaks it,
    so "klimat och energi" gives no phrase. ``surfaces`` collects the original
    words behind each key, to show the most frequent one.
    """
    tokens = textmod.words(text)
    lang = _stemmer_for(tokens, language)
    keys: set[str] = set()
    previous: tuple[str, str] | None = None
    for word in tokens:
        if word in STOPWORDS or len(word) < MIN_WORD_LENGTH:
            previous = None
            continue
        key = textmod.stem(word, lang) if lang in ("sv", "en") else word
        keys.add(key)
        surfaces[key][word] += 1
        if previous is not None:
            pair_key, pair_word = f"{previous[0]} {key}", f"{previous[1]} {word}"
            keys.add(pair_key)
            surfaces[pair_key][pair_word] += 1
        previous = (key, word)
    return keys


def document_frequencies(
    texts: Iterable[str], *, language: str, surfaces: dict[str, Counter[str]] | None = None,
) -> tuple[Counter[str], int]:
    """How many documents use each term, and how many documents there were."""
    surfaces = surfaces if surfaces is not None else defaultdict(Counter)
    counts: Counter[str] = Counter()
    n = 0
    for text in texts:
        n += 1
        counts.update(_document_terms(text, language, surfaces))
    return counts, n


def _surface(forms: Counter[str]) -> str:
    # Most frequent form; ties go to the alphabetically first so results are stable.
    return min(forms.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def rising_terms(current: list[str], previous: list[str], *, language: str, limit: int = 20,
                 min_count: int = 3, alpha: float = SMOOTHING) -> list[Term]:
    """Terms used by a clearly larger share of this period's documents than the last one's.

    ``language`` "sv" or "en" stems every document in that language; anything
    else detects each document's language (undetermined ones are not stemmed).
    Counting documents rather than occurrences keeps one long article from
    making a trend. The score is log((c+α)/(N_c+2α)) − log((p+α)/(N_p+2α)):
    the smoothed rates of documents using the term, so a term new this period
    gets a finite score that grows with its count. Only terms in at least
    ``min_count`` documents of this period qualify: rarer ones are noise.
    """
    surfaces: dict[str, Counter[str]] = defaultdict(Counter)
    now_counts, n_now = document_frequencies(current, language=language, surfaces=surfaces)
    before_counts, n_before = document_frequencies(previous, language=language,
                                                   surfaces=defaultdict(Counter))
    scored: list[tuple[str, Term]] = []
    for key, c in now_counts.items():
        if c < min_count:
            continue
        p = before_counts.get(key, 0)
        score = (math.log((c + alpha) / (n_now + 2 * alpha))
                 - math.log((p + alpha) / (n_before + 2 * alpha)))
        if score <= 0:
            continue
        scored.append((key, Term(term=_surface(surfaces[key]), current=c, previous=p,
                                 score=round(score, 4))))
    scored.sort(key=lambda kt: (-kt[1].score, -kt[1].current, kt[1].term))
    return _without_subsumed(scored)[:limit]


def _without_subsumed(scored: list[tuple[str, Term]]) -> list[Term]:
    """Drop a word that only ever appears inside a listed phrase with the same counts.

    "sociala företag" rising makes "sociala" rise too; listing both says nothing new.
    """
    phrases = {key: term for key, term in scored if " " in key}
    parts: dict[str, list[Term]] = defaultdict(list)
    for key, term in phrases.items():
        for part in key.split(" "):
            parts[part].append(term)
    kept = []
    for key, term in scored:
        if " " not in key and any(t.current == term.current and t.previous == term.previous
                                  for t in parts.get(key, ())):
            continue
        kept.append(term)
    return kept


# --- Date buckets ------------------------------------------------------------------------

WEEK = "week"
MONTH = "month"
GRANULARITIES = (WEEK, MONTH)


def bucket_start(day: date, granularity: str) -> date:
    """The first day of the ISO week (Monday) or calendar month that holds ``day``."""
    if isinstance(day, datetime):
        day = day.date()
    if granularity == WEEK:
        return day - timedelta(days=day.weekday())
    if granularity == MONTH:
        return day.replace(day=1)
    raise ValueError(f"Unknown granularity: {granularity!r}")


def buckets_between(start: date, end: date, granularity: str) -> list[date]:
    """Every bucket from the one holding ``start`` to the one holding ``end``, oldest first."""
    out: list[date] = []
    current = bucket_start(start, granularity)
    last = bucket_start(end, granularity)
    while current <= last:
        out.append(current)
        if granularity == WEEK:
            current += timedelta(days=7)
        else:
            current = (current.replace(year=current.year + 1, month=1) if current.month == 12
                       else current.replace(month=current.month + 1))
    return out


def bucket_label(start: date, granularity: str) -> str:
    """"2025-W11" (ISO week) or "2025-03"; the same text in the chart, table and CSV."""
    if granularity == WEEK:
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    return f"{start.year}-{start.month:02d}"


def period_start(today: date, weeks: int) -> date:
    """Monday of the week ``weeks - 1`` weeks before this one: ``weeks`` whole ISO weeks."""
    return bucket_start(today, WEEK) - timedelta(weeks=weeks - 1)


# --- Source health -----------------------------------------------------------------------

OK = "ok"
FAILING = "failing"
SILENT = "silent"
NEVER = "never"
# The health page lists the sources that need a look first.
STATUS_ORDER = {FAILING: 0, SILENT: 1, NEVER: 2, OK: 3}


def health_status(*, last_success_at: datetime | None, last_error_at: datetime | None,
                  items_last_4_weeks: int) -> str:
    """How a source is doing, from its fetch history and what it brought lately.

    Failing: the last fetch failed (an error after the last success). Never:
    nothing was ever fetched. Silent: fetches work but no new item came in
    four weeks, which often means the feed moved or froze.
    """
    if last_error_at is not None and (last_success_at is None or last_error_at > last_success_at):
        return FAILING
    if last_success_at is None:
        return NEVER
    if items_last_4_weeks == 0:
        return SILENT
    return OK


# --- Chart geometry ----------------------------------------------------------------------
# The frame, the y scale, the spreading of the line names and the thinning of the
# x labels are shared with the indicator charts (``sihub.core.charts``); what is
# particular here: x is the bucket's position (one step per week or month), y counts
# items from 0 to a round maximum, and every line has its SDG's or theme's colour.


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    value: int
    label: str  # the bucket's label


@dataclass(frozen=True)
class Line:
    name: str
    colour: str
    points: list[Point]
    label_y: float  # where the line's name sits at the right end, moved apart from the others

    @property
    def label_x(self) -> float:
        return (self.points[-1].x if self.points else 0) + 8

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


@dataclass(frozen=True)
class XLabel:
    x: float
    text: str


@dataclass(frozen=True)
class LineChart(Frame):
    """The frame (size, margins) and everything placed in it."""

    lines: list[Line]
    ticks: list[Tick]
    x_labels: list[XLabel]


def _nice_max(value: int) -> int:
    """The top of the count axis: 5 at least, else the round number (1, 2, 2.5, 5 × 10ⁿ) ≥ value."""
    if value <= 5:
        return 5
    return int(nice_step(Decimal(value), 1))


def line_chart(series: Sequence[tuple[str, str, Sequence[int]]], labels: Sequence[str], *,
               width: int = 760, height: int = 320) -> LineChart:
    """Coordinates for an SVG line chart: one line per (name, colour, values) in ``series``.

    Every line is also named at its right end (colour is never the only cue),
    the names pushed apart so they do not overlap.
    """
    frame = Frame(width=width, height=height, left=44, right=120, top=12, bottom=40)
    left, top, plot_w, plot_h = frame.left, frame.top, frame.plot_width, frame.plot_height
    peak = _nice_max(max((max(values, default=0) for _, _, values in series), default=0))
    step = plot_w / max(len(labels) - 1, 1)
    y_of = y_scale(frame, 0, peak)

    lines = []
    for name, colour, values in series:
        points = [Point(x=left + i * step, y=y_of(v), value=v, label=labels[i])
                  for i, v in enumerate(values)]
        lines.append(Line(name=name, colour=colour, points=points,
                          label_y=points[-1].y if points else top))
    label_ys = spread_labels([line.label_y for line in lines], minimum=14, low=top + 4,
                             high=top + plot_h)
    lines = [replace(line, label_y=y) for line, y in zip(lines, label_ys, strict=True)]
    ticks = [Tick(y=y_of(peak * i / 5), value=round(peak * i / 5)) for i in range(6)]
    # At most about eight labels so they never touch, counted back from the newest bucket.
    x_labels = [XLabel(x=left + i * step, text=labels[i]) for i in thinned(len(labels), 8)]
    return LineChart(width=width, height=height, left=left, right=frame.right, top=top,
                     bottom=frame.bottom, lines=lines, ticks=ticks, x_labels=x_labels)


def sparkline(values: Sequence[int], *, width: int = 80, height: int = 20) -> str:
    """SVG polyline points for a small trend line (the tallest value touches the top)."""
    peak = max(max(values, default=0), 1)
    step = width / max(len(values) - 1, 1)
    return " ".join(f"{i * step:.1f},{height - 1 - (height - 2) * v / peak:.1f}"
                    for i, v in enumerate(values))
