"""Composing digests in the Wagtail admin (/admin/monitoring/digests/).

list → new (language and period; by default last full week) → compose (the
entries: order, blurbs, remove; add kept items of the period) → preview of the
e-mail → publish (which enqueues the mailing). Editors and analysts hold the
digest permissions; the subscriber counts on the list are for those who may
view subscribers (editors). Each POST calls one service and redirects back.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from sihub.core.i18n import current_language
from sihub.monitoring import digests
from sihub.monitoring.digests import ADD, CHANGE, VIEW, DigestError
from sihub.monitoring.forms_digest import (
    AddItemsForm,
    DigestCreateForm,
    DigestDetailsForm,
    EntryForm,
)
from sihub.monitoring.models import Digest, DigestEntry, DigestStatus
from sihub.monitoring.subscriptions import confirmed_counts

PER_PAGE = 25
VIEW_SUBSCRIBERS = "monitoring.view_subscriber"


def _require(user: Any, perm: str) -> None:
    if not user.has_perm(perm):
        raise PermissionDenied


def get_digest_for_user(user: Any, pk: int, perm: str = VIEW) -> Digest:
    """The digest ``pk`` if ``user`` holds ``perm``; PermissionDenied / 404 otherwise."""
    _require(user, perm)
    digest = Digest.objects.filter(pk=pk).select_related("created_by").first()
    if digest is None:
        raise Http404
    return digest


def _errors(*forms: Any) -> list[dict[str, str]]:
    """The error summary of the admin pages: each message with its field's label and id."""
    summary = []
    for form in forms:
        if form is None or not form.is_bound or form.is_valid():
            continue
        for name, field_messages in form.errors.items():  # "__all__" has no field
            field = form.fields.get(name)
            summary += [{"id": form[name].id_for_label if field else "",
                         "label": str(field.label) if field else "", "message": m}
                        for m in field_messages]
    return summary


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    _require(request.user, VIEW)
    page = Paginator(Digest.objects.order_by("-created_at", "-pk"), PER_PAGE).get_page(
        request.GET.get("page"))
    counts = confirmed_counts() if request.user.has_perm(VIEW_SUBSCRIBERS) else None
    return render(request, "monitoring/admin/digest_list.html", {
        "page_obj": page,
        "digests": list(page.object_list),
        "subscriber_counts": counts,
        "can_add": request.user.has_perm(ADD),
    })


@require_http_methods(["GET", "HEAD", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    _require(request.user, ADD)
    form = DigestCreateForm(request.POST or None,
                            initial=DigestCreateForm.initial_values(current_language()))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            digest = digests.digest_create(user=request.user, language=data["language"],
                                           period_start=data["period_start"],
                                           period_end=data["period_end"], title=data["title"])
        except DigestError as exc:
            form.add_error(None, str(exc))
        else:
            count = digest.entries.count()
            messages.success(request, ngettext(
                "Digest created with %(count)d kept item.",
                "Digest created with %(count)d kept items.", count) % {"count": count})
            return redirect("monitoring_digests:compose", pk=digest.pk)
    errors = _errors(form)
    return render(request, "monitoring/admin/digest_create.html", {
        "form": form, "errors": errors,
    }, status=400 if errors else 200)


_ACTIONS = ("details", "move_up", "move_down", "remove", "entry", "add")


@require_http_methods(["GET", "HEAD", "POST"])
def compose(request: HttpRequest, pk: int) -> HttpResponse:
    digest = get_digest_for_user(request.user, pk, VIEW)
    editable = digest.status == DigestStatus.DRAFT and request.user.has_perm(CHANGE)
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        return _compose_action(request, digest)
    return _render_compose(request, digest, editable=editable)


def _render_compose(request: HttpRequest, digest: Digest, *, editable: bool,
                    details_form: DigestDetailsForm | None = None,
                    bad_forms: tuple[Any, ...] = ()) -> HttpResponse:
    entries = list(digest.entries.select_related("item").order_by("position", "pk"))
    addable = list(digests.addable_items(digest=digest)[:100]) if editable else []
    errors = _errors(details_form, *bad_forms)
    return render(request, "monitoring/admin/digest_compose.html", {
        "digest": digest,
        "entries": entries,
        "editable": editable,
        "details_form": details_form or DigestDetailsForm(
            initial={"title": digest.title, "intro": digest.intro}),
        "addable": addable,
        "errors": errors,
        "can_publish": editable and bool(entries),
    }, status=400 if errors else 200)


def _entry(digest: Digest, raw: Any) -> DigestEntry:
    entry = digest.entries.filter(pk=raw).first() if str(raw or "").isdigit() else None
    if entry is None:
        raise Http404
    return entry


def _compose_action(request: HttpRequest, digest: Digest) -> HttpResponse:
    action = request.POST.get("action", "")
    if action not in _ACTIONS:
        messages.error(request, _("Unknown action."))
        return redirect("monitoring_digests:compose", pk=digest.pk)
    try:
        if action == "details":
            form = DigestDetailsForm(request.POST)
            if not form.is_valid():
                return _render_compose(request, digest, editable=True, details_form=form)
            digests.digest_update(digest=digest, user=request.user, **form.cleaned_data)
            messages.success(request, _("Title and introduction saved."))
        elif action in ("move_up", "move_down"):
            digests.digest_move_entry(entry=_entry(digest, request.POST.get("entry")),
                                      user=request.user, direction=action.removeprefix("move_"))
        elif action == "remove":
            digests.digest_remove_entry(entry=_entry(digest, request.POST.get("entry")),
                                        user=request.user)
            messages.success(request, _("Entry removed."))
        elif action == "entry":
            form = EntryForm(request.POST)
            if not form.is_valid():
                return _render_compose(request, digest, editable=True, bad_forms=(form,))
            digests.digest_update_entry(entry=_entry(digest, form.cleaned_data["entry"]),
                                        user=request.user, summary=form.cleaned_data["summary"],
                                        title=form.cleaned_data["title"])
            messages.success(request, _("Entry saved."))
        else:  # add
            form = AddItemsForm(request.POST, items=digests.addable_items(digest=digest))
            if not form.is_valid():
                return _render_compose(request, digest, editable=True, bad_forms=(form,))
            added = digests.digest_add_items(digest=digest, items=form.cleaned_data["items"],
                                             user=request.user)
            messages.success(request, ngettext("%(count)d item added.",
                                               "%(count)d items added.", added)
                             % {"count": added})
    except DigestError as exc:
        messages.error(request, str(exc))
    anchor = f"#entry-{request.POST.get('entry')}" if action.startswith("move_") else ""
    return redirect(reverse("monitoring_digests:compose", args=[digest.pk]) + anchor)


@require_safe
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    digest = get_digest_for_user(request.user, pk, VIEW)
    mail = _preview_mail(digest)
    return render(request, "monitoring/admin/digest_preview.html", {
        "digest": digest, "mail": mail,
    })


@require_safe
def preview_html(request: HttpRequest, pk: int) -> HttpResponse:
    """The HTML part alone, as a subscriber's mail program would show it."""
    digest = get_digest_for_user(request.user, pk, VIEW)
    return HttpResponse(_preview_mail(digest).html)


def _preview_mail(digest: Digest) -> digests.DigestMail:
    entries = list(digest.entries.order_by("position", "pk"))
    # A link that looks like a subscriber's but unsubscribes nobody.
    example = digests.absolute(reverse("monitoring:archive")) + "unsubscribe/…/"
    return digests.render_digest_email(digest=digest, entries=entries, unsubscribe_url=example)


@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    digest = get_digest_for_user(request.user, pk, CHANGE)
    try:
        digests.digest_publish(digest=digest, user=request.user)
    except DigestError as exc:
        messages.error(request, str(exc))
        return redirect("monitoring_digests:compose", pk=digest.pk)
    messages.success(request, _("The digest is published; the e-mails are being sent."))
    return redirect("monitoring_digests:index")


urlpatterns = [
    path("", index, name="index"),
    path("new/", create, name="create"),
    path("<int:pk>/", compose, name="compose"),
    path("<int:pk>/preview/", preview, name="preview"),
    path("<int:pk>/preview/html/", preview_html, name="preview_html"),
    path("<int:pk>/publish/", publish, name="publish"),
]
