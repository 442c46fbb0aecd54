"""Periodic jobs: enqueue a background task every so often (``manage.py run_scheduler``).

django-tasks runs tasks but has no clock, so this module is the clock: a
registry of jobs (a name, an interval, the dotted path of a task taking no
arguments) and ``run_due(now)``, which enqueues the jobs that are due. The
worker (``manage.py db_worker``) then runs them like any other task.

A job is due when it never ran, or ran at least its interval ago. The
``ScheduledJob`` row of a job is claimed with one conditional UPDATE
(``… SET last_run_at = now WHERE name = … AND (last_run_at IS NULL OR
last_run_at <= now - interval)``): the database runs it atomically, so of two
schedulers started by mistake (two hosts, a deploy overlapping the old
process) exactly one enqueues the job; the other updates no row. The claim
and the enqueue commit together, so a failed enqueue leaves the job due.

Apps register their jobs when Django starts (monitoring: in
``MonitoringConfig.ready``); core's own are registered at the bottom of this
module. A job whose name is no longer registered is simply never claimed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string

from sihub.core.models import ScheduledJob

logger = logging.getLogger(__name__)

NAME_LENGTH = 100  # ScheduledJob.name


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    interval: timedelta
    task: str  # dotted path of a django-tasks task that takes no arguments


_REGISTRY: dict[str, PeriodicJob] = {}


def register(name: str, *, interval: timedelta, task: str) -> PeriodicJob:
    """Add (or, with the same name, replace) a periodic job; returns it."""
    if not name or len(name) > NAME_LENGTH:
        raise ValueError(f"a job name has 1 to {NAME_LENGTH} characters: {name!r}")
    if interval <= timedelta(0):
        raise ValueError(f"the interval of job {name!r} must be positive")
    job = PeriodicJob(name=name, interval=interval, task=task)
    _REGISTRY[name] = job
    return job


def unregister(name: str) -> None:
    _REGISTRY.pop(name, None)


def jobs() -> list[PeriodicJob]:
    return sorted(_REGISTRY.values(), key=lambda job: job.name)


def claim(job: PeriodicJob, now: datetime) -> bool:
    """Mark ``job`` as run at ``now`` if it is due; True when this caller won it.

    The caller must have made sure the job's row exists (``run_due`` does).
    """
    due = Q(last_run_at__isnull=True) | Q(last_run_at__lte=now - job.interval)
    return ScheduledJob.objects.filter(due, name=job.name).update(last_run_at=now) == 1


def run_due(now: datetime | None = None) -> list[str]:
    """Enqueue every registered job that is due; the names of those enqueued.

    Never raises for one job: a job whose task cannot be found or enqueued is
    logged and stays due, and the others still run.
    """
    now = now or timezone.now()
    registered = jobs()
    # One row per job, created on first sight; a second scheduler doing the
    # same at the same moment is ignored, not an error.
    ScheduledJob.objects.bulk_create([ScheduledJob(name=job.name) for job in registered],
                                     ignore_conflicts=True)
    enqueued: list[str] = []
    for job in registered:
        try:
            with transaction.atomic():
                if not claim(job, now):
                    continue
                import_string(job.task).enqueue()
        except Exception:  # one broken job must not stop the others
            logger.exception("scheduled job %s could not be enqueued", job.name)
            continue
        logger.info("scheduled job %s enqueued", job.name)
        enqueued.append(job.name)
    return enqueued


def next_due(now: datetime | None = None) -> datetime | None:
    """When the next registered job falls due (``now`` or earlier if one is due); None if none."""
    now = now or timezone.now()
    registered = jobs()
    if not registered:
        return None
    last = dict(ScheduledJob.objects.filter(name__in=[job.name for job in registered])
                .values_list("name", "last_run_at"))
    return min(
        (last[job.name] + job.interval) if last.get(job.name) else now for job in registered
    )


# --- Core's own jobs ------------------------------------------------------------

register("core.apply_retention", interval=timedelta(days=1),
         task="sihub.core.tasks.apply_retention_task")
# The planner's statistics, which the site search relies on to use its indexes.
register("core.analyze_database", interval=timedelta(days=1),
         task="sihub.core.tasks.analyze_database_task")
