"""Per-request anatomy of the load-test targets: queries, SQL time, render time.

    .venv/bin/python bench/load.py --keep            # leaves a prepared scratch dir
    .venv/bin/python bench/pages.py DIR [--repeat 20] [--profile PATH]

Runs the app in-process (Django test client, one request at a time, no
concurrency) against the database a ``load.py --keep`` run prepared in DIR,
with the same production settings. For each target it prints the query count
(with the most repeated statements), the time spent in SQL, and the median
wall time of ``--repeat`` requests made without query capture. ``--profile
PATH`` adds a cProfile of that one target (top functions by cumulative time).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ in bench/
sys.path.insert(0, str(Path(__file__).resolve().parent))
from load import REPO, TARGETS, bench_env  # noqa: E402


def normalise(sql: str) -> str:
    """SQL with literals replaced, so N+1 patterns group together."""
    sql = re.sub(r"'(?:[^']|'')*'", "?", sql)
    sql = re.sub(r"\b\d+\b", "?", sql)
    sql = re.sub(r"\(\s*\?(?:\s*,\s*\?)*\s*\)", "(?…)", sql)
    return sql


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("dir", help="scratch directory left by `load.py --keep`")
    p.add_argument("--repeat", type=int, default=20)
    p.add_argument("--profile", metavar="PATH", help="cProfile this target")
    p.add_argument("--queries", metavar="PATH", help="print every statement of one GET PATH")
    p.add_argument("--sort", default="cumulative", help="pstats sort key (cumulative, tottime, …)")
    p.add_argument("--lines", type=int, default=40, help="profile lines to print")
    p.add_argument("--top", type=int, default=3, help="repeated statements to show per target")
    args = p.parse_args()

    workdir = Path(args.dir).resolve()
    if not (workdir / "bench.sqlite3").exists():
        p.error(f"no bench.sqlite3 in {workdir}")
    if sys.prefix == sys.base_prefix:
        print("note: run this with the project venv (.venv/bin/python)", file=sys.stderr)
    os.environ.update(bench_env(workdir))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sihub.settings")
    os.environ["SIHUB_LOG_LEVEL"] = "WARNING"
    os.chdir(REPO)
    sys.path.insert(0, str(REPO))

    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    # Django clears connection.queries on every request_started, which defeats
    # CaptureQueriesContext around a whole request; an execute wrapper does not.
    captured: list[tuple[str, float]] = []

    def record(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        t0 = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            captured.append((sql, time.perf_counter() - t0))

    client = Client(HTTP_HOST="127.0.0.1")
    print(f"{'target':<34} {'status':>6} {'queries':>7} {'sql ms':>7} {'median ms':>9} "
          f"{'sql share':>9}")
    details: list[str] = []
    for path, _kind in TARGETS:
        client.get(path)  # warm caches, compile templates
        captured.clear()
        with connection.execute_wrapper(record):
            started = time.perf_counter()
            resp = client.get(path)
            captured_ms = (time.perf_counter() - started) * 1000
        sql_ms = sum(t for _sql, t in captured) * 1000
        times = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            client.get(path)
            times.append((time.perf_counter() - t0) * 1000)
        median = statistics.median(times)
        share = sql_ms / captured_ms if captured_ms else 0.0
        print(f"{path:<34} {resp.status_code:>6} {len(captured):>7} {sql_ms:>7.1f} {median:>9.1f} "
              f"{share:>9.0%}")
        repeated = Counter(normalise(sql) for sql, _t in captured).most_common(args.top)
        repeated = [(sql, n) for sql, n in repeated if n > 1]
        if repeated:
            details.append(f"{path}")
            for sql, n in repeated:
                details.append(f"  {n:>4}× {sql[:220]}")
    if details:
        print("\nMost repeated statements (literals replaced by ?):")
        print("\n".join(details))

    if args.queries:
        client.get(args.queries)
        captured.clear()
        with connection.execute_wrapper(record):
            client.get(args.queries)
        print(f"\nStatements of GET {args.queries}:")
        for i, (sql, t) in enumerate(captured, 1):
            short = re.sub(r"^SELECT .*? FROM ", "SELECT … FROM ", sql, count=1, flags=re.S)
            print(f"{i:>3}. {t * 1000:6.2f} ms  {short[:500]}")

    if args.profile:
        client.get(args.profile)
        prof = cProfile.Profile()
        prof.enable()
        for _ in range(10):
            client.get(args.profile)
        prof.disable()
        out = io.StringIO()
        pstats.Stats(prof, stream=out).sort_stats(args.sort).print_stats(args.lines)
        print(f"\ncProfile of 10 × GET {args.profile}:")
        print(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
