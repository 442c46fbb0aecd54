"""The control server: the site with the capacity lock switched off (tests only).

``services.capacity_lock`` becomes a no-op, so counting the places and
writing the registration run as separate autocommit statements, and
``_places_taken`` waits a moment after counting, widening the window in which
another sign-up can count the same free place. Parallel sign-ups to this
server must overbook — the proof that the concurrency test can fail.
"""

from __future__ import annotations

import contextlib
import time

# The site first: it sets Django up, which importing the services needs.
from sihub.events.tests.concurrency_wsgi import application  # isort: skip
from sihub.events import services  # isort: skip

RACE_WINDOW = 0.2  # seconds between counting and writing

_count = services._places_taken


def _slow_count(event_id: int) -> int:
    taken = _count(event_id)
    time.sleep(RACE_WINDOW)
    return taken


services.capacity_lock = contextlib.nullcontext  # type: ignore[assignment]
services._places_taken = _slow_count

__all__ = ["application"]
