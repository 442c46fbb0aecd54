"""axe-core on the survey pages: answering (public link, a section, review), the report page,
and the analysts' pages of a round (overview, invitations, results, cross-tabs, free text,
comparison, responses), in both languages where the text differs.

Rows are made with the ORM (browser tests must not write audit rows). A
response is resumed by a link whose secret the test chooses.
"""

from __future__ import annotations

from typing import Any

import pytest

from sihub.browser_tests.test_accessibility_events import _check, _log_in, _person

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

RESUME = "browser-test-resume-link"


def _surveys(homes: dict[str, Any]) -> dict[str, Any]:
    from sihub.core.demo import _publish, _translate
    from sihub.surveys import tokens
    from sihub.surveys.models import Invitation, MonitorReportPage, RoundStatus
    from sihub.surveys.tests.conftest import (
        FULL_ANSWERS,
        make_questionnaire,
        make_response,
        make_round,
    )

    questionnaire = make_questionnaire()
    earlier = make_round(questionnaire, "monitor-2025", status=RoundStatus.CLOSED,
                         results_public=True)
    current = make_round(questionnaire, "monitor-2026", results_public=True)
    variants = [{}, {"q_sector": "public", "q_stage": "startup", "q_measure": "no"},
                {"q_sector": "private", "q_region": "south", "q_optimism": 2}]
    for n in range(18):
        answers = {**FULL_ANSWERS, **variants[n % 3]}
        if answers["q_stage"] == "startup":
            answers.pop("q_profit", None)
        if answers["q_measure"] == "no":
            answers.pop("q_measure_how", None)
        make_response(current, answers)
        make_response(earlier, {**answers, "q_optimism": 3})
    started = make_response(current, {"q_sector": "civil"}, submitted=False)
    started.resume_digest = tokens.digest(RESUME)
    started.save()
    Invitation.objects.create(round=current, email="ada@example.org", name="Ada",
                              token_digest=tokens.new_token()[1])
    report = MonitorReportPage(title="Sociala företag 2026", slug="monitor", round=current,
                               compare_with=earlier, intro="Vad sociala företag säger.",
                               body="<p>Fler mäter sin samhällsnytta.</p>", breakdown="sector")
    homes["sv"].add_child(instance=report)
    _publish(report)
    _translate(report, homes["en"].locale, "Social enterprises 2026", "monitor")
    return {"round": current.pk, "earlier": earlier.pk, "key": current.public_key,
            "questionnaire": questionnaire.pk, "response": started.pk}


def test_the_survey_pages_have_no_serious_axe_violations(new_page: Any, site: str,
                                                         demo_site: dict[str, Any]) -> None:
    from sihub.core.roles import ANALYST

    _person("ana.analyst@example.org", ANALYST)
    ids = _surveys(demo_site)
    r = ids["round"]
    failures: list[str] = []

    public = new_page()
    _check(public, site, [
        "/sv/surveys/", f"/sv/surveys/s/{ids['key']}/", f"/en/surveys/s/{ids['key']}/",
        f"/sv/surveys/r/{RESUME}/", f"/en/surveys/r/{RESUME}/2/",
        f"/sv/surveys/r/{RESUME}/review/", "/sv/monitor/", "/en/monitor/",
    ], failures)

    analyst = new_page()
    _log_in(analyst, site, "ana.analyst@example.org")
    base = f"/sv/surveys/manage/rounds/{r}"
    _check(analyst, site, [
        "/sv/surveys/manage/", f"/sv/surveys/manage/questionnaires/{ids['questionnaire']}/",
        "/sv/surveys/manage/rounds/new/", f"{base}/", f"{base}/invitations/",
        f"{base}/results/", f"/en/surveys/manage/rounds/{r}/results/?q_sector=civil",
        f"{base}/crosstab/?question=q_optimism&by=sector", f"{base}/free-text/",
        f"/sv/surveys/manage/compare/?a={ids['earlier']}&b={r}", f"{base}/responses/",
        f"{base}/responses/{ids['response']}/",
    ], failures)
    assert not failures, "\n".join(failures)
