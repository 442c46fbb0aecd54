"""A round's anonymised dataset and its codebook as files (``exports.py`` builds them).

The dataset holds no identities, so staff who may see aggregates
(``selectors.round_for_results``: editors, facilitators, analysts) may take
it; free-text answers (``?text=1``) may name people or organisations and are
for those who may read single responses only. Every download is audited.
Anonymous visitors are sent to log in, others without the right get 403, an
unknown round or format 404.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from sihub.surveys import exports, selectors


def _file(content: bytes, filename: str, fmt: str) -> HttpResponse:
    response = HttpResponse(content, content_type=exports.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "no-store"  # survey data: not kept in caches
    return response


@login_required
@require_GET
def export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The anonymised answers (CSV: data; XLSX: data and codebook)."""
    survey_round = selectors.round_for_results(request.user, pk)
    if fmt not in exports.FORMATS:
        raise Http404
    include_text = request.GET.get("text") == "1"
    if include_text and not selectors.can_see_responses(request.user):
        raise PermissionDenied
    content, filename, rows = exports.data_file(survey_round, fmt, include_text=include_text)
    exports.export_record(actor=request.user, survey_round=survey_round, what="data", fmt=fmt,
                          include_text=include_text, rows=rows)
    return _file(content, filename, fmt)


@login_required
@require_GET
def codebook(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """What every column and value of the export means."""
    survey_round = selectors.round_for_results(request.user, pk)
    if fmt not in exports.FORMATS:
        raise Http404
    content, filename = exports.codebook_file(survey_round, fmt)
    exports.export_record(actor=request.user, survey_round=survey_round, what="codebook",
                          fmt=fmt)
    return _file(content, filename, fmt)
