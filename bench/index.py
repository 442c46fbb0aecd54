"""Rendering time of the faceted index pages with 10,000 good examples: prints figures.

    .venv/bin/python bench/index.py [--scale 2] [--runs 50] [--warmup 5] [--json PATH]
                                    [--keep | --reuse DIR]

1. Prepares a scratch SQLite database in a temp dir with the same production
   settings as load.py, except that the anonymous page cache is off
   (SIHUB_PAGE_CACHE_SECONDS=0), so every request renders: migrate,
   collectstatic, then ``seed_demo --scale N --force`` (N × 5,000 synthetic good examples; timed).
2. Runs the app in this process (Django test client, one request at a time,
   one database connection kept open) and, for each target, makes --warmup
   unmeasured requests, then --runs timed ones. One extra request is made with
   every SQL statement recorded, for the query count and SQL time.
3. Prints per target: status, how many items match, queries, SQL ms, median /
   p95 / min / max wall ms of the timed requests, and the median CPU ms of this
   process per request (steadier than wall time when other processes compete
   for the CPU); --json PATH writes them.

Exit status: 0; 1 when a target did not answer 200; 2 when setup failed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ in bench/
sys.path.insert(0, str(Path(__file__).resolve().parent))
from load import (  # noqa: E402
    REPO,
    BenchError,
    bench_env,
    load_average,
    machine_facts,
    percentile,
    print_facts,
    run_step,
)

# (path, what it exercises)
TARGETS: list[tuple[str, str]] = [
    ("/sv/goda-exempel/", "index, no filter (newest first)"),
    ("/sv/goda-exempel/?sdg=8&region=24&stage=pilot", "index, three facets"),
    ("/sv/goda-exempel/?page=50", "index, page 50"),
    ("/sv/kunskap/metoder-och-verktyg/", "methods index"),
]
# The htmx partial (results only) of the filtered index, to separate the
# listing from the page around it.
HTMX_TARGET = "/sv/goda-exempel/?sdg=8&region=24&stage=pilot"


def prepare(workdir: Path, env: dict[str, str], scale: int) -> float:
    """Migrate and seed; returns the seconds seed_demo took."""
    (workdir / "media").mkdir(parents=True, exist_ok=True)
    (workdir / "static").mkdir(parents=True, exist_ok=True)
    log = workdir / "prepare.log"
    manage = [sys.executable, "manage.py"]
    print(f"Preparing {workdir} (log: {log})")
    run_step("migrate", [*manage, "migrate", "--noinput"], env, log)
    # Production settings use the manifest static storage: templates need the manifest.
    run_step("collectstatic", [*manage, "collectstatic", "--noinput"], env, log)
    started = time.perf_counter()
    run_step(f"seed_demo --scale {scale} --force",
             [*manage, "seed_demo", "--scale", str(scale), "--force"], env, log)
    seconds = time.perf_counter() - started
    for line in log.read_text(errors="replace").splitlines():
        if " added" in line:  # the apps' own summaries, e.g. "… added in 20.3 s"
            print(f"    {line.strip()}")
    return seconds


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--scale", type=int, default=2, help="seed_demo --scale (× 5,000 examples)")
    p.add_argument("--runs", type=int, default=50, help="timed requests per target")
    p.add_argument("--warmup", type=int, default=5, help="unmeasured requests per target")
    p.add_argument("--json", metavar="PATH", help="also write the results as JSON")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--keep", action="store_true", help="keep the scratch directory")
    group.add_argument("--reuse", metavar="DIR", help="measure a directory a --keep run left")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if sys.prefix == sys.base_prefix:
        print("note: run this with the project venv (.venv/bin/python)", file=sys.stderr)
    facts = machine_facts(sys.executable)
    print_facts(facts)

    if args.reuse:
        workdir, keep = Path(args.reuse).resolve(), True
        if not (workdir / "bench.sqlite3").exists():
            print(f"--reuse: no bench.sqlite3 in {workdir}", file=sys.stderr)
            return 2
    else:
        workdir, keep = Path(tempfile.mkdtemp(prefix="sihub-index-")), args.keep
    env = bench_env(workdir, page_cache=False)
    seed_seconds = None
    try:
        if not args.reuse:
            seed_seconds = prepare(workdir, env, args.scale)
        os.environ.update(env)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sihub.settings")
        os.environ["SIHUB_LOG_LEVEL"] = "WARNING"
        os.chdir(REPO)
        sys.path.insert(0, str(REPO))
        results, counts = measure_all(args.runs, args.warmup)
    except BenchError as exc:
        print(f"\nbench error: {exc}", file=sys.stderr)
        return 2
    finally:
        if keep:
            print(f"Scratch directory kept: {workdir}  (reuse with --reuse {workdir})")
        else:
            shutil.rmtree(workdir, ignore_errors=True)

    print(f"\nPages: {counts}")
    if seed_seconds is not None:
        print(f"seed_demo --scale {args.scale}: {seed_seconds:.1f} s")
    print(f"\nIn-process rendering, {args.runs} timed requests per target after "
          f"{args.warmup} warm-up, page cache off\n")
    print_table(results)
    if args.json:
        payload = {
            "generated_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "machine": facts,
            "config": {"scale": args.scale, "runs": args.runs, "warmup": args.warmup,
                       "reused_db": bool(args.reuse), "page_cache_seconds": 0},
            "seed_seconds": None if seed_seconds is None else round(seed_seconds, 1),
            "pages": counts,
            "load_average_at_end": load_average(),
            "results": results,
        }
        Path(args.json).write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
        print(f"\nJSON written to {args.json}")
    return 0 if all(r["status"] == 200 for r in results) else 1


def measure_all(runs: int, warmup: int) -> tuple[list[dict[str, object]], dict[str, int]]:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client, RequestFactory
    from wagtail.models import Page

    from sihub.cases.models import CaseIndexPage, CasePage
    from sihub.core.listing import FacetedIndexMixin
    from sihub.core.models import HomePage

    live_sv = CasePage.objects.live().filter(locale__language_code="sv")
    counts = {"pages": Page.objects.count(), "good_examples_sv": live_sv.count()}
    if not CaseIndexPage.objects.filter(slug="goda-exempel").exists():
        raise BenchError("no /sv/goda-exempel/ index: did seed_demo run?")
    homes = {h.locale.language_code: h for h in HomePage.objects.select_related("locale")}

    def listing_page(path: str) -> FacetedIndexMixin | None:
        """The faceted index page a /<lang>/… path shows, found by its url_path."""
        lang, _, rest = path.split("?")[0].strip("/").partition("/")
        home = homes.get(lang)
        page = Page.objects.filter(url_path=f"{home.url_path}{rest}/").first() if home else None
        page = page.specific if page else None
        return page if isinstance(page, FacetedIndexMixin) else None

    captured: list[float] = []

    def record(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        t0 = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            captured.append(time.perf_counter() - t0)

    # A failing target is reported by its status, not by a traceback.
    client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
    factory = RequestFactory(HTTP_HOST="127.0.0.1")
    targets = [(path, label, {}) for path, label in TARGETS]
    targets.append((HTMX_TARGET, "htmx partial, three facets", {"HTTP_HX_REQUEST": "true"}))
    results = []
    for path, label, headers in targets:
        page = listing_page(path)  # how many items the listing finds
        matches = (page.listing_context(factory.get(path))["results"].paginator.count
                   if page else None)
        for _ in range(warmup):
            client.get(path, **headers)
        captured.clear()
        with connection.execute_wrapper(record):
            resp = client.get(path, **headers)
        queries, sql_ms = len(captured), sum(captured) * 1000
        times, cpu = [], []
        for _ in range(runs):
            t0, c0 = time.perf_counter(), time.process_time()
            client.get(path, **headers)
            times.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
        times.sort()
        results.append({
            "target": path, "label": label, "status": resp.status_code,
            "bytes": len(resp.content), "matches": matches, "queries": queries,
            "sql_ms": round(sql_ms, 2), "median_ms": round(statistics.median(times), 2),
            "p95_ms": round(percentile(times, 95), 2), "min_ms": round(times[0], 2),
            "max_ms": round(times[-1], 2), "cpu_median_ms": round(statistics.median(cpu), 2),
        })
        print(f"  {label:<30} median {statistics.median(times):7.1f} ms", flush=True)
    return results, counts


def print_table(results: list[dict[str, object]]) -> None:
    header = (f"{'target':<48} {'what':<30} {'status':>6} {'matches':>7} {'KiB':>5} "
              f"{'queries':>7} {'sql ms':>7} {'median ms':>9} {'p95 ms':>7} {'min':>6} {'max':>6} "
              f"{'CPU ms':>6}")
    print(header)
    print("-" * len(header))
    for r in results:
        matches = "-" if r["matches"] is None else r["matches"]
        print(f"{r['target']:<48} {r['label']:<30} {r['status']:>6} {matches:>7} "
              f"{r['bytes'] / 1024:>5.1f} {r['queries']:>7} {r['sql_ms']:>7.1f} "
              f"{r['median_ms']:>9.1f} {r['p95_ms']:>7.1f} {r['min_ms']:>6.1f} {r['max_ms']:>6.1f} "
              f"{r['cpu_median_ms']:>6.1f}")


if __name__ == "__main__":
    sys.exit(main())
