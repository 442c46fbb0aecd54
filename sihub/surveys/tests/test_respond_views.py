"""The respondent's pages: list, start (public link, invitation), sections, review, thanks."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client, override_settings
from django.utils import timezone

from sihub.conftest import login
from sihub.surveys import services_respond as services
from sihub.surveys import tokens
from sihub.surveys.answers import field_name, row_field_name
from sihub.surveys.models import Invitation, ResponseStatus, RoundStatus, SurveyResponse
from sihub.surveys.tests.conftest import FULL_ANSWERS, make_questionnaire, make_round

pytestmark = pytest.mark.django_db

ORG = {"q_sector": "civil", "q_region": "north", "q_size": "small", "q_stage": "growth",
       "q_staff": "12"}
IMPACT = {"q_sdgs": ["4", "10"], "q_measure": "yes",
          "q_measure_how": "Vi följer upp deltagarnas väg till arbete.", "q_optimism": "4",
          "q_barriers": {"finance": "big", "skills": "small"},
          "q_story": "Vi hjälper unga utan gymnasieexamen att få sitt första jobb."}
FINANCE = {"q_profit": "even"}


def form(section: str, answers: dict, action: str = "next") -> dict:
    data: dict = {"section": section, "action": action}
    for code, value in answers.items():
        if isinstance(value, dict):
            for row, choice in value.items():
                data[row_field_name(code, row)] = choice
        else:
            data[field_name(code)] = value
    return data


def start_url(survey_round, lang="en") -> str:
    return f"/{lang}/surveys/s/{survey_round.public_key}/"


def step_url(token: str, step: int | None = None, lang="en") -> str:
    return f"/{lang}/surveys/r/{token}/" + (f"{step}/" if step else "")


def review_url(token: str, lang="en") -> str:
    return f"/{lang}/surveys/r/{token}/review/"


def token_of(location: str) -> str:
    return re.search(r"/surveys/r/([^/]+)/", location).group(1)


def started(client: Client, survey_round, lang="en") -> str:
    """Start by the public link with consent; the resume token."""
    response = client.post(start_url(survey_round, lang), {"consent": "on"})
    assert response.status_code == 302, response.content.decode()[:2000]
    return token_of(response["Location"])


def answer_all(client: Client, token: str, org=ORG, finance=True) -> None:
    assert client.post(step_url(token, 1), form("organisation", org)).status_code == 302
    assert client.post(step_url(token, 2), form("impact", IMPACT)).status_code == 302
    if finance:
        assert client.post(step_url(token, 3), form("finance", FINANCE)).status_code == 302


def invite(survey_round, email="ina@example.org", **fields) -> tuple[Invitation, str]:
    token, digest = tokens.new_token()
    return Invitation.objects.create(round=survey_round, email=email, token_digest=digest,
                                     **fields), token


def backdate_all() -> None:
    SurveyResponse.objects.update(started_at=timezone.now() - timedelta(minutes=10))


# --- The list ---------------------------------------------------------------------------------


def test_the_list_shows_open_public_rounds_only(survey_round, questionnaire, client):
    make_round(questionnaire, "closed-2025", status=RoundStatus.CLOSED)
    make_round(questionnaire, "private-2026", public_link=False)
    make_round(questionnaire, "later-2026", opens_at=timezone.now() + timedelta(days=3))
    html = client.get("/en/surveys/").content.decode()
    assert start_url(survey_round) in html
    assert "The monitor 2026" in html
    assert "closed-2025" not in html and html.count("/surveys/s/") == 1


# --- Starting ---------------------------------------------------------------------------------


def test_the_start_page_shows_intro_consent_and_anonymity_in_english(survey_round, client):
    response = client.get(start_url(survey_round))
    html = response.content.decode()
    assert response.status_code == 200
    assert "About the survey." in html
    assert "I agree that my answers are used in statistics." in html
    assert "Your answers are anonymous." in html
    assert 'name="consent"' in html and 'aria-describedby="consent-text"' in html
    assert 'hidden aria-hidden="true"' in html  # the honeypot's wrapper
    assert "<script>" not in html and "style=" not in html  # CSP: no inline code


def test_the_start_page_is_in_swedish_too_and_says_when_answers_are_named(named_round, client):
    html = client.get(start_url(named_round, "sv")).content.decode()
    assert "Jag samtycker till att mina svar används i statistik." in html
    assert "Om enkäten." in html
    html_en = client.get(start_url(named_round)).content.decode()
    assert "Your answers are linked to your organisation." in html_en


def test_starting_needs_consent(survey_round, client):
    response = client.post(start_url(survey_round), {})
    assert response.status_code == 400
    assert "tick the box to agree" in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_starting_records_consent_and_leads_to_the_first_section(survey_round, client):
    response = client.post(start_url(survey_round), {"consent": "on"})
    token = token_of(response["Location"])
    [saved] = SurveyResponse.objects.all()
    assert saved.consent_text == "I agree that my answers are used in statistics."
    assert saved.language == "en" and len(saved.client_digest) == 64
    follow = client.get(response["Location"])
    assert follow.status_code == 302 and follow["Location"] == step_url(token, 1)


def test_unknown_keys_and_tokens_are_404(survey_round, client):
    token = started(client, survey_round)
    assert client.get("/en/surveys/s/nope/").status_code == 404
    assert client.get("/en/surveys/i/nope/").status_code == 404
    assert client.get(step_url(token[:-1] + "x", 1)).status_code == 404
    assert client.get(review_url("x" + token[1:])).status_code == 404
    assert client.get("/en/surveys/thanks/no-such-round/").status_code == 404


def test_a_closed_round_says_so(survey_round, client):
    survey_round.status = RoundStatus.CLOSED
    survey_round.save()
    response = client.get(start_url(survey_round))
    assert response.status_code == 403
    assert "This survey is closed." in response.content.decode()
    assert client.post(start_url(survey_round), {"consent": "on"}).status_code == 403
    assert not SurveyResponse.objects.exists()


def test_a_round_not_yet_open_says_when_it_opens(survey_round, client):
    survey_round.opens_at = timezone.now() + timedelta(days=2)
    survey_round.save()
    response = client.get(start_url(survey_round))
    assert response.status_code == 403
    assert "This survey is not open yet." in response.content.decode()


def test_a_round_closed_while_answering_stops_the_answers(survey_round, client):
    token = started(client, survey_round)
    survey_round.closes_at = timezone.now() - timedelta(seconds=1)
    survey_round.save()
    response = client.post(step_url(token, 1), form("organisation", ORG))
    assert response.status_code == 403
    assert "This survey is closed." in response.content.decode()
    assert SurveyResponse.objects.get().answers == {}


def test_a_round_by_invitation_only_refuses_its_public_link(survey_round, client):
    survey_round.public_link = False
    survey_round.save()
    response = client.post(start_url(survey_round), {"consent": "on"})
    assert response.status_code == 403
    assert "by personal invitation only" in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_a_bot_filling_the_honeypot_starts_nothing(survey_round, client):
    response = client.post(start_url(survey_round), {"consent": "on", "website": "x"})
    assert response.status_code == 302 and response["Location"] == start_url(survey_round)
    assert not SurveyResponse.objects.exists()


@override_settings(SIHUB_SURVEYS_RESPONSES_PER_IP_HOUR=2)
def test_one_address_may_start_only_so_many_responses_an_hour(survey_round, client):
    started(client, survey_round)
    started(Client(), survey_round)
    response = Client().post(start_url(survey_round), {"consent": "on"})
    assert response.status_code == 429
    assert "Too many surveys were started" in response.content.decode()
    assert SurveyResponse.objects.count() == 2


# --- Answering --------------------------------------------------------------------------------


def test_a_section_page_renders_every_kind_accessibly(survey_round, client):
    token = started(client, survey_round)
    html = client.get(step_url(token, 2)).content.decode()
    # The finance section waits for the stage answer: two sections so far.
    assert "Section 2 of 2" in html and '<progress max="2" value="2"' in html
    assert "<legend>Goals" in html and "Choose at most 3." in html
    assert 'type="checkbox" name="a-q_sdgs" value="4"' in html
    assert '<th scope="col">Big</th>' in html and '<th scope="row">Finance</th>' in html
    assert '<label for="id_a-q_barriers--finance_1" class="visually-hidden">Finance: Big' in html
    assert "1 – Low" in html and "5 – High" in html
    # The follow-up question waits, hidden, for "yes" (respond.js or the server reveals it).
    assert re.search(r'id="id_a-q_measure_how-wrap" hidden data-show-if="a-q_measure" '
                     r'data-show-op="in" data-show-values="yes"', html)
    assert "surveys/respond.js" in html and "<script>" not in html and "style=" not in html


def test_a_section_page_is_in_swedish(survey_round, client):
    token = started(client, survey_round, lang="sv")
    html = client.get(step_url(token, 1, lang="sv")).content.decode()
    assert "Organisationen" in html and "Civilsamhälle" in html and "personer" in html


def test_errors_are_summarised_and_described(survey_round, client):
    token = started(client, survey_round)
    response = client.post(step_url(token, 1), form("organisation",
                                                    {**ORG, "q_staff": "many"}))
    html = response.content.decode()
    assert response.status_code == 400
    assert 'href="#id_a-q_staff"' in html  # the error summary links to the field
    assert 'aria-describedby="id_a-q_staff-hint id_a-q_staff-unit id_a-q_staff-error"' in html
    assert 'value="many"' in html  # what was typed is kept
    assert SurveyResponse.objects.get().answers == {}


def test_the_whole_flow_stores_the_answers_and_thanks(survey_round, client):
    token = started(client, survey_round)
    answer_all(client, token)
    backdate_all()
    review = client.get(review_url(token)).content.decode()
    assert "Check your answers" in review and "Civil society" in review
    assert "Finance: Big" in review and "12 people" in review
    response = client.post(review_url(token))
    assert response.status_code == 302
    assert response["Location"] == "/en/surveys/thanks/monitor-2026/"
    saved = SurveyResponse.objects.get()
    assert saved.status == ResponseStatus.SUBMITTED
    assert saved.answers == FULL_ANSWERS and saved.flag == ""
    assert "Thank you for your answers" in client.get(response["Location"]).content.decode()
    # The resume link now says the answers were sent.
    assert "already been sent" in client.get(step_url(token, 1)).content.decode()


def test_skip_logic_a_startup_skips_finance(survey_round, client):
    token = started(client, survey_round)
    client.post(step_url(token, 1), form("organisation", {**ORG, "q_stage": "startup"}))
    response = client.post(step_url(token, 2), form("impact", IMPACT))
    assert response["Location"] == review_url(token)  # no finance section
    html = client.get(step_url(token, 2)).content.decode()
    assert "Section 2 of 2" in html


def test_a_stale_answer_in_a_skipped_section_is_pruned_on_submit(survey_round, client):
    token = started(client, survey_round)
    answer_all(client, token)  # a growing organisation, with a finance answer
    client.post(step_url(token, 1), form("organisation", {**ORG, "q_stage": "startup"}))
    backdate_all()
    review = client.get(review_url(token)).content.decode()
    assert "Profitability" not in review
    client.post(review_url(token))
    saved = SurveyResponse.objects.get()
    assert saved.status == ResponseStatus.SUBMITTED and "q_profit" not in saved.answers


def test_a_question_brought_up_on_the_page_is_asked_before_going_on(survey_round, client):
    token = started(client, survey_round)
    client.post(step_url(token, 1), form("organisation", ORG))
    impact = {k: v for k, v in IMPACT.items() if k != "q_measure_how"}
    response = client.post(step_url(token, 2), form("impact", impact))
    html = response.content.decode()
    assert response.status_code == 400
    assert "Your answers brought up more questions on this page." in html
    assert 'id="id_a-q_measure_how-wrap" hidden' not in html  # now shown
    # Answering "no" instead needs no follow-up.
    response = client.post(step_url(token, 2), form("impact", {**impact, "q_measure": "no"}))
    assert response.status_code == 302


def test_a_page_posted_for_a_section_no_longer_at_that_step_saves_nothing(survey_round,
                                                                          client):
    token = started(client, survey_round)
    response = client.post(step_url(token, 1), form("impact", IMPACT))
    assert response.status_code == 302 and response["Location"] == step_url(token, 1)
    assert SurveyResponse.objects.get().answers == {}


def test_back_saves_without_requiring_and_goes_to_the_previous_section(survey_round, client):
    token = started(client, survey_round)
    client.post(step_url(token, 1), form("organisation", ORG))
    response = client.post(step_url(token, 2), form("impact", {"q_sdgs": ["4"]}, "back"))
    assert response["Location"] == step_url(token, 1)
    assert SurveyResponse.objects.get().answers["q_sdgs"] == ["4"]


def test_save_and_resume_by_link_in_another_browser(survey_round, client):
    token = started(client, survey_round)
    client.post(step_url(token, 1), form("organisation", ORG))
    response = client.post(step_url(token, 2), form("impact", {"q_sdgs": ["4"]}, "later"))
    assert response.status_code == 302 and "saved=1" in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert f"/en/surveys/r/{token}/" in page and "Your answers are saved." in page
    other = Client()
    resumed = other.get(step_url(token))
    assert resumed["Location"] == step_url(token, 2)  # the first section with gaps
    html = other.get(resumed["Location"]).content.decode()
    assert re.search(r'name="a-q_sdgs" value="4" id="[^"]+" checked', html)


def test_the_resume_link_can_be_mailed_and_the_address_is_not_kept(survey_round, client):
    token = started(client, survey_round)
    response = client.post(step_url(token, 1), {"action": "mail",
                                                "email": "me@example.org"})
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["me@example.org"]
    assert f"http://testserver/en/surveys/r/{token}/" in message.body
    saved = SurveyResponse.objects.get()
    assert "me@example.org" not in str(saved.__dict__)


def test_a_bad_address_or_a_bot_gets_no_mail(survey_round, client):
    token = started(client, survey_round)
    bad = client.post(step_url(token, 1), {"action": "mail", "email": "not-an-address"})
    assert bad.status_code == 400 and 'id="resume-link"' in bad.content.decode()
    client.post(step_url(token, 1), {"action": "mail", "email": "me@example.org",
                                     "website": "x"})
    assert mail.outbox == []


def test_review_refuses_an_incomplete_submission(survey_round, client):
    token = started(client, survey_round)
    client.post(step_url(token, 1), form("organisation", ORG))
    response = client.post(review_url(token))
    html = response.content.decode()
    assert response.status_code == 400
    assert 'href="#review-q_sdgs"' in html and "Not answered" in html
    assert SurveyResponse.objects.get().status == ResponseStatus.IN_PROGRESS


# --- Who answered -----------------------------------------------------------------------------


def test_an_anonymous_round_keeps_no_account_even_when_logged_in(survey_round, member):
    client = login(member)
    token = started(client, survey_round)
    answer_all(client, token)
    client.post(review_url(token))
    saved = SurveyResponse.objects.get()
    assert saved.status == ResponseStatus.SUBMITTED
    assert (saved.user_id, saved.actor_id, saved.invitation_id) == (None, None, None)


def test_a_named_round_keeps_the_account_and_resumes_it(named_round, member):
    client = login(member)
    token = started(client, named_round)
    assert SurveyResponse.objects.get().user == member
    page = client.get(start_url(named_round)).content.decode()
    assert "You have already begun answering with your account." in page
    again = client.post(start_url(named_round), {})
    assert again.status_code == 302
    new_token = token_of(again["Location"])
    assert new_token != token and SurveyResponse.objects.count() == 1
    assert client.get(step_url(token, 1)).status_code == 404  # the old link closed


def test_an_account_that_answered_is_told_so(named_round, member):
    client = login(member)
    token = started(client, named_round)
    answer_all(client, token)
    client.post(review_url(token))
    html = client.get(start_url(named_round)).content.decode()
    assert "You have already answered this survey with your account." in html


def test_an_invitation_starts_resumes_and_is_then_used_up(survey_round, client):
    invitation, token = invite(survey_round, name="Ina")
    page = client.get(f"/en/surveys/i/{token}/").content.decode()
    assert "This is the personal invitation of Ina." in page
    response = client.post(f"/en/surveys/i/{token}/", {"consent": "on"})
    resume = token_of(response["Location"])
    assert resume == services.invitation_resume_token(token)
    # Opening the invitation again (another device) goes back to the same answers.
    again = Client().get(f"/en/surveys/i/{token}/")
    assert again.status_code == 302 and token_of(again["Location"]) == resume
    answer_all(client, resume)
    client.post(review_url(resume))
    invitation.refresh_from_db()
    saved = SurveyResponse.objects.get()
    assert invitation.submitted_at is not None and saved.invitation_id is None
    used = Client().get(f"/en/surveys/i/{token}/").content.decode()
    assert "This invitation has already been used" in used
    assert "already been sent" in client.get(step_url(resume, 1)).content.decode()
    assert Client().post(f"/en/surveys/i/{token}/", {"consent": "on"}).status_code == 200
    assert SurveyResponse.objects.count() == 1


def test_a_named_invitation_links_the_response(named_round, client):
    invitation, token = invite(named_round)
    response = client.post(f"/en/surveys/i/{token}/", {"consent": "on"})
    assert response.status_code == 302
    assert SurveyResponse.objects.get().invitation == invitation


def test_a_tampered_derived_resume_link_is_404(survey_round, client):
    _invitation, token = invite(survey_round)
    client.post(f"/en/surveys/i/{token}/", {"consent": "on"})
    resume = services.invitation_resume_token(token)
    assert client.get(step_url(resume, 1)).status_code == 200
    assert client.get(step_url(resume[:-2] + "zz", 1)).status_code == 404


# --- Repeats ----------------------------------------------------------------------------------


def test_a_browser_that_answered_is_warned_and_a_second_answer_flagged(survey_round, client):
    token = started(client, survey_round)
    answer_all(client, token)
    backdate_all()
    done = client.post(review_url(token))
    assert done.cookies[f"sihub_survey_answered_{survey_round.pk}"].value == "1"
    warned = client.get(start_url(survey_round)).content.decode()
    assert "already been sent from this browser" in warned
    second = started(client, survey_round)  # warned, not blocked
    answer_all(client, second, org={**ORG, "q_staff": "13"})
    backdate_all()
    client.post(review_url(second))
    flags = sorted(SurveyResponse.objects.values_list("flag", flat=True))
    assert flags == ["", "same_browser"]


def test_identical_answers_from_the_same_client_are_flagged_duplicate(survey_round):
    for _ in range(2):
        client = Client(HTTP_USER_AGENT="Bot/1.0")  # no cookie: a fresh browser each time
        token = started(client, survey_round)
        answer_all(client, token)
        backdate_all()
        client.post(review_url(token))
    flags = sorted(SurveyResponse.objects.values_list("flag", flat=True))
    assert flags == ["", "duplicate"]


def test_a_quick_submission_is_flagged_too_fast(survey_round, client):
    token = started(client, survey_round)
    answer_all(client, token)
    client.post(review_url(token))
    assert SurveyResponse.objects.get().flag == "too_fast"


def test_another_questionnaire_round_is_its_own_survey(client):
    other = make_round(make_questionnaire(family="other"), "other-2026")
    token = started(client, other)
    assert client.get(step_url(token, 1)).status_code == 200
