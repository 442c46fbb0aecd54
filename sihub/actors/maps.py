"""Placeholder until written (work in progress)."""

from django.http import HttpRequest, HttpResponse



def map_page(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse(status=501)


def region_data(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse(status=501)


def marker_data(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse(status=501)
