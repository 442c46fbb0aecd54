"""SDG suggestions for anything that carries goals: the registry and the writes.

A model becomes *taggable* with ``register_taggable(Model, text=...)`` (in its
app's ``ready()``): ``text`` turns an object into the plain text the
classifier (``sihub.sdg.classifier``, Django-free) reads. Registration also
queues ``tasks.refresh_sdg_suggestions`` on commit after a change: when a page
is published (drafts are not classified in the background) or when any other
model is saved.

Two tables keep the state (sdg/models.py):

- ``SDGSuggestion``: what the classifier suggested for an object and what an
  editor decided. Rejections are kept, so the same classifier version does
  not suggest a rejected goal again.
- ``SDGTagProvenance``: one row per goal on an object, saying whether it was
  added by hand, by accepting a suggestion or automatically (with the
  classifier version and score).

"Goals on an object" are ``obj.sdgs.all()``: for a page being edited that is
the edited version in memory, which is what the editor's save hook passes.

The services here are the only writers of both tables. Decisions on
suggestions and automatic tagging leave an audit record.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.html import strip_tags

from sihub.sdg.models import Goal, SDGSuggestion, SDGTagProvenance, SuggestionStatus, TagSource

# Audit actions (core.AuditEntry.action)
SUGGESTIONS_DECIDED = "sdg.suggestions_decided"
GOALS_APPLIED = "sdg.goals_applied"

# Saves that only touch these fields change no text: no re-classification.
BOOKKEEPING_FIELDS = frozenset({
    "latest_revision", "live_revision", "has_unpublished_changes", "locked", "locked_at",
    "locked_by", "updated_at", "draft_title", "url_path", "first_published_at",
    "last_published_at", "go_live_at", "expire_at", "expired", "live", "position",
})


class NotTaggable(ValueError):
    """The object's model was not registered with ``register_taggable``."""


class UnknownGoal(ValueError):
    """A goal number outside 1–17."""


@dataclass(frozen=True)
class Taggable:
    model: type[models.Model]
    text: Callable[[Any], str]
    auto_apply: bool = False


_REGISTRY: dict[type[models.Model], Taggable] = {}


# --- The registry ---------------------------------------------------------------------


def register_taggable(model: type[models.Model], *, text: Callable[[Any], str],
                      auto_apply: bool = False) -> None:
    """Make ``model`` taggable: its objects get suggestions from ``text(obj)``.

    An abstract model registers each of its concrete subclasses. ``auto_apply``
    adds the classifier's goals to the object straight away (source
    "automatic") instead of leaving them as suggestions for an editor.
    """
    from wagtail.models import Page

    if model._meta.abstract:
        concrete = [m for m in _subclasses(model) if not m._meta.abstract and not m._meta.proxy]
        for sub in concrete:
            register_taggable(sub, text=text, auto_apply=auto_apply)
        return
    try:
        goals_field = model._meta.get_field("sdgs")
    except FieldDoesNotExist:
        raise ImproperlyConfigured(f"{model._meta.label} has no sdgs field to tag") from None
    if goals_field.related_model is not Goal:
        raise ImproperlyConfigured(f"{model._meta.label}.sdgs does not point at sdg.Goal")
    _REGISTRY[model] = Taggable(model=model, text=text, auto_apply=auto_apply)

    uid = f"sdg-suggestions-{model._meta.label_lower}"
    if issubclass(model, Page):
        from wagtail.signals import page_published

        page_published.connect(_on_publish, sender=model, dispatch_uid=uid)
    else:
        post_save.connect(_on_save, sender=model, dispatch_uid=uid)
    post_delete.connect(_on_delete, sender=model, dispatch_uid=uid)


def taggables() -> list[type[models.Model]]:
    """The registered models, by label."""
    return sorted(_REGISTRY, key=lambda m: m._meta.label)


def is_taggable(obj_or_model: Any) -> bool:
    return _entry(_model_of(obj_or_model)) is not None


def taggable_text(obj: Any) -> str:
    """The text the classifier reads for ``obj``, as its model registered it."""
    obj = _specific(obj)
    return _clean(str(_entry_for(obj).text(obj) or ""))


def fields_text(*names: str) -> Callable[[Any], str]:
    """A ``text`` function joining the named fields as plain text.

    Rich text and StreamField bodies lose their markup; empty fields are skipped.
    """

    def text(obj: Any) -> str:
        return "\n\n".join(p for p in (_field_text(obj, name) for name in names) if p)

    return text


# --- Reads ----------------------------------------------------------------------------


def suggest_for_text(text: str, *, exclude: Iterable[int] = ()) -> list[dict[str, Any]]:
    """The goals the classifier finds in ``text``, best first, without ``exclude``.

    ``[{"goal": 3, "title": ..., "score": 0.83, "targets": ["3.8"], "evidence": [...]}]``;
    the title is in the active language.
    """
    from sihub.sdg.classifier import get_classifier

    result = get_classifier().classify_one(text)
    return _items(result, exclude=exclude, titles=True)


def provenance_for(obj: Any) -> dict[int, SDGTagProvenance]:
    """Where each goal on ``obj`` came from, by goal number."""
    obj = _specific(obj)
    if obj.pk is None:
        return {}
    rows = SDGTagProvenance.objects.filter(**_key(obj)).select_related("goal")
    return {row.goal.number: row for row in rows}


def suggestions_for(obj: Any, *, status: str = SuggestionStatus.PENDING) -> list[SDGSuggestion]:
    """The stored suggestions for ``obj`` with ``status``, best first."""
    obj = _specific(obj)
    if obj.pk is None:
        return []
    return list(SDGSuggestion.objects.filter(**_key(obj), status=status)
                .select_related("goal").order_by("-score", "goal__number"))


# --- Writes ---------------------------------------------------------------------------


@dataclass
class RefreshOutcome:
    pending: list[SDGSuggestion] = field(default_factory=list)
    applied: list[int] = field(default_factory=list)


def do_refresh_suggestions(*, obj: Any) -> list[SDGSuggestion]:
    """Classify ``obj`` and store what it suggests; returns the pending suggestions.

    Goals already on ``obj``, and goals an editor rejected under the same
    classifier version, are not suggested; pending suggestions the
    classifier no longer makes are deleted. For ``auto_apply`` models the
    goals are added to ``obj`` (source "automatic"). Running it again
    changes nothing.
    """
    from sihub.sdg.classifier import get_classifier

    obj = _specific(obj)
    classifier = get_classifier()
    result = classifier.classify_one(taggable_text(obj))
    return do_apply_classifier_result(obj=obj, result=result, version=classifier.version).pending


def do_apply_classifier_result(*, obj: Any, result: Any, version: str,
                               auto_apply: bool | None = None) -> RefreshOutcome:
    """``do_refresh_suggestions`` for a result already computed (``sdg_retag`` classifies in batches).

    ``auto_apply`` None: as the model was registered.
    """
    obj = _specific(obj)
    entry = _entry_for(obj)
    _require_saved(obj)
    if auto_apply is None:
        auto_apply = entry.auto_apply
    goals = _goals()
    outcome = RefreshOutcome()
    with transaction.atomic():
        on_obj = {g.number for g in obj.sdgs.all()}
        rows = {row.goal.number: row for row in SDGSuggestion.objects.select_for_update(
            of=("self",)).filter(**_key(obj)).select_related("goal")}
        wanted: dict[int, dict[str, Any]] = {}
        for item in _items(result):
            number = item["goal"]
            row = rows.get(number)
            if number in on_obj or (row is not None and row.status == SuggestionStatus.REJECTED
                                    and row.classifier_version == version):
                continue
            wanted[number] = item

        if auto_apply and wanted:
            outcome.applied = list(wanted)
            _add_goals(obj, [goals[n] for n in outcome.applied])
            for number in outcome.applied:
                _set_provenance(obj, goals[number], source=TagSource.AUTOMATIC, version=version,
                                score=wanted[number]["score"], user=None)
            from sihub.core.services import audit_record

            audit_record(actor=None, action=GOALS_APPLIED, target=obj,
                         data={"goals": outcome.applied, "classifier_version": version})
            wanted = {}  # on the object now: nothing left to suggest

        for number, row in rows.items():
            if row.status == SuggestionStatus.PENDING and number not in wanted:
                row.delete()
        for number, item in wanted.items():
            row = rows.get(number) or SDGSuggestion(goal=goals[number], **_key(obj))
            values = {"score": item["score"], "targets": item["targets"],
                      "evidence": item["evidence"], "classifier_version": version,
                      "status": SuggestionStatus.PENDING, "decided_at": None, "decided_by": None}
            if row.pk is None or any(getattr(row, k) != v for k, v in values.items()):
                for name, value in values.items():
                    setattr(row, name, value)
                row.full_clean()
                row.save()
            outcome.pending.append(row)
    return outcome


def do_record_sdg_decisions(*, obj: Any, user: Any, accepted: Iterable[int],
                            rejected: Iterable[int]) -> None:
    """Record an editor's decisions on suggested goals.

    Suggestions that were only computed live (never stored) are stored now,
    from the classifier's reading of ``obj``'s current text. Accepted goals
    get provenance "suggested" with the suggestion's classifier version and
    score; adding them to ``obj.sdgs`` is the caller's save (the form's).
    """
    obj = _specific(obj)
    _entry_for(obj)
    _require_saved(obj)
    accepted_set, rejected_set = _numbers(accepted), _numbers(rejected)
    if accepted_set & rejected_set:
        raise ValueError(f"Goals both accepted and rejected: {sorted(accepted_set & rejected_set)}")
    decided = accepted_set | rejected_set
    if not decided:
        return
    goals = _goals()
    person = user if getattr(user, "is_authenticated", False) else None
    now = timezone.now()
    changed: dict[str, list[int]] = {"accepted": [], "rejected": []}
    with transaction.atomic():
        rows = {row.goal.number: row for row in SDGSuggestion.objects.select_for_update(
            of=("self",)).filter(**_key(obj), goal__number__in=decided).select_related("goal")}
        missing = decided - set(rows)
        if missing:
            from sihub.sdg.classifier import get_classifier

            classifier = get_classifier()
            result = classifier.classify_one(taggable_text(obj))
            for number in missing:
                item = _item(result, number)
                rows[number] = SDGSuggestion(
                    goal=goals[number], score=item["score"], targets=item["targets"],
                    evidence=item["evidence"], classifier_version=classifier.version,
                    **_key(obj))
        for number in sorted(decided):
            row = rows[number]
            status = SuggestionStatus.ACCEPTED if number in accepted_set else SuggestionStatus.REJECTED
            if row.pk is None or row.status != status:
                row.status, row.decided_at, row.decided_by = status, now, person
                row.full_clean()
                row.save()
                changed[status].append(number)
            if status == SuggestionStatus.ACCEPTED:
                _set_provenance(obj, goals[number], source=TagSource.SUGGESTED,
                                version=row.classifier_version, score=row.score, user=person)
        if changed["accepted"] or changed["rejected"]:
            from sihub.core.services import audit_record

            versions = sorted({rows[n].classifier_version for n in decided})
            audit_record(actor=user, action=SUGGESTIONS_DECIDED, target=obj,
                         data={**changed, "classifier_versions": versions})


def do_sync_tag_provenance(*, obj: Any, user: Any) -> None:
    """After a save: goals on ``obj`` without provenance were added by hand (by ``user``);
    provenance of goals no longer on ``obj`` goes."""
    obj = _specific(obj)
    _entry_for(obj)
    _require_saved(obj)
    on_obj = {g.number: g for g in obj.sdgs.all()}
    person = user if getattr(user, "is_authenticated", False) else None
    with transaction.atomic():
        rows = {row.goal.number: row for row in SDGTagProvenance.objects.filter(
            **_key(obj)).select_related("goal")}
        gone = [row.pk for number, row in rows.items() if number not in on_obj]
        if gone:
            SDGTagProvenance.objects.filter(pk__in=gone).delete()
        for number, goal in on_obj.items():
            if number not in rows:
                row = SDGTagProvenance(goal=goal, source=TagSource.MANUAL, added_by=person,
                                       **_key(obj))
                row.full_clean()
                row.save()


# --- Signals: queue a refresh after a change; forget a deleted object -------------------


def _on_save(sender: type[models.Model], instance: Any, raw: bool = False,
             update_fields: Iterable[str] | None = None, **kwargs: Any) -> None:
    if raw or (update_fields and set(update_fields) <= BOOKKEEPING_FIELDS):
        return
    enqueue_refresh(instance)


def _on_publish(sender: type[models.Model], instance: Any, **kwargs: Any) -> None:
    enqueue_refresh(instance)


def _on_delete(sender: type[models.Model], instance: Any, **kwargs: Any) -> None:
    key = _key(instance)
    SDGSuggestion.objects.filter(**key).delete()
    SDGTagProvenance.objects.filter(**key).delete()


def enqueue_refresh(obj: Any) -> None:
    """Queue ``refresh_sdg_suggestions`` for ``obj`` once the transaction commits (ids only)."""
    from sihub.sdg.tasks import refresh_sdg_suggestions

    content_type_id = ContentType.objects.get_for_model(obj).pk
    object_id = obj.pk
    # robust: a queue that cannot take the task must not fail the editor's save.
    transaction.on_commit(lambda: refresh_sdg_suggestions.enqueue(content_type_id, object_id),
                          robust=True)


# --- Helpers --------------------------------------------------------------------------


def _subclasses(model: type) -> list[type]:
    out = []
    for sub in model.__subclasses__():
        out.append(sub)
        out.extend(_subclasses(sub))
    return out


def _model_of(obj_or_model: Any) -> type:
    if isinstance(obj_or_model, type):
        return obj_or_model
    return getattr(obj_or_model, "specific_class", None) or type(obj_or_model)


def _entry(model: type) -> Taggable | None:
    for klass in model.__mro__:
        if klass in _REGISTRY:
            return _REGISTRY[klass]
    return None


def _entry_for(obj: Any) -> Taggable:
    entry = _entry(_model_of(obj))
    if entry is None:
        raise NotTaggable(f"{_model_of(obj).__name__} is not registered for SDG suggestions")
    return entry


def _specific(obj: Any) -> Any:
    """A Wagtail page as its own class (``Page`` rows know no goals)."""
    specific_class = getattr(obj, "specific_class", None)
    if specific_class is not None and type(obj) is not specific_class:
        return obj.specific
    return obj


def _require_saved(obj: Any) -> None:
    if obj.pk is None:
        raise ValueError("Save the object before recording SDG suggestions for it")


def _key(obj: Any) -> dict[str, Any]:
    return {"content_type": ContentType.objects.get_for_model(obj), "object_id": obj.pk}


def _goals() -> dict[int, Goal]:
    return {g.number: g for g in Goal.objects.all()}


def _numbers(values: Iterable[int]) -> set[int]:
    numbers = set()
    for value in values:
        number = int(value)
        if not 1 <= number <= 17:
            raise UnknownGoal(f"There is no goal {value}")
        numbers.add(number)
    return numbers


def _score(value: Any) -> float:
    return round(min(1.0, max(0.0, float(value))), 4)


def _item(result: Any, number: int) -> dict[str, Any]:
    """What ``result`` says about goal ``number``: score, its targets and the evidence."""
    prefix = f"{number}."
    return {
        "goal": number,
        "score": _score(result.scores.get(number, 0.0)),
        "targets": [t["code"] for t in result.targets if str(t["code"]).startswith(prefix)],
        "evidence": [str(e) for e in result.evidence.get(number, [])],
    }


def _items(result: Any, *, exclude: Iterable[int] = (),
           titles: bool = False) -> list[dict[str, Any]]:
    """The goals ``result`` assigns, best first."""
    excluded = set(exclude)
    numbers = [n for n in result.sdgs if n not in excluded]
    items = [_item(result, n) for n in numbers]
    if titles and items:
        names = {g.number: g.title for g in Goal.objects.filter(number__in=numbers)}
        for item in items:
            item["title"] = names.get(item["goal"], "")
    return items


def _set_provenance(obj: Any, goal: Goal, *, source: str, version: str, score: float | None,
                    user: Any) -> SDGTagProvenance:
    row = SDGTagProvenance.objects.filter(**_key(obj), goal=goal).first()
    if row is not None and (row.source, row.classifier_version, row.score) == (source, version, score):
        return row
    row = row or SDGTagProvenance(goal=goal, **_key(obj))
    row.source, row.classifier_version, row.score = source, version, score
    row.added_by, row.added_at = user, timezone.now()
    row.full_clean()
    row.save()
    return row


def _add_goals(obj: Any, goals: list[Goal]) -> None:
    """Add ``goals`` to ``obj`` in the database, and to its latest revision.

    The revision matters for pages: the editor opens the latest revision, so
    a goal written only to the live row would vanish at the next publish.
    """
    manager = obj.sdgs
    live = manager.get_original_manager() if hasattr(manager, "get_original_manager") else manager
    live.add(*goals)
    revision = getattr(obj, "latest_revision", None)
    if revision is not None and isinstance(revision.content, dict) and "sdgs" in revision.content:
        ids = list(revision.content["sdgs"] or [])
        ids += [g.pk for g in goals if g.pk not in ids]
        type(revision).objects.filter(pk=revision.pk).update(
            content={**revision.content, "sdgs": ids})


def _field_text(obj: Any, name: str) -> str:
    from wagtail.fields import RichTextField, StreamField

    value = getattr(obj, name, None)
    if value is None:
        return ""
    try:
        model_field = obj._meta.get_field(name)
    except FieldDoesNotExist:
        model_field = None
    if isinstance(model_field, StreamField):
        text = " ".join(str(p) for p in model_field.get_searchable_content(value))
        return _clean(html.unescape(strip_tags(text)))
    if isinstance(model_field, RichTextField):
        return _clean(html.unescape(strip_tags(str(value))))
    return _clean(str(value))


def _clean(text: str) -> str:
    """Whitespace folded within lines; paragraphs kept apart by one blank line."""
    lines = (re.sub(r"[^\S\n]+", " ", line).strip() for line in text.splitlines())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
