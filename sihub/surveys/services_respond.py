"""Answering a survey: start (with consent), save section by section, resume, submit.

**Who answered.** In a round that is not anonymous a response is linked to
the invitation it came from, the logged-in account (one response per account
and round: starting again resumes it) and the organisation (the invitation's
actor, else the one organisation the account represents). In an *anonymous*
round the response row holds none of these, not even while it is being
filled in — also when the person is logged in or came by invitation.

**Invitations in anonymous rounds.** The invitation must still be usable
once, and resumable until then, without the database linking it to the
response. The choice made here: the resume link of an invited response is
derived from the invitation's secret (``invitation_resume_token``: the
invitation token plus a keyed HMAC of it), so

* opening the invitation link again finds the response (digest of the
  derived link), and the derived link names its invitation at submission,
  which sets ``Invitation.submitted_at`` and refuses a second submission;
* the database holds only SHA-256 digests of the two secrets, and the
  derived one needs the server's ``SECRET_KEY`` too: neither a copy of the
  database nor someone who saw the invitation link can connect the rows;
* on submission of an anonymous invited response its resume digest is
  replaced by a random one, so afterwards not even the invitation link with
  the key leads to the answers (the invitation then says "already answered").

The same derived link is used in named rounds (there the row also points
to the invitation, which the analysts see).

**Repeated and automated answers** are flagged for the analysts, never
refused: ``duplicate`` (another submitted response of the round from the
same client — keyed digest of address and browser — with identical answers;
identical answers rather than "same client within an hour", because a whole
office behind one address with the same browser answers legitimately),
``same_browser`` (this browser had already submitted in the round, see the
cookie in ``views_respond``) and ``too_fast`` (submitted less than
``MIN_SECONDS`` after the start). Bots are kept out at the boundary
(honeypot, per-address limit) in the views.

Errors are ``ResponseError`` with a code (``sihub.core.services.ServiceError``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sihub.core.i18n import localized
from sihub.core.services import ServiceError
from sihub.surveys import answers as answers_module
from sihub.surveys import logic, tokens
from sihub.surveys.models import (
    Invitation,
    ResponseStatus,
    SurveyResponse,
    SurveyRound,
)

# A response submitted sooner than this after it was started is flagged "too_fast".
MIN_SECONDS = 20

FLAG_DUPLICATE = "duplicate"
FLAG_SAME_BROWSER = "same_browser"
FLAG_TOO_FAST = "too_fast"

_INVITED_SALT = "sihub.surveys.invited-resume"
_CLIENT_SALT = "sihub.surveys.client"


class ResponseError(ServiceError):
    messages: ClassVar[Mapping[str, Any]] = {
        "closed": _("This survey is not open for answers."),
        "no_consent": _("To take part, tick the box to agree to how your answers are used."),
        "invitation_only": _("This survey is answered by personal invitation only."),
        "invitation_used": _("This invitation has already been used to answer the survey."),
        "wrong_round": _("This invitation belongs to another survey."),
        "already_submitted": _("These answers have already been sent."),
        "incomplete": _("Some questions still need an answer."),
    }


class IncompleteResponse(ResponseError):
    """Submission refused: ``errors`` by question code (``answers.validate_complete``)."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("incomplete")
        self.errors = errors


# --- Secrets and digests ---------------------------------------------------------------------


def client_digest(round_id: int, ip: str, user_agent: str) -> str:
    """Keyed digest (HMAC with SECRET_KEY) of a client in a round: comparable, not reversible."""
    return salted_hmac(_CLIENT_SALT, f"{round_id}|{ip}|{user_agent}",
                       algorithm="sha256").hexdigest()


def _invited_suffix(invitation_token: str) -> str:
    return salted_hmac(_INVITED_SALT, invitation_token, algorithm="sha256").hexdigest()[:24]


def invitation_resume_token(invitation_token: str) -> str:
    """The resume link's secret of the response begun from this invitation (see module doc)."""
    return f"{invitation_token}.{_invited_suffix(invitation_token)}"


def invitation_for_token(token: str) -> Invitation | None:
    """The invitation whose link holds ``token`` (None for unknown or tampered tokens)."""
    if not token:
        return None
    return Invitation.objects.select_related("round__questionnaire").filter(
        token_digest=tokens.digest(token)).first()


def invitation_from_resume_token(resume_token: str) -> Invitation | None:
    """The invitation a derived resume link names, if it is one and its key checks out."""
    invitation_token, dot, suffix = resume_token.rpartition(".")
    if not dot or not constant_time_compare(suffix, _invited_suffix(invitation_token)):
        return None
    return invitation_for_token(invitation_token)


def response_for_token(resume_token: str) -> SurveyResponse | None:
    """The response a resume link opens (None for unknown or tampered links)."""
    if not resume_token:
        return None
    return SurveyResponse.objects.select_related("round__questionnaire").filter(
        resume_digest=tokens.digest(resume_token)).first()


# --- Starting -------------------------------------------------------------------------------


def _represented_actor(user: Any) -> Any:
    """The organisation an account speaks for, when it is exactly one."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    from sihub.actors.models import Representative

    rows = list(Representative.objects.filter(user=user).select_related("actor")[:2])
    return rows[0].actor if len(rows) == 1 else None


def _check_invitation(survey_round: SurveyRound, invitation: Invitation | None,
                      invitation_token: str) -> None:
    if invitation is None:
        return
    if not constant_time_compare(tokens.digest(invitation_token), invitation.token_digest):
        raise ValueError("invitation_token does not open this invitation")
    if invitation.round_id != survey_round.pk:
        raise ResponseError("wrong_round")


def _existing(survey_round: SurveyRound, *, user: Any, resume_token: str
              ) -> tuple[SurveyResponse, str] | None:
    """A response this person already began (invitation link, or account in a named round)."""
    if resume_token:
        found = response_for_token(resume_token)
        if found is not None:
            if found.is_submitted:
                raise ResponseError("invitation_used")
            return found, resume_token
        return None
    if survey_round.anonymous or user is None or not user.is_authenticated:
        return None
    found = survey_round.responses.filter(user=user).first()
    if found is None:
        return None
    if found.is_submitted:
        raise ResponseError("already_submitted")
    # Only a digest of the old link is kept: the account holder gets a new link.
    token, digest = tokens.new_token()
    found.resume_digest = digest
    found.save(update_fields=["resume_digest"])
    return found, token


def start_response(survey_round: SurveyRound, *, language: str, consent: bool, user: Any = None,
                   invitation: Invitation | None = None, invitation_token: str = "",
                   actor: Any = None, client_digest: str = "") -> tuple[SurveyResponse, str]:
    """Begin answering (or resume what this person began): the response and its resume secret.

    ``invitation_token`` is the secret of ``invitation`` (required with it): the
    resume link is derived from it. ``consent`` is needed only to begin; the
    consent text in ``language`` and the time are recorded with the response.
    """
    _check_invitation(survey_round, invitation, invitation_token)
    if not survey_round.is_accepting():
        raise ResponseError("closed")
    if invitation is None and not survey_round.public_link:
        raise ResponseError("invitation_only")
    if invitation is not None and invitation.submitted_at is not None:
        raise ResponseError("invitation_used")
    user = user if user is not None and getattr(user, "is_authenticated", False) else None
    resume_token = invitation_resume_token(invitation_token) if invitation is not None else ""
    existing = _existing(survey_round, user=user, resume_token=resume_token)
    if existing is not None:
        return existing
    if not consent:
        raise ResponseError("no_consent")
    if not resume_token:
        resume_token = tokens.new_token()[0]
    response = _create(survey_round, language=language, user=user, invitation=invitation,
                       actor=actor, client_digest=client_digest, resume_token=resume_token)
    if response is None:  # a double click got there first: continue that one
        by_link = resume_token if invitation is not None else ""
        existing = _existing(survey_round, user=user, resume_token=by_link)
        if existing is None:
            raise ResponseError("closed")
        return existing
    return response, resume_token


def _create(survey_round: SurveyRound, *, language: str, user: Any,
            invitation: Invitation | None, actor: Any, client_digest: str,
            resume_token: str) -> SurveyResponse | None:
    now = timezone.now()
    named = not survey_round.anonymous
    if user is not None and invitation is not None and survey_round.responses.filter(
            user=user).exists():
        # The account already answered by another way: the invitation is the link here.
        user = None
    response = SurveyResponse(
        round=survey_round, language=language, resume_digest=tokens.digest(resume_token),
        client_digest=client_digest,
        consent_text=localized(survey_round.questionnaire, "consent_text", language),
        consent_given_at=now, started_at=now, updated_at=now,
        # Who answered: only in a named round (see the module docstring).
        invitation=invitation if named else None,
        user=user if named else None,
        actor=(actor or (invitation.actor if invitation else None) or _represented_actor(user))
        if named else None,
    )
    response.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            response.save()
            if invitation is not None and invitation.started_at is None:
                invitation.started_at = now
                invitation.save(update_fields=["started_at"])
    except IntegrityError:
        return None
    return response


# --- Saving and submitting -----------------------------------------------------------------


def _check_open(response: SurveyResponse) -> None:
    if response.is_submitted:
        raise ResponseError("already_submitted")
    if not response.round.is_accepting():
        raise ResponseError("closed")


def save_section(response: SurveyResponse, section_key: str, values: Mapping[str, Any]
                 ) -> SurveyResponse:
    """Store one section page's answers (``answers.read_section``), replacing the earlier ones.

    Answers to later questions that are now hidden are kept until submission,
    so changing an answer back brings them back.
    """
    section = response.round.questionnaire.schema.section(section_key)
    if section is None:
        raise ValueError(f"unknown section {section_key!r}")
    with transaction.atomic():
        # Read again under a lock: two tabs saving different sections both count.
        locked = SurveyResponse.objects.select_for_update().select_related(
            "round__questionnaire").get(pk=response.pk)
        _check_open(locked)
        locked.answers = answers_module.merge(locked.answers or {}, section, values)
        locked.updated_at = timezone.now()
        locked.save(update_fields=["answers", "updated_at"])
    response.answers, response.updated_at = locked.answers, locked.updated_at
    return response


def _flag(response: SurveyResponse, answers: Mapping[str, Any], *, now: Any,
          seen_before: bool) -> str:
    if response.client_digest:
        others = (SurveyResponse.objects.filter(
            round_id=response.round_id, status=ResponseStatus.SUBMITTED,
            client_digest=response.client_digest).exclude(pk=response.pk)
            .values_list("answers", flat=True))
        if any(other == answers for other in others):
            return FLAG_DUPLICATE
    if seen_before:
        return FLAG_SAME_BROWSER
    if (now - response.started_at).total_seconds() < MIN_SECONDS:
        return FLAG_TOO_FAST
    return ""


def _submit_invitation(response: SurveyResponse, invitation: Invitation | None, now: Any
                       ) -> Invitation | None:
    invitation_id = response.invitation_id or (invitation.pk if invitation else None)
    if invitation_id is None:
        return None
    locked = Invitation.objects.select_for_update().get(pk=invitation_id)
    if locked.round_id != response.round_id:
        raise ResponseError("wrong_round")
    if locked.submitted_at is not None:
        raise ResponseError("invitation_used")
    locked.submitted_at = now
    locked.started_at = locked.started_at or now
    locked.save(update_fields=["submitted_at", "started_at"])
    return locked


def submit(response: SurveyResponse, *, invitation: Invitation | None = None,
           seen_before: bool = False) -> SurveyResponse:
    """Send the answers: check them complete, drop answers to hidden questions, flag, close.

    ``invitation`` is the one an anonymous response was begun from (named by
    its resume link, ``invitation_from_resume_token``); in a named round the
    response's own invitation is used. ``seen_before``: this browser had
    already submitted in the round.
    """
    with transaction.atomic():
        locked = SurveyResponse.objects.select_for_update().select_related(
            "round__questionnaire").get(pk=response.pk)
        _check_open(locked)
        schema = locked.round.questionnaire.schema
        errors = answers_module.validate_complete(schema, locked.answers or {})
        if errors:
            raise IncompleteResponse(errors)
        now = timezone.now()
        used = _submit_invitation(locked, invitation, now)
        kept = logic.prune(schema, locked.answers or {})
        locked.flag = _flag(locked, kept, now=now, seen_before=seen_before)
        locked.answers = kept
        locked.status = ResponseStatus.SUBMITTED
        locked.submitted_at = locked.updated_at = now
        fields = ["answers", "status", "submitted_at", "updated_at", "flag"]
        if used is not None and locked.round.anonymous:
            # Cut the last thread from the invitation's secret to these answers.
            locked.resume_digest = tokens.new_token()[1]
            fields.append("resume_digest")
        locked.save(update_fields=fields)
        if _has_text_to_tag(schema, kept):
            transaction.on_commit(lambda: _enqueue_tagging(locked.pk))
    response.refresh_from_db()
    return response


def _has_text_to_tag(schema: Any, answers: Mapping[str, Any]) -> bool:
    return any(q.classify and q.is_text and answers.get(q.code) for q in schema.questions)


def _enqueue_tagging(response_id: int) -> None:
    """Suggest global goals for the free-text answers, in the background."""
    from sihub.surveys.tasks import tag_free_text

    tag_free_text.enqueue(response_id)


# --- The resume link by e-mail ---------------------------------------------------------------


def mail_resume_link(*, survey_round: SurveyRound, email: str, url: str, language: str) -> None:
    """Send the resume link to an address the respondent typed; the address is not kept."""
    with translation.override(language):
        subject = gettext("Your link to continue: %(title)s") % {
            "title": localized(survey_round, "title", language)}
        body = gettext(
            "You asked us to send you the link to continue answering the survey "
            "“%(title)s”.\n\n%(url)s\n\nAnyone with the link can see and change your "
            "answers until you send them, so keep it to yourself. We have not kept your "
            "e-mail address.\n"
        ) % {"title": localized(survey_round, "title", language), "url": url}
    send_mail(subject, body, None, [email])

