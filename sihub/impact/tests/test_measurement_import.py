"""Importing measurements from CSV: every row checked, errors by row, all or nothing."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from sihub.core.importing import ImportFileError
from sihub.core.models import AuditEntry
from sihub.impact import services
from sihub.impact.models import Measurement
from sihub.impact.tests.conftest import outcome_with_indicator


def csv_file(text: str, name: str = "matningar.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


@pytest.fixture
def indicators(initiative_a, lead_a):
    jobs = outcome_with_indicator(initiative_a, lead_a, indicator="I arbete")
    grades = outcome_with_indicator(initiative_a, lead_a, indicator="Godkända betyg",
                                    stakeholder="Elever")
    return jobs, grades


def test_it_imports_totals_and_breakdowns(initiative_a, lead_a, indicators):
    jobs, grades = indicators
    report = services.measurement_import_csv(initiative=initiative_a, user=lead_a, file=csv_file(
        "indicator,date,value,breakdown_dimension,breakdown_value\n"
        "I arbete,2025-03-31,12,,\n"
        "i  ARBETE,2025-03-31,5,kön,kvinnor\n"
        "Godkända betyg,2025-06-30,\"81,5\",,\n"))
    assert report.ok and (report.rows, report.created, report.updated) == (3, 3, 0)
    assert list(jobs.measurements.values_list("breakdown_dimension", "breakdown_value", "value")) \
        == [("", "", D(12)), ("kön", "kvinnor", D(5))]
    assert grades.measurements.get().value == D("81.5")
    entry = AuditEntry.objects.get(action=services.MEASUREMENTS_IMPORTED)
    assert entry.data["created"] == 3 and entry.actor_id == lead_a.pk


def test_it_reads_swedish_headers_and_semicolons(initiative_a, lead_a, indicators):
    report = services.measurement_import_csv(initiative=initiative_a, user=lead_a, file=csv_file(
        "\ufeffIndikator;Datum;Värde;Uppdelning;Grupp\nI arbete;2025-01-31;3,25;ålder;16–19\n"))
    assert report.ok
    assert Measurement.objects.get().value == D("3.25")


def test_it_updates_a_point_imported_again(initiative_a, lead_a, indicators):
    first = "indicator,date,value\nI arbete,2025-03-31,12\n"
    services.measurement_import_csv(initiative=initiative_a, user=lead_a, file=csv_file(first))
    report = services.measurement_import_csv(initiative=initiative_a, user=lead_a,
                                             file=csv_file(first.replace(",12", ",14")))
    assert (report.created, report.updated) == (0, 1)
    assert Measurement.objects.get().value == D(14)


def test_it_reports_every_bad_row_and_writes_nothing(initiative_a, lead_a, indicators,
                                                     initiative_b, lead_b):
    outcome_with_indicator(initiative_b, lead_b, indicator="B:s indikator")
    report = services.measurement_import_csv(initiative=initiative_a, user=lead_a, file=csv_file(
        "indicator,date,value,breakdown_dimension,breakdown_value\n"
        "I arbete,2025-03-31,12,,\n"            # row 2: fine
        "Okänd,2025-03-31,1,,\n"                 # row 3: no such indicator
        "I arbete,31/3/2025,1,,\n"               # row 4: not an ISO date
        "I arbete,2025-04-30,tolv,,\n"           # row 5: not a number
        "I arbete,2025-05-31,1,kön,\n"           # row 6: a dimension without its group
        "I arbete,2025-03-31,13,,\n"             # row 7: the same point as row 2
        "B:s indikator,2025-03-31,1,,\n"         # row 8: another initiative's indicator
        "I arbete,2025-06-31,1,,\n"              # row 9: no such day
        "I arbete,2025-07-31,1.23456,,\n"))      # row 10: more decimals than stored
    assert not report.ok
    assert sorted({e.row for e in report.errors}) == [3, 4, 5, 6, 7, 8, 9, 10]
    by_row = {e.row: e for e in report.errors}
    assert by_row[3].column == "indicator" and by_row[4].column == "date"
    assert by_row[5].column == "value" and by_row[6].column == "breakdown_value"
    assert "2" in by_row[7].message  # names the earlier row
    assert by_row[10].column == "value"
    assert not Measurement.objects.exists()
    assert (report.created, report.updated) == (0, 0)
    assert not AuditEntry.objects.filter(action=services.MEASUREMENTS_IMPORTED).exists()


def test_it_reports_a_missing_column_as_a_header_error(initiative_a, lead_a, indicators):
    report = services.measurement_import_csv(initiative=initiative_a, user=lead_a,
                                             file=csv_file("indicator,date\nI arbete,2025-01-01\n"))
    assert [(e.row, e.column) for e in report.errors] == [(1, "value")]
    assert not Measurement.objects.exists()


def test_it_refuses_files_that_are_not_csv(initiative_a, lead_a, indicators):
    with pytest.raises(ImportFileError):
        services.measurement_import_csv(initiative=initiative_a, user=lead_a,
                                        file=csv_file("x", name="data.xlsx"))
    with pytest.raises(ImportFileError):
        services.measurement_import_csv(initiative=initiative_a, user=lead_a,
                                        file=SimpleUploadedFile("latin1.csv",
                                                                "indikator\nå\n".encode("latin-1")))


def test_it_refuses_people_outside_the_team(initiative_a, lead_a, indicators, viewer_a, lead_b,
                                            outsider):
    data = "indicator,date,value\nI arbete,2025-03-31,12\n"
    with pytest.raises(PermissionDenied):
        services.measurement_import_csv(initiative=initiative_a, user=viewer_a,
                                        file=csv_file(data))
    for stranger in (lead_b, outsider):
        with pytest.raises(Http404):
            services.measurement_import_csv(initiative=initiative_a, user=stranger,
                                            file=csv_file(data))
    assert not Measurement.objects.exists()


def test_it_lets_a_contributor_import(initiative_a, contributor_a, indicators):
    report = services.measurement_import_csv(
        initiative=initiative_a, user=contributor_a,
        file=csv_file("indicator,date,value\nI arbete,2025-03-31,-2.5\n"))
    assert report.ok and Measurement.objects.get().value == D("-2.5")
