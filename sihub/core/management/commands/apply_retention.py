from typing import Any

from django.core.management.base import BaseCommand

from sihub.core.privacy import apply_retention


class Command(BaseCommand):
    help = "Delete personal data older than its retention period (run daily)."

    def handle(self, *args: Any, **options: Any) -> None:
        apply_retention(log=self.stdout.write)
