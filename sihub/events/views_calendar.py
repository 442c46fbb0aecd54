"""Placeholder: being written (issue 10)."""

from django.http import Http404


def calendar_ics(request, *args, **kwargs):
    raise Http404


def event_ics(request, *args, **kwargs):
    raise Http404
