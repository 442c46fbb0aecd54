"""Background work for events: retention, mails, the matchmaking scheduler (ids in, never rows)."""

from __future__ import annotations

from django_tasks import task


@task()
def apply_event_retention() -> int:
    """Anonymise participants' personal data of events that ended long enough ago."""
    from sihub.events.retention import apply_event_retention as run

    return run()
