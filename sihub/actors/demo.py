"""Demo data for the ecosystem: actors, their offerings, relations and contact people.

``seed`` makes the written set in ``demo_content.py`` (about 190 actors in
every county, 450 offerings, 600 relations), and with ``--scale N`` another
N × 1,000 synthetic actors with two offerings each and about four relations
per actor, for benchmarks of the directory, the map and the network analysis.

Everything is deterministic: each actor draws its details from a random
generator seeded with its slug, relations from one seeded with a fixed name,
so the same run gives the same data. It is idempotent: actors are looked up by
slug and relations by (from, to, kind), and only what is missing is made, so
``seed_demo`` may run on every ``make run``. Offerings and contact people are
made together with their actor.

Rows are written with ``bulk_create`` (5,000 actors take seconds, not
minutes): no revisions, no signals. So the written set is added to the search
index here, the page cache is retired once at the end, and the synthetic
actors reach the search index with ``manage.py update_index``.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import time
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from sihub.actors import demo_content as content
from sihub.actors import orgnr
from sihub.actors.models import Actor, Contact, Offering, Relation, RelationKind
from sihub.core.demo import Log
from sihub.core.models import County, Municipality, Sector, Theme
from sihub.sdg.models import Goal, Target

SYNTHETIC_PER_SCALE = 1_000  # actors per --scale step
SYNTHETIC_RELATIONS_PER_ACTOR = 4.0
SYNTHETIC_PREFIX = "syntetisk-aktor-"
BATCH = 1_000

# Relations that read the same both ways are stored once per pair.
_SYMMETRIC = {RelationKind.PARTNER.value, RelationKind.COLLABORATES.value}
_RECIPIENT_KINDS = {"social_enterprise", "cooperative", "association", "incubator", "research",
                    "network"}
_NON_FUNDERS = {"Försäkringskassan", "Upphandlingsmyndigheten"}
_REAL = {record["name"] for record in (*content.MUNICIPALITIES, *content.REGIONS,
                                        *content.AGENCIES, *content.PUBLIC_COMPANIES,
                                        *content.UNIVERSITIES)}


# --- Reference data, loaded once -----------------------------------------------------


@dataclass(frozen=True)
class Place:
    pk: int
    code: str
    name: str
    county: str
    latitude: float | None
    longitude: float | None


@dataclass
class Reference:
    """The taxonomy rows demo data points at, by code; unknown codes fail loudly."""

    sectors: dict[str, int]
    themes: dict[str, int]
    goals: dict[int, int]
    targets: dict[str, int]
    counties: dict[str, tuple[int, str, str]]  # code -> (pk, name_sv, name_en)
    places: dict[str, Place]
    places_by_county: dict[str, list[str]]

    @classmethod
    def load(cls) -> Reference:
        places = {code: Place(pk, code, name, county, lat, lon)
                  for pk, code, name, county, lat, lon in Municipality.objects.order_by("code")
                  .values_list("pk", "code", "name", "county__code", "latitude", "longitude")}
        by_county: dict[str, list[str]] = defaultdict(list)
        for place in places.values():
            by_county[place.county].append(place.code)
        return cls(
            sectors=dict(Sector.objects.values_list("slug", "pk")),
            themes=dict(Theme.objects.values_list("slug", "pk")),
            goals=dict(Goal.objects.values_list("number", "pk")),
            targets=dict(Target.objects.values_list("code", "pk")),
            counties={code: (pk, sv, en) for pk, code, sv, en in
                      County.objects.values_list("pk", "code", "name_sv", "name_en")},
            places=places, places_by_county=dict(by_county),
        )


# --- Planning one actor ------------------------------------------------------------------


@dataclass
class Plan:
    """An unsaved actor with the rows that belong to it; ``links`` hold M2M target pks."""

    actor: Actor
    kind: str
    county: str
    national: bool
    links: dict[str, list[int]] = field(default_factory=dict)
    offerings: list[tuple[Offering, dict[str, list[int]]]] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def fictional_org_number(prefix: str, serial: int, series: str) -> str:
    """A valid number that no real body given in demo_content has (those start with 2).

    ``prefix`` is the legal form's usual start (556/559 companies, 769
    cooperatives, 802 associations and foundations), ``series`` one digit
    that keeps the written set (9) and the synthetic actors (8) apart.
    """
    return orgnr.with_check_digit(f"{prefix}{series}{serial:05d}")


def _org_prefix(name: str, kind: str, sector: str) -> str:
    if kind == "cooperative" or name.endswith("ekonomisk förening"):
        return "769"
    if name.endswith(" AB") or name.startswith("AB ") or kind == "company":
        return "559"
    if sector in (content.PUB,):
        return "556"
    return "802"


def _slots(rng: random.Random, ref: Reference, name: str, place: Place,
           themes: list[str], service: int | None) -> dict[str, Any]:
    _pk, county_sv, county_en = ref.counties[place.county]
    theme_sv, theme_en = content.THEME_WORDS[themes[0]]
    theme2_sv, theme2_en = content.THEME_WORDS[themes[-1] if len(themes) > 1 else themes[0]]
    group_sv, group_en = rng.choice(content.TARGET_GROUPS)
    service_sv, service_en = content.SERVICES[
        service if service is not None else rng.randrange(len(content.SERVICES))]
    return {"name": name, "place": place.name, "county_sv": county_sv, "county_en": county_en,
            "theme_sv": theme_sv, "theme_en": theme_en, "theme2_sv": theme2_sv,
            "theme2_en": theme2_en, "group_sv": group_sv, "group_en": group_en,
            "service_sv": service_sv, "service_en": service_en,
            "year": rng.randint(1975, 2020), "count": rng.randrange(12, 180, 2)}


def _describe(rng: random.Random, kind: str, wise: bool, slots: dict[str, Any]) -> tuple[str, str]:
    lead = rng.choice(content.LEADS["wise" if wise else kind])
    more = rng.sample(content.MORE[kind], k=min(len(content.MORE[kind]), rng.randint(1, 2)))
    sentences = [lead, *more]
    return (" ".join(s[0] for s in sentences).format(**slots),
            " ".join(s[1] for s in sentences).format(**slots))


def _themes(rng: random.Random, kind: str, given: tuple[str, ...]) -> list[str]:
    pool = [t for t in content.KIND_THEMES[kind] if t not in given]
    themes = list(given)
    if not themes:
        themes = rng.sample(pool, 2)
    elif len(themes) == 1 and pool and rng.random() < 0.5:
        themes.append(rng.choice(pool))
    return themes


def _scope(rng: random.Random, ref: Reference, kind: str, place: Place, national: bool,
           ) -> tuple[list[str], list[str]]:
    """(county codes, municipality codes) an actor serves, besides ``serves_national``."""
    if national:
        return [], []
    neighbours = [c for c in ref.places_by_county[place.county] if c != place.code]
    if kind == "municipality":
        return [], [place.code]
    if kind == "region":
        return [place.county], ([place.code] if place.code == "0980" else [])
    if kind in ("association", "social_enterprise", "cooperative"):
        extra = rng.sample(neighbours, min(len(neighbours), rng.choice((0, 0, 1, 2))))
        return [], [place.code, *extra]
    if kind == "company":
        return ([], [place.code]) if rng.random() < 0.5 else ([place.county], [])
    return [place.county], []


def _offering_dates(rng: random.Random, kind: str, today: dt.date,
                    ) -> tuple[dt.date | None, dt.date | None]:
    """Calls close and open: some closed, some open now, some upcoming, some always open."""
    days = dt.timedelta
    roll = rng.random()
    dated = {"funding": 0.9, "incubation": 0.6, "education": 0.5}.get(kind, 0.15)
    if roll >= dated:
        return None, None
    state = rng.random()
    if kind not in ("funding", "incubation", "education") or state < 0.3:  # closed
        opens = today - days(rng.randint(120, 400))
        return opens, today - days(rng.randint(5, 100))
    if state < 0.75:  # open now
        return today - days(rng.randint(5, 60)), today + days(rng.randint(14, 120))
    opens = today + days(rng.randint(7, 75))  # upcoming
    return opens, opens + days(rng.randint(30, 90))


def _offerings(rng: random.Random, ref: Reference, actor: Actor, kind: str,
               slots: dict[str, Any], counties: list[str], municipalities: list[str],
               national: bool, home_county: str, real: bool, today: dt.date, count: int,
               ) -> list[tuple[Offering, dict[str, list[int]]]]:
    templates = {offering_kind: [t for t in content.OFFERINGS[offering_kind]
                                 if not t[-1] or kind in t[-1]]
                 for offering_kind in content.KIND_OFFERINGS[kind]}
    weights = {k: w for k, w in content.KIND_OFFERINGS[kind].items() if templates[k]}
    kinds: list[str] = []
    while len(kinds) < min(count, len(weights)):
        choice = rng.choices(list(weights), weights=list(weights.values()))[0]
        if choice not in kinds:
            kinds.append(choice)
    made = []
    for order, offering_kind in enumerate(kinds):
        title_sv, title_en, text_sv, text_en, conditions, groups, _who = rng.choice(
            templates[offering_kind])
        opens, closes = _offering_dates(rng, offering_kind, today)
        offering = Offering(
            kind=offering_kind, title_sv=title_sv.format(**slots)[:200],
            title_en=title_en.format(**slots)[:200], description_sv=text_sv.format(**slots),
            description_en=text_en.format(**slots), stages=rng.choice(
                content.OFFERING_STAGES[offering_kind]),
            target_groups=groups, conditions=conditions,
            national=national and rng.random() < 0.8,
            url="" if real else f"{actor.website}/erbjudanden/{offering_kind}",
            opens_on=opens, closes_on=closes, sort_order=order,
        )
        where_counties, where_municipalities = counties, municipalities
        if national and not offering.national:  # a national actor's regional pilot
            where_counties = [home_county]
        elif counties and not municipalities and rng.random() < 0.25:  # part of the county
            places = ref.places_by_county[counties[0]]
            where_counties = []
            where_municipalities = rng.sample(places, min(len(places), 2))
        links = {
            "target_sectors": [ref.sectors[s] for s in rng.choice(
                content.OFFERING_SECTORS[offering_kind])],
            "counties": ([] if offering.national
                         else [ref.counties[c][0] for c in where_counties]),
            "municipalities": ([] if offering.national
                               else [ref.places[m].pk for m in where_municipalities]),
        }
        made.append((offering, links))
    return made


def _contacts(rng: random.Random, name: str, public: bool, now: dt.datetime) -> list[Contact]:
    first, last = rng.choice(content.FIRST_NAMES), rng.choice(content.SURNAMES)
    slug = slugify(name)[:20].strip("-")
    return [Contact(
        name=f"{first} {last}", role=rng.choice(content.CONTACT_ROLES),
        email=f"{_ascii(first)}.{_ascii(last)}@{slug}.example.org",
        # 070-1740605 … 070-1740699 are set aside by PTS for use in fiction.
        phone=f"070-174 06 {rng.randint(5, 99):02d}",
        is_public=public,
        consent_at=now - dt.timedelta(days=rng.randint(30, 700)) if public else None,
    )]


def plan_actor(record: dict[str, Any], *, slug: str, serial: int, series: str, ref: Reference,
               today: dt.date, now: dt.datetime, offerings: int | None = None,
               contact: str = "") -> Plan:
    """An unsaved actor from a record (see ``demo_content._a``) with its offerings.

    ``contact`` is "public", "private" or "" (none). ``offerings`` defaults to
    two, or three for one actor in three.
    """
    rng = random.Random(f"actor-{slug}")  # nosec B311 - demo data
    name, kind, sector = record["name"], record["kind"], record["sector"]
    real = name in _REAL
    try:
        place = ref.places[record["home"]]
    except KeyError:
        raise KeyError(f"demo actor {name!r} names an unknown municipality "
                       f"{record['home']}") from None
    themes = _themes(rng, kind, tuple(record["themes"]))
    slots = _slots(rng, ref, name, place, themes, record["service"])
    description_sv, description_en = record["description"] or _describe(
        rng, kind, record["wise"], slots)
    number = record["orgnr"]
    if not real and rng.random() < 0.85:
        number = fictional_org_number(_org_prefix(name, kind, sector), serial, series)
    latitude = longitude = None
    if place.latitude is not None and rng.random() < 0.4:  # a street address, roughly
        latitude = round(place.latitude + rng.uniform(-0.03, 0.03), 5)
        longitude = round(place.longitude + rng.uniform(-0.05, 0.05), 5)
    website = record["web"] or f"https://example.org/{slug}"
    actor = Actor(
        name=name, slug=slug, org_number=orgnr.normalise(number) if number else "",
        sector_id=ref.sectors[sector], kind=kind, description_sv=description_sv,
        description_en=description_en, website=website, home_municipality_id=place.pk,
        latitude=latitude, longitude=longitude, serves_national=record["national"],
        serves_international=record["intl"], is_published=True,
    )
    counties, municipalities = _scope(rng, ref, kind, place, record["national"])
    goals: list[int] = []
    targets: list[str] = []
    for theme in themes:
        numbers, codes = content.THEME_GOALS[theme]
        goals.extend(n for n in numbers if n not in goals)
        if rng.random() < 0.6:
            code = rng.choice(codes)
            if code not in targets:
                targets.append(code)
    others = [s for s in ref.sectors if s != sector]
    plan = Plan(actor=actor, kind=kind, county=place.county, national=record["national"])
    plan.links = {
        "sdgs": [ref.goals[n] for n in goals[:4]],
        "sdg_targets": [ref.targets[c] for c in targets],
        "themes": [ref.themes[t] for t in themes],
        "sectors": [ref.sectors[s] for s in [sector, *rng.sample(others, rng.randint(0, 2))]],
        "counties": [ref.counties[c][0] for c in counties],
        "municipalities": [ref.places[m].pk for m in municipalities],
    }
    wanted = offerings if offerings is not None else (3 if rng.random() < 0.34 else 2)
    plan.offerings = _offerings(rng, ref, actor, kind, slots, counties, municipalities,
                                record["national"], place.county, real, today, wanted)
    if contact and not real:
        plan.contacts = _contacts(rng, name, contact == "public", now)
    return plan


# --- Writing --------------------------------------------------------------------------


def _link_rows(model: type, owners: Iterable[tuple[int, dict[str, list[int]]]]) -> None:
    """Bulk-insert M2M rows: ``owners`` yields (owner pk, {field name: [target pk]})."""
    rows: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for owner_pk, links in owners:
        for field_name, targets in links.items():
            rows[field_name].extend((owner_pk, t) for t in dict.fromkeys(targets))
    for field_name, pairs in rows.items():
        m2m = model._meta.get_field(field_name)
        through = m2m.remote_field.through
        source, target = m2m.m2m_field_name(), m2m.m2m_reverse_field_name()
        through.objects.bulk_create(
            [through(**{f"{source}_id": s, f"{target}_id": t}) for s, t in pairs],
            batch_size=BATCH)


def create_actors(plans: list[Plan]) -> list[Actor]:
    """Insert the actors with their tags, offerings and contacts; returns the actors."""
    skip = {f.name for f in Actor._meta.concrete_fields if f.is_relation} | {"id"}
    for plan in plans:
        plan.actor.clean_fields(exclude=skip)
    with transaction.atomic():
        actors = Actor.objects.bulk_create([p.actor for p in plans], batch_size=BATCH)
        _link_rows(Actor, ((a.pk, p.links) for a, p in zip(actors, plans, strict=True)))
        offerings: list[tuple[Offering, dict[str, list[int]]]] = []
        contacts: list[Contact] = []
        for actor, plan in zip(actors, plans, strict=True):
            for offering, links in plan.offerings:
                offering.actor_id = actor.pk
                offerings.append((offering, links))
            for contact in plan.contacts:
                contact.actor_id = actor.pk
                contacts.append(contact)
        saved = Offering.objects.bulk_create([o for o, _ in offerings], batch_size=BATCH)
        _link_rows(Offering, ((o.pk, links)
                              for o, (_, links) in zip(saved, offerings, strict=True)))
        Contact.objects.bulk_create(contacts, batch_size=BATCH)
    return actors


RelationRow = tuple[str, str, str, dt.date | None, dt.date | None, str]  # slugs, kind, …


def create_relations(rows: Iterable[RelationRow]) -> int:
    """Insert the relations that are not there yet (by from, to, kind); returns how many."""
    pks = dict(Actor.objects.values_list("slug", "pk"))
    existing = set(Relation.objects.values_list("source_actor_id", "target_actor_id", "kind"))
    new = []
    for source, target, kind, started, ended, origin in rows:
        key = (pks.get(source), pks.get(target), kind)
        if None in key or key in existing:
            continue
        existing.add(key)
        new.append(Relation(source_actor_id=key[0], target_actor_id=key[1], kind=kind,
                            started_on=started, ended_on=ended, source=origin))
    Relation.objects.bulk_create(new, batch_size=BATCH)
    return len(new)


class _Relations:
    """Collects relation rows: once per (from, to, kind); partner or collaborates once per pair."""

    def __init__(self, rng: random.Random, today: dt.date) -> None:
        self.rng, self.today = rng, today
        self.rows: list[RelationRow] = []
        self.seen: set[tuple[str, str, str]] = set()

    def add(self, source: str, target: str, kind: str, *, sources: str = "") -> bool:
        """Record a relation unless it is there; ``sources`` picks other source texts."""
        if source == target:
            return False
        key = (source, target, kind)
        if kind in _SYMMETRIC:  # partner or collaborator: one of the two, once per pair
            source, target = sorted((source, target))
            key = (source, target, "symmetric")
        if key in self.seen:
            return False
        self.seen.add(key)
        rng = self.rng
        year = rng.randint(2012, min(2024, self.today.year))
        started = dt.date(year, rng.randint(1, 12), 1)
        ended = None
        if rng.random() < {"funds": 0.35, "collaborates": 0.2, "partner": 0.1}.get(kind, 0):
            ended = started + dt.timedelta(days=rng.randint(1, 4) * 365)
        origin = rng.choice(content.RELATION_SOURCES[sources or kind]).format(
            year=year, n=rng.randint(100, 9999))
        self.rows.append((source, target, kind, started, ended, origin))
        return True


@dataclass(frozen=True)
class Node:
    slug: str
    name: str
    kind: str
    sector: str
    county: str
    home: str
    national: bool


def plan_relations(nodes: list[Node], today: dt.date) -> list[RelationRow]:
    """The written set's relations, by rules that resemble how the field is tied together."""
    rng = random.Random("actors-relations")  # nosec B311 - demo data
    rel = _Relations(rng, today)
    by_name = {n.name: n for n in nodes}
    by_county: dict[str, list[Node]] = defaultdict(list)
    for node in nodes:
        by_county[node.county].append(node)

    def local(node: Node, kinds: set[str], k: int) -> list[Node]:
        near = [n for n in by_county[node.county] if n.kind in kinds and n is not node]
        far = [n for n in nodes if n.kind in kinds and n is not node and n not in near]
        picked = rng.sample(near, min(k, len(near)))
        if len(picked) < k:
            picked += rng.sample(far, min(k - len(picked), len(far)))
        return picked

    for owner, owned in content.OWNERSHIP:
        rel.add(by_name[owner].slug, by_name[owned].slug, RelationKind.OWNS)
    networks = [n for n in nodes if n.kind == "network"]
    members = {n.name: content.NETWORK_MEMBERS.get(n.name, content.NETWORK_MEMBERS_DEFAULT)
               for n in networks}
    for node in nodes:
        # Funding flows from agencies, regions, foundations, funders and some municipalities.
        if node.kind in ("agency", "funder", "foundation", "region", "municipality") \
                and node.name not in _NON_FUNDERS:
            count = {"agency": 5, "funder": 4, "foundation": 4, "region": 3}.get(
                node.kind, rng.choice((0, 1, 2)))
            pool = (rng.sample([n for n in nodes if n.kind in _RECIPIENT_KINDS], count)
                    if node.national else local(node, _RECIPIENT_KINDS, count))
            for recipient in pool:
                rel.add(node.slug, recipient.slug, RelationKind.FUNDS)
        # Membership: in the county's networks, and in national ones meant for their kind.
        options = [n for n in networks if node.kind in members[n.name]
                   and (n.national or n.county == node.county)]
        if options and (node.kind not in ("municipality", "region") or rng.random() < 0.4):
            for network in rng.sample(options, min(rng.randint(1, 2), len(options))):
                rel.add(node.slug, network.slug, RelationKind.MEMBER_OF)
        # Partnerships: municipalities with local idea-driven organisations (IOP),
        # universities with their region, incubators with a university.
        if node.kind == "municipality":
            for other in local(node, {"association", "social_enterprise", "cooperative"},
                               rng.randint(1, 3)):
                rel.add(node.slug, other.slug, RelationKind.PARTNER, sources="iop")
        if node.kind == "university":
            for other in local(node, {"region"}, 1) + local(node, {"incubator"}, 1):
                rel.add(node.slug, other.slug, RelationKind.PARTNER)
        if node.kind in ("company", "incubator") and rng.random() < 0.7:
            for other in local(node, {"social_enterprise", "cooperative"}, 1):
                rel.add(node.slug, other.slug, RelationKind.PARTNER)
        # Collaboration across sectors, mostly close to home.
        for _ in range(rng.choice((0, 1, 1, 2))):
            others = [n for n in by_county[node.county] if n.sector != node.sector]
            if others:
                rel.add(node.slug, rng.choice(others).slug, RelationKind.COLLABORATES)
    return rel.rows


# --- The written set ----------------------------------------------------------------


def base_records() -> list[tuple[str, dict[str, Any]]]:
    """(slug, record) for every written actor; fails on a duplicate slug."""
    out, seen = [], set()
    for record in content.ACTORS:
        slug = slugify(record["name"])[:120]
        if slug in seen:
            raise ValueError(f"two demo actors share the slug {slug}")
        seen.add(slug)
        out.append((slug, record))
    return out


def _contact_kind(index: int, record: dict[str, Any]) -> str:
    """Every fourth fictional actor has a contact person: public and private in turn."""
    if record["name"] in _REAL or index % 4:
        return ""
    return "public" if index % 8 == 0 else "private"


def _nodes(pairs: Iterable[tuple[str, dict[str, Any]]], ref: Reference) -> list[Node]:
    return [Node(slug, r["name"], r["kind"], r["sector"], ref.places[r["home"]].county,
                 r["home"], r["national"]) for slug, r in pairs]


def seed_written(ref: Reference, log: Log) -> tuple[int, int]:
    """The actors of demo_content.py and their relations; returns (actors, relations) added."""
    today, now = timezone.localdate(), timezone.now()
    records = base_records()
    have = set(Actor.objects.filter(slug__in=[s for s, _ in records])
               .values_list("slug", flat=True))
    plans = [plan_actor(record, slug=slug, serial=i, series="9", ref=ref, today=today, now=now,
                        contact=_contact_kind(i, record))
             for i, (slug, record) in enumerate(records) if slug not in have]
    actors = create_actors(plans)
    _index(actors)
    relations = create_relations(plan_relations(_nodes(records, ref), today))
    return len(actors), relations


def _index(actors: list[Actor]) -> None:
    """Put bulk-made actors in the search index, as saving one by one would have."""
    if not actors:
        return
    from wagtail.search.backends import get_search_backends

    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(Actor, actors)


# --- Synthetic actors for benchmarks ----------------------------------------------------

_SYNTHETIC_KINDS = [  # (kind, sector, weight, name patterns)
    ("association", content.CIV, 26, ("Föreningen Gemenskap {place}", "Idrottsalliansen i {place}",
                                      "Språkcaféet {place}", "Byalaget {place}",
                                      "Seniorföreningen {place}", "Ungdomsföreningen {place}")),
    ("social_enterprise", content.SOC, 20, ("Återbruket i {place}", "Arbetsglädje {place}",
                                            "Café Gemenskap {place}", "Cykelverkstaden {place}",
                                            "Gröna Jobb {place}", "Sömnadsateljén {place}")),
    ("cooperative", content.SOC, 8, ("Bygdekooperativet {place}", "Omsorgskooperativet i {place}",
                                     "Energikooperativet {place}")),
    ("company", content.PRI, 24, ("{place} Bygg och Service AB", "{place} Digital AB",
                                  "{place} Fastighetsförvaltning AB", "Transport i {place} AB",
                                  "{place} Städ och Fönsterputs AB")),
    ("foundation", content.CIV, 6, ("Stiftelsen Framtid {place}",
                                    "Stiftelsen för barn och unga i {place}")),
    ("network", content.CIV, 6, ("Nätverket Social Ekonomi {place}", "Samverkansforum {place}")),
    ("incubator", content.PRI, 4, ("Social inkubator {place}", "Idéhuset {place}")),
    ("funder", content.PRI, 3, ("Lokala investeringsfonden {place}",)),
    ("research", content.ACA, 3, ("Forskningsmiljön för välfärd i {place}",)),
]
_FUNDER_KINDS = {"funder", "foundation", "agency", "region"}


def synthetic_records(count: int, ref: Reference) -> list[tuple[str, dict[str, Any]]]:
    """(slug, record) for synthetic actors 1 … count; actor n is the same whatever the count."""
    codes = sorted(ref.places)
    # Larger towns (codes ending 80–84 are the main towns of their county) get more actors.
    weights = [6 if code[2:] in ("80", "81", "82", "83", "84") else 1 for code in codes]
    kinds = [k for k, *_ in _SYNTHETIC_KINDS]
    kind_weights = [w for _, _, w, _ in _SYNTHETIC_KINDS]
    used: dict[str, int] = {}
    out = []
    for n in range(1, count + 1):
        rng = random.Random(f"{SYNTHETIC_PREFIX}{n}")  # nosec B311 - demo data
        kind, sector, _w, patterns = _SYNTHETIC_KINDS[kinds.index(
            rng.choices(kinds, weights=kind_weights)[0])]
        home = rng.choices(codes, weights=weights)[0]
        name = rng.choice(patterns).format(place=ref.places[home].name)
        used[name] = used.get(name, 0) + 1
        if used[name] > 1:
            name = f"{name} {used[name]}"
        out.append((f"{SYNTHETIC_PREFIX}{n}", content._a(
            name, kind, sector, home, national=rng.random() < 0.02,
            wise=kind in ("social_enterprise", "cooperative") and rng.random() < 0.5)))
    return out


def plan_synthetic_relations(base: list[Node], synthetic: list[Node], per_actor: float,
                             today: dt.date) -> list[RelationRow]:
    """About ``per_actor`` relations for each synthetic actor, to actors made before it.

    Actor n links only to the written set and to synthetic actors 1 … n-1, so
    the relations of the first n actors do not depend on how many are made.
    Half go to actors in the same county, a third to an end of an existing
    relation (so well-connected actors gain more links, as in real networks).
    """
    rng = random.Random("actors-synthetic-relations")  # nosec B311 - demo data
    rel = _Relations(rng, today)
    earlier: list[Node] = list(base)
    by_county: dict[str, list[Node]] = defaultdict(list)
    for node in base:
        by_county[node.county].append(node)
    ends: list[Node] = []  # one entry per relation end: preferential attachment
    for n, node in enumerate(synthetic, start=1):
        wanted = math.floor(n * per_actor) - math.floor((n - 1) * per_actor)
        tries = 0
        while wanted > 0 and tries < wanted * 5:
            tries += 1
            roll = rng.random()
            if roll < 0.5 and by_county[node.county]:
                other = rng.choice(by_county[node.county])
            elif roll < 0.83 and ends:
                other = rng.choice(ends)
            else:
                other = rng.choice(earlier)
            source, target, kind = _relation_kind(rng, node, other)
            if rel.add(source.slug, target.slug, kind):
                ends.extend((node, other))
                wanted -= 1
        earlier.append(node)
        by_county[node.county].append(node)
    return rel.rows


def _relation_kind(rng: random.Random, node: Node, other: Node) -> tuple[Node, Node, str]:
    if other.kind == "network":
        return node, other, RelationKind.MEMBER_OF
    if node.kind == "network":
        return other, node, RelationKind.MEMBER_OF
    if other.kind in _FUNDER_KINDS and node.kind not in _FUNDER_KINDS:
        return other, node, RelationKind.FUNDS
    if node.kind in _FUNDER_KINDS and other.kind not in _FUNDER_KINDS:
        return node, other, RelationKind.FUNDS
    if node.kind in ("foundation", "cooperative") and other.kind == "company" \
            and rng.random() < 0.2:
        return node, other, RelationKind.OWNS
    kind = RelationKind.PARTNER if rng.random() < 0.4 else RelationKind.COLLABORATES
    return node, other, kind


def seed_synthetic(count: int, ref: Reference, log: Log, *,
                   relations_per_actor: float = SYNTHETIC_RELATIONS_PER_ACTOR) -> tuple[int, int]:
    """Synthetic actors 1 … ``count`` (two offerings each) and their relations.

    Returns (actors, relations) added. The bench calls this directly with the
    count and rate that give it 5,000 actors and 20,000 relations in all.
    """
    today, now = timezone.localdate(), timezone.now()
    records = synthetic_records(count, ref)
    have = set(Actor.objects.filter(slug__startswith=SYNTHETIC_PREFIX)
               .values_list("slug", flat=True))
    missing = [(n, slug, r) for n, (slug, r) in enumerate(records, start=1) if slug not in have]
    added = 0
    for batch in _chunks(missing, BATCH):
        plans = [plan_actor(record, slug=slug, serial=n, series="8", ref=ref, today=today,
                            now=now, offerings=2) for n, slug, record in batch]
        for plan, (n, _slug, _record) in zip(plans, batch, strict=True):
            if n >= 100_000:  # the fictional numbering has five digits
                plan.actor.org_number = ""
        added += len(create_actors(plans))
        log(f"  synthetic actors: {len(have) + added}/{count}")
    rows = plan_synthetic_relations(_nodes(base_records(), ref), _nodes(records, ref),
                                    relations_per_actor, today)
    return added, create_relations(rows)


def _chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


# --- Entry point ------------------------------------------------------------------------


def seed(*, scale: int, log: Log) -> None:
    from sihub.core import pagecache

    ref = Reference.load()
    actors, relations = seed_written(ref, log)
    log(f"actors: {len(content.ACTORS)} actors with offerings and relations "
        f"({actors} actors and {relations} relations added)")
    if scale > 0:
        started = time.perf_counter()
        added, linked = seed_synthetic(scale * SYNTHETIC_PER_SCALE, ref, log)
        log(f"actors: {added} synthetic actors and {linked} relations added in "
            f"{time.perf_counter() - started:.1f} s ({scale * SYNTHETIC_PER_SCALE} wanted)")
    pagecache.invalidate()  # bulk writes send no signals
