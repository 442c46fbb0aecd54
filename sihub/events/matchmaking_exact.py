"""The exact optimum of a small matchmaking ``Problem``, as a mixed-integer program (HiGHS).

For tests and ``bench/matchmaking.py`` only: it needs scipy, which is a dev
dependency, and is exponential in the worst case (fine up to a few dozen people).
The app schedules with the heuristic in ``sihub.events.matchmaking``.

Variables: x[s, pair] = 1 when the pair meets in slot s, for every slot both
are available in and every pair that may meet (not blocked, fit ≥ min_fit);
fixed meetings are variables fixed at 1 in their slot. Constraints: one
meeting per person per slot, at most ``tables`` per slot, a pair at most once,
``max_meetings`` per person. Objective: the total fit.

With ``variety=True`` the program also decides, for each person p for whom
the pool allows variety (``variety_possible``), z[p] = 1 when p meets at least
k other sectors, through y[p, σ] ≤ Σ x over p's meetings with sector σ and
Σσ y[p, σ] ≥ k·z[p]. The objective becomes lexicographic: first the number of
people with variety, then the total fit (z weighs more than all fit together).
That is what the heuristic aims at, so the two compare like for like.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array

from sihub.events.matchmaking import (
    EPS,
    Problem,
    Schedule,
    build_schedule,
    fit_array,
    person_caps,
    variety_possible,
)


def solve_exact(problem: Problem, *, variety: bool = False,
                time_limit: float = 60.0) -> Schedule:
    """The optimal schedule; raises ``RuntimeError`` when HiGHS finds no optimum in time."""
    people = problem.people
    n = len(people)
    fit = fit_array(problem)
    index = {p.id: i for i, p in enumerate(people)}
    usable = [s for s in problem.slots if s.tables > 0]
    fixed = {(m.slot, min(m.a, m.b), max(m.a, m.b)) for m in problem.fixed}
    fixed_pairs = {(a, b) for _, a, b in fixed}
    fixed_at = {(m.slot, pid) for m in problem.fixed for pid in (m.a, m.b)}

    # Columns: one per (slot, pair) that may happen.
    columns: list[tuple[int, int, int]] = []  # (slot id, i, j) positions, i < j
    lower: list[float] = []
    for s in usable:
        for i in range(n):
            a = people[i]
            for j in range(i + 1, n):
                b = people[j]
                pair = (min(a.id, b.id), max(a.id, b.id))
                if (s.id, *pair) in fixed:
                    columns.append((s.id, i, j))
                    lower.append(1.0)
                    continue
                if (pair in fixed_pairs or frozenset(pair) in problem.blocked
                        or fit[i, j] < problem.min_fit - EPS
                        or s.id not in a.available or s.id not in b.available
                        or (s.id, a.id) in fixed_at or (s.id, b.id) in fixed_at):
                    continue
                columns.append((s.id, i, j))
                lower.append(0.0)
    nx = len(columns)
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    upper: list[float] = []
    bottom: list[float] = []

    def row(entries: list[tuple[int, float]], lo: float, hi: float) -> None:
        r = len(upper)
        for c, v in entries:
            rows.append(r)
            cols.append(c)
            vals.append(v)
        bottom.append(lo)
        upper.append(hi)

    by_person_slot: dict[tuple[int, int], list[int]] = {}
    by_slot: dict[int, list[int]] = {}
    by_pair: dict[tuple[int, int], list[int]] = {}
    by_person: dict[int, list[int]] = {}
    for c, (s, i, j) in enumerate(columns):
        by_slot.setdefault(s, []).append(c)
        by_pair.setdefault((i, j), []).append(c)
        for u in (i, j):
            by_person_slot.setdefault((u, s), []).append(c)
            by_person.setdefault(u, []).append(c)
    for cs in by_person_slot.values():
        row([(c, 1.0) for c in cs], 0, 1)
    tables = {s.id: s.tables for s in usable}
    for s, cs in by_slot.items():
        row([(c, 1.0) for c in cs], 0, tables[s])
    for cs in by_pair.values():
        if len(cs) > 1:
            row([(c, 1.0) for c in cs], 0, 1)
    if problem.max_meetings is not None:
        caps = person_caps(problem)
        for u, cs in by_person.items():
            row([(c, 1.0) for c in cs], 0, caps[people[u].id])

    def partner(c: int, p: int) -> int:
        _, i, j = columns[c]
        return j if i == p else i

    weights = [float(fit[i, j]) for _, i, j in columns]
    integrality = [1] * nx
    var_upper = [1.0] * nx
    z_of: dict[int, int] = {}
    if variety and problem.min_other_sectors > 0:
        k = problem.min_other_sectors
        big = sum(w for w in weights if w > 0) + 1.0
        for pid in sorted(variety_possible(problem)):
            p = index[pid]
            z = len(weights)
            z_of[pid] = z
            weights.append(big)
            lower.append(0.0)
            var_upper.append(1.0)
            integrality.append(1)
            ys = []
            for sector in sorted({q.sector for q in people} - {people[p].sector}):
                mine = [c for c in by_person.get(p, ())
                        if people[partner(c, p)].sector == sector]
                if not mine:
                    continue
                y = len(weights)
                ys.append(y)
                weights.append(0.0)
                lower.append(0.0)
                var_upper.append(1.0)
                integrality.append(1)
                row([(y, 1.0)] + [(c, -1.0) for c in mine], -np.inf, 0)  # y ≤ Σ x
            row([(y, 1.0) for y in ys] + [(z, -float(k))], 0, np.inf)  # Σ y ≥ k z

    total = len(weights)
    if not total:
        return build_schedule(problem, [])
    constraints = []
    if upper:
        matrix = coo_array((vals, (rows, cols)), shape=(len(upper), total)).tocsr()
        constraints.append(LinearConstraint(matrix, bottom, upper))
    result = milp(
        c=-np.asarray(weights),
        integrality=np.asarray(integrality),
        bounds=Bounds(np.asarray(lower), np.asarray(var_upper)),
        constraints=constraints,
        options={"time_limit": time_limit},
    )
    if result.status != 0 or result.x is None:
        raise RuntimeError(f"no optimum: {result.message}")
    ids = [p.id for p in people]
    chosen = [(s, ids[i], ids[j]) for c, (s, i, j) in enumerate(columns) if result.x[c] > 0.5]
    return build_schedule(problem, chosen)


def random_problem(seed: int, *, people: tuple[int, int] = (6, 12), slots: tuple[int, int] = (2, 3),
                   min_other_sectors: int = 2) -> Problem:
    """A small random problem to compare the heuristic with the optimum (tests, bench).

    Sizes are drawn from the inclusive ranges; 2–4 sectors; each person
    available in a slot with probability 0.8; a quarter to a half as many
    tables per slot as people; up to two blocked pairs; fit uniform in [0, 1).
    """
    from sihub.events.matchmaking import Person, Slot

    rng = np.random.default_rng(seed)
    n = int(rng.integers(people[0], people[1] + 1))
    sectors = ["private", "public", "academia", "civil-society"][: int(rng.integers(2, 5))]
    slot_list = [Slot(id=10 + s, tables=int(rng.integers(max(1, n // 4), n // 2 + 1)))
                 for s in range(int(rng.integers(slots[0], slots[1] + 1)))]
    persons = [Person(id=100 + i, sector=str(rng.choice(sectors)),
                      available=frozenset(s.id for s in slot_list if rng.random() < 0.8))
               for i in range(n)]
    fit = rng.random((n, n))
    fit = (fit + fit.T) / 2
    np.fill_diagonal(fit, 0.0)
    blocked = frozenset(frozenset({100 + int(a), 100 + int(b)})
                        for a, b in rng.integers(0, n, (2, 2)) if a != b)
    return Problem(people=persons, slots=slot_list, fit=fit, blocked=blocked,
                   min_other_sectors=min_other_sectors)
