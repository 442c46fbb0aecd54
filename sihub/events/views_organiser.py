"""Placeholder: being written (issue 10)."""

from django.http import Http404


def participants(request, *args, **kwargs):
    raise Http404


def check_in(request, *args, **kwargs):
    raise Http404


def participants_export(request, *args, **kwargs):
    raise Http404


def messages(request, *args, **kwargs):
    raise Http404


def statistics(request, *args, **kwargs):
    raise Http404
