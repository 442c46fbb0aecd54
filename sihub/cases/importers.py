"""Good examples from a spreadsheet, one per row (see core/importing.py for the rest).

Columns (Swedish headers work too): title, summary, challenge, solution,
target_groups, actors_involved, stage, county_code, municipality_code,
sdgs ("3;8"), targets ("8.5;3.8"), themes (slugs), website, contact_name,
contact_email. Lists are separated by semicolons.

A target implies its goal, and a municipality its county, so the example
shows up under those filters too; a municipality must lie in the county the
row names, if it names one.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext as _

from sihub.cases.models import CaseIndexPage, CasePage, Stage
from sihub.core.importing import Column, Row

TAG_COLUMNS = (
    Column("sdgs", ("globala mål", "globala_mal", "mål", "sdg")),
    Column("targets", ("delmål", "delmal")),
    Column("themes", ("teman", "tema", "theme")),
)


class CaseImporter:
    kind = "cases"
    index_model = CaseIndexPage
    columns = (
        Column("title", ("titel", "rubrik", "namn", "name"), required=True),
        Column("summary", ("sammanfattning",)),
        Column("challenge", ("utmaning", "samhällsutmaning", "samhallsutmaning")),
        Column("solution", ("lösning", "losning")),
        Column("target_groups", ("målgrupper", "malgrupper", "målgrupp", "malgrupp")),
        Column("actors_involved", ("aktörer", "aktorer", "involverade aktörer",
                                   "medverkande aktörer")),
        Column("stage", ("fas", "skede", "stadium")),
        Column("county_code", ("länskod", "lanskod", "län", "lan", "county")),
        Column("municipality_code", ("kommunkod", "kommun", "municipality")),
        *TAG_COLUMNS,
        Column("website", ("webbplats", "webbsida", "hemsida")),
        Column("contact_name", ("kontaktperson", "kontakt", "kontaktnamn")),
        Column("contact_email", ("e-post", "epost", "kontakt e-post", "kontaktens e-post",
                                 "e-postadress")),
    )
    field_columns = {
        "sdg_targets": "targets",
        NON_FIELD_ERRORS: "title",
    }

    def build(self, row: Row) -> CasePage:
        page = CasePage(
            title=row.text("title"),
            summary=row.text("summary"),
            challenge=row.text("challenge"),
            solution=row.text("solution"),
            target_groups=row.text("target_groups"),
            actors_involved=row.text("actors_involved"),
            website=row.text("website"),
            contact_name=row.text("contact_name"),
            contact_email=row.text("contact_email"),
        )
        stage = row.choice("stage", Stage)
        if stage:
            page.stage = stage
        _set_places(page, row)
        goals, targets = row.goals(), row.targets()
        page.sdgs = _unique([*goals, *(t.goal for t in targets)])
        page.sdg_targets = targets
        page.themes = row.themes()
        return page


def _set_places(page: CasePage, row: Row) -> None:
    counties = row.counties()
    municipalities = row.municipalities()
    if counties:
        codes = {c.code for c in counties}
        for m in municipalities:
            if m.county.code not in codes:
                row.error("municipality_code",
                          _("%(name)s (%(code)s) is not in county %(county)s.")
                          % {"name": m.name, "code": m.code, "county": ", ".join(sorted(codes))})
    else:
        counties = [m.county for m in municipalities]
    page.counties = _unique(counties)
    page.municipalities = municipalities


def _unique(objects: list[Any]) -> list[Any]:
    return list({o.pk: o for o in objects}.values())


CASES = CaseImporter()
