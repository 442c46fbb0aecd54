"""Import publications from a CSV or XLSX file: all rows or none (see knowledge/importers.py)."""

from sihub.core.importing import ImportCommand
from sihub.knowledge.importers import PUBLICATIONS


class Command(ImportCommand):
    help = "Import publications from a CSV or XLSX file under a publications index page."
    importer = PUBLICATIONS
