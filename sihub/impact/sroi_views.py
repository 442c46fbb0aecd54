"""Placeholder: filled by the part of issue 8 that owns it."""

from django.http import Http404


def value_map(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404


def value_map_export(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404


def value_map_import(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404


def sroi(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404


def proxies(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404
