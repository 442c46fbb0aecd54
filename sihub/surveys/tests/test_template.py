"""The built-in social enterprise monitor: complete in both languages, publishable, made once."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from sihub.surveys import answers, logic, schema
from sihub.surveys.models import Questionnaire, QuestionnaireStatus
from sihub.surveys.template import (
    REGIONS,
    TEMPLATE_FAMILY,
    ensure_template,
    install_template,
    template_body,
)


@pytest.fixture
def parsed() -> schema.Schema:
    return schema.parse(template_body())


def test_the_template_has_no_problems(parsed):
    assert schema.problems(parsed) == []
    assert len(parsed.sections) == 6
    assert len(parsed.questions) >= 20


def test_every_text_and_answer_is_written_in_both_languages(parsed):
    for section in parsed.sections:
        assert section.title.sv and section.title.en
        assert (section.intro.sv == "") == (section.intro.en == "")
    for q in parsed.questions:
        assert q.text.sv and q.text.en, q.code
        assert q.text.sv != q.text.en, q.code
        assert (q.help.sv == "") == (q.help.en == ""), q.code
        for option in (*q.options, *q.rows):
            assert option.label.sv and option.label.en, (q.code, option.code)
        if q.kind == schema.SCALE:
            assert q.min_label.sv and q.min_label.en and q.max_label.sv and q.max_label.en


def test_results_can_be_broken_down_by_sector_size_and_region(parsed):
    dimensions = parsed.dimensions()
    assert {name: q.code for name, q in dimensions.items()} == {
        "sector": "q_sector", "region": "q_region", "size": "q_size"}
    assert 4 <= len(dimensions["sector"].options) <= 6
    assert dimensions["size"].option_codes() == ("0", "1-9", "10-49", "50-249", "250plus")
    # The eight riksområden (NUTS 2).
    assert dimensions["region"].option_codes() == tuple(REGIONS)
    assert len(REGIONS) == 8
    for q in dimensions.values():
        assert q.required and q.show_if is None


def test_the_seventeen_goals_at_most_three(parsed):
    sdgs = parsed.question("q_sdgs")
    assert sdgs.kind == schema.MULTIPLE and sdgs.max_choices == 3
    assert sdgs.option_codes() == tuple(str(n) for n in range(1, 18))
    assert sdgs.option("13").label.en == "Goal 13: Climate action"


def test_no_support_cannot_be_combined_with_support(parsed):
    support = parsed.question("q_support")
    assert support.exclusive_codes() == ("none",)
    assert answers.check_value(support, ["none"], "en") is None
    assert answers.check_value(support, ["networks", "legal_advice"], "en") is None
    with translation.override("en"):
        assert "cannot be combined" in answers.check_value(support, ["networks", "none"], "en")


def test_legal_forms_include_the_swedish_ones(parsed):
    labels = " ".join(o.label.sv for o in parsed.question("q_legal_form").options)
    for form in ("Aktiebolag", "särskild vinstutdelningsbegränsning", "Ekonomisk förening",
                 "Ideell förening", "Stiftelse", "Enskild firma", "Handelsbolag"):
        assert form in labels


def test_measurement_methods_are_asked_only_of_those_who_measure(parsed):
    base = {"q_measures_impact": "no"}
    assert "q_measure_methods" not in logic.visible_codes(parsed, base)
    assert "q_measure_text" not in logic.visible_codes(parsed, base)
    shown = logic.visible_codes(parsed, {"q_measures_impact": "yes"})
    assert {"q_measure_methods", "q_measure_text"} <= shown
    assert "q_reinvest" not in logic.visible_codes(parsed, {"q_profitability": "loss"})
    assert "q_reinvest" in logic.visible_codes(parsed, {"q_profitability": "profit"})
    pruned = logic.prune(parsed, {"q_measures_impact": "no", "q_measure_methods": ["sroi"]})
    assert pruned == {"q_measures_impact": "no"}


def test_free_texts_are_optional_and_the_long_ones_classified(parsed):
    texts = [q for q in parsed.questions if q.is_text]
    assert texts and all(not q.required for q in texts)
    classified = {q.code for q in texts if q.classify}
    assert classified == {"q_impact_description", "q_policy_text"}
    assert all(parsed.question(c).kind == schema.LONG_TEXT for c in classified)


def test_the_challenges_matrix_and_the_outlook_scale(parsed):
    matrix = parsed.question("q_challenges")
    assert matrix.kind == schema.MATRIX and len(matrix.rows) == 6
    assert matrix.option_codes() == ("none", "some", "major")
    outlook = parsed.question("q_outlook")
    assert outlook.scale_points() == (1, 2, 3, 4, 5)
    share = parsed.question("q_public_share")
    assert (share.minimum, share.maximum, share.unit.en) == (0, 100, "%")


def test_template_body_is_a_fresh_copy_each_time():
    first = template_body()
    first[0]["value"]["questions"].clear()
    assert template_body()[0]["value"]["questions"]


def test_ensure_template_publishes_version_one_once(db, admin_user):
    made = ensure_template(user=admin_user)
    assert (made.family, made.version, made.status) == (TEMPLATE_FAMILY, 1,
                                                         QuestionnaireStatus.PUBLISHED)
    assert made.published_at is not None and made.created_by == admin_user
    assert made.consent_text_sv and made.consent_text_en and made.intro_sv and made.intro_en
    assert schema.problems(made.schema) == []
    again, created = install_template()
    assert again.pk == made.pk and created is False
    assert ensure_template().pk == made.pk
    assert Questionnaire.objects.filter(family=TEMPLATE_FAMILY).count() == 1


def test_ensure_template_leaves_an_existing_family_alone(db, admin_user):
    Questionnaire.objects.create(
        family=TEMPLATE_FAMILY, version=1, title_sv="Egen", title_en="Own",
        consent_text_sv="Ja.", consent_text_en="Yes.", body=[])
    assert ensure_template().title_sv == "Egen"
    assert Questionnaire.objects.filter(family=TEMPLATE_FAMILY).count() == 1


def test_the_command_says_what_it_did(db):
    out = StringIO()
    call_command("load_survey_template", stdout=out)
    assert "Created" in out.getvalue() and "6 sections" in out.getvalue()
    out = StringIO()
    call_command("load_survey_template", stdout=out)
    assert "Already there" in out.getvalue() and "Nothing changed" in out.getvalue()
    assert Questionnaire.objects.filter(family=TEMPLATE_FAMILY).count() == 1
