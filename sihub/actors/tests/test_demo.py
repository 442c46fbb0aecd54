"""The ecosystem demo data: big enough, all over Sweden, valid, and made once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from sihub.actors import demo, orgnr
from sihub.actors.models import (
    Actor,
    ActorKind,
    Contact,
    Offering,
    OfferingKind,
    Relation,
    RelationKind,
)

SECTORS = {"public", "private", "academia", "civil-society", "social-economy"}


def _seed(scale: int = 0) -> list[str]:
    lines: list[str] = []
    demo.seed(scale=scale, log=lines.append)
    return lines


@pytest.fixture
def seeded(db) -> None:
    _seed()


def _row_counts() -> dict[str, int]:
    return {
        "actors": Actor.objects.count(),
        "offerings": Offering.objects.count(),
        "relations": Relation.objects.count(),
        "contacts": Contact.objects.count(),
        "sdg links": Actor.sdgs.through.objects.count(),
        "offering regions": Offering.counties.through.objects.count()
        + Offering.municipalities.through.objects.count(),
    }


def test_it_makes_at_least_150_published_actors_in_all_sectors_and_15_counties(seeded):
    actors = Actor.objects.published()
    assert actors.count() >= 150
    assert set(actors.values_list("sector__slug", flat=True)) == SECTORS
    counties = set(actors.values_list("home_municipality__county__code", flat=True))
    assert len(counties) >= 15
    assert None not in counties  # every actor has a home municipality
    kinds = set(actors.values_list("kind", flat=True))
    assert kinds >= {ActorKind.MUNICIPALITY, ActorKind.REGION, ActorKind.AGENCY,
                     ActorKind.UNIVERSITY, ActorKind.INCUBATOR, ActorKind.FOUNDATION,
                     ActorKind.FUNDER, ActorKind.ASSOCIATION, ActorKind.SOCIAL_ENTERPRISE,
                     ActorKind.COOPERATIVE, ActorKind.NETWORK, ActorKind.COMPANY,
                     ActorKind.RESEARCH}


def test_it_names_real_public_bodies(seeded):
    names = set(Actor.objects.values_list("name", flat=True))
    assert {"Umeå kommun", "Region Västerbotten", "Vinnova", "Tillväxtverket",
            "Arbetsförmedlingen", "Försäkringskassan", "Umeå universitet", "Malmö universitet",
            "Mälardalens universitet"} <= names


def test_every_actor_has_both_descriptions_sdgs_themes_and_a_region_served(seeded):
    for actor in Actor.objects.prefetch_related("sdgs", "themes", "counties", "municipalities"):
        assert len(actor.description_sv) > 60 and len(actor.description_en) > 60, actor
        assert "{" not in actor.description_sv + actor.description_en, actor  # no unfilled slot
        assert actor.description_sv != actor.description_en
        assert list(actor.sdgs.all()) and list(actor.themes.all()), actor
        assert (actor.serves_national or list(actor.counties.all())
                or list(actor.municipalities.all())), actor
    descriptions = set(Actor.objects.values_list("description_en", flat=True))
    assert len(descriptions) == Actor.objects.count()  # varied, not one text for all


def test_organisation_numbers_are_valid_and_unique(seeded):
    numbers = list(Actor.objects.exclude(org_number="").values_list("org_number", flat=True))
    assert len(numbers) >= 100
    assert all(orgnr.normalise(n) == n for n in numbers)
    assert len(set(numbers)) == len(numbers)
    assert Actor.objects.get(name="Umeå kommun").org_number == "212000-2742"


def test_some_actors_have_their_own_coordinates_near_home(seeded):
    placed = Actor.objects.filter(latitude__isnull=False).select_related("home_municipality")
    assert 0.2 * Actor.objects.count() < placed.count() < 0.7 * Actor.objects.count()
    for actor in placed:
        home = actor.home_municipality
        assert abs(actor.latitude - home.latitude) <= 0.031
        assert abs(actor.longitude - home.longitude) <= 0.051


def test_it_makes_300_offerings_of_every_kind_some_closed_some_upcoming(seeded):
    offerings = Offering.objects.all()
    assert offerings.count() >= 300
    assert set(offerings.values_list("kind", flat=True)) == set(OfferingKind.values)
    today = timezone.localdate()
    assert offerings.filter(closes_on__lt=today).count() >= 10  # closed
    assert offerings.filter(opens_on__gt=today).count() >= 10  # upcoming
    assert offerings.filter(opens_on__lte=today, closes_on__gte=today).count() >= 10  # open
    assert offerings.filter(opens_on__isnull=True, closes_on__isnull=True).count() >= 50
    assert offerings.exclude(stages=[]).count() >= 100
    assert Offering.target_sectors.through.objects.count() >= 200
    for offering in offerings:
        assert offering.title_sv and offering.title_en and "{" not in offering.title_en
        assert offering.national or offering.counties.exists() or offering.municipalities.exists()
        offering.full_clean()  # stages are known values, dates in order


def test_it_makes_400_dated_sourced_relations_of_every_kind(seeded):
    relations = Relation.objects.all()
    assert relations.count() >= 400
    kinds = {kind: relations.filter(kind=kind).count() for kind in RelationKind.values}
    assert all(n >= 5 for n in kinds.values()), kinds
    assert not relations.filter(started_on__isnull=True).exists()
    assert not relations.filter(source="").exists()
    assert relations.filter(ended_on__lt=timezone.localdate()).exists()  # some are over
    owns = Relation.objects.get(kind=RelationKind.OWNS, target_actor__name="AB Bostaden i Umeå")
    assert owns.source_actor.name == "Umeå kommun"
    # A symmetric link is recorded once per pair: not in each direction, not as both kinds.
    pairs = [frozenset(p) for p in relations.filter(kind__in=["partner", "collaborates"])
             .values_list("source_actor_id", "target_actor_id")]
    assert len(pairs) == len(set(pairs))


def test_contacts_are_fictional_some_public_with_consent_some_not(seeded):
    public = Contact.objects.filter(is_public=True)
    private = Contact.objects.filter(is_public=False)
    assert public.count() >= 3 and private.count() >= 3
    assert not public.filter(consent_at__isnull=True).exists()
    assert not private.filter(consent_at__isnull=False).exists()
    assert all(email.endswith("example.org") for email in
               Contact.objects.values_list("email", flat=True))
    real = set(demo._REAL)
    assert not Contact.objects.filter(actor__name__in=real).exists()  # no invented staff


def test_running_it_again_adds_nothing(seeded):
    before = _row_counts()
    lines = _seed()
    assert _row_counts() == before
    assert "(0 actors and 0 relations added)" in lines[0]


def test_it_is_deterministic():
    """The same records and relations come out of two plans made apart."""
    ref_free = demo.base_records()
    assert ref_free == demo.base_records()
    nodes = [demo.Node(slug, r["name"], r["kind"], r["sector"], r["home"][:2], r["home"],
                       r["national"]) for slug, r in ref_free]
    today = dt.date(2026, 3, 1)
    assert demo.plan_relations(nodes, today) == demo.plan_relations(nodes, today)


def test_scale_adds_synthetic_actors_offerings_and_relations_once(seeded):
    base = _row_counts()
    _seed(scale=1)
    after = _row_counts()
    synthetic = Actor.objects.filter(slug__startswith=demo.SYNTHETIC_PREFIX)
    assert synthetic.count() == demo.SYNTHETIC_PER_SCALE
    assert after["offerings"] - base["offerings"] == 2 * demo.SYNTHETIC_PER_SCALE
    added = after["relations"] - base["relations"]
    assert 0.95 * 4 * demo.SYNTHETIC_PER_SCALE <= added <= 4 * demo.SYNTHETIC_PER_SCALE
    assert len(set(synthetic.values_list("name", flat=True))) == synthetic.count()
    assert set(synthetic.values_list("sector__slug", flat=True)) >= {
        "private", "civil-society", "social-economy"}
    _seed(scale=1)
    assert _row_counts() == after


def test_synthetic_actor_n_does_not_depend_on_the_count(db):
    ref = demo.Reference.load()
    small, large = demo.synthetic_records(50, ref), demo.synthetic_records(80, ref)
    assert large[:50] == small
    base = demo._nodes(demo.base_records(), ref)
    today = dt.date(2026, 3, 1)
    rows_small = demo.plan_synthetic_relations(base, demo._nodes(small, ref), 4.0, today)
    rows_large = demo.plan_synthetic_relations(base, demo._nodes(large, ref), 4.0, today)
    assert rows_large[:len(rows_small)] == rows_small
