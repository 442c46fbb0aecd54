"""What a page tells search engines and link previews: OpenGraph, Twitter card, JSON-LD.

The functions here build plain data (lists of tags, a schema.org dict) from a
page and a ``SeoContext`` that holds what only the request knows: absolute
URLs, the language, the preview image. ``core.templatetags.seo_tags`` gathers
that context and renders the result; the builders read nothing but the page's
own fields and tags. ``Sitemap`` (at the end) is the sitemap.xml of all languages.

Page types are told apart by their model label ("knowledge.storypage"), not by
importing their classes, so ``core`` keeps depending on no app above it.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q
from django.utils.html import strip_tags
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.fields import RichTextField
from wagtail.models import Page, Site

SCHEMA_CONTEXT = "https://schema.org"
DESCRIPTION_LIMIT = 300
OG_LOCALES = {"sv": "sv_SE", "en": "en_GB"}
# Where a page's summary lives, in order of preference.
DESCRIPTION_FIELDS = ("search_description", "intro", "summary", "purpose")
ARTICLE_LABELS = frozenset({
    "knowledge.knowledgearticlepage", "knowledge.methodpage", "knowledge.storypage",
    "knowledge.publicationpage", "cases.casepage",
})
PUBLICATION_TYPES = {
    "article": "ScholarlyArticle",
    "thesis": "ScholarlyArticle",
    "report": "Report",
    "guide": "CreativeWork",
}
# A publication in a language sihub has no code for: BCP 47 "undetermined".
UNDETERMINED_LANGUAGE = "und"


@dataclass(frozen=True)
class Alternate:
    language: str  # a BCP 47 code, or "x-default"
    url: str


@dataclass(frozen=True)
class SeoContext:
    url: str  # the page's absolute canonical URL
    language: str  # "sv" or "en"
    site_name: str
    home_url: str  # absolute URL of the home page in this language
    search_url: str  # absolute URL of the search page in this language
    absolute: Callable[[str], str]  # makes a site-relative URL absolute
    image_url: str = ""
    image_alt: str = ""
    alternates: list[Alternate] = field(default_factory=list)


# --- URLs ---------------------------------------------------------------------


def site_root_url(request: Any) -> str:
    """Where the site lives, e.g. "https://sihub.se": the Wagtail site's host, not the request's.

    Canonical URLs, feeds and the sitemap all name pages on the host the site
    is configured with, so a page reached through another allowed host name
    (www., an IP address) still points search engines at one address.
    """
    site = Site.find_for_request(request)
    return site.root_url if site is not None else request.build_absolute_uri("/").rstrip("/")


def absolute_url(root_url: str, url: str) -> str:
    """``url`` on ``root_url`` unless it already names a host (a page of another site)."""
    return url if url.startswith(("http://", "https://")) else f"{root_url}{url}"


# --- Text ---------------------------------------------------------------------


def plain_text(value: Any, limit: int = DESCRIPTION_LIMIT, *, html: bool = False) -> str:
    """One line of text, cut at a word before ``limit``; ``html=True`` drops the markup first.

    Plain-text fields keep what the editor wrote, "<" included: escaping is
    the template's job, and the JSON-LD block escapes on its own.
    """
    text = str(value or "")
    if html:
        text = html_lib.unescape(strip_tags(text))
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,.;:–-")
    return f"{cut}…"


def description(page: Any) -> str:
    for name in DESCRIPTION_FIELDS:
        text = plain_text(getattr(page, name, ""), html=_is_rich_text(page, name))
        if text:
            return text
    return ""


def _is_rich_text(page: Any, name: str) -> bool:
    try:
        return isinstance(page._meta.get_field(name), RichTextField)
    except FieldDoesNotExist:
        return False


def title(page: Any) -> str:
    return str(getattr(page, "seo_title", "") or page.title)


def split_authors(raw: str) -> list[str]:
    """Names from an authors field.

    Semicolons win when there are any, because they are what people use when
    names themselves hold a comma ("Berg, Anna; Ek, Bo"). Otherwise commas and
    a final "och"/"and"/"&" separate names.
    """
    if ";" in raw:
        parts = raw.split(";")
    else:
        parts = re.split(r",|\s+(?:och|and|&)\s+", raw)
    return [name for name in (p.strip(" ,;") for p in parts) if name]


# --- Images -------------------------------------------------------------------


def first_image(page: Any) -> Any | None:
    """The first image of the page's ``images`` or ``body`` stream, for link previews."""
    for name in ("images", "body"):
        stream = getattr(page, name, None)
        if stream is None or isinstance(stream, str):
            continue
        for block in stream:
            if block.block_type == "image" and block.value is not None:
                return block.value
            if block.block_type == "figure" and block.value.get("image") is not None:
                return block.value["image"]
    return None


def image_alt(image: Any) -> str:
    """The alt text an editor wrote where the image is used, else the image's own."""
    if getattr(image, "decorative", False):
        return ""
    return str(getattr(image, "contextual_alt_text", "") or getattr(image, "default_alt_text", "")
               or "")


# --- OpenGraph and Twitter ----------------------------------------------------


def og_locale(language: str) -> str:
    return OG_LOCALES.get(language, OG_LOCALES["sv"])


def is_article(page: Any) -> bool:
    return page is not None and page._meta.label_lower in ARTICLE_LABELS


def opengraph(page: Any | None, ctx: SeoContext) -> list[tuple[str, str]]:
    """``(property, content)`` pairs; ``page`` is None for views that are not Wagtail pages."""
    tags = [
        ("og:site_name", ctx.site_name),
        ("og:title", title(page) if page is not None else ctx.site_name),
        ("og:type", "article" if is_article(page) else "website"),
        ("og:url", ctx.url),
        ("og:locale", og_locale(ctx.language)),
    ]
    tags += [("og:locale:alternate", og_locale(alt.language)) for alt in ctx.alternates
             if alt.language not in ("x-default", ctx.language)]
    text = description(page) if page is not None else ""
    if text:
        tags.append(("og:description", text))
    if ctx.image_url:
        tags.append(("og:image", ctx.image_url))
        if ctx.image_alt:
            tags.append(("og:image:alt", ctx.image_alt))
    if is_article(page):
        published, modified = _published(page), _iso(page.last_published_at)
        if published:
            tags.append(("article:published_time", published))
        if modified:
            tags.append(("article:modified_time", modified))
    return tags


def twitter_card(page: Any | None, ctx: SeoContext) -> list[tuple[str, str]]:
    tags = [
        ("twitter:card", "summary_large_image" if ctx.image_url else "summary"),
        ("twitter:title", title(page) if page is not None else ctx.site_name),
    ]
    text = description(page) if page is not None else ""
    if text:
        tags.append(("twitter:description", text))
    if ctx.image_url:
        tags.append(("twitter:image", ctx.image_url))
        if ctx.image_alt:
            tags.append(("twitter:image:alt", ctx.image_alt))
    return tags


# --- JSON-LD ------------------------------------------------------------------


def json_ld(page: Any, ctx: SeoContext) -> dict[str, Any]:
    """The schema.org description of ``page``."""
    builder = _BUILDERS.get(page._meta.label_lower, _web_page)
    return {"@context": SCHEMA_CONTEXT, **compact(builder(page, ctx))}


_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026",
                   0x2028: "\\u2028", 0x2029: "\\u2029"}


def json_ld_text(data: dict[str, Any]) -> str:
    """JSON that is safe between ``<script>`` and ``</script>``.

    ``<``, ``>`` and ``&`` become ``\\u003C`` and so on, which JSON reads back
    as the same characters, so "</script>" in a title can never end the
    element. (Django's ``json_script`` does the same but only writes
    ``type="application/json"``.)
    """
    return json.dumps(data, ensure_ascii=False, default=str).translate(_SCRIPT_ESCAPES)


def compact(data: dict[str, Any]) -> dict[str, Any]:
    """Leave out empty values: schema.org readers treat a missing field better than ""."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def _iso(value: date | datetime | None) -> str:
    return value.isoformat() if value else ""


def _published(page: Any) -> str:
    story_date = getattr(page, "date", None)
    if isinstance(story_date, date):
        return story_date.isoformat()
    return _iso(page.first_published_at)


def _organization(name: str, url: str = "") -> dict[str, Any]:
    return compact({"@type": "Organization", "name": name, "url": url})


def _about(page: Any, ctx: SeoContext) -> list[dict[str, Any]]:
    """The global goals a page is tagged with, as things it is about."""
    if not hasattr(page, "sdgs") or page.pk is None:
        return []
    return [
        {"@type": "Thing", "name": str(goal), "url": ctx.absolute(goal.get_absolute_url())}
        for goal in page.sdgs.all()
    ]


def _keywords(page: Any) -> str:
    if not hasattr(page, "themes") or page.pk is None:
        return ""
    return ", ".join(theme.name for theme in page.themes.all())


def _work(page: Any, ctx: SeoContext, schema_type: str) -> dict[str, Any]:
    """What every article-like page says about itself."""
    return {
        "@type": schema_type,
        "name": title(page),
        "headline": title(page),
        "description": description(page),
        "url": ctx.url,
        "mainEntityOfPage": ctx.url,
        "inLanguage": ctx.language,
        "datePublished": _published(page),
        "dateModified": _iso(page.last_published_at),
        "image": ctx.image_url,
        "about": _about(page, ctx),
        "keywords": _keywords(page),
        "publisher": _organization(ctx.site_name, ctx.home_url),
    }


def _web_page(page: Any, ctx: SeoContext) -> dict[str, Any]:
    return {
        "@type": "WebPage",
        "name": title(page),
        "description": description(page),
        "url": ctx.url,
        "inLanguage": ctx.language,
        "image": ctx.image_url,
        "isPartOf": {"@type": "WebSite", "name": ctx.site_name, "url": ctx.home_url},
    }


def _home(page: Any, ctx: SeoContext) -> dict[str, Any]:
    return {
        "@type": "WebSite",
        "name": ctx.site_name,
        "alternateName": title(page),
        "description": description(page),
        "url": ctx.url,
        "inLanguage": ctx.language,
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint",
                       "urlTemplate": f"{ctx.search_url}?q={{search_term_string}}"},
            "query-input": "required name=search_term_string",
        },
    }


def _article(page: Any, ctx: SeoContext) -> dict[str, Any]:
    return _work(page, ctx, "Article")


def _story(page: Any, ctx: SeoContext) -> dict[str, Any]:
    data = _work(page, ctx, "NewsArticle" if page.kind == "news" else "Article")
    if page.author:
        data["author"] = [{"@type": "Person", "name": name} for name in split_authors(page.author)]
    return data


def _method(page: Any, ctx: SeoContext) -> dict[str, Any]:
    data = _work(page, ctx, "HowTo")
    del data["headline"]  # not a property of HowTo
    data["description"] = description(page) or plain_text(page.purpose)
    data["supply"] = [{"@type": "HowToSupply", "name": line}
                      for line in _lines(page.materials)]
    return data


def _publication(page: Any, ctx: SeoContext) -> dict[str, Any]:
    schema_type = PUBLICATION_TYPES.get(page.publication_type, "CreativeWork")
    data = _work(page, ctx, schema_type)
    if schema_type == "CreativeWork":
        del data["headline"]  # only articles have a headline
    link = ctx.absolute(page.document.url) if page.document_id else page.external_url
    identifiers = []
    if page.doi:
        identifiers.append({"@type": "PropertyValue", "propertyID": "DOI", "value": page.doi})
        data["sameAs"] = f"https://doi.org/{page.doi}"
    if page.isbn:
        identifiers.append({"@type": "PropertyValue", "propertyID": "ISBN", "value": page.isbn})
    data.update({
        "author": [{"@type": "Person", "name": name} for name in split_authors(page.authors)],
        # The organisation that published the work, not the site that lists it.
        "publisher": _organization(page.publisher) if page.publisher else None,
        "datePublished": str(page.year),
        "inLanguage": page.language if page.language in OG_LOCALES else UNDETERMINED_LANGUAGE,
        "identifier": identifiers,
        "url": link or ctx.url,
    })
    return data


def _case(page: Any, ctx: SeoContext) -> dict[str, Any]:
    data = _work(page, ctx, "CreativeWork")
    del data["headline"]
    return data


def _lines(text: str) -> Iterable[str]:
    return [line.strip(" -•*\t") for line in (text or "").splitlines() if line.strip(" -•*\t")]


_BUILDERS: dict[str, Callable[[Any, SeoContext], dict[str, Any]]] = {
    "core.homepage": _home,
    "knowledge.knowledgearticlepage": _article,
    "knowledge.storypage": _story,
    "knowledge.methodpage": _method,
    "knowledge.publicationpage": _publication,
    "cases.casepage": _case,
}


# --- Sitemap ------------------------------------------------------------------


class Sitemap(WagtailSitemap):
    """Wagtail's sitemap, over the home page of every language.

    Wagtail lists the descendants of the site's root page only, and the root
    page is the Swedish home page: the English home page is its translation
    beside it in the tree, not below it, so without this sitemap.xml would
    hold no English page.
    """

    def items(self) -> Any:
        root = self.get_wagtail_site().root_page
        roots = Page.objects.filter(translation_key=root.translation_key).values_list("path",
                                                                                      flat=True)
        under_a_root = Q()
        for path in roots:
            under_a_root |= Q(path__startswith=path)
        return (Page.objects.filter(under_a_root).live().public().order_by("path")
                .defer_streamfields().specific())
