"""The admin side of goal suggestions: "suggest from current text", and reading decisions.

The panel (panels.py) posts the whole edit form here; the answer is the
suggestion list for the text as it stands in the form, saved or not. What
the editor decides travels back with the form (``sdg_decisions``) and is
recorded by the save hooks (wagtail_hooks.py) through ``record_goal_decisions``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden, QueryDict
from django.urls import path
from django.views.decorators.http import require_POST
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy

from sihub.sdg.models import SuggestionStatus
from sihub.sdg.views import goal_numbers_from_values, render_suggestions, suggestion_items

GOALS = range(1, 18)
# A decisions field longer than this is not the panel's: ignore it.
MAX_DECISIONS_CHARS = 2_000


# --- Who may ask ------------------------------------------------------------------------


def get_taggable_for_editor(user: Any, model_label: str, pk: int | None) -> models.Model:
    """The object being edited (or a new, unsaved one) if ``user`` may edit (or add) it.

    404 for an unknown or untaggable model or a missing object; PermissionDenied
    for someone who may not edit it, or, for a new one, may not add that model.
    """
    from sihub.sdg.suggestions import is_taggable

    try:
        model = apps.get_model(model_label)
    except (LookupError, ValueError):
        raise Http404 from None
    if not is_taggable(model):
        raise Http404
    if issubclass(model, Page):
        if pk is None:
            if not PagePermissionPolicy().user_has_permission(user, "add"):
                raise PermissionDenied
            return model()
        page = model.objects.filter(pk=pk).first()
        if page is None:
            raise Http404
        if not page.permissions_for_user(user).can_edit():
            raise PermissionDenied
        # The latest revision: what the editor has in the form, drafts included.
        return page.get_latest_revision_as_object()
    viewset = getattr(model, "snippet_viewset", None)
    policy = viewset.permission_policy if viewset is not None else ModelPermissionPolicy(model)
    if pk is None:
        if not policy.user_has_permission(user, "add"):
            raise PermissionDenied
        return model()
    obj = model._default_manager.filter(pk=pk).first()
    if obj is None:
        raise Http404
    if not policy.user_has_permission_for_instance(user, "change", obj):
        raise PermissionDenied
    return obj


# --- The text in the form -----------------------------------------------------------------


def _text_fields(model: type[models.Model]) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields
            if f.editable and isinstance(f, models.CharField | models.TextField | StreamField)
            and not isinstance(f, models.SlugField | models.URLField | models.EmailField)]


def _posted(name: str, data: QueryDict) -> bool:
    return name in data or f"{name}-count" in data  # StreamFields post "<name>-count" etc.


def with_form_text(obj: models.Model, data: QueryDict, files: Any) -> models.Model:
    """``obj`` with the text fields the form posted, read as the form's widgets read them.

    Rich text arrives as the editor's JSON and a StreamField as numbered
    inputs; each field's widget turns them into values, so the registered
    ``text`` function (suggestions.register_taggable) reads them like saved
    content. A field the form did not post, or posted unreadably, keeps its
    stored value. ``obj`` is never saved.
    """
    for model_field in _text_fields(type(obj)):
        if not _posted(model_field.name, data):
            continue
        form_field = model_field.formfield()
        if form_field is None:
            continue
        try:
            value = form_field.widget.value_from_datadict(data, files, model_field.name)
        except (ValueError, KeyError, TypeError, ValidationError):
            continue
        if value is None:
            continue
        setattr(obj, model_field.name, value)
    return obj


# --- The endpoint -----------------------------------------------------------------------------


@require_POST
def suggest(request: HttpRequest, model_label: str, pk: int | None = None) -> HttpResponse:
    """Suggestions for the text in the posted edit form, without the goals already ticked,
    those rejected in this form, and those rejected before under the same classifier."""
    from sihub.sdg.classifier import get_classifier
    from sihub.sdg.suggestions import suggest_for_text, suggestions_for, taggable_text

    try:
        obj = get_taggable_for_editor(request.user, model_label, pk)
    except PermissionDenied:
        # A plain 403 for htmx: Wagtail's admin would turn the exception into
        # a redirect to the dashboard, which the panel would show inside itself.
        return HttpResponseForbidden()
    text = taggable_text(with_form_text(obj, request.POST, request.FILES))
    decisions = parse_sdg_decisions(request.POST.get("sdg_decisions", ""))
    exclude = goal_numbers_from_values(request.POST.getlist("sdgs"), by="pk") | decisions.rejected
    if obj.pk is not None:
        version = get_classifier().version
        exclude |= {s.goal.number for s in suggestions_for(obj, status=SuggestionStatus.REJECTED)
                    if s.classifier_version == version}
    items = suggestion_items(suggest_for_text(text, exclude=exclude)) if text else []
    return render_suggestions(request, items, admin=True)


urlpatterns = [
    path("suggest/<str:model_label>/", suggest, name="suggest_new"),
    path("suggest/<str:model_label>/<int:pk>/", suggest, name="suggest"),
]


# --- Decisions, on save ----------------------------------------------------------------------


@dataclass(frozen=True)
class SDGDecisions:
    accepted: frozenset[int] = frozenset()
    rejected: frozenset[int] = frozenset()


def _goal_numbers(values: Any) -> frozenset[int]:
    if not isinstance(values, list):
        return frozenset()
    # bool is an int in Python: "true" is not goal 1.
    return frozenset(v for v in values[:len(GOALS)] if type(v) is int and v in GOALS)


def parse_sdg_decisions(raw: str) -> SDGDecisions:
    """The panel's ``{"accepted": [3], "rejected": [8]}``; anything else counts as no decision.

    A goal both accepted and rejected counts as accepted (the later click wins
    in the panel, which never sends both).
    """
    if not raw or len(raw) > MAX_DECISIONS_CHARS:
        return SDGDecisions()
    try:
        data = json.loads(raw)
    except ValueError:
        return SDGDecisions()
    if not isinstance(data, dict):
        return SDGDecisions()
    accepted = _goal_numbers(data.get("accepted"))
    return SDGDecisions(accepted=accepted, rejected=_goal_numbers(data.get("rejected")) - accepted)


def record_goal_decisions(request: HttpRequest, obj: models.Model) -> None:
    """After an editor's save: record the suggestions accepted and rejected in the form, then
    the provenance of every goal on ``obj`` (goals without one were added by hand).

    Only goals actually on the saved object count as accepted: an editor may
    accept and then untick a box. A rejected goal that is on the object was
    ticked by hand after all, and is left to the provenance sync.
    """
    from sihub.sdg.suggestions import do_record_sdg_decisions, do_sync_tag_provenance, is_taggable

    if not is_taggable(obj):
        return
    decisions = parse_sdg_decisions(request.POST.get("sdg_decisions", ""))
    on_object = {g.number for g in obj.sdgs.all()}
    accepted = decisions.accepted & on_object
    rejected = decisions.rejected - on_object
    if accepted or rejected:
        do_record_sdg_decisions(obj=obj, user=request.user, accepted=sorted(accepted),
                                rejected=sorted(rejected))
    do_sync_tag_provenance(obj=obj, user=request.user)
