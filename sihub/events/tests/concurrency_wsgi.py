"""The site as the concurrency test serves it: ``sihub.wsgi`` with the sign-up limit per IP raised.

All the test's clients come from 127.0.0.1, so the per-address limit
(``SIHUB_EVENTS_REGISTRATIONS_PER_IP_HOUR``) would otherwise turn most of them
away. Nothing else changes: the locking is the real one.

The URL map, the templates and the translations are loaded here, before
gunicorn (``--preload``) forks its workers, so the parallel requests do not
each pay several seconds of first-request imports — the sign-ups then
really meet at the lock instead of trickling in.
"""

from __future__ import annotations

from django.conf import settings
from django.db import connections

from sihub.wsgi import application

settings.SIHUB_EVENTS_REGISTRATIONS_PER_IP_HOUR = 100_000


def _warm_up() -> None:
    from django.template.loader import get_template
    from django.urls import get_resolver
    from django.utils import translation

    get_resolver().url_patterns  # noqa: B018 - imports every app's URLs (and the API)
    for language in ("sv", "en"):
        with translation.override(language):
            for name in ("events/register.html", "events/registration.html",
                         "events/email/registration.txt", "events/email/registration.html"):
                get_template(name)


_warm_up()
# gunicorn --preload forks after this import: no connection may be shared.
connections.close_all()

__all__ = ["application"]
