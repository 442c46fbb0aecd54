"""Placeholder: being written."""

from django.http import HttpResponse



def index(request, **kwargs):  # placeholder
    return HttpResponse(status=501)


def start(request, **kwargs):  # placeholder
    return HttpResponse(status=501)


def invitation(request, **kwargs):  # placeholder
    return HttpResponse(status=501)


def answer(request, **kwargs):  # placeholder
    return HttpResponse(status=501)


def review(request, **kwargs):  # placeholder
    return HttpResponse(status=501)


def thanks(request, **kwargs):  # placeholder
    return HttpResponse(status=501)

