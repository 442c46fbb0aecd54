"""The questionnaire editor in the Wagtail admin: who may use it, numbering, frozen versions."""

from __future__ import annotations

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from wagtail.test.utils.form_data import nested_form_data, streamfield

from sihub.conftest import login
from sihub.core.models import AuditEntry
from sihub.surveys.models import Questionnaire, QuestionnaireStatus
from sihub.surveys.tests.conftest import make_questionnaire
from sihub.surveys.wagtail_hooks import FROZEN_MESSAGE, QUESTIONNAIRE_SAVED

LIST = "wagtailsnippets_surveys_questionnaire:list"
ADD = "wagtailsnippets_surveys_questionnaire:add"
EDIT = "wagtailsnippets_surveys_questionnaire:edit"


def _form(**changes) -> dict[str, str]:
    data = {"family": "monitor", "title_sv": "Monitorn", "title_en": "The monitor",
            "intro_sv": "Om enkäten.", "intro_en": "About the survey.",
            "consent_text_sv": "Jag samtycker till att mina svar används i statistik.",
            "consent_text_en": "I agree that my answers are used in statistics.",
            "body": streamfield([]), **changes}
    return nested_form_data(data)


def test_analysts_list_questionnaires_with_family_version_and_status(analyst, questionnaire):
    response = login(analyst).get(reverse(LIST))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Monitorn" in html or "The monitor" in html
    assert "monitor" in html and questionnaire.get_status_display() in html


def test_an_analyst_writes_a_new_questionnaire_numbered_in_its_family(analyst):
    make_questionnaire(family="monitor", version=1)
    make_questionnaire(family="monitor", version=2, status=QuestionnaireStatus.RETIRED)
    response = login(analyst).post(reverse(ADD), _form())
    assert response.status_code == 302, response.context["form"].errors
    created = Questionnaire.objects.get(family="monitor", status=QuestionnaireStatus.DRAFT)
    assert created.version == 3 and created.created_by == analyst
    assert AuditEntry.objects.get(action=QUESTIONNAIRE_SAVED).data == {"created": True,
                                                                       "version": 3}


def test_a_second_draft_in_a_family_is_refused(analyst):
    make_questionnaire(family="monitor", status=QuestionnaireStatus.DRAFT)
    response = login(analyst).post(reverse(ADD), _form())
    assert response.status_code == 200
    assert "family" in response.context["form"].errors
    assert Questionnaire.objects.count() == 1


def test_a_draft_can_be_edited(analyst):
    draft = make_questionnaire(status=QuestionnaireStatus.DRAFT, body=[])
    response = login(analyst).post(reverse(EDIT, args=[draft.pk]),
                                   _form(title_en="The monitor, revised"))
    assert response.status_code == 302, response.context["form"].errors
    draft.refresh_from_db()
    assert draft.title_en == "The monitor, revised" and draft.version == 1


def test_the_editor_refuses_to_save_a_published_questionnaire(analyst, questionnaire):
    client = login(analyst)
    url = reverse(EDIT, args=[questionnaire.pk])
    page = client.get(url)
    assert page.status_code == 200
    with translation.override("sv"):  # the admin speaks the site's default language
        warning = str(FROZEN_MESSAGE)
    assert warning and warning in page.content.decode()  # said before anyone types
    response = client.post(url, _form(title_en="Sneaky change"))
    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert errors == [warning]
    assert warning in response.content.decode()
    questionnaire.refresh_from_db()
    assert questionnaire.title_en == "The monitor"
    assert len(questionnaire.schema.questions) > 0  # the posted empty body was not saved
    assert not AuditEntry.objects.filter(action=QUESTIONNAIRE_SAVED).exists()


def test_an_unchanged_save_of_a_published_questionnaire_is_refused_too(analyst):
    published = make_questionnaire(body=[])
    response = login(analyst).post(reverse(EDIT, args=[published.pk]), _form())
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_editors_may_look_but_not_change(editor, questionnaire):
    client = login(editor)
    assert client.get(reverse(LIST)).status_code == 200
    assert client.post(reverse(ADD), _form(family="other")).status_code in (302, 403)
    assert not Questionnaire.objects.filter(family="other").exists()


def test_members_and_anonymous_visitors_are_kept_out(member, client, questionnaire):
    for c in (login(member), client):
        response = c.get(reverse(LIST))
        assert response.status_code == 302 and "/login" in response["Location"]


def test_rounds_and_responses_are_not_in_the_admin():
    for model in ("surveyround", "surveyresponse", "invitation"):
        with pytest.raises(NoReverseMatch):
            reverse(f"wagtailsnippets_surveys_{model}:list")


def test_the_surveys_menu_links_to_the_analysts_pages(analyst):
    response = login(analyst).get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert "/surveys/manage/" in response.content.decode()
