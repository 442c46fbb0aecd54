"""``fetch_feeds [--source ID]``: fetch every active source (or one) and store new items.

A progress bar on stderr, a line per failing source and the totals on stdout.
Safe to run at any time and to interrupt: each source is written in one
transaction (see ``services.source_fetch``). ``--source ID`` is the
``fetch_source`` background task run by hand; it fetches the source even when
it is inactive.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sihub.monitoring.models import Source
from sihub.monitoring.services import FetchReport, source_fetch
# The progress bar the SDG re-tagging command draws; one look for all long commands.
from sihub.core.progress import ProgressBar, stderr_writer


class Command(BaseCommand):
    help = "Fetch all active feed sources (or one) and store their new and changed items."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--source", type=int, dest="source_id", metavar="ID",
                            help="Only this source (even if inactive).")

    def handle(self, *args: Any, source_id: int | None = None, **options: Any) -> None:
        if source_id is not None:
            sources = list(Source.objects.filter(pk=source_id))
            if not sources:
                raise CommandError(f"No feed source with id {source_id}")
        else:
            sources = list(Source.objects.filter(active=True).order_by("pk"))
        bar = ProgressBar(stderr_writer(self.stderr) if options["verbosity"] >= 1 else None,
                           "feeds", total=len(sources))
        total = FetchReport()
        not_modified = 0
        for source in sources:
            report = source_fetch(source=source)
            total += report
            not_modified += report.not_modified
            if report.errors:
                self.stderr.write(f"{source.name} (#{source.pk}): {report.error}")
            bar.advance(1)
        bar.finish()
        summary = (f"Fetched {len(sources)} sources ({not_modified} not modified): "
                   f"{total.new} new, {total.updated} updated, {total.unchanged} unchanged "
                   f"items; {total.errors} sources failed.")
        self.stdout.write(self.style.WARNING(summary) if total.errors
                          else self.style.SUCCESS(summary))
