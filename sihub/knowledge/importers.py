"""Publications from a spreadsheet, one per row (see core/importing.py for the rest).

Columns (Swedish headers work too): title, authors, publisher, year,
language (sv, en, other), type (report, guide, article, thesis), abstract,
external_url, doi, isbn, sdgs ("3;8"), themes (slugs; separated by
semicolons). An imported publication needs its external link: PDFs are added
in the admin afterwards.
"""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS

from sihub.core.importing import Column, Row
from sihub.knowledge.models import (
    PublicationIndexPage,
    PublicationLanguage,
    PublicationPage,
    PublicationType,
)


class PublicationImporter:
    kind = "publications"
    index_model = PublicationIndexPage
    columns = (
        Column("title", ("titel", "rubrik"), required=True),
        Column("authors", ("författare", "forfattare", "author")),
        Column("publisher", ("utgivare", "förlag", "forlag")),
        Column("year", ("år", "ar", "utgivningsår", "utgivningsar")),
        Column("language", ("språk", "sprak")),
        Column("type", ("typ", "publikationstyp", "publication_type")),
        Column("abstract", ("sammanfattning", "abstrakt")),
        Column("external_url", ("länk", "lank", "extern länk", "extern lank", "url", "link")),
        Column("doi", ()),
        Column("isbn", ()),
        Column("sdgs", ("globala mål", "globala_mal", "mål", "sdg")),
        Column("themes", ("teman", "tema", "theme")),
    )
    field_columns = {
        "intro": "abstract",
        "publication_type": "type",
        # The one cross-field rule: a PDF or a link. The import can only give a link.
        NON_FIELD_ERRORS: "external_url",
    }

    def build(self, row: Row) -> PublicationPage:
        page = PublicationPage(
            title=row.text("title"),
            authors=row.text("authors"),
            publisher=row.text("publisher"),
            year=row.integer("year"),
            intro=row.text("abstract"),
            external_url=row.text("external_url"),
            doi=row.text("doi"),
            isbn=row.text("isbn"),
        )
        language = row.choice("language", PublicationLanguage)
        if language:
            page.language = language
        publication_type = row.choice("type", PublicationType)
        if publication_type:
            page.publication_type = publication_type
        page.sdgs = row.goals()
        page.themes = row.themes()
        return page


PUBLICATIONS = PublicationImporter()
