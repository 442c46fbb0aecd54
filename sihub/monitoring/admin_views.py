"""The analyst's triage inbox in the Wagtail admin (/admin/monitoring/inbox/).

GET lists the items of the current filters (new items by default), most
relevant first; ``?format=csv`` exports the same filter. POST applies one
triage action (a row's buttons, its note, or the bulk form) through
``services.item_triage`` and redirects back to the page it came from.

``<id>/promote/`` (POST) makes a draft page of one item through
``promotion.item_promote`` and opens the draft in the page editor.
"""

from __future__ import annotations

import csv
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from sihub.core.importing import spreadsheet_safe
from sihub.monitoring.forms import BULK_CHOICES, InboxFilterForm, PromoteForm, TriageForm
from sihub.monitoring.models import Item
from sihub.monitoring.promotion import (
    PromotionError,
    item_language,
    item_promote,
    promote_options,
)
from sihub.monitoring.selectors import (
    InboxFilters,
    get_item_for_triage,
    inbox_items,
    require_triage,
    triageable_items,
)
from sihub.monitoring.services import TriageError, item_triage

PER_PAGE = 25


@require_http_methods(["GET", "HEAD", "POST"])
def inbox(request: HttpRequest) -> HttpResponse:
    require_triage(request.user)
    if request.method == "POST":
        return _triage(request)
    filter_form = InboxFilterForm(request.GET)
    if request.GET.get("format") == "csv" and filter_form.is_valid():
        return _csv(request, filter_form.filters())
    return _render(request, filter_form)


def _render(request: HttpRequest, filter_form: InboxFilterForm,
            triage_form: TriageForm | None = None) -> HttpResponse:
    filters = filter_form.filters() if filter_form.is_valid() else InboxFilters()
    page = Paginator(inbox_items(user=request.user, filters=filters), PER_PAGE).get_page(
        request.GET.get("page"))
    errors = _errors(filter_form, link=True) + (
        _errors(triage_form, link=False) if triage_form is not None else [])
    items = list(page.object_list)
    # The kinds of draft this user may make, per language: the row's promote form.
    options = promote_options(user=request.user)
    for item in items:
        item.promote_options = options.get(item_language(item), [])
    return render(request, "monitoring/admin/inbox.html", {
        "filter_form": filter_form,
        "page_obj": page,
        "items": items,
        "bulk_choices": BULK_CHOICES,
        "errors": errors,
        "here": request.get_full_path(),
        "csv_query": _csv_query(request),
    }, status=400 if errors else 200)


def _errors(form: Any, *, link: bool) -> list[dict[str, str]]:
    """The error summary: each message with its field's label and, to jump to, its id."""
    if not form.is_bound or form.is_valid():
        return []
    summary = []
    for name, messages_ in form.errors.items():
        # A triage form's fields repeat on every row: nothing single to link to.
        field_id = form[name].id_for_label if link and name in form.fields else ""
        label = str(form.fields[name].label) if name in form.fields else ""
        summary += [{"id": field_id, "label": label, "message": m} for m in messages_]
    return summary


def _csv_query(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    query["format"] = "csv"
    return query.urlencode()


def _triage(request: HttpRequest) -> HttpResponse:
    form = TriageForm(request.POST, items=triageable_items(user=request.user))
    if form.is_valid():
        action, items = form.cleaned_data["action"], list(form.cleaned_data["item"])
        try:
            changed = item_triage(items=items, user=request.user, action=action,
                                  note=form.cleaned_data["note"] if action == "note" else None)
        except TriageError:
            form.add_error(None, _("The action could not be applied."))
        else:
            messages.success(request, ngettext("%(count)d item changed.",
                                               "%(count)d items changed.", changed)
                             % {"count": changed})
            return redirect(_next_url(request))
    return _render(request, InboxFilterForm(request.GET), form)


def _next_url(request: HttpRequest) -> str:
    """Back to the page the action came from, if it is on this site; else the inbox."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("monitoring_inbox:index")


@require_http_methods(["POST"])
def promote(request: HttpRequest, item_id: int) -> HttpResponse:
    """Make a draft of the item and open it in the editor (or the one made before)."""
    item = get_item_for_triage(user=request.user, item_id=item_id)
    form = PromoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the kind of draft."))
        return redirect(_next_url(request))
    was_promoted = item.promoted_page_id is not None
    try:
        # PermissionDenied (no right to add the page) goes to Wagtail's handler.
        page = item_promote(item=item, user=request.user, kind=form.cleaned_data["kind"])
    except PromotionError:
        messages.error(request, _("There is no index page in the item's language to put "
                                  "the draft under."))
        return redirect(_next_url(request))
    title = page.get_admin_display_title()
    if was_promoted:
        messages.info(request, _("“%(title)s” was already promoted; here is its draft.")
                      % {"title": title})
    else:
        messages.success(request, _("Draft “%(title)s” created from the feed item.")
                         % {"title": title})
    return redirect("wagtailadmin_pages:edit", page.pk)


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv(request: HttpRequest, filters: InboxFilters) -> StreamingHttpResponse:
    items = inbox_items(user=request.user, filters=filters)
    writer = csv.writer(_Echo())

    def rows() -> Any:
        yield "\ufeff"  # so Excel reads the file as UTF-8
        yield writer.writerow([_("Title"), _("Link"), _("Source"), _("Published"),
                               _("Language"), _("SDGs"), _("Themes"), _("Status"),
                               _("Starred"), _("Note")])
        item: Item
        for item in items.iterator(chunk_size=500):
            published = (timezone.localtime(item.published_at).isoformat()
                         if item.published_at else "")
            cells = [item.title, item.link, item.source.name, published, item.language,
                     ";".join(str(goal.number) for goal in item.sdgs.all()),
                     ";".join(str(theme) for theme in item.themes.all()),
                     item.get_status_display(), _("yes") if item.starred else _("no"),
                     item.note]
            yield writer.writerow([spreadsheet_safe(cell) for cell in cells])

    stamp = timezone.localdate().isoformat()
    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="feed-items-{stamp}.csv"'
    return response


urlpatterns = [
    path("", inbox, name="index"),
    path("<int:item_id>/promote/", promote, name="promote"),
]
