"""Placeholder: filled by the part of issue 8 that owns it."""

from django.http import Http404


def indicators(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404


def indicator(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404


def measurements_import(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404
