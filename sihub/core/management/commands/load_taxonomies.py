from typing import Any

from django.core.management.base import BaseCommand

from sihub.core.services import taxonomies_load
from sihub.sdg.services import reference_data_load


class Command(BaseCommand):
    help = "Re-load Agenda 2030, regions, sectors and themes from the data files (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = {**reference_data_load(), **taxonomies_load()}
        self.stdout.write(", ".join(f"{k}: {v}" for k, v in counts.items()))
