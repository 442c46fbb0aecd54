"""Placeholder until written (work in progress)."""

from django.http import HttpRequest, HttpResponse



def directory(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse(status=501)


def find_support(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse(status=501)


def detail(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse(status=501)
