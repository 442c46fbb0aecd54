"""The theory-of-change layout: pure geometry, no database."""

from __future__ import annotations

import re

import pytest

from sihub.impact.toc_layout import (
    CHAIN,
    Element,
    Geometry,
    Link,
    count_crossings,
    goes_backwards,
    layout,
    marker_label,
    order_rows,
    wrap,
)


def test_it_knows_the_same_kinds_as_the_model():
    from sihub.impact.models import ElementKind

    assert CHAIN == tuple(ElementKind.values)


def test_it_puts_one_column_per_kind_in_chain_order():
    shuffled = [Element(7, "impact", "Fler i arbete"), Element(1, "input", "Pengar"),
                Element(4, "outcome_short", "Självförtroende"),
                Element(2, "activity", "Coachning"), Element(6, "outcome_long", "Försörjning"),
                Element(3, "output", "40 deltagare"), Element(5, "outcome_medium", "Praktik")]
    result = layout(shuffled, [])
    assert [c.kind for c in result.columns] == list(CHAIN)
    xs = [result.box(i).x for i in range(1, 8)]
    assert xs == sorted(xs) and len(set(xs)) == 7
    assert [result.box(i).column for i in range(1, 8)] == list(range(7))


def test_it_shows_all_columns_even_when_empty():
    result = layout([Element(1, "impact", "Mål")], [])
    assert len(result.columns) == 7
    assert result.box(1).column == 6
    assert result.width > result.columns[-1].x + result.columns[-1].width


def test_it_keeps_the_stored_order_when_nothing_crosses():
    elements = [Element(1, "input", "a", position=0), Element(2, "input", "b", position=1),
                Element(3, "activity", "c", position=0), Element(4, "activity", "d", position=1)]
    result = layout(elements, [Link(1, 3), Link(2, 4)])
    assert (result.box(1).row, result.box(2).row, result.box(3).row, result.box(4).row) == (
        0, 1, 0, 1)
    assert result.crossings == 0


def test_it_uncrosses_a_crossed_two_by_two():
    elements = [Element(1, "input", "a", position=0), Element(2, "input", "b", position=1),
                Element(3, "activity", "c", position=0), Element(4, "activity", "d", position=1)]
    links = [Link(1, 4), Link(2, 3)]
    assert count_crossings([[1, 2], [3, 4]], [(1, 4), (2, 3)]) == 1
    result = layout(elements, links)
    assert result.crossings == 0
    # a is level with d and b with c: the arrows run straight across.
    assert result.box(1).row == result.box(4).row
    assert result.box(2).row == result.box(3).row
    assert result.box(1).y == result.box(4).y


def test_it_reduces_crossings_over_three_columns():
    columns = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
    edges = [(1, 6), (2, 5), (3, 4), (4, 9), (5, 8), (6, 7)]
    assert count_crossings(columns, edges) == 6
    order, crossings = order_rows(columns, edges)
    assert crossings == 0
    assert count_crossings(order, edges) == 0
    assert sorted(sum(order, [])) == list(range(1, 10))


def test_it_never_returns_a_worse_order():
    columns = [[1, 2], [3, 4]]
    edges = [(1, 3), (1, 4), (2, 3), (2, 4)]  # K2,2 always has one crossing
    order, crossings = order_rows(columns, edges)
    assert crossings == count_crossings(columns, edges) == 1
    assert order == [[1, 2], [3, 4]]


def test_it_wraps_text_to_the_line_length():
    lines = wrap("Unga får arbete inom sex månader efter avslutad insats", 12)
    assert all(len(line) <= 12 for line in lines)
    assert " ".join(lines) == "Unga får arbete inom sex månader efter avslutad insats"
    assert wrap("Arbetsmarknadsutbildning", 10) == ["Arbetsmark", "nadsutbild", "ning"]
    assert wrap("", 10) == [""]
    assert wrap("Rad ett\n\nRad två", 20) == ["Rad ett", "Rad två"]


def test_it_sizes_boxes_by_their_wrapped_text():
    g = Geometry(chars_per_line=10)
    result = layout([Element(1, "input", "kort"),
                     Element(2, "input", "en mycket längre text som blir flera rader")], [],
                    geometry=g)
    short, long = result.box(1), result.box(2)
    assert short.lines == ("kort",)
    assert len(long.lines) >= 4
    assert long.height > short.height
    assert short.width == long.width == g.box_width
    # Boxes in a column do not overlap.
    first, second = sorted((short, long), key=lambda b: b.y)
    assert second.y >= first.y + first.height
    assert len(long.line_ys) == len(long.lines)
    assert all(long.y < y < long.y + long.height for y in long.line_ys)


def _numbers(path: str) -> list[float]:
    return [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path)]


def test_it_draws_links_as_beziers_from_edge_to_edge():
    result = layout([Element(1, "input", "a"), Element(2, "output", "b")],
                    [Link(1, 2, "Pengarna räcker")])
    a, b = result.box(1), result.box(2)
    (link,) = result.links
    assert link.path.startswith("M ") and " C " in link.path
    x0, y0, *_, x3, y3 = _numbers(link.path)
    assert (x0, y0) == (a.right, a.cy)
    assert (x3, y3) == (b.x, b.cy)
    assert a.right < link.mid_x < b.x
    assert link.mid_y == a.cy  # both boxes at the same height: a straight curve


def test_it_puts_the_marker_at_the_midpoint_or_before_a_skipped_to_target():
    g = Geometry()
    elements = [Element(1, "input", "a"), Element(2, "input", "b", position=1),
                Element(3, "activity", "c"), Element(4, "impact", "d")]
    result = layout(elements, [Link(2, 3, "x"), Link(1, 4, "y")], geometry=g)
    near, far = sorted(result.links, key=lambda k: k.target)
    x0, y0, x1, y1, x2, y2, x3, y3 = _numbers(near.path)
    assert abs(near.mid_x - (x0 + 3 * x1 + 3 * x2 + x3) / 8) <= 0.5
    assert abs(near.mid_y - (y0 + 3 * y1 + 3 * y2 + y3) / 8) <= 0.5
    target = result.box(4)
    assert far.mid_x == round(target.x - g.column_gap / 2)
    assert result.box(3).right < far.mid_x < target.x


def test_it_loops_a_link_within_one_column_on_the_right():
    result = layout([Element(1, "outcome_short", "a"), Element(2, "outcome_short", "b")],
                    [Link(1, 2)])
    (link,) = result.links
    x0, _, x1, *_ = _numbers(link.path)
    assert x0 == result.box(1).right and x1 > x0
    assert link.number is None and link.label == ""


def test_it_numbers_assumptions_in_reading_order():
    elements = [Element(1, "input", "a"), Element(2, "activity", "b"), Element(3, "output", "c"),
                Element(4, "activity", "d", position=1)]
    links = [Link(2, 3, "andra"), Link(1, 2, "första"), Link(1, 4, "  "), Link(4, 3, "tredje")]
    result = layout(elements, links)
    assert [(k.assumption, k.number) for k in result.assumptions] == [
        ("första", 1), ("andra", 2), ("tredje", 3)]
    assert [k.label for k in result.assumptions] == ["①", "②", "③"]
    assert marker_label(21) == "(21)"


def test_it_refuses_links_to_unknown_elements_and_unknown_kinds():
    with pytest.raises(ValueError):
        layout([Element(1, "input", "a")], [Link(1, 99)])
    with pytest.raises(ValueError):
        layout([Element(1, "wish", "a")], [])


def test_it_knows_which_links_go_backwards():
    assert goes_backwards("outcome_short", "activity")
    assert not goes_backwards("activity", "activity")
    assert not goes_backwards("input", "impact")
