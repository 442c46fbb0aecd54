"""Importing actors in the admin: upload, see every row's problems and likely duplicates, confirm.

Step one checks the files without writing anything (a dry run) and shows the
row errors and the names that look like actors already known. Only files
without errors can be confirmed; if some names look alike, the person must
also tick that they checked these are different organisations. Meanwhile the
files are kept privately (``PendingFiles``), bound to the session, until step
two imports them with the same all-or-nothing service the command uses.

Registered with Wagtail by importing this module from actors/wagtail_hooks.py.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from sihub.actors.importers import (
    ACTOR_COLUMNS,
    OFFERING_COLUMNS,
    RELATION_COLUMNS,
    ActorImportReport,
    ImportFile,
    actors_import,
)
from sihub.core.importing import EXTENSIONS, MAX_BYTES, ImportFileError, PendingFiles

PERMISSION = "actors.add_actor"
SESSION_KEY = "sihub_actor_import"
PENDING = PendingFiles(Path(tempfile.gettempdir()) / "sihub-actor-imports")
FILE_FIELDS = ("actors_file", "offerings_file", "relations_file")


class ActorImportForm(forms.Form):
    actors_file = forms.FileField(
        label=gettext_lazy("Actors"), required=False,
        help_text=gettext_lazy("CSV, or an Excel workbook (.xlsx) that may also hold the sheets "
                               "“offerings” and “relations”. At most 5 MB and 5,000 rows a sheet."))
    offerings_file = forms.FileField(
        label=gettext_lazy("Offerings (optional)"), required=False,
        help_text=gettext_lazy("A separate CSV or XLSX file of offerings."))
    relations_file = forms.FileField(
        label=gettext_lazy("Relations (optional)"), required=False,
        help_text=gettext_lazy("A separate CSV or XLSX file of relations."))

    def _clean_upload(self, name: str) -> Any:
        upload = self.cleaned_data.get(name)
        if upload is None:
            return None
        if getattr(upload, "oversized", False) or upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        if Path(upload.name).suffix.lower() not in EXTENSIONS:
            raise forms.ValidationError(_("Only CSV and XLSX files can be imported."))
        return upload

    def clean_actors_file(self) -> Any:
        return self._clean_upload("actors_file")

    def clean_offerings_file(self) -> Any:
        return self._clean_upload("offerings_file")

    def clean_relations_file(self) -> Any:
        return self._clean_upload("relations_file")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not self.errors and not any(data.get(name) for name in FILE_FIELDS):
            raise forms.ValidationError(_("Choose a file of actors, offerings or relations."))
        return data


def _column_docs() -> list[dict[str, Any]]:
    return [
        {"label": _("Actors"), "columns": ACTOR_COLUMNS},
        {"label": _("Offerings"), "columns": OFFERING_COLUMNS},
        {"label": _("Relations"), "columns": RELATION_COLUMNS},
    ]


def _forget(request: HttpRequest) -> None:
    pending = request.session.pop(SESSION_KEY, None)
    for token, extension, _name in (pending or {}).get("files", {}).values():
        PENDING.discard(token, extension)


def _render_form(request: HttpRequest, form: ActorImportForm) -> HttpResponse:
    return render(request, "actors/admin/import_form.html", {
        "form": form, "importers": _column_docs(),
    })


def _render_report(request: HttpRequest, report: ActorImportReport,
                   token: str | None = None) -> HttpResponse:
    return render(request, "actors/admin/import_report.html", {
        "report": report, "token": token,
        "sheets": any(e.sheet for e in [*report.errors, *report.warnings]),
    })


def _require_permission(request: HttpRequest) -> None:
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def import_start(request: HttpRequest) -> HttpResponse:
    """Step one: choose the files; the dry run's report follows."""
    _require_permission(request)
    form = ActorImportForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return _render_form(request, form)

    _forget(request)
    uploads = {name: form.cleaned_data[name] for name in FILE_FIELDS if form.cleaned_data[name]}
    try:
        report = actors_import(
            **{name: ImportFile(upload, upload.name, upload.size)
               for name, upload in uploads.items()},
            user=request.user, dry_run=True)
    except ImportFileError as exc:
        form.add_error(None, str(exc))
        return _render_form(request, form)
    token = None
    if report.ok:
        files = {}
        for name, upload in uploads.items():
            extension = Path(upload.name).suffix.lower()
            files[name] = [PENDING.keep(upload, extension), extension, upload.name]
        token = secrets.token_hex(16)
        request.session[SESSION_KEY] = {"token": token, "files": files}
    return _render_report(request, report, token)


@require_POST
def import_confirm(request: HttpRequest) -> HttpResponse:
    """Step two: import the files the dry run accepted, all rows or none."""
    _require_permission(request)
    pending = request.session.get(SESSION_KEY)
    if not pending or not secrets.compare_digest(str(request.POST.get("token", "")),
                                                 pending["token"]):
        messages.error(request, _("This import has expired or was already done; "
                                  "upload the files again."))
        return redirect("actors_import:start")
    allow_similar = request.POST.get("allow_similar") == "on"
    try:
        with ExitStack() as stack:
            files = {}
            for name, (token, extension, original) in pending["files"].items():
                source = stack.enter_context(open(PENDING.path(token, extension), "rb"))
                files[name] = ImportFile(source, original, os.fstat(source.fileno()).st_size)
            report = actors_import(**files, user=request.user, allow_similar=allow_similar)
    except (OSError, ValueError, ImportFileError):
        _forget(request)
        messages.error(request, _("The uploaded files are gone; upload them again."))
        return redirect("actors_import:start")
    if report.ok and report.needs_confirmation:
        # Keep the files: the person only has to tick the box.
        messages.error(request, _("Confirm that the actors with similar names are different "
                                  "organisations, or correct the files."))
        return _render_report(request, report, pending["token"])
    _forget(request)
    if not report.ok:  # the directory changed since the dry run
        return _render_report(request, report)
    messages.success(request, _("%(actors)s actors, %(offerings)s offerings and %(relations)s "
                                "relations were imported.")
                     % {"actors": len(report.created), "offerings": report.offerings,
                        "relations": report.relations})
    try:
        return redirect(reverse("wagtailsnippets_actors_actor:list"))
    except NoReverseMatch:  # the actors are not (yet) a snippet in this admin
        return redirect("actors_import:start")


urlpatterns = [
    path("", import_start, name="start"),
    path("confirm/", import_confirm, name="confirm"),
]


@hooks.register("register_admin_urls")
def register_actor_import_urls() -> list[Any]:
    return [path("import/actors/", include((urlpatterns, "actors_import"),
                                           namespace="actors_import"))]


class ActorImportMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return request.user.has_perm(PERMISSION)


@hooks.register("register_admin_menu_item")
def register_actor_import_menu_item() -> MenuItem:
    return ActorImportMenuItem(gettext_lazy("Import actors"), reverse("actors_import:start"),
                               icon_name="upload", order=251)
