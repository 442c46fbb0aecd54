from wagtail import hooks

from sihub.cases.importers import CASES
from sihub.core.importing import Importer


@hooks.register("register_page_importer")
def register_case_importer() -> Importer:
    return CASES
