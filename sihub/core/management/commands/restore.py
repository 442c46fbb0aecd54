from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from sihub.core.backup import BackupError, backup_restore, backup_verify


class Command(BaseCommand):
    help = (
        "Replace the database and MEDIA_ROOT's contents with a backup made by `backup`. "
        "The archive is verified first; nothing changes if it cannot be trusted. "
        "Stop the site and the worker before restoring."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="A .tar.gz archive written by `backup`.")
        parser.add_argument("--yes", action="store_true",
                            help="Do not ask for confirmation.")

    def handle(self, *args: Any, path: Path, yes: bool, **options: Any) -> None:
        try:
            manifest = backup_verify(path, log=self._progress)
        except BackupError as exc:
            raise CommandError(f"Not restoring: {exc}") from exc
        media = manifest.media_files
        self.stdout.write(
            f"{path} is intact: {manifest.vendor} database from {manifest.created_at} "
            f"({len(manifest.row_counts)} tables, {manifest.total_rows} rows) and "
            f"{len(media)} media files."
        )
        if not yes:
            self.stdout.write(
                f"This REPLACES the database {connection.settings_dict['NAME']} and everything "
                f"in {settings.MEDIA_ROOT}."
            )
            try:
                answer = input("Type 'yes' to continue: ")
            except EOFError:
                answer = ""
            if answer.strip() != "yes":
                raise CommandError("Restore cancelled; nothing was changed.")
        try:
            summary = backup_restore(path=path, log=self._progress)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if summary.erasures_available:
            self.stdout.write(f"Erasures re-applied: {summary.erasures}")
        else:
            self.stdout.write(self.style.WARNING(
                "Erasures were NOT re-applied: sihub.core.privacy.reapply_erasures is not "
                "available."
            ))
        for note in summary.notes:
            self.stdout.write(self.style.WARNING(note))
        self.stdout.write(self.style.SUCCESS(
            f"Restored the backup from {manifest.created_at}: {summary.database} "
            f"({summary.tables} tables, {summary.rows} rows) and {summary.media_files} media "
            f"files ({summary.media_bytes} bytes)."
        ))

    def _progress(self, message: str) -> None:
        # Plain stderr: the default stderr style would paint progress as errors.
        self.stderr.write(message, style_func=lambda text: text)
