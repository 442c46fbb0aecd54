"""Apply survey retention now (the scheduler does it daily)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from sihub.surveys.retention import apply_survey_retention, rounds_due


class Command(BaseCommand):
    help = ("For survey rounds closed more than SIHUB_SURVEYS_RETENTION_DAYS ago: delete "
            "unfinished responses and invitations, blank client digests and account links. "
            "Submitted answers stay. Safe to run again.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true",
                            help="Only list the rounds due; change nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        days = settings.SIHUB_SURVEYS_RETENTION_DAYS
        if options["dry_run"]:
            slugs = [r.slug for r in rounds_due()]
            self.stdout.write(f"{len(slugs)} round(s) due (retention {days} days): "
                              f"{', '.join(slugs) or '-'}; nothing changed.")
            return
        count = apply_survey_retention(log=self.stdout.write)
        self.stdout.write(self.style.SUCCESS(f"{count} round(s) done (retention {days} days)."))
