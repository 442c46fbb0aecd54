"""Sector mix of an event: who signed up and who came. No Django, only numbers.

The organisers' statistics page asks whether an event reached the sectors it
was meant to bring together. ``sector_mix`` counts the registrations per
sector (confirmed and waiting list apart, cancelled left out) and the people
who were checked in, with each sector's share of its column; ``mix_chart``
turns the shares into coordinates for a server-rendered SVG of horizontal
bars (the template only places them; the same numbers stand in a table).

Rows arrive as plain tuples, so anonymised registrations (name and address
blanked by the retention job, sector and attendance kept) count like any
other, and the module is tested without a database.

Definitions:

* **registered** — confirmed, and (apart) on the waiting list;
* **came** — checked in, whatever the status (someone let in from the
  waiting list at the door came too);
* **attendance rate** — the share of confirmed people who were checked in;
* **no-shows** — confirmed people who were not checked in.

A column with nobody in it has no shares (``None``), never a division by zero.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from sihub.core.charts import nice_ticks

CONFIRMED = "confirmed"
WAITING = "waiting"
CANCELLED = "cancelled"
NO_SECTOR = ""  # the key of the "no sector given" bucket


def share(part: int, whole: int) -> float | None:
    """``part`` as a percentage of ``whole`` (0–100); None when ``whole`` is 0."""
    if whole <= 0:
        return None
    return 100.0 * part / whole


@dataclass(frozen=True)
class SectorRow:
    key: str  # the sector's slug, NO_SECTOR for none
    label: str
    confirmed: int
    waiting: int
    attended: int
    confirmed_share: float | None  # of all confirmed
    waiting_share: float | None  # of all on the waiting list
    attended_share: float | None  # of all who came


@dataclass(frozen=True)
class SectorMix:
    rows: list[SectorRow]
    confirmed: int
    waiting: int
    cancelled: int
    attended: int
    attended_confirmed: int  # confirmed and checked in
    walk_ins: int  # checked in from the waiting list

    @property
    def registered(self) -> int:
        """Everyone actively signed up: confirmed plus waiting list."""
        return self.confirmed + self.waiting

    @property
    def no_shows(self) -> int:
        return self.confirmed - self.attended_confirmed

    @property
    def attendance_rate(self) -> float | None:
        """Per cent of the confirmed who were checked in (None with nobody confirmed)."""
        return share(self.attended_confirmed, self.confirmed)

    @property
    def is_empty(self) -> bool:
        return not (self.confirmed or self.waiting or self.cancelled or self.attended)


# (sector key or NO_SECTOR, status, checked in?)
Attendee = tuple[str, str, bool]


def sector_mix(attendees: Iterable[Attendee], sectors: Sequence[tuple[str, str]], *,
               no_sector_label: str) -> SectorMix:
    """Counts and shares per sector, in the order of ``sectors`` ((key, label) pairs).

    Every sector in ``sectors`` gets a row, even at zero, so events compare at
    a glance; the "no sector" row comes last and only when someone is in it.
    A key missing from ``sectors`` (a sector added since) gets a row of its own
    after the known ones, labelled by its key.
    """
    counts: dict[str, list[int]] = {key: [0, 0, 0] for key, _label in sectors}
    labels = dict(sectors)
    cancelled = attended_confirmed = walk_ins = 0
    for key, status, checked_in in attendees:
        key = key or NO_SECTOR
        row = counts.setdefault(key, [0, 0, 0])
        if status == CONFIRMED:
            row[0] += 1
        elif status == WAITING:
            row[1] += 1
        elif status == CANCELLED:
            cancelled += 1
        if checked_in:
            row[2] += 1
            if status == CONFIRMED:
                attended_confirmed += 1
            elif status == WAITING:
                walk_ins += 1
    confirmed = sum(c[0] for c in counts.values())
    waiting = sum(c[1] for c in counts.values())
    attended = sum(c[2] for c in counts.values())
    order = [key for key, _label in sectors]
    order += sorted(k for k in counts if k not in labels and k != NO_SECTOR)
    if NO_SECTOR in counts and any(counts[NO_SECTOR]) and NO_SECTOR not in labels:
        order.append(NO_SECTOR)
    rows = []
    for key in order:
        c, w, a = counts[key]
        label = labels.get(key) or (no_sector_label if key == NO_SECTOR else key)
        rows.append(SectorRow(key=key, label=label, confirmed=c, waiting=w, attended=a,
                              confirmed_share=share(c, confirmed),
                              waiting_share=share(w, waiting),
                              attended_share=share(a, attended)))
    return SectorMix(rows=rows, confirmed=confirmed, waiting=waiting, cancelled=cancelled,
                     attended=attended, attended_confirmed=attended_confirmed,
                     walk_ins=walk_ins)


# --- Chart geometry (horizontal bars grouped by sector) ----------------------------------


@dataclass(frozen=True)
class ChartBar:
    series: int  # picks the fill and pattern in the CSS; the legend names it
    name: str
    value: float  # per cent
    count: int
    y: float
    width: float
    height: int
    text_x: float
    text_y: float


@dataclass(frozen=True)
class ChartGroup:
    label: str
    label_y: float
    bars: list[ChartBar]


@dataclass(frozen=True)
class ChartTick:
    x: float
    value: Decimal


@dataclass(frozen=True)
class LegendItem:
    series: int
    name: str
    x: int
    y: int


@dataclass(frozen=True)
class MixChart:
    width: int
    height: int
    plot_x: int
    plot_right: int
    plot_top: int
    plot_bottom: int
    bar_height: int
    groups: list[ChartGroup]
    ticks: list[ChartTick]
    legend: list[LegendItem]

    @property
    def label_x(self) -> int:
        return self.plot_x - 8


# A column: its name, its style (the CSS series number, so a column keeps its look
# when another is left out), and (share, count) per row of the mix.
Column = tuple[str, int, Sequence[tuple[float | None, int]]]


def mix_chart(labels: Sequence[str], columns: Sequence[Column], *, width: int = 720,
              plot_x: int = 230, right: int = 96, bar_height: int = 14, bar_gap: int = 2,
              group_gap: int = 14, legend_height: int = 28) -> MixChart:
    """Bars of per cent per sector: one group per label, one bar per column.

    The x axis runs from 0 to a round value at or above the largest share
    (``core.charts.nice_ticks``), so a mix where no sector passes 30 % is
    not squeezed into the left third; with no shares at all it runs to 100.
    Each bar's number is written beside it, and the legend names the
    columns, so colour is never the only cue.
    """
    values = [value for _name, _style, cells in columns for value, _count in cells
              if value is not None]
    top_value = max(values, default=0.0)
    if top_value <= 0:
        tick_values = [Decimal(v) for v in (0, 25, 50, 75, 100)]
    else:
        tick_values = nice_ticks(Decimal(0), Decimal(str(round(min(top_value, 100.0), 4))), 4)
    axis_high = float(tick_values[-1]) or 100.0
    plot_right = width - right
    plot_width = plot_right - plot_x
    top = legend_height + 8
    group_height = len(columns) * bar_height + max(len(columns) - 1, 0) * bar_gap
    groups = []
    for i, label in enumerate(labels):
        group_y = top + i * (group_height + group_gap)
        bars = []
        for j, (name, style, cells) in enumerate(columns):
            value, count = cells[i]
            y = group_y + j * (bar_height + bar_gap)
            bar_width = 0.0 if value is None else plot_width * min(value, axis_high) / axis_high
            bars.append(ChartBar(series=style, name=name, value=value if value is not None else 0.0,
                                 count=count, y=y, width=bar_width, height=bar_height,
                                 text_x=plot_x + bar_width + 4, text_y=y + bar_height * 0.75))
        groups.append(ChartGroup(label=label, label_y=group_y + group_height / 2, bars=bars))
    plot_bottom = top + len(labels) * (group_height + group_gap) - group_gap + 4
    height = plot_bottom + 22  # tick labels under the axis
    ticks = [ChartTick(x=plot_x + plot_width * float(v) / axis_high, value=v)
             for v in tick_values]
    legend = [LegendItem(series=style, name=name, x=plot_x + j * 170, y=8)
              for j, (name, style, _cells) in enumerate(columns)]
    return MixChart(width=width, height=height, plot_x=plot_x, plot_right=plot_right,
                    plot_top=top, plot_bottom=plot_bottom, bar_height=bar_height,
                    groups=groups, ticks=ticks, legend=legend)
