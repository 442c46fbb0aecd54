"""Placeholder: filled by the part of issue 8 that owns it."""

from django.http import Http404


def portfolio(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404
