"""Actors in the Wagtail admin: the actor and relation snippets, and the review queue.

Actors are snippets with revisions, so every save (in the admin or by an
approved proposal) is in the actor's history and can be compared. Saves and
deletes made here are audited like the services' writes.

The review queue lists members' claims and proposed changes. A proposal is
shown field by field: the value when it was proposed, the value now, and the
proposed value; where the profile changed meanwhile the editor chooses,
change by change, whether to keep the current value or take the proposed one.
"""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.snippets.views.snippets import (
    CreateView,
    DeleteView,
    EditView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from sihub.actors.models import (
    Actor,
    ChangeProposal,
    Claim,
    Relation,
    Representative,
    ReviewStatus,
    Stage,
)
from sihub.actors.moderation import (
    pending_claims,
    pending_proposals,
    proposal_changes,
    user_can_review,
)
from sihub.actors.services import (
    ACTOR_CREATED,
    ACTOR_DELETED,
    ACTOR_UPDATED,
    LOG_PROPOSAL_APPROVED,
    LOG_REPRESENTATIVE_ADDED,
    RELATION_CREATED,
    RELATION_DELETED,
    RELATION_UPDATED,
    REPRESENTATIVE_REMOVED,
    REVIEW_CLAIMS,
    REVIEW_PROPOSALS,
    AlreadyDecided,
    NothingChosen,
    ProposalConflict,
    claim_approve,
    claim_reject,
    proposal_approve,
    proposal_reject,
)
from sihub.core.services import audit_record

# --- Widgets -------------------------------------------------------------------------


class StagesWidget(forms.CheckboxSelectMultiple):
    """Offering.stages is a JSON list; show it as checkboxes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, choices=Stage.choices, **kwargs)

    def format_value(self, value: Any) -> list[str]:
        if isinstance(value, str):
            try:
                value = json.loads(value) if value else []
            except ValueError:
                value = []
        return [str(v) for v in value or []]


# --- Audited snippet views -----------------------------------------------------------


class AuditedCreateView(CreateView):
    audit_action = ACTOR_CREATED

    def save_instance(self) -> Any:
        instance = super().save_instance()
        revision = getattr(self, "new_revision", None)
        audit_record(actor=self.request.user, action=self.audit_action, target=instance,
                     data={"revision_id": revision.pk} if revision else {})
        return instance


class AuditedEditView(EditView):
    audit_action = ACTOR_UPDATED

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        # Actors have revisions but no draft state, so Wagtail's autosave would
        # publish half-typed text to the directory (and audit every keystroke
        # pause). Editors save on purpose instead.
        self.autosave_enabled = False

    def save_instance(self) -> Any:
        if isinstance(self.form.instance, Actor):
            self.form.instance.updated_at = timezone.now()
        instance = super().save_instance()
        revision = getattr(self, "new_revision", None)
        audit_record(actor=self.request.user, action=self.audit_action, target=instance,
                     data={"fields": sorted(self.form.changed_data),
                           **({"revision_id": revision.pk} if revision else {})})
        return instance


class AuditedDeleteView(DeleteView):
    audit_action = ACTOR_DELETED

    def delete_action(self) -> None:
        audit_record(actor=self.request.user, action=self.audit_action, target=self.object,
                     data={"id": self.object.pk})
        super().delete_action()


class RelationCreateView(AuditedCreateView):
    audit_action = RELATION_CREATED


class RelationEditView(AuditedEditView):
    audit_action = RELATION_UPDATED


class RelationDeleteView(AuditedDeleteView):
    audit_action = RELATION_DELETED


class RepresentativeDeleteView(AuditedDeleteView):
    audit_action = REPRESENTATIVE_REMOVED


# --- Snippets ------------------------------------------------------------------------

OFFERING_PANELS = [
    FieldRowPanel([FieldPanel("kind"), FieldPanel("national")]),
    FieldPanel("title_sv"),
    FieldPanel("title_en"),
    FieldPanel("description_sv"),
    FieldPanel("description_en"),
    FieldPanel("stages", widget=StagesWidget),
    FieldPanel("target_sectors", widget=forms.CheckboxSelectMultiple),
    FieldPanel("target_groups"),
    FieldPanel("counties"),
    FieldPanel("municipalities"),
    FieldPanel("conditions"),
    FieldPanel("url"),
    FieldRowPanel([FieldPanel("opens_on"), FieldPanel("closes_on")]),
]

CONTACT_PANELS = [
    FieldPanel("name"),
    FieldPanel("role"),
    FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
    FieldRowPanel([FieldPanel("is_public"), FieldPanel("consent_at")]),
]


class ActorViewSet(SnippetViewSet):
    model = Actor
    icon = "group"
    menu_label = gettext_lazy("Actors")
    add_view_class = AuditedCreateView
    edit_view_class = AuditedEditView
    delete_view_class = AuditedDeleteView
    list_display = ["name", "sector", "kind", "home_municipality", "is_published", "updated_at"]
    list_filter = ["sector", "kind", "is_published"]
    # The database, not the search index: editors look actors up by organisation number too.
    search_backend_name = None
    search_fields = ["name", "org_number"]
    list_per_page = 50
    copy_view_enabled = False
    inspect_view_enabled = True  # analysts and facilitators read actors here
    inspect_view_fields = ["name", "org_number", "sector", "kind", "description_sv",
                           "description_en", "website", "home_municipality", "serves_national",
                           "serves_international", "is_published", "updated_at"]
    edit_handler = TabbedInterface([
        ObjectList([
            FieldPanel("name"),
            FieldPanel("slug"),
            FieldRowPanel([FieldPanel("org_number"), FieldPanel("sector"), FieldPanel("kind")]),
            FieldPanel("description_sv"),
            FieldPanel("description_en"),
            FieldPanel("website"),
            FieldPanel("logo"),
            MultiFieldPanel([
                FieldPanel("home_municipality"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldRowPanel([FieldPanel("serves_national"), FieldPanel("serves_international")]),
            ], heading=gettext_lazy("Place")),
            FieldPanel("is_published"),
        ], heading=gettext_lazy("Profile")),
        ObjectList([InlinePanel("offerings", panels=OFFERING_PANELS,
                                label=gettext_lazy("Offering"))],
                   heading=gettext_lazy("Offerings")),
        ObjectList([InlinePanel("contacts", panels=CONTACT_PANELS,
                                label=gettext_lazy("Contact person"))],
                   heading=gettext_lazy("Contact people")),
        ObjectList(Actor.tag_panels, heading=gettext_lazy("Goals, themes and places")),
    ])


class RelationViewSet(SnippetViewSet):
    model = Relation
    icon = "link"
    menu_label = gettext_lazy("Relations")
    add_view_class = RelationCreateView
    edit_view_class = RelationEditView
    delete_view_class = RelationDeleteView
    list_display = ["source_actor", "kind", "target_actor", "started_on", "ended_on"]
    list_filter = ["kind"]
    search_fields = ["source_actor__name", "target_actor__name", "source"]
    list_per_page = 50
    copy_view_enabled = False
    panels = [
        FieldPanel("source_actor"),
        FieldPanel("kind"),
        FieldPanel("target_actor"),
        FieldRowPanel([FieldPanel("started_on"), FieldPanel("ended_on")]),
        FieldPanel("source"),
    ]


class RepresentativeViewSet(SnippetViewSet):
    """Who speaks for which actor. Added by approving a claim; editors may remove one here."""

    model = Representative
    icon = "user"
    menu_label = gettext_lazy("Representatives")
    delete_view_class = RepresentativeDeleteView
    list_display = ["actor", "user", "approved_by", "created_at"]
    search_fields = ["actor__name", "user__email"]
    list_per_page = 50
    copy_view_enabled = False
    panels = [FieldPanel("actor", read_only=True), FieldPanel("user", read_only=True)]


class EcosystemGroup(SnippetViewSetGroup):
    menu_label = gettext_lazy("Ecosystem")
    menu_icon = "group"
    menu_order = 220
    items = (ActorViewSet, RelationViewSet, RepresentativeViewSet)


@hooks.register("register_admin_viewset")
def register_ecosystem_snippets() -> EcosystemGroup:
    return EcosystemGroup()


@hooks.register("register_log_actions")
def register_actor_log_actions(actions: Any) -> None:
    actions.register_action(LOG_PROPOSAL_APPROVED, gettext_lazy("Approve proposed change"),
                            gettext_lazy("Proposed change approved"))
    actions.register_action(LOG_REPRESENTATIVE_ADDED, gettext_lazy("Add representative"),
                            gettext_lazy("Representative added (claim approved)"))


# --- The review queue ----------------------------------------------------------------


def _require_reviewer(request: HttpRequest, permission: str | None = None) -> None:
    if not (user_can_review(request.user) if permission is None
            else request.user.has_perm(permission)):
        raise PermissionDenied


def get_claim_for_editor(user: Any, pk: int) -> Claim:
    if not user.has_perm(REVIEW_CLAIMS):
        raise PermissionDenied
    claim = Claim.objects.select_related("actor", "user", "decided_by").filter(pk=pk).first()
    if claim is None:
        raise Http404
    return claim


def get_proposal_for_editor(user: Any, pk: int) -> ChangeProposal:
    if not user.has_perm(REVIEW_PROPOSALS):
        raise PermissionDenied
    proposal = (ChangeProposal.objects.select_related("actor", "proposed_by", "decided_by")
                .filter(pk=pk).first())
    if proposal is None:
        raise Http404
    return proposal


def review_index(request: HttpRequest) -> HttpResponse:
    _require_reviewer(request)
    user = request.user
    can_claims, can_proposals = user.has_perm(REVIEW_CLAIMS), user.has_perm(REVIEW_PROPOSALS)
    return render(request, "actors/admin/review_index.html", {
        "claims": list(pending_claims()) if can_claims else None,
        "proposals": list(pending_proposals()) if can_proposals else None,
        "decided_claims": list(Claim.objects.exclude(status=ReviewStatus.PENDING)
                               .select_related("actor", "decided_by")
                               .order_by("-decided_at")[:10]) if can_claims else [],
        "decided_proposals": list(ChangeProposal.objects.exclude(status=ReviewStatus.PENDING)
                                  .select_related("actor", "decided_by")
                                  .order_by("-decided_at")[:10]) if can_proposals else [],
    })


@require_http_methods(["GET", "HEAD", "POST"])
def claim_review(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_claim_for_editor(request.user, pk)
    if request.method == "POST":
        note = request.POST.get("note", "")[:2000]
        try:
            if request.POST.get("action") == "approve":
                claim_approve(claim=claim, editor=request.user, note=note)
                messages.success(request, _("The claim was approved: the member now represents "
                                            "“%(actor)s”.") % {"actor": claim.actor.name})
            elif request.POST.get("action") == "reject":
                claim_reject(claim=claim, editor=request.user, note=note)
                messages.success(request, _("The claim was rejected."))
            else:
                return HttpResponse(status=400)
        except AlreadyDecided:
            messages.warning(request, _("Someone else decided this claim already."))
        return redirect("actors_review:index")
    other_representatives = claim.actor.representatives.select_related("user")
    return render(request, "actors/admin/claim_review.html", {
        "claim": claim, "representatives": list(other_representatives),
    })


@require_http_methods(["GET", "HEAD", "POST"])
def proposal_review(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_proposal_for_editor(request.user, pk)
    error = None
    if request.method == "POST" and proposal.status == ReviewStatus.PENDING:
        note = request.POST.get("note", "")[:2000]
        action = request.POST.get("action")
        try:
            if action == "approve":
                proposal_approve(proposal=proposal, editor=request.user,
                                 keys=request.POST.getlist("apply"),
                                 overwrite=request.POST.getlist("overwrite"), note=note)
                messages.success(request, _("The changes were applied to “%(actor)s”.")
                                 % {"actor": proposal.actor.name})
                return redirect("actors_review:index")
            if action == "reject":
                proposal_reject(proposal=proposal, editor=request.user, note=note)
                messages.success(request, _("The proposal was rejected."))
                return redirect("actors_review:index")
            return HttpResponse(status=400)
        except AlreadyDecided:
            messages.warning(request, _("Someone else decided this proposal already."))
            return redirect("actors_review:index")
        except NothingChosen:
            error = _("Choose at least one change to apply, or reject the proposal.")
        except ProposalConflict as exc:
            error = _("The profile changed while you were reviewing: look at the marked "
                      "changes again and choose which value to keep (%(keys)s).") % {
                "keys": ", ".join(exc.keys)}
        except ValidationError as exc:  # e.g. a municipality removed since it was proposed
            error = _("The changes cannot be applied as they are: %(problems)s") % {
                "problems": " ".join(exc.messages)}
        proposal.refresh_from_db()
    changes = proposal_changes(proposal)
    return render(request, "actors/admin/proposal_review.html", {
        "proposal": proposal, "changes": changes, "error": error,
        "conflicts": [c for c in changes if c.conflict],
    }, status=400 if error else 200)


urlpatterns = [
    path("", review_index, name="index"),
    path("claims/<int:pk>/", claim_review, name="claim"),
    path("proposals/<int:pk>/", proposal_review, name="proposal"),
]


@hooks.register("register_admin_urls")
def register_review_urls() -> list[Any]:
    return [path("actors/review/", include((urlpatterns, "actors_review"),
                                           namespace="actors_review"))]


class ReviewMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return user_can_review(request.user)


@hooks.register("register_admin_menu_item")
def register_review_menu_item() -> MenuItem:
    return ReviewMenuItem(gettext_lazy("Actor requests"), reverse("actors_review:index"),
                          icon_name="tasks", order=230)


# --- Import of actors (CSV/XLSX) -----------------------------------------------------
# The import UI (admin_import.py) registers its own hooks when imported.
from sihub.actors import admin_import  # noqa: E402, F401
