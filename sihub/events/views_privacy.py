"""Placeholder: being written (issue 10)."""

from django.http import Http404


def my_data_request(request, *args, **kwargs):
    raise Http404


def my_data(request, *args, **kwargs):
    raise Http404
