"""Demo content for cases: the index of good examples and the examples, in Swedish and English.

The index sits under the Swedish home page ("goda-exempel") and its English
translation ("good-examples"); each example is made in Swedish and then
translated. Pages are looked up by slug, so running ``seed_demo`` again creates
nothing new. Each example names the demo actors involved (``CASE_ACTORS``; the
actors app seeds first), also on pages made before that link existed.
``--scale N`` adds N × 5,000 synthetic Swedish examples in bulk, for benchmarks
of the faceted index.

The page-making helpers are shared with the other apps' demo modules, in
``sdg/demo_pages.py``.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Iterator
from typing import Any

from django.db import transaction
from wagtail.models import Locale

from sihub.actors.models import Actor
from sihub.cases import demo_content as content
from sihub.cases.models import CaseIndexPage, CasePage, Stage
from sihub.core.demo import Log, _publish
from sihub.core.models import HomePage
from sihub.sdg.demo_pages import (
    LANGS,
    EcosystemTags,
    PageWithTags,
    RandomTags,
    bulk_add_children,
    ensure_pair,
    missing_numbers,
)

SYNTHETIC_PER_SCALE = 5_000
SYNTHETIC_PREFIX = "syntetiskt-exempel-"

TEXT_FIELDS = {
    # page field: record key
    "summary": "summary", "challenge": "challenge", "solution": "solution",
    "target_groups": "target_groups", "actors_involved": "actors", "results": "results",
    "scaling": "scaling",
}


def _case_fields(record: dict[str, Any], lang: str) -> dict[str, Any]:
    fields = {page_field: record[key][lang] for page_field, key in TEXT_FIELDS.items()}
    fields.update(stage=record["stage"], website=record["website"],
                  contact_name=record["contact_name"], contact_email=record["contact_email"])
    return fields


def ensure_cases(home_sv: HomePage, en: Locale, tags: EcosystemTags) -> CaseIndexPage:
    index_fields = {lang: {"intro": content.INDEX["intro"][lang]} for lang in LANGS}
    index_sv, _ = ensure_pair(home_sv, en, CaseIndexPage, content.INDEX, index_fields)
    actors = _directory_actors()
    for record in content.CASES:
        involved = [actors[name] for name in content.CASE_ACTORS.get(record["slug"]["sv"], [])
                    if name in actors]
        fields = {lang: {**_case_fields(record, lang), "involved_actors": involved}
                  for lang in LANGS}
        for page in ensure_pair(index_sv, en, CasePage, record, fields, tags):
            _link_actors(page, involved)
    return index_sv


def _directory_actors() -> dict[str, Actor]:
    """The demo actors the examples name, by name (actors seeds before cases)."""
    names = {name for names in content.CASE_ACTORS.values() for name in names}
    found: dict[str, Actor] = {}
    for actor in Actor.objects.filter(name__in=names).order_by("pk"):
        found.setdefault(actor.name, actor)
    return found


def _link_actors(page: CasePage, actors: list[Actor]) -> None:
    """Link an example made before it had directory actors; an editor's choice is kept."""
    page = CasePage.objects.get(pk=page.pk)
    if actors and not page.involved_actors.exists():
        page.involved_actors = actors
        _publish(page)  # a new revision, so the editor starts from the linked version


# --- Synthetic examples ------------------------------------------------------------

_WHAT = ("Arbetsträning i återbruk", "Läxhjälp och studiero", "Bybuss på beställning",
         "Mötesplats för äldre", "Sociala krav i upphandling", "Matbank och matsvinn",
         "Digital delaktighet", "Samskapad stadsdelsutveckling", "Sommarföretag för unga",
         "Energiförening för hyresgäster", "Lotsar för nyanlända", "Grön arbetsträning",
         "Tidiga insatser för familjer", "Kooperativ catering", "Reparationskafé")
_FOR = ("för unga", "för äldre", "för nyanlända", "för långtidsarbetslösa", "för barnfamiljer",
        "för hela byn", "för kvinnor", "för personer med funktionsnedsättning")
_ORGS = ("kommunen", "regionen", "en förening", "ett socialt företag", "ett kooperativ",
         "en stiftelse", "ett bostadsbolag", "högskolan", "ett studieförbund", "lokala företag")
_ROLES = ("huvudman", "finansiering", "lokaler", "frivilliga", "utvärdering", "uppdrag")
_NAMES = ("Anna", "Erik", "Leyla", "Johan", "Sara", "Amir", "Karin", "Noor", "Per", "Hawa")
_SURNAMES = ("Lantto", "Nordin", "Demir", "Ek", "Nyström", "Haddad", "Olofsson", "Berg")
_ASCII = str.maketrans("åäö", "aao")  # e-mail local parts stay ASCII


def synthetic_cases(index_sv: CaseIndexPage, scale: int, log: Log) -> int:
    """``scale`` × 5,000 Swedish examples with deterministic random tags, in bulk."""
    from sihub.core.demo_text import synthetic_paragraph

    numbers = missing_numbers(index_sv, SYNTHETIC_PREFIX, scale * SYNTHETIC_PER_SCALE)
    if not numbers:
        return 0
    tags = RandomTags()
    stages = [choice.value for choice in Stage]
    start = dt.datetime(2019, 1, 1, 8, tzinfo=dt.UTC)

    def pages() -> Iterator[PageWithTags]:
        for n in numbers:
            rng = random.Random(f"case-{n}")  # nosec B311 - synthetic demo data
            ids, place = tags.draw(rng)
            first, last = rng.choice(_NAMES), rng.choice(_SURNAMES)
            actors = rng.sample(_ORGS, rng.randint(2, 4))
            page = CasePage(
                title=f"{rng.choice(_WHAT)} {rng.choice(_FOR)} i {place}",
                slug=f"{SYNTHETIC_PREFIX}{n}",
                summary=synthetic_paragraph(n, "sv", words=25),
                challenge=synthetic_paragraph(n + 1, "sv", words=30),
                solution=synthetic_paragraph(n + 2, "sv", words=40),
                target_groups=rng.choice(_FOR).removeprefix("för ").capitalize() + ".",
                actors_involved="\n".join(
                    f"{org[0].upper()}{org[1:]} – {rng.choice(_ROLES)}" for org in actors),
                stage=rng.choice(stages),
                results=synthetic_paragraph(n + 3, "sv", words=20),
                scaling=synthetic_paragraph(n + 4, "sv", words=15) if rng.random() < 0.5 else "",
                website=f"https://example.org/exempel/{n}",
                contact_name=f"{first} {last}",
                contact_email=f"{first}.{last}.{n}@example.org".lower().translate(_ASCII),
                first_published_at=start + dt.timedelta(minutes=rng.randrange(8 * 365 * 24 * 60)),
            )
            yield page, ids

    return bulk_add_children(index_sv, pages(), total=len(numbers), log=log,
                             label="synthetic good examples", batch_size=1000)


# --- Entry point ---------------------------------------------------------------------


def seed(*, scale: int, log: Log) -> None:
    sv = Locale.objects.get(language_code="sv")
    en = Locale.objects.get(language_code="en")
    home_sv = HomePage.objects.filter(locale=sv).first()  # made by core's seed, as core finds it
    with transaction.atomic():
        index_sv = ensure_cases(home_sv, en, EcosystemTags())
    linked = CasePage.objects.filter(involved_actors__isnull=False).distinct().count()
    log(f"cases: {len(content.CASES)} good examples in Swedish and English "
        f"({linked} pages name organisations in the directory)")
    if scale > 0:
        started = time.perf_counter()
        added = synthetic_cases(index_sv, scale, log)
        log(f"cases: {added} synthetic good examples added in "
            f"{time.perf_counter() - started:.1f} s ({scale * SYNTHETIC_PER_SCALE} wanted)")
