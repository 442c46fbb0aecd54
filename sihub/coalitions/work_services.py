"""The shared work of a coalition: commitments, meetings, decisions, its theory of change,
linked initiatives, overdue reminders and the members/commitments export.

Writes re-check permissions here (a view's check is not enough: commands, the
API and tests call these too), validate with ``full_clean`` and leave an audit
record. Who may do what:

* commitments: an active member for its *own* organisation; stewards
  (managers, initiator and core members) for any member;
* meetings, decisions, documents, the theory of change and linked
  initiatives: stewards only; every workspace reader reads them.

The reads at the bottom serve the workspace pages with a fixed number of queries.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import EmailMessage
from django.db import models, transaction
from django.db.models import F, Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sihub.coalitions import selectors
from sihub.coalitions.models import (
    OPEN_COMMITMENT_STATUSES,
    Coalition,
    CoalitionMember,
    Commitment,
    CommitmentStatus,
    Decision,
    Meeting,
    MemberRole,
    MemberStatus,
)
from sihub.coalitions.selectors import Access
from sihub.core.services import audit_record

logger = logging.getLogger(__name__)

COMMITMENT_SAVED = "coalitions.commitment_saved"
COMMITMENT_STATUS = "coalitions.commitment_status"
COMMITMENT_DELETED = "coalitions.commitment_deleted"
COMMITMENT_REMINDED = "coalitions.commitment_reminded"
MEETING_SAVED = "coalitions.meeting_saved"
MEETING_DELETED = "coalitions.meeting_deleted"
DOCUMENT_ADDED = "coalitions.meeting_document_added"
DOCUMENT_REMOVED = "coalitions.meeting_document_removed"
DECISION_SAVED = "coalitions.decision_saved"
DECISION_DELETED = "coalitions.decision_deleted"
TOC_CREATED = "coalitions.toc_created"
TOC_ELEMENT_ADDED = "coalitions.toc_element_added"
TOC_ELEMENT_DELETED = "coalitions.toc_element_deleted"
TOC_LINK_ADDED = "coalitions.toc_link_added"
TOC_LINK_REMOVED = "coalitions.toc_link_removed"
INITIATIVE_LINKED = "coalitions.initiative_linked"
INITIATIVE_UNLINKED = "coalitions.initiative_unlinked"

COMMITMENT_FIELDS = frozenset({"member", "kind", "description", "amount", "unit", "due_on",
                               "status"})
MEETING_FIELDS = frozenset({"title", "starts_at", "location", "agenda", "notes", "event_url"})
DECISION_FIELDS = frozenset({"meeting", "decided_on", "text"})

# Meeting documents live in this Wagtail collection, behind a login restriction.
DOCUMENTS_COLLECTION = "Coalitions"


# --- Permissions ---------------------------------------------------------------------------


def require_steward(user: Any, coalition: Coalition) -> None:
    """Raise unless ``user`` keeps the shared record (404 first if they may not know it)."""
    selectors.require(user, coalition, Access.CONTRIBUTE)
    if not selectors.user_is_steward(user, coalition):
        raise PermissionDenied


def can_edit_commitments_of(user: Any, coalition: Coalition,
                            member: CoalitionMember) -> bool:
    """Stewards edit every member's commitments; a member contact, its own organisation's."""
    if selectors.user_is_steward(user, coalition):
        return True
    own = selectors.membership_for(user, coalition)
    return own is not None and own.pk == member.pk


def _require_commitment_access(user: Any, coalition: Coalition, member: CoalitionMember) -> None:
    selectors.require(user, coalition, Access.CONTRIBUTE)
    if member.coalition_id != coalition.pk:
        raise ValidationError({"member": _("Choose a member of this coalition.")})
    if not can_edit_commitments_of(user, coalition, member):
        raise PermissionDenied


def _assign(obj: models.Model, fields: Mapping[str, Any], allowed: frozenset[str]) -> list[str]:
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"Not editable here: {', '.join(sorted(unknown))}")
    changed = []
    for name, value in fields.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed.append(name)
    return changed


# --- Commitments ---------------------------------------------------------------------------


def commitment_create(*, user: Any, coalition: Coalition, member: CoalitionMember, kind: str,
                      description: str, amount: Decimal | None = None, unit: str = "",
                      due_on: date | None = None,
                      status: str = CommitmentStatus.PROMISED) -> Commitment:
    _require_commitment_access(user, coalition, member)
    if member.status != MemberStatus.ACTIVE:
        raise ValidationError({"member": _("Only an active member can commit.")})
    commitment = Commitment(coalition=coalition, member=member, kind=kind,
                            description=description, amount=amount, unit=unit, due_on=due_on,
                            status=status)
    commitment.full_clean()
    with transaction.atomic():
        commitment.save()
        audit_record(actor=user, action=COMMITMENT_SAVED, target=commitment,
                     data={"coalition_id": coalition.pk, "member_id": member.pk})
    return commitment


def commitment_update(*, user: Any, commitment: Commitment,
                      fields: Mapping[str, Any]) -> Commitment:
    """Change a commitment; moving it to another member needs the right to both."""
    coalition = commitment.coalition
    _require_commitment_access(user, coalition, commitment.member)
    new_member = fields.get("member")
    if new_member is not None and new_member.pk != commitment.member_id:
        _require_commitment_access(user, coalition, new_member)
    changed = _assign(commitment, fields, COMMITMENT_FIELDS)
    if not changed:
        return commitment
    commitment.updated_at = timezone.now()
    commitment.full_clean()
    with transaction.atomic():
        commitment.save()
        audit_record(actor=user, action=COMMITMENT_SAVED, target=commitment,
                     data={"coalition_id": coalition.pk, "fields": changed})
    return commitment


def commitment_set_status(*, user: Any, commitment: Commitment, status: str) -> Commitment:
    if status not in CommitmentStatus.values:
        raise ValidationError({"status": _("Choose a valid status.")})
    old = commitment.status
    commitment_update(user=user, commitment=commitment, fields={"status": status})
    if old != status:
        audit_record(actor=user, action=COMMITMENT_STATUS, target=commitment,
                     data={"from": old, "to": status})
    return commitment


def commitment_delete(*, user: Any, commitment: Commitment) -> None:
    _require_commitment_access(user, commitment.coalition, commitment.member)
    with transaction.atomic():
        audit_record(actor=user, action=COMMITMENT_DELETED, target=commitment,
                     data={"coalition_id": commitment.coalition_id, "id": commitment.pk})
        commitment.delete()


def overdue_days(*, status: str, due_on: date | None, today: date) -> int:
    """Days past its due date of an open commitment; 0 when not overdue."""
    if due_on is None or status not in OPEN_COMMITMENT_STATUSES or due_on >= today:
        return 0
    return (today - due_on).days


def overdue_q(today: date) -> Q:
    return Q(status__in=OPEN_COMMITMENT_STATUSES, due_on__lt=today)


# --- Overdue reminders ---------------------------------------------------------------------


def _needs_reminder_q(today: date) -> Q:
    # Once per due date: a reminder sent on or after the due date covers it; moving the
    # due date later makes the old reminder too early, so a new one may go.
    return overdue_q(today) & (Q(reminded_at__isnull=True)
                               | Q(reminded_at__date__lt=F("due_on")))


def commitments_needing_reminder(today: date | None = None) -> QuerySet[Commitment]:
    today = today or timezone.localdate()
    return (Commitment.objects.filter(_needs_reminder_q(today))
            .filter(member__status=MemberStatus.ACTIVE)
            .select_related("coalition", "member__actor", "member__contact"))


def _initiator_emails(coalition: Coalition) -> list[str]:
    rows = CoalitionMember.objects.filter(coalition=coalition, role=MemberRole.INITIATOR,
                                          status=MemberStatus.ACTIVE).select_related("contact")
    return [e for e in (m.contact_email or (m.contact.email if m.contact else "") for m in rows)
            if e]


def _reminder_message(commitment: Commitment, *, today: date,
                      initiators: list[str]) -> EmailMessage | None:
    member = commitment.member
    to = member.contact_email or (member.contact.email if member.contact else "")
    cc = [e for e in initiators if e.lower() != to.lower()]
    if not to and not cc:
        return None
    language = (member.contact.preferred_language if member.contact
                else settings.LANGUAGE_CODE)
    with translation.override(language):
        context = {
            "commitment": commitment, "member": member, "coalition": commitment.coalition,
            "days": overdue_days(status=commitment.status, due_on=commitment.due_on,
                                 today=today),
            "url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
                "coalitions:commitments", args=[commitment.coalition_id]),
        }
        subject = " ".join(render_to_string("coalitions/email/overdue_subject.txt",
                                            context).split())
        body = render_to_string("coalitions/email/overdue.txt", context)
    return EmailMessage(subject, body, None, [to] if to else cc, cc=cc if to else [])


def remind_overdue(*, today: date | None = None, now: datetime | None = None) -> int:
    """E-mail the contact of each overdue commitment not yet reminded; how many went out.

    Each row is claimed with a conditional UPDATE before its mail is sent, so two
    runs at once send one mail; a failed send gives the claim back.
    """
    today = today or timezone.localdate()
    now = now or timezone.now()
    sent = 0
    initiators: dict[int, list[str]] = {}  # per coalition, looked up once a run
    for commitment in commitments_needing_reminder(today):
        if commitment.coalition_id not in initiators:
            initiators[commitment.coalition_id] = _initiator_emails(commitment.coalition)
        message = _reminder_message(commitment, today=today,
                                    initiators=initiators[commitment.coalition_id])
        if message is None:
            continue
        claimed = (Commitment.objects.filter(_needs_reminder_q(today), pk=commitment.pk)
                   .update(reminded_at=now))
        if not claimed:
            continue  # another run took it
        try:
            message.send()
        except Exception:  # one bad address must not stop the rest
            logger.exception("overdue reminder for commitment %s failed", commitment.pk)
            Commitment.objects.filter(pk=commitment.pk, reminded_at=now).update(
                reminded_at=commitment.reminded_at)
            continue
        audit_record(actor=None, action=COMMITMENT_REMINDED, target=commitment,
                     data={"coalition_id": commitment.coalition_id,
                           "due_on": commitment.due_on.isoformat() if commitment.due_on else ""})
        sent += 1
    return sent


# --- Meetings, documents and decisions ----------------------------------------------------


def meeting_create(*, user: Any, coalition: Coalition, title: str, starts_at: datetime,
                   location: str = "", agenda: str = "", notes: str = "",
                   event_url: str = "") -> Meeting:
    require_steward(user, coalition)
    meeting = Meeting(coalition=coalition, title=title, starts_at=starts_at, location=location,
                      agenda=agenda, notes=notes, event_url=event_url)
    meeting.full_clean()
    with transaction.atomic():
        meeting.save()
        audit_record(actor=user, action=MEETING_SAVED, target=meeting,
                     data={"coalition_id": coalition.pk})
    return meeting


def meeting_update(*, user: Any, meeting: Meeting, fields: Mapping[str, Any]) -> Meeting:
    require_steward(user, meeting.coalition)
    changed = _assign(meeting, fields, MEETING_FIELDS)
    if changed:
        meeting.full_clean()
        with transaction.atomic():
            meeting.save()
            audit_record(actor=user, action=MEETING_SAVED, target=meeting,
                         data={"coalition_id": meeting.coalition_id, "fields": changed})
    return meeting


def meeting_delete(*, user: Any, meeting: Meeting) -> None:
    """Delete a meeting and its documents; its decisions stay in the log, without it."""
    require_steward(user, meeting.coalition)
    with transaction.atomic():
        documents = list(meeting.documents.all())
        audit_record(actor=user, action=MEETING_DELETED, target=meeting,
                     data={"coalition_id": meeting.coalition_id, "id": meeting.pk})
        meeting.delete()
        for document in documents:
            document.delete()


def documents_collection() -> Any:
    """The "Coalitions" collection (made on first use), readable by logged-in users only.

    The file names are random (``LimitedDocumentForm``'s rule, applied by
    ``forms_work.DocumentForm``), so a document URL cannot be guessed either.
    """
    from wagtail.models import Collection, CollectionViewRestriction

    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=DOCUMENTS_COLLECTION).first()
    if collection is None:
        collection = root.add_child(instance=Collection(name=DOCUMENTS_COLLECTION))
    if not CollectionViewRestriction.objects.filter(collection=collection).exists():
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.LOGIN)
    return collection


def meeting_document_add(*, user: Any, meeting: Meeting, title: str,
                         file: UploadedFile) -> Any:
    """Store an (already checked) upload as a Wagtail document attached to the meeting."""
    from wagtail.documents import get_document_model

    require_steward(user, meeting.coalition)
    Document = get_document_model()
    with transaction.atomic():
        document = Document(title=title, file=file, collection=documents_collection(),
                            uploaded_by_user=user)
        document.full_clean()
        document.save()
        meeting.documents.add(document)
        audit_record(actor=user, action=DOCUMENT_ADDED, target=meeting,
                     data={"document_id": document.pk})
    return document


def meeting_document_remove(*, user: Any, meeting: Meeting, document: Any) -> None:
    """Detach and delete a meeting's document (it was uploaded for this meeting)."""
    require_steward(user, meeting.coalition)
    if not meeting.documents.filter(pk=document.pk).exists():
        raise ValidationError(_("That document is not attached to this meeting."))
    with transaction.atomic():
        meeting.documents.remove(document)
        audit_record(actor=user, action=DOCUMENT_REMOVED, target=meeting,
                     data={"document_id": document.pk})
        document.delete()


def _check_meeting(coalition: Coalition, meeting: Meeting | None) -> None:
    if meeting is not None and meeting.coalition_id != coalition.pk:
        raise ValidationError({"meeting": _("Choose a meeting of this coalition.")})


def decision_record(*, user: Any, coalition: Coalition, text: str,
                    decided_on: date | None = None, meeting: Meeting | None = None) -> Decision:
    require_steward(user, coalition)
    _check_meeting(coalition, meeting)
    decision = Decision(coalition=coalition, meeting=meeting, text=text,
                        decided_on=decided_on or (meeting.starts_at.date() if meeting
                                                  else timezone.localdate()))
    decision.full_clean()
    with transaction.atomic():
        decision.save()
        audit_record(actor=user, action=DECISION_SAVED, target=decision,
                     data={"coalition_id": coalition.pk,
                           "meeting_id": meeting.pk if meeting else None})
    return decision


def decision_update(*, user: Any, decision: Decision, fields: Mapping[str, Any]) -> Decision:
    require_steward(user, decision.coalition)
    if "meeting" in fields:
        _check_meeting(decision.coalition, fields["meeting"])
    changed = _assign(decision, fields, DECISION_FIELDS)
    if changed:
        decision.full_clean()
        with transaction.atomic():
            decision.save()
            audit_record(actor=user, action=DECISION_SAVED, target=decision,
                         data={"coalition_id": decision.coalition_id, "fields": changed})
    return decision


def decision_delete(*, user: Any, decision: Decision) -> None:
    require_steward(user, decision.coalition)
    with transaction.atomic():
        audit_record(actor=user, action=DECISION_DELETED, target=decision,
                     data={"coalition_id": decision.coalition_id, "id": decision.pk})
        decision.delete()


# --- The shared theory of change -------------------------------------------------------------
#
# The rows are impact's (TheoryOfChange, ToCElement, ToCLink); impact's services
# check permissions through an initiative, so these check the coalition instead.


def _require_own_toc(coalition: Coalition, obj: Any) -> None:
    if coalition.theory_of_change_id is None or obj.toc_id != coalition.theory_of_change_id:
        raise ValidationError(_("That is not part of this coalition's theory of change."))


def _touch_toc(coalition: Coalition) -> None:
    from sihub.impact.models import TheoryOfChange

    TheoryOfChange.objects.filter(pk=coalition.theory_of_change_id).update(
        updated_at=timezone.now())


def coalition_toc_create(*, user: Any, coalition: Coalition) -> Any:
    from sihub.impact.models import TheoryOfChange

    require_steward(user, coalition)
    if coalition.theory_of_change_id is not None:
        raise ValidationError(_("This coalition already has a theory of change."),
                              code="toc_exists")
    toc = TheoryOfChange(title=coalition.title, description="")
    toc.full_clean()
    with transaction.atomic():
        toc.save()
        # Conditional, so two tabs pressing "create" at once give one theory.
        if not Coalition.objects.filter(pk=coalition.pk, theory_of_change__isnull=True).update(
                theory_of_change=toc, updated_at=timezone.now()):
            raise ValidationError(_("This coalition already has a theory of change."),
                                  code="toc_exists")
        coalition.theory_of_change = toc
        audit_record(actor=user, action=TOC_CREATED, target=toc,
                     data={"coalition_id": coalition.pk})
    return toc


def coalition_toc_element_add(*, user: Any, coalition: Coalition, kind: str, text: str) -> Any:
    from sihub.impact.models import ToCElement

    require_steward(user, coalition)
    toc = coalition.theory_of_change
    if toc is None:
        raise ValidationError(_("Create the theory of change first."))
    last = toc.elements.aggregate(models.Max("position"))["position__max"]
    element = ToCElement(toc=toc, kind=kind, text=text, position=0 if last is None else last + 1)
    element.full_clean()
    with transaction.atomic():
        element.save()
        _touch_toc(coalition)
        audit_record(actor=user, action=TOC_ELEMENT_ADDED, target=element,
                     data={"coalition_id": coalition.pk, "toc_id": toc.pk})
    return element


def coalition_toc_element_delete(*, user: Any, coalition: Coalition, element: Any) -> None:
    require_steward(user, coalition)
    _require_own_toc(coalition, element)
    with transaction.atomic():
        audit_record(actor=user, action=TOC_ELEMENT_DELETED, target=element,
                     data={"coalition_id": coalition.pk, "id": element.pk})
        element.delete()
        _touch_toc(coalition)


def coalition_toc_link_add(*, user: Any, coalition: Coalition, source: Any, target: Any,
                           assumption: str = "") -> Any:
    from sihub.impact.models import ToCLink

    require_steward(user, coalition)
    _require_own_toc(coalition, source)
    _require_own_toc(coalition, target)
    link = ToCLink(toc=coalition.theory_of_change, source=source, target=target,
                   assumption=assumption)
    link.full_clean()
    with transaction.atomic():
        link.save()
        _touch_toc(coalition)
        audit_record(actor=user, action=TOC_LINK_ADDED, target=link,
                     data={"coalition_id": coalition.pk, "source_id": source.pk,
                           "target_id": target.pk})
    return link


def coalition_toc_link_remove(*, user: Any, coalition: Coalition, link: Any) -> None:
    require_steward(user, coalition)
    _require_own_toc(coalition, link)
    with transaction.atomic():
        audit_record(actor=user, action=TOC_LINK_REMOVED, target=link,
                     data={"coalition_id": coalition.pk, "id": link.pk})
        link.delete()
        _touch_toc(coalition)


# --- Linked initiatives -----------------------------------------------------------------------


def initiative_link(*, user: Any, coalition: Coalition, initiative: Any) -> None:
    """Link an initiative the steward may see (an unseen one does not exist for them)."""
    from sihub.impact.selectors import initiatives_visible_to

    require_steward(user, coalition)
    if not initiatives_visible_to(user).filter(pk=initiative.pk).exists():
        raise ValidationError({"initiative": _("Choose an initiative you can see.")})
    with transaction.atomic():
        coalition.initiatives.add(initiative)
        audit_record(actor=user, action=INITIATIVE_LINKED, target=coalition,
                     data={"initiative_id": initiative.pk})


def initiative_unlink(*, user: Any, coalition: Coalition, initiative: Any) -> None:
    require_steward(user, coalition)
    with transaction.atomic():
        coalition.initiatives.remove(initiative)
        audit_record(actor=user, action=INITIATIVE_UNLINKED, target=coalition,
                     data={"initiative_id": initiative.pk})


# --- Reads for the workspace pages ----------------------------------------------------------


@dataclass
class CommitmentRow:
    commitment: Commitment
    overdue_days: int
    can_edit: bool


@dataclass
class MemberGroup:
    member: CoalitionMember
    rows: list[CommitmentRow] = field(default_factory=list)


@dataclass
class Total:
    kind: str
    kind_label: str
    unit: str
    amount: Decimal
    count: int


def commitment_groups(commitments: Iterable[Commitment], *, user: Any, coalition: Coalition,
                      today: date) -> tuple[list[MemberGroup], list[Total]]:
    """The commitments grouped by member (in the order given) and the totals per kind and unit.

    Two permission look-ups whatever the number of rows: who is a steward, and
    which member the user speaks for.
    """
    steward = selectors.user_is_steward(user, coalition)
    own = selectors.membership_for(user, coalition)
    groups: dict[int, MemberGroup] = {}
    totals: dict[tuple[str, str], Total] = {}
    for c in commitments:
        group = groups.setdefault(c.member_id, MemberGroup(member=c.member))
        group.rows.append(CommitmentRow(
            commitment=c,
            overdue_days=overdue_days(status=c.status, due_on=c.due_on, today=today),
            can_edit=steward or (own is not None and own.pk == c.member_id)))
        if c.status == CommitmentStatus.CANCELLED:
            continue  # a cancelled promise adds nothing
        unit = c.unit.strip()
        total = totals.setdefault((c.kind, unit.casefold()), Total(
            kind=c.kind, kind_label=str(c.get_kind_display()), unit=unit,
            amount=Decimal(0), count=0))
        total.count += 1
        if c.amount is not None:
            total.amount += c.amount
    return list(groups.values()), sorted(totals.values(), key=lambda t: (t.kind_label, t.unit))


def linked_initiatives_visible_to(user: Any, coalition: Coalition) -> QuerySet[Any]:
    """The coalition's initiatives the viewer may read; the others are not even counted."""
    from sihub.impact.selectors import initiatives_visible_to

    return (coalition.initiatives.filter(pk__in=initiatives_visible_to(user).values("pk"))
            .order_by("title"))


# --- Export ---------------------------------------------------------------------------------

MEMBER_FIELDS = ["organisation", "sector", "role", "status", "joined"]
MEMBER_CONTACT_FIELDS = ["contact_name", "contact_email"]
COMMITMENT_EXPORT_FIELDS = ["organisation", "kind", "description", "amount", "unit", "due_on",
                            "status", "overdue_days"]


def member_records(coalition: Coalition, *, with_contacts: bool) -> tuple[list[str],
                                                                          list[dict[str, Any]]]:
    """The members as flat records; contact people only for managers (personal data)."""
    fields = MEMBER_FIELDS + (MEMBER_CONTACT_FIELDS if with_contacts else [])
    records = []
    for m in (coalition.members.select_related("actor__sector")
              .order_by("actor__name", "pk")):
        record = {"organisation": m.actor.name,
                  "sector": m.actor.sector.slug if m.actor.sector_id else "",
                  "role": m.role, "status": m.status,
                  "joined": m.responded_at.date() if m.responded_at else None}
        if with_contacts:
            record.update(contact_name=m.contact_name, contact_email=m.contact_email)
        records.append(record)
    return fields, records


def commitment_records(coalition: Coalition, *, today: date) -> tuple[list[str],
                                                                       list[dict[str, Any]]]:
    records = [{
        "organisation": c.member.actor.name, "kind": c.kind, "description": c.description,
        "amount": c.amount, "unit": c.unit, "due_on": c.due_on, "status": c.status,
        "overdue_days": overdue_days(status=c.status, due_on=c.due_on, today=today),
    } for c in (coalition.commitments.select_related("member__actor")
                .order_by("member__actor__name", "due_on", "pk"))]
    return COMMITMENT_EXPORT_FIELDS, records


def commitment_of(coalition: Coalition, pk: Any) -> Commitment:
    """A commitment of ``coalition`` by id (from a form); 404 for any other id."""
    return _one(coalition.commitments.select_related("member__actor", "coalition"), pk)


def meeting_of(coalition: Coalition, pk: Any) -> Meeting:
    return _one(coalition.meetings.select_related("coalition"), pk)


def decision_of(coalition: Coalition, pk: Any) -> Decision:
    return _one(coalition.decisions.select_related("coalition"), pk)


def _one(queryset: QuerySet[Any], pk: Any) -> Any:
    from django.http import Http404

    try:
        found = queryset.filter(pk=int(pk)).first()
    except (TypeError, ValueError):
        found = None
    if found is None:
        raise Http404
    return found
