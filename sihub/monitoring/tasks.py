"""Background work for monitoring: fetching feed sources.

Tasks take ids, re-read the source and are safe to run twice (``source_fetch``
is idempotent). ``fetch_all_sources`` is the periodic entry point: it enqueues
one ``fetch_source`` per active source, so one slow feed delays no other.
Run by hand with ``manage.py fetch_feeds [--source ID]``.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django_tasks import task

from sihub.monitoring.models import Source


@task()
def fetch_source(source_id: int) -> dict[str, Any] | None:
    """Fetch one source; its report as a dict, or None when it is gone or inactive."""
    from sihub.monitoring.services import source_fetch

    source = Source.objects.filter(pk=source_id, active=True).first()
    if source is None:
        return None
    report = source_fetch(source=source)
    return {"new": report.new, "updated": report.updated, "unchanged": report.unchanged,
            "errors": report.errors}


@task()
def fetch_all_sources() -> int:
    """Enqueue a fetch of every active source; how many were enqueued."""
    ids = list(Source.objects.filter(active=True).order_by("pk").values_list("pk", flat=True))
    for source_id in ids:
        transaction.on_commit(lambda source_id=source_id: fetch_source.enqueue(source_id))
    return len(ids)
