"""Writes for the coalition itself: creating and editing, publishing, phases, members.

Every function checks the caller's rights again through ``selectors`` (the
one place the rule lives), validates with ``full_clean()``, writes in one
transaction and leaves an ``audit_record``. Keyword-only arguments; the
person acting is always ``user``.

Refusals that a person can fix (a phase change without a decision, an
organisation already in the coalition, a stale invitation link) raise
``CoalitionError`` with a stable ``code``; ``error_message`` gives the
translated sentence.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sihub.actors.models import Actor, OfferingKind
from sihub.coalitions import invitations, selectors
from sihub.coalitions.models import (
    Coalition,
    CoalitionMember,
    MemberRole,
    MemberStatus,
    Phase,
    PhaseChange,
)
from sihub.coalitions.selectors import Access
from sihub.core.importing import unique_slug
from sihub.core.services import ServiceError, assign_fields, audit_record, set_m2m

COALITION_CREATED = "coalitions.coalition_created"
COALITION_UPDATED = "coalitions.coalition_updated"
COALITION_PUBLISHED = "coalitions.coalition_published"
COALITION_UNPUBLISHED = "coalitions.coalition_unpublished"
PHASE_CHANGED = "coalitions.phase_changed"
MEMBER_INVITED = "coalitions.member_invited"
MEMBER_ACCEPTED = "coalitions.member_accepted"
MEMBER_DECLINED = "coalitions.member_declined"
MEMBER_ROLE_SET = "coalitions.member_role_set"
MEMBER_REMOVED = "coalitions.member_removed"

# What coalition_create/coalition_update may set; the phase moves only through
# phase_change (it needs a decision), publishing through coalition_publish.
COALITION_FIELDS = frozenset({
    "title", "slug", "challenge", "vision", "goals", "needed_offering_kinds",
    "public_summary_sv", "public_summary_en", "results",
})
COALITION_M2M = frozenset({"sdgs", "targets", "counties", "municipalities"})
# Members whose organisation is (or may soon be) in the coalition: adding it again is an error.
CURRENT_STATUSES = (MemberStatus.INVITED, MemberStatus.ACTIVE)

ERROR_MESSAGES = {
    "same_phase": gettext_lazy("The coalition is already in that phase."),
    "unknown_phase": gettext_lazy("There is no such phase."),
    "decision_required": gettext_lazy("Say what was decided: a phase change needs its decision."),
    "unknown_role": gettext_lazy("There is no such role."),
    "unknown_offering": gettext_lazy("There is no such kind of offering."),
    "duplicate_actor": gettext_lazy("This organisation is already in the coalition "
                                    "(or has been invited)."),
    "actor_unpublished": gettext_lazy("Only organisations shown in the actor directory can "
                                      "be invited."),
    "email_required": gettext_lazy("An invitation needs the contact person's e-mail address."),
    "not_a_member": gettext_lazy("This organisation is not a member of the coalition."),
    "invitation_invalid": gettext_lazy("This invitation link is not valid. Check that you "
                                       "copied the whole link from the e-mail."),
    "invitation_expired": gettext_lazy("This invitation link has expired. Ask the coalition's "
                                       "facilitator for a new invitation."),
    "invitation_used": gettext_lazy("This invitation has already been answered or withdrawn."),
    "login_required": gettext_lazy("Log in to accept the invitation."),
    "email_mismatch": gettext_lazy("The invitation was sent to another e-mail address than "
                                   "your account's. Log in with the invited address, or ask "
                                   "for a new invitation."),
}


class CoalitionError(ServiceError):
    """A refused change the person can understand and fix (codes: ERROR_MESSAGES)."""

    messages = ERROR_MESSAGES


def error_message(error: CoalitionError) -> str:
    return error.message


# --- Helpers ------------------------------------------------------------------------------


def _check_offering_kinds(kinds: Any) -> list[str]:
    kinds = list(kinds or [])
    if any(kind not in OfferingKind.values for kind in kinds):
        raise CoalitionError("unknown_offering")
    # In the order the directory lists them, each once.
    return [kind for kind in OfferingKind.values if kind in kinds]


def _free_slug(title: str) -> str:
    base = (slugify(title) or "coalition")[:110].strip("-") or "coalition"
    taken = set(Coalition.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    return unique_slug(title, taken, max_length=110, fallback="coalition")


def _require_manage(user: Any, coalition: Coalition) -> None:
    selectors.require(user, coalition, Access.MANAGE)


def _locked(coalition: Coalition) -> Coalition:
    """The coalition row, locked until the transaction ends (phase moves do not cross)."""
    return Coalition.objects.select_for_update().get(pk=coalition.pk)


# --- The coalition ------------------------------------------------------------------------


def coalition_create(*, user: Any, fields: Mapping[str, Any],
                     m2m: Mapping[str, Iterable[Any]] | None = None) -> Coalition:
    """Create a coalition (facilitators); its history starts with the first phase."""
    if not selectors.user_can_create(user):
        raise PermissionDenied
    fields = dict(fields)
    if "needed_offering_kinds" in fields:
        fields["needed_offering_kinds"] = _check_offering_kinds(fields["needed_offering_kinds"])
    coalition = Coalition(created_by=user)
    assign_fields(coalition, fields, COALITION_FIELDS)
    if not coalition.slug:
        coalition.slug = _free_slug(coalition.title)
    coalition.full_clean()
    with transaction.atomic():
        coalition.save()
        set_m2m(coalition, m2m, COALITION_M2M)
        PhaseChange.objects.create(coalition=coalition, from_phase="", to_phase=coalition.phase,
                                   decision=_("Created"), changed_by=user)
        audit_record(actor=user, action=COALITION_CREATED, target=coalition,
                     data={"phase": coalition.phase})
    return coalition


def coalition_update(*, coalition: Coalition, user: Any,
                     fields: Mapping[str, Any] | None = None,
                     m2m: Mapping[str, Iterable[Any]] | None = None) -> Coalition:
    """Change what the coalition says about itself (facilitators)."""
    _require_manage(user, coalition)
    fields = dict(fields or {})
    if "needed_offering_kinds" in fields:
        fields["needed_offering_kinds"] = _check_offering_kinds(fields["needed_offering_kinds"])
    changed = assign_fields(coalition, fields, COALITION_FIELDS)
    coalition.full_clean()
    with transaction.atomic():
        changed += set_m2m(coalition, m2m, COALITION_M2M)
        if not changed:
            return coalition
        coalition.updated_at = timezone.now()
        coalition.save()
        audit_record(actor=user, action=COALITION_UPDATED, target=coalition,
                     data={"fields": sorted(changed)})
    return coalition


def _set_public(coalition: Coalition, user: Any, public: bool) -> Coalition:
    _require_manage(user, coalition)
    if coalition.is_public == public:
        return coalition
    with transaction.atomic():
        coalition.is_public = public
        coalition.updated_at = timezone.now()
        coalition.save(update_fields=["is_public", "updated_at"])
        audit_record(actor=user, action=COALITION_PUBLISHED if public else COALITION_UNPUBLISHED,
                     target=coalition)
    return coalition


def coalition_publish(*, coalition: Coalition, user: Any) -> Coalition:
    """Show the coalition's public page (challenge, members, phase, results) to everyone."""
    return _set_public(coalition, user, True)


def coalition_unpublish(*, coalition: Coalition, user: Any) -> Coalition:
    return _set_public(coalition, user, False)


# --- Phases -------------------------------------------------------------------------------


def phase_change(*, coalition: Coalition, user: Any, to_phase: str, decision: str,
                 decided_on: date | None = None) -> PhaseChange:
    """Move the coalition to ``to_phase`` and record the decision behind it.

    Any move is allowed, back as well as forward (a coalition that loses its
    funder may go back to forming), but not to the phase it is in.
    """
    _require_manage(user, coalition)
    if to_phase not in Phase.values:
        raise CoalitionError("unknown_phase")
    decision = (decision or "").strip()
    if not decision:
        raise CoalitionError("decision_required")
    with transaction.atomic():
        locked = _locked(coalition)
        if locked.phase == to_phase:
            raise CoalitionError("same_phase")
        change = PhaseChange(coalition=locked, from_phase=locked.phase, to_phase=to_phase,
                             decision=decision, changed_by=user,
                             decided_on=decided_on or timezone.localdate())
        change.full_clean()
        change.save()
        locked.phase = to_phase
        locked.updated_at = timezone.now()
        locked.save(update_fields=["phase", "updated_at"])
        audit_record(actor=user, action=PHASE_CHANGED, target=locked,
                     data={"from": change.from_phase, "to": to_phase,
                           "decided_on": change.decided_on.isoformat()})
    coalition.phase, coalition.updated_at = locked.phase, locked.updated_at
    return change


# --- Members ------------------------------------------------------------------------------


def member_add(*, coalition: Coalition, user: Any, actor: Actor, role: str,
               contact_name: str, contact_email: str) -> CoalitionMember:
    """Invite an organisation: its contact person gets an e-mail with a signed link.

    An organisation that declined or left earlier may be invited again (its
    row is reused, with a new invitation time that makes old links stale).
    """
    _require_manage(user, coalition)
    if role not in MemberRole.values:
        raise CoalitionError("unknown_role")
    contact_email = (contact_email or "").strip()
    if not contact_email:
        raise CoalitionError("email_required")
    if not actor.is_published:
        raise CoalitionError("actor_unpublished")
    with transaction.atomic():
        _locked(coalition)
        member = CoalitionMember.objects.filter(coalition=coalition, actor=actor).first()
        if member is not None and member.status in CURRENT_STATUSES:
            raise CoalitionError("duplicate_actor")
        member = member or CoalitionMember(coalition=coalition, actor=actor)
        member.role = role
        member.status = MemberStatus.INVITED
        member.contact_name = (contact_name or "").strip()
        member.contact_email = contact_email
        member.contact = None
        member.invited_at = timezone.now()
        member.responded_at = None
        member.full_clean()
        member.save()
        audit_record(actor=user, action=MEMBER_INVITED, target=coalition,
                     data={"member_id": member.pk, "actor_id": actor.pk, "role": role})
        from django.utils.translation import get_language

        from sihub.coalitions.invitation_tasks import send_invitation_email

        member_id, language = member.pk, get_language() or "sv"
        transaction.on_commit(lambda: send_invitation_email.enqueue(member_id, language))
    return member


def invitation_token(member: CoalitionMember) -> str:
    """The signed link's token for the member's current invitation."""
    return invitations.make_token(member_id=member.pk, email=member.contact_email,
                                  invited_at=member.invited_at)


def invitation_member(token: str) -> CoalitionMember:
    """The member row an open invitation link is for; CoalitionError otherwise."""
    try:
        claim = invitations.read_token(token)
    except invitations.InvitationTokenError as error:
        raise CoalitionError(f"invitation_{error.code}") from None
    member = (CoalitionMember.objects.select_related("coalition", "actor")
              .filter(pk=claim.member_id).first())
    if member is None:
        raise CoalitionError("invitation_invalid")
    if member.status != MemberStatus.INVITED or not invitations.matches(
            claim, email=member.contact_email, invited_at=member.invited_at):
        raise CoalitionError("invitation_used")
    return member


def invitation_respond(*, token: str, user: Any, accept: bool) -> CoalitionMember:
    """Accept or decline an invitation through its signed link.

    Accepting needs a logged-in account whose e-mail is the invited address
    (in any case): it becomes the organisation's contact and so enters the
    workspace. Anyone holding the link may decline.
    """
    member = invitation_member(token)
    logged_in = user is not None and user.is_authenticated and user.is_active
    if accept:
        if not logged_in:
            raise CoalitionError("login_required")
        if (user.email or "").strip().lower() != member.contact_email.strip().lower():
            raise CoalitionError("email_mismatch")
    with transaction.atomic():
        locked = CoalitionMember.objects.select_for_update().get(pk=member.pk)
        if locked.status != MemberStatus.INVITED or locked.invited_at != member.invited_at:
            raise CoalitionError("invitation_used")
        locked.responded_at = timezone.now()
        if accept:
            locked.status = MemberStatus.ACTIVE
            locked.contact = user
            if not locked.contact_name:
                locked.contact_name = user.get_full_name()
        else:
            locked.status = MemberStatus.DECLINED
        locked.full_clean()
        locked.save()
        audit_record(actor=user if logged_in else None,
                     action=MEMBER_ACCEPTED if accept else MEMBER_DECLINED,
                     target=locked.coalition, data={"member_id": locked.pk})
    locked.coalition, locked.actor = member.coalition, member.actor
    return locked


def _member_of(coalition: Coalition, member: CoalitionMember) -> None:
    if member.coalition_id != coalition.pk:
        raise CoalitionError("not_a_member")


def member_set_role(*, coalition: Coalition, member: CoalitionMember, user: Any,
                    role: str) -> CoalitionMember:
    _require_manage(user, coalition)
    _member_of(coalition, member)
    if role not in MemberRole.values:
        raise CoalitionError("unknown_role")
    if member.role == role:
        return member
    with transaction.atomic():
        previous = member.role
        member.role = role
        member.full_clean()
        member.save(update_fields=["role"])
        audit_record(actor=user, action=MEMBER_ROLE_SET, target=coalition,
                     data={"member_id": member.pk, "role": role, "previous": previous})
    return member


def member_remove(*, coalition: Coalition, member: CoalitionMember, user: Any) -> CoalitionMember:
    """Take an organisation out: its row stays (status "left") so the history keeps it.

    Its contact loses the workspace; its commitments stay on record.
    """
    _require_manage(user, coalition)
    _member_of(coalition, member)
    if member.status == MemberStatus.LEFT:
        return member
    with transaction.atomic():
        previous = member.status
        member.status = MemberStatus.LEFT
        member.save(update_fields=["status"])
        audit_record(actor=user, action=MEMBER_REMOVED, target=coalition,
                     data={"member_id": member.pk, "previous": previous})
    return member
