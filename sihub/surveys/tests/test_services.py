"""Analysts' writes: publishing and versioning questionnaires, rounds, invitations and e-mails."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import resolve
from django.utils import timezone, translation

from sihub.core.models import AuditEntry
from sihub.surveys import services, tokens
from sihub.surveys.models import (
    Invitation,
    Questionnaire,
    QuestionnaireStatus,
    RoundStatus,
    SurveyRound,
)
from sihub.surveys.tests.conftest import (
    SMALL_BODY,
    make_questionnaire,
    make_response,
    make_round,
    question,
    section,
)

DRAFT = QuestionnaireStatus.DRAFT
LINK_RE = re.compile(r"https?://\S+/i/([A-Za-z0-9_-]+)/")


def _draft(**kwargs) -> Questionnaire:
    return make_questionnaire(status=DRAFT, **kwargs)


def _token_in(mail) -> str:
    match = LINK_RE.search(mail.body)
    assert match, mail.body
    return match.group(1)


# --- Publishing -----------------------------------------------------------------------------


def test_it_publishes_a_draft_without_problems_and_audits_it(analyst):
    draft = _draft()
    services.questionnaire_publish(draft, user=analyst)
    draft.refresh_from_db()
    assert draft.status == QuestionnaireStatus.PUBLISHED and draft.published_at is not None
    entry = AuditEntry.objects.get(action=services.QUESTIONNAIRE_PUBLISHED)
    assert entry.actor_id == analyst.pk and entry.target_id == str(draft.pk)


def test_it_refuses_to_publish_a_questionnaire_with_problems(analyst):
    bad_body = [section("s1", "Del", "Part", [
        question("single_choice", "q_a", "Fråga", "Question", options=[]),
        question("short_text", "q_b", "Följd", "Follow", show_if={"question": "q_later",
                                                                  "values": "x"}),
    ])]
    draft = _draft(body=bad_body)
    with pytest.raises(services.SurveyError) as caught:
        services.questionnaire_publish(draft, user=analyst)
    assert caught.value.code == "has_problems"
    assert any("q_a" in p for p in caught.value.problems)
    assert any("q_later" in p for p in caught.value.problems)
    draft.refresh_from_db()
    assert draft.status == DRAFT and draft.published_at is None
    assert not AuditEntry.objects.filter(action=services.QUESTIONNAIRE_PUBLISHED).exists()


def test_it_refuses_to_publish_an_empty_questionnaire(analyst):
    with pytest.raises(services.SurveyError) as caught:
        services.questionnaire_publish(_draft(body=[]), user=analyst)
    assert caught.value.code == "has_problems"


def test_it_publishes_only_drafts(analyst, questionnaire):
    with pytest.raises(services.SurveyError) as caught:
        services.questionnaire_publish(questionnaire, user=analyst)
    assert caught.value.code == "not_draft"


def test_earlier_versions_stay_published(analyst, questionnaire):
    draft = services.questionnaire_new_version(questionnaire, user=analyst)
    services.questionnaire_publish(draft, user=analyst)
    questionnaire.refresh_from_db()
    assert questionnaire.status == QuestionnaireStatus.PUBLISHED
    assert draft.status == QuestionnaireStatus.PUBLISHED


@pytest.mark.parametrize("persona", ["editor", "facilitator", "member"])
def test_only_analysts_publish(db, request, persona):
    draft = _draft()
    with pytest.raises(PermissionDenied):
        services.questionnaire_publish(draft, user=request.getfixturevalue(persona))
    draft.refresh_from_db()
    assert draft.status == DRAFT


# --- New versions ---------------------------------------------------------------------------


def test_a_new_version_copies_the_body_and_takes_the_next_number(analyst, questionnaire):
    make_questionnaire(family="monitor", version=3, status=QuestionnaireStatus.RETIRED)
    copy = services.questionnaire_new_version(questionnaire, user=analyst)
    assert copy.pk != questionnaire.pk
    assert (copy.family, copy.version, copy.status) == ("monitor", 4, DRAFT)
    assert copy.based_on == questionnaire and copy.created_by == analyst
    assert list(copy.body.raw_data) == list(questionnaire.body.raw_data)
    codes = [q.code for q in questionnaire.schema.questions]
    assert [q.code for q in copy.schema.questions] == codes
    assert (copy.title_en, copy.consent_text_sv) == (questionnaire.title_en,
                                                     questionnaire.consent_text_sv)
    assert AuditEntry.objects.filter(action=services.QUESTIONNAIRE_VERSIONED,
                                     target_id=str(copy.pk)).exists()


def test_changing_the_copy_leaves_the_original_frozen(analyst, questionnaire):
    copy = services.questionnaire_new_version(questionnaire, user=analyst)
    copy.body = SMALL_BODY[:1]
    copy.title_en = "The monitor, second edition"
    copy.full_clean()
    copy.save()
    questionnaire.refresh_from_db()
    assert len(questionnaire.schema.sections) == 3
    assert questionnaire.title_en == "The monitor"
    questionnaire.title_en = "Changed"
    with pytest.raises(ValidationError):
        questionnaire.full_clean()


def test_a_family_has_one_draft_at_a_time(analyst, questionnaire):
    first = services.questionnaire_new_version(questionnaire, user=analyst)
    with pytest.raises(services.SurveyError) as caught:
        services.questionnaire_new_version(questionnaire, user=analyst)
    assert caught.value.code == "draft_exists" and caught.value.draft == first
    assert Questionnaire.objects.filter(family="monitor").count() == 2


def test_a_draft_is_edited_not_versioned(analyst):
    with pytest.raises(services.SurveyError) as caught:
        services.questionnaire_new_version(_draft(), user=analyst)
    assert caught.value.code == "not_published"


def test_a_retired_questionnaire_can_be_the_base_of_a_new_version(analyst, questionnaire):
    services.questionnaire_retire(questionnaire, user=analyst)
    assert services.questionnaire_new_version(questionnaire, user=analyst).version == 2


# --- Rounds ---------------------------------------------------------------------------------


def _round_fields(**extra):
    return {"title_sv": "Monitorn 2027", "title_en": "The monitor 2027", "slug": "monitor-2027",
            **extra}


def test_a_round_is_created_closed_and_audited(analyst, questionnaire):
    created = services.round_create(user=analyst, questionnaire=questionnaire, **_round_fields())
    assert created.status == RoundStatus.DRAFT and not created.is_accepting()
    assert created.created_by == analyst
    assert AuditEntry.objects.filter(action=services.ROUND_CREATED,
                                     target_id=str(created.pk)).exists()


def test_a_round_cannot_use_a_draft(analyst):
    with pytest.raises(services.SurveyError) as caught:
        services.round_create(user=analyst, questionnaire=_draft(), **_round_fields())
    assert caught.value.code == "draft_questionnaire"
    assert not SurveyRound.objects.exists()


def test_a_round_cannot_be_moved_to_a_draft(analyst, survey_round):
    with pytest.raises(services.SurveyError):
        services.round_update(survey_round, user=analyst,
                              questionnaire=_draft(family="other"))


def test_a_round_validates_its_dates(analyst, questionnaire):
    now = timezone.now()
    with pytest.raises(ValidationError) as caught:
        services.round_create(user=analyst, questionnaire=questionnaire,
                              **_round_fields(opens_at=now, closes_at=now - timedelta(days=1)))
    assert "closes_at" in caught.value.error_dict


def test_the_questionnaire_is_fixed_once_answered(analyst, survey_round):
    newer = services.questionnaire_new_version(survey_round.questionnaire, user=analyst)
    services.questionnaire_publish(newer, user=analyst)
    make_response(survey_round, {"q_sector": "civil"})
    with pytest.raises(services.SurveyError) as caught:
        services.round_update(survey_round, user=analyst, questionnaire=newer)
    assert caught.value.code == "questionnaire_locked"
    with pytest.raises(services.SurveyError):
        services.round_update(survey_round, user=analyst, anonymous=False)
    survey_round.refresh_from_db()
    assert survey_round.questionnaire_id != newer.pk and survey_round.anonymous
    # Other settings may still change.
    services.round_update(survey_round, user=analyst, title_en="Renamed", results_public=True)
    survey_round.refresh_from_db()
    assert survey_round.title_en == "Renamed" and survey_round.results_public
    entry = AuditEntry.objects.get(action=services.ROUND_UPDATED)
    assert entry.data == {"fields": ["results_public", "title_en"]}


def test_the_questionnaire_may_change_before_anyone_answers(analyst, survey_round):
    newer = services.questionnaire_new_version(survey_round.questionnaire, user=analyst)
    services.questionnaire_publish(newer, user=analyst)
    services.round_update(survey_round, user=analyst, questionnaire=newer)
    survey_round.refresh_from_db()
    assert survey_round.questionnaire_id == newer.pk


def test_opening_and_closing_decide_whether_answers_are_accepted(analyst, questionnaire):
    survey_round = make_round(questionnaire, status=RoundStatus.DRAFT)
    assert not survey_round.is_accepting()
    services.round_open(survey_round, user=analyst)
    assert SurveyRound.objects.get(pk=survey_round.pk).is_accepting()
    services.round_close(survey_round, user=analyst)
    assert not SurveyRound.objects.get(pk=survey_round.pk).is_accepting()
    services.round_open(survey_round, user=analyst)  # reopening is allowed
    assert SurveyRound.objects.get(pk=survey_round.pk).is_accepting()
    actions = list(AuditEntry.objects.filter(target_type="surveys.surveyround",
                                             target_id=str(survey_round.pk))
                   .order_by("pk").values_list("action", flat=True))
    assert actions == [services.ROUND_OPENED, services.ROUND_CLOSED, services.ROUND_OPENED]


def test_open_needs_a_published_questionnaire(analyst, questionnaire):
    survey_round = make_round(questionnaire, status=RoundStatus.CLOSED)
    services.questionnaire_retire(questionnaire, user=analyst)
    with pytest.raises(services.SurveyError) as caught:
        services.round_open(survey_round, user=analyst)
    assert caught.value.code == "draft_questionnaire"
    assert SurveyRound.objects.get(pk=survey_round.pk).status == RoundStatus.CLOSED


def test_closing_a_round_that_is_not_open_is_refused(analyst, questionnaire):
    with pytest.raises(services.SurveyError) as caught:
        services.round_close(make_round(questionnaire, status=RoundStatus.DRAFT), user=analyst)
    assert caught.value.code == "already_closed"


def test_rounds_are_for_analysts(editor, questionnaire, survey_round):
    with pytest.raises(PermissionDenied):
        services.round_create(user=editor, questionnaire=questionnaire, **_round_fields())
    with pytest.raises(PermissionDenied):
        services.round_close(survey_round, user=editor)
    assert SurveyRound.objects.get(pk=survey_round.pk).status == RoundStatus.OPEN


# --- Invitations ----------------------------------------------------------------------------


def test_parse_addresses_reads_names_and_rejects_bad_lines():
    good, bad = services.parse_addresses(
        "anna@example.org\n\n  Bo Berg <bo@example.org>  \nnot an address\nc@\n")
    assert good == [("anna@example.org", ""), ("bo@example.org", "Bo Berg")]
    assert bad == ["not an address", "c@"]


def test_invitations_add_dedupes_and_rejects_bad_addresses(analyst, named_round):
    first = services.invitations_add(named_round, user=analyst, language="en",
                                     emails=[("anna@example.org", "Anna"),
                                             ("ANNA@example.org", "Anna again"),
                                             ("nope", "")])
    assert [i.email for i in first.added] == ["anna@example.org"]
    assert first.already_invited == ["anna@example.org"]
    assert first.invalid == ["nope"]
    second = services.invitations_add(named_round, user=analyst,
                                      emails=[("Anna@Example.org", ""), ("bo@example.org", "")])
    assert [i.email for i in second.added] == ["bo@example.org"]
    assert second.already_invited == ["anna@example.org"]
    assert Invitation.objects.filter(round=named_round).count() == 2
    anna = Invitation.objects.get(email="anna@example.org")
    assert (anna.name, anna.language, anna.sent_at) == ("Anna", "en", None)
    entry = AuditEntry.objects.filter(action=services.INVITATIONS_ADDED).first()
    assert "anna@example.org" not in str(entry.data)


def test_invitations_add_uses_an_actors_public_contact(analyst, named_round):
    from sihub.actors.models import Contact
    from sihub.actors.tests.factories import make_actor

    with_public = make_actor("Växthuset")
    Contact.objects.create(actor=with_public, name="Privat", email="hidden@example.org")
    Contact.objects.create(actor=with_public, name="Info", email="info@vaxthuset.se",
                           is_public=True)
    hidden_only = make_actor("Tyst AB")
    Contact.objects.create(actor=hidden_only, name="Privat", email="p@tyst.se")
    result = services.invitations_add(named_round, user=analyst,
                                      actors=[with_public, hidden_only])
    assert [(i.email, i.actor) for i in result.added] == [("info@vaxthuset.se", with_public)]
    assert result.without_email == ["Tyst AB"]


def _invite(survey_round, user, *people, language="sv"):
    return services.invitations_add(survey_round, user=user, language=language,
                                    emails=[(email, "") for email in people]).added


def test_invitations_send_mails_working_links_in_each_language(analyst, named_round,
                                                                 mailoutbox):
    services.invitations_add(named_round, user=analyst, language="en",
                             emails=[("anna@example.org", "Anna")])
    services.invitations_add(named_round, user=analyst, language="sv",
                             emails=[("bo@example.org", "Bo")])
    sent = services.invitations_send(named_round, user=analyst)
    assert (sent.count, sent.queued) == (2, False)
    by_address = {mail.to[0]: mail for mail in mailoutbox}
    assert set(by_address) == {"anna@example.org", "bo@example.org"}
    english, swedish = by_address["anna@example.org"], by_address["bo@example.org"]
    assert "/en/surveys/i/" in english.body and "The monitor 2026" in english.subject
    assert "/sv/surveys/i/" in swedish.body and "Monitorn 2026" in swedish.subject
    for address, mail in by_address.items():
        token = _token_in(mail)
        invitation = Invitation.objects.get(token_digest=tokens.digest(token))
        assert invitation.email == address and invitation.sent_at is not None
        path = LINK_RE.search(mail.body).group(0).split("://", 1)[1]
        with translation.override(invitation.language):
            match = resolve(path[path.index("/"):])
        assert match.view_name == "surveys:invitation" and match.kwargs["token"] == token
    assert services.invitations_send(named_round, user=analyst).count == 0  # all sent
    assert len(mailoutbox) == 2


def test_a_reminder_makes_a_new_link_and_skips_those_who_submitted(analyst, named_round,
                                                                    mailoutbox):
    _invite(named_round, analyst, "anna@example.org", "bo@example.org")
    services.invitations_send(named_round, user=analyst)
    first_links = {m.to[0]: _token_in(m) for m in mailoutbox}
    Invitation.objects.filter(email="bo@example.org").update(submitted_at=timezone.now())
    mailoutbox.clear()
    sent = services.invitations_send(named_round, user=analyst, which=services.REMINDER)
    assert sent.count == 1 and [m.to for m in mailoutbox] == [["anna@example.org"]]
    reminder = mailoutbox[0]
    new_token = _token_in(reminder)
    assert new_token != first_links["anna@example.org"]
    anna = Invitation.objects.get(email="anna@example.org")
    assert anna.token_digest == tokens.digest(new_token)
    # The old link no longer finds the invitation.
    assert not Invitation.objects.filter(
        token_digest=tokens.digest(first_links["anna@example.org"])).exists()
    assert reminder.subject.startswith(("Reminder", "Påminnelse"))


def test_unsent_and_reminder_pick_different_people(analyst, named_round, mailoutbox):
    _invite(named_round, analyst, "anna@example.org")
    assert services.invitations_send(named_round, user=analyst,
                                     which=services.REMINDER).count == 0
    services.invitations_send(named_round, user=analyst)
    _invite(named_round, analyst, "bo@example.org")
    assert services.invitations_to_send(named_round, services.UNSENT) == [
        Invitation.objects.get(email="bo@example.org").pk]
    assert services.invitations_to_send(named_round, services.REMINDER) == [
        Invitation.objects.get(email="anna@example.org").pk]


def test_many_invitations_go_to_the_background_worker(analyst, named_round, mailoutbox,
                                                       django_capture_on_commit_callbacks):
    people = [f"person{n}@example.org" for n in range(services.SEND_INLINE_MAX + 1)]
    _invite(named_round, analyst, *people)
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.invitations_send(named_round, user=analyst)
    assert sent.queued and sent.count == len(people)
    # The test settings run tasks at once; in production the db_worker sends them.
    assert len(mailoutbox) == len(people)
    assert not Invitation.objects.filter(round=named_round, sent_at__isnull=True).exists()


def test_sending_is_for_analysts(editor, named_round, analyst, mailoutbox):
    _invite(named_round, analyst, "anna@example.org")
    with pytest.raises(PermissionDenied):
        services.invitations_send(named_round, user=editor)
    with pytest.raises(PermissionDenied):
        services.invitations_add(named_round, user=editor, emails=[("x@example.org", "")])
    assert mailoutbox == []
