"""The indicator pages: who sees and changes what, adding, measuring, importing, exporting."""

from __future__ import annotations

import csv
import re
import io
from datetime import date
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from sihub.conftest import login
from sihub.core.importing import MAX_BYTES
from sihub.core.models import AuditEntry
from sihub.impact import indicator_services, services
from sihub.impact.models import Indicator, Measurement
from sihub.impact.tests.conftest import outcome_with_indicator


def url(name: str, *args: int) -> str:
    with translation.override("en"):
        return reverse(f"impact:{name}", args=args)


def csv_file(text: str, name: str = "matningar.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


@pytest.fixture
def jobs(initiative_a, lead_a) -> Indicator:
    """Indicator of A: 0 → 20 people."""
    return outcome_with_indicator(initiative_a, lead_a, indicator="I arbete")


@pytest.fixture
def public_indicator(public_b, lead_b) -> Indicator:
    return outcome_with_indicator(public_b, lead_b, indicator="Besökare")


def measure(indicator: Indicator, user, on: date, value: str, dim: str = "", group: str = ""):
    return indicator_services.measurement_save(indicator=indicator, user=user, on=on,
                                               value=D(value), breakdown_dimension=dim,
                                               breakdown_value=group)


# --- Who sees and changes what ---------------------------------------------------------------


@pytest.mark.parametrize("page", ["indicators", "indicator", "measurements_import"])
def test_it_hides_unpublished_pages_from_other_teams_and_anonymous(page, initiative_a, jobs,
                                                                   lead_b):
    args = (initiative_a.pk, jobs.pk) if page == "indicator" else (initiative_a.pk,)
    assert Client().get(url(page, *args)).status_code == 404
    other = login(lead_b)
    assert other.get(url(page, *args)).status_code == 404
    assert other.post(url(page, *args), {"action": "measurement_save"}).status_code == 404


def test_it_refuses_posts_from_other_teams(initiative_a, jobs, lead_b):
    other = login(lead_b)
    outcome = jobs.outcome
    response = other.post(url("indicators", initiative_a.pk),
                          {"outcome": outcome.pk, "name": "Intrång", "frequency": "yearly"})
    assert response.status_code == 404
    response = other.post(url("indicator", initiative_a.pk, jobs.pk),
                          {"action": "measurement_save", "measurement-date": "2025-01-01",
                           "measurement-value": "3"})
    assert response.status_code == 404
    assert not Indicator.objects.filter(name="Intrång").exists()
    assert not Measurement.objects.exists()


def test_it_shows_a_published_initiative_read_only_to_anonymous(public_b, public_indicator,
                                                                lead_b):
    measure(public_indicator, lead_b, date(2025, 1, 31), "4")
    client = Client()
    listing = client.get(url("indicators", public_b.pk))
    assert listing.status_code == 200
    assert "Besökare" in listing.content.decode()
    assert b"<form method=\"post\"" not in listing.content
    detail = client.get(url("indicator", public_b.pk, public_indicator.pk))
    assert detail.status_code == 200
    assert b"<svg" in detail.content and b"method=\"post\"" not in detail.content
    assert client.post(url("indicators", public_b.pk), {}).status_code == 403
    assert client.post(url("indicator", public_b.pk, public_indicator.pk),
                       {"action": "indicator_delete"}).status_code == 403
    assert client.get(url("measurements_import", public_b.pk)).status_code == 403
    assert Indicator.objects.filter(pk=public_indicator.pk).exists()


def test_it_lets_a_viewer_read_but_not_write(initiative_a, jobs, viewer_a):
    client = login(viewer_a)
    response = client.get(url("indicator", initiative_a.pk, jobs.pk))
    assert response.status_code == 200 and not response.context["can_write"]
    assert b"method=\"post\"" not in response.content
    assert client.post(url("indicator", initiative_a.pk, jobs.pk),
                       {"action": "measurement_save", "measurement-date": "2025-01-01",
                        "measurement-value": "3"}).status_code == 403
    assert not Measurement.objects.exists()


def test_it_lets_the_team_and_analysts_write(initiative_a, jobs, lead_a, analyst):
    for person, value in ((lead_a, "3"), (analyst, "5")):
        client = login(person)
        page = client.get(url("indicator", initiative_a.pk, jobs.pk))
        assert page.status_code == 200 and page.context["can_write"]
        response = client.post(url("indicator", initiative_a.pk, jobs.pk), {
            "action": "measurement_save", "measurement-date": f"2025-0{value}-01",
            "measurement-value": value})
        assert response.status_code == 302
    assert sorted(jobs.measurements.values_list("value", flat=True)) == [D(3), D(5)]


def test_it_404s_an_indicator_of_another_initiative(initiative_a, lead_a, public_b,
                                                    public_indicator):
    """The id of B's indicator under A's URL does not reach it, even for a reader of both."""
    response = login(lead_a).get(url("indicator", initiative_a.pk, public_indicator.pk))
    assert response.status_code == 404


# --- Indicators ------------------------------------------------------------------------------


def test_it_adds_an_indicator_to_an_outcome(initiative_a, jobs, lead_a):
    client = login(lead_a)
    response = client.post(url("indicators", initiative_a.pk), {
        "outcome": jobs.outcome.pk, "name": "Frånvarodagar", "unit": "dagar",
        "baseline": "30", "target": "12,5", "data_source": "Skolans register",
        "frequency": "quarterly"})
    created = Indicator.objects.get(name="Frånvarodagar")
    assert response.status_code == 302
    assert response["Location"] == url("indicator", initiative_a.pk, created.pk)
    assert (created.baseline, created.target, created.frequency) == (D(30), D("12.5"),
                                                                     "quarterly")
    assert AuditEntry.objects.filter(action=services.INDICATOR_SAVED, target_id=str(created.pk),
                                     actor_id=lead_a.pk).exists()


def test_it_shows_errors_for_a_duplicate_indicator_name(initiative_a, jobs, lead_a):
    response = login(lead_a).post(url("indicators", initiative_a.pk), {
        "outcome": jobs.outcome.pk, "name": "i arbete", "frequency": "yearly"})
    assert response.status_code == 400
    assert b"error-summary" in response.content
    assert Indicator.objects.count() == 1


def test_it_refuses_an_outcome_of_another_initiative(initiative_a, jobs, lead_a, public_b,
                                                     public_indicator):
    response = login(lead_a).post(url("indicators", initiative_a.pk), {
        "outcome": public_indicator.outcome.pk, "name": "Smuggel", "frequency": "yearly"})
    assert response.status_code == 400
    assert not Indicator.objects.filter(name="Smuggel").exists()


def test_it_edits_and_deletes_an_indicator(initiative_a, jobs, lead_a):
    client = login(lead_a)
    response = client.post(url("indicator", initiative_a.pk, jobs.pk), {
        "action": "indicator_update", "indicator-name": "I arbete efter 6 mån",
        "indicator-unit": "personer", "indicator-baseline": "0", "indicator-target": "25",
        "indicator-frequency": "yearly"})
    assert response.status_code == 302
    jobs.refresh_from_db()
    assert (jobs.name, jobs.target) == ("I arbete efter 6 mån", D(25))
    response = client.post(url("indicator", initiative_a.pk, jobs.pk),
                           {"action": "indicator_delete"})
    assert response.status_code == 302
    assert response["Location"] == url("indicators", initiative_a.pk)
    assert not Indicator.objects.filter(pk=jobs.pk).exists()


def test_it_lists_indicators_by_stakeholder_with_progress(initiative_a, jobs, lead_a):
    absences = services.indicator_create(outcome=jobs.outcome, user=lead_a,
                                         name="Frånvarodagar", baseline=D(30), target=D(10))
    measure(jobs, lead_a, date(2025, 1, 31), "2")
    measure(jobs, lead_a, date(2025, 6, 30), "5")  # the latest: 5 of 0 → 20 = 25 %
    measure(jobs, lead_a, date(2025, 6, 30), "99", "kön", "kvinnor")  # a group, not the total
    measure(absences, lead_a, date(2025, 6, 30), "20")  # 30 → 10, at 20: half-way
    response = login(lead_a).get(url("indicators", initiative_a.pk))
    assert response.status_code == 200
    [(group, [(outcome, rows)])] = response.context["groups"]
    assert group.name == "Unga 16–24" and outcome == jobs.outcome
    progress = {row.indicator.name: row.progress for row in rows}
    assert progress == {"I arbete": D(25), "Frånvarodagar": D(50)}
    latest = {row.indicator.name: row.latest.value for row in rows}
    assert latest["I arbete"] == D(5)
    html = response.content.decode()
    assert "25 %" in html and "50 %" in html


def test_it_lists_without_a_query_per_indicator(initiative_a, jobs, lead_a):
    client = login(lead_a)
    client.get(url("indicators", initiative_a.pk))
    with CaptureQueriesContext(connection) as few:
        client.get(url("indicators", initiative_a.pk))
    for i in range(5):
        extra = services.indicator_create(outcome=jobs.outcome, user=lead_a, name=f"Extra {i}",
                                          target=D(10))
        measure(extra, lead_a, date(2025, 1, 1), str(i))
    with CaptureQueriesContext(connection) as many:
        client.get(url("indicators", initiative_a.pk))
    assert len(many) == len(few)


# --- Measurements ----------------------------------------------------------------------------


def test_it_adds_corrects_and_deletes_a_measurement(initiative_a, jobs, lead_a):
    client = login(lead_a)
    page = url("indicator", initiative_a.pk, jobs.pk)
    response = client.post(page, {"action": "measurement_save", "measurement-date": "2025-03-31",
                                  "measurement-value": "12,5",
                                  "measurement-breakdown_dimension": "kön",
                                  "measurement-breakdown_value": "kvinnor"})
    assert response.status_code == 302 and response["Location"] == page
    point = jobs.measurements.get()
    assert (point.value, point.breakdown_value) == (D("12.5"), "kvinnor")
    assert AuditEntry.objects.filter(action=indicator_services.MEASUREMENT_SAVED).count() == 1

    edit = client.get(page, {"edit": point.pk})
    assert edit.status_code == 200 and edit.context["editing"] == point
    response = client.post(page, {"action": "measurement_save", "measurement": point.pk,
                                  "measurement-date": "2025-03-31", "measurement-value": "13"})
    assert response.status_code == 302
    point.refresh_from_db()
    assert (point.value, point.breakdown_dimension) == (D(13), "")
    assert jobs.measurements.count() == 1

    response = client.post(page, {"action": "measurement_delete", "measurement": point.pk})
    assert response.status_code == 302 and not jobs.measurements.exists()
    assert AuditEntry.objects.filter(action=indicator_services.MEASUREMENT_DELETED).exists()


def test_it_rejects_a_half_breakdown_and_a_duplicate_point(initiative_a, jobs, lead_a):
    client = login(lead_a)
    page = url("indicator", initiative_a.pk, jobs.pk)
    response = client.post(page, {"action": "measurement_save", "measurement-date": "2025-03-31",
                                  "measurement-value": "1",
                                  "measurement-breakdown_dimension": "kön"})
    assert response.status_code == 400 and b"error-summary" in response.content
    measure(jobs, lead_a, date(2025, 3, 31), "1")
    response = client.post(page, {"action": "measurement_save", "measurement-date": "2025-03-31",
                                  "measurement-value": "2"})
    assert response.status_code == 400 and b"error-summary" in response.content
    assert list(jobs.measurements.values_list("value", flat=True)) == [D(1)]


def test_it_cannot_touch_a_measurement_of_another_indicator(initiative_a, jobs, lead_a, lead_b,
                                                            public_indicator):
    foreign = measure(public_indicator, lead_b, date(2025, 1, 1), "7")
    response = login(lead_a).post(url("indicator", initiative_a.pk, jobs.pk),
                                  {"action": "measurement_delete", "measurement": foreign.pk})
    assert response.status_code == 404
    assert Measurement.objects.filter(pk=foreign.pk).exists()


def test_it_charts_the_total_and_the_groups_of_a_breakdown(initiative_a, jobs, lead_a):
    measure(jobs, lead_a, date(2025, 1, 31), "4")
    measure(jobs, lead_a, date(2025, 6, 30), "9")
    measure(jobs, lead_a, date(2025, 6, 30), "5", "kön", "kvinnor")
    measure(jobs, lead_a, date(2025, 6, 30), "4", "kön", "män")
    client = login(lead_a)
    page = url("indicator", initiative_a.pk, jobs.pk)
    total = client.get(page)
    assert [line.name for line in total.context["chart"].lines] == ["Total"]
    assert total.context["chart"].target.value == 20
    split = client.get(page, {"breakdown": "kön"})
    assert [line.name for line in split.context["chart"].lines] == ["Total", "kvinnor", "män"]
    assert [r.values for r in split.context["table"]] == [[D(4), None, None], [D(9), D(5), D(4)]]
    assert client.get(page, {"breakdown": "nonsense"}).context["dimension"] == ""


def test_it_exports_the_measurements_as_csv(initiative_a, lead_a):
    formula = outcome_with_indicator(initiative_a, lead_a, indicator="=HYPERLINK(1)")
    measure(formula, lead_a, date(2025, 1, 31), "12.5")
    measure(formula, lead_a, date(2025, 1, 31), "-3", "ålder", "16–19")
    response = login(lead_a).get(url("indicator", initiative_a.pk, formula.pk), {"format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [
        ["indicator", "date", "value", "breakdown_dimension", "breakdown_value"],
        ["'=HYPERLINK(1)", "2025-01-31", "12.5", "", ""],
        ["'=HYPERLINK(1)", "2025-01-31", "-3", "ålder", "16–19"],
    ]


def test_it_exports_a_published_indicator_to_anyone_but_not_an_unpublished_one(
        public_b, public_indicator, initiative_a, jobs):
    assert Client().get(url("indicator", public_b.pk, public_indicator.pk),
                        {"format": "csv"}).status_code == 200
    assert Client().get(url("indicator", initiative_a.pk, jobs.pk),
                        {"format": "csv"}).status_code == 404


# --- Import ----------------------------------------------------------------------------------


def test_it_imports_a_file_and_reports_the_counts(initiative_a, jobs, lead_a):
    measure(jobs, lead_a, date(2025, 1, 31), "1")
    response = login(lead_a).post(url("measurements_import", initiative_a.pk), {
        "file": csv_file("indicator,date,value,breakdown_dimension,breakdown_value\n"
                         "I arbete,2025-01-31,2,,\n"
                         "I arbete,2025-06-30,\"7,5\",kön,kvinnor\n")}, follow=True)
    assert response.redirect_chain[-1][0] == url("indicators", initiative_a.pk)
    assert sorted(jobs.measurements.values_list("value", flat=True)) == [D(2), D("7.5")]
    [message] = [str(m) for m in response.context["messages"]]
    assert "1" in message and "new" in message and "updated" in message


def test_it_writes_nothing_when_one_row_is_bad_and_names_the_row(initiative_a, jobs, lead_a):
    response = login(lead_a).post(url("measurements_import", initiative_a.pk), {
        "file": csv_file("indicator,date,value\n"
                         "I arbete,2025-01-31,2\n"
                         "I arbete,31/1/2025,3\n"
                         "I arbete,2025-03-31,4\n")})
    assert response.status_code == 400
    assert not Measurement.objects.exists()
    [error] = response.context["report"].errors
    assert (error.row, error.column) == (3, "date")
    assert '<th scope="row" class="num">3</th>' in response.content.decode()


def test_it_rejects_an_oversized_file(initiative_a, jobs, lead_a):
    big = SimpleUploadedFile("stor.csv", b"indicator,date,value\n" + b"x" * MAX_BYTES,
                             content_type="text/csv")
    response = login(lead_a).post(url("measurements_import", initiative_a.pk), {"file": big})
    assert response.status_code == 400
    assert response.context["form"].has_error("file", "file_too_large")
    assert not Measurement.objects.exists()


def test_it_rejects_a_file_that_is_not_csv(initiative_a, jobs, lead_a):
    response = login(lead_a).post(url("measurements_import", initiative_a.pk),
                                  {"file": csv_file("indicator,date,value\n", "data.xlsx")})
    assert response.status_code == 400 and b"error-summary" in response.content


def test_it_offers_a_template_with_the_indicator_names(initiative_a, jobs, lead_a):
    response = login(lead_a).get(url("measurements_import", initiative_a.pk),
                                 {"format": "template"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["indicator", "date", "value", "breakdown_dimension", "breakdown_value"]
    assert [r[0] for r in rows[1:]] == ["I arbete"]


def test_it_hides_the_import_from_a_viewer(initiative_a, jobs, viewer_a):
    client = login(viewer_a)
    assert client.get(url("measurements_import", initiative_a.pk)).status_code == 403
    response = client.post(url("measurements_import", initiative_a.pk),
                           {"file": csv_file("indicator,date,value\nI arbete,2025-01-31,2\n")})
    assert response.status_code == 403
    assert not Measurement.objects.exists()



def test_it_shows_errors_when_an_edit_clashes_with_another_name(initiative_a, jobs, lead_a):
    services.indicator_create(outcome=jobs.outcome, user=lead_a, name="Frånvarodagar")
    response = login(lead_a).post(url("indicator", initiative_a.pk, jobs.pk), {
        "action": "indicator_update", "indicator-name": "frånvarodagar",
        "indicator-frequency": "yearly"})
    assert response.status_code == 400 and b"error-summary" in response.content
    jobs.refresh_from_db()
    assert jobs.name == "I arbete"


def test_it_keeps_svg_coordinates_unlocalised_in_swedish(initiative_a, jobs, lead_a):
    """Swedish writes 9,25; an SVG coordinate with a comma would break the chart."""
    measure(jobs, lead_a, date(2025, 1, 31), "4")
    measure(jobs, lead_a, date(2025, 6, 30), "9.25")
    response = login(lead_a).get(reverse("impact:indicator", args=[initiative_a.pk, jobs.pk]))
    html = response.content.decode()
    assert "/sv/" in response.request["PATH_INFO"]
    assert re.search(r'cy="\d+\.\d"', html) and not re.search(r'(cx|cy|y1|y2)="\d+,\d', html)
    assert "9,25" in html  # the numbers people read are Swedish
