"""Survey statistics: a monitor round of 10,000 responses, every figure the staff pages draw.

    .venv/bin/python bench/surveys.py [--responses 10000] [--json PATH]

1. Synthetic responses (seeded) to the built-in social enterprise monitor
   (version 2, as in the demo, ``surveys.demo.answers_for``: correlated,
   skip logic obeyed, ~85 % Swedish), and as many to version 1 for an earlier
   round. Generation is not timed.
2. Timed, on the answers as ``selectors.counted_answers`` gives them (a list of
   dicts, read from the database, which is not timed here):
   * results: every question's counts, means and medians (``stats.results``)
     and its chart (``charts.result_chart``) — the results page;
   * cross-tabs: every choice/scale/number question by sector, region and size;
   * comparison: every question of the two rounds (``stats.compare_all``), with its
     two-series chart — the comparison page;
   * a filter (one sector) and the results again;
   * public suppression (``stats.suppress``) of every result and cross-tab;
   * the anonymised dataset (``exports.variables`` / ``exports.cell``) as CSV.
3. Peak RSS.

Goal: the results page's figures (results + charts) for 10,000 responses in
≤ 2 s on 2 cores. Exit status 0 when met, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import time
from pathlib import Path

sys.dont_write_bytecode = True
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
GOAL_SECONDS = 2.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=10_000)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    os.environ.setdefault("SIHUB_ENV", "test")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sihub.settings")
    import django

    django.setup()
    from django.utils import translation

    from sihub.actors.exports import csv_document
    from sihub.surveys import charts, demo, exports, logic, schema, stats
    from sihub.surveys.template import template_body

    translation.activate("sv")
    current = schema.parse(demo.second_version_body())
    earlier = schema.parse(template_body())
    rng = random.Random(11)

    def answers(parsed: schema.Schema, year: int) -> list[dict]:
        return [demo.answers_for(rng, parsed, year=year, lang="sv" if rng.random() < .85 else "en")
                for _ in range(args.responses)]

    started = time.perf_counter()
    now_list, before_list = answers(current, 2026), answers(earlier, 2025)
    generated = time.perf_counter() - started
    figures: dict[str, float | int] = {"responses": args.responses,
                                       "questions": len(current.questions)}

    def timed(name: str, work):  # type: ignore[no-untyped-def]
        t0 = time.perf_counter()
        out = work()
        figures[name] = round(time.perf_counter() - t0, 3)
        return out

    results = timed("results_s", lambda: stats.results(current, now_list))
    timed("results_charts_s", lambda: [charts.result_chart(r) for r in results])
    figures["results_page_s"] = round(figures["results_s"] + figures["results_charts_s"], 3)
    countable = [q for q in current.questions
                 if q.kind in (schema.SINGLE, schema.MULTIPLE, schema.SCALE, schema.NUMBER)]
    dimensions = list(current.dimensions().values())
    tables = timed("crosstabs_s", lambda: [stats.crosstab(q, by, now_list)
                                            for by in dimensions for q in countable
                                            if q.code != by.code])
    figures["crosstabs"] = len(tables)
    compared = timed("comparison_s", lambda: [
        charts.comparison_chart(c, a_name="2025", b_name="2026")
        for c in stats.compare_all(earlier, before_list, current, now_list).values()
        if not c.question.is_text])
    figures["compared_questions"] = len(compared)
    sector = current.dimension("sector")
    timed("filtered_results_s", lambda: stats.results(current, stats.filter_answers(
        current, now_list, {sector.code: [sector.options[0].code]})))
    timed("suppression_s", lambda: [stats.suppress(x, 5) for x in (*results, *tables)])

    def dataset() -> bytes:
        columns = exports.variables(current)
        records = []
        for n, given in enumerate(now_list, start=1):
            shown = logic.visible_codes(current, given)
            records.append({"respondent": n, **{v.name: exports.cell(v, given, shown)
                                                 for v in columns}})
        return csv_document(records, ["respondent", *[v.name for v in columns]])

    data = timed("dataset_csv_s", dataset)
    figures["dataset_csv_mb"] = round(len(data) / 1e6, 2)
    figures["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(f"Survey statistics — {args.responses:,} responses × {figures['questions']} questions "
          f"(generated in {generated:.1f} s, not timed)")
    for name, value in figures.items():
        print(f"  {name:22} {value}")
    ok = figures["results_page_s"] <= GOAL_SECONDS
    print(f"Goal: results page ≤ {GOAL_SECONDS} s — {'met' if ok else 'MISSED'}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
