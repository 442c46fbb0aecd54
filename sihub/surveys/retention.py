"""Retention: what a survey round keeps about people once it has been closed a while.

``SIHUB_SURVEYS_RETENTION_DAYS`` after a round was **closed** (``closed_at``):

* deleted: responses never submitted (unfinished answers nobody will count),
  and the round's invitations (e-mail addresses and names; the response
  rate of an old round is then no longer shown);
* blanked: the client digests kept to spot repeated submissions, and the
  link to the account that answered (the organisation in the ecosystem
  directory, which is not a person, stays for non-anonymous rounds);
* kept: the submitted answers, which the statistics and reports are made of.

A round reopened since has no ``closed_at`` and is left alone. Idempotent:
a round done is marked by an audit entry and has nothing left to change.
Scheduled daily (``apps.py``); by hand: ``manage.py apply_survey_retention``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from sihub.core.services import audit_record
from sihub.surveys.models import ResponseStatus, RoundStatus, SurveyRound


def retention_cutoff(now: datetime | None = None) -> datetime:
    return (now or timezone.now()) - timedelta(days=settings.SIHUB_SURVEYS_RETENTION_DAYS)


def rounds_due(now: datetime | None = None) -> models.QuerySet[SurveyRound]:
    """Rounds closed long enough ago that still hold something retention removes."""
    pending = (Q(invitations__isnull=False)
               | Q(responses__status=ResponseStatus.IN_PROGRESS)
               | ~Q(responses__client_digest="") | Q(responses__user__isnull=False))
    return (SurveyRound.objects.filter(status=RoundStatus.CLOSED,
                                       closed_at__lt=retention_cutoff(now))
            .filter(pending).distinct())


def apply_round_retention(survey_round: SurveyRound) -> dict[str, int]:
    with transaction.atomic():
        responses = survey_round.responses.all()
        unfinished, _ = responses.filter(status=ResponseStatus.IN_PROGRESS).delete()
        unlinked = responses.exclude(client_digest="", user__isnull=True).update(
            client_digest="", user=None, invitation=None)
        invitations, _ = survey_round.invitations.all().delete()
        counts = {"unfinished_deleted": unfinished, "responses_unlinked": unlinked,
                  "invitations_deleted": invitations}
        audit_record(actor=None, action="surveys.retention_applied", target=survey_round,
                     data=counts)
    return counts


def apply_survey_retention(now: datetime | None = None,
                           log: Callable[[str], object] | None = None) -> int:
    """Apply retention to every round due; returns the number of rounds changed."""
    done = 0
    for survey_round in rounds_due(now):
        counts = apply_round_retention(survey_round)
        done += 1
        if log:
            log(f"{survey_round.slug}: {counts['unfinished_deleted']} unfinished deleted, "
                f"{counts['responses_unlinked']} unlinked, "
                f"{counts['invitations_deleted']} invitation(s) deleted")
    return done
