from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "sihub.surveys"
    label = "surveys"
    verbose_name = _("Surveys")

    def ready(self) -> None:
        from sihub.core import scheduler

        # Unfinished responses, invitations and client digests of rounds closed long ago.
        scheduler.register("surveys.apply_retention", interval=timedelta(days=1),
                           task="sihub.surveys.retention_tasks.apply_survey_retention")
