"""Writes for actors: profiles, relations, claims and proposed changes.

Every change to a profile is validated (``full_clean``), saves a Wagtail
revision (so the admin's history and comparison show it) and leaves an audit
record. Members never change a profile themselves: they propose, and an
editor approves (``proposal_approve``) or rejects. Audit data carries ids and
field names only, never names, e-mail addresses or free text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from wagtail.log_actions import log

from sihub.actors.models import (
    Actor,
    ChangeProposal,
    Claim,
    Offering,
    Relation,
    Representative,
    ReviewStatus,
)
from sihub.actors.moderation import (
    FK_FIELDS,
    M2M_FIELDS,
    OFFERING_FIELDS,
    OFFERING_M2M,
    OFFERINGS,
    PROPOSABLE_FIELDS,
    actor_values,
    current_offerings,
    normalise,
    offering_key,
    proposal_changes,
    user_can_claim,
    user_represents,
)
from sihub.core.services import audit_record

# Audit actions (core.AuditEntry.action)
ACTOR_CREATED = "actor.created"
ACTOR_UPDATED = "actor.updated"
ACTOR_DELETED = "actor.deleted"
RELATION_CREATED = "actor.relation_created"
RELATION_UPDATED = "actor.relation_updated"
RELATION_DELETED = "actor.relation_deleted"
REPRESENTATIVE_REMOVED = "actor.representative_removed"
CLAIM_CREATED = "actor.claim_created"
CLAIM_APPROVED = "actor.claim_approved"
CLAIM_REJECTED = "actor.claim_rejected"
PROPOSAL_CREATED = "actor.proposal_created"
PROPOSAL_APPROVED = "actor.proposal_approved"
PROPOSAL_REJECTED = "actor.proposal_rejected"

# Wagtail log actions (the actor's history in the admin), registered in wagtail_hooks.py.
LOG_PROPOSAL_APPROVED = "sihub_actors.proposal_approved"
LOG_REPRESENTATIVE_ADDED = "sihub_actors.representative_added"

REVIEW_CLAIMS = "actors.change_claim"
REVIEW_PROPOSALS = "actors.change_changeproposal"


class ActorServiceError(Exception):
    pass


class ClaimError(ActorServiceError):
    pass


class ClaimAlreadyPending(ClaimError):
    def __init__(self, claim: Claim) -> None:
        super().__init__("A claim by this person for this actor is waiting for review")
        self.claim = claim


class AlreadyRepresentative(ClaimError):
    pass


class AlreadyDecided(ActorServiceError):
    """The claim or proposal was approved or rejected already (e.g. by another editor)."""


class ProposalError(ActorServiceError):
    pass


class NotARepresentative(ProposalError, PermissionDenied):
    pass


class NothingChanged(ProposalError):
    pass


class NothingChosen(ProposalError):
    pass


class ProposalConflict(ProposalError):
    """Approving would overwrite changes made to the profile since the proposal was made."""

    def __init__(self, keys: Sequence[str]) -> None:
        super().__init__(f"Changed meanwhile: {', '.join(keys)}")
        self.keys = list(keys)


# --- Profiles ------------------------------------------------------------------------


def _set_m2m(obj: models.Model, name: str, items: Iterable[Any]) -> None:
    """Set a ParentalManyToManyField from instances or ids (unknown ids are dropped)."""
    field = obj._meta.get_field(name)
    items = list(items)
    if items and not isinstance(items[0], models.Model):
        items = list(field.related_model.objects.filter(pk__in=items))
    getattr(obj, name).set(items)


def _changed_fields(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    return sorted(k for k in after if before.get(k) != after[k])


def _snapshot(actor: Actor) -> dict[str, Any]:
    """Every concrete and many-to-many field, for telling which fields a save changed."""
    out: dict[str, Any] = {}
    for f in actor._meta.get_fields():
        if f.many_to_many and not f.auto_created:
            out[f.name] = sorted(o.pk for o in getattr(actor, f.name).all())
        elif getattr(f, "concrete", False) and not f.auto_created and f.name not in (
                "updated_at", "latest_revision"):
            out[f.name] = getattr(actor, f.attname)
    return out


def actor_create(*, user: Any, fields: Mapping[str, Any],
                 m2m: Mapping[str, Iterable[Any]] | None = None) -> Actor:
    """Create an actor from model field values (``m2m``: tag fields, instances or ids).

    Saves the first revision, so the admin's history starts with it.
    """
    actor = Actor(**fields)
    for name, items in (m2m or {}).items():
        _set_m2m(actor, name, items)
    actor.full_clean()
    with transaction.atomic():
        actor.save()
        revision = actor.save_revision(user=user, log_action="wagtail.create")
        audit_record(actor=user, action=ACTOR_CREATED, target=actor,
                     data={"revision_id": revision.pk})
    return actor


def actor_update(*, actor: Actor, user: Any, fields: Mapping[str, Any] | None = None,
                 m2m: Mapping[str, Iterable[Any]] | None = None) -> Actor:
    """Change an actor's fields and tags; a revision and an audit record if anything changed."""
    before = _snapshot(actor)
    for name, value in (fields or {}).items():
        setattr(actor, name, value)
    for name, items in (m2m or {}).items():
        _set_m2m(actor, name, items)
    changed = _changed_fields(before, _snapshot(actor))
    if not changed:
        return actor
    actor.updated_at = timezone.now()
    actor.full_clean()
    with transaction.atomic():
        actor.save()
        revision = actor.save_revision(user=user, log_action=True)
        audit_record(actor=user, action=ACTOR_UPDATED, target=actor,
                     data={"fields": changed, "revision_id": revision.pk})
    return actor


def relation_create(*, user: Any, source_actor: Actor, target_actor: Actor, kind: str,
                    started_on: date | None = None, ended_on: date | None = None,
                    source: str = "") -> Relation:
    relation = Relation(source_actor=source_actor, target_actor=target_actor, kind=kind,
                        started_on=started_on, ended_on=ended_on, source=source)
    relation.full_clean()
    with transaction.atomic():
        relation.save()
        audit_record(actor=user, action=RELATION_CREATED, target=relation,
                     data={"source_actor_id": source_actor.pk, "target_actor_id": target_actor.pk,
                           "kind": kind})
    return relation


def relation_delete(*, user: Any, relation: Relation) -> None:
    data = {"relation_id": relation.pk, "source_actor_id": relation.source_actor_id,
            "target_actor_id": relation.target_actor_id, "kind": relation.kind}
    with transaction.atomic():
        audit_record(actor=user, action=RELATION_DELETED, target=relation, data=data)
        relation.delete()


# --- Claims --------------------------------------------------------------------------


def claim_create(*, actor: Actor, user: Any, message: str = "") -> Claim:
    """A member asks to represent ``actor``.

    Asking again while a claim waits raises ClaimAlreadyPending (no second row).
    """
    if not user_can_claim(user):
        raise PermissionDenied
    if user_represents(user, actor):
        raise AlreadyRepresentative("This person represents the actor already")
    existing = Claim.objects.filter(actor=actor, user=user, status=ReviewStatus.PENDING).first()
    if existing is not None:
        raise ClaimAlreadyPending(existing)
    claim = Claim(actor=actor, user=user, message=message.strip())
    claim.full_clean(validate_constraints=False)  # the database has the final word, below
    try:
        with transaction.atomic():
            claim.save()
            audit_record(actor=user, action=CLAIM_CREATED, target=actor,
                         data={"claim_id": claim.pk})
    except IntegrityError:
        # A parallel request stored the same claim between the check and the save.
        existing = Claim.objects.filter(actor=actor, user=user,
                                        status=ReviewStatus.PENDING).first()
        if existing is None:
            raise
        raise ClaimAlreadyPending(existing) from None
    return claim


def _lock_pending(model: type[models.Model], pk: int) -> Any:
    """The row, locked until the transaction ends; AlreadyDecided unless it still waits."""
    obj = model._default_manager.select_for_update().get(pk=pk)
    if obj.status != ReviewStatus.PENDING:
        raise AlreadyDecided(f"{model.__name__} {pk} is {obj.status}")
    return obj


def _decide(obj: Claim | ChangeProposal, *, editor: Any, status: str, note: str) -> None:
    obj.status = status
    obj.decided_by = editor
    obj.decided_at = timezone.now()
    obj.review_note = note.strip()
    obj.full_clean(validate_constraints=False)
    obj.save()
    # The member hears of the decision once it is committed (ids only).
    from sihub.actors.tasks import send_review_decision_email

    kind, pk = ("claim" if isinstance(obj, Claim) else "proposal"), obj.pk
    transaction.on_commit(lambda: send_review_decision_email.enqueue(kind, pk))


def claim_approve(*, claim: Claim, editor: Any, note: str = "") -> Representative:
    """Make the claimant a representative of the actor."""
    if not editor.has_perm(REVIEW_CLAIMS):
        raise PermissionDenied
    with transaction.atomic():
        claim = _lock_pending(Claim, claim.pk)
        representative, _created = Representative.objects.get_or_create(
            actor_id=claim.actor_id, user_id=claim.user_id, defaults={"approved_by": editor})
        _decide(claim, editor=editor, status=ReviewStatus.APPROVED, note=note)
        log(instance=claim.actor, action=LOG_REPRESENTATIVE_ADDED, user=editor,
            data={"claim_id": claim.pk})
        audit_record(actor=editor, action=CLAIM_APPROVED, target=claim.actor,
                     data={"claim_id": claim.pk, "representative_id": representative.pk,
                           "user_id": claim.user_id})
    return representative


def claim_reject(*, claim: Claim, editor: Any, note: str = "") -> Claim:
    """Turn a claim down; ``note`` tells the member why (shown to them, not audited)."""
    if not editor.has_perm(REVIEW_CLAIMS):
        raise PermissionDenied
    with transaction.atomic():
        claim = _lock_pending(Claim, claim.pk)
        _decide(claim, editor=editor, status=ReviewStatus.REJECTED, note=note)
        audit_record(actor=editor, action=CLAIM_REJECTED, target=claim.actor,
                     data={"claim_id": claim.pk, "user_id": claim.user_id,
                           "with_note": bool(claim.review_note)})
    return claim


# --- Proposed changes ----------------------------------------------------------------


def _apply_fields(actor: Actor, values: Mapping[str, Any]) -> None:
    for name, value in values.items():
        if name in M2M_FIELDS:
            _set_m2m(actor, name, value)
        elif name in FK_FIELDS:
            setattr(actor, f"{name}_id", value)
        else:
            setattr(actor, name, value)


def _fill_offering(offering: Offering, values: Mapping[str, Any]) -> None:
    for name in OFFERING_FIELDS:
        if name not in values:
            continue
        if name in OFFERING_M2M:
            _set_m2m(offering, name, values[name])
        elif name in ("opens_on", "closes_on"):
            value = values[name]
            setattr(offering, name, date.fromisoformat(value) if value else None)
        else:
            setattr(offering, name, values[name])


def _offering_ops(actor: Actor, offerings: Sequence[Mapping[str, Any]],
                  now: Mapping[int, Mapping[str, Any]]) -> tuple[list[dict[str, Any]],
                                                                 dict[str, Any]]:
    """The operations turning the current offerings into ``offerings``; the values they replace."""
    ops: list[dict[str, Any]] = []
    previous: dict[str, Any] = {}
    for item in offerings:
        pk = item.get("id")
        if pk and pk not in now:
            raise ValidationError({OFFERINGS: f"Offering {pk} is not one of this actor's"})
        values = {n: normalise(n, item.get(n)) for n in OFFERING_FIELDS}
        if item.get("delete"):
            if pk:
                ops.append({"id": pk, "delete": True})
                previous[str(pk)] = now[pk]
        elif pk:
            if values != now[pk]:
                ops.append({"id": pk, "values": values})
                previous[str(pk)] = now[pk]
        else:
            ops.append({"id": None, "values": values})
    return ops, previous


def _validate_offering(values: Mapping[str, Any], actor: Actor) -> None:
    offering = Offering(actor=actor)
    _fill_offering(offering, values)
    offering.full_clean(exclude=["actor"])


def proposal_create(*, actor: Actor, user: Any, values: Mapping[str, Any],
                    offerings: Sequence[Mapping[str, Any]] | None = None,
                    comment: str = "") -> ChangeProposal:
    """Store what a representative wants changed; nothing changes until an editor approves.

    ``values`` holds proposed values of (any of) ``moderation.PROPOSABLE_FIELDS``
    as form values; ``offerings`` the whole list as the member left it, each
    ``{"id": pk or None, "delete": bool, <offering fields>}`` (None: not edited).
    Only what differs from the profile now is stored, with the values it replaces.
    """
    if not user_represents(user, actor):
        raise NotARepresentative
    actor = Actor.objects.get(pk=actor.pk)  # fresh, and a copy to validate on
    now = actor_values(actor)
    data = {name: normalise(name, values[name]) for name in PROPOSABLE_FIELDS
            if name in values and normalise(name, values[name]) != normalise(name, now[name])}
    previous = {name: now[name] for name in data}
    if offerings is not None:
        ops, replaced = _offering_ops(actor, offerings, current_offerings(actor))
        if ops:
            data[OFFERINGS], previous[OFFERINGS] = ops, replaced
    if not data:
        raise NothingChanged("The proposal changes nothing")

    # Validate as it would be applied, on the in-memory copy: a proposal an
    # editor cannot approve should be refused now, while the member is here.
    _apply_fields(actor, {k: v for k, v in data.items() if k != OFFERINGS})
    actor.full_clean()
    for op in data.get(OFFERINGS, []):
        if not op.get("delete"):
            _validate_offering(op["values"], actor)

    proposal = ChangeProposal(actor_id=actor.pk, proposed_by=user, data=data, previous=previous,
                              comment=comment.strip())
    proposal.full_clean()
    with transaction.atomic():
        proposal.save()
        audit_record(actor=user, action=PROPOSAL_CREATED, target=actor,
                     data={"proposal_id": proposal.pk, "keys": _keys(data)})
    return proposal


def _keys(data: Mapping[str, Any]) -> list[str]:
    keys = [k for k in PROPOSABLE_FIELDS if k in data]
    keys += [offering_key(op, i) for i, op in enumerate(data.get(OFFERINGS) or [])]
    return keys


def proposal_approve(*, proposal: ChangeProposal, editor: Any,
                     keys: Iterable[str] | None = None, overwrite: Iterable[str] = (),
                     note: str = "") -> ChangeProposal:
    """Apply the proposal (or the ``keys`` of it the editor chose) to the actor.

    Where the profile changed since the proposal was made, to something other
    than what is proposed, applying would overwrite that change: such keys are
    applied only when listed in ``overwrite`` (the editor saw the conflict and
    chose the proposed value); otherwise ProposalConflict is raised and nothing
    changes. The revision is saved in the proposer's name; the approval is
    logged in the editor's.
    """
    if not editor.has_perm(REVIEW_PROPOSALS):
        raise PermissionDenied
    with transaction.atomic():
        proposal = _lock_pending(ChangeProposal, proposal.pk)
        actor = Actor.objects.select_for_update().get(pk=proposal.actor_id)
        changes = {c.key: c for c in proposal_changes(proposal, actor)}
        wanted, confirmed = (set(changes) if keys is None else set(keys)), set(overwrite)
        chosen = [k for k in changes if k in wanted]
        if not chosen:
            raise NothingChosen("Choose at least one change to apply, or reject the proposal")
        conflicts = sorted(k for k in chosen if changes[k].conflict and k not in confirmed)
        if conflicts:
            raise ProposalConflict(conflicts)

        _apply_fields(actor, {k: proposal.data[k] for k in chosen if k in PROPOSABLE_FIELDS})
        actor.updated_at = timezone.now()
        actor.full_clean()
        actor.save()
        for position, op in enumerate(proposal.data.get(OFFERINGS) or []):
            if offering_key(op, position) in chosen:
                _apply_offering(actor, op)

        actor = Actor.objects.get(pk=actor.pk)  # the revision must see the saved offerings
        revision = actor.save_revision(user=proposal.proposed_by, log_action=True)
        log(instance=actor, action=LOG_PROPOSAL_APPROVED, user=editor,
            data={"proposal_id": proposal.pk, "revision_id": revision.pk})
        proposal.applied = chosen
        _decide(proposal, editor=editor, status=ReviewStatus.APPROVED, note=note)
        audit_record(actor=editor, action=PROPOSAL_APPROVED, target=actor,
                     data={"proposal_id": proposal.pk, "applied": chosen,
                           "kept": [k for k in changes if k not in chosen],
                           "overwritten": sorted(k for k in chosen if changes[k].conflict),
                           "revision_id": revision.pk})
    return proposal


def _apply_offering(actor: Actor, op: Mapping[str, Any]) -> None:
    pk = op.get("id")
    existing = Offering.objects.filter(actor=actor, pk=pk).first() if pk else None
    if op.get("delete"):
        if existing is not None:
            existing.delete()
        return
    # An offering removed meanwhile comes back only if the editor chose to overwrite.
    offering = existing or Offering(actor=actor, sort_order=actor.offerings.count())
    _fill_offering(offering, op["values"])
    offering.full_clean()
    offering.save()  # a ClusterableModel: saving writes its ParentalManyToManyFields


def proposal_reject(*, proposal: ChangeProposal, editor: Any, note: str = "") -> ChangeProposal:
    if not editor.has_perm(REVIEW_PROPOSALS):
        raise PermissionDenied
    with transaction.atomic():
        proposal = _lock_pending(ChangeProposal, proposal.pk)
        _decide(proposal, editor=editor, status=ReviewStatus.REJECTED, note=note)
        audit_record(actor=editor, action=PROPOSAL_REJECTED, target=proposal.actor,
                     data={"proposal_id": proposal.pk, "keys": _keys(proposal.data),
                           "with_note": bool(proposal.review_note)})
    return proposal
