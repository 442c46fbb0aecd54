"""Placeholder: being written (issue 10)."""

from django.http import Http404


def profile(request, *args, **kwargs):
    raise Http404


def matchmaking(request, *args, **kwargs):
    raise Http404


def meeting_answer(request, *args, **kwargs):
    raise Http404


def schedule_ics(request, *args, **kwargs):
    raise Http404


def grid(request, *args, **kwargs):
    raise Http404


def slots(request, *args, **kwargs):
    raise Http404


def run(request, *args, **kwargs):
    raise Http404
