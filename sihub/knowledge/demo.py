"""Demo content for knowledge: articles, methods & tools, stories & news, publications.

Everything sits under the Swedish area page "kunskap" and is mirrored in
English under "knowledge" by translating each page (index pages first, so the
English children land under the English indexes). Pages are looked up by slug,
so running ``seed_demo`` again creates nothing new. The texts are data, in
``demo_content.py``.

The page-making helpers (``ensure_pair``, ``bulk_add_children``, …) are shared
with the other apps' demo modules and live in ``sdg/demo_pages.py``.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from typing import Any

from django.db import transaction
from taggit.models import Tag
from wagtail.models import Locale, Page

from sihub.core.demo import Log, _publish
from sihub.core.models import ContentPage
from sihub.knowledge import demo_content as content
from sihub.knowledge.models import (
    KnowledgeArticlePage,
    MethodIndexPage,
    MethodPage,
    PublicationIndexPage,
    PublicationPage,
    StoryIndexPage,
    StoryPage,
    StoryPageTag,
)
from sihub.sdg.demo_pages import (
    LANGS,
    EcosystemTags,
    PageWithTags,
    RandomTags,
    bulk_add_children,
    ensure_pair,
    missing_numbers,
)


def ensure_indexes(kunskap: ContentPage, en: Locale) -> dict[str, tuple[Page, Page]]:
    indexes = {}
    for key, model, record in (("methods", MethodIndexPage, content.METHOD_INDEX),
                               ("stories", StoryIndexPage, content.STORY_INDEX),
                               ("publications", PublicationIndexPage, content.PUBLICATION_INDEX)):
        fields = {lang: {"intro": record["intro"][lang]} for lang in LANGS}
        indexes[key] = ensure_pair(kunskap, en, model, record, fields)
    return indexes


def ensure_articles(kunskap: ContentPage, en: Locale, tags: EcosystemTags) -> int:
    for record in content.ARTICLES:
        fields = {lang: {"intro": record["intro"][lang], "body": record["body"][lang]}
                  for lang in LANGS}
        ensure_pair(kunskap, en, KnowledgeArticlePage, record, fields, tags)
    return len(content.ARTICLES)


def _method_fields(record: dict[str, Any], lang: str) -> dict[str, Any]:
    low, high = record["group"]
    how = "Så gör du" if lang == "sv" else "How to do it"
    return {
        "intro": record["intro"][lang],
        "purpose": record["purpose"][lang],
        "phase": record["phase"],
        "time_needed": record["time"][lang],
        "group_size_min": low,
        "group_size_max": high,
        "facilitation": record["facilitation"],
        "materials": record["materials"][lang],
        "body": [content.h(how), content.steps(record["steps"][lang]),
                 content.h("Tips"), content.p(record["tip"][lang])],
    }


def ensure_methods(index: tuple[Page, Page], en: Locale, tags: EcosystemTags) -> int:
    index_sv, _ = index
    pairs: dict[str, tuple[Page, Page]] = {}
    for record in content.METHODS:
        fields = {lang: _method_fields(record, lang) for lang in LANGS}
        pairs[record["slug"]["sv"]] = ensure_pair(index_sv, en, MethodPage, record, fields, tags)
    # Related methods point at each other, so they are linked once all exist, in each
    # language to the pages of that language. Only an empty list, or one a translation
    # copied over from Swedish, is filled in: an editor's later choice is kept.
    for record in content.METHODS:
        for i in range(len(LANGS)):
            page = MethodPage.objects.get(pk=pairs[record["slug"]["sv"]][i].pk)
            current = page.related_methods.all()
            if record["related"] and (not current.exists()
                                      or current.exclude(locale_id=page.locale_id).exists()):
                page.related_methods = [pairs[slug][i] for slug in record["related"]]
                _publish(page)
    return len(content.METHODS)


def _keywords(names: list[str]) -> list[StoryPageTag]:
    return [StoryPageTag(tag=Tag.objects.get_or_create(name=name)[0]) for name in names]


def _story_fields(record: dict[str, Any], lang: str) -> dict[str, Any]:
    body = [content.p(text) for text in record["paragraphs"][lang]]
    if record["quote"]:
        text, who = record["quote"][lang]
        body.insert(1, content.quote(text, who))
    return {
        "kind": record["kind"],
        "author": record["author"],
        "date": dt.date.fromisoformat(record["date"]),
        "intro": record["intro"][lang],
        "body": body,
        "tagged_items": _keywords(record["keywords"][lang]),
    }


def ensure_stories(index: tuple[Page, Page], en: Locale, tags: EcosystemTags) -> int:
    for record in content.STORIES:
        fields = {lang: _story_fields(record, lang) for lang in LANGS}
        ensure_pair(index[0], en, StoryPage, record, fields, tags)
    return len(content.STORIES)


def _publication_fields(record: dict[str, Any], lang: str) -> dict[str, Any]:
    heading = "Viktiga resultat" if lang == "sv" else "Key findings"
    return {
        "intro": record["intro"][lang],
        "authors": record["authors"],
        "publisher": record["publisher"],
        "year": record["year"],
        "language": record["language"],
        "publication_type": record["type"],
        "external_url": f"https://example.org/publikationer/{record['slug']['sv']}.pdf",
        "doi": record["doi"],
        "isbn": record["isbn"],
        "body": [content.facts(heading, record["findings"][lang])],
    }


def ensure_publications(index: tuple[Page, Page], en: Locale, tags: EcosystemTags) -> int:
    for record in content.PUBLICATIONS:
        fields = {lang: _publication_fields(record, lang) for lang in LANGS}
        ensure_pair(index[0], en, PublicationPage, record, fields, tags)
    return len(content.PUBLICATIONS)


_WHO = ("Socialt företag", "Förening", "Kommunen", "Regionen", "Kooperativ", "Stiftelse",
        "Nätverk", "Skolan", "Bostadsbolaget", "Studieförbund")
_WHAT = ("startar läxhjälp", "öppnar återbruk", "prövar bybuss", "satsar på arbetsträning",
         "bjuder in till samskapande", "utvecklar välfärdsteknik", "minskar matsvinnet",
         "stärker ungas delaktighet", "bryter ensamheten bland äldre", "ställer sociala krav")


def synthetic_stories(index_sv: StoryIndexPage, scale: int, log: Log) -> int:
    """``scale`` × 100 Swedish stories and news items for benchmarks."""
    from sihub.core.demo_text import synthetic_paragraph

    prefix = "syntetisk-berattelse-"
    numbers = missing_numbers(index_sv, prefix, scale * 100)
    if not numbers:
        return 0
    tags = RandomTags()
    start = dt.datetime(2019, 1, 1, 8, tzinfo=dt.UTC)

    def pages() -> Iterator[PageWithTags]:
        for n in numbers:
            rng = random.Random(f"story-{n}")  # nosec B311 - synthetic demo data
            ids, place = tags.draw(rng)
            published = start + dt.timedelta(minutes=rng.randrange(8 * 365 * 24 * 60))
            page = StoryPage(
                title=f"{rng.choice(_WHO)} {rng.choice(_WHAT)} i {place}",
                slug=f"{prefix}{n}",
                kind="news" if rng.random() < 0.4 else "story",
                author=rng.choice(["Maria Lantto", "Erik Nordin", "Leyla Demir", "Johan Ek"]),
                date=published.date(),
                intro=synthetic_paragraph(n, "sv", words=30),
                body=[content.p(synthetic_paragraph(n + 1, "sv", words=120))],
                first_published_at=published,
            )
            yield page, ids

    return bulk_add_children(index_sv, pages(), total=len(numbers), log=log,
                             label="synthetic stories", batch_size=500)


# --- Entry point -----------------------------------------------------------------


def seed(*, scale: int, log: Log) -> None:
    sv = Locale.objects.get(language_code="sv")
    en = Locale.objects.get(language_code="en")
    kunskap = ContentPage.objects.get(slug="kunskap", locale=sv)  # made by core's seed
    tags = EcosystemTags()
    with transaction.atomic():
        indexes = ensure_indexes(kunskap, en)
        counts = {
            "articles": ensure_articles(kunskap, en, tags),
            "methods": ensure_methods(indexes["methods"], en, tags),
            "stories": ensure_stories(indexes["stories"], en, tags),
            "publications": ensure_publications(indexes["publications"], en, tags),
        }
    summary = ", ".join(f"{n} {what}" for what, n in counts.items())
    log(f"knowledge: {summary} in Swedish and English")
    if scale > 0:
        added = synthetic_stories(indexes["stories"][0], scale, log)
        log(f"knowledge: {added} synthetic stories added ({scale * 100} wanted)")
