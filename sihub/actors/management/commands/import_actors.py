"""``import_actors [FILE] [--offerings FILE] [--relations FILE] [--dry-run] [--allow-similar]``

FILE is a CSV file of actors or a workbook whose sheets hold actors,
offerings and relations (see sihub/actors/importers.py for the columns).
Every row is checked first; nothing is written unless every row is valid and
every likely duplicate by name is confirmed with --allow-similar.
"""

from __future__ import annotations

import os
from contextlib import ExitStack
from pathlib import PurePath
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sihub.actors.importers import ImportFile, actors_import
from sihub.core.importing import ImportFileError


class Command(BaseCommand):
    help = "Import actors (with offerings and relations) from CSV or XLSX; all rows or none."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", nargs="?",
                            help="A .csv file of actors, or an .xlsx workbook with sheets "
                                 "actors, offerings and relations.")
        parser.add_argument("--offerings", metavar="FILE", help="A .csv or .xlsx file of offerings.")
        parser.add_argument("--relations", metavar="FILE", help="A .csv or .xlsx file of relations.")
        parser.add_argument("--dry-run", action="store_true",
                            help="Check every row and report; write nothing.")
        parser.add_argument("--allow-similar", action="store_true",
                            help="Import actors whose names look like others' (they were "
                                 "checked and are different organisations).")

    def handle(self, *args: Any, **options: Any) -> None:
        paths = {"actors_file": options["path"], "offerings_file": options["offerings"],
                 "relations_file": options["relations"]}
        if not any(paths.values()):
            raise CommandError("Give a file of actors, --offerings or --relations.")
        self.verbosity = options["verbosity"]
        try:
            with ExitStack() as stack:
                files = {}
                for key, name in paths.items():
                    if name:
                        source = stack.enter_context(open(name, "rb"))
                        files[key] = ImportFile(source, PurePath(name).name,
                                                os.fstat(source.fileno()).st_size)
                report = actors_import(**files, dry_run=options["dry_run"],
                                       allow_similar=options["allow_similar"],
                                       progress=self._progress)
        except OSError as exc:
            raise CommandError(f"Cannot read {exc.filename}: {exc.strerror}") from None
        except ImportFileError as exc:
            raise CommandError(str(exc)) from None

        counts = (f"{report.rows} actors, {report.offerings} offerings, "
                  f"{report.relations} relations")
        if not report.ok:
            raise CommandError(report.summary())
        if report.warnings and not report.allow_similar:
            raise CommandError(report.summary() + "\nNothing was imported.")
        if report.warnings:
            self.stdout.write(self.style.WARNING(report.summary()))
        if report.dry_run:
            self.stdout.write(f"Dry run: all rows are valid ({counts}); nothing was written.")
            return
        self.stdout.write(self.style.SUCCESS(f"Imported {counts}."))

    def _progress(self, stage: str, done: int, total: int) -> None:
        if self.verbosity >= 1:
            self.stdout.write(f"  {stage} {done}/{total}")
