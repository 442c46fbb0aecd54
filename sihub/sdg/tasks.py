"""Background work for sdg: refreshing the suggestions of one changed object.

Queued on commit by the signal handlers ``register_taggable`` connects (see
suggestions.py), with ids only; the task re-reads the object and is safe to
run twice (``do_refresh_suggestions`` is idempotent). Run by hand with
``manage.py sdg_retag --model app_label.Model --id ID``.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django_tasks import task


@task()
def refresh_sdg_suggestions(content_type_id: int, object_id: int) -> int | None:
    """Classify one object again; the number of pending suggestions, or None if it is gone."""
    from sihub.sdg.suggestions import do_refresh_suggestions, is_taggable

    try:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
    except ContentType.DoesNotExist:
        return None
    if model is None or not is_taggable(model):
        return None
    obj = model._default_manager.filter(pk=object_id).first()
    if obj is None:
        return None
    return len(do_refresh_suggestions(obj=obj))
