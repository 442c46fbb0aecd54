from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoalitionsConfig(AppConfig):
    name = "sihub.coalitions"
    label = "coalitions"
    verbose_name = _("Coalitions")

    def ready(self) -> None:
        from sihub.core import scheduler

        # Overdue commitments: each one's contact is reminded once per due date.
        scheduler.register("coalitions.remind_overdue_commitments", interval=timedelta(days=1),
                           task="sihub.coalitions.tasks.remind_overdue_commitments")
