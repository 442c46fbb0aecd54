"""Placeholder: being written (issue 10)."""

from django.http import Http404


def feedback(request, *args, **kwargs):
    raise Http404


def feedback_results(request, *args, **kwargs):
    raise Http404


def outcomes(request, *args, **kwargs):
    raise Http404
