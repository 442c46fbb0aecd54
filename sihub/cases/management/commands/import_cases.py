"""Import good examples from a CSV or XLSX file: all rows or none (see cases/importers.py)."""

from sihub.cases.importers import CASES
from sihub.core.importing import ImportCommand


class Command(ImportCommand):
    help = "Import good examples from a CSV or XLSX file under a good-examples index page."
    importer = CASES
