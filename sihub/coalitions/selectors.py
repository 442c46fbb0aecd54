"""Who may read and change what in coalitions: the rule in one place.

* everyone reads the public page of a *published* coalition (``is_public``):
  challenge, members, phase, results;
* the private workspace (commitments, meetings, notes, decisions, invitations,
  suggestions) is for the coalition's active members — the contact accounts of
  its member organisations — and for staff with ``coalitions.view_coalition``
  (facilitators, editors, analysts, administrators);
* facilitators (``coalitions.change_coalition``) manage coalitions: phases,
  members and invitations, publishing;
* an active member records and updates its own organisation's commitments;
  stewards (initiator and core members) and facilitators keep the shared
  record: all commitments, meetings, decisions, documents, the theory of
  change and linked initiatives.

A coalition one may not read does not exist for them (Http404); one whose
public page they may read but whose workspace they may not enter raises
PermissionDenied, as does a write they may not make.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from sihub.coalitions.models import Coalition, CoalitionMember, MemberRole, MemberStatus

VIEW_ALL = "coalitions.view_coalition"
MANAGE = "coalitions.change_coalition"
ADD = "coalitions.add_coalition"

# Members in these roles keep the shared record (meetings, decisions, commitments).
STEWARD_ROLES = (MemberRole.INITIATOR, MemberRole.CORE)


class Access(Enum):
    """What a request needs of a coalition, from least to most."""

    PUBLIC = "public"        # the public page
    WORKSPACE = "workspace"  # read the members' workspace
    CONTRIBUTE = "contribute"  # add to the workspace (commitments, meetings, decisions)
    MANAGE = "manage"        # phases, members, invitations, publishing


def _active(user: Any) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def membership_for(user: Any, coalition: Coalition) -> CoalitionMember | None:
    """The user's active membership (as a member organisation's contact), if any."""
    if not _active(user):
        return None
    return (CoalitionMember.objects.filter(coalition=coalition, contact=user,
                                           status=MemberStatus.ACTIVE)
            .select_related("actor").first())


def user_can_manage(user: Any, coalition: Coalition | None = None) -> bool:
    return _active(user) and user.has_perm(MANAGE)


def user_can_create(user: Any) -> bool:
    return _active(user) and user.has_perm(ADD)


def user_can_enter_workspace(user: Any, coalition: Coalition) -> bool:
    if not _active(user):
        return False
    return user.has_perm(VIEW_ALL) or membership_for(user, coalition) is not None


def user_is_steward(user: Any, coalition: Coalition) -> bool:
    """May edit the shared record: managers, and initiator or core members."""
    if user_can_manage(user, coalition):
        return True
    membership = membership_for(user, coalition)
    return membership is not None and membership.role in STEWARD_ROLES


def coalitions_visible_to(user: Any) -> QuerySet[Coalition]:
    """Coalitions whose public page or workspace ``user`` may open."""
    coalitions = Coalition.objects.all()
    if _active(user) and user.has_perm(VIEW_ALL):
        return coalitions
    if _active(user):
        return coalitions.filter(
            Q(is_public=True)
            | Q(members__contact=user, members__status=MemberStatus.ACTIVE)).distinct()
    return coalitions.filter(is_public=True)


def coalitions_of_member(user: Any) -> QuerySet[Coalition]:
    """The coalitions ``user`` is an active member contact of (published or not)."""
    if not _active(user):
        return Coalition.objects.none()
    return Coalition.objects.filter(members__contact=user,
                                    members__status=MemberStatus.ACTIVE).distinct()


def get_coalition_for_user(*, user: Any, pk: Any, access: Access = Access.PUBLIC) -> Coalition:
    """The coalition ``pk`` if ``user`` has ``access`` to it.

    Http404 when the user may not even know it exists; PermissionDenied when
    they may read it but not in the way asked.
    """
    coalition = Coalition.objects.filter(pk=pk).first()
    if coalition is None:
        raise Http404
    require(user, coalition, access)
    return coalition


def require(user: Any, coalition: Coalition, access: Access) -> None:
    """Raise unless ``user`` has ``access`` to ``coalition`` (see the module docstring)."""
    in_workspace = user_can_enter_workspace(user, coalition)
    if not (coalition.is_public or in_workspace):
        raise Http404
    if access is Access.PUBLIC:
        return
    if not in_workspace:
        raise PermissionDenied
    if access is Access.WORKSPACE:
        return
    if access is Access.CONTRIBUTE:
        if user_can_manage(user, coalition) or membership_for(user, coalition) is not None:
            return
        raise PermissionDenied
    if not user_can_manage(user, coalition):
        raise PermissionDenied


# --- Meeting documents -----------------------------------------------------------------------
#
# A meeting's documents are Wagtail documents in the "Coalitions" collection
# (``work_services.documents_collection``). Its login restriction alone would let
# any account download them, so both ways to a file — the workspace's own
# download view and Wagtail's serve URL (``wagtail_hooks.py``) — ask these.


def meeting_document_of(coalition: Coalition, document_id: Any) -> Any:
    """The document ``document_id`` if it is attached to a meeting of ``coalition``, else None."""
    from wagtail.documents import get_document_model

    from sihub.coalitions.models import Meeting

    meetings = Meeting.objects.filter(coalition=coalition, documents=OuterRef("pk"))
    return (get_document_model().objects.filter(pk=document_id)
            .filter(Exists(meetings)).first())


def is_coalition_document(document: Any) -> bool:
    """Whether ``document`` belongs to coalitions: attached to a meeting, or kept in the
    coalitions' collection (or below it) even if no meeting holds it (any more)."""
    from wagtail.models import Collection

    from sihub.coalitions.models import Meeting
    from sihub.coalitions.work_services import DOCUMENTS_COLLECTION

    if Meeting.objects.filter(documents=document).exists():
        return True
    collection = Collection.objects.filter(pk=document.collection_id).first()
    if collection is None:
        return False
    return (collection.get_ancestors(inclusive=True)
            .filter(depth=2, name=DOCUMENTS_COLLECTION).exists())


def user_can_download_document(user: Any, document: Any) -> bool:
    """A coalition document is for whoever may enter the workspace of a coalition whose
    meeting holds it; one no meeting holds is for staff who read all coalitions."""
    if not _active(user):
        return False
    if user.has_perm(VIEW_ALL):
        return True
    return Coalition.objects.filter(
        meetings__documents=document, members__contact=user,
        members__status=MemberStatus.ACTIVE).exists()
