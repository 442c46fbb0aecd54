"""Event matchmaking: 500 participants × 6 slots × 120 tables, and quality against the optimum.

    .venv/bin/python bench/matchmaking.py [--people 500] [--slots 6] [--tables 120]
        [--instances 30] [--seed 1] [--json PATH]

1. Synthetic participants (seeded): 5 sectors; what each offers, seeks and is
   interested in, written in Swedish or English (half each) from 24 topics,
   each topic with a Swedish and an English phrasing and its goals, plus a few
   words of context and the organisation's number (so no two texts are alike and
   the embedder's cache does not help); goals from their topics plus a random one; available in each slot with probability
   0.85; 1 % of the participants block someone (random pairs).
2. The fit matrix with the real multilingual embedder (``match_fit.fit_matrix``;
   loading the word vectors is timed apart), then ``matchmaking.schedule``:
   wall and CPU time, meetings, total fit, people without meetings, cross-sector
   variety met / possible, ``check()`` (must be empty), peak RSS.
   Goal: fit matrix + schedule ≤ 10 s on 2 cores.
3. Quality: --instances random small problems (6–12 people, 2–3 slots,
   ``matchmaking_exact.random_problem``) solved by the heuristic and exactly
   (scipy's HiGHS): the ratio of total fits, mean and minimum, without the
   variety rule and with it (the exact side then maximises the people with
   variety first, as the heuristic does; their counts are compared too).
   Goal: mean ratio ≥ 0.95. Then the same on two medium events with the real
   fit (40 people × 4 slots × 10 tables, 60 × 4 × 15), figures only.

Exit status 0 when the goals are met and every schedule passes ``check``, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sihub.events.match_fit import Profile, fit_matrix  # noqa: E402
from sihub.events.matchmaking import Person, Problem, Slot, check, schedule  # noqa: E402

TIME_GOAL_S = 10.0
QUALITY_GOAL = 0.95
SECTORS = ("private", "public", "academia", "civil-society", "social-economy")

# (English, Swedish, goals)
TOPICS = (
    ("mentoring and internships for unemployed young people",
     "mentorskap och praktikplatser för unga arbetslösa", (4, 8)),
    ("integration of newly arrived immigrants into the labour market",
     "nyanländas etablering på arbetsmarknaden", (8, 10)),
    ("renewable energy and solar panels for housing", "förnybar energi och solceller i bostäder",
     (7, 11, 13)),
    ("circular economy, reuse and repair of furniture",
     "cirkulär ekonomi, återbruk och reparation av möbler", (12,)),
    ("elderly care and loneliness among older people", "äldreomsorg och ensamhet bland äldre",
     (3, 10)),
    ("mental health of children and young people", "psykisk hälsa hos barn och unga", (3,)),
    ("school dropout and support with homework", "skolavhopp och läxhjälp", (4,)),
    ("food waste and local food production", "matsvinn och lokal livsmedelsproduktion", (2, 12)),
    ("gender equality and violence against women", "jämställdhet och mäns våld mot kvinnor", (5, 16)),
    ("social procurement and public purchasing", "social upphandling och offentliga inköp", (12, 17)),
    ("funding and impact investment for social enterprises",
     "finansiering och sociala investeringar för sociala företag", (8, 17)),
    ("research and evaluation of social impact", "forskning och utvärdering av social effekt", (17,)),
    ("rural development and village services", "landsbygdsutveckling och service på landsbygden",
     (11, 9)),
    ("digital inclusion and skills for seniors", "digital delaktighet och kompetens för seniorer",
     (4, 10)),
    ("affordable housing and homelessness", "bostäder till rimlig kostnad och hemlöshet", (1, 11)),
    ("people with disabilities in work", "personer med funktionsnedsättning i arbete", (8, 10)),
    ("climate adaptation in cities", "klimatanpassning i städer", (11, 13)),
    ("clean water and sanitation", "rent vatten och sanitet", (6,)),
    ("biodiversity and urban green spaces", "biologisk mångfald och gröna stadsmiljöer", (15, 11)),
    ("democracy and citizen participation", "demokrati och medborgardialog", (16,)),
    ("public health and physical activity", "folkhälsa och fysisk aktivitet", (3,)),
    ("sustainable transport and mobility", "hållbara transporter och mobilitet", (9, 11)),
    ("premises and meeting places for associations", "lokaler och mötesplatser för föreningar",
     (11, 17)),
    ("incubation and advice for social entrepreneurs",
     "inkubator och rådgivning för sociala entreprenörer", (8, 9)),
)
OFFER_EN = ("We offer {}.", "We can contribute experience of {}.", "Our organisation works with {}.")
OFFER_SV = ("Vi erbjuder {}.", "Vi kan bidra med erfarenhet av {}.", "Vår organisation arbetar med {}.")
TOPICS_OF: dict[int, tuple[set[str], set[str]]] = {}
SEEK_EN = ("We are looking for partners in {}.", "We need help with {}.", "Looking for {}.")
SEEK_SV = ("Vi söker samarbetspartner inom {}.", "Vi behöver hjälp med {}.", "Söker {}.")
# A few words of context so that no two texts are alike (as at a real event: nothing is cached).
CONTEXT_EN = ("in our region", "with the municipality", "for a pilot next year", "together with "
              "students", "in the suburbs", "with volunteers", "in the north", "at small scale")
CONTEXT_SV = ("i vår region", "med kommunen", "för en pilot nästa år", "tillsammans med studenter",
              "i förorten", "med volontärer", "i norra Sverige", "i liten skala")


def synthetic(n: int, n_slots: int, tables: int, seed: int
              ) -> tuple[list[Profile], list[Person], list[Slot], frozenset[frozenset[int]]]:
    """Profiles, people, slots and blocked pairs; ``TOPICS_OF[id]`` = (offered, sought) topics."""
    rnd = random.Random(seed)
    TOPICS_OF.clear()
    slots = [Slot(id=s + 1, tables=tables) for s in range(n_slots)]
    profiles, people = [], []
    for i in range(1, n + 1):
        swedish = rnd.random() < 0.5
        lang = 1 if swedish else 0
        picked = rnd.sample(TOPICS, 5)
        context = CONTEXT_SV if swedish else CONTEXT_EN
        org = f"({'organisation' if not swedish else 'organisationen'} {i})"
        offered, sought = picked[:rnd.randint(1, 2)], picked[2:2 + rnd.randint(1, 2)]
        TOPICS_OF[i] = ({t[0] for t in offered}, {t[0] for t in sought})
        offers = " ".join(rnd.choice(OFFER_SV if swedish else OFFER_EN).format(
            f"{t[lang]} {rnd.choice(context)}") for t in offered) + " " + org
        seeks = " ".join(rnd.choice(SEEK_SV if swedish else SEEK_EN).format(
            f"{t[lang]} {rnd.choice(context)}") for t in sought) + " " + org
        interests = ", ".join(t[lang] for t in picked[3:5]) + " " + org
        sdgs = frozenset(g for t in picked for g in t[2][:1]) | {rnd.randint(1, 17)}
        sector = rnd.choice(SECTORS)
        profiles.append(Profile(id=i, sector=sector, offers=offers, seeks=seeks,
                                interests=interests, sdgs=frozenset(sdgs)))
        people.append(Person(id=i, sector=sector, available=frozenset(
            s.id for s in slots if rnd.random() < 0.85)))
    blocked = frozenset(frozenset(rnd.sample(range(1, n + 1), 2)) for _ in range(n // 100 or 1))
    return profiles, people, slots, blocked


def cpu() -> float:
    return time.process_time()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--slots", type=int, default=6)
    parser.add_argument("--tables", type=int, default=120)
    parser.add_argument("--instances", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    report: dict[str, object] = {"people": args.people, "slots": args.slots,
                                 "tables": args.tables}

    profiles, people, slots, blocked = synthetic(args.people, args.slots, args.tables, args.seed)
    from sihub.sdg.classifier.multilingual import default_embedder

    t0 = time.perf_counter()
    embed = default_embedder()
    report["embedder_load_s"] = time.perf_counter() - t0
    t0, c0 = time.perf_counter(), cpu()
    fit = fit_matrix(profiles, embed)
    report["fit_s"], report["fit_cpu_s"] = time.perf_counter() - t0, cpu() - c0

    # Sanity of the fit: pairs where one offers a topic the other seeks, against the rest.
    matched = np.array([[bool(TOPICS_OF[a.id][0] & TOPICS_OF[b.id][1]
                              or TOPICS_OF[b.id][0] & TOPICS_OF[a.id][1]) for b in profiles]
                        for a in profiles])
    upper = np.triu(np.ones_like(matched), k=1)
    report["mean_fit_topic_matched"] = float(fit[matched & upper].mean())
    report["mean_fit_other"] = float(fit[~matched & upper].mean())

    problem = Problem(people=people, slots=slots, fit=fit, blocked=blocked)
    t0, c0 = time.perf_counter(), cpu()
    result = schedule(problem, seed=args.seed)
    report["schedule_s"], report["schedule_cpu_s"] = time.perf_counter() - t0, cpu() - c0
    violations = check(problem, result.meetings)
    partners = {p.id: 0 for p in people}
    for m in result.meetings:
        partners[m.a] += 1
        partners[m.b] += 1
    report.update(
        meetings=len(result.meetings), total_fit=result.total_fit,
        mean_fit=result.total_fit / max(1, len(result.meetings)),
        without_meetings=len(result.without_meetings),
        meetings_per_person={str(k): sum(1 for v in partners.values() if v == k)
                             for k in range(args.slots + 1)},
        variety_met=result.sector_variety_met, variety_possible=result.sector_variety_possible,
        violations=violations, peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    )
    # Greedy alone (no variety rule) for scale: what the rule costs in fit.
    free = Problem(people=people, slots=slots, fit=fit, blocked=blocked, min_other_sectors=0)
    t0 = time.perf_counter()
    report["total_fit_without_variety"] = schedule(free, seed=args.seed).total_fit
    report["schedule_without_variety_s"] = time.perf_counter() - t0

    from sihub.events.matchmaking_exact import random_problem, solve_exact

    quality: dict[str, dict[str, float]] = {}
    all_valid = not violations
    for label, k in (("without variety", 0), ("with variety", 2)):
        ratios, met_h, met_e, heuristic_s, exact_s = [], 0, 0, 0.0, 0.0
        for i in range(args.instances):
            small = random_problem(1000 + i, min_other_sectors=k)
            t0 = time.perf_counter()
            h = schedule(small, seed=i)
            heuristic_s += time.perf_counter() - t0
            t0 = time.perf_counter()
            e = solve_exact(small, variety=k > 0)
            exact_s += time.perf_counter() - t0
            all_valid &= not check(small, h.meetings)
            ratios.append(h.total_fit / e.total_fit if e.total_fit > 0 else 1.0)
            met_h += h.sector_variety_met
            met_e += e.sector_variety_met
        quality[label] = {"mean": statistics.fmean(ratios), "min": min(ratios),
                          "variety_met_heuristic": met_h, "variety_met_exact": met_e,
                          "heuristic_ms": 1000 * heuristic_s / args.instances,
                          "exact_ms": 1000 * exact_s / args.instances}
    report["quality"] = quality

    # Medium events with the real fit (synthetic profiles as above), where HiGHS still finishes.
    medium = []
    for n, n_slots, tables in ((40, 4, 10), (60, 4, 15)):
        m_profiles, m_people, m_slots, m_blocked = synthetic(n, n_slots, tables, args.seed + 1)
        m_fit = fit_matrix(m_profiles, embed)
        for k in (0, 2):
            small = Problem(people=m_people, slots=m_slots, fit=m_fit, blocked=m_blocked,
                            min_other_sectors=k)
            t0 = time.perf_counter()
            h = schedule(small, seed=args.seed)
            heuristic_s = time.perf_counter() - t0
            t0 = time.perf_counter()
            e = solve_exact(small, variety=k > 0, time_limit=120)
            all_valid &= not check(small, h.meetings)
            medium.append({"people": n, "slots": n_slots, "tables": tables, "variety": k > 0,
                           "ratio": h.total_fit / e.total_fit,
                           "variety_met": h.sector_variety_met,
                           "variety_met_exact": e.sector_variety_met,
                           "variety_possible": h.sector_variety_possible,
                           "heuristic_s": heuristic_s, "exact_s": time.perf_counter() - t0})
    report["medium"] = medium

    total = float(report["fit_s"]) + float(report["schedule_s"])  # type: ignore[arg-type]
    print(f"{args.people} people × {args.slots} slots × {args.tables} tables, "
          f"{len(blocked)} blocked pairs")
    print(f"  embedder load            {report['embedder_load_s']:6.2f} s")
    print(f"  fit matrix               {report['fit_s']:6.2f} s wall  "
          f"{report['fit_cpu_s']:6.2f} s CPU")
    print(f"  mean fit of pairs where one offers what the other seeks "
          f"{report['mean_fit_topic_matched']:.3f}, of the others {report['mean_fit_other']:.3f}")
    print(f"  schedule                 {report['schedule_s']:6.2f} s wall  "
          f"{report['schedule_cpu_s']:6.2f} s CPU")
    print(f"  goal: fit + schedule ≤ {TIME_GOAL_S:.0f} s: "
          f"{'PASS' if total <= TIME_GOAL_S else 'FAIL'} ({total:.2f} s)")
    print(f"  meetings {report['meetings']}, total fit {result.total_fit:.1f} "
          f"(mean {report['mean_fit']:.3f}; {report['total_fit_without_variety']:.1f} "
          f"without the variety rule, scheduled in {report['schedule_without_variety_s']:.2f} s)")
    print(f"  meetings per person: {report['meetings_per_person']}")
    print(f"  cross-sector variety met / possible: {result.sector_variety_met} / "
          f"{result.sector_variety_possible}")
    print(f"  check(): {len(violations)} violations; peak RSS {report['peak_rss_mb']:.0f} MB")
    print(f"Quality against the exact optimum, {args.instances} random instances "
          f"(6–12 people, 2–3 slots):")
    for label, q in quality.items():
        print(f"  {label:16} mean {q['mean']:.4f}  min {q['min']:.4f}  "
              f"variety met {q['variety_met_heuristic']} (exact {q['variety_met_exact']})  "
              f"heuristic {q['heuristic_ms']:.0f} ms, exact {q['exact_ms']:.0f} ms per instance")
    print("Medium events, real fit:")
    for m in medium:
        print(f"  {m['people']} people × {m['slots']} slots × {m['tables']} tables, "
              f"{'with' if m['variety'] else 'without'} variety: ratio {m['ratio']:.4f}, "
              f"variety met {m['variety_met']} (exact {m['variety_met_exact']}) of "
              f"{m['variety_possible']}; heuristic {m['heuristic_s']:.2f} s, "
              f"exact {m['exact_s']:.2f} s")
    ok = (total <= TIME_GOAL_S and all_valid
          and all(q["mean"] >= QUALITY_GOAL for q in quality.values()))
    print(f"goal: mean ratio ≥ {QUALITY_GOAL}: {'PASS' if ok else 'FAIL'}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
