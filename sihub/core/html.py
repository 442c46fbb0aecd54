"""HTML sanitising with nh3 (Ammonia) for everything rendered as rich text.

Wagtail's editor only produces safe markup, but rich text can also arrive via
importers, the API or a future bug; every rich-text render therefore goes
through ``sanitize`` (see templates/wagtailcore/shared/richtext.html).
"""

from __future__ import annotations

import nh3

TAGS = {
    "p", "br", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "u", "s", "sub", "sup",
    "a", "ul", "ol", "li", "blockquote", "code", "pre", "hr", "img", "figure", "figcaption",
    "span", "abbr", "table", "thead", "tbody", "tr", "th", "td", "caption",
}
ATTRIBUTES = {
    "a": {"href", "title", "hreflang", "lang"},
    "img": {"src", "alt", "width", "height", "class"},  # Wagtail's left/right/full-width
    "abbr": {"title"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    # No id or class elsewhere: stored content must not impersonate page
    # landmarks (id="main") or our own components (class="skip-link").
    "*": {"lang"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitize(html: str) -> str:
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
