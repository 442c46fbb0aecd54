import re

from sihub.core.models import County, Municipality, Sector, Theme
from sihub.sdg.models import Goal, Target

# Targets per goal, as the UN numbers them.
TARGETS_PER_GOAL = [7, 8, 13, 10, 9, 8, 5, 12, 8, 10, 10, 11, 5, 10, 12, 12, 19]


def test_it_has_all_goals_and_targets_in_both_languages(db):
    assert Goal.objects.count() == 17
    assert Target.objects.count() == 169
    for goal, expected in zip(Goal.objects.order_by("number"), TARGETS_PER_GOAL, strict=True):
        assert goal.targets.count() == expected, goal.number
        assert goal.title_sv and goal.title_en and goal.text_sv and goal.text_en
        assert re.fullmatch(r"#[0-9A-F]{6}", goal.color)
    assert not Target.objects.filter(text_sv="").exists()
    assert not Target.objects.filter(text_en="").exists()
    assert Target.objects.get(code="8.5").goal.number == 8
    assert Target.objects.filter(code="17.19").exists()
    assert Goal.objects.get(number=1).title_sv == "Ingen fattigdom"


def test_it_has_every_county_and_municipality_with_official_codes(db):
    assert County.objects.count() == 21
    assert Municipality.objects.count() == 290
    assert County.objects.get(code="24").name_sv == "Västerbottens län"
    assert Municipality.objects.get(code="2480").name == "Umeå"
    assert Municipality.objects.get(code="0180").county.code == "01"
    for m in Municipality.objects.select_related("county"):
        assert m.code[:2] == m.county.code
        assert 55 < m.latitude < 69.5 and 10.5 < m.longitude < 24.5


def test_it_has_sectors_and_themes_in_both_languages(db):
    assert set(Sector.objects.values_list("slug", flat=True)) == {
        "public", "private", "academia", "civil-society", "social-economy"}
    assert Theme.objects.count() >= 10
    assert not Theme.objects.filter(name_sv="").exists()


def test_it_ships_boundaries_for_every_region():
    import json
    from pathlib import Path

    geo = Path(__file__).resolve().parents[1] / "static" / "core" / "geo"
    counties = json.loads((geo / "counties.geojson").read_text())
    municipalities = json.loads((geo / "municipalities.geojson").read_text())
    assert len(counties["features"]) == 21
    assert len({f["properties"]["code"] for f in municipalities["features"]}) == 290


def test_it_shows_names_in_the_active_language(db):
    from django.utils import translation

    county = County.objects.get(code="01")
    with translation.override("en"):
        assert county.name == "Stockholm County"
    with translation.override("sv"):
        assert county.name == "Stockholms län"
