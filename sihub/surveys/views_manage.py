"""Placeholder: being written."""

from django.http import HttpResponse



def dashboard(request, **kwargs):  # placeholder
    return HttpResponse(status=501)


def questionnaire(request, **kwargs):  # placeholder
    return HttpResponse(status=501)


def questionnaire_publish(request, **kwargs):  # placeholder
    return HttpResponse(status=501)


def questionnaire_new_version(request, **kwargs):  # placeholder
    return HttpResponse(status=501)


def round_new(request, **kwargs):  # placeholder
    return HttpResponse(status=501)


def round_overview(request, **kwargs):  # placeholder
    return HttpResponse(status=501)


def round_edit(request, **kwargs):  # placeholder
    return HttpResponse(status=501)


def round_status(request, **kwargs):  # placeholder
    return HttpResponse(status=501)


def invitations(request, **kwargs):  # placeholder
    return HttpResponse(status=501)

