"""``export_actors --format csv|xlsx|geojson|graphml [--output FILE] [--filter QUERY]``

Writes the directory (published actors, public data only) as the website's
export links do; ``--filter`` takes the directory's query string, e.g.
``"sector=public&region=24"``. Without ``--output`` the file goes to standard
output.
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import QueryDict
from django.utils import translation

from sihub.actors.exports import FORMATS, render_export, site_absolute


class Command(BaseCommand):
    help = "Export the actors directory as CSV, XLSX, GeoJSON or GraphML."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=sorted(FORMATS), default="csv")
        parser.add_argument("--output", "-o", metavar="FILE",
                            help="Write to this file (default: standard output).")
        parser.add_argument("--filter", default="", metavar="QUERY",
                            help="The directory's filters as a query string, "
                                 'e.g. "sector=public&region=24".')
        parser.add_argument("--language", choices=["sv", "en"], default="sv",
                            help="Language of the profile links.")
        parser.add_argument("--base-url", help="The site's address for links "
                                               "(default: SIHUB_BASE_URL).")

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(options["language"]):
            data = render_export(options["format"], QueryDict(options["filter"]),
                                 site_absolute(options["base_url"]))
        if options["output"]:
            try:
                with open(options["output"], "wb") as out:
                    out.write(data)
            except OSError as exc:
                raise CommandError(f"Cannot write {options['output']}: {exc.strerror}") from None
            if options["verbosity"] >= 1:
                self.stderr.write(f"Wrote {len(data):,} bytes to {options['output']}.")
            return
        stream = getattr(self.stdout, "_out", sys.stdout)
        buffer = getattr(stream, "buffer", None)
        if buffer is not None:
            stream.flush()
            buffer.write(data)
            buffer.flush()
        elif options["format"] == "xlsx":
            raise CommandError("An XLSX workbook is binary: give --output FILE.")
        else:
            stream.write(data.decode("utf-8"))
