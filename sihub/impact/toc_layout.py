"""The geometry of a theory-of-change diagram: columns, rows, boxes, curves. No Django.

Why a module of its own: the initiative's page, its printable view and (later)
a coalition's theory of change draw the same diagram, and the geometry is
tested without a database or a browser. The templates only copy numbers
into SVG.

The layout is a layered drawing in the manner of Sugiyama et al.:

* one column per kind, in the order of the causal chain (``CHAIN``), all
  seven always shown so a reader sees where the chain is still empty;
* inside a column, boxes start in their stored ``position`` order and are
  then reordered by the barycentre of their neighbours (a few sweeps left to
  right and back), keeping the ordering with the fewest crossings;
* a box is as tall as its text wrapped to ``chars_per_line`` characters;
* each link is a cubic Bézier from the source box's edge to the target
  box's edge; links with an assumption get a number, in reading order, and
  a marker at the curve's midpoint (in the gap before the target when the
  link skips columns) that refers to the list of assumptions under the
  diagram.

Links that skip a column are drawn straight across it (no dummy nodes): good
enough for the small diagrams a team draws by hand.
"""

from __future__ import annotations

import textwrap
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# The kinds of ToCElement, left to right (the same values as models.ElementKind).
CHAIN: tuple[str, ...] = ("input", "activity", "output", "outcome_short", "outcome_medium",
                          "outcome_long", "impact")

# Circled numbers ①–⑳ for the assumption markers in text; beyond 20, "(21)".
_CIRCLED = "".join(chr(c) for c in range(0x2460, 0x2474))


def chain_index(kind: str) -> int:
    """The column of ``kind``; ValueError for a kind outside the chain."""
    try:
        return CHAIN.index(kind)
    except ValueError:
        raise ValueError(f"Unknown kind of element: {kind!r}") from None


def goes_backwards(source_kind: str, target_kind: str) -> bool:
    """A link from a later stage to an earlier one (an outcome causing an activity)."""
    return chain_index(target_kind) < chain_index(source_kind)


def marker_label(number: int) -> str:
    """The assumption number as the lists show it: ① … ⑳, then (21)."""
    if 1 <= number <= len(_CIRCLED):
        return _CIRCLED[number - 1]
    return f"({number})"


def wrap(text: str, chars_per_line: int) -> list[str]:
    """Lines of at most ``chars_per_line`` characters; long words are broken; never empty."""
    lines: list[str] = []
    for paragraph in text.splitlines():  # a typed line break starts a new line; blank ones go
        lines.extend(textwrap.wrap(paragraph, width=chars_per_line, break_long_words=True))
    return lines or [""]


# --- Input ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Element:
    id: int
    kind: str
    text: str
    position: int = 0


@dataclass(frozen=True)
class Link:
    source: int
    target: int
    assumption: str = ""
    id: int | None = None  # carried through for the caller (e.g. a remove button)


@dataclass(frozen=True)
class Geometry:
    """Sizes in SVG user units (≈ CSS pixels at 100 %)."""

    chars_per_line: int = 20
    char_width: float = 7.2  # an average glyph of a 12 px sans-serif, with room to spare
    line_height: float = 17.0
    padding: float = 10.0
    column_gap: float = 52.0
    row_gap: float = 22.0
    margin: float = 16.0
    header_height: float = 36.0

    @property
    def box_width(self) -> int:
        return round(self.chars_per_line * self.char_width + 2 * self.padding)


# --- Output --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    kind: str
    index: int
    x: int
    width: int

    @property
    def centre(self) -> int:
        return self.x + self.width // 2


@dataclass(frozen=True)
class Box:
    id: int
    kind: str
    column: int
    row: int
    x: int
    y: int
    width: int
    height: int
    lines: tuple[str, ...]
    text: str
    line_ys: tuple[int, ...]  # the baseline of each line

    @property
    def cx(self) -> int:
        return self.x + self.width // 2

    @property
    def cy(self) -> int:
        return self.y + self.height // 2

    @property
    def right(self) -> int:
        return self.x + self.width

    @property
    def text_lines(self) -> list[tuple[int, str]]:
        return list(zip(self.line_ys, self.lines, strict=True))


@dataclass(frozen=True)
class PlacedLink:
    source: int
    target: int
    assumption: str
    id: int | None
    path: str  # an SVG path: "M x0 y0 C x1 y1, x2 y2, x3 y3"
    start: tuple[float, float]
    end: tuple[float, float]
    mid_x: int  # where the assumption's marker goes (see _curve)
    mid_y: int
    number: int | None  # of its assumption; None when it has none

    @property
    def label(self) -> str:
        return marker_label(self.number) if self.number else ""


@dataclass(frozen=True)
class Layout:
    width: int
    height: int
    columns: tuple[Column, ...]
    boxes: tuple[Box, ...]
    links: tuple[PlacedLink, ...]
    crossings: int

    def box(self, element_id: int) -> Box:
        for b in self.boxes:
            if b.id == element_id:
                return b
        raise KeyError(element_id)

    def column_boxes(self) -> list[tuple[Column, list[Box]]]:
        """Each column with its boxes top to bottom (for the text alternative too)."""
        by_column: dict[int, list[Box]] = defaultdict(list)
        for b in self.boxes:
            by_column[b.column].append(b)
        return [(c, sorted(by_column[c.index], key=lambda b: b.row)) for c in self.columns]

    @property
    def assumptions(self) -> list[PlacedLink]:
        return sorted((link for link in self.links if link.number),
                      key=lambda link: link.number or 0)


# --- Row ordering --------------------------------------------------------------------------


def _ranks(order: Sequence[Sequence[int]]) -> dict[int, float]:
    """Each node's row relative to its column's middle (columns are centred vertically)."""
    return {n: i - (len(col) - 1) / 2 for col in order for i, n in enumerate(col)}


def count_crossings(order: Sequence[Sequence[int]], edges: Iterable[tuple[int, int]]) -> int:
    """Pairs of links between the same two columns whose ends are in opposite order."""
    column_of = {n: c for c, col in enumerate(order) for n in col}
    row_of = {n: i for col in order for i, n in enumerate(col)}
    groups: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    for s, t in edges:
        if column_of[s] != column_of[t]:
            groups[(column_of[s], column_of[t])].append((row_of[s], row_of[t]))
    total = 0
    for pairs in groups.values():
        for i, (s1, t1) in enumerate(pairs):
            for s2, t2 in pairs[i + 1:]:
                if (s1 - s2) * (t1 - t2) < 0:
                    total += 1
    return total


def order_rows(columns: Sequence[Sequence[int]], edges: Sequence[tuple[int, int]], *,
               sweeps: int = 3) -> tuple[list[list[int]], int]:
    """Rows per column with fewer crossings (barycentre heuristic); and the crossings left.

    A node with no neighbours on the side being looked at keeps its place.
    The result is never worse than the starting order.
    """
    column_of = {n: c for c, col in enumerate(columns) for n in col}
    before: dict[int, list[int]] = defaultdict(list)
    after: dict[int, list[int]] = defaultdict(list)
    for s, t in edges:
        if column_of[s] < column_of[t]:
            after[s].append(t)
            before[t].append(s)
        elif column_of[s] > column_of[t]:
            after[t].append(s)
            before[s].append(t)

    def reorder(order: list[list[int]], c: int, neighbours: dict[int, list[int]]) -> None:
        rank = _ranks(order)

        def key(item: tuple[int, int]) -> tuple[float, int]:
            i, n = item
            ns = neighbours[n]
            centre = sum(rank[m] for m in ns) / len(ns) if ns else rank[n]
            return (centre, i)

        order[c] = [n for _, n in sorted(enumerate(order[c]), key=key)]

    order = [list(col) for col in columns]
    best = [list(col) for col in order]
    best_crossings = count_crossings(best, edges)
    for _ in range(sweeps):
        if best_crossings == 0:
            break
        for c in range(1, len(order)):
            reorder(order, c, before)
        for c in range(len(order) - 2, -1, -1):
            reorder(order, c, after)
        crossings = count_crossings(order, edges)
        if crossings < best_crossings:
            best, best_crossings = [list(col) for col in order], crossings
    return best, best_crossings


# --- The layout ----------------------------------------------------------------------------


def _bezier(start: tuple[float, float], end: tuple[float, float], c1: tuple[float, float],
            c2: tuple[float, float]) -> tuple[str, tuple[float, float]]:
    """The SVG path and the point at t = ½ ((P0 + 3·P1 + 3·P2 + P3) / 8)."""
    mid = ((start[0] + 3 * c1[0] + 3 * c2[0] + end[0]) / 8,
           (start[1] + 3 * c1[1] + 3 * c2[1] + end[1]) / 8)

    def p(point: tuple[float, float]) -> str:
        return f"{point[0]:.1f} {point[1]:.1f}"

    return f"M {p(start)} C {p(c1)}, {p(c2)}, {p(end)}", mid


def _point(t: float, p0: tuple[float, float], p1: tuple[float, float], p2: tuple[float, float],
           p3: tuple[float, float]) -> tuple[float, float]:
    u = 1 - t
    a, b, c, d = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
    return (a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0],
            a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1])


def _at_x(x: float, p0: tuple[float, float], p1: tuple[float, float], p2: tuple[float, float],
          p3: tuple[float, float]) -> tuple[float, float]:
    """The point of a left-to-right curve (x grows with t) where it reaches ``x``, by bisection."""
    low, high = 0.0, 1.0
    for _ in range(40):
        mid = (low + high) / 2
        if _point(mid, p0, p1, p2, p3)[0] < x:
            low = mid
        else:
            high = mid
    return _point((low + high) / 2, p0, p1, p2, p3)


def _curve(a: Box, b: Box, bend: float) -> tuple[str, tuple[float, float], tuple[float, float],
                                                   tuple[float, float]]:
    """From edge to edge: forwards right→left, within a column a loop on the right side.

    The marker point is the curve's midpoint, except on a forward link that
    skips columns: there the midpoint would sit on a box of a column in
    between, so the marker goes to the middle of the gap before the target.
    """
    if b.column > a.column:
        start, end = (a.right, a.cy), (b.x, b.cy)
        dx = (end[0] - start[0]) / 2
        c1, c2 = (start[0] + dx, start[1]), (end[0] - dx, end[1])
        path, _ = _bezier(start, end, c1, c2)
        return path, start, end, _at_x(end[0] - bend, start, c1, c2, end)
    if b.column == a.column:
        start, end = (a.right, a.cy), (b.right, b.cy)
        c1, c2 = (start[0] + bend, start[1]), (end[0] + bend, end[1])
    else:  # backwards: refused by the forms, drawn anyway if the data has one
        start, end = (a.x, a.cy), (b.right, b.cy)
        dx = (start[0] - end[0]) / 2
        c1, c2 = (start[0] - dx, start[1]), (end[0] + dx, end[1])
    path, mid = _bezier(start, end, c1, c2)
    return path, start, end, mid


def layout(elements: Iterable[Element], links: Iterable[Link], *,
           geometry: Geometry | None = None) -> Layout:
    """Place ``elements`` in columns by kind and draw ``links`` between them.

    Raises ValueError for an unknown kind or a link to an element not given.
    """
    g = geometry or Geometry()
    elements = sorted(elements, key=lambda e: (chain_index(e.kind), e.position, e.id))
    by_id = {e.id: e for e in elements}
    links = list(links)
    for link in links:
        if link.source not in by_id or link.target not in by_id:
            raise ValueError(f"Link {link.source}→{link.target} names an unknown element")

    start_order: list[list[int]] = [[] for _ in CHAIN]
    for e in elements:
        start_order[chain_index(e.kind)].append(e.id)
    order, crossings = order_rows(start_order, [(k.source, k.target) for k in links])

    width = g.box_width
    columns = tuple(Column(kind=kind, index=i, x=round(g.margin + i * (width + g.column_gap)),
                           width=width) for i, kind in enumerate(CHAIN))

    wrapped = {e.id: wrap(e.text, g.chars_per_line) for e in elements}
    heights = {i: round(len(lines) * g.line_height + 2 * g.padding)
               for i, lines in wrapped.items()}
    column_heights = [sum(heights[n] for n in col) + g.row_gap * max(len(col) - 1, 0)
                      for col in order]
    inner = max(column_heights, default=0)
    top = g.header_height + g.margin

    boxes: list[Box] = []
    for c, col in enumerate(order):
        y = top + (inner - column_heights[c]) / 2
        for row, n in enumerate(col):
            h = heights[n]
            first = y + g.padding + g.line_height * 0.75
            line_ys = tuple(round(first + i * g.line_height) for i in range(len(wrapped[n])))
            boxes.append(Box(id=n, kind=by_id[n].kind, column=c, row=row, x=columns[c].x,
                             y=round(y), width=width, height=h, lines=tuple(wrapped[n]),
                             text=by_id[n].text, line_ys=line_ys))
            y += h + g.row_gap
    box_of = {b.id: b for b in boxes}

    # Number the assumptions in reading order: by the source's column and row, then the target's.
    def reading(link: Link) -> tuple[int, int, int, int]:
        a, b = box_of[link.source], box_of[link.target]
        return (a.column, a.row, b.column, b.row)

    placed: list[PlacedLink] = []
    number = 0
    for link in sorted(links, key=reading):
        a, b = box_of[link.source], box_of[link.target]
        path, start, end, mid = _curve(a, b, bend=g.column_gap / 2)
        has_assumption = bool(link.assumption.strip())
        if has_assumption:
            number += 1
        placed.append(PlacedLink(source=link.source, target=link.target,
                                 assumption=link.assumption.strip(), id=link.id, path=path,
                                 start=start, end=end, mid_x=round(mid[0]), mid_y=round(mid[1]),
                                 number=number if has_assumption else None))

    total_width = round(columns[-1].x + width + g.margin + g.column_gap / 2)  # room for loops
    total_height = round(top + inner + g.margin)
    return Layout(width=total_width, height=total_height, columns=columns, boxes=tuple(boxes),
                  links=tuple(placed), crossings=crossings)
