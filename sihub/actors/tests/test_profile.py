"""Actor profiles: what they show, what they never show, the map, and who gets which links."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from html import unescape

import pytest
from django.utils import timezone

from sihub.actors import graph
from sihub.actors.graph import LinkedItem
from sihub.actors.models import ActorKind, Contact, OfferingKind, RelationKind, Representative
from sihub.actors.tests.factories import make_actor, make_offering, make_relation
from sihub.actors.tests.test_directory import assert_page_is_sound
from sihub.conftest import login


def url(actor, language: str = "en") -> str:
    return f"/{language}/actors/{actor.slug}/"


def json_block(html: str, element_id: str) -> dict:
    match = re.search(rf'<script id="{element_id}" type="application/json">(.*?)</script>', html,
                      re.S)
    assert match, f"no JSON block #{element_id}"
    return json.loads(match.group(1))


def json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD"
    return json.loads(match.group(1))


@pytest.fixture
def coop(db):
    from sihub.core.models import Theme
    from sihub.sdg.models import Target

    actor = make_actor(
        "Umeå Kooperativ", sector_slug="social-economy", kind=ActorKind.COOPERATIVE, home="2480",
        counties=["24"], municipalities=["2482"], sdgs=[8, 10], org_number="556036-0793",
        website="https://kooperativ.example.se", description_sv="Vi skapar jobb i Umeå.",
        description_en="We create jobs in Umeå.", serves_international=True)
    actor.sdg_targets.set(Target.objects.filter(code__in=["8.5"]))
    actor.themes.set(Theme.objects.all()[:1])
    actor.save()
    return actor


def test_it_shows_the_profile_to_anonymous_visitors(client, coop):
    response = client.get(url(coop))
    assert response.status_code == 200
    html = response.content.decode()
    assert_page_is_sound(html, "en")
    assert "<h1>Umeå Kooperativ</h1>" in html
    assert "Social economy" in html and "Cooperative" in html
    assert "556036-0793" in html
    assert 'href="https://kooperativ.example.se"' in html
    assert "We create jobs in Umeå." in html and "Vi skapar jobb" not in html
    assert "Umeå, Västerbottens län" in html or "Umeå, Västerbotten County" in html
    assert "Internationally" in html and "Skellefteå" in html
    assert 'href="/en/agenda2030/8/"' in html and 'href="/en/agenda2030/10/"' in html
    assert 'href="/en/agenda2030/8/#target-8.5"' in html


def test_it_shows_the_other_language_marked_when_one_is_missing(client, db):
    actor = make_actor("Bara Svenska", description_sv="Endast på svenska.")
    html = client.get(url(actor)).content.decode()
    assert '<div class="actor-description" lang="sv"><p>Endast på svenska.</p></div>' in html
    html = client.get(url(actor, "sv")).content.decode()
    assert '<div class="actor-description"><p>Endast på svenska.</p></div>' in html


def test_it_answers_404_for_unpublished_and_unknown_actors(client, outsider, db):
    hidden = make_actor("Dold", is_published=False)
    assert client.get(url(hidden)).status_code == 404
    assert login(outsider).get(url(hidden)).status_code == 404
    assert client.get("/en/actors/no-such-actor/").status_code == 404


def test_it_lists_offerings_with_their_state(client, coop):
    today = timezone.localdate()
    make_offering(coop, OfferingKind.FUNDING, title="Startbidrag", stages=["idea", "pilot"],
                  target_sectors=["social-economy"], municipalities=["2480"],
                  conditions="Högst 50 000 kr.", url="https://kooperativ.example.se/bidrag",
                  closes_on=today + timedelta(days=30), target_groups="Unga vuxna")
    make_offering(coop, OfferingKind.ADVICE, title="Rådgivning", national=True)
    make_offering(coop, OfferingKind.EDUCATION, title="Kurs i höst",
                  opens_on=today + timedelta(days=60))
    make_offering(coop, OfferingKind.PREMISES, title="Gamla lokaler",
                  opens_on=today - timedelta(days=90), closes_on=today - timedelta(days=1))
    html = client.get(url(coop)).content.decode()
    assert_page_is_sound(html, "en")
    start = html[html.index("Startbidrag") - 400:html.index("Rådgivning")]
    assert 'lang="sv">Startbidrag</h3>' in start  # no English title: marked as Swedish
    assert "Funding" in start and "Open until" in start
    assert "<dd>Idea, Pilot</dd>" in start and "<dd>Social economy</dd>" in start
    assert "<dd>Unga vuxna</dd>" in start
    assert "Umeå" in start and "Högst 50 000 kr." in start
    assert 'href="https://kooperativ.example.se/bidrag"' in start
    advice = html[html.index("Rådgivning"):html.index("Kurs i höst")]
    assert "All of Sweden" in advice and "No closing date" in advice
    assert "All stages" in advice and "All sectors" in advice
    later = html[html.index("Kurs i höst"):html.index("Gamla lokaler")]
    assert "Opens later" in later and "Wherever the organisation works" in later
    assert "Closed" in html[html.index("Gamla lokaler"):]


def test_it_shows_relations_both_ways_with_readable_labels(client, coop):
    funder = make_actor("Stiftelsen Pengar", kind=ActorKind.FOUNDATION)
    network = make_actor("Nätverket Norr", kind=ActorKind.NETWORK)
    partner = make_actor("Partnern AB", sector_slug="private")
    hidden = make_actor("Hemlig Ägare", is_published=False)
    make_relation(funder, coop, RelationKind.FUNDS, started_on=date(2020, 1, 1))
    make_relation(coop, network, RelationKind.MEMBER_OF)
    make_relation(partner, coop, RelationKind.PARTNER)
    make_relation(coop, partner, RelationKind.PARTNER)  # recorded both ways: shown once
    make_relation(hidden, coop, RelationKind.OWNS)
    html = client.get(url(coop)).content.decode()
    assert_page_is_sound(html, "en")
    section = html[html.index('id="relations-heading"'):]
    assert re.search(r"<h3>Funded by</h3>\s*<ul class=\"relation-list\">\s*<li><a href=\""
                     rf"/en/actors/{funder.slug}/\">Stiftelsen Pengar</a>", section)
    assert "since 2020" in section
    assert re.search(rf"<h3>Member of</h3>\s*<ul class=\"relation-list\">\s*<li><a href=\""
                     rf"/en/actors/{network.slug}/\">", section)
    assert section.count("Partnern AB") == 1
    assert "<h3>Partner of</h3>" in section
    assert "Hemlig Ägare" not in html and "Owned by" not in html

    # The other side reads the other way round.
    html = client.get(url(funder)).content.decode()
    assert re.search(r"<h3>Funds</h3>\s*<ul class=\"relation-list\">\s*<li><a href=\""
                     rf"/en/actors/{coop.slug}/\">Umeå Kooperativ</a>", html)
    html = client.get(url(network)).content.decode()
    assert "<h3>Has as member</h3>" in html


def test_it_shows_public_contacts_only(client, coop):
    Contact.objects.create(actor=coop, name="Publika Petra", role="Verksamhetsledare",
                           email="petra@kooperativ.example.se", is_public=True,
                           consent_at=timezone.now())
    Contact.objects.create(actor=coop, name="Privata Per", email="per@kooperativ.example.se",
                           phone="070-123 45 67", is_public=False)
    html = client.get(url(coop)).content.decode()
    assert "Publika Petra" in html and 'href="mailto:petra@kooperativ.example.se"' in html
    assert "Privata Per" not in html and "per@kooperativ" not in html and "070-123" not in html


def test_it_hides_the_contact_section_when_no_one_agreed(client, coop):
    Contact.objects.create(actor=coop, name="Privata Per", is_public=False)
    html = client.get(url(coop)).content.decode()
    assert 'id="contacts-heading"' not in html and "Privata Per" not in html


def test_it_groups_linked_content_from_other_areas(client, coop, monkeypatch):
    def provider(actor_id: int) -> list[LinkedItem]:
        if actor_id != coop.pk:
            return []
        return [LinkedItem("Matkassen", "/en/examples/matkassen/", "Good examples"),
                LinkedItem("Koalition för jobb", "/en/coalitions/1/", "Coalitions"),
                LinkedItem("Second-hand-butiken", "/en/examples/butiken/", "Good examples")]

    monkeypatch.setitem(graph._CONTENT, "test", provider)
    html = client.get(url(coop)).content.decode()
    assert_page_is_sound(html, "en")
    section = html[html.index('id="linked-heading"'):]
    assert re.search(r"<h3>Good examples</h3>\s*<ul><li><a href=\"/en/examples/matkassen/\">"
                     r"Matkassen</a></li><li><a href=\"/en/examples/butiken/\">", section)
    assert "<h3>Coalitions</h3>" in section


def test_it_draws_a_map_with_county_outlines_and_no_tiles_by_default(client, coop):
    html = client.get(url(coop)).content.decode()
    config = json_block(html, "actor-map-config")
    assert config["counties"].endswith("core/geo/counties.geojson")
    assert config["tiles"] == ""
    municipality = coop.home_municipality
    assert (config["lat"], config["lon"]) == (municipality.latitude, municipality.longitude)
    assert '<div id="actor-map" class="actor-map__canvas" aria-hidden="true"></div>' in html
    assert "Based in Umeå municipality" in html  # the text alternative
    assert "/static/vendor/leaflet/leaflet.js" in html and "/static/actors/profile-map.js" in html
    assert "Map tiles:" not in html


def test_it_uses_the_actors_own_point_and_configured_tiles(client, db, settings):
    settings.SIHUB_MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    settings.SIHUB_MAP_TILE_ATTRIBUTION = '© <a href="https://example.org">Example</a>'
    actor = make_actor("Med Punkt", home="2480", latitude=63.8258, longitude=20.2630)
    html = client.get(url(actor)).content.decode()
    config = json_block(html, "actor-map-config")
    assert (config["lat"], config["lon"]) == (63.8258, 20.263)
    assert config["tiles"] == "https://tiles.example.org/{z}/{x}/{y}.png"
    assert "latitude 63.8258, longitude 20.2630" in html
    assert "Map tiles: © Example" in unescape(html)


def test_it_leaves_the_map_out_when_there_is_no_place(client, db):
    actor = make_actor("Utan Ort")
    html = client.get(url(actor)).content.decode()
    assert "actor-map-config" not in html and "leaflet.js" not in html


def test_it_describes_the_organisation_for_search_engines(client, coop):
    data = json_ld(client.get(url(coop)).content.decode())
    assert data["@type"] == "Organization" and data["name"] == "Umeå Kooperativ"
    assert data["url"].endswith(f"/en/actors/{coop.slug}/")
    assert data["sameAs"] == ["https://kooperativ.example.se"]
    assert data["identifier"] == "556036-0793"
    assert data["address"]["addressLocality"] == "Umeå"


def test_the_json_ld_cannot_close_its_script_element(client, db):
    actor = make_actor("Elak", description_en="</script><script>alert(1)</script>")
    html = client.get(url(actor)).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in block
    assert json.loads(block)["description"] == "</script><script>alert(1)</script>"


def test_it_offers_members_to_claim_and_representatives_to_propose(client, member, outsider,
                                                                   coop):
    claim, propose = f"/en/actors/{coop.slug}/claim/", f"/en/actors/{coop.slug}/propose/"
    html = client.get(url(coop)).content.decode()
    assert claim not in html and propose not in html
    html = login(member).get(url(coop)).content.decode()
    assert f'href="{claim}"' in html and propose not in html
    Representative.objects.create(actor=coop, user=outsider)
    html = login(outsider).get(url(coop)).content.decode()
    assert f'href="{propose}"' in html and claim not in html


def test_it_shows_the_logo(client, db, settings, tmp_path):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    settings.MEDIA_ROOT = tmp_path
    logo = Image.objects.create(title="Logga", file=get_test_image_file("logo.png"))
    actor = make_actor("Med Logga", logo=logo)
    html = client.get(url(actor)).content.decode()
    assert re.search(r'<img [^>]*alt=""[^>]*class="actor-header__logo"|'
                     r'<img [^>]*class="actor-header__logo"[^>]*alt=""', html)


def test_the_profile_needs_few_queries(client, coop, django_assert_max_num_queries):
    other = make_actor("Annan")
    for n in range(5):
        make_offering(coop, OfferingKind.FUNDING, counties=["24"], target_sectors=["public"])
        make_relation(make_actor(f"Partner {n}"), coop, RelationKind.FUNDS)
    make_relation(coop, other, RelationKind.PARTNER)
    client.get(url(coop))
    with django_assert_max_num_queries(20):
        response = client.get(url(coop))
    assert response.status_code == 200


def test_representatives_and_editors_also_see_contacts_kept_from_the_public(coop, editor,
                                                                            member, outsider):
    from sihub.actors.models import Representative

    Contact.objects.create(actor=coop, name="Privata Per", is_public=False)
    Representative.objects.create(actor=coop, user=member)
    for user in (member, editor):
        html = login(user).get(url(coop)).content.decode()
        assert "Privata Per" in html and "visible only to editors" in html
    assert "Privata Per" not in login(outsider).get(url(coop)).content.decode()
