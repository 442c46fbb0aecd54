"""Placeholder: filled by the part of issue 9 that owns it."""

from django.http import Http404


def index(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404


def create(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404


def invitation(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404


def detail(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404


def edit(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404


def workspace(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404


def phase(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404


def members(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404
