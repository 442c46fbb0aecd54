"""Placeholder: being written."""

from django.http import HttpResponse



def export(request, **kwargs):  # placeholder
    return HttpResponse(status=501)


def codebook(request, **kwargs):  # placeholder
    return HttpResponse(status=501)

