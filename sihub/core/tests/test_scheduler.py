"""The periodic-job scheduler: claiming due jobs once, run_scheduler --once, the registry."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_tasks import task

from sihub.core import scheduler
from sihub.core.models import ScheduledJob

pytestmark = pytest.mark.django_db

RUNS: list[str] = []


@task()
def record_run() -> None:
    RUNS.append("ran")


@pytest.fixture
def jobs(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """An empty registry for the test's own jobs; the real one is put back afterwards."""
    monkeypatch.setattr(scheduler, "_REGISTRY", {})
    RUNS.clear()
    yield
    RUNS.clear()


HOURLY = timedelta(hours=1)
TASK = "sihub.core.tests.test_scheduler.record_run"


def test_it_enqueues_a_job_that_never_ran_and_records_when(jobs: None) -> None:
    scheduler.register("test.hourly", interval=HOURLY, task=TASK)
    now = timezone.now()
    assert scheduler.run_due(now) == ["test.hourly"]
    assert RUNS == ["ran"]
    assert ScheduledJob.objects.get(name="test.hourly").last_run_at == now


def test_it_waits_for_the_interval_to_pass(jobs: None) -> None:
    scheduler.register("test.hourly", interval=HOURLY, task=TASK)
    start = timezone.now()
    scheduler.run_due(start)
    assert scheduler.run_due(start + timedelta(minutes=59)) == []
    assert scheduler.next_due(start + timedelta(minutes=59)) == start + HOURLY
    assert scheduler.run_due(start + HOURLY) == ["test.hourly"]
    assert RUNS == ["ran", "ran"]


def test_only_due_jobs_run(jobs: None) -> None:
    scheduler.register("test.hourly", interval=HOURLY, task=TASK)
    scheduler.register("test.daily", interval=timedelta(days=1), task=TASK)
    start = timezone.now()
    assert scheduler.run_due(start) == ["test.daily", "test.hourly"]
    assert scheduler.run_due(start + timedelta(hours=2)) == ["test.hourly"]


def test_of_two_schedulers_claiming_at_once_one_wins(jobs: None) -> None:
    # The claim reads and writes in one UPDATE, so two schedulers that both
    # saw the job due still claim it once: the second UPDATE matches no row.
    job = scheduler.register("test.hourly", interval=HOURLY, task=TASK)
    ScheduledJob.objects.create(name=job.name, last_run_at=timezone.now() - 2 * HOURLY)
    now = timezone.now()
    assert [scheduler.claim(job, now), scheduler.claim(job, now)] == [True, False]
    assert scheduler.run_due(now) == []
    assert RUNS == []


def test_a_job_that_cannot_be_enqueued_stays_due_and_the_others_run(jobs: None) -> None:
    scheduler.register("test.broken", interval=HOURLY, task="sihub.core.tasks.no_such_task")
    scheduler.register("test.hourly", interval=HOURLY, task=TASK)
    now = timezone.now()
    assert scheduler.run_due(now) == ["test.hourly"]
    assert ScheduledJob.objects.get(name="test.broken").last_run_at is None  # rolled back
    assert scheduler.next_due(now) == now


def test_it_refuses_a_bad_job(jobs: None) -> None:
    with pytest.raises(ValueError, match="positive"):
        scheduler.register("test.never", interval=timedelta(0), task=TASK)
    with pytest.raises(ValueError, match="characters"):
        scheduler.register("x" * 101, interval=HOURLY, task=TASK)


def test_run_scheduler_once_enqueues_the_due_jobs_and_exits(jobs: None, capsys) -> None:
    scheduler.register("test.hourly", interval=HOURLY, task=TASK)
    call_command("run_scheduler", "--once")
    assert "enqueued: test.hourly" in capsys.readouterr().out
    call_command("run_scheduler", "--once")
    assert capsys.readouterr().out == ""
    assert RUNS == ["ran"]


def test_the_site_registers_feeds_retention_and_analyze(settings) -> None:
    registered = {job.name: job for job in scheduler.jobs()}
    feeds = registered["monitoring.fetch_all_sources"]
    assert feeds.interval == timedelta(minutes=settings.SIHUB_FEEDS_FETCH_INTERVAL) == (
        timedelta(minutes=30))
    assert feeds.task == "sihub.monitoring.tasks.fetch_all_sources"
    assert registered["core.apply_retention"].interval == timedelta(days=1)
    assert registered["core.analyze_database"].interval == timedelta(days=1)
    for job in registered.values():  # every path names a real task
        from django.utils.module_loading import import_string

        assert hasattr(import_string(job.task), "enqueue"), job.task


def test_the_registered_jobs_run_once_through_the_command(capsys) -> None:
    call_command("run_scheduler", "--once")
    out = capsys.readouterr().out
    for name in ("core.analyze_database", "core.apply_retention",
                 "monitoring.fetch_all_sources"):
        assert name in out
    assert ScheduledJob.objects.filter(last_run_at__isnull=False).count() >= 3


def test_analyze_runs_on_this_database() -> None:
    from sihub.core.tasks import analyze_database_task

    assert analyze_database_task.call() == connection.vendor


# --- Real concurrency (PostgreSQL: SQLite already serialises every writer) --------

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite runs one writer at a time (transaction_mode=IMMEDIATE)")


@postgresql_only
# serialized_rollback: the flush afterwards must not re-run post_migrate (it would
# re-create the role groups under new ids, and a later test restoring the
# serialized data would collide with them); _reference_data_back puts it back.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_schedulers_enqueue_a_job_once(_reference_data_back: None, jobs: None) -> None:
    job = scheduler.register("test.hourly", interval=HOURLY, task=TASK)
    for round_ in range(5):
        now = timezone.now() + round_ * 2 * HOURLY
        barrier = threading.Barrier(4)
        results: list[list[str] | str] = []

        def run(now=now, barrier=barrier, results=results) -> None:
            try:
                barrier.wait()
                results.append(scheduler.run_due(now))
            except Exception as exc:  # noqa: BLE001 - counted below
                results.append(type(exc).__name__)
            finally:
                connection.close()

        threads = [threading.Thread(target=run) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(map(str, results)) == ["['test.hourly']", "[]", "[]", "[]"]
    assert RUNS == ["ran"] * 5
    assert ScheduledJob.objects.get(name=job.name).last_run_at is not None
