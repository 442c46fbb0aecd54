"""Placeholder: being written."""

from django.http import HttpResponse



def results(request, **kwargs):  # placeholder
    return HttpResponse(status=501)


def crosstab(request, **kwargs):  # placeholder
    return HttpResponse(status=501)


def free_text(request, **kwargs):  # placeholder
    return HttpResponse(status=501)


def responses(request, **kwargs):  # placeholder
    return HttpResponse(status=501)


def response(request, **kwargs):  # placeholder
    return HttpResponse(status=501)


def compare(request, **kwargs):  # placeholder
    return HttpResponse(status=501)

