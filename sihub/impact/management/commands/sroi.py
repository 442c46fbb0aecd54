"""``manage.py sroi FILE.json``: the SROI of a value map in a file, as one JSON object.

The file's shape is in ``sroi_json`` (issue 8's: ``discount_rate``, ``inputs``
and ``outcomes``); ``-`` reads standard input. The output is one JSON object
with ``yearly_values`` (total per year, undiscounted), ``present_value``,
``net_present_value``, ``sroi_ratio``, ``net_sroi_ratio`` and
``payback_months`` (null when the year-1 total is 0 or negative). Numbers
are exact JSON numbers at full precision, not rounded (see ``sroi_json``).

A file that cannot be computed ends the command with exit status 1 and one
line on standard error saying where and why. The database is not touched.
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sihub.impact import sroi, sroi_json


class Command(BaseCommand):
    help = ("Compute the SROI of a value map in a JSON file (- for standard input) and print "
            "one JSON object with the results at full precision.")
    requires_system_checks: list[str] = []  # pure arithmetic: no database, no settings checks
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The value map as JSON, or - for standard input.")

    def _read(self, name: str) -> str:
        if name == "-":
            try:
                return sys.stdin.read()
            except UnicodeDecodeError:
                raise CommandError("-: the input is not UTF-8 text.") from None
        try:
            with open(name, encoding="utf-8-sig") as handle:
                return handle.read()
        except FileNotFoundError:
            raise CommandError(f"{name}: no such file.") from None
        except UnicodeDecodeError:
            raise CommandError(f"{name}: the file is not UTF-8 text.") from None
        except OSError as error:
            raise CommandError(f"{name}: cannot be read ({error.strerror or error}).") from None

    def handle(self, *args: Any, **options: Any) -> None:
        name = options["file"]
        text = self._read(name)
        try:
            value_map = sroi_json.parse_value_map(text)
        except sroi_json.SROIFileError as error:
            raise CommandError(f"{name}: {error}") from None
        result = sroi.calculate(value_map)
        self.stdout.write(sroi_json.dumps(sroi_json.result_dict(result)))
