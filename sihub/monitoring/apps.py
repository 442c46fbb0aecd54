from datetime import timedelta

from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "sihub.monitoring"
    label = "monitoring"
    verbose_name = _("Monitoring")

    def ready(self) -> None:
        from sihub.core import scheduler

        # Every active source, every SIHUB_FEEDS_FETCH_INTERVAL minutes
        # (run_scheduler enqueues it; the worker runs one task per source).
        scheduler.register("monitoring.fetch_all_sources",
                           interval=timedelta(minutes=settings.SIHUB_FEEDS_FETCH_INTERVAL),
                           task="sihub.monitoring.tasks.fetch_all_sources")
        # Unconfirmed digest subscriptions are personal data kept 7 days at most.
        scheduler.register("monitoring.purge_unconfirmed_subscribers",
                           interval=timedelta(days=1),
                           task="sihub.monitoring.digest_tasks.purge_unconfirmed_subscribers")
