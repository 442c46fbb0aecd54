"""``{% seo_meta %}``: canonical URL, hreflang alternates, OpenGraph, Twitter card, JSON-LD.

The tag gathers what only the request knows (the site's address, the page's
live translations, the preview image) into a ``seo.SeoContext`` and leaves the
building to ``sihub.core.seo``. On a Wagtail page it costs one query for the
translations, one for the locale when the page is not live, and the page's
goals, themes and image when it has them; other views at most one, for the
site (which Wagtail has already found when it served a page).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import translation
from django.utils.safestring import mark_safe
from wagtail.models import Page

from sihub.core import seo
from sihub.core.i18n import current_language

register = template.Library()

OG_IMAGE_SPEC = "fill-1200x630"  # the size link previews expect


@register.inclusion_tag("core/seo_meta.html", takes_context=True)
def seo_meta(context: template.Context) -> dict[str, Any]:
    request = context.get("request")
    if not isinstance(request, HttpRequest):
        return {"seo": None}
    page = context.get("page")
    if isinstance(page, Page):
        return {"seo": _page_meta(page, request)}
    return {"seo": _view_meta(request)}


def _page_meta(page: Page, request: HttpRequest) -> dict[str, Any]:
    absolute = partial(seo.absolute_url, seo.site_root_url(request))
    translations = list(
        Page.objects.filter(translation_key=page.translation_key).live()
        .select_related("locale").only("id", "url_path", "locale__language_code")
    )
    own = next((t for t in translations if t.pk == page.pk), None)
    language = (own or page).locale.language_code
    page_url = page.get_url(request) or request.path
    # A route of a routable page (cases' submit/) is its own document.
    path = request.path if request.path.startswith(page_url) else page_url
    canonical = absolute(path)
    alternates = _alternates(
        {t.locale.language_code: absolute(url) for t in translations
         if (url := t.get_url(request))}
    )
    image = seo.first_image(page)
    image_url = _image_url(image, absolute)
    ctx = seo.SeoContext(
        url=canonical,
        language=language,
        site_name=settings.WAGTAIL_SITE_NAME,
        home_url=absolute(f"/{language}/"),
        search_url=absolute(_reverse_in("search:search", language)),
        absolute=absolute,
        image_url=image_url,
        image_alt=seo.image_alt(image) if image_url else "",
        alternates=alternates,
    )
    # Safe inside <script>: json_ld_text writes <, > and & as \u escapes.
    json_ld = mark_safe(seo.json_ld_text(seo.json_ld(page, ctx)))  # noqa: S308  # nosec B308 B703
    return {
        "canonical": canonical,
        "alternates": alternates,
        "opengraph": seo.opengraph(page, ctx),
        "twitter": seo.twitter_card(page, ctx),
        "json_ld": json_ld,
    }


def _view_meta(request: HttpRequest) -> dict[str, Any]:
    """A view that is not a Wagtail page (search, regions, the goals): its path in each language."""
    absolute = partial(seo.absolute_url, seo.site_root_url(request))
    language = current_language()
    canonical = absolute(request.path)
    alternates = _alternates(
        {code: absolute(translate_url(request.path, code)) for code, _name in settings.LANGUAGES}
    )
    ctx = seo.SeoContext(
        url=canonical, language=language, site_name=settings.WAGTAIL_SITE_NAME,
        home_url=absolute(f"/{language}/"), search_url="", absolute=absolute,
        alternates=alternates,
    )
    return {
        "canonical": canonical,
        "alternates": alternates,
        "opengraph": seo.opengraph(None, ctx),
        "twitter": seo.twitter_card(None, ctx),
        "json_ld": "",
    }


def _alternates(urls: dict[str, str]) -> list[seo.Alternate]:
    """One link per language in settings order, and x-default to the default language's."""
    alternates = [seo.Alternate(code, urls[code]) for code, _name in settings.LANGUAGES
                  if code in urls]
    if len(alternates) > 1 and settings.LANGUAGE_CODE in urls:
        alternates.append(seo.Alternate("x-default", urls[settings.LANGUAGE_CODE]))
    return alternates


def _reverse_in(name: str, language: str) -> str:
    try:
        with translation.override(language):
            return reverse(name)
    except NoReverseMatch:
        return f"/{language}/"


def _image_url(image: Any, absolute: Callable[[str], str]) -> str:
    if image is None:
        return ""
    try:
        rendition = image.get_rendition(OG_IMAGE_SPEC)
    except OSError:  # the original file is gone or unreadable: no preview, not a 500
        return ""
    return absolute(rendition.url)
