"""Background work of matchmaking: a scheduler run for a big event (ids in, never rows).

``matchmaking_services.matchmaking_request_run`` enqueues it on commit when
an event has more participants than a request should wait for; it re-reads
the event and the organiser, runs ``matchmaking_run`` (which keeps accepted
meetings and replaces the rest, so running it twice is harmless) and notes a
failure in the audit log, so the grid stops saying "running". By hand:
``manage.py shell -c "from sihub.events.matchmaking_tasks import
run_matchmaking as t; t.call(EVENT_ID, None)"``.
"""

from __future__ import annotations

from typing import Any

from django_tasks import task


@task()
def run_matchmaking(event_id: int, actor_id: int | None = None,
                    max_meetings: int | None = None, min_fit: float = 0.0) -> dict[str, Any]:
    """Schedule the event's meetings; the run's figures (RunReport.as_data), {} if gone."""
    from sihub.core.models import User
    from sihub.events import matchmaking_services as services
    from sihub.events.models import EventPage

    event = EventPage.objects.filter(pk=event_id, matchmaking_enabled=True).first()
    if event is None:
        return {}
    actor = User.objects.filter(pk=actor_id, is_active=True).first() if actor_id else None
    if actor_id and actor is None:
        services.matchmaking_run_failed(actor=None, event=event, error="organiser gone")
        return {}
    try:
        report = services.matchmaking_run(actor=actor, event=event, max_meetings=max_meetings,
                                          min_fit=min_fit)
    except Exception as exc:  # noqa: BLE001 - noted, then raised for the task backend
        services.matchmaking_run_failed(actor=actor, event=event, error=type(exc).__name__)
        raise
    return report.as_data()
