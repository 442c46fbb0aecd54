"""``export_opml [--output FILE]``: every feed source as an OPML 2.0 document."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sihub.monitoring.models import Source
from sihub.monitoring.opml import opml_export


class Command(BaseCommand):
    help = "Write all feed sources as OPML 2.0, to stdout or a file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", "-o", type=Path, help="file to write (default: stdout)")
        parser.add_argument("--active-only", action="store_true", help="only active sources")

    def handle(self, *args: Any, output: Path | None = None, **options: Any) -> None:
        sources = Source.objects.order_by("name").prefetch_related("themes")
        if options["active_only"]:
            sources = sources.filter(active=True)
        document = opml_export(sources)
        if output is None:
            self.stdout.write(document.decode("utf-8"), ending="")
        else:
            output.write_bytes(document)
