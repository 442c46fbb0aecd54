"""The surveys demo: two years of the monitor, an invitation round and the 2026 report.

Seeded once per module (home pages, twelve organisations in the directory, then
``demo.seed``) inside a transaction that is rolled back at the end.
"""

from __future__ import annotations

import random
from collections import Counter

import pytest

from sihub.surveys import demo, logic, schema
from sihub.surveys.models import (
    Invitation,
    MonitorReportPage,
    Questionnaire,
    QuestionnaireStatus,
    ResponseStatus,
    RoundStatus,
    SurveyResponse,
    SurveyRound,
)
from sihub.surveys.template import TEMPLATE_FAMILY

ACTOR_KINDS = ("social_enterprise", "cooperative", "association", "foundation")


def _actors(count: int) -> None:
    from sihub.actors.models import Actor
    from sihub.core.models import Municipality, Sector

    sector = Sector.objects.get(slug="social-economy")
    places = list(Municipality.objects.select_related("county").order_by("code")[:count])
    for i in range(count):
        Actor.objects.create(name=f"Demoföretaget {i + 1}", slug=f"demoforetaget-{i + 1}",
                             sector=sector, kind=ACTOR_KINDS[i % len(ACTOR_KINDS)],
                             home_municipality=places[i % len(places)])


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        from django.db import transaction

        from sihub.core.demo import ensure_area_pages, ensure_home_pages

        atomic = transaction.atomic()
        atomic.__enter__()
        ensure_area_pages(ensure_home_pages())
        _actors(12)
        lines: list[str] = []
        demo.seed(scale=0, log=lines.append)
        yield lines
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


def _round(slug: str) -> SurveyRound:
    return SurveyRound.objects.select_related("questionnaire").get(slug=slug)


def _counts() -> dict[str, int]:
    return {"questionnaires": Questionnaire.objects.count(),
            "rounds": SurveyRound.objects.count(),
            "responses": SurveyResponse.objects.count(),
            "invitations": Invitation.objects.count(),
            "reports": MonitorReportPage.objects.count()}


def test_two_published_versions_the_second_based_on_the_first(seeded, db):
    v1, v2 = Questionnaire.objects.filter(family=TEMPLATE_FAMILY).order_by("version")
    assert (v1.version, v2.version) == (1, 2)
    assert v1.status == v2.status == QuestionnaireStatus.PUBLISHED
    assert v2.based_on == v1
    assert v1.published_at < v2.published_at < _round(demo.SLUG_2026).opens_at
    assert v1.published_at < _round(demo.SLUG_2025).opens_at
    assert schema.problems(v2.schema) == []
    codes1 = [q.code for q in v1.schema.questions]
    codes2 = [q.code for q in v2.schema.questions]
    assert set(codes2) - set(codes1) == {"q_hiring"} and set(codes1) <= set(codes2)
    old = v1.schema.question("q_target_groups").option("newly_arrived").label
    new = v2.schema.question("q_target_groups").option("newly_arrived").label
    assert old != new and old.sv and new.en


def test_the_rounds_have_their_settings(seeded, db):
    r25, r26, mapping = _round(demo.SLUG_2025), _round(demo.SLUG_2026), _round(demo.SLUG_MAPPING)
    assert r25.questionnaire.version == 1 and r26.questionnaire.version == 2
    assert r25.title_sv == "Sociala företag i Sverige 2025"
    assert r26.title_en == "Social enterprises in Sweden 2026"
    assert r25.status == RoundStatus.CLOSED and not r25.is_accepting()
    assert r26.status == RoundStatus.OPEN and r26.is_accepting()
    for r in (r25, r26):
        assert r.anonymous and r.public_link and r.results_public
    assert not mapping.anonymous and not mapping.public_link
    assert mapping.title_en == "Actor mapping 2026"


def test_enough_responses_and_a_few_too_fast_left_out(seeded, db):
    r25, r26 = _round(demo.SLUG_2025), _round(demo.SLUG_2026)
    submitted26 = r26.responses.filter(status=ResponseStatus.SUBMITTED)
    assert submitted26.count() >= 320
    assert submitted26.filter(excluded=False).count() >= 300
    assert 15 <= r26.responses.filter(status=ResponseStatus.IN_PROGRESS).count() <= 25
    assert 260 <= r25.responses.filter(status=ResponseStatus.SUBMITTED, excluded=False).count()
    for r in (r25, r26):
        fast = r.responses.filter(flag="too_fast")
        assert 1 <= fast.count() <= 10 and not fast.filter(excluded=False).exists()
        for row in fast:
            assert (row.submitted_at - row.started_at).total_seconds() < 120
    assert not r25.responses.filter(status=ResponseStatus.IN_PROGRESS).exists()


def test_every_response_is_one_the_form_could_have_given(seeded, db):
    checked = 0
    for r in SurveyRound.objects.select_related("questionnaire"):
        parsed = r.questionnaire.schema
        for row in r.responses.all():
            complete = row.status == ResponseStatus.SUBMITTED
            assert demo.answer_problems(parsed, row.answers, complete=complete) == [], row.pk
            assert logic.prune(parsed, row.answers) == row.answers
            shown = logic.visible_codes(parsed, row.answers)
            if complete:
                required = {q.code for q in parsed.questions if q.required and q.code in shown}
                assert required <= set(row.answers)
            checked += 1
    assert checked > 600


def test_the_checker_catches_impossible_answers(seeded, db):
    parsed = _round(demo.SLUG_2026).questionnaire.schema
    good = demo.answers_for(random.Random(1), parsed, year=2026, lang="sv")
    assert demo.answer_problems(parsed, good) == []
    hidden = {**good, "q_measures_impact": "no", "q_measure_methods": ["sroi"]}
    assert "q_measure_methods: not shown" in demo.answer_problems(parsed, hidden)
    missing = {k: v for k, v in good.items() if k != "q_sector"}
    assert [p for p in demo.answer_problems(parsed, missing) if p.startswith("q_sector")]
    too_many = {**good, "q_sdgs": ["1", "2", "3", "4"]}
    assert demo.answer_problems(parsed, too_many) == ["q_sdgs: Choose at most 3 answers."]
    unordered = {**good, "q_sdgs": ["4", "1"]}
    assert demo.answer_problems(parsed, unordered) == [
        "q_sdgs: not unique or not in option order"]
    # "No support" is exclusive in the questionnaire itself, not by a rule of the demo.
    assert parsed.question("q_support").exclusive_codes() == (demo.EXCLUSIVE,)
    mixed = {**good, "q_support": ["networks", demo.EXCLUSIVE]}
    assert demo.answer_problems(parsed, mixed) == [
        "q_support: “We need no support at the moment” cannot be combined with other answers."]


def test_anonymous_rounds_keep_no_one(seeded, db):
    anonymous = SurveyResponse.objects.filter(round__anonymous=True)
    assert anonymous.exists()
    assert not anonymous.filter(user__isnull=False).exists()
    assert not anonymous.filter(actor__isnull=False).exists()
    assert not anonymous.filter(invitation__isnull=False).exists()
    assert not _round(demo.SLUG_2025).responses.exclude(client_digest="").exists()


def test_the_answers_tell_a_consistent_story(seeded, db):
    rows = list(_round(demo.SLUG_2026).responses.filter(status=ResponseStatus.SUBMITTED,
                                                        excluded=False))
    old = list(_round(demo.SLUG_2025).responses.filter(status=ResponseStatus.SUBMITTED,
                                                       excluded=False))

    def share(group, test):
        return sum(1 for a in group if test(a)) / max(1, len(group))

    answers = [r.answers for r in rows]
    small = [a for a in answers if a["q_size"] in ("0", "1-9")]
    large = [a for a in answers if a["q_size"] in ("50-249", "250plus")]
    measures = lambda a: a["q_measures_impact"] == "yes"  # noqa: E731
    assert share(large, measures) > share(small, measures)
    civil = [a for a in answers if a["q_sector"] == "civil_society"]
    others = [a for a in answers if a["q_sector"] != "civil_society"]
    grants = lambda a: a["q_main_funding"] in ("grants", "donations", "membership")  # noqa: E731
    assert share(civil, grants) > share(others, grants) + 0.2
    for a in answers:
        assert a["q_main_funding"] in a["q_revenue_model"]
        assert len(a["q_sdgs"]) <= 3
    mean = lambda group: sum(a["q_outlook"] for a in group) / len(group)  # noqa: E731
    assert mean(answers) > mean([r.answers for r in old])
    assert share(answers, measures) > share([r.answers for r in old], measures)
    regions = Counter(a["q_region"] for a in answers)
    assert regions["se11"] > regions["se32"]  # Stockholm is bigger than Middle Norrland
    assert 0.75 <= share(rows, lambda r: r.language == "sv") <= 0.95
    assert len({a.get("q_impact_description") for a in answers}) > 40


def test_free_texts_get_goals_from_the_classifier(seeded, db):
    rows = [r for r in _round(demo.SLUG_2026).responses.all()
            if r.answers.get("q_impact_description")]
    assert rows
    assert all("q_impact_description" in r.text_sdgs for r in rows)
    assert any(r.text_sdgs["q_impact_description"] for r in rows)
    for r in rows:
        assert all(isinstance(g, int) and 1 <= g <= 17 for g in r.text_sdgs["q_impact_description"])
        assert set(r.text_sdgs) <= {"q_impact_description", "q_policy_text"}


def test_submissions_spread_over_the_round_and_none_in_the_future(seeded, db):
    from django.utils import timezone

    r26 = _round(demo.SLUG_2026)
    times = list(r26.responses.filter(status=ResponseStatus.SUBMITTED)
                 .values_list("started_at", "submitted_at"))
    assert all(r26.opens_at <= s <= t <= timezone.now() for s, t in times)
    days = {t.date() for _s, t in times}
    assert len(days) > 20


def test_the_invitation_round_links_answers_to_organisations(seeded, db):
    mapping = _round(demo.SLUG_MAPPING)
    invitations = list(mapping.invitations.select_related("actor"))
    assert len(invitations) == demo.INVITATIONS
    assert all(i.email.endswith("example.org") for i in invitations)
    answered = [i for i in invitations if i.submitted_at]
    assert len(answered) == demo.INVITATIONS_ANSWERED
    for invitation in answered:
        response = invitation.response
        assert response.status == ResponseStatus.SUBMITTED
        assert response.actor_id == invitation.actor_id
    linked = mapping.responses.filter(actor__isnull=False)
    assert linked.count() >= demo.INVITATIONS_ANSWERED
    assert mapping.responses.filter(status=ResponseStatus.IN_PROGRESS).count() == \
        demo.INVITATIONS_STARTED
    assert sum(1 for i in invitations if i.started_at is None) == (
        demo.INVITATIONS - demo.INVITATIONS_ANSWERED - demo.INVITATIONS_STARTED)


def test_the_report_exists_in_both_languages(seeded, db):
    sv = MonitorReportPage.objects.get(locale__language_code="sv")
    en = MonitorReportPage.objects.get(locale__language_code="en")
    assert sv.translation_key == en.translation_key and sv.live and en.live
    assert sv.get_parent().slug == demo.ANALYSIS_AREA_SLUG
    for page in (sv, en):
        assert page.round.slug == demo.SLUG_2026 and page.compare_with.slug == demo.SLUG_2025
        assert page.breakdown == "sector" and page.intro and "<h2>" in page.body
        parsed = page.round.questionnaire.schema
        codes = page.codes(page.key_questions) + page.codes(page.chart_questions)
        assert codes and all(parsed.question(c) for c in codes)
    assert sv.title == "Sociala företag i Sverige 2026"
    assert en.title == "Social enterprises in Sweden 2026"


def test_seeding_again_makes_nothing_new(seeded, db):
    before = _counts()
    lines: list[str] = []
    demo.seed(scale=0, log=lines.append)
    assert _counts() == before
    assert "0 added" in lines[-1]


def test_it_logs_what_it_made(seeded, db):
    # (How long seeding takes is a figure for bench/, not a test: a busy machine is slow.)
    assert any("Sociala företag i Sverige 2026" in line for line in seeded)


def test_scale_plans_a_closed_benchmark_round(seeded, db):
    from django.utils import timezone

    now = timezone.now()
    assert [p.slug for p in demo.plan_rounds(now)] == [
        demo.SLUG_2025, demo.SLUG_2026, demo.SLUG_MAPPING]
    plan = demo.plan_rounds(now, scale=2)[-1]
    assert (plan.slug, plan.counted, plan.status) == (demo.SLUG_SYNTHETIC, 2000,
                                                      RoundStatus.CLOSED)
    plan.counted = 150
    questionnaire = _round(demo.SLUG_2026).questionnaire
    built = demo.build_public(plan, questionnaire, now)
    assert len(built.responses) == 150
    assert all(r.submitted_at <= plan.closes and r.client_digest == "" for r in built.responses)
    assert all(demo.answer_problems(questionnaire.schema, r.answers) == []
               for r in built.responses)
