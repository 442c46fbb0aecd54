from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "sihub.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from sihub.core import scheduler

        # Personal data of past events: anonymised SIHUB_EVENTS_RETENTION_DAYS after the end.
        scheduler.register("events.apply_retention", interval=timedelta(days=1),
                           task="sihub.events.tasks.apply_event_retention")
