"""``import_opml FILE``: follow every feed an OPML file lists (all or nothing)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sihub.monitoring.opml import OpmlError, opml_import


class Command(BaseCommand):
    help = ("Create a feed source for each feed in an OPML file. Nothing is imported when any "
            "outline is wrong; feeds already followed are left as they are.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="OPML file")

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        try:
            content = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}") from None
        try:
            report = opml_import(content=content)
        except OpmlError as exc:
            for error in exc.errors:
                self.stderr.write(error)
            raise CommandError(f"Nothing imported: {len(exc.errors)} problems in {file}") from None
        self.stdout.write(self.style.SUCCESS(
            f"Imported {len(report.created)} feed sources; {report.existing} already followed."))
