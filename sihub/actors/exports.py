"""Placeholder until written (work in progress)."""

from django.http import HttpRequest, HttpResponse



def actors_csv(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse(status=501)


def actors_xlsx(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse(status=501)


def actors_geojson(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse(status=501)


def graph_graphml(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse(status=501)
