"""The printable initiative report: every section, escaping, missing data, access."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from sihub.conftest import login
from sihub.impact import assessment_services, services
from sihub.impact.tests.assessment_fixtures import HOSTILE, answers, complete_initiative
from sihub.impact.tests.conftest import fresh

SECTIONS = ("report-overview", "report-stakeholders", "report-toc", "report-indicators",
            "report-sroi", "report-assessment")


def url(initiative, language: str = "en") -> str:
    with translation.override(language):
        return reverse("impact:report", args=[initiative.pk])


@pytest.fixture
def complete_a(initiative_a, lead_a):
    parts = complete_initiative(initiative_a, lead_a)
    assessment_services.self_assessment_submit(initiative=initiative_a, user=lead_a,
                                               answers=answers(3))
    return initiative_a, parts


def test_it_renders_every_section_of_a_complete_initiative(complete_a, lead_a):
    initiative, _parts = complete_a
    response = login(lead_a).get(url(initiative))
    assert response.status_code == 200
    assert response.context["section"] == "report"
    html = response.content.decode()
    for section in SECTIONS:
        assert f'id="{section}"' in html, section
    # Overview facts
    assert "Ungdomsarbetslöshet" in html and "ESF" in html and "1,500,000 SEK" in html
    assert "<li>8. Decent Work and Economic Growth</li>" in html
    # Stakeholders and outcomes
    assert "Unga Får arbete" in html and "Short term" in html
    # Theory of change: the diagram, its assumption and its text
    assert 'class="toc-diagram"' in html
    assert "Coachning Får arbete" in html and "Arbetsgivare anställer Får arbete" in html
    # Indicators: the latest total (15), not the breakdown group (99), against the target 20
    row = response.context["indicator_rows"][0]
    assert str(row.latest.value) == "15.0000" and int(row.progress) == 75
    assert "75 %" in html and "2025-12-31" in html and 'class="ind-spark"' in html
    # SROI: the figures of the README example (ratio 1.79)
    assert response.context["sroi_error"] == ""
    assert "<strong>1.79 : 1</strong>" in html
    assert "Total present value" in html and "SCB" in html
    # Self-assessment, its headings below the section's h3
    assert "Overall score: <strong>3.00</strong> of 4 (Strong)" in html
    assert "<h4>Result</h4>" in html and "<h4>Advice</h4>" in html
    # Print: its stylesheet and the hint about print-to-PDF
    assert "impact/report.css" in html and "impact/assessment.css" in html
    assert "Save as PDF" in html
    assert 'style="' not in html and "onclick" not in html


def test_it_escapes_text_the_team_typed(initiative_a, lead_a):
    complete_initiative(initiative_a, lead_a, text=HOSTILE)
    services.initiative_update(initiative=initiative_a, user=lead_a,
                               fields={"purpose": HOSTILE, "public_summary_en": HOSTILE})
    html = login(lead_a).get(url(initiative_a)).content.decode()
    assert HOSTILE not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert html.count("&lt;script&gt;") >= 6  # purpose, summary, group, outcome, ToC, SROI…


def test_it_shows_why_the_sroi_cannot_be_computed_without_inputs(initiative_a, lead_a):
    response = login(lead_a).get(url(initiative_a))
    assert response.status_code == 200
    assert response.context["sroi"] is None
    assert response.context["sroi_error"] == "Fill in the total value of the inputs first."
    html = response.content.decode()
    assert "The SROI cannot be computed yet: Fill in the total value of the inputs first." in html
    assert "No theory of change yet." in html and "No indicators yet." in html
    assert "No stakeholder groups yet." in html
    assert "No self-assessment has been made yet." in html


def test_it_shows_why_the_sroi_cannot_be_computed_without_rows(initiative_a, lead_a):
    services.initiative_update(initiative=initiative_a, user=lead_a,
                               fields={"inputs_total": 1000})
    response = login(lead_a).get(url(initiative_a))
    assert response.context["sroi_error"] == "The value map has no rows yet."


def test_it_shows_the_team_viewer_and_editor_the_unpublished_report(complete_a, viewer_a,
                                                                   editor):
    initiative, _ = complete_a
    for person in (viewer_a, fresh(editor)):
        assert login(person).get(url(initiative)).status_code == 200


@pytest.mark.parametrize("who", ["lead_b", "outsider", "anonymous"])
def test_it_hides_the_report_of_an_unpublished_initiative(who, complete_a, lead_b, outsider):
    initiative, _ = complete_a
    client = {"lead_b": login(lead_b), "outsider": login(outsider), "anonymous": Client()}[who]
    assert client.get(url(initiative)).status_code == 404
    assert client.get(url(initiative, "sv")).status_code == 404


def test_it_shows_the_public_the_report_of_a_published_initiative(public_b, lead_b, analyst):
    complete_initiative(public_b, lead_b)
    response = Client().get(url(public_b))
    assert response.status_code == 200
    assert response.context["can_write"] is False
    assert b"<form method=\"post\"" not in response.content
    assert b"<strong>1.79 : 1</strong>" in response.content
    assert login(fresh(analyst)).get(url(public_b)).status_code == 200


def test_it_formats_numbers_the_swedish_way_on_swedish_pages(complete_a, lead_a):
    initiative, _ = complete_a
    html = login(lead_a).get(url(initiative, "sv")).content.decode()
    assert "1,79 : 1" in html
    assert "1\xa0500\xa0000 kr" in html or "1 500 000 kr" in html  # Swedish: "%(amount)s SEK" → "… kr"


def test_it_only_answers_get(complete_a, lead_a):
    initiative, _ = complete_a
    assert login(lead_a).post(url(initiative)).status_code == 405


def test_it_needs_no_more_queries_for_more_rows(initiative_a, lead_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    complete_initiative(initiative_a, lead_a, text="ett")
    client = login(lead_a)
    client.get(url(initiative_a))  # warm caches (sessions, content types, permissions)
    with CaptureQueriesContext(connection) as one:
        client.get(url(initiative_a))
    for text in ("två", "tre"):
        group = services.stakeholder_create(initiative=initiative_a, user=lead_a,
                                            name=f"Grupp {text}")
        outcome = services.outcome_create(initiative=initiative_a, user=lead_a,
                                          stakeholder=group, description=f"Effekt {text}")
        services.indicator_create(outcome=outcome, user=lead_a, name=f"Indikator {text}")
        services.value_map_row_create(initiative=initiative_a, user=lead_a, fields={
            "stakeholder": group, "outcome": outcome, "quantity": 1, "proxy_value": 100})
    with CaptureQueriesContext(connection) as three:
        client.get(url(initiative_a))
    assert len(three) == len(one)
