from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sihub.core.backup import BackupError, backup_create, default_backup_path


class Command(BaseCommand):
    help = (
        "Write the database, every media file and a checksummed manifest to one .tar.gz "
        "archive. Safe while the site is running."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output", type=Path, default=None,
            help="Archive to write (default: var/backups/sihub-<UTC timestamp>.tar.gz). "
                 "An existing file is never overwritten.",
        )

    def handle(self, *args: Any, output: Path | None, **options: Any) -> None:
        try:
            archive = backup_create(output=output or default_backup_path(), log=self._progress)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Backup written to {archive}"))

    def _progress(self, message: str) -> None:
        # Progress goes to stderr so stdout stays the one-line result; the
        # default stderr style would paint every progress line as an error.
        self.stderr.write(message, style_func=lambda text: text)
