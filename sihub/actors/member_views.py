"""Placeholder until written (work in progress)."""

from django.http import HttpRequest, HttpResponse



def claim(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse(status=501)


def propose(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse(status=501)
