"""Placeholder: filled by the part of issue 9 that owns it."""

from django.http import Http404


def suggestions(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404
