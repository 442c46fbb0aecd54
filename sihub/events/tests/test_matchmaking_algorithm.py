"""The meeting scheduler (``sihub.events.matchmaking``) against hand-made cases and exact optima.

Plain pytest, no database. The exact side is ``matchmaking_exact`` (scipy's HiGHS).
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import replace

import numpy as np
import pytest

from sihub.events.matchmaking import (
    Meeting,
    Person,
    Problem,
    Slot,
    check,
    objective,
    schedule,
    variety_met,
    variety_possible,
)
from sihub.events.matchmaking_exact import random_problem, solve_exact


def fit_from(n: int, pairs: dict[tuple[int, int], float]) -> np.ndarray:
    """An n×n fit for people with ids 1..n from {(id, id): fit}."""
    fit = np.zeros((n, n))
    for (a, b), f in pairs.items():
        fit[a - 1, b - 1] = fit[b - 1, a - 1] = f
    return fit


def people(sectors: str, slots: tuple[int, ...] = (1,)) -> list[Person]:
    """Person i + 1 in sector sectors[i] (one letter each), available in every slot given."""
    return [Person(id=i + 1, sector=s, available=frozenset(slots)) for i, s in enumerate(sectors)]


def pairs_of(meetings: list[Meeting]) -> set[tuple[int, int]]:
    return {(m.a, m.b) for m in meetings}


def other_sectors(problem: Problem, meetings: list[Meeting]) -> dict[int, set[str]]:
    sector = {p.id: p.sector for p in problem.people}
    out: dict[int, set[str]] = defaultdict(set)
    for m in meetings:
        if sector[m.b] != sector[m.a]:
            out[m.a].add(sector[m.b])
            out[m.b].add(sector[m.a])
    return out


# --- Known optima -----------------------------------------------------------------

FOUR = fit_from(4, {(1, 3): 0.95, (1, 2): 0.9, (3, 4): 0.8, (2, 4): 0.1, (1, 4): 0.05,
                    (2, 3): 0.05})


def test_it_finds_the_best_pairing_where_greedy_goes_wrong():
    # Greedy takes (1, 3) first and is left with (2, 4): 1.05. The optimum is 1.7.
    problem = Problem(people=people("abcd"), slots=[Slot(1, 2)], fit=FOUR, min_other_sectors=0)
    result = schedule(problem)
    assert pairs_of(result.meetings) == {(1, 2), (3, 4)}
    assert result.total_fit == pytest.approx(1.7)
    assert sorted(m.table for m in result.meetings) == [1, 2]
    exact = solve_exact(problem)
    assert pairs_of(exact.meetings) == {(1, 2), (3, 4)}
    assert exact.total_fit == pytest.approx(1.7)


def test_it_takes_the_single_best_pair_when_there_is_one_table():
    problem = Problem(people=people("abcd"), slots=[Slot(1, 1)], fit=FOUR, min_other_sectors=0)
    assert pairs_of(schedule(problem).meetings) == {(1, 3)}
    assert pairs_of(solve_exact(problem).meetings) == {(1, 3)}


def test_it_spreads_the_best_pairs_over_the_slots():
    problem = Problem(people=people("abcd", (1, 2)), slots=[Slot(1, 2), Slot(2, 2)], fit=FOUR,
                      min_other_sectors=0)
    result = schedule(problem)
    exact = solve_exact(problem)
    assert result.total_fit == pytest.approx(exact.total_fit)
    assert exact.total_fit == pytest.approx(0.95 + 0.1 + 0.9 + 0.8)  # two perfect matchings
    assert len(result.meetings) == 4 and check(problem, result.meetings) == []


# --- Against the exact optimum on random small instances --------------------------


@pytest.mark.parametrize("k", [0, 2], ids=["fit only", "with variety"])
def test_it_comes_within_a_few_percent_of_the_optimum(k):
    ratios = []
    for seed in range(16):
        problem = random_problem(seed, min_other_sectors=k)
        heuristic = schedule(problem, seed=seed)
        exact = solve_exact(problem, variety=k > 0)
        assert check(problem, heuristic.meetings) == []
        assert check(problem, exact.meetings) == []
        assert heuristic.total_fit == pytest.approx(objective(problem, heuristic.meetings))
        # As many people with variety as the optimum (which maximises that first), so no more fit.
        assert heuristic.sector_variety_met == exact.sector_variety_met
        assert heuristic.total_fit <= exact.total_fit + 1e-6
        ratio = heuristic.total_fit / exact.total_fit
        assert ratio >= 0.9, (seed, ratio)
        ratios.append(ratio)
    assert statistics.fmean(ratios) >= 0.97


def test_it_keeps_every_rule_with_fixed_meetings_caps_and_thresholds():
    """Random rule mixes; a third of a first schedule's meetings then kept as accepted."""
    ratios = []
    for seed in range(20):
        rnd = np.random.default_rng(seed)
        problem = replace(random_problem(seed, people=(4, 14), slots=(1, 4),
                                         min_other_sectors=int(rnd.integers(0, 4))),
                          max_meetings=[None, 1, 2][int(rnd.integers(0, 3))],
                          min_fit=[0.0, 0.3][int(rnd.integers(0, 2))])
        first = schedule(problem, seed=seed)
        assert check(problem, first.meetings) == []
        problem = replace(problem, fixed=[m for m in first.meetings if rnd.random() < 0.3])
        heuristic = schedule(problem, seed=seed)
        assert check(problem, heuristic.meetings) == [], seed
        exact = solve_exact(problem, variety=problem.min_other_sectors > 0)
        assert check(problem, exact.meetings) == []
        assert heuristic.sector_variety_met == exact.sector_variety_met, seed
        if exact.total_fit:
            ratios.append(heuristic.total_fit / exact.total_fit)
            assert ratios[-1] >= 0.9, (seed, ratios[-1])
    assert statistics.fmean(ratios) >= 0.97


def test_the_exact_variety_optimum_gives_up_fit_for_variety():
    # Sectors a, a, b, b, c, c; mates of one sector fit best.
    fit = np.full((6, 6), 0.1)
    for a, b in ((0, 1), (2, 3), (4, 5)):
        fit[a, b] = fit[b, a] = 0.9
    np.fill_diagonal(fit, 0)
    problem = Problem(people=people("aabbcc", (1, 2, 3)), slots=[Slot(s, 3) for s in (1, 2, 3)],
                      fit=fit)
    free = solve_exact(replace(problem, min_other_sectors=0))
    varied = solve_exact(problem, variety=True)
    assert varied.sector_variety_met == varied.sector_variety_possible == 6
    assert free.total_fit > varied.total_fit


# --- Hard rules -------------------------------------------------------------------


def random_fit(n: int, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    fit = rng.random((n, n))
    fit = (fit + fit.T) / 2
    np.fill_diagonal(fit, 0)
    return fit


def test_it_schedules_people_only_when_available():
    persons = [Person(1, "a", frozenset({2})), Person(2, "b", frozenset({1, 2})),
               Person(3, "c", frozenset({1, 2})), Person(4, "a", frozenset({1}))]
    problem = Problem(people=persons, slots=[Slot(1, 5), Slot(2, 5)], fit=random_fit(4))
    result = schedule(problem)
    assert check(problem, result.meetings) == []
    for m in result.meetings:
        if 1 in (m.a, m.b):
            assert m.slot == 2
        if 4 in (m.a, m.b):
            assert m.slot == 1
    assert (1, 4) not in pairs_of(result.meetings)  # never both available


def test_it_never_pairs_blocked_people():
    problem = Problem(people=people("abcd", (1, 2)), slots=[Slot(1, 2), Slot(2, 2)], fit=FOUR,
                      blocked=frozenset({frozenset({1, 3}), frozenset({4, 3})}))
    result = schedule(problem)
    assert not pairs_of(result.meetings) & {(1, 3), (3, 4)}
    assert (1, 2) in pairs_of(result.meetings)
    assert check(problem, result.meetings) == []


def test_it_keeps_to_the_tables_of_each_slot():
    problem = Problem(people=people("abcdeabcde", (1, 2)), slots=[Slot(1, 2), Slot(2, 3)],
                      fit=random_fit(10, 3))
    result = schedule(problem)
    tables = defaultdict(list)
    for m in result.meetings:
        tables[m.slot].append(m.table)
    assert sorted(tables[1]) == [1, 2] and sorted(tables[2]) == [1, 2, 3]
    assert check(problem, result.meetings) == []


def test_it_pairs_two_people_once_whatever_the_slots():
    problem = Problem(people=people("ab", (1, 2, 3)), slots=[Slot(s, 4) for s in (1, 2, 3)],
                      fit=fit_from(2, {(1, 2): 0.8}))
    assert len(schedule(problem).meetings) == 1


def test_it_keeps_fixed_meetings_in_their_slot_and_table():
    fixed = Meeting(slot=1, table=2, a=2, b=4, score=0.1)  # a weak pair, accepted
    problem = Problem(people=people("abcd", (1, 2)), slots=[Slot(1, 2), Slot(2, 2)], fit=FOUR,
                      fixed=[fixed])
    result = schedule(problem)
    assert fixed in result.meetings
    in_slot_1 = [m for m in result.meetings if m.slot == 1]
    assert sorted(m.table for m in in_slot_1) == [1, 2][:len(in_slot_1)]
    assert (1, 3) in pairs_of(in_slot_1)  # the other two still meet at table 1
    assert check(problem, result.meetings) == []
    dropped = [m for m in result.meetings if m != fixed]
    assert any("fixed meeting" in e for e in check(problem, dropped))


def test_it_refuses_fixed_meetings_that_clash():
    clash = [Meeting(1, 1, 1, 2, 0.9), Meeting(1, 2, 2, 3, 0.1)]
    problem = Problem(people=people("abcd"), slots=[Slot(1, 2)], fit=FOUR, fixed=clash)
    with pytest.raises(ValueError, match="conflict"):
        schedule(problem)


def test_it_respects_max_meetings_and_min_fit():
    fit = random_fit(8, 5)
    problem = Problem(people=people("abcdabcd", (1, 2, 3)), slots=[Slot(s, 4) for s in (1, 2, 3)],
                      fit=fit, max_meetings=1, min_fit=0.3, min_other_sectors=0)
    result = schedule(problem)
    count = defaultdict(int)
    for m in result.meetings:
        count[m.a] += 1
        count[m.b] += 1
        assert fit[m.a - 1, m.b - 1] >= 0.3
    assert max(count.values()) == 1
    assert check(problem, result.meetings) == []
    exact = solve_exact(problem)
    assert result.total_fit >= 0.95 * exact.total_fit


def test_it_rejects_a_fit_of_the_wrong_shape():
    with pytest.raises(ValueError, match="aligned"):
        schedule(Problem(people=people("ab"), slots=[Slot(1, 1)], fit=np.zeros((3, 3))))


def test_check_names_each_broken_rule():
    persons = [Person(1, "a", frozenset({1})), Person(2, "b", frozenset({1, 2})),
               Person(3, "c", frozenset({2})), Person(4, "d", frozenset({1, 2}))]
    fit = random_fit(4)
    problem = Problem(people=persons, slots=[Slot(1, 1), Slot(2, 2)], fit=fit,
                      blocked=frozenset({frozenset({2, 4})}), max_meetings=1, min_fit=0.0,
                      fixed=[Meeting(2, 1, 3, 4, 0.5)])
    bad = [
        Meeting(1, 1, 1, 2, 0.5),
        Meeting(1, 1, 3, 4, 0.5),  # table taken; 3 not available in slot 1
        Meeting(2, 3, 2, 4, 0.5),  # no table 3; blocked
        Meeting(2, 2, 1, 2, 0.5),  # pair twice; 1 not available in 2
        Meeting(9, 1, 1, 3, 0.5),  # unknown slot
    ]
    errors = "\n".join(check(problem, bad))
    for expected in ("table already taken", "not available", "no such table", "blocked",
                     "more than once", "unknown slot", "fixed meeting", "more than allowed"):
        assert expected in errors, expected
    assert check(problem, [Meeting(1, 1, 1, 1, 0.0)]) != []  # a must be less than b


# --- Cross-sector variety -----------------------------------------------------------


def test_it_gives_everyone_two_other_sectors_when_the_pool_allows():
    # Mates of one sector fit far better, so fit alone pairs people within their sector.
    fit = np.full((9, 9), 0.05)
    for group in ((0, 1, 2), (3, 4, 5), (6, 7, 8)):
        for a in group:
            for b in group:
                fit[a, b] = 0.9
    np.fill_diagonal(fit, 0)
    problem = Problem(people=people("aaabbbccc", (1, 2, 3)), slots=[Slot(s, 5) for s in (1, 2, 3)],
                      fit=fit)
    without = schedule(replace(problem, min_other_sectors=0))
    seen = other_sectors(problem, without.meetings)
    assert all(len(seen[p.id]) < 2 for p in problem.people)
    result = schedule(problem)
    assert check(problem, result.meetings) == []
    assert result.sector_variety_possible == 9
    assert result.sector_variety_met == 9 and result.variety_unmet == []
    seen = other_sectors(problem, result.meetings)
    assert all(len(seen[p.id]) >= 2 for p in problem.people)
    assert result.total_fit < without.total_fit  # variety costs fit here


def test_it_reports_variety_as_impossible_in_a_one_sector_pool():
    problem = Problem(people=people("aaaa", (1, 2)), slots=[Slot(1, 2), Slot(2, 2)], fit=FOUR)
    result = schedule(problem)
    assert result.sector_variety_possible == 0 and result.sector_variety_met == 0
    assert len(result.meetings) == 4  # the meetings still happen


def test_it_says_exactly_for_whom_the_pool_allows_variety():
    persons = [
        Person(1, "a", frozenset({1, 2})),
        Person(2, "b", frozenset({1, 2})),
        Person(3, "c", frozenset({1, 2})),
        Person(4, "a", frozenset({1})),  # one slot: one meeting at most
        Person(5, "d", frozenset({1, 2})),  # blocked with b and c: only sector a is left
        Person(6, "a", frozenset({3})),  # shares no slot with anyone
    ]
    fit = np.full((6, 6), 0.5)
    np.fill_diagonal(fit, 0)
    problem = Problem(people=persons, slots=[Slot(1, 3), Slot(2, 3), Slot(3, 1)], fit=fit,
                      blocked=frozenset({frozenset({5, 2}), frozenset({5, 3})}))
    assert variety_possible(problem) == {1, 2, 3}
    # A fixed meeting with one's own sector takes one of 1's two slots: one other sector left.
    assert 1 not in variety_possible(replace(problem, fixed=[Meeting(2, 1, 1, 4, 0.5)]))
    # A fixed meeting of b and c counts as met: each still finds sector a in slot 1.
    assert variety_possible(replace(problem, fixed=[Meeting(2, 1, 2, 3, 0.5)])) == {1, 2, 3}
    assert variety_possible(replace(problem, min_fit=0.6)) == set()  # no pair fits enough
    assert variety_possible(replace(problem, max_meetings=1)) == set()
    assert variety_possible(replace(problem, min_other_sectors=0)) == set()  # rule off
    result = schedule(problem)
    assert result.sector_variety_possible == 3 and result.sector_variety_met == 3
    assert variety_met(problem, result.meetings) >= {1, 2, 3}


def test_it_reports_who_misses_variety_when_tables_run_out():
    # Six people of three sectors, two slots with one table each: at most two meetings in all.
    problem = Problem(people=people("abcabc", (1, 2)), slots=[Slot(1, 1), Slot(2, 1)],
                      fit=random_fit(6, 2))
    result = schedule(problem)
    assert result.sector_variety_possible == 6
    # Two meetings give variety to one person at most: the one in both, with b and c.
    assert result.sector_variety_met == 1 == solve_exact(problem, variety=True).sector_variety_met
    assert len(result.variety_unmet) == 5


# --- Determinism and scale -----------------------------------------------------------


def test_it_gives_the_same_schedule_for_the_same_seed():
    problem = random_problem(7)
    assert schedule(problem, seed=3).meetings == schedule(problem, seed=3).meetings


def test_it_stays_valid_when_the_time_runs_out():
    problem = random_problem(11)
    result = schedule(problem, time_limit=0.0)
    assert check(problem, result.meetings) == []


def test_it_schedules_a_larger_event_validly():
    rng = np.random.default_rng(4)
    n = 120
    persons = [Person(i, str(rng.choice(list("abcde"))),
                      frozenset(int(s) for s in range(1, 5) if rng.random() < 0.85))
               for i in range(1, n + 1)]
    blocked = frozenset(frozenset({int(a), int(b)}) for a, b in rng.integers(1, n + 1, (10, 2))
                        if a != b)
    problem = Problem(people=persons, slots=[Slot(s, 40) for s in range(1, 5)],
                      fit=random_fit(n, 4), blocked=blocked)
    result = schedule(problem)
    assert check(problem, result.meetings) == []
    assert len(result.meetings) == 160  # every table of every slot
    assert result.sector_variety_met == result.sector_variety_possible
    assert result.sector_variety_possible >= 100
