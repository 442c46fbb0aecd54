"""Reads for claims and proposed changes: who may do what, and what a proposal changes.

A proposal's ``data`` and ``previous`` hold *form values*: text as text,
numbers as numbers, foreign keys as ids, many-to-many fields as sorted lists
of ids, dates as ISO strings. ``actor_values`` and ``offering_values`` give an
actor's current values in the same shape, so "what changed" and "did the
profile change meanwhile" are plain comparisons.

Offerings are proposed one by one: ``data["offerings"]`` is a list of
operations (``{"id": 12, "values": {...}}`` to change one,
``{"id": None, "values": {...}}`` to add one, ``{"id": 13, "delete": True}``
to remove one) and ``previous["offerings"]`` maps the touched ids (as
strings) to their values before. Each operation is a key of its own
("offering:12", "offering:new:0"), so an editor can apply some and keep the
rest, and an offering an editor added meanwhile is never touched.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from sihub.actors.models import (
    Actor,
    ChangeProposal,
    Claim,
    Contact,
    Offering,
    OfferingKind,
    Representative,
    ReviewStatus,
    Stage,
)
from sihub.core.roles import MEMBER, ROLES

# Fields of the actor a representative may propose changes to, in form order.
PROPOSABLE_FIELDS = (
    "description_sv", "description_en", "website", "home_municipality", "latitude",
    "longitude", "serves_national", "serves_international", "counties", "municipalities",
    "sdgs", "themes",
)
M2M_FIELDS = frozenset({"counties", "municipalities", "sdgs", "themes"})
FK_FIELDS = frozenset({"home_municipality"})

# Fields of an offering a representative may propose. Municipalities are left
# to the editors (a list of 290 is no form for a profile); they are kept as they are.
OFFERING_FIELDS = (
    "kind", "title_sv", "title_en", "description_sv", "description_en", "stages",
    "target_sectors", "target_groups", "counties", "national", "conditions", "url",
    "opens_on", "closes_on",
)
OFFERING_M2M = frozenset({"target_sectors", "counties"})
OFFERINGS = "offerings"
OFFERING_KEY = "offering:"

# Members claim profiles; staff edit actors directly in the admin.
CLAIMANT_ROLES = (MEMBER,)
REVIEW_PERMISSIONS = ("actors.change_claim", "actors.change_changeproposal")


# --- Who may do what -----------------------------------------------------------------


def user_can_claim(user: Any) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    names = [ROLES[slug].group_name for slug in CLAIMANT_ROLES]
    return bool(user.groups.filter(name__in=names).exists())


def user_represents(user: Any, actor: Actor) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return Representative.objects.filter(actor=actor, user=user).exists()


def user_can_review(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active
                and any(user.has_perm(p) for p in REVIEW_PERMISSIONS))


def get_actor_for_claim(user: Any, slug: str) -> Actor:
    """A published actor (the public can see it, so anyone may ask to claim it); else 404."""
    actor = Actor.objects.published().filter(slug=slug).first()
    if actor is None:
        raise Http404
    return actor


def get_actor_for_representative(user: Any, slug: str) -> Actor:
    """The actor ``user`` represents; 404 if it is unknown or hidden, 403 if it is not theirs."""
    actor = Actor.objects.filter(slug=slug).first()
    if actor is None:
        raise Http404
    if user_represents(user, actor):
        return actor
    if not actor.is_published:
        raise Http404  # do not reveal that an unpublished profile exists
    raise PermissionDenied


def visible_contacts(user: Any, actor: Actor) -> list[Contact]:
    """The contact people ``user`` may see: public ones; all for editors and representatives."""
    contacts = list(actor.contacts.all())
    if (user is not None and user.is_authenticated
            and (user.has_perm("actors.view_contact") or user_represents(user, actor))):
        return contacts
    return [c for c in contacts if c.is_public]


def pending_claim(user: Any, actor: Actor) -> Claim | None:
    return Claim.objects.filter(actor=actor, user=user, status=ReviewStatus.PENDING).first()


def proposals_of(user: Any, actor: Actor) -> QuerySet[ChangeProposal]:
    return ChangeProposal.objects.filter(actor=actor, proposed_by=user).order_by("-created_at")


def pending_claims() -> QuerySet[Claim]:
    return (Claim.objects.filter(status=ReviewStatus.PENDING)
            .select_related("actor", "user").order_by("created_at"))


def pending_proposals() -> QuerySet[ChangeProposal]:
    return (ChangeProposal.objects.filter(status=ReviewStatus.PENDING)
            .select_related("actor", "proposed_by").order_by("created_at"))


def pending_count() -> int:
    return pending_claims().count() + pending_proposals().count()


# --- Values in the shape proposals store ---------------------------------------------


def _ids(manager: Any) -> list[int]:
    # .all() rather than values_list: ParentalManyToManyField keeps unsaved
    # changes in memory, and a proposal is validated on such an in-memory copy.
    return sorted(obj.pk for obj in manager.all())


def actor_values(actor: Actor) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in PROPOSABLE_FIELDS:
        if name in M2M_FIELDS:
            values[name] = _ids(getattr(actor, name))
        elif name in FK_FIELDS:
            values[name] = getattr(actor, f"{name}_id")
        else:
            values[name] = normalise(name, getattr(actor, name))
    return values


def offering_values(offering: Offering) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in OFFERING_FIELDS:
        if name in OFFERING_M2M:
            values[name] = _ids(getattr(offering, name))
        elif name in ("opens_on", "closes_on"):
            day = getattr(offering, name)
            values[name] = day.isoformat() if day else None
        else:
            values[name] = normalise(name, getattr(offering, name))
    return values


def current_offerings(actor: Actor) -> dict[int, dict[str, Any]]:
    return {o.pk: offering_values(o) for o in
            actor.offerings.all().prefetch_related("target_sectors", "counties")}


def normalise(name: str, value: Any) -> Any:
    """A value in the shape proposals store: lists sorted, dates as ISO text, text trimmed.

    Browsers send text areas with CRLF line ends; stored text has LF. Without
    this an untouched description would count as changed.
    """
    if name in M2M_FIELDS or name in OFFERING_M2M or name == "stages":
        return sorted(value or [])
    if name in ("latitude", "longitude"):
        return None if value in (None, "") else float(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return value.replace("\r\n", "\n").strip()
    return value


def offering_key(op: Mapping[str, Any], position: int) -> str:
    return f"{OFFERING_KEY}{op['id']}" if op.get("id") else f"{OFFERING_KEY}new:{position}"


# --- The comparison an editor reviews ------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One proposed change: the value before, now, and proposed; and how to show them."""

    key: str
    label: str
    previous: Any
    current: Any
    proposed: Any
    previous_text: str
    current_text: str
    proposed_text: str

    @property
    def conflict(self) -> bool:
        """The profile changed meanwhile, to something other than what is proposed."""
        return self.current != self.previous and self.current != self.proposed

    @property
    def is_offering(self) -> bool:
        return self.key.startswith(OFFERING_KEY)


class _Names:
    """Names for ids, loaded once per comparison."""

    def __init__(self) -> None:
        self._maps: dict[str, dict[int, str]] = {}

    def _load(self, name: str) -> dict[int, str]:
        from sihub.core.models import County, Municipality, Sector, Theme
        from sihub.sdg.models import Goal

        if name not in self._maps:
            model = {"counties": County, "municipalities": Municipality, "sdgs": Goal,
                     "themes": Theme, "home_municipality": Municipality,
                     "target_sectors": Sector}[name]
            self._maps[name] = {obj.pk: str(obj) for obj in model.objects.all()}
        return self._maps[name]

    def of(self, name: str, ids: Iterable[int]) -> list[str]:
        known = self._load(name)
        return [known.get(pk, _("(removed, id %(id)s)") % {"id": pk}) for pk in ids]


def _text(name: str, value: Any, names: _Names) -> str:
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if name in M2M_FIELDS or name in OFFERING_M2M:
        return ", ".join(sorted(names.of(name, value)))
    if name in FK_FIELDS:
        return names.of(name, [value])[0]
    if name == "kind":
        return str(OfferingKind(value).label) if value in OfferingKind.values else str(value)
    if name == "stages":
        return ", ".join(str(Stage(s).label) if s in Stage.values else s for s in value)
    return str(value)


def _label(model: type, name: str) -> str:
    return str(model._meta.get_field(name).verbose_name).capitalize()


def _offering_text(values: Mapping[str, Any] | None, names: _Names) -> str:
    if values is None:
        return "–"
    return "\n".join(f"{_label(Offering, n)}: {_text(n, values.get(n), names)}"
                     for n in OFFERING_FIELDS)


def _offering_title(*candidates: Mapping[str, Any] | None) -> str:
    for values in candidates:
        if values:
            return values.get("title_sv") or values.get("title_en") or ""
    return ""


def proposal_changes(proposal: ChangeProposal, actor: Actor | None = None) -> list[Change]:
    """Field by field: before (when proposed), now, and proposed."""
    actor = actor or proposal.actor
    names = _Names()
    now = actor_values(actor)
    changes = []
    for name in PROPOSABLE_FIELDS:
        if name not in proposal.data:
            continue
        previous, proposed = proposal.previous.get(name), proposal.data[name]
        changes.append(Change(
            key=name, label=_label(Actor, name), previous=previous, current=now[name],
            proposed=proposed, previous_text=_text(name, previous, names),
            current_text=_text(name, now[name], names),
            proposed_text=_text(name, proposed, names)))
    offerings_now = current_offerings(actor) if proposal.data.get(OFFERINGS) else {}
    for position, op in enumerate(proposal.data.get(OFFERINGS) or []):
        pk = op.get("id")
        previous = proposal.previous.get(OFFERINGS, {}).get(str(pk)) if pk else None
        current = offerings_now.get(pk) if pk else None
        proposed = None if op.get("delete") else op.get("values")
        title = _offering_title(proposed, current, previous)
        if not pk:
            label = _("New offering: %(title)s") % {"title": title}
        elif proposed is None:
            label = _("Remove offering: %(title)s") % {"title": title}
        else:
            label = _("Offering: %(title)s") % {"title": title}
        changes.append(Change(
            key=offering_key(op, position), label=label, previous=previous, current=current,
            proposed=proposed, previous_text=_offering_text(previous, names),
            current_text=_offering_text(current, names),
            proposed_text=_offering_text(proposed, names)))
    return changes
