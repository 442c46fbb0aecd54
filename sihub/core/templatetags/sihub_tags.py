from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language_info

from wagtail.models import Locale

from sihub.core.i18n import current_language

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context: dict[str, Any]) -> list[dict[str, Any]]:
    """Links to this page in each language: the Wagtail translation when there is one."""
    request = context.get("request")
    page = context.get("page")
    active = current_language()
    locales = {loc.language_code: loc for loc in Locale.objects.all()}
    links = []
    for code, _name in settings.LANGUAGES:
        url = None
        if page is not None and hasattr(page, "get_translation_or_none"):
            locale = locales.get(code)
            translated = page.get_translation_or_none(locale) if locale else None
            # No live translation: the other language's home page, never a 404.
            url = translated.url if translated is not None and translated.live else f"/{code}/"
        if url is None and request is not None:
            url = translate_url(request.get_full_path(), code)
        info = get_language_info(code)
        links.append(
            {"code": code, "url": url or f"/{code}/", "name": info["name_local"],
             "active": code == active}
        )
    return links



@register.filter
def sanitize_html(value: str) -> str:
    """Rich text as safe HTML: nh3 keeps only the tags and attributes we allow."""
    from django.utils.safestring import mark_safe

    from sihub.core.html import sanitize

    return mark_safe(sanitize(str(value)))  # noqa: S308  # nosec B308 B703 - nh3 output
