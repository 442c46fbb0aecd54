"""The public monitor report page: figures in words, small groups hidden, no free text."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import RequestFactory
from wagtail.models import Page

from sihub.surveys import report
from sihub.surveys.models import MonitorReportPage, RoundStatus
from sihub.surveys.tests.conftest import FULL_ANSWERS, make_response, make_round

pytestmark = pytest.mark.django_db

BODY = "<p>Fler sociala företag ser ljust på framtiden.</p>"
SECRETS = (FULL_ANSWERS["q_story"], FULL_ANSWERS["q_measure_how"])


def answers(**changes: Any) -> dict[str, Any]:
    return {**FULL_ANSWERS, **changes}


def fill(survey_round, sectors: dict[str, int], *, south: int = 0, optimism: int = 4) -> None:
    """Responses with the given sectors; the first ``south`` of them in the south."""
    n = 0
    for sector, count in sectors.items():
        for _ in range(count):
            region = "south" if n < south else "north"
            make_response(survey_round, answers(q_sector=sector, q_region=region,
                                                q_optimism=optimism))
            n += 1


@pytest.fixture(autouse=True)
def _min_group(settings):
    settings.SIHUB_SURVEYS_MIN_GROUP = 5


@pytest.fixture
def rounds(questionnaire):
    """2025 (civil 5 of 10) and 2026 (civil 6 of 10; 2 respondents in the south)."""
    before = make_round(questionnaire, "monitor-2025", status=RoundStatus.CLOSED,
                        results_public=True)
    fill(before, {"civil": 5, "public": 5}, optimism=3)
    now = make_round(questionnaire, "monitor-2026", status=RoundStatus.CLOSED,
                     results_public=True)
    fill(now, {"civil": 6, "public": 3, "private": 1}, south=2, optimism=4)
    return before, now


def make_page(demo_site, survey_round, language: str = "sv", **fields: Any
              ) -> MonitorReportPage:
    from sihub.core.demo import _publish

    fields.setdefault("key_questions", "q_sector,q_optimism")
    slug = fields.pop("slug", f"monitorn-{survey_round.slug}")
    page = MonitorReportPage(title="Monitorn", slug=slug,
                             round=survey_round, intro="Så mår sektorn.", body=BODY,
                             **fields)
    demo_site[language].add_child(instance=page)
    _publish(page)
    return MonitorReportPage.objects.get(pk=page.pk)


def context(page) -> report.Report:
    return report.report_context(page, RequestFactory().get("/"))["report"]


def chart_cells(chart) -> dict[str, list[Any]]:
    return {row.label: [cell.value for cell in row.cells] for row in chart.rows}


def test_it_puts_the_key_figures_in_words_with_the_change(demo_site, rounds):
    before, now = rounds
    page = make_page(demo_site, now, compare_with=before)
    found = context(page)
    assert found.public and found.responses == 10
    responses, sector, optimism = found.figures
    assert responses.value == "10"
    assert (sector.value, sector.hidden) == ("60 %", False)
    assert "“Sektor”" in sector.text and "“Civilsamhälle”" in sector.text
    assert sector.change.startswith("+10 ") and sector.change.endswith("Monitorn 2025")
    assert optimism.value == "4" and optimism.change.startswith("+1 ")
    assert found.compare_title == "Monitorn 2025"


def test_the_page_speaks_the_language_of_its_locale(demo_site, rounds):
    _before, now = rounds
    found = context(make_page(demo_site, now, language="en"))
    assert "“Civil society”" in found.figures[1].text
    assert found.round_title == "The monitor 2026"
    assert found.questions[0].heading == "Sector"


def test_groups_under_the_minimum_are_hidden(demo_site, rounds):
    _before, now = rounds
    found = context(make_page(demo_site, now, breakdown="region"))
    by_code = {q.code: q for q in found.questions}
    sectors = chart_cells(by_code["q_sector"].chart)
    assert sectors["Civilsamhälle"] == [6, 60.0]
    assert sectors["Offentlig"] == [None, None] and sectors["Privat"] == [None, None]
    # Two in the south: hidden, and the north with it (8 = 10 − 2 would tell).
    assert chart_cells(by_code["q_region"].chart) == {"Norr": [None, None],
                                                       "Söder": [None, None]}
    breakdown = by_code["q_sector"].breakdown
    south = breakdown.headers.index("Söder (%)")
    assert all(row.cells[south].value is None for row in breakdown.rows)
    assert by_code["q_region"].breakdown is None  # not by itself


def test_it_charts_every_choice_and_scale_question_when_none_are_named(demo_site, rounds):
    _before, now = rounds
    found = context(make_page(demo_site, now))
    assert [q.code for q in found.questions] == [
        "q_sector", "q_region", "q_size", "q_stage", "q_sdgs", "q_measure", "q_optimism",
        "q_barriers", "q_profit"]
    named = context(make_page(demo_site, now, slug="named",
                              chart_questions="q_optimism, q_story, q_staff, nope"))
    assert [q.code for q in named.questions] == ["q_optimism", "q_staff"]


def test_a_round_whose_results_are_not_public_shows_no_numbers(demo_site, rounds):
    before, now = rounds
    now.results_public = False
    now.save()
    found = context(make_page(demo_site, now, compare_with=before))
    assert not found.public and found.figures == [] and found.questions == []
    assert found.responses == 0


def test_it_does_not_compare_with_a_round_that_is_not_public(demo_site, rounds):
    before, now = rounds
    before.results_public = False
    before.save()
    found = context(make_page(demo_site, now, compare_with=before))
    assert found.compare_title == ""
    assert all(f.change == "" for f in found.figures)
    assert all(q.comparison is None for q in found.questions)


# --- Rendering (MonitorReportPage.get_context calls report.report_context) ----------------


@pytest.fixture
def wired(monkeypatch):
    """The get_context the lead adds to the model, until it is there."""
    if MonitorReportPage.get_context is Page.get_context:
        def get_context(self, request, *args, **kwargs):  # type: ignore[no-untyped-def]
            context = super(MonitorReportPage, self).get_context(request, *args, **kwargs)
            context.update(report.report_context(self, request))
            return context

        monkeypatch.setattr(MonitorReportPage, "get_context", get_context, raising=False)


def _figure_html(html: str, code: str) -> str:
    match = re.search(rf'<figure class="survey-chart" id="survey-chart-{code}-\d+">(.*?)'
                      r"</figure>", html, re.S)
    assert match, code
    return match.group(1)


def test_the_page_shows_figures_charts_tables_and_the_method(client, demo_site, rounds, wired):
    before, now = rounds
    page = make_page(demo_site, now, compare_with=before, breakdown="region")
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "60 %" in html and "Fler sociala företag" in html and "Så mår sektorn." in html
    assert '<svg class="survey-chart__svg"' in html and '<th scope="col">' in html
    assert "surveys/report.css" in html and "surveys/charts.css" in html
    region = _figure_html(html, "q_region")
    assert "<td>2</td>" not in region and "<td>8</td>" not in region
    assert "<td>6</td>" in _figure_html(html, "q_sector")
    for secret in SECRETS:
        assert secret not in html
    assert "/manage/" not in html and "export" not in html  # no raw data from a public page
    assert re.search(r"Based on 10 responses|10 svar", html)
    assert 'style="' not in html.split("<main", 1)[-1]  # CSP: no inline styles


def test_the_page_of_a_round_that_is_not_public_has_text_only(client, demo_site, rounds,
                                                               wired):
    _before, now = rounds
    now.results_public = False
    now.save()
    html = client.get(make_page(demo_site, now).url).content.decode()
    assert "Fler sociala företag" in html
    assert "<svg" not in html and "60 %" not in html and "key-figure" not in html
    assert "not public yet" in html or "inte offentliga" in html
