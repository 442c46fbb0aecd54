"""Invitation e-mails: each person their own link to answer, in their language.

``services.invitations_send`` calls ``send_invitations_now`` for a few
invitations and enqueues the task ``tasks.send_invitations`` (ids only) for many.
Either way the link is made here, at sending: a fresh secret whose digest
replaces the stored one (the database never holds a usable link), so the link
of any earlier e-mail to the same invitation stops working.

By hand: ``manage.py shell -c "from sihub.surveys.emails import send_invitations as t;
t.call(ROUND_ID, [INVITATION_ID, ...])"``. Running it again mails a new link to
those not yet submitted.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from sihub.surveys import tokens
from sihub.surveys.models import Invitation, SurveyRound


def absolute(path: str) -> str:
    """A path on the configured site (``SIHUB_BASE_URL``)."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def invitation_url(token: str, language: str) -> str:
    """The personal link, under the language prefix the person reads."""
    with translation.override(language):
        return absolute(reverse("surveys:invitation", kwargs={"token": token}))


def _language(invitation: Invitation) -> str:
    codes = dict(settings.LANGUAGES)
    return invitation.language if invitation.language in codes else settings.LANGUAGE_CODE


def invitation_email(invitation: Invitation, token: str, *, reminder: bool) -> EmailMessage:
    """The e-mail with ``token``'s link, rendered in the invitation's language."""
    survey_round = invitation.round
    language = _language(invitation)
    with translation.override(language):
        context = {
            "name": invitation.name,
            "title": survey_round.title,
            "questionnaire": survey_round.questionnaire,
            "intro": survey_round.questionnaire.intro,
            "url": invitation_url(token, language),
            "closes_at": survey_round.closes_at,
            "anonymous": survey_round.anonymous,
            "reminder": reminder,
            "site_name": settings.WAGTAIL_SITE_NAME,
        }
        subject = render_to_string("surveys/email/invitation_subject.txt", context)
        body = render_to_string("surveys/email/invitation.txt", context)
    return EmailMessage(subject=" ".join(subject.split()), body=body, to=[invitation.email])


def send_invitations_now(round_id: int, invitation_ids: list[int]) -> int:
    """Mail each listed, not yet submitted invitation of the round a new link; how many went.

    Per invitation: the new digest is saved first, then the mail is sent, then
    ``sent_at`` is set — a failed mail leaves the invitation "not sent" (to be
    sent again), never a mail whose link does not work.
    """
    survey_round = SurveyRound.objects.select_related("questionnaire").filter(pk=round_id).first()
    if survey_round is None:
        return 0
    rows = (Invitation.objects.filter(round=survey_round, pk__in=invitation_ids,
                                      submitted_at__isnull=True)
            .exclude(email="").order_by("pk"))
    sent = 0
    with get_connection() as connection:
        for invitation in rows:
            invitation.round = survey_round
            reminder = invitation.sent_at is not None
            token, digest = tokens.new_token()
            invitation.token_digest = digest
            invitation.save(update_fields=["token_digest"])
            message = invitation_email(invitation, token, reminder=reminder)
            message.connection = connection
            if message.send():
                invitation.sent_at = timezone.now()
                invitation.save(update_fields=["sent_at"])
                sent += 1
    return sent

