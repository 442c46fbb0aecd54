"""Small builders for actors tests: one place, so each test states only what matters."""

from __future__ import annotations

import itertools
from typing import Any

from django.utils.text import slugify

from sihub.actors import orgnr
from sihub.actors.models import Actor, ActorKind, Offering, OfferingKind, Relation, RelationKind
from sihub.core.models import County, Municipality, Sector

_serial = itertools.count(1)


def sector(slug: str) -> Sector:
    """One of the five sectors loaded by migration: public, private, academia, civil-society, social-economy."""
    return Sector.objects.get(slug=slug)


def municipality(code: str) -> Municipality:
    return Municipality.objects.select_related("county").get(code=code)


def county(code: str) -> County:
    return County.objects.get(code=code)


def org_number() -> str:
    """A fresh valid organisation number (third digit ≥ 2, Luhn check digit)."""
    return orgnr.with_check_digit(f"556{next(_serial):06d}")


def make_actor(name: str | None = None, *, sector_slug: str | None = None,
               kind: str = ActorKind.ASSOCIATION, home: str | None = None,
               counties: list[str] = (), municipalities: list[str] = (),
               sdgs: list[int] = (), **fields: Any) -> Actor:
    name = name or f"Actor {next(_serial)}"
    sector_obj = sector(sector_slug) if sector_slug else Sector.objects.order_by("sort_order")[0]
    actor = Actor(name=name, slug=fields.pop("slug", slugify(name)[:100] or f"a{next(_serial)}"),
                  sector=sector_obj, kind=kind,
                  home_municipality=municipality(home) if home else None, **fields)
    actor.full_clean()
    actor.save()
    if counties:
        actor.counties.set(County.objects.filter(code__in=counties))
    if municipalities:
        actor.municipalities.set(Municipality.objects.filter(code__in=municipalities))
    if sdgs:
        from sihub.sdg.models import Goal

        actor.sdgs.set(Goal.objects.filter(number__in=sdgs))
    if counties or municipalities or sdgs:
        actor.save()  # ParentalManyToManyField writes on save
    return actor


def make_offering(actor: Actor, kind: str = OfferingKind.ADVICE, *, title: str | None = None,
                  stages: list[str] = (), target_sectors: list[str] = (),
                  counties: list[str] = (), municipalities: list[str] = (),
                  **fields: Any) -> Offering:
    offering = Offering(actor=actor, kind=kind, title_sv=title or f"Erbjudande {next(_serial)}",
                        stages=list(stages), **fields)
    offering.full_clean()
    offering.save()
    if target_sectors:
        offering.target_sectors.set(Sector.objects.filter(slug__in=target_sectors))
    if counties:
        offering.counties.set(County.objects.filter(code__in=counties))
    if municipalities:
        offering.municipalities.set(Municipality.objects.filter(code__in=municipalities))
    if target_sectors or counties or municipalities:
        offering.save()
    return offering


def make_relation(source_actor: Actor, target_actor: Actor, /,
                  kind: str = RelationKind.PARTNER, **fields: Any) -> Relation:
    """Positional ends, so ``source="…"`` (the relation's provenance) can be passed."""
    relation = Relation(source_actor=source_actor, target_actor=target_actor, kind=kind,
                        **fields)
    relation.full_clean()
    relation.save()
    return relation
