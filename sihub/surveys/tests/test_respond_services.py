"""Starting, saving, resuming and submitting responses (services_respond.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from sihub.actors.models import Representative
from sihub.actors.tests.factories import make_actor
from sihub.surveys import services_respond as services
from sihub.surveys import tokens
from sihub.surveys.models import Invitation, ResponseStatus, RoundStatus, SurveyResponse
from sihub.surveys.tests.conftest import FULL_ANSWERS, make_response

pytestmark = pytest.mark.django_db

ORG = {k: FULL_ANSWERS[k] for k in ("q_sector", "q_region", "q_size", "q_stage", "q_staff")}
IMPACT = {k: FULL_ANSWERS[k] for k in ("q_sdgs", "q_measure", "q_measure_how", "q_optimism",
                                       "q_barriers", "q_story")}


def invite(survey_round, email="ina@example.org", **fields) -> tuple[Invitation, str]:
    token, digest = tokens.new_token()
    return Invitation.objects.create(round=survey_round, email=email, token_digest=digest,
                                     **fields), token


def begin(survey_round, **kwargs):
    kwargs.setdefault("language", "en")
    kwargs.setdefault("consent", True)
    return services.start_response(survey_round, **kwargs)


def answered(response, *, sections=("organisation", "impact", "finance"), **extra):
    values = {"organisation": ORG, "impact": IMPACT, "finance": {"q_profit": "even"}}
    for key in sections:
        services.save_section(response, key, {**values[key], **extra.get(key, {})})
    return response


def backdate(response, seconds=600):
    SurveyResponse.objects.filter(pk=response.pk).update(
        started_at=timezone.now() - timedelta(seconds=seconds))
    response.refresh_from_db()


def refused(code, call, *args, **kwargs):
    with pytest.raises(services.ResponseError) as caught:
        call(*args, **kwargs)
    assert caught.value.code == code
    assert caught.value.message  # a sentence for the person, not the code
    return caught.value


# --- Starting ---------------------------------------------------------------------------------


def test_it_starts_a_response_with_the_consent_text_verbatim(survey_round):
    response, token = begin(survey_round, language="en")
    assert response.status == ResponseStatus.IN_PROGRESS and response.language == "en"
    assert response.consent_text == "I agree that my answers are used in statistics."
    assert response.consent_given_at is not None
    assert response.resume_digest == tokens.digest(token)
    assert services.response_for_token(token) == response
    swedish, _token = begin(survey_round, language="sv")
    assert swedish.consent_text == "Jag samtycker till att mina svar används i statistik."


def test_it_refuses_without_consent(survey_round):
    refused("no_consent", begin, survey_round, consent=False)
    assert not SurveyResponse.objects.exists()


@pytest.mark.parametrize("change", [
    {"status": RoundStatus.CLOSED},
    {"status": RoundStatus.DRAFT},
    {"closes_at": timezone.now() - timedelta(minutes=1)},
    {"opens_at": timezone.now() + timedelta(days=1)},
])
def test_it_refuses_a_round_that_is_not_accepting(survey_round, change):
    for name, value in change.items():
        setattr(survey_round, name, value)
    survey_round.save()
    refused("closed", begin, survey_round)


def test_a_round_without_public_link_needs_an_invitation(survey_round):
    survey_round.public_link = False
    survey_round.save()
    refused("invitation_only", begin, survey_round)
    invitation, token = invite(survey_round)
    response, _ = begin(survey_round, invitation=invitation, invitation_token=token)
    assert response.pk


def test_an_anonymous_round_keeps_no_account_actor_or_invitation(survey_round, member):
    actor = make_actor()
    Representative.objects.create(actor=actor, user=member)
    invitation, token = invite(survey_round, actor=actor)
    response, _ = begin(survey_round, user=member, invitation=invitation,
                        invitation_token=token, actor=actor)
    response.refresh_from_db()
    assert (response.user_id, response.actor_id, response.invitation_id) == (None, None, None)
    invitation.refresh_from_db()
    assert invitation.started_at is not None and invitation.submitted_at is None
    # Neither row holds anything that leads to the other.
    assert response.resume_digest != invitation.token_digest
    assert not SurveyResponse.objects.filter(invitation=invitation).exists()


def test_a_named_round_links_invitation_account_and_the_invitations_actor(named_round, member):
    actor = make_actor()
    invitation, token = invite(named_round, actor=actor)
    response, _ = begin(named_round, user=member, invitation=invitation,
                        invitation_token=token)
    response.refresh_from_db()
    assert response.invitation == invitation
    assert response.user == member
    assert response.actor == actor


def test_a_named_round_takes_the_one_organisation_the_account_represents(named_round, member):
    actor = make_actor()
    Representative.objects.create(actor=actor, user=member)
    response, _ = begin(named_round, user=member)
    assert response.actor == actor


def test_an_account_representing_two_organisations_gets_none(named_round, member):
    for name in ("Ett", "Två"):
        Representative.objects.create(actor=make_actor(name=name), user=member)
    response, _ = begin(named_round, user=member)
    assert response.actor is None


def test_one_response_per_account_a_second_start_resumes_it(named_round, member):
    first, old_token = begin(named_round, user=member)
    again, new_token = begin(named_round, user=member, consent=False)
    assert again.pk == first.pk and SurveyResponse.objects.count() == 1
    # Only a digest is kept, so the account holder gets a fresh link; the old one closes.
    assert services.response_for_token(new_token).pk == first.pk
    assert services.response_for_token(old_token) is None


def test_an_account_that_has_submitted_cannot_start_again(named_round, member):
    make_response(named_round, FULL_ANSWERS, user=member)
    refused("already_submitted", begin, named_round, user=member)


def test_anonymous_rounds_do_not_limit_accounts(survey_round, member):
    begin(survey_round, user=member)
    begin(survey_round, user=member)
    assert SurveyResponse.objects.count() == 2


def test_an_invitation_used_twice_resumes_the_same_response(survey_round):
    invitation, token = invite(survey_round)
    first, resume = begin(survey_round, invitation=invitation, invitation_token=token)
    again, resume_again = begin(survey_round, invitation=invitation, invitation_token=token,
                                consent=False)
    assert again.pk == first.pk and resume_again == resume
    assert SurveyResponse.objects.count() == 1


def test_an_invitation_for_an_account_that_answered_otherwise_links_only_the_invitation(
        named_round, member):
    begin(named_round, user=member)
    invitation, token = invite(named_round)
    response, _ = begin(named_round, user=member, invitation=invitation, invitation_token=token)
    assert response.invitation == invitation and response.user is None
    assert SurveyResponse.objects.count() == 2


def test_an_invitation_of_another_round_is_refused(survey_round, named_round):
    invitation, token = invite(named_round)
    refused("wrong_round", begin, survey_round, invitation=invitation, invitation_token=token)


def test_a_wrong_invitation_secret_is_a_programming_error(survey_round):
    invitation, _token = invite(survey_round)
    with pytest.raises(ValueError):
        begin(survey_round, invitation=invitation, invitation_token="guess")


def test_the_derived_resume_link_names_its_invitation_and_resists_tampering(survey_round):
    invitation, token = invite(survey_round)
    resume = services.invitation_resume_token(token)
    assert services.invitation_from_resume_token(resume) == invitation
    assert services.invitation_from_resume_token(resume[:-1] + "x") is None
    assert services.invitation_from_resume_token(token) is None
    assert services.invitation_from_resume_token(tokens.new_token()[0]) is None


# --- Saving -----------------------------------------------------------------------------------


def test_save_section_replaces_only_that_sections_answers(survey_round):
    response, _ = begin(survey_round)
    answered(response, sections=("organisation", "impact"))
    services.save_section(response, "impact", {"q_sdgs": ["1"]})
    response.refresh_from_db()
    assert response.answers == {**ORG, "q_sdgs": ["1"]}


def test_save_section_ignores_codes_of_other_sections(survey_round):
    response, _ = begin(survey_round)
    services.save_section(response, "organisation", {"q_sector": "civil", "q_profit": "loss"})
    response.refresh_from_db()
    assert response.answers == {"q_sector": "civil"}


def test_save_section_refuses_after_submission_and_when_closed(survey_round):
    response, _ = begin(survey_round)
    survey_round.status = RoundStatus.CLOSED
    survey_round.save()
    refused("closed", services.save_section, response, "organisation", ORG)
    submitted = make_response(survey_round, FULL_ANSWERS)
    refused("already_submitted", services.save_section, submitted, "organisation", ORG)


# --- Submitting -------------------------------------------------------------------------------


def test_submit_closes_the_response(survey_round):
    response, _ = begin(survey_round)
    answered(response)
    backdate(response)
    services.submit(response)
    response.refresh_from_db()
    assert response.status == ResponseStatus.SUBMITTED and response.submitted_at
    assert response.answers == FULL_ANSWERS
    assert response.flag == ""


def test_submit_refuses_incomplete_answers_with_the_questions(survey_round):
    response, _ = begin(survey_round)
    answered(response, sections=("organisation",))
    with pytest.raises(services.IncompleteResponse) as caught:
        services.submit(response)
    assert {"q_sdgs", "q_measure", "q_optimism", "q_barriers", "q_profit"} == set(
        caught.value.errors)
    response.refresh_from_db()
    assert response.status == ResponseStatus.IN_PROGRESS


def test_skip_logic_a_startup_skips_finance_and_a_stale_answer_is_pruned(survey_round):
    response, _ = begin(survey_round)
    answered(response)  # a growing organisation: answered the finance question
    services.save_section(response, "organisation", {**ORG, "q_stage": "startup"})
    response.refresh_from_db()
    assert response.answers["q_profit"] == "even"  # kept while answering
    backdate(response)
    services.submit(response)
    response.refresh_from_db()
    assert "q_profit" not in response.answers
    assert response.answers["q_stage"] == "startup"


def test_submit_refuses_twice_and_when_the_round_closed(survey_round):
    response, _ = begin(survey_round)
    answered(response)
    survey_round.status = RoundStatus.CLOSED
    survey_round.save()
    refused("closed", services.submit, response)
    survey_round.status = RoundStatus.OPEN
    survey_round.save()
    services.submit(response)
    refused("already_submitted", services.submit, response)


def test_a_named_invitation_is_marked_submitted_and_cannot_start_again(named_round):
    invitation, token = invite(named_round)
    response, _ = begin(named_round, invitation=invitation, invitation_token=token)
    answered(response)
    services.submit(response)
    invitation.refresh_from_db()
    assert invitation.submitted_at is not None
    refused("invitation_used", begin, named_round, invitation=invitation,
            invitation_token=token)


def test_an_anonymous_invitation_is_marked_submitted_and_then_no_longer_opens_the_answers(
        survey_round):
    invitation, token = invite(survey_round)
    response, resume = begin(survey_round, invitation=invitation, invitation_token=token)
    answered(response)
    services.submit(response, invitation=services.invitation_from_resume_token(resume))
    invitation.refresh_from_db()
    response.refresh_from_db()
    assert invitation.submitted_at is not None
    assert response.invitation_id is None
    assert services.response_for_token(resume) is None  # the thread is cut
    refused("invitation_used", begin, survey_round, invitation=invitation,
            invitation_token=token)


def test_a_second_response_cannot_spend_a_used_invitation(survey_round):
    invitation, token = invite(survey_round)
    first, resume = begin(survey_round, invitation=invitation, invitation_token=token)
    answered(first)
    other, _ = begin(survey_round)  # by the public link
    answered(other)
    services.submit(first, invitation=invitation)
    refused("invitation_used", services.submit, other, invitation=invitation)
    other.refresh_from_db()
    assert other.status == ResponseStatus.IN_PROGRESS


def test_too_fast_is_flagged(survey_round):
    response, _ = begin(survey_round)
    answered(response)
    backdate(response, seconds=services.MIN_SECONDS - 5)  # however slow the machine is
    services.submit(response)
    assert response.flag == services.FLAG_TOO_FAST


def test_same_client_with_identical_answers_is_flagged_duplicate(survey_round):
    client = services.client_digest(survey_round.pk, "192.0.2.1", "Firefox")
    first, _ = begin(survey_round, client_digest=client)
    answered(first)
    backdate(first)
    services.submit(first)
    second, _ = begin(survey_round, client_digest=client)
    answered(second)
    backdate(second)
    services.submit(second)
    assert first.flag == "" and second.flag == services.FLAG_DUPLICATE


def test_same_client_with_other_answers_or_other_client_is_not_a_duplicate(survey_round):
    client = services.client_digest(survey_round.pk, "192.0.2.1", "Firefox")
    other_client = services.client_digest(survey_round.pk, "192.0.2.2", "Firefox")
    first, _ = begin(survey_round, client_digest=client)
    answered(first)
    backdate(first)
    services.submit(first)
    different, _ = begin(survey_round, client_digest=client)
    answered(different, organisation={"q_staff": 13})
    backdate(different)
    services.submit(different)
    elsewhere, _ = begin(survey_round, client_digest=other_client)
    answered(elsewhere)
    backdate(elsewhere)
    services.submit(elsewhere)
    assert different.flag == "" and elsewhere.flag == ""


def test_a_browser_that_answered_before_is_flagged(survey_round):
    response, _ = begin(survey_round)
    answered(response)
    backdate(response)
    services.submit(response, seen_before=True)
    assert response.flag == services.FLAG_SAME_BROWSER


def test_the_client_digest_is_keyed_and_differs_by_round(survey_round, named_round):
    one = services.client_digest(survey_round.pk, "192.0.2.1", "Firefox")
    assert len(one) == 64 and "192.0.2.1" not in one
    assert one == services.client_digest(survey_round.pk, "192.0.2.1", "Firefox")
    assert one != services.client_digest(named_round.pk, "192.0.2.1", "Firefox")


def test_submission_tags_the_free_text_after_the_commit(survey_round,
                                                      django_capture_on_commit_callbacks):
    response, _ = begin(survey_round)
    answered(response, impact={"q_story": (
        "Vi anställer personer som stått länge utan arbete och ger dem lön, handledning och "
        "en väg till en fast anställning på arbetsmarknaden.")})
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.submit(response)
    assert len(callbacks) == 1
    assert SurveyResponse.objects.get(pk=response.pk).text_sdgs == {}  # not before the commit
    callbacks[0]()  # the commit: the task runs (immediate backend in tests)
    assert 8 in SurveyResponse.objects.get(pk=response.pk).text_sdgs["q_story"]


def test_no_tagging_without_a_free_text_to_tag(survey_round, django_capture_on_commit_callbacks):
    response, _ = begin(survey_round)
    answered(response, impact={"q_story": ""})
    services.save_section(response, "impact", {k: v for k, v in IMPACT.items()
                                               if k != "q_story"})
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.submit(response)
    assert callbacks == []


# --- The resume link by e-mail ----------------------------------------------------------------


def test_the_resume_link_is_mailed_in_the_respondents_language(survey_round):
    services.mail_resume_link(survey_round=survey_round, email="me@example.org",
                              url="https://example.org/en/surveys/r/abc/", language="en")
    [message] = mail.outbox
    assert message.to == ["me@example.org"]
    assert "https://example.org/en/surveys/r/abc/" in message.body
    assert "The monitor 2026" in message.subject
