"""Placeholder until written (work in progress)."""

from django.http import HttpRequest, HttpResponse



def network_page(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse(status=501)


def graph_data(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse(status=501)


def analysis_page(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse(status=501)
