"""Retention of closed rounds, and export/erasure of a respondent's survey data."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from sihub.core import privacy
from sihub.core.models import User
from sihub.surveys import tokens
from sihub.surveys.models import Invitation, RoundStatus, SurveyResponse, SurveyRound
from sihub.surveys.retention import apply_survey_retention, rounds_due
from sihub.surveys.tests.conftest import FULL_ANSWERS, make_response

pytestmark = pytest.mark.django_db


def _invite(survey_round: SurveyRound, email: str, name: str = "") -> Invitation:
    return Invitation.objects.create(round=survey_round, email=email, name=name,
                                     token_digest=tokens.new_token()[1])


def _close(survey_round: SurveyRound, days_ago: float) -> None:
    survey_round.status = RoundStatus.CLOSED
    survey_round.save()
    SurveyRound.objects.filter(pk=survey_round.pk).update(
        closed_at=timezone.now() - timedelta(days=days_ago))


def test_closing_stamps_the_time_and_reopening_clears_it(survey_round):
    survey_round.status = RoundStatus.CLOSED
    survey_round.save(update_fields=["status"])
    survey_round.refresh_from_db()
    assert survey_round.closed_at is not None
    survey_round.status = RoundStatus.OPEN
    survey_round.save()
    assert SurveyRound.objects.get(pk=survey_round.pk).closed_at is None


def test_retention_keeps_answers_and_removes_what_points_at_people(named_round, member,
                                                                   settings):
    settings.SIHUB_SURVEYS_RETENTION_DAYS = 30
    invitation = _invite(named_round, "ada@example.org", "Ada")
    done = make_response(named_round, FULL_ANSWERS, invitation=invitation, user=member,
                         client_digest="c" * 64)
    make_response(named_round, {"q_sector": "civil"}, submitted=False)
    _close(named_round, days_ago=29)
    assert list(rounds_due()) == []
    _close(named_round, days_ago=31)
    assert list(rounds_due()) == [named_round]

    assert apply_survey_retention() == 1
    kept = SurveyResponse.objects.get()
    assert kept.pk == done.pk and kept.answers == FULL_ANSWERS
    assert (kept.user, kept.invitation, kept.client_digest) == (None, None, "")
    assert not Invitation.objects.exists()
    assert apply_survey_retention() == 0  # nothing left to do


def test_an_open_round_is_left_alone(named_round, settings):
    settings.SIHUB_SURVEYS_RETENTION_DAYS = 1
    _invite(named_round, "ada@example.org")
    SurveyRound.objects.filter(pk=named_round.pk).update(
        closed_at=timezone.now() - timedelta(days=400))  # stale stamp, but open
    assert apply_survey_retention() == 0
    assert Invitation.objects.count() == 1


def test_the_command_can_dry_run(named_round, settings, capsys):
    settings.SIHUB_SURVEYS_RETENTION_DAYS = 1
    _invite(named_round, "ada@example.org")
    _close(named_round, days_ago=2)
    call_command("apply_survey_retention", "--dry-run")
    assert "named-2026" in capsys.readouterr().out and Invitation.objects.count() == 1
    call_command("apply_survey_retention")
    assert Invitation.objects.count() == 0


def test_erasure_by_address_deletes_invitations_and_their_responses(named_round, survey_round):
    invitation = _invite(named_round, "Bo@Example.org", "Bo")
    make_response(named_round, FULL_ANSWERS, invitation=invitation)
    anonymous = make_response(survey_round, FULL_ANSWERS)
    other = make_response(named_round, FULL_ANSWERS,
                          invitation=_invite(named_round, "cy@example.org"))
    erased = privacy.email_erase(actor=None, email="bo@example.org")
    assert erased == {"surveys.Invitation": 1}
    assert set(SurveyResponse.objects.values_list("pk", flat=True)) == {anonymous.pk, other.pk}
    assert list(Invitation.objects.values_list("email", flat=True)) == ["cy@example.org"]


def test_an_account_s_export_and_erasure_cover_its_responses(named_round, survey_round):
    user = User.objects.create_user("dana@example.org", "pw-Dana-12345")
    mine = make_response(named_round, {**FULL_ANSWERS, "q_story": "Dana skriver."}, user=user)
    anonymous = make_response(survey_round, FULL_ANSWERS)
    export = privacy.personal_data_export(user)
    rows = export["data"]["surveys.SurveyResponse"]
    assert any(row.get("answers", {}).get("q_story") == "Dana skriver." for row in rows)
    privacy.person_erase(actor=None, user=user)
    assert not SurveyResponse.objects.filter(pk=mine.pk).exists()
    assert SurveyResponse.objects.filter(pk=anonymous.pk).exists()


def test_the_tagging_command_tags_a_whole_round(survey_round, capsys):
    text = ("Vi anställer personer som stått länge utan arbete och ger dem lön, handledning "
            "och en väg till en fast anställning på arbetsmarknaden.")
    response = make_response(survey_round, {**FULL_ANSWERS, "q_story": text})
    make_response(survey_round, {**FULL_ANSWERS, "q_story": text}, submitted=False)
    call_command("surveys_tag_free_text", survey_round.slug)
    assert 8 in SurveyResponse.objects.get(pk=response.pk).text_sdgs["q_story"]
    assert "1 response(s)" in capsys.readouterr().out
