"""Public pages of the digest: the archive, one edition, the RSS feed, subscriptions.

Everything is per language: /sv/digest/ shows the Swedish editions, /en/digest/
the English ones, and a subscription made on /en/ is for the English edition.

The subscription form answers the same whether or not the address is known
(no enumeration), ignores bots that fill its hidden honeypot field, and
allows ``SUBSCRIBE_LIMIT`` posts per address (IP) an hour. The unsubscribe
link takes a POST without a CSRF token, because mail clients post to it on
their own (RFC 8058 one-click): the signed token in the URL is the authority.
"""

from __future__ import annotations

from typing import Any

from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from sihub.core.i18n import current_language
from sihub.core.seo import absolute_url, site_root_url
from sihub.core.throttle import client_within_limit
from sihub.monitoring import subscriptions
from sihub.monitoring.forms_digest import SubscribeForm
from sihub.monitoring.models import Digest, DigestEntry, DigestStatus

PER_PAGE = 20
FEED_SIZE = 30
SUBSCRIBE_LIMIT = 10  # posts per IP address an hour


def published_digests(language: str) -> QuerySet[Digest]:
    return Digest.objects.filter(status=DigestStatus.PUBLISHED,
                                 language=language).order_by("-published_at", "-pk")


def _entries() -> Prefetch:
    return Prefetch("entries", queryset=DigestEntry.objects.order_by("position", "pk"))


# --- The archive ------------------------------------------------------------------------


@require_safe
def archive(request: HttpRequest) -> HttpResponse:
    page = Paginator(published_digests(current_language()), PER_PAGE).get_page(
        request.GET.get("page"))
    return render(request, "monitoring/digest/archive.html", {"results": page})


@require_safe
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    digest = (Digest.objects.filter(pk=pk, status=DigestStatus.PUBLISHED)
              .prefetch_related(_entries()).first())
    if digest is None:
        raise Http404
    if digest.language != current_language():
        # The edition exists in one language only: show it under its own prefix.
        with translation.override(digest.language):
            return redirect(reverse("monitoring:detail", args=[digest.pk]))
    return render(request, "monitoring/digest/detail.html", {"digest": digest})


class DigestFeed(Feed):
    """RSS 2.0: the latest published editions of the URL's language, each with its entries."""

    feed_type = Rss201rev2Feed

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpRequest:
        return request

    def title(self, request: HttpRequest) -> str:
        return _("Monitoring digest")

    def description(self, request: HttpRequest) -> str:
        return _("A weekly selection of news about social innovation, from the centre's "
                 "monitoring of the field.")

    def link(self, request: HttpRequest) -> str:
        return absolute_url(site_root_url(request), reverse("monitoring:archive"))

    def feed_url(self, request: HttpRequest) -> str:
        return absolute_url(site_root_url(request), request.path)

    def items(self, request: HttpRequest) -> list[Digest]:
        digests = list(published_digests(current_language()).prefetch_related(_entries())
                       [:FEED_SIZE])
        root = site_root_url(request)
        for digest in digests:
            path = reverse("monitoring:detail", args=[digest.pk])
            digest.absolute_link = absolute_url(root, path)  # type: ignore[attr-defined]
        return digests

    def item_title(self, item: Digest) -> str:
        return item.title

    def item_link(self, item: Digest) -> str:
        return item.absolute_link  # type: ignore[attr-defined]

    def item_description(self, item: Digest) -> str:
        # Read as HTML by feed readers: every text is escaped.
        parts = [f"<p>{escape(item.intro)}</p>"] if item.intro else []
        parts.append("<ul>" + "".join(
            f'<li><a href="{escape(e.link)}">{escape(e.title)}</a>'
            + (f" ({escape(e.source_name)})" if e.source_name else "") + "</li>"
            for e in item.entries.all()) + "</ul>")
        return "".join(parts)

    def item_pubdate(self, item: Digest) -> Any:
        return item.published_at


digest_feed = require_safe(DigestFeed())


# --- Subscriptions --------------------------------------------------------------------------


def _rate_limited(request: HttpRequest) -> bool:
    return not client_within_limit(request, "digest:subscribe", limit=SUBSCRIBE_LIMIT)


@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    language = current_language()
    form = SubscribeForm(request.POST or None,
                         consent_text=subscriptions.consent_text(language))
    if request.method == "POST":
        if _rate_limited(request):
            return render(request, "monitoring/digest/message.html", {
                "heading": _("Too many attempts"),
                "message": _("Please wait an hour and try again."),
            }, status=429)
        if form.is_bot():
            return redirect("monitoring:subscribe_sent")  # the same answer, nothing done
        if form.is_valid():
            subscriptions.subscription_request(email=form.cleaned_data["email"],
                                               language=language)
            return redirect("monitoring:subscribe_sent")
    return render(request, "monitoring/digest/subscribe.html", {"form": form},
                  status=400 if form.is_bound and form.errors else 200)


@require_safe
def subscribe_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "monitoring/digest/message.html", {
        "heading": _("Check your inbox"),
        "message": _("If the address can receive the digest, we have sent it an e-mail with "
                     "a link. Open the link within 7 days to confirm the subscription."),
    })


def _bad_link(request: HttpRequest, *, expired: bool = False) -> HttpResponse:
    """A clear page (400) for a link that was cut, altered or is too old."""
    message = (_("The link has expired. Subscribe again to get a new one.") if expired else
               _("The link is not valid. Check that you copied all of it."))
    return render(request, "monitoring/digest/message.html", {
        "heading": _("The link does not work"), "message": message,
        "subscribe_link": True,
    }, status=400)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks for a click, POST confirms: link scanners in mail programs open links
    (GET) on their own, and must not subscribe anyone."""
    try:
        subscriber = subscriptions.subscriber_by_confirm_token(token)
    except subscriptions.TokenExpired:
        return _bad_link(request, expired=True)
    except subscriptions.TokenInvalid:
        return _bad_link(request)
    if subscriber is None:
        return render(request, "monitoring/digest/message.html", {
            "heading": _("The subscription no longer exists"),
            "message": _("It was cancelled, or not confirmed in time. Subscribe again."),
            "subscribe_link": True,
        }, status=404)
    if request.method != "POST" and subscriber.confirmed_at is None:
        return render(request, "monitoring/digest/confirm.html", {"token": token})
    subscriptions.subscription_confirm(subscriber=subscriber)
    return render(request, "monitoring/digest/message.html", {
        "heading": _("You subscribe to the digest"),
        "message": _("Thank you. The next digest will come to your inbox; every e-mail has "
                     "a link to unsubscribe."),
    })


@csrf_exempt  # RFC 8058: mail clients post without a token; the signed URL is the authority
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscriber = subscriptions.subscriber_by_unsubscribe_token(token)
    except subscriptions.TokenInvalid:
        return _bad_link(request)
    if subscriber is None:
        return render(request, "monitoring/digest/message.html", {
            "heading": _("You do not subscribe to the digest"),
            "message": _("This address gets no digest e-mails (any more)."),
        })
    if request.method == "POST":
        subscriptions.subscription_cancel(subscriber=subscriber)
        return render(request, "monitoring/digest/message.html", {
            "heading": _("You have unsubscribed"),
            "message": _("You will get no more digest e-mails, and your address has been "
                         "deleted."),
        })
    return render(request, "monitoring/digest/unsubscribe.html", {"token": token})

