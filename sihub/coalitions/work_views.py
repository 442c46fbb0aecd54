"""Placeholder: filled by the part of issue 9 that owns it."""

from django.http import Http404


def commitments(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404


def meetings(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404


def meeting(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404


def decisions(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404


def toc(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404


def initiatives(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404


def export(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404
