"""The analysts' pages: dashboard, questionnaire preview and publishing, rounds, invitations."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from sihub.conftest import login
from sihub.surveys.models import (
    Invitation,
    Questionnaire,
    QuestionnaireStatus,
    RoundStatus,
    SurveyRound,
)
from sihub.surveys.tests.conftest import make_questionnaire, make_response, make_round, section

DRAFT = QuestionnaireStatus.DRAFT


@pytest.fixture
def draft(db) -> Questionnaire:
    return make_questionnaire(status=DRAFT, family="draft-family")


def _urls(questionnaire: Questionnaire, survey_round: SurveyRound) -> list[tuple[str, str]]:
    """(method, url) of every page, for the rights matrix."""
    q, r = questionnaire.pk, survey_round.pk
    return [
        ("get", reverse("surveys:manage")),
        ("get", reverse("surveys:questionnaire", args=[q])),
        ("get", reverse("surveys:questionnaire_publish", args=[q])),
        ("post", reverse("surveys:questionnaire_publish", args=[q])),
        ("post", reverse("surveys:questionnaire_new_version", args=[q])),
        ("get", reverse("surveys:round_new")),
        ("get", reverse("surveys:round", args=[r])),
        ("get", reverse("surveys:round_edit", args=[r])),
        ("post", reverse("surveys:round_status", args=[r])),
        ("get", reverse("surveys:invitations", args=[r])),
        ("post", reverse("surveys:invitations", args=[r])),
    ]


# --- Rights ---------------------------------------------------------------------------------


def test_analysts_see_every_page(analyst, draft, survey_round):
    client = login(analyst)
    for method, url in _urls(draft, survey_round):
        if method == "get":
            assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("persona", ["editor", "facilitator", "member", "outsider"])
def test_other_people_get_403(request, persona, draft, survey_round):
    client = login(request.getfixturevalue(persona))
    for method, url in _urls(draft, survey_round):
        assert getattr(client, method)(url).status_code == 403, (method, url)
    draft.refresh_from_db()
    assert draft.status == DRAFT
    assert Questionnaire.objects.count() == 2 and not Invitation.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client, draft, survey_round):
    for method, url in _urls(draft, survey_round):
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "login" in response["Location"], url


def test_unknown_ids_are_404(analyst):
    client = login(analyst)
    assert client.get(reverse("surveys:questionnaire", args=[999])).status_code == 404
    assert client.get(reverse("surveys:round", args=[999])).status_code == 404
    assert client.get(reverse("surveys:invitations", args=[999])).status_code == 404


# --- Dashboard ------------------------------------------------------------------------------


def test_the_dashboard_lists_families_versions_and_rounds_with_counts(analyst, survey_round,
                                                                       draft):
    make_response(survey_round, {"q_sector": "civil"})
    make_response(survey_round, {"q_sector": "public"}, submitted=False)
    response = login(analyst).get(reverse("surveys:manage"))
    html = response.content.decode()
    assert "draft-family" in html and "monitor" in html
    rounds = list(response.context["rounds"])
    assert [(r.pk, r.started, r.submitted) for r in rounds] == [(survey_round.pk, 2, 1)]
    assert reverse("surveys:results", args=[survey_round.pk]) in html
    assert reverse("wagtailsnippets_surveys_questionnaire:edit", args=[draft.pk]) in html
    assert reverse("surveys:round_new") in html


# --- Questionnaire preview, publishing, new version -----------------------------------------


def test_the_preview_shows_questions_skip_logic_and_breakdowns(analyst, questionnaire):
    client = login(analyst)
    with translation.override("en"):
        url = reverse("surveys:questionnaire", args=[questionnaire.pk])
    html = client.get(url + "?lang=en").content.decode()
    assert "Do you measure?" in html and "q_measure_how" in html
    assert "Shown only if the answer to q_measure “Do you measure?” is “Yes” (yes)." in html
    assert "Shown only if the answer to q_stage “Stage” is “Growth” (growth)." in html
    assert "breakdown by" in html
    assert reverse("surveys:questionnaire_new_version", args=[questionnaire.pk]) in html
    swedish = client.get(reverse("surveys:questionnaire", args=[questionnaire.pk]) + "?lang=sv"
                         ).content.decode()
    assert "Mäter ni?" in swedish and "?lang=en" in swedish


def test_a_draft_with_problems_lists_them_and_cannot_be_published(analyst):
    bad = make_questionnaire(status=DRAFT, family="bad", body=[
        section("s1", "Del", "Part", [])])
    client = login(analyst)
    with translation.override("en"):
        url = reverse("surveys:questionnaire", args=[bad.pk])
        publish = reverse("surveys:questionnaire_publish", args=[bad.pk])
    page = client.get(url)
    assert "The questionnaire has no questions." in page.content.decode()
    assert publish not in page.content.decode()
    response = client.post(publish)
    assert response.status_code == 302
    bad.refresh_from_db()
    assert bad.status == DRAFT


def test_publishing_asks_for_confirmation_then_publishes(analyst, draft):
    client = login(analyst)
    url = reverse("surveys:questionnaire_publish", args=[draft.pk])
    confirm = client.get(url)
    assert confirm.status_code == 200 and b'method="post"' in confirm.content
    draft.refresh_from_db()
    assert draft.status == DRAFT
    response = client.post(url)
    assert response["Location"] == reverse("surveys:questionnaire", args=[draft.pk])
    draft.refresh_from_db()
    assert draft.status == QuestionnaireStatus.PUBLISHED


def test_new_version_makes_a_draft_and_then_points_to_it(analyst, questionnaire):
    client = login(analyst)
    url = reverse("surveys:questionnaire_new_version", args=[questionnaire.pk])
    response = client.post(url)
    copy = Questionnaire.objects.get(family="monitor", version=2)
    assert response["Location"] == reverse("surveys:questionnaire", args=[copy.pk])
    again = client.post(url)
    assert again["Location"] == reverse("surveys:questionnaire", args=[copy.pk])
    assert Questionnaire.objects.filter(family="monitor").count() == 2
    assert client.get(url).status_code == 405


# --- Rounds ---------------------------------------------------------------------------------


ROUND_FORM = {"title_sv": "Monitorn 2027", "title_en": "The monitor 2027",
              "slug": "monitor-2027", "opens_at": "", "closes_at": "", "anonymous": "on",
              "public_link": "on"}


def test_a_new_round_uses_a_published_questionnaire(analyst, questionnaire, draft):
    client = login(analyst)
    form = client.get(reverse("surveys:round_new")).context["form"]
    assert list(form.fields["questionnaire"].queryset) == [questionnaire]
    refused = client.post(reverse("surveys:round_new"), {**ROUND_FORM,
                                                         "questionnaire": draft.pk})
    assert refused.status_code == 200 and refused.context["summary"]
    assert not SurveyRound.objects.exists()
    response = client.post(reverse("surveys:round_new"), {**ROUND_FORM,
                                                          "questionnaire": questionnaire.pk})
    created = SurveyRound.objects.get(slug="monitor-2027")
    assert response["Location"] == reverse("surveys:round", args=[created.pk])
    assert created.status == RoundStatus.DRAFT and created.anonymous and created.public_link
    assert not created.results_public and created.created_by == analyst


def test_round_form_errors_are_summarised(analyst, questionnaire):
    with translation.override("en"):
        url = reverse("surveys:round_new")
    response = login(analyst).post(url, {
        **ROUND_FORM, "questionnaire": questionnaire.pk, "title_sv": "",
        "opens_at": "2027-03-01T10:00", "closes_at": "2027-02-01T10:00"})
    messages = [message for _anchor, message in response.context["summary"]]
    assert any("closes" in m.lower() or "close" in m.lower() for m in messages)
    assert any(anchor == "id_title_sv" for anchor, _m in response.context["summary"])
    assert not SurveyRound.objects.exists()


def test_editing_a_round_with_answers_keeps_its_questionnaire(analyst, survey_round):
    make_response(survey_round, {"q_sector": "civil"})
    client = login(analyst)
    url = reverse("surveys:round_edit", args=[survey_round.pk])
    assert client.get(url).context["form"].fields["questionnaire"].disabled
    other = make_questionnaire(family="other")
    response = client.post(url, {**ROUND_FORM, "questionnaire": other.pk, "slug": "renamed"})
    assert response.status_code == 302
    survey_round.refresh_from_db()
    assert survey_round.slug == "renamed"
    assert survey_round.questionnaire.family == "monitor"


def test_the_overview_shows_counts_days_and_the_public_link(analyst, survey_round):
    make_response(survey_round, {"q_sector": "civil"})
    make_response(survey_round, {"q_sector": "civil"}, flag="duplicate", excluded=True)
    make_response(survey_round, {}, submitted=False)
    response = login(analyst).get(reverse("surveys:round", args=[survey_round.pk]))
    counts = response.context["counts"]
    assert (counts["started"], counts["submitted"], counts["in_progress"],
            counts["flagged"], counts["excluded"]) == (3, 2, 1, 1, 1)
    assert response.context["days"] == [(timezone.localdate(), 2)]
    html = response.content.decode()
    assert f"/sv/surveys/s/{survey_round.public_key}/" in html
    assert f"/en/surveys/s/{survey_round.public_key}/" in html


def test_the_overview_hides_the_link_of_an_invitation_only_round(analyst, questionnaire):
    survey_round = make_round(questionnaire, public_link=False)
    html = login(analyst).get(reverse("surveys:round", args=[survey_round.pk])).content.decode()
    assert survey_round.public_key not in html


def test_the_status_buttons_open_and_close(analyst, questionnaire):
    survey_round = make_round(questionnaire, status=RoundStatus.DRAFT)
    client = login(analyst)
    url = reverse("surveys:round_status", args=[survey_round.pk])
    client.post(url, {"action": "open"})
    survey_round.refresh_from_db()
    assert survey_round.status == RoundStatus.OPEN and survey_round.is_accepting()
    client.post(url, {"action": "close"})
    survey_round.refresh_from_db()
    assert survey_round.status == RoundStatus.CLOSED and not survey_round.is_accepting()
    assert client.get(url).status_code == 405


# --- Invitations ----------------------------------------------------------------------------


def test_adding_invitations_from_the_page(analyst, named_round):
    client = login(analyst)
    url = reverse("surveys:invitations", args=[named_round.pk])
    response = client.post(url, {"action": "add", "language": "en", "addresses":
                                 "Anna Andersson <anna@example.org>\nbo@example.org\nfel"})
    assert response.status_code == 200  # the bad line is shown to be corrected
    assert response.context["invalid_lines"] == ["fel"]
    assert response.context["form"].initial["addresses"] == "fel"
    rows = {i.email: i for i in Invitation.objects.filter(round=named_round)}
    assert set(rows) == {"anna@example.org", "bo@example.org"}
    assert rows["anna@example.org"].name == "Anna Andersson"
    assert rows["anna@example.org"].language == "en"
    again = client.post(url, {"action": "add", "language": "sv",
                              "addresses": "anna@example.org"})
    assert again.status_code == 302
    assert Invitation.objects.filter(round=named_round).count() == 2


def test_an_empty_add_is_refused(analyst, named_round):
    response = login(analyst).post(reverse("surveys:invitations", args=[named_round.pk]),
                                   {"action": "add", "language": "sv", "addresses": ""})
    assert response.status_code == 200 and response.context["summary"]


def test_actors_can_be_searched_and_invited(analyst, named_round):
    from sihub.actors.models import Contact
    from sihub.actors.tests.factories import make_actor

    kept = make_actor("Växthuset")
    Contact.objects.create(actor=kept, name="Info", email="info@vaxthuset.se", is_public=True)
    make_actor("Annat AB")
    make_actor("Dold förening", is_published=False)
    client = login(analyst)
    url = reverse("surveys:invitations", args=[named_round.pk])
    found = client.get(url, {"q": "växt"}).context["form"].fields["actors"].queryset
    assert [a.name for a in found] == ["Växthuset"]
    everyone = client.get(url).context["form"].fields["actors"].queryset
    assert "Dold förening" not in [a.name for a in everyone]
    client.post(url, {"action": "add", "language": "sv", "actors": [kept.pk]})
    invitation = Invitation.objects.get(round=named_round)
    assert (invitation.email, invitation.actor) == ("info@vaxthuset.se", kept)


def test_sending_and_reminding_from_the_page(analyst, named_round, mailoutbox):
    Invitation.objects.create(round=named_round, email="anna@example.org",
                              token_digest="a" * 64)
    Invitation.objects.create(round=named_round, email="bo@example.org", token_digest="b" * 64,
                              sent_at=timezone.now())
    client = login(analyst)
    url = reverse("surveys:invitations", args=[named_round.pk])
    client.post(url, {"action": "send", "which": "unsent"})
    assert [m.to for m in mailoutbox] == [["anna@example.org"]]
    client.post(url, {"action": "send", "which": "reminder"})
    assert sorted(m.to[0] for m in mailoutbox[1:]) == ["anna@example.org", "bo@example.org"]


def _submitted() -> str:
    with translation.override("sv"):
        return gettext("Submitted")


def _invitation_with_response(survey_round):
    invitation = Invitation.objects.create(round=survey_round, email="anna@example.org",
                                           token_digest="c" * 64, sent_at=timezone.now(),
                                           started_at=timezone.now(),
                                           submitted_at=timezone.now())
    return invitation


def test_a_named_round_links_an_invitation_to_its_response(analyst, named_round):
    invitation = _invitation_with_response(named_round)
    response = make_response(named_round, {"q_sector": "civil"}, invitation=invitation)
    page = login(analyst).get(reverse("surveys:invitations", args=[named_round.pk]))
    html = page.content.decode()
    assert page.context["rows"][0]["status"] == _submitted()
    assert reverse("surveys:response", args=[named_round.pk, response.pk]) in html


def test_an_anonymous_round_shows_status_but_never_the_response(analyst, survey_round):
    _invitation_with_response(survey_round)
    answer = make_response(survey_round, {"q_sector": "civil"})
    page = login(analyst).get(reverse("surveys:invitations", args=[survey_round.pk]))
    html = page.content.decode()
    assert "anna@example.org" in html and _submitted() in html
    assert page.context["rows"][0]["response_url"] == ""
    assert reverse("surveys:response", args=[survey_round.pk, answer.pk]) not in html
    assert "/responses/" not in html.split('id="list-title"')[1]


def test_the_preview_names_answers_that_cannot_be_combined(analyst):
    import copy

    from sihub.surveys.tests.conftest import SMALL_BODY

    body = copy.deepcopy(SMALL_BODY)
    sdgs = body[1]["value"]["questions"][0]["value"]
    sdgs["options"].append({"code": "none", "label_sv": "Inget av dem",
                            "label_en": "None of them", "exclusive": True})
    draft = make_questionnaire(family="exclusive", body=body)
    with translation.override("en"):
        url = reverse("surveys:questionnaire", args=[draft.pk])
    html = login(analyst).get(url + "?lang=en").content.decode()
    assert "Cannot be combined with other answers: “None of them”" in html
