"""Analysts' writes in surveys: publishing questionnaires, running rounds, inviting people.

Every function checks the right again (``selectors.can_manage``: a view is not
the only caller), validates, writes in one transaction and leaves an
``audit_record``. Refusals a person can act on raise ``SurveyError`` with a
stable ``code`` (tests compare it, views show ``error.message``).

Versions. A published questionnaire is frozen (``models.Questionnaire``);
``questionnaire_new_version`` copies it into the family's next draft. A family
has at most one draft at a time: asking for a new version while a draft
exists is refused with ``draft_exists`` (``error.draft`` names that draft, so
the page can send the analyst to it) — two drafts would compete for the same
next version number and one of them would be lost work.

Invitations. The database keeps only a digest of each personal link
(``tokens.py``), so a link can be written into an e-mail only when it is made:
``invitations_add`` stores the digest of a secret nobody keeps, and
``invitations_send`` makes a fresh secret for each invitation it mails, stores
its digest and puts the link in the mail. Sending again (a reminder) therefore
makes a new link, and **the link of the earlier e-mail stops working**; the
reminder says so. A respondent's answers are not lost: a started response is
resumed with its own resume link, or, in a named round, through the new
invitation link.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from email.utils import parseaddr
from typing import Any, ClassVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy

from sihub.core.services import ServiceError, assign_fields, audit_record
from sihub.surveys import schema as schema_module
from sihub.surveys import selectors, tokens
from sihub.surveys.models import (
    Invitation,
    Questionnaire,
    QuestionnaireStatus,
    RoundStatus,
    SurveyRound,
)

QUESTIONNAIRE_PUBLISHED = "surveys.questionnaire_published"
QUESTIONNAIRE_VERSIONED = "surveys.questionnaire_new_version"
QUESTIONNAIRE_RETIRED = "surveys.questionnaire_retired"
ROUND_CREATED = "surveys.round_created"
ROUND_UPDATED = "surveys.round_updated"
ROUND_OPENED = "surveys.round_opened"
ROUND_CLOSED = "surveys.round_closed"
INVITATIONS_ADDED = "surveys.invitations_added"
INVITATIONS_SENT = "surveys.invitations_sent"

# What round_create / round_update may set; the status moves only through round_open/close.
ROUND_FIELDS = frozenset({"questionnaire", "title_sv", "title_en", "slug", "opens_at",
                          "closes_at", "anonymous", "public_link", "results_public"})
# Fields that cannot change once someone has answered: the answers belong to that
# questionnaire, and the respondents were promised (or not) anonymity.
LOCKED_AFTER_RESPONSES = ("questionnaire", "anonymous")

ERROR_MESSAGES = {
    "not_draft": gettext_lazy("Only a draft can be published; this questionnaire is already "
                              "published or retired."),
    "has_problems": gettext_lazy("The questionnaire cannot be published until its problems "
                                 "are fixed."),
    "not_published": gettext_lazy("Only a published or retired questionnaire can be the base "
                                  "of a new version; edit the draft instead."),
    "draft_exists": gettext_lazy("This questionnaire already has a draft version. Edit that "
                                 "draft (or publish it) before making another."),
    "not_retirable": gettext_lazy("Only a published questionnaire can be retired."),
    "draft_questionnaire": gettext_lazy("Only a published questionnaire can be used in a "
                                        "round."),
    "questionnaire_locked": gettext_lazy("The round already has answers: its questionnaire "
                                         "and whether it is anonymous can no longer change."),
    "already_open": gettext_lazy("The round is already open."),
    "already_closed": gettext_lazy("The round is not open."),
}


class SurveyError(ServiceError):
    """A refused change the analyst can understand and act on (codes: ERROR_MESSAGES)."""

    messages: ClassVar = ERROR_MESSAGES

    def __init__(self, code: str, *, problems: Sequence[str] = (),
                 draft: Questionnaire | None = None) -> None:
        super().__init__(code)
        self.problems = list(problems)  # has_problems: the sentences of schema.problems
        self.draft = draft  # draft_exists: the family's existing draft


def _require_manage(user: Any) -> None:
    if not selectors.can_manage(user):
        raise PermissionDenied


# --- Questionnaires -----------------------------------------------------------------------


def questionnaire_problems(questionnaire: Questionnaire) -> list[str]:
    """What keeps ``questionnaire`` from being published (translated sentences)."""
    return schema_module.problems(questionnaire.schema)


def questionnaire_publish(questionnaire: Questionnaire, *, user: Any) -> Questionnaire:
    """Freeze a draft so rounds can use it.

    Earlier published versions of the family stay published: rounds that use
    them keep working, and an analyst retires them when no longer wanted.
    """
    _require_manage(user)
    with transaction.atomic():
        locked = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
        if locked.status != QuestionnaireStatus.DRAFT:
            raise SurveyError("not_draft")
        problems = questionnaire_problems(locked)
        if problems:
            raise SurveyError("has_problems", problems=problems)
        locked.status = QuestionnaireStatus.PUBLISHED
        locked.published_at = timezone.now()
        locked.save(update_fields=["status", "published_at"])
        audit_record(actor=user, action=QUESTIONNAIRE_PUBLISHED, target=locked,
                     data={"family": locked.family, "version": locked.version})
    questionnaire.status, questionnaire.published_at = locked.status, locked.published_at
    return questionnaire


def family_draft(family: str) -> Questionnaire | None:
    return Questionnaire.objects.filter(family=family, status=QuestionnaireStatus.DRAFT).first()


def questionnaire_new_version(questionnaire: Questionnaire, *, user: Any) -> Questionnaire:
    """A new draft copied from a published (or retired) version: the next number in the family.

    The body is copied as stored (raw stream data, block ids included), so the
    question codes — which compare rounds across versions — stay the same.
    Refused with ``draft_exists`` when the family already has a draft.
    """
    _require_manage(user)
    if questionnaire.status == QuestionnaireStatus.DRAFT:
        raise SurveyError("not_published")
    with transaction.atomic():
        # Lock the family's versions so two clicks cannot both take the next number.
        family = list(Questionnaire.objects.select_for_update()
                      .filter(family=questionnaire.family).order_by("version"))
        draft = next((q for q in family if q.status == QuestionnaireStatus.DRAFT), None)
        if draft is not None:
            raise SurveyError("draft_exists", draft=draft)
        version = (Questionnaire.objects.filter(family=questionnaire.family)
                   .aggregate(top=Max("version"))["top"] or 0) + 1
        copy = Questionnaire(
            family=questionnaire.family, version=version,
            title_sv=questionnaire.title_sv, title_en=questionnaire.title_en,
            intro_sv=questionnaire.intro_sv, intro_en=questionnaire.intro_en,
            consent_text_sv=questionnaire.consent_text_sv,
            consent_text_en=questionnaire.consent_text_en,
            body=list(questionnaire.body.raw_data), status=QuestionnaireStatus.DRAFT,
            based_on=questionnaire, created_by=user if user.is_authenticated else None)
        copy.full_clean()
        copy.save()
        audit_record(actor=user, action=QUESTIONNAIRE_VERSIONED, target=copy,
                     data={"based_on": questionnaire.pk, "version": version})
    return copy


def questionnaire_retire(questionnaire: Questionnaire, *, user: Any) -> Questionnaire:
    """Take a published version out of the choice for new rounds (existing rounds keep it)."""
    _require_manage(user)
    if questionnaire.status != QuestionnaireStatus.PUBLISHED:
        raise SurveyError("not_retirable")
    with transaction.atomic():
        questionnaire.status = QuestionnaireStatus.RETIRED
        questionnaire.save(update_fields=["status"])
        audit_record(actor=user, action=QUESTIONNAIRE_RETIRED, target=questionnaire)
    return questionnaire


# --- Rounds -------------------------------------------------------------------------------


def _check_questionnaire(questionnaire: Questionnaire | None) -> None:
    if questionnaire is not None and questionnaire.status != QuestionnaireStatus.PUBLISHED:
        raise SurveyError("draft_questionnaire")


def round_create(*, user: Any, questionnaire: Questionnaire, **fields: Any) -> SurveyRound:
    """A new round (not open yet) of a published questionnaire."""
    _require_manage(user)
    _check_questionnaire(questionnaire)
    survey_round = SurveyRound(created_by=user, status=RoundStatus.DRAFT)
    assign_fields(survey_round, {**fields, "questionnaire": questionnaire}, ROUND_FIELDS)
    survey_round.full_clean()
    with transaction.atomic():
        survey_round.save()
        audit_record(actor=user, action=ROUND_CREATED, target=survey_round,
                     data={"questionnaire": questionnaire.pk})
    return survey_round


def round_update(survey_round: SurveyRound, *, user: Any, **fields: Any) -> SurveyRound:
    """Change a round's settings; its questionnaire and anonymity are fixed once answered."""
    _require_manage(user)
    before = {name: getattr(survey_round, f"{name}_id" if name == "questionnaire" else name)
              for name in LOCKED_AFTER_RESPONSES}
    changed = assign_fields(survey_round, fields, ROUND_FIELDS)
    if "questionnaire" in changed:
        _check_questionnaire(survey_round.questionnaire)
    locked_changes = [name for name in LOCKED_AFTER_RESPONSES if name in changed]
    if locked_changes and survey_round.responses.exists():
        for name, value in before.items():  # leave the instance as it was stored
            setattr(survey_round, f"{name}_id" if name == "questionnaire" else name, value)
        raise SurveyError("questionnaire_locked")
    if not changed:
        return survey_round
    survey_round.full_clean()
    with transaction.atomic():
        survey_round.save()
        audit_record(actor=user, action=ROUND_UPDATED, target=survey_round,
                     data={"fields": changed})
    return survey_round


def round_open(survey_round: SurveyRound, *, user: Any) -> SurveyRound:
    """Start (or resume) accepting answers. ``opens_at``/``closes_at`` still limit the time."""
    _require_manage(user)
    if survey_round.status == RoundStatus.OPEN:
        raise SurveyError("already_open")
    _check_questionnaire(survey_round.questionnaire)
    return _set_status(survey_round, RoundStatus.OPEN, ROUND_OPENED, user)


def round_close(survey_round: SurveyRound, *, user: Any) -> SurveyRound:
    """Stop accepting answers (nobody can start, save or submit); it may be reopened."""
    _require_manage(user)
    if survey_round.status != RoundStatus.OPEN:
        raise SurveyError("already_closed")
    return _set_status(survey_round, RoundStatus.CLOSED, ROUND_CLOSED, user)


def _set_status(survey_round: SurveyRound, status: str, action: str, user: Any) -> SurveyRound:
    with transaction.atomic():
        before = survey_round.status
        survey_round.status = status
        survey_round.save(update_fields=["status"])
        audit_record(actor=user, action=action, target=survey_round,
                     data={"before": before, "after": status})
    return survey_round


# --- Invitations --------------------------------------------------------------------------


@dataclass
class InvitationsAdded:
    """What ``invitations_add`` did, for the analyst's message."""

    added: list[Invitation] = field(default_factory=list)
    already_invited: list[str] = field(default_factory=list)  # addresses
    invalid: list[str] = field(default_factory=list)  # the lines as written
    without_email: list[str] = field(default_factory=list)  # actors' names


def parse_addresses(text: str) -> tuple[list[tuple[str, str]], list[str]]:
    """``(email, name)`` pairs from lines of ``Name <email>`` or ``email``, and the bad lines."""
    good: list[tuple[str, str]] = []
    bad: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        name, email = parseaddr(line)
        try:
            validate_email(email)
        except ValidationError:
            bad.append(line)
            continue
        good.append((email, name.strip()))
    return good, bad


def actor_email(actor: Any) -> str:
    """The first public contact address of an actor, or "" (only what the person agreed to show)."""
    for contact in actor.contacts.all():
        if contact.is_public and contact.email:
            return contact.email
    return ""


def _normal(email: str) -> str:
    return (email or "").strip().lower()


def invitations_add(survey_round: SurveyRound, *, user: Any,
                    emails: Iterable[tuple[str, str]] = (), actors: Iterable[Any] = (),
                    language: str = "sv") -> InvitationsAdded:
    """Add invitations (not sent yet); addresses already invited to the round are skipped.

    Addresses are compared in lower case. An actor is invited at its first
    public contact address; actors without one are reported, not invited.
    No link is made here (see the module docstring): the stored digest is of
    a secret nobody keeps until ``invitations_send`` makes the real link.
    """
    _require_manage(user)
    result = InvitationsAdded()
    wanted: list[tuple[str, str, Any]] = []
    for email, name in emails:
        try:
            validate_email(_normal(email))
        except ValidationError:
            result.invalid.append(email)
            continue
        wanted.append((_normal(email), (name or "").strip()[:200], None))
    for actor in actors:
        email = actor_email(actor)
        if not email:
            result.without_email.append(actor.name)
            continue
        wanted.append((_normal(email), actor.name[:200], actor))
    with transaction.atomic():
        taken = {_normal(e) for e in survey_round.invitations.values_list("email", flat=True)}
        for email, name, actor in wanted:
            if email in taken:
                result.already_invited.append(email)
                continue
            taken.add(email)
            invitation = Invitation(round=survey_round, email=email, name=name, actor=actor,
                                    language=language, token_digest=tokens.new_token()[1])
            invitation.full_clean(validate_unique=False, validate_constraints=False)
            invitation.save()
            result.added.append(invitation)
        if result.added:
            # Numbers only: the audit log keeps no addresses (see core/privacy.py).
            audit_record(actor=user, action=INVITATIONS_ADDED, target=survey_round,
                         data={"added": len(result.added),
                               "already_invited": len(result.already_invited),
                               "invalid": len(result.invalid),
                               "without_email": len(result.without_email)})
    return result


# Up to this many e-mails are sent during the request (the analyst sees at once that
# they went); more are handed to the background worker (tasks.send_invitations).
SEND_INLINE_MAX = 50
UNSENT, REMINDER = "unsent", "reminder"


def invitations_to_send(survey_round: SurveyRound, which: str = UNSENT) -> list[int]:
    """Ids of the invitations ``which`` picks: never sent, or sent but not submitted."""
    rows = survey_round.invitations.exclude(email="").filter(submitted_at__isnull=True)
    rows = rows.filter(sent_at__isnull=which == UNSENT)
    return list(rows.order_by("pk").values_list("pk", flat=True))


@dataclass
class InvitationsSent:
    count: int
    queued: bool  # True: the worker sends them; count is how many were handed over


def invitations_send(survey_round: SurveyRound, *, user: Any,
                     invitations: Iterable[Invitation] | None = None,
                     which: str = UNSENT) -> InvitationsSent:
    """E-mail each invitation its personal link (a new one each time), in its language.

    ``invitations`` limits the sending to those; else ``which`` picks them:
    ``UNSENT`` (never mailed) or ``REMINDER`` (mailed but not submitted, who
    get a new link — the old one stops working). Submitted invitations are
    never mailed again. Few are sent at once, many in the background.
    """
    from sihub.surveys.emails import send_invitations_now
    from sihub.surveys.tasks import send_invitations

    _require_manage(user)
    if which not in (UNSENT, REMINDER):
        raise ValueError(which)
    if invitations is None:
        ids = invitations_to_send(survey_round, which)
    else:
        ids = sorted(i.pk for i in invitations if i.round_id == survey_round.pk
                     and i.submitted_at is None and i.email)
    if not ids:
        return InvitationsSent(0, queued=False)
    audit_record(actor=user, action=INVITATIONS_SENT, target=survey_round,
                 data={"count": len(ids), "reminder": which == REMINDER})
    if len(ids) > SEND_INLINE_MAX:
        transaction.on_commit(lambda: send_invitations.enqueue(survey_round.pk, ids))
        return InvitationsSent(len(ids), queued=True)
    return InvitationsSent(send_invitations_now(survey_round.pk, ids), queued=False)
