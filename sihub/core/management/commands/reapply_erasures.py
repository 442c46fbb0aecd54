from typing import Any

from django.core.management.base import BaseCommand

from sihub.core.privacy import ledger_path, reapply_erasures


class Command(BaseCommand):
    help = "Erase again everyone in the erasure ledger who is back (run after a restore)."

    def handle(self, *args: Any, **options: Any) -> None:
        count = reapply_erasures()
        self.stdout.write(f"{count} people erased again (ledger: {ledger_path()})")
