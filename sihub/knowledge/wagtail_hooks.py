"""Importing pages in the admin: upload a CSV or XLSX file, see every row's problems, confirm.

Step one checks the whole file without writing anything (a dry run) and shows
a table of row errors. Only a file without errors can be confirmed: it is kept
in a private temporary folder, bound to the editor's session, until step two
imports it with the same all-or-nothing service the management commands use.
Editors may import under an index page where they may add pages, and publish
only where they may publish.

Importers register with the ``register_page_importer`` hook, so another app
can add one by registering it in its own wagtail_hooks.py.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from sihub.core.importing import (
    EXTENSIONS,
    MAX_BYTES,
    ImportFileError,
    Importer,
    PendingFiles,
    pages_import,
)
from sihub.knowledge.importers import PUBLICATIONS

SESSION_KEY = "sihub_page_import"
# The file kept between the dry run and the confirmation (see core.importing.PendingFiles).
PENDING = PendingFiles(Path(tempfile.gettempdir()) / "sihub-page-imports")


# --- Importers and the index pages a person may import under ------------------------


@hooks.register("register_page_importer")
def register_publication_importer() -> Importer:
    return PUBLICATIONS


def importers() -> dict[type[Page], Importer]:
    found = (hook() for hook in hooks.get_hooks("register_page_importer"))
    return {importer.index_model: importer for importer in found}


def importable_indexes(user: Any) -> list[Page]:
    """Index pages that take imports and under which ``user`` may add pages."""
    pages = (Page.objects.type(*importers()).specific().select_related("locale")
             .order_by("locale__language_code", "title"))
    return [p for p in pages if p.permissions_for_user(user).can_add_subpage()]


def get_index_for_user(user: Any, pk: Any) -> Page:
    """The index page ``pk`` if ``user`` may import under it; 404 or PermissionDenied otherwise."""
    index = Page.objects.filter(pk=pk).specific().first() if str(pk).isdigit() else None
    if index is None or type(index) not in importers():
        raise Http404
    if not index.permissions_for_user(user).can_add_subpage():
        raise PermissionDenied
    return index


def _forget(request: HttpRequest) -> None:
    pending = request.session.pop(SESSION_KEY, None)
    if pending:
        PENDING.discard(pending["token"], pending["extension"])


# --- Forms and views ------------------------------------------------------------------


class ImportForm(forms.Form):
    index = forms.TypedChoiceField(label=gettext_lazy("Import under"), coerce=int)
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("CSV (UTF-8, comma or semicolon) or Excel (.xlsx); at most "
                               "5 MB and 5,000 rows."),
    )
    publish = forms.BooleanField(
        label=gettext_lazy("Publish the pages"), required=False,
        help_text=gettext_lazy("Otherwise they are saved as drafts to review first."))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.indexes = {p.pk: p for p in importable_indexes(user)}
        self.fields["index"].choices = [
            (p.pk, f"{p.title} – {p._meta.verbose_name} ({p.locale.get_display_name()})")
            for p in self.indexes.values()
        ]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if getattr(upload, "oversized", False) or upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        if Path(upload.name).suffix.lower() not in EXTENSIONS:
            raise forms.ValidationError(_("Only CSV and XLSX files can be imported."))
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        index = self.indexes.get(data.get("index"))  # type: ignore[arg-type]
        if index is not None and data.get("publish"):
            if not index.permissions_for_user(self.user).can_publish_subpage():
                self.add_error("publish", _("You may not publish pages here."))
        data["index_page"] = index
        return data


def _column_docs() -> list[dict[str, Any]]:
    return [{"label": model._meta.verbose_name, "columns": importer.columns}
            for model, importer in importers().items()]


def import_start(request: HttpRequest) -> HttpResponse:
    """Step one: choose the index page and the file; the dry run's report follows."""
    if not PagePermissionPolicy().user_has_permission(request.user, "add"):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method != "POST" or not form.is_valid():
        return render(request, "knowledge/admin/import_form.html", {
            "form": form, "importers": _column_docs(),
        })

    _forget(request)
    index = form.cleaned_data["index_page"]
    upload = form.cleaned_data["file"]
    publish = form.cleaned_data["publish"]
    importer = importers()[type(index)]
    try:
        report = pages_import(importer=importer, index_page=index, source=upload,
                              filename=upload.name, size=upload.size, actor=request.user,
                              dry_run=True, publish=publish)
    except ImportFileError as exc:
        form.add_error("file", str(exc))
        return render(request, "knowledge/admin/import_form.html", {
            "form": form, "importers": _column_docs(),
        })
    if report.ok:
        extension = Path(upload.name).suffix.lower()
        request.session[SESSION_KEY] = {
            "token": PENDING.keep(upload, extension), "extension": extension, "index": index.pk,
            "publish": publish,
        }
    return render(request, "knowledge/admin/import_report.html", {
        "report": report, "index": index, "publish": publish,
        "token": request.session.get(SESSION_KEY, {}).get("token"),
    })


@require_POST
def import_confirm(request: HttpRequest) -> HttpResponse:
    """Step two: import the file the dry run accepted, all rows or none."""
    pending = request.session.get(SESSION_KEY)
    if not pending or not secrets.compare_digest(str(request.POST.get("token", "")),
                                                 pending["token"]):
        messages.error(request, _("This import has expired or was already done; "
                                  "upload the file again."))
        return redirect("knowledge_import:start")
    index = get_index_for_user(request.user, pending["index"])
    source_path = PENDING.path(pending["token"], pending["extension"])
    try:
        with open(source_path, "rb") as source:
            report = pages_import(importer=importers()[type(index)], index_page=index,
                                  source=source, filename=source_path.name,
                                  size=os.fstat(source.fileno()).st_size, actor=request.user,
                                  publish=pending["publish"])
    except (OSError, ImportFileError):
        _forget(request)
        messages.error(request, _("The uploaded file is gone; upload it again."))
        return redirect("knowledge_import:start")
    _forget(request)
    if not report.ok:  # the data changed since the dry run, e.g. a theme was removed
        return render(request, "knowledge/admin/import_report.html",
                      {"report": report, "index": index, "publish": pending["publish"]})
    messages.success(request, _("%(count)s pages were imported under “%(index)s”.")
                     % {"count": len(report.created), "index": index.title})
    return redirect("wagtailadmin_explore", index.pk)


urlpatterns = [
    path("", import_start, name="start"),
    path("confirm/", import_confirm, name="confirm"),
]


@hooks.register("register_admin_urls")
def register_import_urls() -> list[Any]:
    return [path("import/", include((urlpatterns, "knowledge_import"), namespace="knowledge_import"))]


class ImportMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return PagePermissionPolicy().user_has_permission(request.user, "add")


@hooks.register("register_admin_menu_item")
def register_import_menu_item() -> MenuItem:
    return ImportMenuItem(gettext_lazy("Import"), reverse("knowledge_import:start"),
                          icon_name="upload", order=250)
