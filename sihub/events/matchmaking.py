"""1:1 meeting scheduler for event matchmaking: who meets whom, in which slot, at which table.

Pure Python and numpy over plain data (no Django). The Django layer turns an
event's participants, slots, blocks and accepted meetings into a ``Problem``
(with the fit from ``sihub.events.match_fit.fit_matrix``), calls ``schedule``
and stores the meetings; ``check`` says what a set of meetings breaks.
``sihub.events.matchmaking_exact`` solves small problems exactly (tests, bench).

Hard rules (``check`` reports each one broken):

* a person meets at most one person per slot, and only in slots they are
  available in;
* a slot holds at most ``tables`` meetings, at distinct tables numbered
  1..tables;
* a pair meets at most once; blocked pairs never; pairs whose fit is below
  ``min_fit`` are not proposed;
* ``fixed`` meetings (already accepted) stay as they are, in their slot and at
  their table; they count toward everything above, but are not checked
  against availability, blocks or ``min_fit`` (they were agreed);
* at most ``max_meetings`` meetings per person (fixed ones included);
  ``None``: one per available slot.

Objective: the total fit of the meetings (``objective``).

**Cross-sector variety.** Each person should meet people from at least
``min_other_sectors`` (k) sectors other than their own "when the pool
allows". Precisely (``variety_possible``), the pool allows it for person p when,
looking at p alone and ignoring competition with others for tables and
partners, k distinct other sectors can be met in distinct slots:

* the sectors of p's fixed partners count as met; say that leaves k' to find;
* p may have at least k' more meetings (``max_meetings`` and free slots), and
* there is a matching of size k' between the remaining other sectors and p's
  slots that are free of fixed meetings, where sector σ and slot s are linked
  when some person of sector σ could meet p in s: available in s, with no
  fixed meeting in s, not blocked with p, fit ≥ ``min_fit``, and room under
  ``max_meetings``.

The scheduler treats the rule as hard whenever it can satisfy it: after
maximising fit it repairs each person lacking variety with the cheapest change
(adding or swapping a partner, freeing a table from the weakest meeting) that
raises the number of people with variety, or keeps it and brings those without
closer; from then on it only accepts changes that keep that number. When
others compete for the same tables or partners a person can still miss it;
``Schedule.variety_unmet`` names them and ``sector_variety_met /
sector_variety_possible`` counts. ``k = 0`` turns the rule off (both counts 0).
On small instances the result has as many people with variety as the exact
optimum (``matchmaking_exact``, which maximises that number first) in nearly
every case, and within 1 % of its fit on average (``bench/matchmaking.py``).

**Algorithm.** (1) Candidate pairs: each person's ``candidates`` best partners
by fit (eligible, fit > 0). (2) Greedy: pairs by descending fit, each into the
common free slot with the most free tables. (3) Local search over the
candidates, the best move per pair: put the pair in a slot where it displaces
weaker meetings (which move to another slot when they can, else give way; two
partners left alone meet each other when that helps; a full slot's weakest
meeting moves or gives way; someone at ``max_meetings`` drops their weakest
other meeting), repeated until a pass improves nothing. (4) Variety repair,
then (3) again keeping variety. (5) Iterated local search: remove a few random
meetings, search without them, then with them, repair; keep the result when it
is not worse (people with variety, then fit), else go back; stop after
``STALL_ROUNDS`` rounds without gain, after a fixed amount of work (about half a
second), or at ``time_limit``. Ties and perturbations come from ``seed``:
the same problem and seed give the same schedule (unless ``time_limit`` cuts
the search). 500 people × 6 slots × 120 tables take about 2 s of CPU
(``bench/matchmaking.py``).

Fit is an n×n array aligned with ``people`` (row i, column j: the fit of
``people[i]`` and ``people[j]``), symmetric, diagonal ignored.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np

EPS = 1e-9
DEFAULT_CANDIDATES = 40  # best partners per person that the search considers
MAX_PASSES = 30
# Iterated local search stops after MAX_ROUNDS rounds, STALL_ROUNDS rounds without gain, or
# once it has looked for ILS_LOOKS pairs' best moves (20–40 µs each: under a second).
# Counted, not timed, so a seed gives one result.
MAX_ROUNDS = 300
STALL_ROUNDS = 40
ILS_LOOKS = 15_000


@dataclass(frozen=True)
class Person:
    id: int
    sector: str  # sector slug
    available: frozenset[int]  # slot ids


@dataclass(frozen=True)
class Slot:
    id: int
    tables: int


@dataclass(frozen=True)
class Meeting:
    slot: int  # slot id
    table: int  # 1..slot.tables
    a: int  # person ids, a < b
    b: int
    score: float


@dataclass
class Problem:
    people: Sequence[Person]
    slots: Sequence[Slot]
    fit: np.ndarray  # n×n, aligned with ``people``
    blocked: frozenset[frozenset[int]] = frozenset()  # pairs of person ids never to meet
    fixed: Sequence[Meeting] = ()  # accepted meetings, kept in their slot at their table
    max_meetings: int | None = None  # per person; None: one per available slot
    min_fit: float = 0.0  # pairs below this are not proposed
    min_other_sectors: int = 2


@dataclass
class Schedule:
    meetings: list[Meeting]  # fixed ones included, by slot then table
    total_fit: float
    sector_variety_met: int  # people for whom the pool allows variety and who have it
    sector_variety_possible: int  # people for whom the pool allows it (see module doc)
    variety_unmet: list[int] = field(default_factory=list)  # ids: possible but not met
    without_meetings: list[int] = field(default_factory=list)  # ids of people with none
    seconds: float = 0.0


# --- Shared helpers (also used by matchmaking_exact) ----------------------------


def fit_array(problem: Problem) -> np.ndarray:
    fit = np.asarray(problem.fit, dtype=np.float64)
    n = len(problem.people)
    if fit.shape != (n, n):
        raise ValueError(f"fit must be {n}×{n} (aligned with people), not {fit.shape}")
    return fit


def person_caps(problem: Problem) -> dict[int, int]:
    """Most meetings each person may have: available usable slots, ``max_meetings``, fixed ones."""
    usable = {s.id for s in problem.slots if s.tables > 0}
    fixed_count: dict[int, int] = {}
    for m in problem.fixed:
        for pid in (m.a, m.b):
            fixed_count[pid] = fixed_count.get(pid, 0) + 1
    caps = {}
    for p in problem.people:
        cap = len(p.available & usable)
        if problem.max_meetings is not None:
            cap = min(cap, problem.max_meetings)
        caps[p.id] = max(cap, fixed_count.get(p.id, 0))
    return caps


def _max_matching(edges: dict[int, set[int]]) -> int:
    """Size of a maximum bipartite matching (left key → right neighbours), augmenting paths."""
    owner: dict[int, int] = {}

    def augment(left: int, seen: set[int]) -> bool:
        for right in edges[left]:
            if right in seen:
                continue
            seen.add(right)
            if right not in owner or augment(owner[right], seen):
                owner[right] = left
                return True
        return False

    return sum(augment(left, set()) for left in edges)


def variety_possible(problem: Problem) -> frozenset[int]:
    """Ids of the people for whom the pool allows cross-sector variety (module doc)."""
    k = problem.min_other_sectors
    if k <= 0 or not problem.people:
        return frozenset()
    people = problem.people
    n = len(people)
    fit = fit_array(problem)
    index = {p.id: i for i, p in enumerate(people)}
    slot_ids = [s.id for s in problem.slots if s.tables > 0]
    caps = person_caps(problem)
    sectors = sorted({p.sector for p in people})
    sec = np.array([sectors.index(p.sector) for p in people])
    onehot = np.zeros((n, len(sectors)), dtype=np.float32)
    onehot[np.arange(n), sec] = 1.0

    eligible = fit >= problem.min_fit - EPS
    np.fill_diagonal(eligible, False)
    for pair in problem.blocked:
        ids = [index[x] for x in pair if x in index]
        if len(ids) == 2:
            eligible[ids[0], ids[1]] = eligible[ids[1], ids[0]] = False
    fixed_partner: dict[tuple[int, int], int] = {}  # (person index, slot id) → partner index
    nfixed = np.zeros(n, dtype=np.int64)
    for m in problem.fixed:
        if m.a in index and m.b in index:
            a, b = index[m.a], index[m.b]
            eligible[a, b] = eligible[b, a] = False  # they have met
            fixed_partner[(a, m.slot)] = b
            fixed_partner[(b, m.slot)] = a
            nfixed[a] += 1
            nfixed[b] += 1
    has_room = np.array([caps[p.id] for p in people]) > nfixed

    # sectors_at[s][p]: which sectors p could meet in slot s (counts of such partners).
    sectors_at = {}
    for s in slot_ids:
        free = np.array([s in p.available and (i, s) not in fixed_partner
                         for i, p in enumerate(people)]) & has_room
        sectors_at[s] = (eligible & free[None, :]).astype(np.float32) @ onehot

    possible = set()
    for i, p in enumerate(people):
        met = {sec[fixed_partner[(i, s)]] for s in slot_ids if (i, s) in fixed_partner}
        met.discard(sec[i])
        need = k - len(met)
        if need <= 0:
            possible.add(p.id)
            continue
        if caps[p.id] - nfixed[i] < need:
            continue
        edges = {}
        for s in slot_ids:
            if s in p.available and (i, s) not in fixed_partner:
                edges[s] = {c for c in np.flatnonzero(sectors_at[s][i])
                            if c != sec[i] and c not in met}
        if _max_matching(edges) >= need:
            possible.add(p.id)
    return frozenset(possible)


def variety_met(problem: Problem, meetings: Iterable[Meeting]) -> frozenset[int]:
    """Ids of the people who meet at least ``min_other_sectors`` other sectors."""
    sector = {p.id: p.sector for p in problem.people}
    seen: dict[int, set[str]] = {pid: set() for pid in sector}
    for m in meetings:
        if m.a in sector and m.b in sector:
            seen[m.a].add(sector[m.b])
            seen[m.b].add(sector[m.a])
    k = problem.min_other_sectors
    return frozenset(pid for pid, s in seen.items() if len(s - {sector[pid]}) >= k)


def objective(problem: Problem, meetings: Iterable[Meeting]) -> float:
    """Total fit of the meetings, from the problem's fit (not the meetings' scores)."""
    fit = fit_array(problem)
    index = {p.id: i for i, p in enumerate(problem.people)}
    return float(sum(fit[index[m.a], index[m.b]] for m in meetings))


def check(problem: Problem, meetings: Sequence[Meeting]) -> list[str]:
    """Every hard rule the meetings break, as English sentences; empty when valid."""
    errors: list[str] = []
    people = {p.id: p for p in problem.people}
    slots = {s.id: s for s in problem.slots}
    fit = fit_array(problem)
    index = {p.id: i for i, p in enumerate(problem.people)}
    fixed = {(m.slot, m.table, m.a, m.b) for m in problem.fixed}
    busy: set[tuple[int, int]] = set()
    tables: set[tuple[int, int]] = set()
    pairs: set[tuple[int, int]] = set()
    count: dict[int, int] = {}
    for m in meetings:
        where = f"slot {m.slot} table {m.table} ({m.a}, {m.b})"
        if m.a not in people or m.b not in people:
            errors.append(f"{where}: unknown person")
            continue
        if m.slot not in slots:
            errors.append(f"{where}: unknown slot")
            continue
        if m.a >= m.b:
            errors.append(f"{where}: a must be less than b")
        is_fixed = (m.slot, m.table, m.a, m.b) in fixed
        if not 1 <= m.table <= slots[m.slot].tables:
            errors.append(f"{where}: no such table (the slot has {slots[m.slot].tables})")
        if (m.slot, m.table) in tables:
            errors.append(f"{where}: table already taken in this slot")
        tables.add((m.slot, m.table))
        for pid in (m.a, m.b):
            if (m.slot, pid) in busy:
                errors.append(f"{where}: person {pid} meets two people in this slot")
            busy.add((m.slot, pid))
            count[pid] = count.get(pid, 0) + 1
            if not is_fixed and m.slot not in people[pid].available:
                errors.append(f"{where}: person {pid} is not available in this slot")
        pair = (min(m.a, m.b), max(m.a, m.b))
        if pair in pairs:
            errors.append(f"{where}: the pair meets more than once")
        pairs.add(pair)
        if not is_fixed:
            if frozenset(pair) in problem.blocked:
                errors.append(f"{where}: the pair is blocked")
            if fit[index[m.a], index[m.b]] < problem.min_fit - EPS:
                errors.append(f"{where}: fit below min_fit")
    given = {(m.slot, m.table, m.a, m.b) for m in meetings}
    for m in problem.fixed:
        if (m.slot, m.table, m.a, m.b) not in given:
            errors.append(f"fixed meeting slot {m.slot} table {m.table} ({m.a}, {m.b}) is missing")
    caps = person_caps(problem)
    for pid, c in sorted(count.items()):
        if c > caps[pid] and problem.max_meetings is not None:
            errors.append(f"person {pid} has {c} meetings, more than allowed ({caps[pid]})")
    return errors


def build_schedule(problem: Problem, chosen: Iterable[tuple[int, int, int]],
                   started: float | None = None) -> Schedule:
    """A ``Schedule`` from (slot id, person id, person id) triples plus the fixed meetings.

    Fixed meetings keep their tables; the others get the free table numbers of
    their slot in order of descending fit (ties by ids).
    """
    fit = fit_array(problem)
    index = {p.id: i for i, p in enumerate(problem.people)}
    fixed_keys = {(m.slot, min(m.a, m.b), max(m.a, m.b)) for m in problem.fixed}
    used: dict[int, set[int]] = {}
    meetings = list(problem.fixed)
    for m in problem.fixed:
        used.setdefault(m.slot, set()).add(m.table)
    new = []
    for s, a, b in chosen:
        a, b = min(a, b), max(a, b)
        if (s, a, b) not in fixed_keys:
            new.append((s, -float(fit[index[a], index[b]]), a, b))
    new.sort()
    for s, neg, a, b in new:
        taken = used.setdefault(s, set())
        table = next(t for t in range(1, len(taken) + 2) if t not in taken)
        taken.add(table)
        meetings.append(Meeting(slot=s, table=table, a=a, b=b, score=-neg))
    order = {s.id: i for i, s in enumerate(problem.slots)}
    meetings.sort(key=lambda m: (order.get(m.slot, len(order)), m.table))
    possible = variety_possible(problem)
    met = variety_met(problem, meetings) & possible
    in_meetings = {m.a for m in meetings} | {m.b for m in meetings}
    return Schedule(
        meetings=meetings,
        total_fit=objective(problem, meetings),
        sector_variety_met=len(met),
        sector_variety_possible=len(possible),
        variety_unmet=sorted(possible - met),
        without_meetings=[p.id for p in problem.people if p.id not in in_meetings],
        seconds=time.perf_counter() - started if started is not None else 0.0,
    )


# --- The heuristic --------------------------------------------------------------


class _Search:
    """Mutable schedule state with incremental bookkeeping, in person and slot positions."""

    def __init__(self, problem: Problem, seed: int, candidates: int) -> None:
        self.problem = problem
        people = problem.people
        n = self.n = len(people)
        self.index = {p.id: i for i, p in enumerate(people)}
        slots = list(problem.slots)
        self.slot_ids = [s.id for s in slots]
        slot_pos = {s.id: k for k, s in enumerate(slots)}
        S = self.S = len(slots)
        fit = fit_array(problem)
        self.F = fit.tolist()
        self.min_fit = problem.min_fit - EPS
        self.k = max(0, problem.min_other_sectors)
        self.rng = np.random.default_rng(seed)
        self.sec = [p.sector for p in people]
        caps = person_caps(problem)
        self.cap = [caps[p.id] for p in people]
        self.avail = [[slots[s].tables > 0 and slots[s].id in p.available for s in range(S)]
                      for p in people]
        self.tables = [s.tables for s in slots]
        self.clock = 0  # changes applied so far
        self.looks = 0  # pairs whose best move was looked for
        self.tabu: set[int] = set()  # pairs the search may not schedule for now
        self.stamp = [0] * n  # the clock at each person's last change
        self.blocked = set()
        for pair in problem.blocked:
            ids = sorted(self.index[x] for x in pair if x in self.index)
            if len(ids) == 2:
                self.blocked.add(ids[0] * n + ids[1])
        self.enforce = False
        possible = variety_possible(problem)
        self.need = [p.id in possible for p in people]

        self.fixed_meetings = []
        for m in problem.fixed:
            if m.a not in self.index or m.b not in self.index or m.slot not in slot_pos:
                raise ValueError(f"fixed meeting {m} names an unknown person or slot")
            self.fixed_meetings.append((self.index[m.a], self.index[m.b], slot_pos[m.slot]))
        self.load({})
        self.fixed_keys = set(self.met)

        # Eligible partners by descending fit, ties in seeded order.
        eligible = fit >= self.min_fit
        np.fill_diagonal(eligible, False)
        for key in self.blocked | self.fixed_keys:
            i, j = divmod(key, n)
            eligible[i, j] = eligible[j, i] = False
        common = np.array(self.avail, dtype=np.float32)
        eligible &= (common @ common.T) > 0
        tiebreak = self.rng.permutation(n)
        order = np.lexsort((np.broadcast_to(tiebreak, (n, n)), -fit), axis=1)
        self.partners = [row[eligible[i, row]].tolist() for i, row in enumerate(order)]
        self.best_fit = [max((self.F[i][j] for j in row[:1]), default=0.0)
                         for i, row in enumerate(self.partners)]
        pairs: dict[int, float] = {}
        for i in range(n):
            for j in self.partners[i][:candidates]:
                if fit[i, j] > EPS:
                    pairs[min(i, j) * n + max(i, j)] = fit[i, j]
        keys = np.fromiter(pairs.keys(), dtype=np.int64, count=len(pairs))
        values = np.fromiter(pairs.values(), dtype=np.float64, count=len(pairs))
        shuffle = self.rng.permutation(len(keys))
        ranked = np.lexsort((shuffle, -values))
        self.candidates = [divmod(int(key), n) for key in keys[ranked]]

    # -- bookkeeping

    def load(self, meetings: dict[int, int]) -> None:
        """Start again from the fixed meetings plus ``meetings`` (pair key → slot position)."""
        n, S = self.n, self.S
        self.at = [[-1] * n for _ in range(S)]
        self.fixed = [[False] * n for _ in range(S)]
        self.free = list(self.tables)
        self.met: dict[int, int] = {}  # i * n + j (i < j) → slot position
        self.in_slot: list[set[int]] = [set() for _ in range(S)]  # pair keys
        self._weak: list[list[tuple[float, int, int]] | None] = [None] * S
        self.count = [0] * n
        self.sc: list[dict[str, int]] = [{} for _ in range(n)]  # partners per sector
        self.other = [0] * n  # distinct other sectors met
        for i, j, s in self.fixed_meetings:
            if self.at[s][i] >= 0 or self.at[s][j] >= 0 or self.free[s] <= 0:
                raise ValueError(f"fixed meetings conflict in slot {self.slot_ids[s]}")
            self._add(i, j, s)
            self.fixed[s][i] = self.fixed[s][j] = True
        for key, s in meetings.items():
            if key not in self.met:
                self._add(key // n, key % n, s)

    def quality(self) -> tuple[int, float]:
        """(people with variety among those for whom it is possible, total fit)."""
        k, F, n = self.k, self.F, self.n
        met = sum(1 for u in range(n) if self.need[u] and self.other[u] >= k) if k > 0 else 0
        return met, sum(F[key // n][key % n] for key in self.met)

    def _add(self, i: int, j: int, s: int) -> None:
        key = min(i, j) * self.n + max(i, j)
        self.at[s][i], self.at[s][j] = j, i
        self.met[key] = s
        self.in_slot[s].add(key)
        self._weak[s] = None
        self.free[s] -= 1
        for u, v in ((i, j), (j, i)):
            self.count[u] += 1
            sv = self.sec[v]
            c = self.sc[u].get(sv, 0)
            self.sc[u][sv] = c + 1
            if c == 0 and sv != self.sec[u]:
                self.other[u] += 1

    def _remove(self, i: int, j: int) -> None:
        key = min(i, j) * self.n + max(i, j)
        s = self.met.pop(key)
        self.at[s][i] = self.at[s][j] = -1
        self.in_slot[s].discard(key)
        self._weak[s] = None
        self.free[s] += 1
        for u, v in ((i, j), (j, i)):
            self.count[u] -= 1
            sv = self.sec[v]
            c = self.sc[u][sv] - 1
            self.sc[u][sv] = c
            if c == 0 and sv != self.sec[u]:
                self.other[u] -= 1

    def _apply(self, removed: list[tuple[int, int]], added: list[tuple[int, int, int]]) -> None:
        self.clock += 1
        for pair in (*removed, *added):
            self.stamp[pair[0]] = self.stamp[pair[1]] = self.clock
        for i, j in removed:
            self._remove(i, j)
        for i, j, s in added:
            self._add(i, j, s)

    def _can_pair(self, i: int, j: int) -> bool:
        key = min(i, j) * self.n + max(i, j)
        return (i != j and key not in self.met and key not in self.blocked
                and self.F[i][j] >= self.min_fit)

    def _variety_change(self, removed: list[tuple[int, int]],
                        added: list[tuple[int, int, int]]) -> list[tuple[int, int]]:
        """(other sectors before, after) of each person the rule applies to whom the change touches."""
        need, sec = self.need, self.sec
        delta: dict[tuple[int, str], int] = {}
        for sign, pairs in ((-1, removed), (1, added)):
            for pair in pairs:
                i, j = pair[0], pair[1]
                if need[i] and sec[j] != sec[i]:
                    delta[i, sec[j]] = delta.get((i, sec[j]), 0) + sign
                if need[j] and sec[i] != sec[j]:
                    delta[j, sec[i]] = delta.get((j, sec[i]), 0) + sign
        after: dict[int, int] = {}
        for (u, sector), d in delta.items():
            old = self.sc[u].get(sector, 0)
            now = after.get(u, self.other[u])
            if old > 0 and old + d == 0:
                now -= 1
            elif old == 0 and d > 0:
                now += 1
            after[u] = now
        return [(self.other[u], now) for u, now in after.items()]

    def _variety_ok(self, removed: list[tuple[int, int]],
                    added: list[tuple[int, int, int]]) -> bool:
        """Once enforced: the change leaves no fewer people with variety."""
        if not self.enforce:
            return True
        sec, sc, need, most = self.sec, self.sc, self.need, len(removed)
        for i, j in removed:  # fast path: nobody can lose every partner of a sector
            if ((need[i] and sec[j] != sec[i] and sc[i][sec[j]] <= most)
                    or (need[j] and sec[i] != sec[j] and sc[j][sec[i]] <= most)):
                return self._progress(removed, added)[0] >= 0
        return True

    def _progress(self, removed: list[tuple[int, int]],
                  added: list[tuple[int, int, int]]) -> tuple[int, int]:
        """What a change does to (people with variety, Σ min(other sectors, k)) — the repair's measure."""
        k = self.k
        met = part = 0
        for before, after in self._variety_change(removed, added):
            met += (after >= k) - (before >= k)
            part += min(after, k) - min(before, k)
        return met, part

    def _evictable(self, s: int, exclude: tuple[int, ...], limit: int = 4
                   ) -> Iterator[tuple[float, int, int]]:
        """Meetings in slot s that may make way, weakest first (at most ``limit``), lazily."""
        weak = self._weak[s]
        if weak is None:
            n, F = self.n, self.F
            weak = sorted((F[i][j], i, j) for i, j in
                          (divmod(key, n) for key in self.in_slot[s] - self.fixed_keys))
            self._weak[s] = weak
        for m in weak[:limit + len(exclude)]:
            if m[1] not in exclude and m[2] not in exclude:
                yield m

    def _weakest_elsewhere(self, i: int, s: int) -> tuple[float, int] | None:
        """i's weakest non-fixed meeting outside slot s: (fit, partner)."""
        best = None
        for t in range(self.S):
            x = self.at[t][i]
            if t != s and x >= 0 and not self.fixed[t][i]:
                f = self.F[i][x]
                if best is None or f < best[0]:
                    best = (f, x)
        return best

    # -- moves

    def _relocation(self, u: int, v: int, s: int, taken: dict[int, int]) -> int:
        """A slot other than s where the meeting (u, v) could move (both free, a table left), or -1."""
        at, avail = self.at, self.avail
        for t in range(self.S):
            if (t != s and self.free[t] > taken.get(t, 0) and avail[u][t] and avail[v][t]
                    and at[t][u] < 0 and at[t][v] < 0):
                return t
        return -1

    def _pair_move(self, i: int, j: int, allow_displace: bool):
        """The best way to schedule the unscheduled pair (i, j): (gain, removed, added) or None.

        In each slot both are available in, the meetings (i, x) and (j, y) that
        stand in the way move to another slot when they can, else give way (x
        and y then meet each other when that is allowed); in a full slot the
        weakest meeting moves or gives way; someone at ``max_meetings`` drops
        their weakest other meeting.
        """
        F, at, fixed, free = self.F, self.at, self.fixed, self.free
        self.looks += 1
        f = F[i][j]
        best = None
        best_key = (EPS, 0)
        for s in range(self.S):
            if not (self.avail[i][s] and self.avail[j][s]):
                continue
            x, y = at[s][i], at[s][j]
            if (x >= 0 and fixed[s][i]) or (y >= 0 and fixed[s][j]):
                continue
            if not allow_displace and (x >= 0 or y >= 0):
                continue
            gain = f
            removed: list[tuple[int, int]] = []
            added = [(i, j, s)]
            taken: dict[int, int] = {}
            stays = []  # displaced partners who lose their meeting in s
            grows = [u for u, v in ((i, x), (j, y)) if v < 0]  # who has one meeting more
            for u, v in ((i, x), (j, y)):
                if v < 0:
                    continue
                removed.append((u, v))
                t = self._relocation(u, v, s, taken)
                if t >= 0:
                    taken[t] = taken.get(t, 0) + 1
                    added.append((u, v, t))
                    grows.append(u)
                else:
                    gain -= F[u][v]
                    stays.append(v)
            if len(stays) == 2 and self._can_pair(*stays):
                gain += F[stays[0]][stays[1]]
                added.append((stays[0], stays[1], s))
            elif x < 0 and y < 0 and free[s] <= 0:
                if not allow_displace:
                    continue
                for ev_fit, a, b in self._evictable(s, (i, j)):
                    t = self._relocation(a, b, s, taken)
                    cost = 0.0 if t >= 0 else ev_fit
                    moved = [(a, b, t)] if t >= 0 else []
                    if gain - cost > best_key[0] and self._variety_ok(
                            [*removed, (a, b)], [*added, *moved]):
                        gain -= cost
                        removed.append((a, b))
                        added.extend(moved)
                        break
                else:
                    continue
            if gain <= best_key[0]:
                continue
            for u in grows:
                if self.count[u] >= self.cap[u]:
                    drop = self._weakest_elsewhere(u, s) if allow_displace else None
                    if drop is None:
                        gain = -1.0
                        break
                    gain -= drop[0]
                    removed.append((u, drop[1]))
            key = (gain, free[s])
            if key > best_key and self._variety_ok(removed, added):
                best_key, best = key, (gain, removed, added)
        return best

    def greedy(self) -> None:
        n, met, count, cap = self.n, self.met, self.count, self.cap
        for i, j in self.candidates:  # i < j
            if count[i] < cap[i] and count[j] < cap[j] and i * n + j not in met:
                move = self._pair_move(i, j, allow_displace=False)
                if move is not None:
                    self._apply(move[1], move[2])

    def improve(self, deadline: float | None, since: int = -1) -> int:
        """Best move per unscheduled candidate pair, pass after pass, until nothing improves.

        After the first pass only pairs one of whom changed since the previous
        pass began are looked at again (their moves are the ones that may have
        become possible).
        """
        n, stamp, tabu = self.n, self.stamp, self.tabu
        passes = 0
        while passes < MAX_PASSES:
            passes += 1
            started, improved = self.clock, False
            for i, j in self.candidates:  # i < j
                key = i * n + j
                if (stamp[i] <= since and stamp[j] <= since) or key in self.met or key in tabu:
                    continue
                move = self._pair_move(i, j, allow_displace=True)
                if move is not None:
                    self._apply(move[1], move[2])
                    improved = True
            since = started
            if not improved or (deadline is not None and time.perf_counter() > deadline):
                break
        return passes

    # -- variety repair

    def _repair_move(self, p: int):
        """The best change giving p one more other sector: (removed, added) or None.

        Only changes that raise the progress measure (more people with variety,
        or as many and more sectors met by those without) count, so repair
        never cycles; among them the one that loses the least fit.
        """
        F, at, fixed, sec = self.F, self.at, self.fixed, self.sec
        self.looks += self.S
        have = {sector for sector, c in self.sc[p].items() if c > 0} | {sec[p]}
        n, met, avail = self.n, self.met, self.avail
        # Partners of a sector p lacks, not met yet (``partners`` are eligible), by descending fit.
        wanted = [q for q in self.partners[p]
                  if sec[q] not in have and (p * n + q if p < q else q * n + p) not in met]
        best = None
        best_loss = float("inf")
        for s in range(self.S):
            if not self.avail[p][s] or fixed[s][p]:
                continue
            r = at[s][p]
            base: list[tuple[int, int]] = []
            base_loss = 0.0
            if r >= 0:
                base_loss = F[p][r]
                base.append((p, r))
            elif self.count[p] >= self.cap[p]:
                continue
            # A cheaper move needs base_loss - F[p][q] - (what pairing r anew may give) < best.
            slack = base_loss - (self.best_fit[r] if r >= 0 else 0.0)
            for q in wanted:
                if slack - F[p][q] >= best_loss:
                    break  # partners come by descending fit: no cheaper one follows
                if not avail[q][s]:
                    continue
                w = at[s][q]
                loss = base_loss - F[p][q]
                removed = list(base)
                added = [(p, q, s)]
                if w >= 0:
                    if fixed[s][q]:
                        continue
                    loss += F[q][w]
                    removed.append((q, w))
                    if r >= 0 and self._can_pair(r, w):
                        loss -= F[r][w]
                        added.append((r, w, s))
                elif self.count[q] >= self.cap[q]:
                    continue
                elif r < 0 and self.free[s] <= 0:
                    for ev_fit, a, b in self._evictable(s, (p, q), limit=self.n):
                        if loss + ev_fit >= best_loss:
                            break
                        if self._progress([*removed, (a, b)], added) > (0, 0):
                            best_loss, best = loss + ev_fit, ([*removed, (a, b)], added)
                            break
                    continue
                if loss < best_loss and self._progress(removed, added) > (0, 0):
                    best_loss, best = loss, (removed, added)
        return best

    def repair(self) -> None:
        self.enforce = True
        k = self.k
        if k <= 0:
            return
        tiebreak = self.rng.permutation(self.n)
        lacking = sorted((p for p in range(self.n) if self.need[p] and self.other[p] < k),
                         key=lambda p: (self.cap[p], len(self.partners[p]), tiebreak[p]))
        while lacking:
            progress = False
            for p in lacking:
                while self.other[p] < k:
                    move = self._repair_move(p)
                    if move is None:
                        break
                    self._apply(*move)
                    progress = True
            lacking = [p for p in lacking if self.other[p] < k]
            if not progress:
                break

    def perturb(self) -> None:
        """Remove a few random meetings (not fixed ones), so the search can leave a local optimum."""
        movable = sorted(set(self.met) - self.fixed_keys)
        if not movable:
            return
        size = int(self.rng.integers(2, min(12, max(3, len(movable) // 8)) + 1))
        n = self.n
        for key in self.rng.choice(movable, size=min(size, len(movable)), replace=False):
            key = int(key)
            self._apply([(key // n, key % n)], [])
            self.tabu.add(key)

    def iterate(self, rounds: int, looks: int, deadline: float | None) -> None:
        """Iterated local search: perturb, improve, repair; keep the result when not worse."""
        best, best_met = self.quality(), dict(self.met)
        stall = 0
        looks += self.looks
        for _ in range(rounds):
            if (stall >= STALL_ROUNDS or self.looks >= looks
                    or (deadline is not None and time.perf_counter() > deadline)):
                break
            since = self.clock
            self.perturb()
            self.improve(deadline, since)  # without the pairs just removed: a new neighbourhood
            self.tabu.clear()
            self.improve(deadline, since)
            self.repair()
            self.improve(deadline, since)
            now = self.quality()
            stall = 0 if now > (best[0], best[1] + EPS) else stall + 1
            if now >= best:
                best, best_met = now, dict(self.met)
            else:
                self.load(best_met)

    def result(self) -> list[tuple[int, int, int]]:
        ids = [p.id for p in self.problem.people]
        n = self.n
        return [(self.slot_ids[s], ids[key // n], ids[key % n]) for key, s in self.met.items()]


def schedule(problem: Problem, *, seed: int = 0, time_limit: float | None = None,
             candidates: int = DEFAULT_CANDIDATES, rounds: int | None = None) -> Schedule:
    """Propose meetings maximising total fit under the hard rules and the variety rule.

    ``time_limit`` (seconds) bounds the local search; the greedy start and the
    first variety repair always run. ``candidates``: partners per person
    considered; ``rounds``: of iterated local search at most (default ``MAX_ROUNDS``).
    Raises ``ValueError`` when the fit is misshapen or fixed meetings conflict.
    """
    started = time.perf_counter()
    deadline = started + time_limit if time_limit is not None else None
    search = _Search(problem, seed, candidates)
    search.greedy()
    search.improve(deadline)
    search.repair()
    search.improve(deadline)
    search.iterate(MAX_ROUNDS if rounds is None else rounds, ILS_LOOKS, deadline)
    return build_schedule(problem, search.result(), started)
