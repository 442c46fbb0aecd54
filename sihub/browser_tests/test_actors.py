"""The ecosystem pages in a real browser: accessible, scripts running under the CSP.

The map, the network and the profile map are drawn by JavaScript; these tests
are the only place that runs it, so each one also fails on any console error
or Content-Security-Policy violation.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from sihub.browser_tests.test_accessibility import BLOCKING, axe_violations, describe, open_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def ecosystem(site: str) -> dict[str, Any]:
    """A small ecosystem across sectors and counties, made without audited services."""
    from sihub.actors.models import Contact, OfferingKind, RelationKind, Stage
    from sihub.actors.tests.factories import make_actor, make_offering, make_relation

    region = make_actor("Region Västerbotten", sector_slug="public", kind="region", home="2480",
                        counties=["24"], sdgs=[8, 10],
                        description_sv="Regionen stöttar social innovation i hela länet.",
                        description_en="The region supports social innovation in the county.")
    hub = make_actor("Umeå Sociala Inkubator", sector_slug="social-economy", kind="incubator",
                     home="2480", latitude=63.83, longitude=20.26, sdgs=[8],
                     description_sv="Inkubator för sociala företag.")
    uni = make_actor("Norrlands Universitet", sector_slug="academia", kind="university",
                     home="2480", serves_national=True)
    coop = make_actor("Kooperativet Gröna Händer", sector_slug="civil-society",
                      kind="cooperative", home="1280", counties=["12"])
    make_offering(region, OfferingKind.FUNDING, title="Innovationscheckar",
                  counties=["24"], stages=[Stage.PILOT])
    make_offering(hub, OfferingKind.INCUBATION, title="Inkubatorprogram", stages=[Stage.IDEA])
    make_offering(uni, OfferingKind.RESEARCH, title="Forskningssamverkan", national=True)
    make_relation(region, hub, RelationKind.FUNDS, source="Årsredovisning 2025")
    make_relation(uni, hub, RelationKind.PARTNER)
    make_relation(coop, uni, RelationKind.COLLABORATES)
    make_relation(coop, hub, RelationKind.MEMBER_OF)  # the hub: the best-connected actor
    Contact.objects.create(actor=hub, name="Ina Inkubator", email="ina@example.org",
                           is_public=True)
    return {"site": site, "region": region, "hub": hub}


@pytest.fixture
def watched(page: Page) -> Iterator[tuple[Page, list[str]]]:
    """The page plus every console error and uncaught exception it produces."""
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    yield page, problems


def assert_accessible(page: Page, path: str) -> None:
    blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING]
    assert not blocking, f"axe on {path}:\n{describe(blocking)}"


@pytest.mark.parametrize("path", [
    "/sv/actors/", "/en/actors/?sector=public", "/sv/actors/find-support/",
    "/sv/actors/find-support/?sector=civil-society&municipality=2480&needs=funding&needs=incubation",
    "/sv/actors/find-support/?municipality=9999",  # the form with errors
    "/sv/actors/analysis/", "/en/actors/analysis/",
], ids=["directory-sv", "directory-en", "support-form", "support-results", "support-errors",
        "analysis-sv", "analysis-en"])
def test_ecosystem_pages_have_no_serious_axe_violations(ecosystem, page: Page, path: str) -> None:
    open_page(page, ecosystem["site"] + path)
    assert_accessible(page, path)


def test_the_profile_draws_its_map_and_is_accessible(ecosystem, watched) -> None:
    page, problems = watched
    path = ecosystem["hub"].get_absolute_url()
    open_page(page, ecosystem["site"] + path)
    # The point (a circle marker) and the county outlines are SVG paths.
    expect(page.locator("#actor-map path")).to_have_count(22)
    assert_accessible(page, path)
    assert problems == []


def test_the_map_draws_regions_markers_and_a_legend(ecosystem, watched) -> None:
    page, problems = watched
    open_page(page, ecosystem["site"] + "/sv/actors/map/")
    # 21 county shapes, and the actors as (clustered) markers.
    expect(page.locator("#ecosystem-map path.leaflet-interactive")).to_have_count(21)
    expect(page.locator("#ecosystem-map .marker-cluster, #ecosystem-map .leaflet-marker-icon")
           .first).to_be_attached()
    expect(page.locator("#map-legend-items li").first).to_be_attached()
    # Switching to municipalities redraws without a page load and updates the table.
    page.select_option("#map-level", "municipality")
    expect(page.locator("#ecosystem-map path.leaflet-interactive")).to_have_count(290)
    expect(page.locator("#map-table-body")).to_contain_text("Umeå")
    assert_accessible(page, "/sv/actors/map/")
    assert problems == []


def test_the_network_draws_actors_and_opens_a_profile_with_the_keyboard(ecosystem,
                                                                          watched) -> None:
    page, problems = watched
    open_page(page, ecosystem["site"] + "/sv/actors/network/")
    expect(page.locator("#ecosystem-network canvas").first).to_be_attached()
    assert_accessible(page, "/sv/actors/network/")
    # The server-rendered table is the text alternative, with links to profiles.
    expect(page.locator("main table a", has_text="Umeå Sociala Inkubator")).to_be_visible()
    page.focus("#ecosystem-network")
    page.keyboard.press("ArrowRight")  # the best-connected actor first
    expect(page.locator("#network-status")).to_contain_text("Umeå Sociala Inkubator")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/network/" not in url)
    assert page.url.endswith("/sv/actors/umea-sociala-inkubator/")
    assert problems == []


def test_it_filters_the_directory_with_the_keyboard_alone(ecosystem, page: Page) -> None:
    open_page(page, ecosystem["site"] + "/sv/actors/")
    results = page.locator("#listing-results")
    expect(results).to_contain_text("Kooperativet Gröna Händer")
    box = page.get_by_role("checkbox", name="Akademi", exact=False).first
    box.focus()
    page.keyboard.press("Space")
    page.keyboard.press("Enter")  # submits the filter form
    expect(results).to_contain_text("Norrlands Universitet")
    expect(results).not_to_contain_text("Kooperativet Gröna Händer")
