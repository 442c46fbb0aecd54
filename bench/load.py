"""Bounded HTTP load test for sihub: prints figures, is not a unit test.

    .venv/bin/python bench/load.py [--scale 2] [--clients 16] [--seconds 10]
                                   [--json PATH] [--strict] [--keep | --reuse DIR]

1. Prepares a scratch SQLite database in a temp dir (production settings,
   migrate, collectstatic, seed_demo --scale N --force, update_index).
2. Starts gunicorn (2 workers x 4 threads) on a free 127.0.0.1 port and waits
   for /healthz.
3. For each target, one at a time: a short unmeasured warm-up, then --clients
   threads, each with its own persistent http.client.HTTPConnection, issue GETs
   back to back for --seconds. Redirects are not followed; any status other
   than 200 (or a connection error) is an error.
4. Prints a table (and optionally JSON) and judges every target against the
   goal: >= 0.3 x the /healthz request rate, p95 < 100 ms, zero errors.

Only the standard library is used; the app runs with the project's venv.
Exit status: 0, or 1 with --strict when a goal fails, or 2 when the bench
itself could not run (setup failure, server did not start).
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import math
import os
import platform
import secrets
import shutil
import signal
import socket
import string
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# (path, kind). "baseline" is the reference rate; every other kind is judged.
TARGETS: list[tuple[str, str]] = [
    ("/healthz", "baseline"),
    ("/sv/", "home"),
    ("/en/", "home"),
    ("/sv/kunskap/", "list"),
    ("/sv/kunskap/syntetisk-1/", "detail"),
    ("/sv/agenda2030/", "list"),
    ("/en/agenda2030/8/", "detail"),
    ("/sv/search/?q=kommunerna", "search"),
    ("/sv/regions/", "list"),
    ("/api/v1/sdg/targets?page_size=50", "api-list"),
    ("/api/v1/sdg/goals/8", "api-detail"),
]

GOAL_MIN_RATIO = 0.3  # of the /healthz request rate
GOAL_MAX_P95_MS = 100.0

# Inherited variables that would change what is measured; the bench sets its own.
_SCRUB_PREFIXES = ("SIHUB_", "SECURE_", "EMAIL_")
_SCRUB_NAMES = {"DEBUG", "SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS",
                "CSRF_TRUSTED_ORIGINS", "DJANGO_SETTINGS_MODULE", "DEFAULT_FROM_EMAIL"}


class BenchError(Exception):
    """The bench could not run (as opposed to: the app missed a goal)."""


# --------------------------------------------------------------------------- setup


def bench_env(workdir: Path, page_cache: bool = True) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in _SCRUB_NAMES and not k.startswith(_SCRUB_PREFIXES)}
    alphabet = string.ascii_letters + string.digits
    env.update({
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "SIHUB_ENV": "production",
        "SECRET_KEY": "".join(secrets.choice(alphabet) for _ in range(64)),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SIHUB_STATIC_ROOT": str(workdir / "static"),
        "SIHUB_MEDIA_ROOT": str(workdir / "media"),
        "SIHUB_TASKS_BACKEND": "immediate",
        "PYTHONUNBUFFERED": "1",
        # The anonymous page cache is on in production; --no-page-cache measures
        # the rendering path itself.
        "SIHUB_PAGE_CACHE_SECONDS": "120" if page_cache else "0",
    })
    return env


def run_step(label: str, argv: list[str], env: dict[str, str], log_path: Path) -> None:
    started = time.perf_counter()
    print(f"  {label:<40}", end="", flush=True)
    with open(log_path, "ab") as log:
        log.write(f"\n$ {' '.join(argv)}\n".encode())
        log.flush()
        proc = subprocess.run(argv, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        print(f"FAILED ({proc.returncode}) after {elapsed:.1f} s")
        raise BenchError(f"{label} failed; see {log_path}:\n{tail(log_path)}")
    print(f"{elapsed:6.1f} s")


def prepare(workdir: Path, env: dict[str, str], python: str, scale: int) -> None:
    (workdir / "static").mkdir(parents=True, exist_ok=True)
    (workdir / "media").mkdir(parents=True, exist_ok=True)
    log = workdir / "prepare.log"
    manage = [python, "manage.py"]
    print(f"Preparing {workdir} (log: {log})")
    run_step("migrate", [*manage, "migrate", "--noinput"], env, log)
    run_step("collectstatic", [*manage, "collectstatic", "--noinput"], env, log)
    run_step(f"seed_demo --scale {scale} --force",
             [*manage, "seed_demo", "--scale", str(scale), "--force"], env, log)
    run_step("update_index", [*manage, "update_index"], env, log)


def tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --------------------------------------------------------------------------- server


class Server:
    """gunicorn in its own process group, so shutdown reaches every worker."""

    def __init__(self, gunicorn: str, env: dict[str, str], workdir: Path,
                 workers: int, threads: int, app: str = "sihub.wsgi:application",
                 extra: list[str] | None = None) -> None:
        self.port = free_port()
        self.log_path = workdir / "gunicorn.log"
        self.argv = [gunicorn, app,
                     "--bind", f"127.0.0.1:{self.port}",
                     "--workers", str(workers), "--threads", str(threads),
                     # No control socket: gunicorn 27 would otherwise create one
                     # under ~/.gunicorn, shared with any other gunicorn of this user.
                     "--no-control-socket", "--graceful-timeout", "10", *(extra or [])]
        self.env = env
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 60.0) -> None:
        log = open(self.log_path, "ab")
        try:
            self.proc = subprocess.Popen(self.argv, cwd=REPO, env=self.env, stdout=log,
                                         stderr=subprocess.STDOUT, start_new_session=True)
        finally:
            log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise BenchError(f"gunicorn exited with {self.proc.returncode}:\n"
                                 f"{tail(self.log_path)}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                conn.request("GET", "/healthz")
                status = conn.getresponse().status
                conn.close()
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise BenchError(f"/healthz did not answer 200 within {timeout:.0f} s:\n"
                         f"{tail(self.log_path)}")

    @property
    def pgid(self) -> int | None:
        return self.proc.pid if self.proc is not None else None

    def stop(self, grace: float = 15.0) -> str:
        """SIGTERM the whole process group, SIGKILL what is left after ``grace``."""
        if self.proc is None:
            return "not started"
        pgid = self.proc.pid  # start_new_session: the master leads its own group
        outcome = "stopped cleanly"
        try:
            os.killpg(pgid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            self.proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            outcome = f"SIGKILLed after {grace:.0f} s"
        # The master waits for its workers, but make sure none outlived it.
        deadline = time.monotonic() + grace
        while True:
            try:
                os.killpg(pgid, 0)
            except ProcessLookupError:
                break
            if time.monotonic() > deadline:
                outcome = f"SIGKILLed after {grace:.0f} s"
                try:
                    os.killpg(pgid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                break
            time.sleep(0.1)
        if self.proc.poll() is None:
            self.proc.wait(timeout=5)
        self.proc = None
        return outcome


# --------------------------------------------------------------------------- CPU accounting
# Linux /proc only; elsewhere the CPU figures are left empty. They tell how much
# CPU the server spent per request, and whether other processes on the machine
# competed with the bench (a shared machine makes every figure noisier).

_CLK_TCK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _machine_busy_s() -> float | None:
    """CPU seconds all CPUs spent busy since boot (not idle, not waiting on I/O)."""
    try:
        with open("/proc/stat") as f:
            fields = [int(x) for x in f.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    total = sum(fields[:8])  # guest time is already counted in user/nice
    return (total - idle) / _CLK_TCK


def _group_cpu_s(pgid: int) -> float | None:
    """CPU seconds used so far by the live processes of one process group."""
    total = 0
    try:
        entries = os.listdir("/proc")
    except OSError:
        return None
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()  # after "pid (comm) "
        if int(fields[2]) == pgid:  # pgrp
            total += int(fields[11]) + int(fields[12])  # utime + stime
    return total / _CLK_TCK


@dataclass
class CpuSnapshot:
    machine: float | None
    server: float | None
    bench: float

    @classmethod
    def take(cls, server_pgid: int | None) -> CpuSnapshot:
        t = os.times()
        return cls(_machine_busy_s(),
                   _group_cpu_s(server_pgid) if server_pgid else None,
                   t.user + t.system)


# --------------------------------------------------------------------------- load


@dataclass
class Result:
    target: str
    kind: str
    requests: int = 0
    errors: int = 0
    error_kinds: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    rps: float = 0.0
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    p99_ms: float = 0.0
    max_ms: float = 0.0
    mean_bytes: float = 0.0
    ratio: float | None = None
    client_cpu_s: float = 0.0        # the load generator (this process)
    server_cpu_ms_per_req: float | None = None  # gunicorn master + workers
    server_cpu_share: float | None = None  # of all CPUs, over the measured window
    other_cpu_share: float | None = None   # of all CPUs: everything not bench or server
    verdict: str = ""
    reasons: list[str] = field(default_factory=list)


def percentile(sorted_values: list[float], pct: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    if not sorted_values:
        return math.nan
    rank = max(1, math.ceil(pct / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


def _client(port: int, path: str, start: threading.Barrier, stop_at: list[float],
            out: list[tuple[float, int, str | None]]) -> None:
    """Issue GETs on one persistent connection until the deadline.

    ``out`` gets (latency seconds, body bytes, error or None) per request; only
    requests that *started* before the deadline are recorded.
    """
    conn: http.client.HTTPConnection | None = None
    start.wait()
    deadline = stop_at[0]
    perf = time.perf_counter
    while True:
        t0 = perf()
        if t0 >= deadline:
            break
        error: str | None = None
        size = 0
        try:
            if conn is None:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request("GET", path)
            resp = conn.getresponse()
            body = resp.read()
            size = len(body)
            if resp.status != 200:
                error = f"HTTP {resp.status}"
            if resp.will_close:
                conn.close()
                conn = None
        except (OSError, http.client.HTTPException) as exc:
            error = type(exc).__name__
            if conn is not None:
                conn.close()
            conn = None
        out.append((perf() - t0, size, error))
    if conn is not None:
        conn.close()


def drive(port: int, path: str, clients: int, seconds: float,
          server_pgid: int | None = None) -> tuple[list, float, CpuSnapshot, CpuSnapshot]:
    """Run ``clients`` threads against ``path`` for ``seconds``.

    Returns (samples, wall seconds from start until the last client finished,
    CPU snapshots at start and end).
    """
    start = threading.Barrier(clients + 1)
    stop_at = [0.0]
    per_thread: list[list] = [[] for _ in range(clients)]
    threads = [threading.Thread(target=_client, args=(port, path, start, stop_at, per_thread[i]),
                                daemon=True, name=f"client-{i}")
               for i in range(clients)]
    for t in threads:
        t.start()
    cpu0 = CpuSnapshot.take(server_pgid)
    t0 = time.perf_counter()
    stop_at[0] = t0 + seconds
    start.wait()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    cpu1 = CpuSnapshot.take(server_pgid)
    return [s for samples in per_thread for s in samples], wall, cpu0, cpu1


def measure(port: int, path: str, kind: str, clients: int, seconds: float,
            warmup: float, server_pgid: int | None = None) -> Result:
    if warmup > 0:
        drive(port, path, clients, warmup)
    samples, wall, cpu0, cpu1 = drive(port, path, clients, seconds, server_pgid)
    latencies = sorted(s[0] for s in samples)
    errors = Counter(s[2] for s in samples if s[2] is not None)
    n = len(samples)
    ms = 1000.0
    bench_cpu = cpu1.bench - cpu0.bench
    server_cpu = (cpu1.server - cpu0.server
                  if cpu0.server is not None and cpu1.server is not None else None)
    capacity = wall * (os.cpu_count() or 1)
    other = None
    if cpu0.machine is not None and cpu1.machine is not None and server_cpu is not None:
        other = max(0.0, (cpu1.machine - cpu0.machine) - server_cpu - bench_cpu) / capacity
    return Result(
        target=path, kind=kind, requests=n, errors=sum(errors.values()),
        error_kinds=dict(errors), seconds=round(wall, 3),
        rps=n / wall if wall > 0 else 0.0,
        p50_ms=percentile(latencies, 50) * ms, p95_ms=percentile(latencies, 95) * ms,
        p99_ms=percentile(latencies, 99) * ms,
        max_ms=(latencies[-1] * ms if latencies else math.nan),
        mean_bytes=(sum(s[1] for s in samples) / n if n else 0.0),
        client_cpu_s=round(bench_cpu, 2),
        server_cpu_ms_per_req=(server_cpu / n * ms if server_cpu is not None and n else None),
        server_cpu_share=(server_cpu / capacity if server_cpu is not None else None),
        other_cpu_share=other,
    )


def judge(results: list[Result]) -> None:
    base = next((r for r in results if r.kind == "baseline"), None)
    base_rps = base.rps if base and base.rps > 0 else None
    for r in results:
        r.reasons = []
        if base_rps is not None:
            r.ratio = r.rps / base_rps
        if r.requests == 0:
            r.reasons.append("no requests completed")
        if r.errors:
            r.reasons.append(f"{r.errors} errors " + ", ".join(
                f"{k}×{v}" for k, v in sorted(r.error_kinds.items())))
        if r.kind != "baseline":
            if r.ratio is None:
                r.reasons.append("no /healthz baseline")
            elif r.ratio < GOAL_MIN_RATIO:
                r.reasons.append(f"rate {r.ratio:.2f}× /healthz < {GOAL_MIN_RATIO}×")
            if not r.p95_ms < GOAL_MAX_P95_MS:
                r.reasons.append(f"p95 {r.p95_ms:.0f} ms ≥ {GOAL_MAX_P95_MS:.0f} ms")
        r.verdict = "FAIL" if r.reasons else "PASS"


# --------------------------------------------------------------------------- report


def load_average() -> list[float] | None:
    return [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None


def machine_facts(python: str) -> dict[str, object]:
    facts: dict[str, object] = {
        "cpu_count": os.cpu_count(),
        "cpus_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "load_average": load_average(),
    }
    try:
        with open("/proc/cpuinfo") as f:
            models = [line.split(":", 1)[1].strip() for line in f if line.startswith("model name")]
        if models:
            facts["cpu_model"] = models[0]
    except OSError:
        pass
    try:
        probe = subprocess.run(
            [python, "-c", "import sys, django, gunicorn, wagtail; print(sys.version.split()[0], "
             "django.get_version(), gunicorn.__version__, wagtail.__version__)"],
            capture_output=True, text=True, timeout=60, cwd=REPO)
        app_py, dj, gu, wt = probe.stdout.split()
        facts.update({"app_python": app_py, "django": dj, "gunicorn": gu, "wagtail": wt})
    except (OSError, ValueError, subprocess.SubprocessError):
        pass
    return facts


def print_facts(facts: dict[str, object]) -> None:
    print("Machine")
    print(f"  CPUs            {facts['cpu_count']} (usable: {facts.get('cpus_usable')})"
          + (f"  {facts['cpu_model']}" if facts.get("cpu_model") else ""))
    print(f"  Python          {facts['python']} ({facts['implementation']}) for the load "
          f"generator; {facts.get('app_python', '?')} for the app")
    print(f"  Platform        {facts['platform']}")
    print(f"  Load average    {facts.get('load_average')}")
    if facts.get("django"):
        print(f"  Versions        Django {facts['django']}, Wagtail {facts['wagtail']}, "
              f"gunicorn {facts['gunicorn']}")
    print()


def fmt_ms(v: float) -> str:
    return "-" if math.isnan(v) else f"{v:.1f}"


def print_table(results: list[Result]) -> None:
    headers = ["target", "kind", "requests", "errors", "req/s", "p50 ms", "p95 ms", "p99 ms",
               "×healthz", "goal", "KiB/resp", "srv CPU ms/req", "other load"]
    rows = [[r.target, r.kind, str(r.requests), str(r.errors), f"{r.rps:.1f}",
             fmt_ms(r.p50_ms), fmt_ms(r.p95_ms), fmt_ms(r.p99_ms),
             "-" if r.ratio is None else f"{r.ratio:.2f}", r.verdict,
             f"{r.mean_bytes / 1024:.1f}",
             "-" if r.server_cpu_ms_per_req is None else f"{r.server_cpu_ms_per_req:.1f}",
             "-" if r.other_cpu_share is None else f"{r.other_cpu_share:.0%}"]
            for r in results]
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(headers)]
    left = {0, 1}

    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) if i in left else c.rjust(w)
                         for i, (c, w) in enumerate(zip(cells, widths)))

    print(line(headers))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print(line(row))
    others = [r.other_cpu_share for r in results if r.other_cpu_share is not None]
    if others and max(others) > 0.10:
        print()
        print(f"Note: other processes used up to {max(others):.0%} of the machine's CPU during "
              "a measurement (\"other load\"); rates and latencies are lower/higher than on "
              "an idle machine.")
    failures = [r for r in results if r.reasons]
    if failures:
        print()
        print("Goal misses:")
        for r in failures:
            print(f"  {r.target}: " + "; ".join(r.reasons))


# --------------------------------------------------------------------------- main


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--scale", type=int, default=2,
                   help="seed_demo --scale N (N×100 pages; default 2)")
    p.add_argument("--clients", type=int, default=16, help="concurrent clients (default 16)")
    p.add_argument("--seconds", type=float, default=10.0,
                   help="measured seconds per target (default 10)")
    p.add_argument("--warmup", type=float, default=1.0,
                   help="unmeasured warm-up seconds per target (default 1; 0 to skip)")
    p.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    p.add_argument("--threads", type=int, default=4, help="gunicorn threads per worker (default 4)")
    p.add_argument("--json", metavar="PATH", help="also write the results as JSON to PATH")
    p.add_argument("--strict", action="store_true", help="exit 1 when any goal fails")
    p.add_argument("--no-page-cache", action="store_true",
                   help="serve every request uncached (SIHUB_PAGE_CACHE_SECONDS=0)")
    p.add_argument("--only", action="append", metavar="PATH",
                   help="measure only this target (repeatable; /healthz is always measured)")
    keep = p.add_mutually_exclusive_group()
    keep.add_argument("--keep", action="store_true",
                      help="keep the scratch directory (database, logs) and print its path")
    keep.add_argument("--reuse", metavar="DIR",
                      help="skip preparation and serve the database a --keep run left in DIR")
    p.add_argument("--python", default=str(REPO / ".venv" / "bin" / "python"),
                   help="interpreter for manage.py (default: the project venv)")
    p.add_argument("--gunicorn", default=str(REPO / ".venv" / "bin" / "gunicorn"))
    p.add_argument("--app", default="sihub.wsgi:application",
                   help="WSGI app for gunicorn, for A/B experiments "
                        "(default sihub.wsgi:application)")
    p.add_argument("--gunicorn-arg", action="append", default=[], metavar="ARG",
                   help="extra gunicorn argument, repeatable "
                        "(e.g. --gunicorn-arg=--pythonpath=DIR)")
    args = p.parse_args(argv)
    if args.clients < 1 or args.seconds <= 0 or args.scale < 0 or args.warmup < 0:
        p.error("--clients ≥ 1, --seconds > 0, --scale ≥ 0 and --warmup ≥ 0 are required")
    return args


def _raise_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _raise_interrupt)  # so `finally` runs on kill too

    targets = TARGETS
    if args.only:
        unknown = [t for t in args.only if t not in dict(TARGETS)]
        if unknown:
            print(f"unknown target(s): {', '.join(unknown)}", file=sys.stderr)
            return 2
        targets = [t for t in TARGETS if t[1] == "baseline" or t[0] in args.only]

    facts = machine_facts(args.python)
    print_facts(facts)

    if args.reuse:
        workdir = Path(args.reuse).resolve()
        if not (workdir / "bench.sqlite3").exists():
            print(f"--reuse: no bench.sqlite3 in {workdir}", file=sys.stderr)
            return 2
        keep = True
    else:
        workdir = Path(tempfile.mkdtemp(prefix="sihub-bench-"))
        keep = args.keep
    env = bench_env(workdir, page_cache=not args.no_page_cache)
    server: Server | None = None
    results: list[Result] = []
    status = 0
    try:
        if not args.reuse:
            prepare(workdir, env, args.python, args.scale)
        server = Server(args.gunicorn, env, workdir, args.workers, args.threads,
                        app=args.app, extra=args.gunicorn_arg)
        print(f"\nStarting gunicorn on 127.0.0.1:{server.port} "
              f"({args.workers} workers × {args.threads} threads; log: {server.log_path})")
        server.start()
        print(f"Load: {args.clients} clients, {args.seconds:g} s per target "
              f"(+ {args.warmup:g} s warm-up), keep-alive connections, no redirects\n")
        for path, kind in targets:
            print(f"  {path:<36}", end="", flush=True)
            r = measure(server.port, path, kind, args.clients, args.seconds, args.warmup,
                        server.pgid)
            results.append(r)
            print(f"{r.requests:7d} requests  {r.rps:7.1f} req/s  p95 {fmt_ms(r.p95_ms):>7} ms"
                  + (f"  other load {r.other_cpu_share:4.0%}"
                     if r.other_cpu_share is not None else "")
                  + (f"  {r.errors} errors" if r.errors else ""))
        judge(results)
        print()
        print(f"Results (scale {args.scale}, {args.clients} clients, {args.seconds:g} s per "
              f"target; goal: ≥ {GOAL_MIN_RATIO}× /healthz req/s, "
              f"p95 < {GOAL_MAX_P95_MS:.0f} ms, 0 errors)")
        print()
        print_table(results)
        failed = any(r.verdict == "FAIL" for r in results)
        if failed and args.strict:
            status = 1
    except BenchError as exc:
        print(f"\nbench error: {exc}", file=sys.stderr)
        status = 2
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        status = 130
    finally:
        if server is not None:
            print(f"\ngunicorn: {server.stop()}")
        if keep:
            print(f"Scratch directory kept: {workdir}  (reuse with --reuse {workdir})")
        else:
            shutil.rmtree(workdir, ignore_errors=True)

    if args.json and results and status in (0, 1):  # complete runs only
        payload = {
            "generated_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "machine": facts,
            "config": {"scale": args.scale, "clients": args.clients, "seconds": args.seconds,
                       "warmup": args.warmup, "gunicorn_workers": args.workers,
                       "gunicorn_threads": args.threads, "reused_db": bool(args.reuse),
                       "app": args.app, "gunicorn_extra_args": args.gunicorn_arg},
            "goal": {"min_ratio_to_healthz": GOAL_MIN_RATIO, "max_p95_ms": GOAL_MAX_P95_MS,
                     "max_errors": 0},
            "load_average_at_end": load_average(),
            "results": [{k: (None if isinstance(v, float) and math.isnan(v) else
                             round(v, 3) if isinstance(v, float) else v)
                         for k, v in asdict(r).items()} for r in results],
            "passed": all(r.verdict == "PASS" for r in results),
        }
        Path(args.json).write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
        print(f"JSON written to {args.json}")
    return status


if __name__ == "__main__":
    sys.exit(main())
