"""``run_scheduler [--once]``: enqueue periodic background jobs when they fall due.

Runs next to the worker (``db_worker``), one process per site; a second one
started by mistake does no harm (jobs are claimed atomically, see
``core/scheduler.py``). It sleeps until the next job is due, waking at least
every ``--max-sleep`` seconds, and stops cleanly on SIGTERM or Ctrl-C.
``--once`` enqueues what is due now and exits (cron, tests, by hand).
"""

from __future__ import annotations

import signal
import threading
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections
from django.utils import timezone

from sihub.core import scheduler


class Command(BaseCommand):
    help = "Enqueue periodic background jobs when they are due (--once: run due jobs and exit)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true",
                            help="Enqueue the jobs that are due now, then exit.")
        parser.add_argument("--max-sleep", type=float, default=60.0,
                            help="Longest sleep between two checks, in seconds (default 60).")

    def handle(self, *args: Any, once: bool = False, max_sleep: float = 60.0,
               **options: Any) -> None:
        self.verbosity = options.get("verbosity", 1)
        if once:
            self._run_due()
            return
        stop = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
        names = ", ".join(f"{job.name} (every {job.interval})" for job in scheduler.jobs())
        self.stdout.write(f"Scheduler started: {names}")
        while not stop.is_set():
            close_old_connections()  # a long-lived process: drop dead connections
            self._run_due()
            now = timezone.now()
            upcoming = scheduler.next_due(now)
            # Still due after run_due: its enqueue failed; try again after max_sleep.
            wait = max_sleep if upcoming is None or upcoming <= now else (
                (upcoming - now).total_seconds())
            stop.wait(min(max(wait, 1.0), max_sleep))
        self.stdout.write("Scheduler stopped.")

    def _run_due(self) -> None:
        enqueued = scheduler.run_due()
        if enqueued:
            moment = f"{timezone.now():%Y-%m-%d %H:%M:%S}"
            self.stdout.write(f"{moment} enqueued: {', '.join(enqueued)}")
        elif self.verbosity >= 2:
            self.stdout.write("Nothing due.")
